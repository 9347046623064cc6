"""`shopbook addin doctor` on Linux, against stand-in Windows and macOS home folders: every
step but the Excel one (which needs Excel) runs here, on what `addin install` really wrote."""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from shopbook.addin.build import CONF_SHEET
from shopbook.addin.doctor import Host, doctor, run_checks
from shopbook.addin.install import install_addin
from shopbook.issues import ShopbookError
from test_addin_config import python_at

DEMO = Path(__file__).resolve().parents[1] / "xlsx"
DLL = "xlwings64-0.37.8.dll"


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "我的店"
    folder.mkdir()
    shutil.copy(DEMO / "stock.xlsx", folder / "stock.xlsx")
    return folder


def windows_pc(tmp_path, dll=True):
    home = tmp_path / "Users" / "王五"
    python = python_at(home / ".shopbook" / "venv" / "Scripts" / "python.exe")
    if dll:  # where the Windows xlwings wheel puts it: the environment's folder
        (home / ".shopbook" / "venv" / DLL).write_bytes(b"MZ stand-in")
    res = install_addin("zh", home=home, platform="win32", python=python, code_page="cp936")
    return Host("win", home, {"USERPROFILE": str(home)}, "cp936"), res


def marks(report):
    return [{True: "✓", False: "✗", None: "–"}[c.ok] for c in report.checks]


def test_a_good_windows_install_passes_every_step_but_excel(tmp_path, shop):
    host, res = windows_pc(tmp_path)
    report = run_checks(host, shop)
    assert marks(report) == ["✓", "✓", "✓", "✓", "✓", "–"] and report.ok
    text = report.text("zh")
    assert "INTERPRETER_WIN = " in text and "用户设置文件" in text and "UDF MODULES = shopbook.xl.udfs" in text
    assert f"{DLL}" in text and "xlwings 0.37.8" in text and "这台电脑上没有 Excel" in text
    assert "全部通过" not in text and "0 项未通过，1 项未检查" in text  # Excel was not tried: not all passed
    en = report.text("en")
    assert "user file" in en and "there is no Excel on this computer" in en and "怎么办" not in en


def test_a_missing_dll_is_located(tmp_path, shop):
    host, res = windows_pc(tmp_path, dll=False)
    report = run_checks(host, shop)
    assert marks(report) == ["✓", "✓", "✗", "✓", "✓", "–"] and not report.ok
    text = report.text("en")
    venv = host.home / ".shopbook" / "venv"
    assert f"{venv}\\Scripts\\{DLL}".replace("/", "\\") in text.replace("/", "\\")
    assert "Scripts\\python.exe -m pip install --force-reinstall xlwings==0.37.8" in text


def test_a_user_name_outside_the_code_page_is_caught(tmp_path, shop):
    """LoadLibraryA gets the DLL's path in the ANSI code page: a Korean user name on a
    Chinese Windows cannot reach it, even though %USERPROFILE% carries it into the config."""
    home = tmp_path / "Users" / "김민수"
    python = python_at(home / ".shopbook" / "venv" / "Scripts" / "python.exe")
    (home / ".shopbook" / "venv" / DLL).write_bytes(b"MZ stand-in")
    install_addin("zh", home=home, platform="win32", python=python, code_page="cp936")
    report = run_checks(Host("win", home, {"USERPROFILE": str(home)}, "cp936"), shop)
    assert marks(report)[:3] == ["✓", "✓", "✗"] and "--env" in report.text("en")


def test_nothing_installed(tmp_path):
    host = Host("win", tmp_path / "Users" / "nobody", {"USERPROFILE": str(tmp_path / "Users" / "nobody")}, "cp936")
    report = run_checks(host)
    assert marks(report) == ["✗", "–", "✗", "–", "✗", "–"]
    text = report.text("zh")
    assert "INTERPRETER = 'python'" in text and "不存在" in text and "shopbook addin install" in text


def test_an_old_addin_with_an_active_settings_sheet(tmp_path, shop):
    """What the add-in looked like before: its settings sheet active with blank keys. The
    doctor sees xlwings fall back to `python`, and the add-in not being this version's."""
    host, res = windows_pc(tmp_path)
    data = res.addin.read_bytes()
    res.addin.unlink()
    with zipfile.ZipFile(io.BytesIO(data)) as a, zipfile.ZipFile(res.addin, "w") as b:
        for info in a.infolist():
            part = a.read(info.filename)
            if info.filename == "xl/workbook.xml":
                part = part.replace(f'name="{CONF_SHEET}"'.encode(), b'name="shopbook.conf"')
            b.writestr(info, part)
    report = run_checks(host, shop)
    assert report.checks[0].ok is False and "INTERPRETER = 'python'" in report.text("en")
    assert report.checks[4].ok is False and "hides the user file" in report.text("en")


def test_a_settings_sheet_in_a_shop_workbook_is_named(tmp_path, shop):
    import openpyxl

    host, res = windows_pc(tmp_path)
    wb = openpyxl.Workbook()
    wb.active.title = "ShopBook.conf"  # Excel finds a sheet by name in any case
    wb.active.append(["Interpreter_Win", str(host.home / ".shopbook" / "venv" / "Scripts" / "python.exe")])
    wb.save(shop / "orders.xlsx")  # after stock.xlsx, which has none: the one with settings is reported
    report = run_checks(host, shop)
    assert report.checks[0].ok and "workbook sheet" in report.text("en") and "orders.xlsx" in report.text("en")


def test_an_interpreter_without_xlwings(tmp_path, shop):
    host, res = windows_pc(tmp_path)
    python = host.home / ".shopbook" / "venv" / "Scripts" / "python.exe"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n')  # no site-packages: no xlwings
    report = run_checks(host, shop)
    assert marks(report)[:2] == ["✓", "✗"] and "No module named 'xlwings'" in report.text("en")
    assert report.checks[3].ok is None  # shopbook's import is not tried with a broken interpreter


def test_the_interpreter_is_started_once_for_its_two_checks(tmp_path, shop):
    """Steps 2 and 4 ask the same interpreter, and each start imports xlwings (which loads pandas
    and matplotlib: seconds on a PC): one run answers both. A shopbook that does not import there
    fails step 4 alone, saying why."""
    host, res = windows_pc(tmp_path)
    python = host.home / ".shopbook" / "venv" / "Scripts" / "python.exe"
    log = tmp_path / "starts.log"
    python.write_text(f'#!/bin/sh\necho started >> "{log}"\nexec "{sys.executable}" "$@"\n')
    assert marks(run_checks(host, shop)) == ["✓", "✓", "✓", "✓", "✓", "–"]
    assert log.read_text().count("started") == 1
    broken = tmp_path / "broken" / "shopbook"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('a half-installed shopbook')\n")
    python.write_text(f'#!/bin/sh\necho started >> "{log}"\n'
                      f'PYTHONPATH="{broken.parent}" exec "{sys.executable}" "$@"\n')
    report = run_checks(host, shop)
    assert marks(report)[:4] == ["✓", "✓", "✓", "✗"] and "a half-installed shopbook" in report.text("en")
    assert log.read_text().count("started") == 2


def test_a_good_mac_install(tmp_path, shop):
    home = tmp_path / "Users" / "赵六"
    python = python_at(home / ".shopbook" / "venv" / "bin" / "python")
    install_addin("en", home=home, platform="darwin", python=python, code_page="cp936")
    report = run_checks(Host("mac", home), shop)
    assert marks(report) == ["✓", "✓", "–", "✓", "✓", "✓", "–"]
    assert "$HOME" not in report.text("en") and str(python) in report.text("en")
    (home / "Library" / "Application Scripts" / "com.microsoft.Excel" / "xlwings-0.37.8.applescript").unlink()
    assert marks(run_checks(Host("mac", home), shop))[5] == "✗"


def test_linux_is_told_plainly():
    with pytest.raises(ShopbookError, match="Windows"):
        doctor()


def test_the_excel_step_makes_calls_xlwings_has():
    """The Excel step cannot run here; the xlwings calls it makes exist in the pinned xlwings
    (a renamed one would only show on the user's PC)."""
    import inspect

    from xlwings import main

    from shopbook import xl
    from shopbook.addin import doctor as d

    src = inspect.getsource(d.excel_check) + inspect.getsource(d._button_check)
    for owner, attr in [(main.App, "books"), (main.App, "calculate"), (main.App, "macro"), (main.App, "kill"),
                        (main.Books, "open"), (main.Book, "sheets"), (main.Book, "activate"), (main.Sheets, "add"),
                        (main.Range, "formula"), (main.Range, "value"), (main.Range, "options"),
                        (main.Sheet, "__getitem__")]:
        assert hasattr(owner, attr), attr
    assert "add_book" in inspect.signature(main.App.__init__).parameters and "add_book=False" in src
    assert 'RunPython")("import shopbook.xl; shopbook.xl.stock_summary()")' in src
    assert callable(xl.stock_summary)
    assert "=ISNA(A2)" in src and "options(err_to_str=True)" in src  # an error answer is checked as Excel sees it


def test_settings_from_before_the_workbook_path_setting_fail_and_say_to_install_again(tmp_path, shop):
    """`addin install` writes ADD_WORKBOOK_TO_PYTHONPATH false (a shop folder in OneDrive: without it every
    button and cell function stops on xlwings' traceback). A settings file written before lacks it: the
    settings check fails, naming the key and saying to install again; the rest passes as before."""
    host, res = windows_pc(tmp_path)
    conf = next(p for p in host.home.rglob("*.conf") if b"ADD_WORKBOOK_TO_PYTHONPATH" in p.read_bytes())
    conf.write_bytes(b"".join(ln for ln in conf.read_bytes().splitlines(keepends=True)
                              if b"ADD_WORKBOOK_TO_PYTHONPATH" not in ln))
    report = run_checks(host, shop)
    assert marks(report) == ["✗", "✓", "✓", "✓", "✓", "–"]
    zh, en = report.text("zh"), report.text("en")
    assert "ADD_WORKBOOK_TO_PYTHONPATH = 'true'" in zh and "OneDrive" in zh and "shopbook addin install" in zh
    assert "ADD_WORKBOOK_TO_PYTHONPATH = 'true' (from default)" in en and "should be false" in en


def test_a_conda_only_set_up_is_checked_at_the_python_xlwings_starts(tmp_path, shop):
    """Settings with CONDA PATH and CONDA ENV and no interpreter: xlwings' ExecuteWindows runs
    `conda activate ENV && python` and XLPyLoadDLL looks for the DLL in the env's folder, so the
    doctor checks that python and that DLL instead of saying no interpreter is configured; and
    where condabin\\conda.bat is missing (xlwings' CheckConda) it says every button will stop."""
    host, res = windows_pc(tmp_path)
    conda = host.home / "miniconda3"
    python = conda / "envs" / "shop" / "python.exe"
    python.parent.mkdir(parents=True)  # answers the doctor's probe as a good env does (a real one takes seconds)
    python.write_text("#!/bin/sh\nprintf '3.11.9\\n0.37.8\\n-- xlwings imported --\\n9.9\\n'\n")
    python.chmod(0o755)
    (conda / "envs" / "shop" / DLL).write_bytes(b"MZ stand-in")
    (conda / "condabin").mkdir()
    (conda / "condabin" / "conda.bat").write_text("@echo off\r\n")
    res.config.write_bytes(b'"CONDA PATH","%USERPROFILE%\\miniconda3"\r\n"CONDA ENV","shop"\r\n'
                           b'"UDF MODULES","shopbook.xl.udfs"\r\n"ADD_WORKBOOK_TO_PYTHONPATH","false"\r\n')
    shutil.rmtree(host.home / ".shopbook" / "venv")  # only conda's python is there
    report = run_checks(host, shop)
    en = report.text("en")
    assert marks(report) == ["✓", "✓", "✓", "✓", "✓", "–"], en
    assert "CONDA ENV = shop" in en and "envs\\shop\\python.exe" in en and f"envs\\shop\\{DLL}" in en
    (conda / "condabin" / "conda.bat").unlink()
    report = run_checks(host, shop)
    assert report.checks[0].ok is False and "conda.bat does not exist" in report.text("en")
    assert "conda.bat 不存在" in report.text("zh")
    # with an interpreter named as well, xlwings still runs CheckConda before every button
    res.config.write_bytes(res.config.read_bytes() + b'"INTERPRETER_WIN","' + str(python).encode() + b'"\r\n')
    report = run_checks(host, shop)
    assert report.checks[0].ok is False and "conda.bat does not exist" in report.text("en")
