"""LibreOffice (headless, Basic) compiles shopbook's own VBA modules as it imports them from
the built add-in: Ribbon, ThisWorkbook and the UDF wrappers.

LibreOffice imports the add-in's VBA project (given the macro-enabled workbook content type)
into Basic modules with `Option VBASupport 1`; saved as .ods, they are the module files of a
Basic library. That library goes into a throw-away LibreOffice profile beside a one-line probe
and `soffice --headless macro:///Lib.Probe.Run` runs the probe: Basic compiles every module of
a library before it runs any of it. A module that does not compile stops the probe (LibreOffice
then waits on its error, so a watchdog ends it): the probe's file is the proof.
xlwings' own modules are exempt: LibreOffice rejects xlwings.bas (its Windows `Declare`s) and
Dictionary.cls (the VBA-Dictionary class xlwings ships), which only Excel compiles.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from shopbook.addin.build import build_addin, repo_macros

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")]

OURS = ["Ribbon", "ThisWorkbook", "xlwings_udfs"]
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {0} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "{1}">\n'


def imported_modules(xlam: Path, profile: Path, work: Path) -> dict[str, bytes]:
    """The Basic modules LibreOffice makes of the add-in's VBA project (.xba file contents)."""
    xlsm = work / "shopbook.xlsm"
    with zipfile.ZipFile(xlam) as a, zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename == "[Content_Types].xml":  # LibreOffice has no filter for add-ins
                data = data.replace(b"addin.macroEnabled.main+xml", b"sheet.macroEnabled.main+xml")
            b.writestr(info, data)
    r = subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", "ods", "--outdir", str(work / "ods"), str(xlsm)],
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(work / "ods" / "shopbook.ods") as z:
        return {n.rsplit("/", 1)[1][:-4]: z.read(n) for n in z.namelist()
                if n.startswith("Basic/shopbook/") and n.endswith(".xml") and not n.endswith("script-lb.xml")}


def compiles(modules: dict[str, bytes], profile: Path, lib: str, watchdog: float = 15, first: str = "") -> bool:
    """Whether LibreOffice Basic compiles these modules (one library, plus the probe); the probe
    runs the Basic statement `first` (if any) before it writes its file."""
    folder = profile / "user" / "basic" / lib
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    xlc = profile / "user" / "basic" / "script.xlc"
    text = xlc.read_text(encoding="utf-8")
    if f'library:name="{lib}"' not in text:
        text = text.replace("</library:libraries>", f' <library:library library:name="{lib}" xlink:href='
                            f'"$(USER)/basic/{lib}/script.xlb/" xlink:type="simple" library:link="false"/>\n'
                            "</library:libraries>")
        xlc.write_text(text, encoding="utf-8")
    done = folder.parent.parent / f"{lib}.ran"
    done.unlink(missing_ok=True)
    probe = (HEAD.format("script:module", "module.dtd") + '<script:module xmlns:script="http://openoffice.org/'
             f'2000/script" script:name="Probe" script:language="StarBasic">Sub Run\n  {escape(first)}\n'
             "  Dim f As Integer\n"
             f'  f = FreeFile\n  Open "{done}" For Output As #f\n  Print #f, "compiled"\n  Close #f\nEnd Sub\n'
             "</script:module>\n")
    (folder / "Probe.xba").write_text(probe, encoding="utf-8")
    for name, xba in modules.items():
        (folder / f"{name}.xba").write_bytes(xba)
    elements = "".join(f' <library:element library:name="{n}"/>\n' for n in [*modules, "Probe"])
    (folder / "script.xlb").write_text(
        HEAD.format("library:library", "library.dtd") + '<library:library xmlns:library="http://openoffice.org/'
        f'2000/library" library:name="{lib}" library:readonly="false" library:passwordprotected="false">\n'
        f"{elements}</library:library>\n", encoding="utf-8")
    p = subprocess.Popen(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                          f"macro:///{lib}.Probe.Run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    try:
        p.wait(watchdog)
    except subprocess.TimeoutExpired:  # Basic stopped on a compile error and waits: end it
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    return done.exists() and done.read_text().strip() == "compiled"


@pytest.fixture(scope="module")
def lo(tmp_path_factory):
    work = tmp_path_factory.mktemp("lo")
    profile = work / "profile"
    xlam = build_addin(repo_macros(), work / "shopbook.xlam")
    return profile, imported_modules(xlam, profile, work)


def test_shopbooks_own_modules_compile(lo):
    profile, modules = lo
    assert set(OURS) <= set(modules)
    assert b"Option VBASupport 1" in modules["Ribbon"]  # imported as VBA, not plain Basic
    assert compiles({n: modules[n] for n in OURS}, profile, "ShopbookOwn")


def test_a_syntax_error_fails_the_check(lo):
    """The same check on a Ribbon module with an unterminated If (as LibreOffice imported it,
    one line added) must fail: the check sees compile errors."""
    profile, modules = lo
    broken = modules["Ribbon"].replace(b"Sub Review(control As IRibbonControl)\n",
                                       b"Sub Review(control As IRibbonControl)\n    If control Then\n", 1)
    assert broken != modules["Ribbon"]
    assert not compiles({**{n: modules[n] for n in OURS}, "Ribbon": broken}, profile, "ShopbookBroken", watchdog=8)


# What a chosen file's path may hold: spaces, a quote, %, &, ^, !, $, `, a backslash (on macOS a file
# name may even hold "), Chinese, a character beyond the BMP; two files chosen, separated by |
PICKED = ("C:\\Users\\张三\\Desktop\\100% 订单'1 (copy)&^!.csv|/Users/李四/Downloads/$HOME`x\"y\\z;a=b,c.csv"
          "|D:\\店\U0001F600\\<x>.xlsx")


def _vba_string(s: str) -> str:
    """s as a Basic expression of ChrW codes (UTF-16 code units: what a VBA String holds)."""
    units = s.encode("utf-16-le")
    return " & ".join(f"ChrW({int.from_bytes(units[i:i + 2], 'little')})" for i in range(0, len(units), 2))


def test_a_chosen_files_command_reaches_python_intact(lo, tmp_path, monkeypatch):
    """Ribbon's own VBA (RunWithPath, PyText, RunShopbook), run by LibreOffice Basic, with a stand-in
    RunPython that keeps the command. The command must pass cmd.exe /C "..." (Windows), the shell's
    "..." and xlwings' AppleScript, which splits its parameter at | (macOS), then give the entry
    point the paths exactly."""
    profile, modules = lo
    out = tmp_path / "command.txt"
    stub = (HEAD.format("script:module", "module.dtd") + '<script:module xmlns:script="http://openoffice.org/2000/'
            'script" script:name="Stub" script:language="StarBasic">Option VBASupport 1\n'
            + escape("Sub RunPython(ByVal cmd As String)\n  Dim f As Integer, i As Long, t As String\n"
                     "  For i = 1 To Len(cmd)\n    t = t & Hex(AscW(Mid(cmd, i, 1)) And &HFFFF&) & \" \"\n  Next i\n"
                     f'  f = FreeFile\n  Open "{out}" For Output As #f\n  Print #f, t\n  Close #f\nEnd Sub\n')
            + "</script:module>\n").encode()
    ribbon = modules["Ribbon"].replace(b"</script:module>", escape(
        f'Sub ProbePicked()\n  RunWithPath "import_orders", {_vba_string(PICKED)}\nEnd Sub\n').encode()
        + b"</script:module>")
    assert compiles({"Ribbon": ribbon, "Stub": stub}, profile, "ShopbookPicked", first="ProbePicked")
    units = b"".join(int(h, 16).to_bytes(2, "little") for h in out.read_text().split())
    command = units.decode("utf-16-le", "surrogatepass").encode("utf-16", "surrogatepass").decode("utf-16")
    assert command.startswith("import shopbook.xl; shopbook.xl.import_orders(path='")
    ascii_marks = {c for c in command if ord(c) < 128 and not c.isalnum()}
    assert ascii_marks <= set(" ._-/:;()='\\"), ascii_marks  # nothing cmd.exe or sh would touch
    assert all(command[i + 1] == "x" for i, c in enumerate(command) if c == "\\")  # sh keeps \x as it is
    parameter = "|".join(["pythonpath;", "python", command, "Book.xlsx", "/Applications/Microsoft Excel.app", "log"])
    assert parameter.split("|")[2] == command  # xlwings' AppleScript gets the command whole
    from shopbook import xl

    got = []
    monkeypatch.setattr(xl, "import_orders", lambda path=None: got.append(path))
    exec(command, {})  # what python -c runs
    assert got == [PICKED]


# xlwings' GetConfig and FileExists as the Ribbon module calls them (xlwings.bas: LibreOffice does not
# compile it): no settings anywhere (each key its default) unless Settings holds "KEY=value" lines;
# FileExists answers Found.
XLWINGS_STANDINS = ("Public Settings As String\nPublic Found As Boolean\n\n"
                    "Function GetConfig(ByVal key As String, Optional ByVal dflt As String = \"\") As String\n"
                    "  Dim lines As Variant, i As Long\n  GetConfig = dflt\n  lines = Split(Settings, Chr(10))\n"
                    "  For i = LBound(lines) To UBound(lines)\n"
                    "    If Left(lines(i), Len(key) + 1) = key & \"=\" Then GetConfig = Mid(lines(i), Len(key) + 2)\n"
                    "  Next i\nEnd Function\n\n")
# Keep writes what a stand-in was given into the press's folder (one line a text, its UTF-16 code units in
# hex: Basic's own file encoding is not UTF-8), and RunPython keeps its command so (command.txt)
KEEPING = ("Sub Keep(ByVal name As String, ByVal text As String)\n"
           "  Dim f As Integer, i As Long, t As String\n"
           "  For i = 1 To Len(text)\n    t = t & Hex(AscW(Mid(text, i, 1)) And &HFFFF&) & \" \"\n  Next i\n"
           "  f = FreeFile\n  Open Folder & name For Append As #f\n  Print #f, t\n  Close #f\nEnd Sub\n\n"
           "Sub RunPython(ByVal cmd As String)\n  Keep \"command.txt\", cmd\nEnd Sub\n\n")
# (FileExists goes into the Ribbon module where a test needs it: Basic's own FileExists wins over one
# in another module, as its MsgBox does)
RIBBON_FILE_EXISTS = "Private Function FileExists(ByVal f As String) As Boolean\n  FileExists = Found\nEnd Function\n"


# Two exports chosen for the 审单并拣货 button: Chinese, spaces, %, quotes (a path holds no |: it
# separates the files)
EXPORTS = ["C:\\Users\\张三\\Desktop\\100% 订单 '淘宝'.csv", "/Users/李四/Downloads/抖店 导出 50% (2).xlsx"]
# as 导入订单… asks, in the add-in's language: the filter's description and the dialog's title
ORDER_FILTER = {"zh": "订单导出文件 (*.csv;*.xlsx;*.xls),*.csv;*.xlsx;*.xls",
                "en": "Order exports (*.csv;*.xlsx;*.xls),*.csv;*.xlsx;*.xls"}
ORDER_TITLE = {"zh": "shopbook - 选择：订单导出文件", "en": "shopbook - Choose: Order exports"}
VB_YES, VB_NO, VB_CANCEL, VB_YES_NO_CANCEL, VB_QUESTION = 6, 7, 2, 3, 32
PRESSES = {"yes": (VB_YES, EXPORTS), "yes, dialog cancelled": (VB_YES, None), "no": (VB_NO, None),
           "cancel": (VB_CANCEL, None)}


def _module(name: str, body: str, kind: str = "normal") -> bytes:
    return (HEAD.format("script:module", "module.dtd") + '<script:module xmlns:script="http://openoffice.org/2000/'
            f'script" script:name="{name}" script:language="StarBasic" script:moduleType="{kind}">'
            + escape(body) + "</script:module>\n").encode()


def _kept(path: Path) -> list[str] | None:
    """The texts a stand-in kept in `path` (one line each, UTF-16 code units in hex); None: no file."""
    if not path.exists():
        return None
    out = []
    for line in path.read_text().splitlines():
        units = b"".join(int(h, 16).to_bytes(2, "little") for h in line.split())
        out.append(units.decode("utf-16-le", "surrogatepass").encode("utf-16", "surrogatepass").decode("utf-16"))
    return out


@pytest.fixture(scope="module", params=["zh", "en"])
def morning_pressed(lo, tmp_path_factory, request):
    """Ribbon's own `Sub Morning` (the 审单并拣货 button), run by LibreOffice Basic once per answer
    to its question, with stand-ins that keep what they are given in the press's folder: MsgBox
    (asked.txt; answers the press's Yes, No or Cancel), Application.GetOpenFilename (dialog.txt: its
    filter, MultiSelect and title; gives the chosen files, or False: the dialog cancelled) and RunPython (command.txt). MsgBox goes
    into the Ribbon module: Basic's own MsgBox wins over one in another module. Pressed in the
    Chinese add-in and in the English one (its ADDIN_LANG as `addin build --lang en` sets it: see
    test_addin's test_english_ribbon_has_every_label_and_nothing_else_changes)."""
    profile, modules = lo
    lang = request.param
    work = tmp_path_factory.mktemp(f"morning-{lang}")
    folders = {name: work / f"press{i}" for i, name in enumerate(PRESSES)}
    for f in folders.values():
        f.mkdir()
    stub = _module("Stub", "Option VBASupport 1\nPublic Application As Object\nPublic Answer As Integer\n"
                   "Public Chosen As Variant\nPublic Folder As String\n" + XLWINGS_STANDINS + KEEPING +
                   "Sub Press(ByVal where As String, ByVal reply As Integer, ByVal files As Variant)\n"
                   "  Folder = where\n  Answer = reply\n  Chosen = files\n  Set Application = New FakeExcel\n"
                   "  Set Application.ActiveWorkbook = New Collection\n"  # a workbook is open
                   "  Morning Nothing\nEnd Sub\n\nSub PressAll\n  Settings = \"INTERPRETER_WIN=python\"\n"
                   + "".join(f'  Press "{folders[name]}/", {reply}, '
                             + (f"Array({', '.join(_vba_string(p) for p in files)})" if files else "False") + "\n"
                             for name, (reply, files) in PRESSES.items())
                   + "End Sub\n")
    excel = _module("FakeExcel", "Option VBASupport 1\nOption ClassModule\nPublic ActiveWorkbook As Object\n"
                    "Public Function GetOpenFilename(Optional FileFilter, Optional FilterIndex, Optional Title, "
                    "Optional ButtonText, Optional MultiSelect) As Variant\n"
                    "  Keep \"dialog.txt\", FileFilter & Chr(10) & CStr(MultiSelect) & Chr(10) & Title\n"
                    "  GetOpenFilename = Chosen\nEnd Function\n", "class")
    zh_const = escape('Private Const ADDIN_LANG As String = "zh"', {'"': "&quot;"}).encode()
    assert modules["Ribbon"].count(zh_const) == 1
    ribbon = modules["Ribbon"].replace(zh_const, zh_const.replace(b"zh", lang.encode()))
    ribbon = ribbon.replace(b"</script:module>", escape(
        "Private Function MsgBox(Prompt, Optional Buttons, Optional Title) As Integer\n"
        '  Keep "asked.txt", CStr(Buttons) & Chr(10) & Title & Chr(10) & Prompt\n'
        "  MsgBox = Answer\nEnd Function\n").encode() + b"</script:module>")
    assert compiles({"Ribbon": ribbon, "Stub": stub, "FakeExcel": excel}, profile, "ShopbookMorning",
                    first="PressAll")
    return lang, {name: {kept: _kept(f / f"{kept}.txt") for kept in ("asked", "dialog", "command")}
                  for name, f in folders.items()}


def _python_gets(command: str, monkeypatch) -> list:
    """What shopbook.xl.morning is called with when python -c runs `command`."""
    from shopbook import xl

    got = []
    monkeypatch.setattr(xl, "morning", lambda book=None, path=None: got.append(path))
    exec(command, {})
    return got


def test_morning_asks_first_in_the_add_ins_language(morning_pressed):
    import re

    lang, pressed = morning_pressed
    for name, kept in pressed.items():
        assert kept["asked"] is not None and len(kept["asked"]) == 1, name  # asked once, before anything runs
        buttons, title, prompt = kept["asked"][0].split("\n", 2)
        assert int(buttons) == VB_YES_NO_CANCEL + VB_QUESTION and title == "shopbook"
        if lang == "zh":
            assert prompt.startswith("先导入平台的订单导出文件吗？\n是：") and "取消：不运行" in prompt
            assert not re.search(r"[A-Za-z]{3,}", prompt.replace("orders.xlsx", "")), prompt  # no English
        else:
            assert prompt.startswith("Import the platforms' order exports first?\nYes: ") and "Cancel: nothing" in prompt
            assert not re.search(r"[\u4e00-\u9fff]", prompt), prompt  # no Chinese


def test_morning_yes_imports_the_chosen_exports(morning_pressed, monkeypatch):
    """Yes: the file dialog of 导入订单… (several files), then the job with exactly those files."""
    lang, pressed = morning_pressed
    kept = pressed["yes"]
    assert kept["dialog"] == [f"{ORDER_FILTER[lang]}\nTrue\n{ORDER_TITLE[lang]}"]
    assert kept["command"] is not None and len(kept["command"]) == 1
    command = kept["command"][0]
    assert command.startswith("import shopbook.xl; shopbook.xl.morning(path='")
    ascii_marks = {c for c in command if ord(c) < 128 and not c.isalnum()}
    assert ascii_marks <= set(" ._-/:;()='\\"), ascii_marks  # nothing cmd.exe or sh would touch
    got = _python_gets(command, monkeypatch)
    assert got == ["|".join(EXPORTS)] and got[0].split("|") == EXPORTS


def test_morning_no_reviews_and_picks_without_files(morning_pressed, monkeypatch):
    kept = morning_pressed[1]["no"]
    assert kept["dialog"] is None
    assert kept["command"] == ["import shopbook.xl; shopbook.xl.morning()"]
    assert _python_gets(kept["command"][0], monkeypatch) == [None]


@pytest.mark.parametrize("press", ["cancel", "yes, dialog cancelled"])
def test_morning_cancelled_runs_nothing(morning_pressed, press):
    lang, pressed = morning_pressed
    kept = pressed[press]
    assert kept["dialog"] == (None if press == "cancel" else [f"{ORDER_FILTER[lang]}\nTrue\n{ORDER_TITLE[lang]}"])
    assert kept["command"] is None


@pytest.fixture(scope="module", params=["zh", "en"])
def pressed_with_no_book(lo, tmp_path_factory, request):
    """Every button's Sub, run by LibreOffice Basic with Excel holding no workbook (Application.ActiveWorkbook
    is Nothing: the last one closed, or one in Protected View), with the stand-ins of `morning_pressed`
    keeping what each press asked (MsgBox: answers Yes), which dialog it opened and what it ran."""
    from shopbook.addin.build import ribbon_subs

    profile, modules = lo
    lang = request.param
    work = tmp_path_factory.mktemp(f"nobook-{lang}")
    subs = sorted(ribbon_subs((repo_macros() / "Ribbon.bas").read_bytes()))
    stub = _module("Stub", "Option VBASupport 1\nPublic Application As Object\nPublic Folder As String\n"
                   + XLWINGS_STANDINS + KEEPING +
                   "Sub PressAll\n  Set Application = New FakeExcel\n"
                   + "".join(f'  Folder = "{work / s}/"\n  {s} Nothing\n' for s in subs)
                   + "End Sub\n")
    excel = _module("FakeExcel", "Option VBASupport 1\nOption ClassModule\nPublic ActiveWorkbook As Object\n"
                    "Public Function GetOpenFilename(Optional FileFilter, Optional FilterIndex, Optional Title, "
                    "Optional ButtonText, Optional MultiSelect) As Variant\n"
                    "  Keep \"dialog.txt\", Title\n  If MultiSelect Then\n    GetOpenFilename = Array(\"C:\\shop\\a.csv\")\n"
                    "  Else\n    GetOpenFilename = \"C:\\shop\\a.csv\"\n  End If\nEnd Function\n",
                    "class")
    zh_const = escape('Private Const ADDIN_LANG As String = "zh"', {'"': "&quot;"}).encode()
    ribbon = modules["Ribbon"].replace(zh_const, zh_const.replace(b"zh", lang.encode()))
    ribbon = ribbon.replace(b"</script:module>", escape(
        "Private Function MsgBox(Prompt, Optional Buttons, Optional Title) As Integer\n"
        '  Keep "asked.txt", CStr(Buttons) & Chr(10) & Title & Chr(10) & Prompt\n'
        "  MsgBox = vbYes\nEnd Function\n").encode() + b"</script:module>")
    for s in subs:
        (work / s).mkdir()
    assert compiles({"Ribbon": ribbon, "Stub": stub, "FakeExcel": excel}, profile, "ShopbookNoBook", first="PressAll")
    return lang, {s: {kept: _kept(work / s / f"{kept}.txt") for kept in ("asked", "dialog", "command")}
                  for s in subs}


def test_a_button_with_no_workbook_open_says_so_and_runs_nothing(pressed_with_no_book):
    """With no workbook open, xlwings' RunPython stops on VBA's error 91 (it reads the active workbook's
    sheets and name) and offers the debugger. Every button says what to open instead, in the add-in's
    language, before it asks a question or opens a file dialog, and runs nothing."""
    import re

    from shopbook.addin.build import ribbon_actions

    lang, pressed = pressed_with_no_book
    assert len(pressed) == len(ribbon_actions((repo_macros() / "customUI.xml").read_bytes()))  # every button
    for sub, kept in pressed.items():
        assert kept["command"] is None and kept["dialog"] is None, sub
        assert kept["asked"] is not None and len(kept["asked"]) == 1, sub
        buttons, title, prompt = kept["asked"][0].split("\n", 2)
        assert int(buttons) == 48 and title == "shopbook", sub  # vbExclamation
        assert "stock.xlsx" in prompt
        if lang == "zh":
            assert prompt.startswith("没有可以编辑的工作簿打开着：请打开店铺文件夹里的工作簿") and "启用编辑" in prompt
            assert not re.search(r"[A-Za-z]{3,}", re.sub(r"\w+\.xlsx", "", prompt)), prompt
        else:
            assert prompt.startswith("No workbook open for editing: open a workbook in the shop folder") and \
                "Enable Editing" in prompt
            assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", prompt), prompt


@pytest.fixture(scope="module", params=["zh", "en"])
def wizard_help(lo, tmp_path_factory, request):
    """xlwings_udfs' own RegisterShopbookFunctions (what the add-in's Workbook_Open calls), run by
    LibreOffice Basic in the add-in of each language (its ADDIN_LANG as `addin build --lang` sets it),
    with a stand-in Application whose MacroOptions keeps the function, its description and its
    arguments' help: function name → (description, [argument help])."""
    profile, modules = lo
    lang = request.param
    work = tmp_path_factory.mktemp(f"wizard-{lang}")
    kept = work / "options.txt"
    stub = _module("Stub", "Option VBASupport 1\nPublic Application As Object\nPublic ThisWorkbook As Object\n\n"
                   "Sub Keep(ByVal text As String)\n  Dim f As Integer, i As Long, t As String\n"
                   "  For i = 1 To Len(text)\n    t = t & Hex(AscW(Mid(text, i, 1)) And &HFFFF&) & \" \"\n  Next i\n"
                   f'  f = FreeFile\n  Open "{kept}" For Append As #f\n  Print #f, t\n  Close #f\nEnd Sub\n\n'
                   "Sub Register\n  Set Application = New FakeExcel\n  Set ThisWorkbook = New FakeBook\n"
                   "  RegisterShopbookFunctions\nEnd Sub\n")
    excel = _module("FakeExcel", "Option VBASupport 1\nOption ClassModule\n"
                    "Public Sub MacroOptions(Optional Macro, Optional Description, Optional HasMenu, Optional MenuText, "
                    "Optional HasShortcutKey, Optional ShortcutKey, Optional Category, Optional StatusBar, "
                    "Optional HelpContextID, Optional HelpFile, Optional ArgumentDescriptions)\n"
                    "  Dim i As Long, t As String\n  t = Macro & Chr(10) & Category & Chr(10) & Description\n"
                    "  For i = LBound(ArgumentDescriptions) To UBound(ArgumentDescriptions)\n"
                    "    t = t & Chr(10) & ArgumentDescriptions(i)\n  Next i\n  Keep t\nEnd Sub\n", "class")
    book = _module("FakeBook", "Option VBASupport 1\nOption ClassModule\nPublic Name As String\n\n"
                   "Private Sub Class_Initialize()\n  Name = \"shopbook.xlam\"\nEnd Sub\n", "class")
    zh_const = escape('Private Const ADDIN_LANG As String = "zh"', {'"': "&quot;"}).encode()
    udfs = modules["xlwings_udfs"].replace(zh_const, zh_const.replace(b"zh", lang.encode()))
    assert compiles({"xlwings_udfs": udfs, "Stub": stub, "FakeExcel": excel, "FakeBook": book}, profile,
                    "ShopbookWizard", first="Register")
    out = {}
    for text in _kept(kept) or []:
        macro, category, description, *args = text.split("\n")
        assert macro.startswith("'shopbook.xlam'!") and category == "shopbook"
        out[macro.split("!", 1)[1]] = (description, args)
    return lang, out


def test_the_function_wizard_speaks_the_add_ins_language(wizard_help):
    """The SB_* functions' description and argument help in the function wizard are in the add-in's one
    language, as its ribbon labels and its messages are: the Chinese add-in's in Chinese (values and
    file names aside), the English one's in English. Both were "中文 / English" in either add-in."""
    import re

    from shopbook.addin.udf_wrappers import udf_functions

    lang, got = wizard_help
    funcs = udf_functions()
    assert sorted(got) == sorted(f["name"] for f in funcs) and len(got) == 11
    for f in funcs:
        description, args = got[f["name"]]
        docs = [a["doc"] for a in f["args"] if a["name"] != "caller"]
        assert len(args) == len(docs), f["name"]
        for text, doc in [(description, f["ret"]["doc"]), *zip(args, docs)]:
            assert text and text in doc, (text, doc)  # its own words, in one language
            if lang == "zh":
                assert doc.startswith(text) and re.search(r"[\u4e00-\u9fff]", text), text
                assert not re.search(r"\b(cell|column|optional|price|quantity|the|[Pp]hone|SKU)\b", text), text
            else:
                assert doc.endswith(text) and re.match(r"[A-Za-z]", text), text
                assert not re.search(r"[（）：，]", text), text  # no Chinese wording (values such as 浙江 aside)


MISSING_PYTHON = "C:\\Users\\张三\\.shopbook\\venv\\Scripts\\python.exe"


@pytest.fixture(scope="module", params=["zh", "en"])
def pressed_with_python_gone(lo, tmp_path_factory, request):
    """Every button's Sub, run by LibreOffice Basic with a workbook open and xlwings' settings naming an
    interpreter (INTERPRETER_WIN, as `addin install` writes it, expanded), with FileExists answering
    False (the environment removed or moved: "gone") and True ("there"); the stand-ins of
    `morning_pressed` keep what each press asked (MsgBox: answers No), opened and ran."""
    from shopbook.addin.build import ribbon_subs

    profile, modules = lo
    lang = request.param
    work = tmp_path_factory.mktemp(f"nopython-{lang}")
    subs = sorted(ribbon_subs((repo_macros() / "Ribbon.bas").read_bytes()))
    installed = f"\"INTERPRETER_WIN=\" & {_vba_string(MISSING_PYTHON)}"
    presses = "".join(f'  Found = {found}\n  Settings = {settings}\n  Folder = "{work / state / sub}/"\n  {sub} Nothing\n'
                      for state, found, settings in (("gone", "False", installed), ("there", "True", installed),
                                                     ("unset", "True", '""'),
                                                     ("conda", "False", '"CONDA PATH=C:\\Miniconda3" & Chr(10) & '
                                                                       '"CONDA ENV=shop"'))
                      for sub in subs)
    stub = _module("Stub", "Option VBASupport 1\nPublic Application As Object\nPublic Folder As String\n"
                   + XLWINGS_STANDINS + KEEPING +
                   "Sub PressAll\n  Set Application = New FakeExcel\n  Set Application.ActiveWorkbook = New Collection\n"
                   + presses + "End Sub\n")
    excel = _module("FakeExcel", "Option VBASupport 1\nOption ClassModule\nPublic ActiveWorkbook As Object\n"
                    "Public Function GetOpenFilename(Optional FileFilter, Optional FilterIndex, Optional Title, "
                    "Optional ButtonText, Optional MultiSelect) As Variant\n"
                    "  Keep \"dialog.txt\", Title\n  If MultiSelect Then\n    GetOpenFilename = Array(\"C:\\shop\\a.csv\")\n"
                    "  Else\n    GetOpenFilename = \"C:\\shop\\a.csv\"\n  End If\nEnd Function\n", "class")
    zh_const = escape('Private Const ADDIN_LANG As String = "zh"', {'"': "&quot;"}).encode()
    ribbon = modules["Ribbon"].replace(zh_const, zh_const.replace(b"zh", lang.encode()))
    ribbon = ribbon.replace(b"</script:module>", escape(
        "Private Function MsgBox(Prompt, Optional Buttons, Optional Title) As Integer\n"
        '  Keep "asked.txt", CStr(Buttons) & Chr(10) & Title & Chr(10) & Prompt\n'
        "  MsgBox = vbNo\nEnd Function\n" + RIBBON_FILE_EXISTS).encode() + b"</script:module>")
    for state in ("gone", "there", "unset", "conda"):
        for sub in subs:
            (work / state / sub).mkdir(parents=True)
    assert compiles({"Ribbon": ribbon, "Stub": stub, "FakeExcel": excel}, profile, "ShopbookNoPython",
                    first="PressAll")
    return lang, {state: {sub: {kept: _kept(work / state / sub / f"{kept}.txt") for kept in ("asked", "dialog", "command")}
                          for sub in subs} for state in ("gone", "there", "unset", "conda")}


def test_a_button_whose_python_is_gone_says_where_and_what_to_do(pressed_with_python_gone):
    """Windows: where the interpreter the settings name is not there, xlwings' RunPython says only "Could
    not find Interpreter!" (in English). Every button says instead, in the add-in's language, which
    Python is missing, why it may be and what to run, and runs nothing; with the interpreter there,
    every button goes on (its question, its dialog or its command)."""
    import re

    lang, pressed = pressed_with_python_gone
    for sub, kept in pressed["gone"].items():
        assert kept["command"] is None and kept["dialog"] is None, sub
        assert kept["asked"] is not None and len(kept["asked"]) == 1, sub
        buttons, title, prompt = kept["asked"][0].split("\n", 2)
        assert int(buttons) == 16 and title == "shopbook", sub  # vbCritical
        assert MISSING_PYTHON in prompt and "shopbook addin doctor" in prompt and "shopbook addin install" in prompt
        rest = prompt.replace(MISSING_PYTHON, "")
        if lang == "zh":
            assert prompt.startswith(f"找不到 Python：{MISSING_PYTHON}\n")
            assert not re.search(r"\b(?!shopbook|addin|doctor|install|conf|INTERPRETER_WIN|Python)[A-Za-z]{3,}\b", rest), rest
        else:
            assert prompt.startswith(f"Python was not found: {MISSING_PYTHON}\n")
            assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", rest), rest
    for sub, kept in pressed["there"].items():
        assert kept["command"] or kept["dialog"] or kept["asked"], sub  # not stopped: it goes on
        assert not kept["asked"] or not any(a.startswith("16\n") for a in kept["asked"]), sub


def test_a_button_with_no_settings_says_to_install_and_runs_nothing(pressed_with_python_gone):
    """No interpreter in any settings (`addin install` never run on this PC, or its shopbook.conf gone):
    xlwings' RunPython ran "python" from PATH (on Windows 10/11 the Store's alias, which opens the Store)
    and the button ended on a Python traceback or an empty error box. Every button now says, in the
    add-in's language, that the settings were not found and what to run, and runs nothing."""
    import re

    lang, pressed = pressed_with_python_gone
    for sub, kept in pressed["unset"].items():
        assert kept["command"] is None and kept["dialog"] is None, sub
        assert kept["asked"] is not None and len(kept["asked"]) == 1, sub
        buttons, title, prompt = kept["asked"][0].split("\n", 2)
        assert int(buttons) == 16 and title == "shopbook", sub  # vbCritical
        assert "INTERPRETER_WIN" in prompt and "shopbook addin install" in prompt and "shopbook addin doctor" in prompt
        rest = re.sub(r"shopbook addin (install|doctor)|shopbook\.conf|INTERPRETER_WIN|shopbook|Excel|Python|Mac", "",
                      prompt)
        if lang == "zh":
            assert prompt.startswith("找不到 shopbook 的设置：shopbook.conf 里没有 INTERPRETER_WIN，"), prompt
            assert not re.search(r"[A-Za-z]{3,}", rest), rest
        else:
            assert prompt.startswith("shopbook's settings were not found: shopbook.conf has no INTERPRETER_WIN, "), prompt
            assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", rest), rest
    # a conda environment named instead: xlwings runs "python" in it, and no file is looked for (FileExists answers
    # False here, as Windows' GetAttr("") fails: every button said "Python was not found: " with no name)
    for sub, kept in pressed["conda"].items():
        assert kept["command"] or kept["dialog"] or kept["asked"], sub
        assert not kept["asked"] or not any(a.startswith("16\n") for a in kept["asked"]), sub
