"""An optional column whose header a person wrote otherwise (期初库存(件), 订单状态) used to be read as
blank without a word: every opening stock 0 (a stock value of ¥-254,778 under a ✓), no order
status (the daily review approved nothing, with a ✓). Now the header is named, at its cell, as
the column it looks like: an error where the column holds figures, a date or a choice (the
commands stop), a warning where it holds text."""

from __future__ import annotations

import datetime as dt

import openpyxl
from cli_run import flat, rename_header, shopbook

from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
import pytest


@pytest.fixture
def demo_copy(tmp_path):
    """The demo shop of its last 25 days (tests/demo_shop.november_copy): what these tests read is there, a fifth
    the size of the whole demo's 120 days."""
    from demo_shop import november_copy

    return november_copy(tmp_path / "shop")



_rename = rename_header


def test_an_opening_stock_header_written_otherwise_stops_the_stock_summary(demo_copy):
    at = _rename(demo_copy / "stock.xlsx", "商品", "期初库存", "期初库存(件)")
    wb = read_workbook(demo_copy / "stock.xlsx", STOCK, (Product,))
    [issue] = [i for i in wb.sheets[Product].issues if i.cell == at]
    assert issue.is_error and "“期初库存(件)”像是“期初库存”列" in issue.message_zh, issue
    r = shopbook("stock", "summary", demo_copy)
    assert r.returncode != 0 and "✓" not in r.stdout, r.stdout
    assert f"商品›{at}" in flat(r.stdout + r.stderr)
    ws = openpyxl.load_workbook(demo_copy / "stock.xlsx")["商品"]
    assert ws[at].value == "期初库存(件)"  # the person's header as they wrote it


def test_an_order_status_header_written_otherwise_stops_the_review_not_approves_nothing(demo_copy):
    at = _rename(demo_copy / "orders.xlsx", "订单", "状态", "订单状态")
    r = shopbook("daily", demo_copy, "--date", (dt.date.today() - dt.timedelta(days=1)).isoformat())
    said = flat(r.stdout)
    assert r.returncode == 1
    assert f"订单›{at}表头“订单状态”像是“状态”列" in said, r.stdout
    assert "跳过：依赖的步骤失败：审单" in said, r.stdout  # the step as the table names it


def test_a_text_column_written_otherwise_is_a_warning_and_an_own_column_nothing(demo_copy):
    """卖家备注(客服) is 卖家备注 with a note: a warning. Headers only near an absent optional column are a
    person's own (日期2 where 发货日期 is not, 运费险 where 运费 is not, 单价 on 出入库 without 单号): nothing,
    the commands run as before."""
    at = _rename(demo_copy / "orders.xlsx", "订单", "卖家备注", "卖家备注(客服)")
    _rename(demo_copy / "orders.xlsx", "订单", "发货日期", "日期2")
    _rename(demo_copy / "orders.xlsx", "订单", "运费", "运费险")
    _rename(demo_copy / "stock.xlsx", "出入库", "单号", "单价")
    sd = read_workbook(demo_copy / "orders.xlsx", ORDERS, (OrderLine,)).sheets[OrderLine]
    near = [i for i in sd.issues if "像是" in i.message_zh]
    assert [(i.cell, i.is_error) for i in near] == [(at, False)], near
    assert sd.records  # the rows still read
    from shopbook.schema import Movement

    sd = read_workbook(demo_copy / "stock.xlsx", STOCK, (Movement,)).sheets[Movement]
    assert not [i for i in sd.issues if "像是" in i.message_zh]
    r = shopbook("stock", "summary", demo_copy)
    assert r.returncode == 0, r.stdout + r.stderr


def test_an_english_shop_s_sheet_messages_are_english_alone(tmp_path):
    """A renamed sheet, a missing one and two columns of one field, in an English shop's workbooks:
    the English messages named the Chinese sheet and column too ('Movements' (出入库), rename it
    '出入库' or 'Movements')."""
    import re

    from shopbook.schema import LEDGER, Account, Movement
    from shopbook.shop import init_shop

    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["Movements"].title = "Movements log"
    wb.save(folder / "stock.xlsx")
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    del wb["Accounts"]
    wb.save(folder / "ledger.xlsx")
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["Orders"]
    ws.cell(1, ws.max_column + 1).value = "Status"
    wb.save(folder / "orders.xlsx")
    said = ([i.message_en for i in read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).sheets[Movement].issues]
            + [i.message_en for i in read_workbook(folder / "ledger.xlsx", LEDGER, (Account,)).issues]
            + [i.message_en for i in read_workbook(folder / "orders.xlsx", ORDERS, (OrderLine,)).sheets[OrderLine].issues])
    assert any("Rename the sheet 'Movements'" in m for m in said), said
    assert any("'Accounts' is missing" in m for m in said) and any("all mean 'status'" in m for m in said), said
    assert not [m for m in said if re.search(r"[\u4e00-\u9fff]", m)], said


def test_a_safety_stock_header_with_a_trailing_liang_stops_the_alerts(demo_copy):
    """安全库存量 (as 安全库存数 is) was read as a column of the person's own: every safety stock blank, the
    alerts only for what is out of stock, under a ✓. Now it is named at its cell, the alerts stop; a 重量
    header is still the weight (its 量 is no suffix)."""
    at = _rename(demo_copy / "stock.xlsx", "商品", "安全库存", "安全库存量")
    wt = _rename(demo_copy / "stock.xlsx", "商品", "重量(kg)", "重量")
    issues = read_workbook(demo_copy / "stock.xlsx", STOCK, (Product,)).sheets[Product].issues
    assert [(i.cell, i.is_error) for i in issues if "像是" in i.message_zh] == [(at, True), (wt, True)], issues
    assert "“安全库存量”像是“安全库存”列" in next(i for i in issues if i.cell == at).message_zh
    r = shopbook("stock", "alerts", demo_copy)
    assert r.returncode != 0 and f"商品›{at}" in flat(r.stdout + r.stderr), r.stdout + r.stderr
