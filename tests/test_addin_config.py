"""The built add-in, read as xlwings 0.37.8's VBA reads it, finds the interpreter that
`shopbook addin install` configured: GetConfig transcribed in shopbook.addin.doctor, its key
names read from macros/xlwings.bas, run on the built add-in's own sheets, a shop workbook
and the file the installer writes, for users whose home folder has a Chinese name."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from shopbook.addin.build import CONF_SHEET, build_addin, repo_macros
from shopbook.addin.doctor import (Host, XlwingsVba, config_sheet, dll_candidates, get_config, input_fields,
                                   interpreter, sheet_names, vba_of_addin)
from shopbook.addin.install import INTERPRETER_KEY, UDF_MODULE, UDF_MODULES_KEY, install_addin
from shopbook.issues import ShopbookError

MACROS = repo_macros()
DEMO = Path(__file__).resolve().parents[1] / "xlsx"
VBA = XlwingsVba.read((MACROS / "xlwings.bas").read_text(encoding="cp1252"))


def test_key_names_come_from_xlwings_bas():
    assert VBA.project == "shopbook" and VBA.version == "0.37.8"
    assert VBA.run_key == {"win": "INTERPRETER_WIN", "mac": "INTERPRETER_MAC"} == INTERPRETER_KEY
    assert VBA.udf_modules_key == "UDF MODULES" == UDF_MODULES_KEY  # with a space, not UDF_MODULES
    assert VBA.run_legacy == ("INTERPRETER", "python") and VBA.udf_legacy == ("INTERPRETER", "pythonw")
    assert (VBA.dll64, VBA.dll32) == ("xlwings64-0.37.8.dll", "xlwings32-0.37.8.dll")


def test_a_changed_lookup_order_is_refused():
    src = (MACROS / "xlwings.bas").read_text(encoding="cp1252")
    swapped = src.replace("GetConfigFromSheet(ActiveWorkbook)", "@@").replace(
        "GetConfigFromSheet(ThisWorkbook)", "GetConfigFromSheet(ActiveWorkbook)").replace("@@", "GetConfigFromSheet(ThisWorkbook)")
    with pytest.raises(ValueError, match="order"):
        XlwingsVba.read(swapped)


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shop")
    shutil.copy(DEMO / "stock.xlsx", folder / "stock.xlsx")
    return folder


def python_at(path: Path) -> Path:
    """A stand-in for the environment's interpreter at `path`: runs this test's Python (which
    has shopbook and xlwings), as the real one would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    path.chmod(0o755)
    return path


def _install(tmp_path, platform, home_name="张三"):
    home = tmp_path / "Users" / home_name
    env = home / ".shopbook" / "venv"
    python = python_at(env / ("Scripts/python.exe" if platform == "win32" else "bin/python"))
    res = install_addin("zh", home=home, platform=platform, python=python, code_page="cp936")
    return home, python, res


def test_windows_user_with_a_chinese_name_gets_the_venv(tmp_path, shop):
    home, python, res = _install(tmp_path, "win32")
    # the file holds %USERPROFILE%\…, so its code page never meets the Chinese name
    assert res.config.read_bytes() == (b'"INTERPRETER_WIN","%USERPROFILE%\\.shopbook\\venv\\Scripts\\python.exe"\r\n'
                                       b'"UDF MODULES","shopbook.xl.udfs"\r\n"ADD_WORKBOOK_TO_PYTHONPATH","false"\r\n')
    host = Host("win", home, {"USERPROFILE": str(home)}, "cp936")
    for workbook in (None, shop / "stock.xlsx"):
        run = interpreter(VBA, host, res.addin, workbook)
        udf = interpreter(VBA, host, res.addin, workbook, for_udfs=True)
        mods = get_config(VBA.udf_modules_key, "", VBA, host, res.addin, workbook)
        assert (run.source, udf.source, mods.source) == ("user file",) * 3
        assert host.path(run.value) == python and host.path(udf.value) == python
        assert mods.value == UDF_MODULE
    # XLPyLoadDLL looks beside the interpreter, then in the environment's folder (where the
    # Windows xlwings wheel puts its DLL)
    assert [host.path(p) for p in dll_candidates(udf.value, VBA)] == [
        python.parent / "xlwings64-0.37.8.dll", python.parent.parent / "xlwings64-0.37.8.dll"]


def test_mac_user_with_a_chinese_name_gets_the_venv(tmp_path, shop):
    home, python, res = _install(tmp_path, "darwin", "李四")
    assert res.config.read_bytes() == (b'"INTERPRETER_MAC","$HOME/.shopbook/venv/bin/python"\r\n'
                                       b'"UDF MODULES","shopbook.xl.udfs"\r\n"ADD_WORKBOOK_TO_PYTHONPATH","false"\r\n')
    host = Host("mac", home)
    assert res.config == host.user_config(VBA)  # GetConfigFilePath: the sandbox's Data folder
    run = interpreter(VBA, host, res.addin, shop / "stock.xlsx")
    assert run.source == "user file" and Path(run.value) == python
    assert get_config(VBA.udf_modules_key, "", VBA, host, res.addin).value == UDF_MODULE


def test_a_path_outside_home_is_written_in_the_ansi_code_page(tmp_path):
    home = tmp_path / "home"
    python = tmp_path / "工具" / "python.exe"
    res = install_addin("zh", home=home, platform="win32", python=python, code_page="cp936")
    host = Host("win", home, {"USERPROFILE": str(home)}, "cp936")
    assert host.path(interpreter(VBA, host, res.addin).value) == python  # read back as VBA reads it: cp936
    with pytest.raises(ShopbookError, match="code page"):  # and where nothing but ASCII is certain: refused
        install_addin("zh", home=home, platform="darwin", python=python)


def test_the_built_addin_has_no_active_settings_sheet(tmp_path):
    built = build_addin(MACROS, tmp_path / "a.xlam")
    assert sheet_names(built) == [CONF_SHEET] and CONF_SHEET.startswith("_")
    assert config_sheet(built, "shopbook.conf") is None
    # the template's inactive sheet still holds xlwings' keys, all blank or FALSE
    sheet = config_sheet(built, CONF_SHEET)
    assert {"INTERPRETER_WIN", "INTERPRETER_MAC", "UDF MODULES"} <= set(sheet)
    assert vba_of_addin(built) == (MACROS / "xlwings.bas").read_bytes().decode("cp1252")


def test_an_active_settings_sheet_with_blank_keys_hides_the_user_file(tmp_path):
    """The defect as it was: the add-in's sheet named shopbook.conf. The transcription must see
    what xlwings sees: the blank key wins, RunPython falls back to `python`."""
    home, python, res = _install(tmp_path, "win32")
    old = tmp_path / "old.xlam"
    with zipfile.ZipFile(res.addin) as a, zipfile.ZipFile(old, "w") as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = data.replace(f'name="{CONF_SHEET}"'.encode(), b'name="shopbook.conf"')
            b.writestr(info, data)
    host = Host("win", home, {"USERPROFILE": str(home)}, "cp936")
    run = interpreter(VBA, host, old)
    assert (run.key, run.value, run.source) == ("INTERPRETER", "python", "default")
    assert get_config("UDF MODULES", "", VBA, host, old).source == "add-in sheet"
    assert interpreter(VBA, host, old, for_udfs=True).value == "pythonw"


def test_a_workbook_sheet_and_a_directory_file_come_first(tmp_path):
    home, python, res = _install(tmp_path, "win32")
    host = Host("win", home, {"USERPROFILE": str(home), "SHOP": "D:\\店"}, "cp936")
    book = tmp_path / "shop" / "orders.xlsx"
    book.parent.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "shopbook.conf"
    for row in (["Interpreter_Win", "%SHOP%\\py\\python.exe"], ["Show Console", True]):
        ws.append(row)
    wb.save(book)
    got = interpreter(VBA, host, res.addin, book)
    assert (got.source, got.value) == ("workbook sheet", "D:\\店\\py\\python.exe")  # keys upper-cased
    assert get_config("SHOW CONSOLE", "", VBA, host, res.addin, book).value == "True"
    assert get_config("UDF MODULES", "", VBA, host, res.addin, book).source == "user file"
    # a blank A2 ends the sheet's keys at A1 (GetConfigFromSheet)
    ws["A2"] = None
    ws["A3"] = "UDF Modules"
    ws["B3"] = "elsewhere"
    wb.save(book)
    assert get_config("UDF MODULES", "", VBA, host, res.addin, book).source == "user file"
    # a settings file beside the workbook, written by VBA's Write # (here in cp936)
    book.unlink()
    (book.parent / "shopbook.conf").write_bytes('"UDF MODULES","店铺.udfs"\r\n'.encode("cp936"))
    openpyxl.Workbook().save(book)
    got = get_config("UDF MODULES", "", VBA, host, res.addin, book)
    assert (got.source, got.value) == ("directory file", "店铺.udfs")


def test_input_fields_read_like_vba():
    assert input_fields('"A","C:\\x y\\p.exe"\r\n"B" , 7\r\nC,\r\n') == ["A", "C:\\x y\\p.exe", "B", "7", "C", ""]


def test_the_workbooks_folder_is_not_put_on_sys_path_so_a_onedrive_workbook_reaches_shopbook(tmp_path, shop,
                                                                                              monkeypatch):
    """With ADD_WORKBOOK_TO_PYTHONPATH left at xlwings' "true", RunPython and the UDF server map the
    active workbook's name to a local folder before shopbook is imported: a workbook opened from
    OneDrive/SharePoint (a web address xlwings cannot map) stopped every button on xlwings' traceback.
    The installer's file sets it to "false", which the VBA reads for both."""
    import xlwings
    import xlwings.utils

    src = (MACROS / "xlwings.bas").read_text(encoding="cp1252")
    assert src.count('AddExcelDir = GetConfig("ADD_WORKBOOK_TO_PYTHONPATH", "true")') == 2  # RunPython, UDF server
    for platform in ("win32", "darwin"):
        home, python, res = _install(tmp_path / platform, platform)
        host = Host("win" if platform == "win32" else "mac", home, {"USERPROFILE": str(home)}, "cp936")
        for workbook in (None, shop / "stock.xlsx"):
            got = get_config("ADD_WORKBOOK_TO_PYTHONPATH", "true", VBA, host, res.addin, workbook)
            assert (got.value, got.source) == ("false", "user file")
    # what xlwings' prepare_sys_path (the first thing RunPython runs) does with each
    monkeypatch.setenv("OneDrive", str(tmp_path / "nowhere"))
    url = "https://d.docs.live.net/4f2a9c/Documents/店铺/orders.xlsx"
    monkeypatch.setattr("sys.path", list(__import__("sys").path))
    with pytest.raises(xlwings.XlwingsError):
        xlwings.utils.prepare_sys_path(f"true;{url};{tmp_path / 'shopbook.xlam'};;;;")
    xlwings.utils.prepare_sys_path(f"false;{url};{tmp_path / 'shopbook.xlam'};;;;")
