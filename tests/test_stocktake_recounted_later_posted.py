"""QA: a count of 11-20 never posted, the count of 12-05 posted: the posting said "2026-11-20's counts were never
posted: post them too: shopbook stocktake post SHOP --date 2026-11-20", and doing so booked 11-20's loss on top of
12-05's, which had already set the book to the shelf: TS-M counted 25 on both days, −2 posted each time, the book 23
for a shelf of 25 (and again after every later count). Now a SKU counted again on a later day whose count is posted is
not posted for the earlier day (its difference is in the later posting), said; and posting the later count no longer
asks for the earlier one to be posted for the SKUs it counted again. Hand-worked: TS-M 30 − 3 (11-01) = 27, TS-L 30
to 12-01, then − 2 = 28; JK-M 10."""

from __future__ import annotations

import datetime as dt

from count_shops import count_shop

from shopbook.schema import Movement, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.levels import on_hand
from shopbook.stock.workflow import load_stock, stocktake_post

OLD, NEW = dt.date(2026, 11, 20), dt.date(2026, 12, 5)


def test_an_old_count_posted_after_a_later_one_leaves_the_book_at_the_shelf(tmp_path):
    folder = count_shop(tmp_path, "en", ("TS-M", "TS-L", "PT"), 30, movements=[
        Movement(date=dt.date(2026, 11, 1), sku="TS-M", type="出库", qty=3, ref="O1"),
        Movement(date=dt.date(2026, 12, 1), sku="TS-L", type="出库", qty=2, ref="O2")], counts=[
        StocktakeCount(date=OLD, sku="TS-M", counted=25, counter="Amy"),
        StocktakeCount(date=OLD, sku="PT", counted=29, counter="Amy"),  # not counted since: its own
        StocktakeCount(date=NEW, sku="TS-M", counted=25, counter="Amy"),
        StocktakeCount(date=NEW, sku="TS-L", counted=28, counter="Amy")])
    shop = open_shop(folder)
    new = stocktake_post(shop, NEW, today=NEW)
    assert [(m.sku, m.qty) for m in new.adjustments] == [("TS-M", -2)]
    [asked] = [en for _, en in new.warnings if "were never posted" in en]  # PT's count still waits to be posted
    assert "(1 SKU differing from the book: PT)" in asked, asked
    old = stocktake_post(shop, OLD, today=NEW)
    assert [(m.sku, m.qty) for m in old.adjustments] == [("PT", -1)]
    assert ("TS-M (1 SKU) was counted again on 2026-12-05, posted: that posting set the book to the shelf as counted "
            "then, and the difference of 2026-11-20 is in it, so it was not posted now (the book would no longer match "
            "the shelf)") in [en for _, en in old.warnings]
    assert old.uncounted == []  # (TS-L, not counted on 11-20, was counted since: nothing to go and count for it)
    d = load_stock(shop, need_orders=False)
    assert dict(on_hand(d.products, d.movements, NEW)) == {"TS-M": 25, "TS-L": 28, "PT": 29}  # (before: TS-M 23)
    again = stocktake_post(shop, OLD, today=NEW)
    assert again.adjustments == [] and again.already_posted
