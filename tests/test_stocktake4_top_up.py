"""QA: a count posted at 10:00 (C not counted yet), a parcel of C shipped and typed at 14:00, C's count typed in
at 16:00 and posted (the top-up, 补记). Posting the unchanged sheet again then handed the parcel back (+1): the
top-up's own row, below the parcel, was taken as C's point of counting, so the parcel moved from after the count to
before it. Now the first posting stays the point of counting (a top-up's row is no such point): posting again
changes nothing."""

from __future__ import annotations

import datetime as dt

import openpyxl
from count_shops import count_shop
from test_stock_checks import append

from shopbook.schema import StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post

DAY = dt.date(2026, 12, 4)


def _counted_after_a_parcel(tmp_path, blank: bool):
    """A counted and posted; C's row blank at it (`blank`) or typed in after it; a parcel of C shipped since."""
    folder = count_shop(tmp_path, "zh", ("A", "C"), counts=[
        StocktakeCount(date=DAY, sku="A", counted=9)] + [StocktakeCount(date=DAY, sku="C", counted=1)] * blank)
    if blank:
        wb = openpyxl.load_workbook(folder / "stock.xlsx")
        wb["盘点"]["C3"] = None
        wb.save(folder / "stock.xlsx")
    shop = open_shop(folder)
    assert [(m.sku, m.qty) for m in stocktake_post(shop, DAY, today=DAY).adjustments] == [("A", -1)]
    append(folder / "stock.xlsx", "出入库", [{"日期": DAY, "商家编码": "C", "类型": "出库", "数量": 1, "单号": "O1"}])
    if blank:
        wb = openpyxl.load_workbook(folder / "stock.xlsx")
        wb["盘点"]["C3"] = 9
        wb.save(folder / "stock.xlsx")
    else:
        append(folder / "stock.xlsx", "盘点", [{"日期": DAY, "商家编码": "C", "实盘数量": 9}])
    return folder, shop


def test_posting_again_after_a_top_up_changes_nothing(tmp_path):
    folder, shop = _counted_after_a_parcel(tmp_path, blank=False)
    assert [(m.sku, m.qty) for m in stocktake_post(shop, DAY, today=DAY).adjustments] == [("C", -1)]
    again = stocktake_post(shop, DAY, today=DAY)
    assert again.already_posted and not again.adjustments
