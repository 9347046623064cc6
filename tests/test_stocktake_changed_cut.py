"""QA: a posted count typed again (every shelf recounted, one less each) warned with every SKU of the count in
one sentence ("S01 应调 -1，已调 -1，补记 -1；S02 …" for all 40), and a count whose rows were deleted after posting
named every SKU whose adjustment was kept: the usual cut now, how many more and where they are (the 出入库 rows of
that count's 单号)."""

from __future__ import annotations

import datetime as dt

import openpyxl
from count_shops import count_shop

from shopbook.schema import StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post

DAY = dt.date(2026, 12, 5)
SKUS = tuple(f"S{i:02d}" for i in range(1, 41))


def test_the_lists_of_a_count_posted_again_are_cut(tmp_path):
    folder = count_shop(tmp_path, "zh", SKUS, counts=[StocktakeCount(date=DAY, sku=s, counted=9) for s in SKUS])
    shop = open_shop(folder)
    first = stocktake_post(shop, DAY, today=DAY)
    ref = first.adjustments[0].ref
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.title("zh")]
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 3).value = 8
    wb.save(folder / "stock.xlsx")
    again = stocktake_post(shop, DAY, today=DAY)
    [(zh, en)] = [w for w in again.warnings if "已过账过" in w[0]]
    assert "S05 应调 -2，已调 -1，补记 -1 等，还有 35 个" in zh and "S06" not in zh
    assert f"单号 {ref}" in zh
    assert "S05 should be -2, -1 posted, now -1 and 35 more" in en and "S06" not in en
    assert ref in en
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.title("zh")]
    ws.delete_rows(3, ws.max_row)  # S01 alone left
    wb.save(folder / "stock.xlsx")
    third = stocktake_post(shop, DAY, today=DAY)
    [(zh, en)] = [w for w in third.warnings if "没有它们的盘点行" in w[0]]
    assert zh.startswith("S02、S03、S04、S05、S06 等，还有 34 个") and "S07" not in zh
    assert en.startswith("S02, S03, S04, S05, S06 and 34 more") and "S07" not in en
