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

from shopbook.schema import STOCK, StocktakeCount
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
    _, shop = _counted_after_a_parcel(tmp_path, blank=False)
    assert [(m.sku, m.qty) for m in stocktake_post(shop, DAY, today=DAY).adjustments] == [("C", -1)]
    again = stocktake_post(shop, DAY, today=DAY)
    assert again.already_posted and not again.adjustments


def test_a_sku_counted_after_a_parcel_shipped_since_the_posting_is_told_its_count_to_type(tmp_path):
    """C's count blank at the posting, counted later that day after a parcel of it shipped: the parcel counts as
    after the count (a row typed late is a count made then), so the count is booked 1 short. The warning says the
    count to type if it was made after the parcel; once typed, posted, the book is the shelf and nothing more said."""
    _, shop = _counted_after_a_parcel(tmp_path, blank=True)
    plan = stocktake_post(shop, DAY, today=DAY)
    assert [(m.sku, m.qty) for m in plan.adjustments] == [("C", -1)]
    [(zh, en)] = [w for w in plan.warnings if w[0].startswith("C 在这次盘点过账之后")]
    assert zh.endswith("当天结束时账面 8；如果 C 是在这些出入库之后才数的（如上次过账时它的实盘数量还空着），请把它的实盘数量改为共 10，"
                       "再过账（-1 已过账的话会冲回）"), zh
    assert en.endswith("if C was counted after them (its count blank at the last posting, say), change its counts to "
                       "10 in all, then post again (-1, if posted, is then taken back)"), en
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["盘点"]["C3"] = 10
    wb.save(shop.path(STOCK))
    plan = stocktake_post(shop, DAY, today=DAY)
    assert [(m.sku, m.qty) for m in plan.adjustments] == [("C", 1)]  # the book 9: the shelf
    assert not [w for w in plan.warnings if "改为共" in w[0] and w[0].startswith("C 在")]
