"""A shop folder in OneDrive/SharePoint: with AutoSave, Excel names the workbook by its web address.
xlwings maps it to the synced folder on this PC, or raises XlwingsError ("Couldn't find the local
OneDrive folder…"), which came out of every button as a traceback; a raw address read as a book never
saved. Now one message in both languages, saying what to do, and nothing done."""

from __future__ import annotations

import pytest
import xlwings

from shopbook import xl
from shopbook.shop import init_shop
from shopbook.xl import udfs
from xlfake import FakeApp, FakeSheet, FakeSheets

from test_functions import shop  # noqa: F401 - the fixture: a shop with a 运费 sheet

URL = "https://d.docs.live.net/4f2a9c/Documents/店铺/orders.xlsx"
SITE = "https://contoso.sharepoint.com/sites/Shop/Shared Documents/店铺/stock.xlsx"


class CloudBook:
    """A workbook Excel opened from OneDrive/SharePoint, as xlwings hands it over: its fullname
    raises as xlwings' does where it cannot find the synced file (or, `raw`, is the address itself)."""

    def __init__(self, url: str, raw: bool = False):
        self.url, self.raw = url, raw
        self.name = url.rsplit("/", 1)[1]
        self.app = FakeApp()
        self.api = type("Api", (), {"FullName": url, "Saved": True, "ReadOnly": False})()
        self._sheets = [FakeSheet(self, "订单")]
        self.sheets = FakeSheets(self)
        self.saves = 0

    @property
    def fullname(self) -> str:
        if self.raw:
            return self.url
        raise xlwings.XlwingsError("Couldn't find the local OneDrive folder. Please configure the "
                                   "ONEDRIVE_CONSUMER_WIN setting, see: xlwings.org/error.")

    def save(self):
        self.saves += 1


@pytest.mark.parametrize("press", [lambda b: xl.review(book=b), lambda b: xl.validate(book=b),
                                   lambda b: xl.daily_report(book=b), lambda b: xl.import_orders("x.csv", b)])
@pytest.mark.parametrize("raw", [False, True])
def test_a_workbook_opened_from_onedrive_says_what_to_do_in_both_languages(tmp_path, monkeypatch, press, raw):
    monkeypatch.chdir(tmp_path)
    init_shop(tmp_path / "shop")  # (a shop elsewhere on this PC: nothing of it is touched)
    book = CloudBook(URL, raw)
    press(book)  # no traceback
    alert = book.app.alerts[-1]
    said = alert["prompt"]
    assert alert["mode"] == "critical" and book.saves == 0, alert
    assert "从 OneDrive/SharePoint 打开的" in said and "opened from OneDrive/SharePoint" in said, said
    assert URL in said and "什么都没有做" in said and "nothing was done" in said
    assert "使用 Office 应用程序同步我打开的 Office 文件" in said and "Use Office applications to sync" in said
    assert '"ONEDRIVE_CONSUMER_WIN","同步文件夹的路径"' in said and "xlwings.conf" in said
    assert "还没有保存" not in said and "never been saved" not in said, said
    assert ("Couldn't find the local OneDrive folder" in said) is not raw
    assert book.app.status_bar is False


def test_a_sharepoint_site_names_its_own_setting(tmp_path):
    book = CloudBook(SITE, raw=True)
    xl.picklist(book=book)
    said = book.app.alerts[-1]["prompt"]
    assert '"SHAREPOINT_WIN","the synced folder\'s path"' in said and "ONEDRIVE_CONSUMER" not in said, said


def _caller(book):
    return type("C", (), {"sheet": type("S", (), {"book": book})()})()


@pytest.mark.parametrize("raw", [False, True])
def test_a_cell_function_in_such_a_workbook_is_na_not_a_traceback(tmp_path, monkeypatch, raw):
    monkeypatch.delenv("SHOPBOOK_SHOP", raising=False)
    caller = _caller(CloudBook(URL, raw))
    assert udfs.SB_SHIPPING_FEE("浙江", 1, caller=caller) == "#N/A"
    assert udfs.SB_STOCK([["SH-1"], ["SH-2"]], caller=caller) == "#N/A"


@pytest.mark.parametrize("raw", [False, True])
def test_a_cell_function_in_such_a_workbook_answers_from_shopbook_shop(shop, monkeypatch, raw):  # noqa: F811
    """The address is no file of this PC: the shop SHOPBOOK_SHOP names answers, as for a book never saved."""
    monkeypatch.setenv("SHOPBOOK_SHOP", str(shop))
    assert udfs.SB_SHIPPING_FEE("浙江", 1, caller=_caller(CloudBook(URL, raw))) == 5.0


def test_the_buttons_and_the_cell_functions_tell_a_cloud_book_the_same_way():
    """One check (xl._book_file) for both: a web address, or xlwings refusing to map it, is no file here;
    a file's name is itself; any other error is not swallowed by either."""
    for book in (CloudBook(URL), CloudBook(SITE, raw=True)):
        assert xl._book_file(book)[0] is None and udfs._book_path(_caller(book)) is None
        with pytest.raises(xl.ShopbookError):
            xl._fullname(book)
    local = type("B", (), {"fullname": r"C:\Users\王芳\店铺\stock.xlsx"})()
    assert xl._book_file(local) == (local.fullname, "") and udfs._book_path(_caller(local)) == local.fullname
    assert xl._fullname(local) == local.fullname

    class Broken:
        @property
        def fullname(self):
            raise RuntimeError("a bug")
    for call in (xl._fullname, lambda b: udfs._book_path(_caller(b))):
        with pytest.raises(RuntimeError):
            call(Broken())


def test_a_cell_function_in_a_book_never_saved_answers_from_shopbook_shop_not_the_working_folder(
        shop, tmp_path, monkeypatch):  # noqa: F811
    """A book never saved (Book1) has its name alone for a full name: its folder was '.', the UDF server's
    working folder, so SHOPBOOK_SHOP was never asked and a shop there would have answered. Now it is no
    file, as for a button: SHOPBOOK_SHOP answers, else #N/A saying to save the workbook in the shop folder."""
    import shutil

    other = tmp_path / "cwd"
    shutil.copytree(shop, other)  # a shop in the working folder, whose 浙江 rate differs
    import openpyxl

    wb = openpyxl.load_workbook(other / "orders.xlsx")
    ws = wb["运费"]
    col = next(c.column for c in ws[1] if c.value == "首重价格")
    ws.cell(2, col, 99)
    wb.save(other / "orders.xlsx")
    monkeypatch.chdir(other)
    book = _caller(type("B", (), {"fullname": "Book1"})())
    monkeypatch.setenv("SHOPBOOK_SHOP", str(shop))
    assert udfs.SB_SHIPPING_FEE("浙江", 1, caller=book) == 5.0
    monkeypatch.delenv("SHOPBOOK_SHOP")
    assert udfs.SB_SHIPPING_FEE("浙江", 1, caller=book) == "#N/A"
