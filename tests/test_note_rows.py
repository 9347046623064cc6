"""A note typed on a row of its own (说明：红色的单子是加急的, 备注：…, Note: …) under the data, or
between its rows, is read as a note and skipped, as a totals row is: before, it was an order line
missing five required values, and those five errors stopped the morning's review and pick list.
A row whose one cell is anything else (an order number typed alone) is still an error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from shopbook.io import reader
from shopbook.orders.workflow import review
from shopbook.schema import LEDGER, ORDERS, Entry, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_arrow_read import both  # noqa: F401 - the fixture: a workbook read both ways
from test_header_clash import small_shop

D = Decimal


@pytest.fixture
def shop(tmp_path) -> Path:
    return small_shop(tmp_path, status="待审核")  # to be reviewed: the review runs on them


def _add_rows(path: Path, sheet: str, rows: dict[int, dict[int, object]]) -> None:
    """Cells typed below (or between) the data: {offset below the last row: {column: value}}."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    n = ws.max_row
    for off, cells in rows.items():
        for c, v in cells.items():
            ws.cell(n + off, c).value = v
    wb.save(path)


def test_a_note_under_the_totals_row_is_skipped_with_a_note(shop, both):
    path = shop / "orders.xlsx"
    _add_rows(path, "订单", {2: {1: "合计", 11: "=SUM(K2:K31)"}, 3: {1: "说明：红色的单子是加急的"},
                            4: {3: "Note: call before 5pm"}})
    rows, arrow, took = both(path, ORDERS)  # calamine's rows and the Arrow read say the same
    assert took["订单"] and rows == arrow
    sd = reader.read_workbook(path, ORDERS).sheets[OrderLine]
    assert not [i for i in sd.issues if i.is_error]
    assert len(sd.records) == 30 and sd.unreadable == []
    said = [n for n in sd.notes if "说明文字" in n.message_zh]
    assert [(n.cell, n.value) for n in said] == [("A34", "说明：红色的单子是加急的"), ("C35", "Note: call before 5pm")]
    decisions, issues = review(open_shop(shop))  # the morning is not stopped by them
    assert len(decisions) == 30 and not [i for i in issues if i.is_error]


def test_a_lone_value_that_is_no_note_is_still_an_error(shop):
    path = shop / "orders.xlsx"
    _add_rows(path, "订单", {1: {1: "A99"}, 2: {1: "红色的单子是加急的"}})  # half-typed orders, no note word
    sd = reader.read_workbook(path, ORDERS).sheets[OrderLine]
    assert {i.row for i in sd.issues if i.is_error} == {32, 33}
    assert not [n for n in sd.notes if "说明文字" in n.message_zh]


def test_a_note_row_in_the_ledger(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    path = folder / "ledger.xlsx"
    write_workbook(path, LEDGER, "zh", {Entry: [
        Entry(date=dt.date(2026, 11, k), direction="收入", category="销售", amount=D("100.50"), account="支付宝")
        for k in range(1, 6)]})
    _add_rows(path, "流水", {1: {2: "备注：11月的快递费下月对账"}})
    sd = reader.read_workbook(path, LEDGER).sheets[Entry]
    assert not [i for i in sd.issues if i.is_error] and len(sd.records) == 5
    assert any("说明文字" in n.message_zh and n.row == 7 for n in sd.notes)


def test_a_heading_over_a_group_of_rows_is_skipped_with_a_note(shop, both):
    """【上衣类】 alone on a row, over the rows of that group (a person's way to order a long sheet):
    it was a row missing its required values, and those errors stopped every command."""
    path = shop / "orders.xlsx"
    _add_rows(path, "订单", {1: {1: "【上衣类】"}, 2: {2: "—— 配件 ——"}})
    rows, arrow, took = both(path, ORDERS)
    assert took["订单"] and rows == arrow
    sd = reader.read_workbook(path, ORDERS).sheets[OrderLine]
    assert not [i for i in sd.issues if i.is_error] and len(sd.records) == 30
    said = [(n.cell, n.value) for n in sd.notes if "分组标题" in n.message_zh]
    assert said == [("A32", "【上衣类】"), ("B33", "—— 配件 ——")]
