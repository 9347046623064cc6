"""QA: the count sheet printed and counted on Thursday, typed into 盘点 on Saturday under Saturday's date: the
parcels shipped on Friday came back as a gain (the shelf counted before they went), posted with a ✓ and no word.
Now where the counts that differ are exactly the book at the end of the day this stocktake's count sheet was
printed (and none was printed for the count's own date), the posting says so, with the date to give the rows."""

from __future__ import annotations

import datetime as dt

from count_shops import count_shop

from shopbook.schema import Movement, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post, stocktake_sheet

THU, FRI, SAT = dt.date(2026, 12, 3), dt.date(2026, 12, 4), dt.date(2026, 12, 5)


def test_a_count_typed_two_days_after_it_was_made_is_said(tmp_path):
    folder = count_shop(tmp_path, "en", ("A", "B", "C"), movements=[
        Movement(date=FRI, sku=s, type="出库", qty=q, ref=f"O{s}") for s, q in (("A", 2), ("B", 1))], counts=[
        StocktakeCount(date=SAT, sku="A", counted=10, counter="Ann"),
        StocktakeCount(date=SAT, sku="B", counted=10, counter="Ann"),
        StocktakeCount(date=SAT, sku="C", counted=10, counter="Ann")])
    shop = open_shop(folder)
    plan = stocktake_post(shop, SAT, today=SAT, dry_run=True)
    assert not [en for _, en in plan.warnings if "printed" in en]  # no count sheet printed: nothing to go by
    stocktake_sheet(shop, THU)
    plan = stocktake_post(shop, SAT, today=SAT, dry_run=True)
    [(zh, en)] = [w for w in plan.warnings if "printed" in w[1]]
    assert zh.startswith("与账面不同的 2 个 SKU 里，2 个（A、B）的实盘数量正好是 2026-12-03（这次盘点表打印的日期）结束时的账面")
    assert en.startswith("Of the 2 SKUs differing from the book, 2 (A, B) were counted exactly the book at the end "
                         "of 2026-12-03 (the day this stocktake's count sheet was printed)")
    assert en.endswith("date those rows of the Stocktake sheet 2026-12-03 and post with --date 2026-12-03")
    stocktake_sheet(shop, SAT)  # a sheet printed for the count's own day: it was counted then
    assert not [en for _, en in stocktake_post(shop, SAT, today=SAT, dry_run=True).warnings if "printed" in en]
