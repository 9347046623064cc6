"""QA: the count was posted, then a colleague typed two of its rows in again (the same SKU, counter and count).
Posting again booked each such row's units a second time, a gain of goods never there (TS-S +8, TS-M +10), with a ✓
and "make sure it was not entered twice" beside it. Now where a row the same as one posted is the only change since,
its units are not posted, said at both rows with what to do; a row that does differ (another bin's count) is posted."""

from __future__ import annotations

import datetime as dt

import openpyxl
from count_shops import count_shop

from shopbook.schema import Movement, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post

DAY = dt.date(2026, 12, 4)


def test_rows_typed_again_after_the_posting_are_not_posted_twice(tmp_path):
    folder = count_shop(tmp_path, "en", ("TS-S", "TS-M", "JK"),
                        movements=[Movement(date=DAY, sku="TS-S", type="出库", qty=1, ref="O1")],
                        counts=[StocktakeCount(date=DAY, sku=s, counted=q, counter="Ann")
                                for s, q in (("TS-S", 8), ("TS-M", 10), ("JK", 10))])
    shop = open_shop(folder)
    assert [m.qty for m in stocktake_post(shop, DAY, today=DAY).adjustments] == [-1]
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    for row in ((DAY, "TS-S", 8, "Ann"), (DAY, "TS-M", 10, "Ann"), (DAY, "JK", 3, "Ann")):
        wb["Stocktake"].append(row)
    wb.save(folder / "stock.xlsx")
    plan = stocktake_post(shop, DAY, today=DAY)
    assert [(m.sku, m.qty) for m in plan.adjustments] == [("JK", 3)]  # another bin's count: posted
    assert {x.sku: x.diff for x in plan.lines} == {"JK": 3, "TS-M": 0, "TS-S": -1}
    said = [en for _, en in plan.warnings if "entered twice" in en]
    assert said == ["Stocktake row 5 is the same as row 2, posted already (TS-S, 8), and the only change since: most "
                    "likely entered twice, so +8 was not posted. If so, delete row 5; if it was counted in another "
                    "place, write the place (the bin) in its note, then post again",
                    "Stocktake row 6 is the same as row 3, posted already (TS-M, 10), and the only change since: most "
                    "likely entered twice, so +10 was not posted. If so, delete row 6; if it was counted in another "
                    "place, write the place (the bin) in its note, then post again"]
    assert any(zh.startswith("“盘点”表第 5 行和已过账的第 2 行完全相同（TS-S，数量 8）") for zh, _ in plan.warnings)
