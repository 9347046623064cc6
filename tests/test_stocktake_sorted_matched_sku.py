"""QA: a count posted, then 出入库 sorted by 商家编码 (as people do to look a SKU up), then posted again (the 盘点过账
button pressed again, or a forgotten bin typed in): a SKU whose count had matched the book, with no posting row of its
own, had its parcels of the count's day, shipped and typed before the count, sorted below the posting's first row (or
the mark of a count that matched everywhere) and taken as after the count: a phantom 盘亏 was booked (TS-L −2, the book
26 for a shelf of 28), "entered after this count was posted" said of rows typed that morning. A posting whose rows are
no longer where they were written (other rows between them; its mark alone, the sheet grouped by SKU with a row of an
earlier day below it) tells nothing of when such a SKU's rows were typed: its count is taken at the day's end, as the
first posting took it. Each shop hand-worked: TS-M 30 − 3 = 27, TS-L 30 − 2 (that day) = 28, JK-M 10."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from count_shops import count_shop

from shopbook.schema import Movement, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post

DAY = dt.date(2026, 12, 5)


def _sorted_by_sku(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[1]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    rows.sort(key=lambda r: str(r[1]))  # (stable, as Excel's sort is)
    ws.delete_rows(2, ws.max_row)
    for r in rows:
        ws.append(r)
    wb.save(path)


@pytest.mark.parametrize("jk, ts_m, first", [(10, 27, []), (9, 28, [("JK-M", -1), ("TS-M", 1)])],
                         ids=["every-count-matched", "some-adjusted"])
def test_a_matched_sku_is_not_adjusted_again_once_the_movements_are_sorted(tmp_path, jk, ts_m, first):
    folder = count_shop(tmp_path, "zh", ("TS-M", "TS-L", "JK-M"), 30, movements=[
        Movement(date=DAY - dt.timedelta(days=4), sku="TS-M", type="出库", qty=3, ref="O1"),
        Movement(date=DAY, sku="TS-L", type="出库", qty=2, ref="O2")], counts=[
        StocktakeCount(date=DAY, sku="JK-M", counted=jk, counter="小王"),
        StocktakeCount(date=DAY, sku="TS-M", counted=ts_m, counter="小王"),
        StocktakeCount(date=DAY, sku="TS-L", counted=28, counter="小王")])
    wb = openpyxl.load_workbook(folder / "stock.xlsx")  # (JK-M's opening stock 10)
    wb.worksheets[0]["K4"] = 10
    wb.save(folder / "stock.xlsx")
    shop = open_shop(folder)
    plan = stocktake_post(shop, DAY, today=DAY)
    assert [(m.sku, m.qty) for m in plan.adjustments] == first
    _sorted_by_sku(folder / "stock.xlsx")
    again = stocktake_post(shop, DAY, today=DAY)
    assert again.already_posted and again.adjustments == []
    assert {x.sku: (x.book, x.counted) for x in again.lines}["TS-L"] == (28, 28)
    assert not [zh for zh, _ in again.warnings if "TS-L" in zh]
