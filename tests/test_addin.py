"""The Excel add-in, proven on Linux up to Excel's edge."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import olefile
import pytest
from oletools.olevba import decompress_stream

from shopbook import xl
from shopbook.addin import cfb
from shopbook.addin.build import (build_addin, python_calls, read_vba_sources, repo_macros, ribbon_actions,
                                  ribbon_subs)
from shopbook.addin.ovba import compress, decompress
from shopbook.addin.vba_project import read_modules

MACROS = repo_macros()
SPEC_EXAMPLES = [  # the inputs of MS-OVBA section 3.2's compression examples
    b"abcdefghijklmnopqrstuv.", b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa", b"#" * 2 + b"a" * 64]


@pytest.mark.parametrize("data", SPEC_EXAMPLES + [b"x", os.urandom(9000), b"Sub A()\r\nEnd Sub\r\n" * 9000,
                                                   (MACROS / "xlwings.bas").read_bytes()])
def test_compression_round_trip(data):
    packed = compress(data)
    assert decompress(packed) == data
    assert bytes(decompress_stream(bytearray(packed))) == data  # oletools, an independent decompressor
    assert compress(data) == packed


def test_long_module_is_not_truncated():
    # the bug in ms-ovba-compression cut modules like this one short
    data = (MACROS / "xlwings.bas").read_bytes()
    assert len(data) > 40000 and bytes(decompress_stream(bytearray(compress(data)))) == data


def test_cfb_reads_back_in_strict_mode(tmp_path):
    streams = {"PROJECT": b"p" * 600, "VBA/dir": os.urandom(2000), "VBA/big": os.urandom(70000), "VBA/empty": b""}
    path = tmp_path / "x.bin"
    path.write_bytes(cfb.build(streams))
    ole = olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_INCORRECT)
    assert {"/".join(e): ole.openstream("/".join(e)).read() for e in ole.listdir()} == streams


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_addin(MACROS, tmp_path_factory.mktemp("a") / "shopbook.xlam")


def test_build_is_reproducible(built, tmp_path):
    again = build_addin(MACROS, tmp_path / "again.xlam")
    assert again.read_bytes() == built.read_bytes()


def test_a_build_does_not_import_xlwings(built, tmp_path):
    """The add-in is built on xlwings' own, found without importing xlwings (which loads pandas and
    matplotlib: seconds of each `addin build`, `install` and `doctor`). A new Python, the same file."""
    import sys

    code = ("import sys; from pathlib import Path; from shopbook.addin.build import build_addin; "
            f"build_addin(Path({str(MACROS)!r}), Path({str(tmp_path / 'new.xlam')!r})); "
            "print(sorted(m for m in ('xlwings', 'pandas', 'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]"]
    assert (tmp_path / "new.xlam").read_bytes() == built.read_bytes()


def test_vba_sources_read_back_byte_identical(built):
    sources = read_vba_sources(built)
    files = {p.stem: p.read_bytes() for p in MACROS.iterdir() if p.suffix in (".bas", ".cls")}
    assert sources == files


def test_vba_project_parses_strictly(built, tmp_path):
    with zipfile.ZipFile(built) as z:
        (tmp_path / "vbaProject.bin").write_bytes(z.read("xl/vbaProject.bin"))
        ct = z.read("[Content_Types].xml")
        assert b"application/vnd.ms-excel.addin.macroEnabled.main+xml" in ct
        assert b"ui/extensibility" in z.read("_rels/.rels")
        assert z.read("customUI/customUI.xml") == (MACROS / "customUI.xml").read_bytes()
    ole = olefile.OleFileIO(str(tmp_path / "vbaProject.bin"), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.openstream("VBA/_VBA_PROJECT").read() == b"\xcc\x61\xff\xff\x00\x01\x00"
    project = ole.openstream("PROJECT").read().decode("cp1252")
    assert 'Name="shopbook"' in project and "Module=Ribbon" in project and "Document=ThisWorkbook" in project


def test_xlwings_module_is_the_pinned_one():
    import xlwings

    shipped = (Path(xlwings.__file__).parent / "xlwings_custom_addin.bas").read_bytes()
    ours = (MACROS / "xlwings.bas").read_bytes()
    assert ours == shipped.replace(b'PROJECT_NAME As String = "myaddin"', b'PROJECT_NAME As String = "shopbook"')
    assert f"xlwings64-{xlwings.__version__}.dll".encode() in ours


def test_ribbon_vba_python_are_consistent():
    ui = (MACROS / "customUI.xml").read_bytes()
    ribbon = (MACROS / "Ribbon.bas").read_bytes()
    actions = ribbon_actions(ui)
    assert actions and all(a.startswith("Ribbon.") for a in actions)
    assert {a.split(".", 1)[1] for a in actions} == ribbon_subs(ribbon)  # every button has its Sub, and back
    calls = python_calls(ribbon)
    for name in calls:  # every RunPython names a callable that exists
        assert callable(getattr(xl, name, None)), name
    public = {n for n in dir(xl) if not n.startswith("_") and callable(getattr(xl, n))
              and getattr(getattr(xl, n), "__module__", "") == "shopbook.xl"}
    assert public == calls  # every entry point has a button
    assert b'"' not in b"".join(calls_text.encode() for calls_text in calls)


def test_every_file_dialog_is_described_and_titled_in_the_add_ins_language():
    """GetOpenFilename's filter descriptions were English in the Chinese add-in and no dialog had a
    title; the 快递对账 dialog hid the .xls bills the CLI reads (platform_export.read_table)."""
    ribbon = (MACROS / "Ribbon.bas").read_text(encoding="ascii")
    (dialog,) = re.findall(r"Application\.GetOpenFilename\((.*?), many\)", ribbon.replace(" _\n", ""))
    assert "Said(" in dialog and '"shopbook - "' in dialog, dialog  # a title, in the add-in's language
    calls = re.findall(r'^\s+(?:WithFile|AskFilesFirst) "(\w+)", (.*)$', ribbon.replace(" _\n", ""), re.M)
    assert len(calls) == 9  # (售后收货…: the returns' scan file)
    for entry, rest in calls:  # each description said in both add-ins' words, none a bare English literal
        assert rest.startswith(("Said(", "OrderFiles()")), (entry, rest)
    courier = dict(calls)["reconcile_courier"]
    assert "*.xls;" in courier or courier.rstrip().endswith('*.xls", False'), courier


def test_custom_ui_structure():
    from xml.etree import ElementTree as ET

    ns = "{http://schemas.microsoft.com/office/2006/01/customui}"
    root = ET.fromstring((MACROS / "customUI.xml").read_bytes())
    assert root.tag == f"{ns}customUI"
    tab = root.find(f"{ns}ribbon/{ns}tabs/{ns}tab")
    assert tab.get("label") == "店铺 Shopbook"
    groups = [g.get("label") for g in tab.findall(f"{ns}group")]
    assert groups == ["校验", "订单", "售后", "库存", "财务", "代理", "报表"]
    allowed = {"id", "label", "size", "imageMso", "onAction"}
    ids, actions = [], set()
    for b in tab.iter(f"{ns}button"):
        assert set(b.attrib) <= allowed and b.get("imageMso")
        ids.append(b.get("id"))
        actions.add(b.get("onAction"))
    assert len(ids) == len(set(ids))
    # every button has its Sub in Ribbon.bas and every ribbon Sub a button: none left dangling
    subs = re.findall(r"^Sub (\w+)\(control As IRibbonControl\)", (MACROS / "Ribbon.bas").read_text(encoding="utf-8"),
                      re.M)
    assert actions == {f"Ribbon.{s}" for s in subs} and len(subs) == len(ids)


@pytest.mark.libreoffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_imports_the_vba_project(built, tmp_path):
    """LibreOffice has no filter for the add-in content type (it cannot open xlwings' own
    .xlam either), so the same package is given the macro-enabled workbook type: LibreOffice
    then parses the package and imports the VBA project — a second, independent reader."""
    wb = tmp_path / "shopbook.xlsm"
    with zipfile.ZipFile(built) as a, zipfile.ZipFile(wb, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"addin.macroEnabled.main+xml", b"sheet.macroEnabled.main+xml")
            b.writestr(info, data)
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsm",
                        "--outdir", str(tmp_path / "out"), str(wb)], capture_output=True, text=True, timeout=180)
    out = tmp_path / "out" / "shopbook.xlsm"
    assert r.returncode == 0 and out.exists(), r.stdout + r.stderr
    again = read_vba_sources(out)  # what LibreOffice understood and wrote back
    assert {"Ribbon", "xlwings", "Dictionary", "ThisWorkbook", "Sheet2"} <= set(again)
    assert ribbon_subs(again["Ribbon"].replace(b"\n", b"\r\n").replace(b"\r\r", b"\r")) == ribbon_subs(
        (MACROS / "Ribbon.bas").read_bytes())


# --- the ribbon against the customUI schema, in both languages ------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ribbon_is_valid_against_the_customui_schema(lang):
    from shopbook.addin.build import ribbon_errors, ribbon_xml

    assert ribbon_errors(ribbon_xml(MACROS, lang)) == []


@pytest.mark.parametrize("change, message", [
    (lambda s: s.replace('size="large"', 'size="huge"', 1), "huge"),
    (lambda s: s.replace('id="btnReview"', 'id="btnValidate"'), "btnValidate"),  # ids must be unique
    (lambda s: s.replace('label="审单"', 'label=""'), "label"),
    (lambda s: s.replace("<button ", "<checkBox ", 1).replace('onAction="Ribbon.Validate"/>',
                                                              'onAction="Ribbon.Validate"/>', 1), "checkBox"),
])
def test_schema_rejects_a_broken_ribbon(tmp_path, change, message):
    from shopbook.addin.build import ribbon_errors
    from shopbook.issues import ShopbookError

    broken = change((MACROS / "customUI.xml").read_text(encoding="utf-8"))
    errors = ribbon_errors(broken.encode())
    assert errors and message in "\n".join(errors)
    macros = tmp_path / "macros"
    shutil.copytree(MACROS, macros)
    (macros / "customUI.xml").write_text(broken, encoding="utf-8")
    with pytest.raises(ShopbookError):  # the build stops before writing anything
        build_addin(macros, tmp_path / "x.xlam")
    assert not (tmp_path / "x.xlam").exists()


def test_english_ribbon_has_every_label_and_nothing_else_changes(tmp_path):
    import json
    import re

    from shopbook.addin.build import ribbon_xml

    zh, en = ribbon_xml(MACROS, "zh").decode(), ribbon_xml(MACROS, "en").decode()
    labels = json.loads((MACROS / "ribbon-labels-en.json").read_text(encoding="utf-8"))
    assert set(labels) == set(re.findall(r'\bid="(\w+)" label=', zh))  # every control, no stray ones
    assert not re.search(r"[\u4e00-\u9fff]", "".join(re.findall(r'label="([^"]*)"', en)))  # no Chinese left
    assert re.sub(r'label="[^"]*"', "", zh) == re.sub(r'label="[^"]*"', "", en)
    built = build_addin(MACROS, tmp_path / "en.xlam", lang="en")
    with zipfile.ZipFile(built) as z:
        assert z.read("customUI/customUI.xml").decode() == en
    en_vba, zh_vba = read_vba_sources(built), read_vba_sources(build_addin(MACROS, tmp_path / "zh.xlam"))
    speaking = ("Ribbon", "xlwings_udfs")
    assert {n: v for n, v in en_vba.items() if n not in speaking} == {n: v for n, v in zh_vba.items() if n not in speaking}
    # the modules that say words differ by their language alone (the 审单并拣货… question, the
    # function wizard's help)
    for name in speaking:
        en_lines, zh_lines = en_vba[name].splitlines(), zh_vba[name].splitlines()
        assert [(z, e) for z, e in zip(zh_lines, en_lines) if z != e] == [
            (b'Private Const ADDIN_LANG As String = "zh"', b'Private Const ADDIN_LANG As String = "en"')]
        assert len(en_lines) == len(zh_lines)


# --- the cell functions' VBA wrappers ----------------------------------------------

def test_udf_wrappers_regenerate_identically():
    from shopbook.addin.udf_wrappers import generate_udf_module

    assert generate_udf_module() == (MACROS / "xlwings_udfs.bas").read_bytes(), \
        "macros/xlwings_udfs.bas is stale: run `shopbook addin wrappers` and commit it"


def test_every_cell_function_is_wrapped_with_its_wizard_help():
    import re

    from shopbook.addin.udf_wrappers import udf_functions
    from shopbook.xl import udfs

    src = (MACROS / "xlwings_udfs.bas").read_text(encoding="cp1252")
    wrapped = re.findall(r"^Function (SB_\w+)\(([^)]*)\)", src, re.M)
    python = sorted(n for n in dir(udfs) if n.startswith("SB_"))
    assert [w for w, _ in wrapped] == python and len(python) == 11
    vba_words = {"date", "string", "integer", "long", "type", "name", "error", "end", "next", "set"}
    for name, args in wrapped:
        for a in args.replace("Optional ", "").split(", "):
            assert a.lower() not in vba_words, f"{name}: {a} is a VBA keyword"
        assert f'XLPy.CallUDF("shopbook.xl.udfs", "{name}"' in src
    # each function's description and argument help, Said(Chinese, English), each decoded as VBA's U() does
    def text(expr: str) -> str:
        return "".join(bytes.fromhex(h).decode("utf-16-be") if h else lit.replace('""', '"')
                       for h, lit in re.findall(r'U\("([0-9A-F]+)"\)|"((?:[^"]|"")*)"', expr))

    for f in udf_functions():
        block = src.split(f"'!{f['name']}\"", 1)[1].split("Application.MacroOptions", 1)[0]
        said = [(text(zh), text(en)) for zh, en in re.findall(r"Said\(((?:U\(\"[0-9A-F]+\"\)(?: & _\s+)?)+|\"[^\"]*\"), "
                                                            r"((?:U\(\"[0-9A-F]+\"\)(?: & _\s+)?)+|\"[^\"]*\")\)", block)]
        docs = [f["ret"]["doc"]] + [a["doc"] for a in f["args"] if a["name"] != "caller"]
        assert len(said) == len(docs), f["name"]
        for (zh, en), doc in zip(said, docs):  # the two halves of "中文 / English", nothing lost between
            assert doc.startswith(zh) and doc.endswith(en) and doc[len(zh):-len(en)].strip() == "/", doc
    assert "xlwings_udfs.RegisterShopbookFunctions" in (MACROS / "ThisWorkbook.cls").read_text(encoding="cp1252")


def test_wrapper_lines_fit_vba():
    for line in (MACROS / "xlwings_udfs.bas").read_bytes().split(b"\r\n"):
        assert len(line) <= 1023


# --- install (Windows and macOS layout, run against a stand-in home folder) ---------

@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_install_writes_config_and_copies_the_addin(tmp_path, platform):
    import sys

    from shopbook.addin.install import install_addin

    home = tmp_path / "home"
    res = install_addin("en", home=home, platform=platform, python=Path(sys.executable))
    if platform == "win32":
        assert res.addin == home / "AppData/Roaming/Microsoft/Excel/XLSTART/shopbook.xlam"
        assert res.config == home / ".shopbook/shopbook.conf"
        key = "INTERPRETER_WIN"
    else:
        assert "Startup.localized" in str(res.addin)
        key = "INTERPRETER_MAC"
    assert res.config.read_bytes().decode("ascii") == (
        f'"{key}","{sys.executable}"\r\n"UDF MODULES","shopbook.xl.udfs"\r\n"ADD_WORKBOOK_TO_PYTHONPATH","false"\r\n')
    if platform == "darwin":  # what `xlwings runpython install` does, done by the installer
        import xlwings

        script = home / "Library/Application Scripts/com.microsoft.Excel" / f"xlwings-{xlwings.__version__}.applescript"
        assert script.read_bytes() == (Path(xlwings.__file__).parent / script.name).read_bytes()
    assert res.addin.read_bytes() == build_addin(MACROS, tmp_path / "ref.xlam", lang="en").read_bytes()
    again = install_addin("zh", home=home, platform=platform, python=Path(sys.executable))  # repeatable
    assert again.addin.read_bytes() == build_addin(MACROS, tmp_path / "zh.xlam").read_bytes()
    assert [p.name for p in again.addin.parent.iterdir()] == ["shopbook.xlam"]  # nothing else for Excel to open


def test_install_refuses_linux(tmp_path):
    from shopbook.addin.install import install_addin
    from shopbook.issues import ShopbookError

    with pytest.raises(ShopbookError, match="Windows"):
        install_addin(home=tmp_path, platform="linux")
    assert not any(tmp_path.iterdir())


def test_install_creates_the_environment(tmp_path):
    """A real virtual environment, and a real pip install into it (of a tiny wheel made
    here, so that the test needs no network); its interpreter is what the config names."""
    from shopbook.addin.install import create_env, env_python

    wheel = tmp_path / "hello_sb-1.0-py3-none-any.whl"
    files = {"hello_sb/__init__.py": "X = 42\n",
             "hello_sb-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: hello_sb\nVersion: 1.0\n",
             "hello_sb-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                             "Tag: py3-none-any\n"}
    files["hello_sb-1.0.dist-info/RECORD"] = "".join(f"{n},,\n" for n in files) + "hello_sb-1.0.dist-info/RECORD,,\n"
    with zipfile.ZipFile(wheel, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    env = tmp_path / "venv"
    create_env(env, ["--no-index", str(wheel)])
    py = env_python(env)
    assert subprocess.run([str(py), "-c", "import hello_sb; print(hello_sb.X)"], capture_output=True,
                          text=True).stdout.strip() == "42"


def _module_streams(xlam: Path) -> dict[str, bytes]:
    """Every module's source as the built add-in's vbaProject.bin holds it (oletools' decompressor)."""
    with zipfile.ZipFile(xlam) as z:
        ole = olefile.OleFileIO(z.read("xl/vbaProject.bin"), raise_defects=olefile.DEFECT_INCORRECT)
    names = [m.name for m in read_modules(MACROS)]
    return {n: bytes(decompress_stream(bytearray(ole.openstream(f"VBA/{n}").read()))) for n in names}


def test_every_module_stream_has_crlf_lines(built):
    """VBE keeps module source with CRLF line ends; Ribbon.bas had been committed with bare LFs."""
    streams = _module_streams(built)
    assert set(streams) == {"Dictionary", "Ribbon", "Sheet2", "ThisWorkbook", "xlwings", "xlwings_udfs"}
    for name, src in streams.items():
        assert src.endswith(b"\r\n") and src.count(b"\n") == src.count(b"\r\n") == src.count(b"\r"), name


def test_a_module_saved_with_lf_lines_is_built_with_crlf(tmp_path):
    macros = tmp_path / "macros"
    shutil.copytree(MACROS, macros)
    lf = (MACROS / "Ribbon.bas").read_bytes().replace(b"\r\n", b"\n")
    (macros / "Ribbon.bas").write_bytes(lf)
    streams = _module_streams(build_addin(macros, tmp_path / "lf.xlam"))
    assert streams["Ribbon"] == lf.replace(b"\n", b"\r\n")


def test_chinese_in_a_module_stops_the_build(tmp_path):
    """The project's code page (PROJECTCODEPAGE) is 1252 and every module is ASCII; Chinese text
    travels as UTF-16 hex (U("…")). A Chinese literal saved by an editor (UTF-8) would be stored
    as it is and shown by Excel as 1252 mojibake: the build refuses it, naming the line."""
    import struct

    from shopbook.addin.vba_project import CODEPAGE, dir_stream

    assert struct.pack("<HIH", 0x0003, 2, CODEPAGE) in dir_stream("shopbook", read_modules(MACROS))
    for m in read_modules(MACROS):
        m.source.decode("ascii")
    macros = tmp_path / "macros"
    shutil.copytree(MACROS, macros)
    src = (MACROS / "Ribbon.bas").read_bytes().replace(b'    RunShopbook "validate()"\r\n',
                                                       '    MsgBox "校验"\r\n'.encode("utf-8"), 1)
    (macros / "Ribbon.bas").write_bytes(src)
    with pytest.raises(ValueError, match=r"Ribbon.bas, line \d+: not ASCII"):
        build_addin(macros, tmp_path / "x.xlam")
