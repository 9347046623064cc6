"""Two columns that both mean one field (a person's own QTY column left of 数量, two 备注, an
English and a Chinese header for one amount): shopbook cannot know which holds the data, so the
sheet is an error located at the second one's header cell, naming both, and no command uses it.
Before, the leftmost was read without a word: a pick list of ×5 for every line, a ledger's sales
of 21.00. Real workbooks, written and read back, by both readers (calamine's rows and the Arrow
read) and by the commands a person runs."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io import reader
from shopbook.orders.platform_export import read_order_files
from shopbook.schema import LEDGER, ORDERS, STOCK, Entry, Movement, OrderLine, Product
from shopbook.shop import init_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook
from test_arrow_read import both  # noqa: F401 - the fixture: a workbook read both ways

D = Decimal
d = dt.date


def _line(no: str, sku: str, qty: int = 1, status: str = "已审核") -> OrderLine:
    return OrderLine(order_no=no, receiver="赵六", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号",
                     sku=sku, qty=qty, unit_price=D(99), status=status)


def small_shop(tmp_path, status: str = "已审核") -> Path:
    """One product in stock, 30 one-line orders of it in `status`."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99), safety_stock=2)],
        Movement: [Movement(date=d(2026, 11, 1), sku="P1", type="入库", qty=100)]})
    write_workbook(folder / "orders.xlsx", ORDERS, "zh",
                   {OrderLine: [_line(f"A{k}", "P1", status=status) for k in range(1, 31)]})
    return folder


@pytest.fixture
def shop(tmp_path) -> Path:
    return small_shop(tmp_path)


def _insert_left(path: Path, sheet: str, header: str, value) -> None:
    """A column inserted at A with `header` and `value` on every data row, as a person adds one."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    ws.insert_cols(1)
    ws.cell(1, 1).value = header
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 1).value = value
    wb.save(path)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _clash(issues) -> list:
    return [i for i in issues if i.is_error and ("都是" in i.message_zh)]


def test_a_helper_column_named_like_qty_is_an_error_naming_both(shop):
    path = shop / "orders.xlsx"
    _insert_left(path, "订单", "QTY", 5)
    wd = reader.read_workbook(path, ORDERS)
    sd = wd.sheets[OrderLine]
    clash = _clash(sd.issues)
    assert len(clash) == 1
    i = clash[0]
    qty_col = sd.columns["qty"]  # the leftmost, as find_header takes it
    assert qty_col == 0
    second = next(c for c in range(1, 40) if openpyxl.load_workbook(path)["订单"].cell(1, c + 1).value == "数量")
    assert i.cell == f"{openpyxl.utils.get_column_letter(second + 1)}1"
    assert "A1“QTY”" in i.message_zh and "数量" in i.message_zh and "A1 'QTY'" in i.message_en
    assert i.sheet == "订单" and i.field == "qty"
    assert sd.records == []  # no record of the sheet is used: ×5 is never picked
    assert len(sd.unreadable) == 30


def test_validate_and_the_commands_stop_and_write_nothing(shop):
    path = shop / "orders.xlsx"
    _insert_left(path, "订单", "Qty", 5)
    before = _digest(path)
    result = validate_path(shop)
    errs = [i for i in result.issues if i.is_error]
    assert any("都是“数量”" in i.message_zh for i in errs)
    runner = CliRunner()
    for args in (["orders", "review", str(shop)], ["picklist", str(shop)]):
        r = runner.invoke(app, args)
        assert r.exit_code != 0, r.output
        assert "都是“数量”" in r.output
    assert _digest(path) == before
    assert not list((shop / "reports").glob("*"))  # no pick list of ×5 lines


def test_two_identical_headers_and_an_english_one_for_a_ledger_amount(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    path = folder / "ledger.xlsx"
    write_workbook(path, LEDGER, "zh", {Entry: [
        Entry(date=d(2026, 11, k), direction="收入", category="销售", amount=D("100.50"), account="支付宝")
        for k in range(1, 6)]})
    _insert_left(path, "流水", "Amount", 1)
    wd = reader.read_workbook(path, LEDGER)
    assert any("都是“金额”" in i.message_zh for i in wd.sheets[Entry].issues)
    assert wd.sheets[Entry].records == []
    # two 备注 columns: the same words twice are as ambiguous
    wb = openpyxl.load_workbook(path)
    ws = wb["流水"]
    ws.delete_cols(1)
    note_col = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "备注")
    ws.cell(1, ws.max_column + 1).value = "备注"
    wb.save(path)
    sd = reader.read_workbook(path, LEDGER).sheets[Entry]
    clash = [i for i in sd.issues if "都是“备注”" in i.message_zh]
    assert len(clash) == 1 and openpyxl.utils.get_column_letter(note_col) + "1" in clash[0].message_zh


def test_both_readers_say_the_same(shop, both):
    path = shop / "orders.xlsx"
    _insert_left(path, "订单", "数量", 5)  # the same header twice
    rows, arrow, took = both(path, ORDERS)
    assert took["订单"]  # the Arrow read took the sheet
    assert rows == arrow
    assert any("都是“数量”" in i for i in arrow["OrderLine"]["issues"])


def test_a_plain_order_file_with_two_quantity_columns_is_refused(tmp_path):
    f = tmp_path / "orders-typed.csv"
    f.write_text("订单编号,收货人,手机,收货地址,商家编码,数量,单价,qty\n"
                 "M1,赵六,13800000000,浙江省 杭州市 西湖区 文三路 1 号,P1,1,99,5\n", encoding="utf-8")
    res = read_order_files([f])
    assert not res.lines
    assert any(i.is_error and "都是“数量”" in i.message_zh for i in res.issues)
