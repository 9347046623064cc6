"""What a ribbon button does with the book that is active when it is pressed: it finds and checks the
shop before anything is saved, saves only a shop workbook of that shop and only where it writes, and
says what to open where the book is no shop workbook (a CSV export, Book1, a report in reports/)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from shopbook import xl
from shopbook.shop import init_shop
from xlfake import FakeApp, FakeBook, FakeSheet, FakeSheets


class BareBook:
    """A book Excel has open that is no workbook openpyxl reads (a CSV export, a book never saved):
    only its name, an empty sheet and its saves."""

    def __init__(self, fullname: str):
        self.fullname = fullname
        self.name = fullname.replace("\\", "/").split("/")[-1]
        self.app = FakeApp()
        self._sheets = [FakeSheet(self, "Sheet1")]
        self.sheets = FakeSheets(self)
        self.saves = 0

    def save(self):
        self.saves += 1


@pytest.fixture
def shop(tmp_path):
    init_shop(tmp_path / "shop")
    return tmp_path / "shop"


@pytest.fixture
def stocked(shop):
    """A new shop with one product typed on 商品 (an empty one's 库存汇总 box says to add products, loudly)."""
    import openpyxl

    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    ws = wb["商品"]
    typed = {"商家编码": "SK1", "名称": "T恤", "成本价": 20, "售价": 59, "期初库存": 5}
    ws.append([typed.get(c.value) for c in ws[1]])
    wb.save(shop / "stock.xlsx")
    return shop


@pytest.mark.parametrize("button", [xl.stock_summary, xl.daily_report, xl.pnl])
def test_a_csv_export_open_for_a_look_is_never_saved(tmp_path, button):
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    csv = downloads / "ExportOrderList.csv"
    csv.write_text("订单编号\n3515141473293579123\n", encoding="utf-8")
    before = csv.read_bytes()
    book = BareBook(str(csv))
    button(book=book)
    assert book.saves == 0 and csv.read_bytes() == before
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "不在店铺文件夹里" in alert["prompt"], alert
    assert f"shopbook init {downloads}" not in alert["prompt"]  # not: make Downloads a shop


def test_an_unsaved_book_is_not_saved_into_the_interpreters_folder(tmp_path, monkeypatch):
    cwd = tmp_path / "python"
    cwd.mkdir()
    monkeypatch.chdir(cwd)  # where RunPython's interpreter runs
    init_shop(cwd / "shop")  # a shop elsewhere, and none here
    book = BareBook("Book1")
    xl.stock_summary(book=book)
    assert book.saves == 0 and list(cwd.iterdir()) == [cwd / "shop"]
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "还没有保存" in alert["prompt"] and "shopbook init ." not in alert["prompt"]


def test_a_report_open_from_reports_says_to_open_the_shops_workbook(shop):
    (shop / "reports").mkdir(exist_ok=True)
    report = shop / "reports" / "stocktake-20261204.xlsx"
    shutil.copy(shop / "stock.xlsx", report)
    book = BareBook(str(report))
    xl.review(book=book)
    assert book.saves == 0
    said = book.app.alerts[-1]["prompt"]
    assert "reports 文件夹里的报告" in said and str(shop) in said and "shopbook init" not in said, said


def test_a_button_that_only_reads_saves_nothing_and_says_unsaved_edits_are_not_counted(shop):
    book = FakeBook(shop / "stock.xlsx")
    book.api = type("Api", (), {"Saved": False})()  # edits on screen, not saved
    xl.stock_alerts(book=book)
    assert getattr(book, "saves", 0) == 0
    assert "没有保存的改动没有算进去" in book.app.alerts[-1]["prompt"]
    book.api.Saved = True
    xl.stock_alerts(book=book)
    assert getattr(book, "saves", 0) == 0 and "没有保存" not in book.app.alerts[-1]["prompt"]


class MacWorkbook:
    """book.api in Excel for Mac: an appscript reference, its properties lower case, each read with .get()
    (xlwings' mac_dict: the workbook's `saved`); a COM name such as Saved is no attribute of it."""

    def __init__(self, saved: bool):
        self.saved = type("Property", (), {"get": lambda _self: saved})()


def test_unsaved_edits_are_said_on_a_mac_too(shop):
    """Excel for Mac has no Workbook.Saved through COM: the read-only buttons there said nothing of edits on
    screen that they did not count. Its AppleScript `saved` property tells them."""
    book = FakeBook(shop / "stock.xlsx")
    book.api = MacWorkbook(saved=False)
    xl.stock_alerts(book=book)
    assert "没有保存的改动没有算进去" in book.app.alerts[-1]["prompt"]
    book.api = MacWorkbook(saved=True)
    xl.stock_alerts(book=book)
    assert "没有保存" not in book.app.alerts[-1]["prompt"]


def test_a_button_that_writes_saves_the_shop_workbook_but_no_other_book_in_the_folder(stocked):
    shop = stocked
    book = FakeBook(shop / "stock.xlsx")
    xl.stock_summary(book=book)
    assert book.saves >= 2  # before (what is on screen) and after what it wrote
    mine = shop / "新建 Microsoft Excel 工作表.xlsx"
    shutil.copy(shop / "stock.xlsx", mine)
    before = mine.read_bytes()
    other = FakeBook(mine)
    xl.stock_summary(book=other)
    assert getattr(other, "saves", 0) == 0 and mine.read_bytes() == before
    assert other.app.alerts[-1]["mode"] != "critical", other.app.alerts


def test_validate_on_an_unsaved_book_reads_nothing_from_the_interpreters_folder(tmp_path, monkeypatch):
    init_shop(tmp_path / "cwd")
    monkeypatch.chdir(tmp_path / "cwd")
    (tmp_path / "cwd" / "shopbook.toml").write_text("[shop]\nlangauge = 'zh'\n", encoding="utf-8")  # not this book's
    book = FakeBook(tmp_path / "cwd" / "stock.xlsx")
    book.fullname = "Book1"
    xl.validate(book)
    assert book.app.alerts[-1]["prompt"].startswith("校验完成")


# --- Excel's own refusals -------------------------------------------------------------------------

class com_error(Exception):  # noqa: N801 - pywintypes.com_error as a button meets it (the name is what tells it)
    pass


READ_ONLY = (-2147352567, "Exception occurred.", (0, "Microsoft Excel", "Cannot save as that name. Document was "
                                                   "opened as read-only.", "xlmain11.chm", 0, -2146827284), None)


class Api:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def _files(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_book_excel_opened_read_only_is_refused_before_anything_is_saved_or_written(shop):
    from test_write import excel_owner_file

    (shop / "~$stock.xlsx").write_bytes(excel_owner_file("老王", "gbk"))  # a colleague has it open on the share
    before = _files(shop)
    book = FakeBook(shop / "stock.xlsx")
    book.api = Api(ReadOnly=True)

    def save():
        raise com_error(*READ_ONLY)
    book.save = save
    xl.stock_summary(book=book)
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "只读" in alert["prompt"] and "老王" in alert["prompt"], alert
    assert "什么都没有写入" in alert["prompt"] and _files(shop) == before
    assert book.app.status_bar is False


def test_an_owner_file_naming_someone_else_is_refused_as_the_cli_refuses(stocked):
    shop = stocked
    from test_write import excel_owner_file

    (shop / "~$stock.xlsx").write_bytes(excel_owner_file("老王", "gbk"))
    book = FakeBook(shop / "stock.xlsx")
    book.app.api = Api(UserName="小李")
    xl.stock_summary(book=book)
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "工作簿正在被打开（老王）" in alert["prompt"], alert
    assert getattr(book, "saves", 0) == 0
    mine = FakeBook(shop / "stock.xlsx")
    mine.app.api = Api(UserName="老王")  # the owner file is this Excel's own
    xl.stock_summary(book=mine)
    assert mine.app.alerts[-1]["mode"] != "critical", mine.app.alerts


def test_an_error_excel_raises_is_one_message_and_the_status_bar_is_given_back(shop):
    book = FakeBook(shop / "stock.xlsx")

    def save():
        raise com_error(*READ_ONLY)
    book.save = save
    xl.stock_summary(book=book)  # no traceback
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "Excel 拒绝了这一步：Cannot save as that name" in alert["prompt"], alert
    assert "什么都没有写入" in alert["prompt"] and book.app.status_bar is False


def _protected_purchases(tmp_path, monkeypatch):
    """A shop whose products are below their reorder point, and a fake Excel whose 采购 sheet is
    protected: the 采购建议 button writes its PO workbooks, then Excel refuses the sheet's cells."""
    import xlfake
    from shopbook.schema import STOCK, Movement, Product, Supplier
    from shopbook.workbook_builder import write_workbook
    from test_purchasing import movements, products

    init_shop(tmp_path / "shop")  # products below their reorder point, a supplier to order from
    write_workbook(tmp_path / "shop" / "stock.xlsx", STOCK, "zh", {
        Product: products(), Movement: movements(), Supplier: [Supplier(supplier="甲厂", lead_days=10, min_qty=10, pack=5),
                                                               Supplier(supplier="乙厂", lead_days=6, pack=12)]},
        keep_backup=False)
    book = FakeBook(tmp_path / "shop" / "stock.xlsx")
    plain = xlfake.FakeRange.value.fset

    def guarded(rng, v):
        if rng.sheet.name == "采购":
            raise com_error(-2147352567, "Exception occurred.", (0, "Microsoft Excel", "The cell or chart you are "
                            "trying to change is on a protected sheet.", None, 0, -2146827284), None)
        plain(rng, v)
    monkeypatch.setattr(xlfake.FakeRange, "value", xlfake.FakeRange.value.setter(guarded))
    return book


def test_a_protected_sheet_stops_the_button_saying_what_was_written(tmp_path, monkeypatch):
    """The 采购 sheet is protected: Excel refuses the draft POs' cells after the PO workbooks are in
    reports/. One message, Excel's words, and the files written before the stop named."""
    book = _protected_purchases(tmp_path, monkeypatch)
    xl.purchase_suggest(book=book)
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "protected sheet" in alert["prompt"], alert
    written = sorted(p.name for p in (tmp_path / "shop" / "reports").glob("*.xlsx"))
    assert written and f"停下之前已写入 {len(written)} 个文件" in alert["prompt"] and written[0] in alert["prompt"]
    assert book.app.status_bar is False


def test_excels_refusal_is_said_in_both_languages_and_a_long_list_of_files_is_cut_saying_how_many_more(
        tmp_path, monkeypatch):
    """Excel refusing a write is a stop about a file (README, "One language per shop"): it was said
    in the shop's language only. And the files written before it were cut at BOX_LINES with no word
    of the rest: now "… and N more" and where they are."""
    book = _protected_purchases(tmp_path, monkeypatch)
    monkeypatch.setattr(xl, "BOX_LINES", 1)  # two PO workbooks written: the list is cut after one
    xl.purchase_suggest(book=book)
    said = book.app.alerts[-1]["prompt"]
    written = sorted((tmp_path / "shop" / "reports").glob("*.xlsx"))
    assert len(written) == 2, written
    assert "Excel 拒绝了这一步" in said and "Excel refused a step" in said, said
    assert "停下之前已写入 2 个文件" in said and "Written before the stop: 2 files" in said, said
    assert sum(p.name in said for p in written) == 1, said  # one per language: the same one
    assert f"… 还有 1 个；在 {written[0].parent}" in said and f"… and 1 more; in {written[0].parent}" in said, said


def test_any_other_error_is_raised_but_the_status_bar_is_given_back(shop, monkeypatch):
    import shopbook.stock.workflow as w

    def broken(*a, **kw):
        raise RuntimeError("a bug")
    monkeypatch.setattr(w, "stock_summary", broken)
    book = FakeBook(shop / "stock.xlsx")
    with pytest.raises(RuntimeError):
        xl.stock_summary(book=book)
    assert book.app.status_bar is False


# --- which language -----------------------------------------------------------------------------

def _en_shop(tmp_path):
    init_shop(tmp_path / "en", lang="en")
    return tmp_path / "en"


def test_a_typo_in_an_english_shops_settings_is_said_in_both_languages(tmp_path):
    shop = _en_shop(tmp_path)
    toml = shop / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[shop]\n", "[shop]\nlangauge = \"en\"\n", 1), encoding="utf-8")
    for button in (xl.stock_summary, xl.validate):
        book = FakeBook(shop / "stock.xlsx")
        button(book=book)
        said = book.app.alerts[-1]["prompt"]
        assert "shopbook.toml 设置有误" in said and "shopbook.toml has a wrong setting" in said, said
    book = FakeBook(shop / "stock.xlsx")
    xl.purchase_receive(book=book)  # the dialog closed without a file
    assert book.app.alerts[-1]["prompt"] == "没有选择文件。\n\nNo file was chosen."


def test_a_book_outside_a_shop_is_told_in_both_languages(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(tmp_path / "x.xlsx")
    book = FakeBook(tmp_path / "x.xlsx")
    xl.validate(book)
    said = book.app.alerts[-1]["prompt"]
    assert "认不出" in said and "Cannot tell which shop workbook" in said, said
    book = BareBook(str(tmp_path / "x.xlsx"))
    xl.stock_summary(book=book)
    said = book.app.alerts[-1]["prompt"]
    assert "不在店铺文件夹里" in said and "is not in a shop folder" in said, said


def test_a_stop_is_said_in_both_and_one_about_the_shops_data_in_its_language(tmp_path):
    shop = _en_shop(tmp_path)
    book = FakeBook(shop / "stock.xlsx")
    xl.stocktake_post(book=book)  # no counts yet: the shop's data (as `stocktake post --date TODAY` stops)
    said = book.app.alerts[-1]["prompt"]
    assert said.endswith("stock.xlsx: The Stocktake sheet has no counts dated "
                         f"{dt.date.today()} (it has no counts yet). Type the counts into the Stocktake sheet of "
                         f"stock.xlsx dated {dt.date.today()}.") and "盘点" not in said, book.app.alerts
    shutil.rmtree(shop / "reports", ignore_errors=True)
    (shop / "reports").write_text("not a folder", encoding="utf-8")
    book = FakeBook(shop / "stock.xlsx")
    xl.stock_summary(book=book)  # a folder that is a file: for whoever fixes it
    said = book.app.alerts[-1]["prompt"]
    assert "reports 应该是文件夹" in said and "reports should be a folder" in said, said


# --- the SB_* figures after a button ----------------------------------------------------------------

class CountingApi:
    def __init__(self):
        self.full = 0

    def CalculateFull(self):  # noqa: N802 - Excel's name
        self.full += 1


def test_a_button_that_wrote_has_excel_recalculate_the_cell_functions(shop):
    """SB_STOCK reads stock.xlsx and is not volatile: after 库存汇总 (or 盘点过账) wrote it, Excel kept the
    old figures until something forced a full recalculation."""
    book = FakeBook(shop / "stock.xlsx")
    book.app.api = CountingApi()
    xl.stock_summary(book=book)
    assert book.app.api.full == 1
    xl.stock_alerts(book=book)  # wrote nothing: nothing to recalculate
    assert book.app.api.full == 1


def test_unsaved_edits_in_another_of_the_shops_open_workbooks_are_said_not_counted(shop):
    """库存预警 pressed in orders.xlsx while stock.xlsx, open beside it, holds a stock-in typed and not saved:
    the job reads stock.xlsx's file, as `shopbook stock alerts` does, and the box said nothing of the edits
    on screen. Now it names each of the shop's open workbooks whose edits it did not count, for a button
    that writes too (it saves only the book it was pressed in); a saved one, or a book of another folder
    or no shop workbook, is not named."""
    orders = FakeBook(shop / "orders.xlsx")
    orders.api = Api(Saved=True)
    stock = BareBook(str(shop / "stock.xlsx"))
    stock.api = Api(Saved=False)
    elsewhere = shop.parent / "other"
    init_shop(elsewhere)
    others = [BareBook(str(elsewhere / "ledger.xlsx")), BareBook(str(shop / "my notes.xlsx"))]
    for b in others:
        b.api = Api(Saved=False)
    orders.app.books = [orders, stock, *others]
    xl.stock_alerts(book=orders)
    said = orders.app.alerts[-1]["prompt"]
    assert "（“stock.xlsx”里没有保存的改动没有算进去：保存后再按一次。）" in said, said
    assert "ledger.xlsx" not in said and "my notes" not in said and "orders.xlsx”里" not in said
    xl.review(book=orders)  # a button that writes: orders.xlsx saved first, stock.xlsx not its to save
    assert "“stock.xlsx”里没有保存的改动没有算进去" in orders.app.alerts[-1]["prompt"] and stock.saves == 0
    xl.validate(orders)  # the open book as on screen, the others from their files: said too
    assert "“stock.xlsx”里没有保存的改动没有算进去" in orders.app.alerts[-1]["prompt"]
    stock.api.Saved = True
    xl.stock_alerts(book=orders)
    assert "没有保存" not in orders.app.alerts[-1]["prompt"]
