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
