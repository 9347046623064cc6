"""`shopbook addin build`: dist/shopbook.xlam from the sources in macros/, reproducibly.

The workbook part of the add-in is the one xlwings ships for custom ribbon add-ins
(quickstart_addin_ribbon.xlam in the pinned xlwings wheel: its settings sheet, renamed
_shopbook.conf and so inactive); the ribbon (customUI.xml) and the VBA project come from macros/.
Fixed zip dates and order: the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from ..io.files import write_atomic
from ..issues import ShopbookError
from .vba_project import build_vba_project, read_modules

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
RIBBON_REL_2006 = b"http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
RIBBON_REL_2007 = b"http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CONF_SHEET = "_shopbook.conf"  # inactive: see build_addin


def repo_macros() -> Path:
    """macros/ of the clone shopbook runs from; from an installed wheel, the copy setup.py puts
    inside the package (shopbook/addin/macros)."""
    here = Path(__file__).resolve()
    root = here.parents[3]
    if (root / "pyproject.toml").exists() and (root / "macros").is_dir():
        return root / "macros"
    return here.with_name("macros")


def base_addin() -> Path:
    """xlwings' ribbon add-in, the one shopbook's is built on: found without importing xlwings
    (which loads pandas and matplotlib, 2–3 s of every `addin build`, `install` and `doctor`)."""
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'xlwings'", name="xlwings")
    return Path(spec.submodule_search_locations[0]) / "quickstart_addin_ribbon.xlam"


LANGS = ("zh", "en")
SCHEMA = Path(__file__).with_name("customUI.xsd")


def ribbon_xml(macros: Path, lang: str = "zh") -> bytes:
    """customUI.xml holds the Chinese labels; the English ribbon takes its labels, by
    control id, from ribbon-labels-en.json. Everything else is the same file."""
    ui = (macros / "customUI.xml").read_bytes()
    if lang == "zh":
        return ui
    if lang not in LANGS:
        raise ShopbookError(f"不支持的语言：{lang}（可选 zh、en）。", f"Unknown language {lang!r} (zh or en).")
    labels = json.loads((macros / f"ribbon-labels-{lang}.json").read_text(encoding="utf-8"))

    def swap(m: re.Match) -> bytes:
        return m.group(1) + escape(labels[m.group(2).decode()], {'"': "&quot;"}).encode() + m.group(3)

    return re.sub(rb'(\bid="(\w+)" label=")[^"]*(")', swap, ui)


@lru_cache(maxsize=None)
def ribbon_labels(lang: str = "zh") -> dict[str, str]:
    """Each control's label, by id, on the ribbon of `lang` as the add-in is built with it: what
    anything naming a button (the self-check) says, so that it never names one the ribbon lacks."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(ribbon_xml(repo_macros(), lang))
    return {el.get("id"): el.get("label") for el in root.iter() if el.get("id") and el.get("label") is not None}


# The labels of the buttons shopbook's own words name, as the ribbon ships them: where there is no macros/ beside
# this copy of shopbook (a test proves them the ribbon's)
SHIPPED_LABELS = {"btnValidate": ("校验", "Validate"), "btnStocktakePost": ("盘点过账", "Post stocktake"),
                  "btnImportKpi": ("导入生意参谋…", "Import shop data…"), "btnAftersalesReceive": ("售后收货…", "Receive returns…"),
                  "btnAgentSettle": ("代理月结", "Settle"), "btnMorning": ("审单并拣货…", "Review and pick…"),
                  "btnShip": ("验货发货…", "Ship scans…"), "btnAftersales": ("售后处理", "After-sales cases"),
                  "btnReview": ("审单", "Review"), "btnPicklist": ("拣货单", "Pick list"),
                  "btnStocktakeSheet": ("盘点表", "Stocktake sheet"), "btnPurchaseReceive": ("采购收货…", "Receive PO…"),
                  "btnReconcileAlipay": ("支付宝对账…", "Reconcile Alipay…"), "btnSelfCheck": ("自查", "Self-check"),
                  "btnImportOrders": ("导入订单…", "Import orders…"), "btnReconcileWechat": ("微信对账…", "Reconcile WeChat Pay…"),
                  "btnReconcileCourier": ("快递对账…", "Reconcile courier…")}


def button_label(control: str) -> tuple[str, str]:
    """The ribbon button `control` as the Chinese and the English ribbon label it (zh, en): what a box or a
    message naming a button says, so that it names the button as the ribbon shows it."""
    try:
        return ribbon_labels("zh")[control], ribbon_labels("en")[control]
    # a macros/ being edited (ribbon-labels-en.json half saved: JSONDecodeError, a ValueError; customUI.xml cut
    # short: ET.ParseError, a SyntaxError; a JSON that is no table of labels: TypeError) stops no command that
    # names a button: the labels the ribbon ships
    except (OSError, KeyError, ValueError, SyntaxError, TypeError):
        return SHIPPED_LABELS[control]


IMAGE_MSO = Path(__file__).with_name("imageMso.txt")


def image_mso_ids() -> set[str]:
    """Office's built-in icon ids, from the public list named in imageMso.txt's first line.
    No schema knows them, and Excel draws a blank icon for a wrong one."""
    return {line for line in IMAGE_MSO.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def ribbon_errors(ui: bytes) -> list[str]:
    """Where the ribbon XML breaks the customUI schema (customUI.xsd) or names an icon that is
    not an Office imageMso id; empty when valid."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    try:
        doc = etree.fromstring(ui)
    except etree.XMLSyntaxError as e:
        return [str(e)]
    errors = [] if schema.validate(doc) else [f"line {e.line}: {e.message}" for e in schema.error_log]
    known = image_mso_ids()
    errors += [f"line {el.sourceline}: imageMso {el.get('imageMso')!r} is not an Office icon id (imageMso.txt)"
               for el in doc.iter() if el.get("imageMso") is not None and el.get("imageMso") not in known]
    return errors


LANG_CONST = b'Private Const ADDIN_LANG As String = "zh"'


LANG_MODULES = ("Ribbon", "xlwings_udfs")


def in_language(modules: list, lang: str) -> list:
    """The modules with their ADDIN_LANG set to `lang`: the words the VBA says itself (the 审单并拣货…
    button's question, the function wizard's help) in the add-in's one language, as its labels are."""
    from dataclasses import replace

    out = []
    for m in modules:
        if m.name in LANG_MODULES:
            if m.source.count(LANG_CONST) != 1:
                raise ShopbookError(f"{m.name}.bas 里应有一行 ADDIN_LANG 常量（\"zh\"）。",
                                    f'{m.name}.bas should hold one ADDIN_LANG constant ("zh").', f"{m.name}.bas")
            m = replace(m, source=m.source.replace(LANG_CONST, LANG_CONST.replace(b'"zh"', f'"{lang}"'.encode())))
        out.append(m)
    return out


def build_addin(macros: Path | None = None, out: Path = Path("dist/shopbook.xlam"), lang: str = "zh") -> Path:
    macros = Path(macros) if macros else repo_macros()
    ui = ribbon_xml(macros, lang)
    errors = ribbon_errors(ui)
    if errors:
        raise ShopbookError("customUI.xml 不符合功能区架构：\n" + "\n".join(errors),
                            "customUI.xml does not follow the ribbon schema:\n" + "\n".join(errors),
                            macros / "customUI.xml")
    vba = build_vba_project(in_language(read_modules(macros), lang))
    with zipfile.ZipFile(base_addin()) as base:
        parts = {n: base.read(n) for n in sorted(base.namelist())}
    parts["customUI/customUI.xml"] = ui
    parts["xl/vbaProject.bin"] = vba
    # The template's settings sheet stays inactive (the leading _): xlwings' GetConfig takes a key
    # from an add-in's "shopbook.conf" sheet as soon as the key is there, blank or not, and would
    # never read the file `addin install` writes (%USERPROFILE%\\.shopbook\\shopbook.conf).
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'name="_myaddin.conf"',
                                                                f'name="{CONF_SHEET}"'.encode())
    # [MS-OI29500]: a customUI.xml in the 2006 namespace is the target of the 2006 relationship
    # type (the template's 2007 type is for customUI14.xml)
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(RIBBON_REL_2007, RIBBON_REL_2006)
    parts["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:\1>",
                                        rb"<dcterms:\1\2>2026-01-01T00:00:00Z</dcterms:\1>", parts["docProps/core.xml"])

    def write(p: Path) -> None:
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
            for name in ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]:
                z.writestr(zipfile.ZipInfo(name, ZIP_DATE), parts[name], zipfile.ZIP_DEFLATED)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(out, write, keep_backup=False)


def write_udf_wrappers(macros: Path | None = None) -> Path:
    """macros/xlwings_udfs.bas regenerated from shopbook.xl.udfs (commit the result)."""
    from ..io.files import write_bytes_atomic
    from .udf_wrappers import VBA_NAME, generate_udf_module

    return write_bytes_atomic((Path(macros) if macros else repo_macros()) / f"{VBA_NAME}.bas", generate_udf_module())


def read_vba_sources(xlam: Path) -> dict[str, bytes]:
    """Module name → source, as oletools reads the built add-in back."""
    from oletools.olevba import VBA_Parser

    vp = VBA_Parser(str(xlam))
    try:
        out = {}
        for _f, _stream, name, code in vp.extract_macros():
            out[name.rsplit(".", 1)[0]] = code.encode("cp1252") if isinstance(code, str) else code
        return out
    finally:
        vp.close()


def ribbon_actions(ui_xml: bytes) -> list[str]:
    return [a.decode() for a in re.findall(rb'onAction="([^"]+)"', ui_xml)]


def ribbon_subs(source: bytes) -> set[str]:
    return {m.decode() for m in re.findall(rb"^Sub (\w+)\(control As IRibbonControl\)", source, re.M)}


def python_calls(source: bytes) -> set[str]:
    """The shopbook.xl entry points the ribbon module calls."""
    return {m.decode() for m in re.findall(rb'(?:RunShopbook|WithFile|AskFilesFirst) "(\w+)', source)}


def default_addin_path(lang: str = "zh") -> Path:
    return Path("dist/shopbook.xlam" if lang == "zh" else f"dist/shopbook-{lang}.xlam")
