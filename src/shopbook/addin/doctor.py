"""`shopbook addin doctor`: will the add-in really run on this PC? A plain report to paste.

The add-in's VBA is xlwings 0.37.8's module (macros/xlwings.bas). Where it looks for its
settings, which interpreter it starts and where it loads its DLL from are decided there,
so this module reads the key names, defaults and the order of the lookup from that very
file (`XlwingsVba`) and transcribes GetConfig, GetConfigFromSheet, GetConfigFromFile
(VBA `Input #`, in the ANSI code page) and ExpandEnvironmentStrings in Python. Then it
checks, in the order xlwings resolves them: the settings, the interpreter, the xlwings DLL
(Windows), that shopbook and the UDF module import in that interpreter, the add-in in
Excel's start-up folder and its version, xlwings' AppleScript (macOS); and where Excel is
installed, it drives Excel through xlwings (COM / AppleScript) to evaluate a cell function
and press one button's entry point on a copy of the demo shop.

Every step but the Excel one takes its paths from a `Host`, so the tests run it on Linux
against a stand-in Windows or macOS home folder.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from ..issues import ShopbookError
from .install import BOOK_DIR_KEY

# --- what xlwings' VBA says, read from the module the add-in carries ----------------------


def _body(src: str, name: str) -> str:
    m = re.search(rf"^(?:Public |Private )?(Function|Sub) {name}\b.*?^End \1", src, re.M | re.S)
    if not m:
        raise ValueError(f"xlwings.bas has no {name}")
    return m.group(0)


@dataclass(frozen=True)
class XlwingsVba:
    project: str  # PROJECT_NAME: the settings sheet and files are <project>.conf
    version: str  # XLWINGS_VERSION: the DLL and the AppleScript carry it in their names
    dll64: str
    dll32: str
    run_key: dict  # RunPython's interpreter key per platform ("win"/"mac")
    run_legacy: tuple[str, str]  # its fallback key and default, when that value is blank
    udf_key: str  # the UDF server's interpreter key (Windows only)
    udf_legacy: tuple[str, str]
    udf_modules_key: str

    @classmethod
    def read(cls, source: str) -> "XlwingsVba":
        """Parse macros/xlwings.bas; refuses a module whose GetConfig no longer looks up its
        layers in the order transcribed here (a new xlwings needs this module reviewed)."""
        getconfig = _body(source, "GetConfig")
        steps = ["GetConfigFromSheet(ActiveWorkbook)", "GetConfigFromSheet(ThisWorkbook)",
                 "GetDirectoryConfigFilePath()", "GetConfigFilePath()", "GetConfig = default"]
        at = [getconfig.find(s) for s in steps]
        if -1 in at or at != sorted(at):
            raise ValueError("xlwings.bas: GetConfig's lookup order changed; review shopbook/addin/doctor.py")
        run = _body(source, "RunPython")
        mac, win = re.search(r'#If Mac Then\s+interpreter = GetConfig\("([^"]+)", ""\)\s+#Else\s+'
                             r'interpreter = GetConfig\("([^"]+)", ""\)', run).groups()
        run_legacy = re.search(r'interpreter = GetConfig\("([^"]+)", "([^"]+)"\)', run).groups()
        load = _body(source, "XLPyLoadDLL")
        udf_key = re.search(r'PYTHON_WIN = GetConfig\("([^"]+)", ""\)', load).group(1)
        udf_legacy = re.search(r'PYTHON_WIN = GetConfig\("([^"]+)", "([^"]+)"\)', load).groups()
        dlls = re.findall(r'XLPyDLLName As String = "([^"]+)"', source)
        return cls(project=re.search(r'PROJECT_NAME As String = "([^"]+)"', source).group(1),
                   version=re.search(r'XLWINGS_VERSION As String = "([^"]+)"', source).group(1),
                   dll64=next(d for d in dlls if "64" in d), dll32=next(d for d in dlls if "32" in d),
                   run_key={"win": win, "mac": mac}, run_legacy=run_legacy, udf_key=udf_key,
                   udf_legacy=udf_legacy,
                   udf_modules_key=re.search(r'GetUdfModules = GetConfig\("([^"]+)"\)',
                                             _body(source, "GetUdfModules")).group(1))


def vba_of_addin(xlam: Path, module: str = "xlwings") -> str:
    """A module's source from a built add-in (shopbook's builds keep source at offset 0)."""
    import olefile

    from .ovba import decompress

    with zipfile.ZipFile(xlam) as z:
        ole = olefile.OleFileIO(io.BytesIO(z.read("xl/vbaProject.bin")))
    try:
        return decompress(ole.openstream(f"VBA/{module}").read()).decode("cp1252")
    finally:
        ole.close()


# --- the PC as xlwings' VBA sees it ----------------------------------------------------------

@dataclass
class Host:
    """Windows ("win") or macOS ("mac"): the home folder (%USERPROFILE% / the real home, which
    xlwings' GetMacDir gives for $HOME), the environment %VAR% expands from, and the code page
    VBA reads text files in."""
    platform: str
    home: Path
    env: dict = field(default_factory=dict)
    code_page: str = "ascii"
    appdata: Path | None = None

    @classmethod
    def this_pc(cls) -> "Host":
        from .install import ansi_code_page

        if sys.platform.startswith("win"):
            return cls("win", Path(os.environ.get("USERPROFILE") or Path.home()), dict(os.environ),
                       ansi_code_page(sys.platform), Path(os.environ["APPDATA"]) if "APPDATA" in os.environ else None)
        if sys.platform == "darwin":
            return cls("mac", Path.home(), dict(os.environ), "ascii")
        raise ShopbookError("Excel 加载项只在 Windows 或 macOS 上运行：请在装有 Excel 的电脑上运行 shopbook addin doctor。",
                            "The Excel add-in runs on Windows or macOS: run `shopbook addin doctor` on the PC "
                            "with Excel.")

    @property
    def sys_platform(self) -> str:
        return "win32" if self.platform == "win" else "darwin"

    def path(self, text: str) -> Path:
        """A path xlwings' VBA produced, as this Python sees it (a Windows path in a test
        on Linux: its backslashes become the stand-in's separators)."""
        if self.platform == "win" and os.sep == "/":
            return Path(text.replace("\\", "/"))
        return Path(text)

    def user_config(self, vba: XlwingsVba) -> Path:
        """GetConfigFilePath."""
        if self.platform == "win":
            return self.home / f".{vba.project}" / f"{vba.project}.conf"
        return self.home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / f"{vba.project}.conf"

    def expand(self, s: str) -> str:
        """ExpandEnvironmentStrings: WScript's %VAR% on Windows; on macOS a leading $NAME/…
        through GetMacDir (only the names it knows; Excel's sandbox folder normalised away)."""
        if self.platform == "win":
            env = {k.upper(): v for k, v in self.env.items()}
            return re.sub(r"%([^%]+)%", lambda m: env.get(m.group(1).upper(), m.group(0)), s)
        if not s.startswith("$"):
            return s
        parts = s.split("/")
        dirs = {"$HOME": self.home, "$DOCUMENTS": self.home / "Documents", "$DOWNLOADS": self.home / "Downloads",
                "$DESKTOP": self.home / "Desktop", "$APPLICATIONS": Path("/Applications")}
        if parts[0] not in dirs:
            raise ValueError(f"xlwings cannot expand {parts[0]} on macOS")
        out = str(dirs[parts[0]]).rstrip("/") + "/"
        for p in parts[1:]:
            out = out + p if out.endswith("/") else out + "/" + p
        return out


# --- the layers GetConfig reads ------------------------------------------------------------

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _col_ab(z: zipfile.ZipFile, sheet_xml: str) -> dict[int, list]:
    """Row number → [A, B] values of one worksheet part (shared strings, inline strings,
    booleans as VBA shows them, numbers as text)."""
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", _NS):
            strings.append("".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")))
    rows: dict[int, list] = {}
    for c in ET.fromstring(z.read(sheet_xml)).iter(f"{{{_NS['m']}}}c"):
        m = re.match(r"([A-Z]+)(\d+)", c.get("r", ""))
        if not m or m.group(1) not in ("A", "B"):
            continue
        t, v = c.get("t"), c.find("m:v", _NS)
        if t == "inlineStr":
            value = "".join(x.text or "" for x in c.iter(f"{{{_NS['m']}}}t"))
        elif v is None or v.text is None:
            value = ""
        elif t == "s":
            value = strings[int(v.text)]
        elif t == "b":
            value = "True" if v.text == "1" else "False"
        else:
            value = v.text
        rows.setdefault(int(m.group(2)), ["", ""])["AB".index(m.group(1))] = value
    return rows


def sheet_names(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as z:
        return [s.get("name") for s in ET.fromstring(z.read("xl/workbook.xml")).iter(f"{{{_NS['m']}}}sheet")]


def config_sheet(book: Path, name: str) -> dict[str, str] | None:
    """GetConfigFromSheet: keys from A1 down to Range("A1").End(xlDown) (A1 alone when A2 is
    blank), upper-cased; the value beside each. None when the book has no sheet `name`."""
    with zipfile.ZipFile(book) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rid = next((s.get(_R) for s in wb.iter(f"{{{_NS['m']}}}sheet")
                    if s.get("name", "").lower() == name.lower()), None)  # wb.Sheets(name) ignores case
        if rid is None:
            return None
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        rows = _col_ab(z, target.lstrip("/") if target.startswith("/") else "xl/" + target)
    a = lambda r: rows.get(r, ["", ""])[0]  # noqa: E731
    last = 1
    if a(2) != "":
        if a(1) == "":
            last = 2
        else:
            while a(last + 1) != "":
                last += 1
    out: dict[str, str] = {}
    for r in range(1, last + 1):
        key = a(r).upper()
        if key in out:  # Scripting.Dictionary.Add raises on a second key: GetConfig stops
            raise ValueError(f"{book.name}: sheet {name} holds the key {key} twice (row {r})")
        out[key] = rows.get(r, ["", ""])[1]
    return out


def input_fields(text: str) -> list[str]:
    """The fields VBA's `Input #` reads from a text file: comma or line-end separated, a quoted
    field up to its closing quote, an unquoted one trimmed."""
    fields = []
    for line in text.splitlines():
        rest = line
        while rest.strip():
            rest = rest.lstrip(" \t")
            if rest.startswith('"'):
                end = rest.find('"', 1)
                if end == -1:
                    fields.append(rest[1:])
                    break
                fields.append(rest[1:end])
                comma = rest.find(",", end)
                if comma == -1:
                    break
                rest = rest[comma + 1:]
                if not rest.strip():
                    fields.append("")
            else:
                comma = rest.find(",")
                if comma == -1:
                    fields.append(rest.strip())
                    break
                fields.append(rest[:comma].strip())
                rest = rest[comma + 1:]
                if not rest.strip():
                    fields.append("")
    return fields


def config_file(path: Path, key: str, code_page: str) -> str | None:
    """GetConfigFromFile: the first pair whose name matches (LCase), read in the code page."""
    fields = input_fields(path.read_bytes().decode(code_page, errors="replace"))
    for name, value in zip(fields[0::2], fields[1::2]):
        if name.lower() == key.lower():
            return value
    return None


@dataclass
class Setting:
    key: str
    value: str
    source: str  # "workbook sheet", "add-in sheet", "directory file", "user file", "default"
    where: Path | None = None
    conda: tuple[str, str] | None = None  # CONDA PATH, CONDA ENV where the interpreter comes from them


def get_config(key: str, default: str, vba: XlwingsVba, host: Host, addin: Path | None,
               workbook: Path | None = None) -> Setting:
    """GetConfig(key, default): the first layer that has the key wins, blank or not."""
    conf = f"{vba.project}.conf"
    for book, source in ((workbook, "workbook sheet"), (addin, "add-in sheet")):
        if book is not None and Path(book).exists():
            sheet = config_sheet(Path(book), conf)
            if sheet is not None and key in sheet:
                return Setting(key, host.expand(sheet[key]), source, Path(book))
    if workbook is not None:
        directory = Path(workbook).parent / conf
        if directory.is_file():
            value = config_file(directory, key, host.code_page)
            if value is not None:
                return Setting(key, host.expand(value), "directory file", directory)
    user = host.user_config(vba)
    if user.is_file():
        value = config_file(user, key, host.code_page)
        if value is not None:
            return Setting(key, host.expand(value), "user file", user)
    return Setting(key, host.expand(default), "default")


def interpreter(vba: XlwingsVba, host: Host, addin: Path | None, workbook: Path | None = None,
                for_udfs: bool = False) -> Setting:
    """RunPython's interpreter (for_udfs: the UDF server's, XLPyLoadDLL/XLPyCommand): the
    platform key, and the legacy key with its default when that is blank."""
    key, (legacy, default) = ((vba.udf_key, vba.udf_legacy) if for_udfs else
                              (vba.run_key[host.platform], vba.run_legacy))
    got = get_config(key, "", vba, host, addin, workbook)
    if got.value == "":
        got = get_config(legacy, default, vba, host, addin, workbook)
    if host.platform != "win" or got.value not in ("python", "pythonw"):
        return got
    # a bare python/pythonw with CONDA PATH and CONDA ENV both set: ExecuteWindows and XLPyCommand run
    # `conda activate ENV && python` (python either way), XLPyLoadDLL takes the env's folder as transcribed here
    path = get_config("CONDA PATH", "", vba, host, addin, workbook)
    env = get_config("CONDA ENV", "", vba, host, addin, workbook)
    if path.value == "" or env.value == "":
        return got
    if env.value == "base":
        folder = path.value
    elif "\\" in env.value:  # a path to an env kept elsewhere (xlwings GH 2655)
        folder = env.value
    else:
        folder = f"{path.value}\\envs\\{env.value}"
    return Setting(env.key, f"{folder}\\python.exe", env.source, env.where, (path.value, env.value))


def conda_bat(conda_path: str) -> str:
    """CheckConda: without condabin\\conda.bat every button stops on xlwings' "Conda too old" box."""
    return f"{conda_path}\\condabin\\conda.bat"


def dll_candidates(python: str, vba: XlwingsVba, bits: int = 64) -> list[str]:
    """XLPyLoadDLL: beside the interpreter, then one folder up (a virtual environment)."""
    name = vba.dll64 if bits == 64 else vba.dll32
    parent = python[:python.rfind("\\")] if "\\" in python else ""
    grand = parent[:parent.rfind("\\")] if "\\" in parent else ""
    return [f"{parent}\\{name}", f"{grand}\\{name}"]


# --- the checks ----------------------------------------------------------------------------

@dataclass
class Check:
    name: tuple[str, str]  # zh, en
    ok: bool | None  # None: not run here (and why is in detail)
    detail: tuple[str, str]
    todo: tuple[str, str] | None = None


def _ok(name, zh, en):
    return Check(name, True, (zh, en))


def _fail(name, zh, en, todo_zh, todo_en):
    return Check(name, False, (zh, en), (todo_zh, todo_en))


def _skip(name, zh, en):
    return Check(name, None, (zh, en))


def _encodes(text: str, code_page: str) -> bool:
    try:
        text.encode(code_page)
        return True
    except UnicodeEncodeError:
        return False


def _run(cmd: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


_XLWINGS_RAN = "-- xlwings imported --"  # in the probe's output: what follows is the shopbook step's


def _probe(modules: list[str]) -> str:
    """The program the interpreter runs for steps 2 and 4: its Python and xlwings versions, then
    shopbook's version once shopbook.xl and the cell functions' modules import."""
    return ("import sys; print(sys.version.split()[0]); import xlwings; print(xlwings.__version__); "
            f"print({_XLWINGS_RAN!r}, flush=True); import importlib, importlib.metadata; import shopbook.xl; "
            + "".join(f"importlib.import_module({m!r}); " for m in modules)
            + "print(importlib.metadata.version('shopbook'))")


INSTALL = ("运行 shopbook addin install，然后重启 Excel。", "Run `shopbook addin install`, then restart Excel.")


@dataclass
class Report:
    host: Host
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.ok is not False for c in self.checks)

    def text(self, lang: str = "zh") -> str:
        from importlib.metadata import version

        i = 0 if lang == "zh" else 1
        head = {"win": "Windows", "mac": "macOS"}[self.host.platform]
        lines = [f"shopbook addin doctor — shopbook {version('shopbook')} — {head} — Python {sys.version.split()[0]}"]
        for n, c in enumerate(self.checks, 1):
            mark = {True: "✓", False: "✗", None: "–"}[c.ok]
            lines.append(f"{mark} {n}. {c.name[i]}: {c.detail[i]}")
            if c.todo:
                lines.append(f"     {'怎么办' if i == 0 else 'what to do'}: {c.todo[i]}")
        failed = sum(c.ok is False for c in self.checks)
        skipped = sum(c.ok is None for c in self.checks)
        if lang == "zh":
            lines.append(f"{failed} 项未通过，{skipped} 项未检查。" if failed or skipped else "全部通过。")
        else:
            lines.append(f"{failed} failed, {skipped} not checked." if failed or skipped else "All passed.")
        return "\n".join(lines) + "\n"


def installed_addin(host: Host) -> Path:
    from .install import startup_folder

    return startup_folder(host.home, host.sys_platform, host.appdata) / "shopbook.xlam"


def _has_sheet(book: Path, name: str) -> bool:
    try:
        return any(n.lower() == name.lower() for n in sheet_names(book))
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):  # not a workbook Excel would open either
        return False


def run_checks(host: Host, shop: Path | None = None, excel: bool = True) -> Report:
    """Every check, in the order xlwings resolves things; a check that cannot run because an
    earlier one failed says so instead of guessing."""
    from .build import repo_macros

    checks: list[Check] = []
    addin = installed_addin(host)
    vba_src = (repo_macros() / "xlwings.bas").read_text(encoding="cp1252")
    if addin.is_file():
        try:
            vba_src = vba_of_addin(addin)
        except Exception:  # noqa: BLE001 - a damaged add-in is reported by the add-in check below
            pass
    vba = XlwingsVba.read(vba_src)
    workbook = None
    if shop is not None:
        # the open workbook's own settings come first: a shop workbook that carries a settings
        # sheet (or a settings file beside it) is the one reported
        books = sorted(p for p in Path(shop).glob("*.xls[xm]") if not p.name.startswith(("~$", ".~lock")))
        own = [b for b in books if _has_sheet(b, f"{vba.project}.conf")]
        workbook = (own or books or [None])[0]

    # 1. the settings the add-in will really use
    name = ("加载项配置", "the add-in's settings")
    try:
        run = interpreter(vba, host, addin if addin.is_file() else None, workbook)
        udf = interpreter(vba, host, addin if addin.is_file() else None, workbook, for_udfs=True)
        mods = get_config(vba.udf_modules_key, "", vba, host, addin if addin.is_file() else None, workbook)
        book_dir = get_config(BOOK_DIR_KEY, "true", vba, host, addin if addin.is_file() else None, workbook)
        # ExecuteWindows runs CheckConda wherever both are set, an INTERPRETER_WIN named or not
        conda = [get_config(k, "", vba, host, addin if addin.is_file() else None, workbook).value
                 for k in ("CONDA PATH", "CONDA ENV")] if host.platform == "win" else ["", ""]
        problem = None
    except (ValueError, OSError, zipfile.BadZipFile) as e:
        run = udf = mods = None
        problem = str(e)
    src_zh = {"workbook sheet": "工作簿的设置表", "add-in sheet": "加载项的设置表", "directory file": "工作簿旁的设置文件",
              "user file": "用户设置文件", "default": "xlwings 默认值"}
    if problem:
        checks.append(_fail(name, f"读不了设置：{problem}", f"the settings cannot be read: {problem}", *INSTALL))
    elif all(conda) and not host.path(conda_bat(conda[0])).is_file():
        checks.append(_fail(
            name, f"CONDA PATH = {conda[0]}，但 {conda_bat(conda[0])} 不存在：每个按钮都会停在 xlwings 的"
                  "“Your Conda version seems to be too old”提示上",
            f"CONDA PATH = {conda[0]}, but {conda_bat(conda[0])} does not exist: every button stops on "
            "xlwings' \"Your Conda version seems to be too old\" box", *INSTALL))
    elif run.source == "default" or run.value in ("python", "pythonw") or mods.value == "":
        where = host.user_config(vba)
        checks.append(_fail(
            name, f"没有找到解释器（{run.key} = {run.value!r}，来自{src_zh[run.source]}），"
                  f"UDF MODULES = {mods.value!r}；用户设置文件 {where} {'存在' if where.exists() else '不存在'}",
            f"no interpreter is configured ({run.key} = {run.value!r}, from {run.source}), "
            f"UDF MODULES = {mods.value!r}; user file {where} {'exists' if where.exists() else 'is missing'}",
            *INSTALL))
    elif book_dir.value.strip().lower() != "false":
        # written by `addin install` since the shop folders in OneDrive: an install from before lacks it,
        # and there every button and cell function stops on xlwings' traceback (install.BOOK_DIR_KEY)
        checks.append(_fail(
            name, f"{BOOK_DIR_KEY} = {book_dir.value!r}（来自{src_zh[book_dir.source]}），应为 false：店铺文件夹在 "
                  "OneDrive/SharePoint 里时，每个按钮和单元格函数都会在 xlwings 里出错，shopbook 来不及说明原因",
            f"{BOOK_DIR_KEY} = {book_dir.value!r} (from {book_dir.source}), where it should be false: with the shop "
            "folder in OneDrive/SharePoint every button and cell function stops in xlwings before shopbook can say why",
            *INSTALL))
    else:
        via = f" ({run.where})" if run.where else ""
        note_zh = note_en = ""
        if run.source != "user file":
            note_zh = f"；注意：生效的是{src_zh[run.source]}{via}，不是 addin install 写的文件"
            note_en = f"; note: {run.source}{via} wins over the file `addin install` wrote"
        said = f"{run.key} = {run.value}"
        if run.conda:
            said = f"CONDA PATH = {run.conda[0]}, CONDA ENV = {run.conda[1]} → {run.value}"
        checks.append(_ok(name, f"{said}（{src_zh[run.source]}）；{mods.key} = {mods.value}{note_zh}",
                          f"{said} ({run.source}); {mods.key} = {mods.value}{note_en}"))

    # 2. the interpreter runs, and its xlwings is the add-in's (one run of it answers 2 and 4: each
    # start imports xlwings, which loads pandas and matplotlib, seconds on a PC)
    name = ("Python 解释器", "the interpreter")
    python = done = None
    modules = [m for m in (mods.value if mods else "").split(";") if m] or ["shopbook.xl.udfs"]
    if run is None or run.value in ("python", "pythonw", ""):
        checks.append(_skip(name, "没有配置解释器，无法检查。", "not configured, so not checked."))
    else:
        python = host.path(run.value)
        if python.is_file():
            try:
                done = _run([str(python), "-c", _probe(modules)], 120)
            except (OSError, subprocess.TimeoutExpired) as e:
                done = subprocess.CompletedProcess([], 1, "", str(e))
        said = done.stdout.splitlines() if done is not None else []
        if done is None:
            checks.append(_fail(name, f"{run.value} 不存在", f"{run.value} does not exist", *INSTALL))
            python = None
        elif _XLWINGS_RAN not in said:
            checks.append(_fail(name, f"{python} 运行出错：{done.stderr.strip()[-300:]}",
                                f"{python} fails: {done.stderr.strip()[-300:]}", *INSTALL))
            python = None
        else:
            py_version, xw_version = said[said.index(_XLWINGS_RAN) - 2:said.index(_XLWINGS_RAN)]
            if xw_version != vba.version:
                checks.append(_fail(name, f"Python {py_version}，但其中的 xlwings 是 {xw_version}，加载项需要 {vba.version}",
                                    f"Python {py_version}, but its xlwings is {xw_version}; the add-in needs "
                                    f"{vba.version}", *INSTALL))
            else:
                checks.append(_ok(name, f"{python}：Python {py_version}，xlwings {xw_version}",
                                  f"{python}: Python {py_version}, xlwings {xw_version}"))

    # 3. the xlwings DLL the cell functions load (Windows)
    name = ("xlwings DLL", "the xlwings DLL")
    if host.platform != "win":
        checks.append(_skip(name, "macOS 不用。", "not used on macOS."))
    elif udf is None or udf.value in ("python", "pythonw", ""):
        checks.append(_fail(name, "UDF 的解释器没有配置，Excel 会找不到 DLL。", "the UDF interpreter is not configured: "
                            "Excel will not find the DLL.", *INSTALL))
    elif not _encodes(udf.value, host.code_page):
        # XLPyLoadDLL passes the path to LoadLibraryA (a Declare: VBA converts it to the ANSI code page)
        checks.append(_fail(name, f"{udf.value} 含有本机代码页（{host.code_page}）写不出的字符，Excel 载入不了 DLL",
                            f"{udf.value} holds characters this PC's code page ({host.code_page}) cannot carry, so "
                            "Excel cannot load the DLL",
                            "用 --env 把环境装到只含英文字母和数字的路径：shopbook addin install --env C:\\shopbook-env",
                            "install the environment in a plain-letters path: shopbook addin install --env "
                            "C:\\shopbook-env"))
    else:
        found = [c for c in dll_candidates(udf.value, vba) if host.path(c).is_file()]
        found32 = [c for c in dll_candidates(udf.value, vba, 32) if host.path(c).is_file()]
        if found:
            checks.append(_ok(name, found[0], found[0]))
        elif found32:
            checks.append(_ok(name, f"{found32[0]}（32 位 Excel 用）", f"{found32[0]} (for 32-bit Excel)"))
        else:
            where = " / ".join(dll_candidates(udf.value, vba))
            checks.append(_fail(name, f"{where} 都没有", f"neither {where} exists",
                                f"在该环境里重装 Windows 版 xlwings：{udf.value} -m pip install --force-reinstall "
                                f"xlwings=={vba.version}",
                                f"reinstall the Windows xlwings wheel there: {udf.value} -m pip install "
                                f"--force-reinstall xlwings=={vba.version}"))

    # 4. shopbook and the cell functions' module import in that interpreter (the run of step 2)
    name = ("shopbook 与单元格函数", "shopbook and the cell functions")
    if python is None:
        checks.append(_skip(name, "解释器不可用，无法检查。", "no working interpreter, so not checked."))
    elif done.returncode:
        checks.append(_fail(name, f"导入失败：{done.stderr.strip()[-400:]}", f"import fails: "
                            f"{done.stderr.strip()[-400:]}", *INSTALL))
    else:
        checks.append(_ok(name, f"shopbook {done.stdout.split()[-1]}；{', '.join(modules)} 可以导入",
                          f"shopbook {done.stdout.split()[-1]}; {', '.join(modules)} import"))

    # 5. the add-in in Excel's start-up folder, as this shopbook builds it
    name = ("加载项", "the add-in")
    if not addin.is_file():
        checks.append(_fail(name, f"{addin} 不存在", f"{addin} is missing", *INSTALL))
    else:
        checks.append(_addin_check(name, addin, vba))

    # 6. xlwings' AppleScript (macOS: RunPython goes through it)
    if host.platform == "mac":
        from .install import applescript_folder

        name = ("xlwings 的 AppleScript", "xlwings' AppleScript")
        script = applescript_folder(host.home) / f"xlwings-{vba.version}.applescript"
        checks.append(_ok(name, str(script), str(script)) if script.is_file() else
                      _fail(name, f"{script} 不存在", f"{script} is missing", *INSTALL))

    # 7. Excel itself
    name = ("在 Excel 里试运行", "a run in Excel")
    if not excel:
        checks.append(_skip(name, "按要求跳过（--no-excel）。", "skipped (--no-excel)."))
    elif not sys.platform.startswith(("win", "darwin")):
        checks.append(_skip(name, "这台电脑上没有 Excel。", "there is no Excel on this computer."))
    elif any(c.ok is False for c in checks):
        checks.append(_skip(name, "先解决上面的问题。", "fix the problems above first."))
    else:
        checks.append(excel_check(name, addin))
    return Report(host, checks)


def _addin_check(name, addin: Path, vba: XlwingsVba) -> Check:
    from .build import build_addin

    same = {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("zh", "en"):
            same[lang] = build_addin(out=Path(tmp) / f"{lang}.xlam", lang=lang).read_bytes() == addin.read_bytes()
            if same[lang]:
                break
    try:
        conf_sheets = [s for s in sheet_names(addin) if s.lower() == f"{vba.project}.conf"]
    except (zipfile.BadZipFile, KeyError, ET.ParseError):
        return _fail(name, f"{addin} 已损坏", f"{addin} is damaged", *INSTALL)
    if conf_sheets:
        return _fail(name, f"加载项里有生效的 {conf_sheets[0]} 表，它会盖住用户设置文件",
                     f"the add-in has an active {conf_sheets[0]} sheet, which hides the user file", *INSTALL)
    if not any(same.values()):
        return _fail(name, f"{addin} 与本版 shopbook 生成的加载项不同（旧版本？）",
                     f"{addin} differs from the add-in this shopbook builds (an older version?)", *INSTALL)
    lang = "zh" if same["zh"] else "en"
    return _ok(name, f"{addin}：与本版 shopbook 生成的一致（{lang}），xlwings {vba.version}",
               f"{addin}: the add-in this shopbook builds ({lang}), xlwings {vba.version}")


def excel_check(name, addin: Path) -> Check:
    """On a PC with Excel: open Excel through xlwings, load the add-in (Excel started by
    automation skips its start-up folder), open a copy of the demo shop's stock workbook,
    evaluate =SB_RMB_UPPER(1234.5) and =ISNA(SB_STOCK(an unknown SKU)), and press the 库存汇总 button's entry point through the
    add-in's own RunPython, exactly as the ribbon does. On a Mac the cell functions are not tried: xlwings' UDFs are
    Windows only (its VBA loads xlwings64/32-x.dll through KERNEL32), so they never answer there."""
    from ..demo import generate_demo
    from ..xl.udfs import SB_RMB_UPPER

    try:
        import xlwings as xw
    except ImportError as e:
        return _fail(name, f"xlwings 导入失败：{e}", f"xlwings does not import: {e}", *INSTALL)
    tmp = Path(tempfile.mkdtemp(prefix="shopbook-doctor-"))
    app = None
    try:
        generate_demo(tmp / "shop", "zh")
        app = xw.App(visible=True, add_book=False)
        app.books.open(str(addin))
        book = app.books.open(str(tmp / "shop" / "stock.xlsx"))
        if sys.platform == "darwin":
            windows_only = ("单元格函数（SB_*）只能在 Windows 版 Excel 里用（xlwings 的 UDF 只支持 Windows），Mac 上不检查",
                            ("the cell functions (SB_*) work in Excel for Windows only (xlwings' UDFs are Windows "
                             "only): not checked on a Mac"))
            return _button_check(name, app, book, addin, windows_only)
        probe = book.sheets.add("doctor")
        probe["A1"].formula = "=SB_RMB_UPPER(1234.5)"
        app.calculate()
        got, want = probe["A1"].value, SB_RMB_UPPER(1234.5)
        if got != want:
            return _fail(name, f"=SB_RMB_UPPER(1234.5) 得到 {got!r}，应为 {want!r}",
                         f"=SB_RMB_UPPER(1234.5) gave {got!r}, not {want!r}",
                         "把这份报告发给技术支持。", "Send this report to support.")
        # an answer that cannot be given must reach the cell as Excel's own #N/A (udfs._error_value), which
        # =ISNA() and IFERROR see; no test off Windows can show it
        probe["A2"].formula = '=SB_STOCK("shopbook-doctor-no-such-sku")'
        probe["A3"].formula = "=ISNA(A2)"
        app.calculate()
        if probe["A3"].value is not True:
            shown = probe["A2"].options(err_to_str=True).value
            return _fail(name, f"=SB_STOCK(没有的编码) 显示 {shown!r}，不是 Excel 的 #N/A 错误值",
                         f"=SB_STOCK(an unknown SKU) shows {shown!r}, not Excel's #N/A error value",
                         "把这份报告发给技术支持。", "Send this report to support.")
        return _button_check(name, app, book, addin, (f"=SB_RMB_UPPER(1234.5) = {got}",
                                                     f"=SB_RMB_UPPER(1234.5) = {got}"))
    except Exception as e:  # noqa: BLE001 - whatever Excel says is the finding, reported plainly
        return _fail(name, f"Excel 报错：{e}", f"Excel reported: {e}", "把这份报告发给技术支持。",
                     "Send this report to support.")
    finally:
        if app is not None:
            try:
                app.kill()
            except Exception:  # noqa: BLE001
                pass
        shutil.rmtree(tmp, ignore_errors=True)


def _button_check(name, app, book, addin: Path, before: tuple[str, str]) -> Check:
    """The 库存汇总 button's entry point run through the add-in's own RunPython, as the ribbon runs it;
    `before`: what the step found first, said ahead of the button's result."""
    print("Excel 会弹出一个 shopbook 消息框，请点“确定”。/ Excel will show a shopbook message box: click OK.")
    book.activate()
    app.macro(f"'{addin.name}'!RunPython")("import shopbook.xl; shopbook.xl.stock_summary()")
    names = [s.name for s in book.sheets]
    if "库存汇总" not in names:
        return _fail(name, f"{before[0]}；“库存汇总”按钮没有写出库存汇总表（工作表：{names}）",
                     f"{before[1]}; the stock summary button wrote no 库存汇总 sheet (sheets: {names})",
                     "把这份报告发给技术支持。", "Send this report to support.")
    return _ok(name, f"{before[0]}；“库存汇总”按钮写出了库存汇总表", f"{before[1]}; the stock summary button wrote its sheet")


def doctor(shop: Path | None = None, excel: bool = True, host: Host | None = None) -> Report:
    return run_checks(host or Host.this_pc(), shop, excel)
