"""QA: the 盘点 sheet as the warehouse fills it, shelf by shelf: a heading over each shelf, a blank row between
shelves with the date dragged down over it, a 小计 under each shelf and a 合计 at the foot (the date beside them,
dragged down too), one SKU on two shelves. A 小计 or 合计 row with its date was read as a count of a SKU named 小计
("商家编码“小计”不存在"), and a row holding the date alone as a count with no SKU: either stopped the posting.
Now both are skipped, as a totals row or a blank row is, and the two shelves of one SKU add up."""

from __future__ import annotations

import datetime as dt

import openpyxl
from count_shops import count_shop

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post

DAY = dt.datetime(2026, 12, 4)


def _sheet(tmp_path, rows: list[list]):
    folder = count_shop(tmp_path, "zh", ("A", "B", "C"))
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.zh]
    for r in rows:
        ws.append(r)
    wb.save(folder / "stock.xlsx")
    return folder


def _posted(folder) -> list[tuple[str, int]]:
    stocktake_post(open_shop(folder), DAY.date(), today=DAY.date())
    return sorted((m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement))


def test_a_subtotal_row_with_its_date_is_no_count(tmp_path):
    folder = _sheet(tmp_path, [
        ["【A 区】"], [DAY, "A", 12, "小王"], [DAY, "B", 10, "小王"], [DAY, "小计", 22],
        ["【B 区】"], [DAY, "A", 3, "小李"], [DAY, "C", "９", "小李"], [DAY, "小计", 12], [DAY, "合计", 34]])
    assert _posted(folder) == [("A", 5), ("C", -1)]


def test_a_row_holding_its_date_alone_is_no_count(tmp_path):
    folder = _sheet(tmp_path, [[DAY, "A", 12, "小王"], [DAY, "B", 10, "小王"], [DAY], [DAY], [DAY, "C", 9, "小李"]])
    assert _posted(folder) == [("A", 2), ("C", -1)]
