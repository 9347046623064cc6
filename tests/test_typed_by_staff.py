"""Workbooks as shop staff type them, read from real files by both readers (calamine's rows and
the Arrow read) and by the commands a person runs: what a person meant is read, and what cannot be
read is said at its cell with what to do, never dropped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement
from shopbook.shop import open_shop
from shopbook.stock.workflow import stock_summary
from shopbook.validate import validate_path
from test_arrow_read import both  # noqa: F401 - the fixture: a workbook read both ways
from test_concurrency import small_shop


@pytest.fixture
def shop(tmp_path) -> Path:
    small_shop(tmp_path / "shop")
    return tmp_path / "shop"


def _movements(shop: Path, rows: list[list]) -> Path:
    path = shop / "stock.xlsx"
    wb = openpyxl.load_workbook(path)
    for r in rows:
        wb["出入库"].append(r)
    wb.save(path)
    return path


def test_a_day_typed_as_eight_digits_is_that_day(shop, both):
    """20261121 (as ERP exports and many people type a day, as text or as a number) was 'not a
    date', and the stock command stopped on it; a day without its year said the same, not that
    the year is missing."""
    path = _movements(shop, [["20261121", "P1", "入库", 5], [20261121, "P2", "入库", 6],
                             ["11月21日", "P3", "入库", 7], [20261131, "P4", "入库", 8]])
    rows, arrow, _ = both(path, STOCK)
    assert rows == arrow
    got = read_workbook(path, STOCK).sheets[Movement]
    assert [(m.date, m.sku) for m in got.records] == [(dt.date(2026, 11, 21), "P1"), (dt.date(2026, 11, 21), "P2")]
    v = validate_path(shop)
    said = [(i.cell, i.value, i.severity) for i in v.issues]
    assert said == [("A5", "11月21日", "error"), ("A6", "20261131.0", "error")]
    assert "没有年份" in v.issues[0].message_zh and "has no year" in v.issues[0].message_en
    assert "只有 30 天" in v.issues[1].message_zh and "has 30 days" in v.issues[1].message_en
    wb = openpyxl.load_workbook(path)  # the two rows taken out: the stock command counts the eight-digit days
    wb["出入库"].delete_rows(5, 2)
    wb.save(path)
    rows = {r.sku: r for r in stock_summary(open_shop(shop), as_of=dt.date(2026, 11, 21))}
    before = {r.sku: r for r in stock_summary(open_shop(shop), as_of=dt.date(2026, 11, 20))}
    assert rows["P1"].on_hand - before["P1"].on_hand == 5 and rows["P2"].on_hand - before["P2"].on_hand == 6
