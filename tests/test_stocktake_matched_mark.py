"""QA: a count whose every SKU matched the book was posted as nothing at all: no 调整 row, so no mark
of the posting. A parcel shipped later that count day and typed in after it was then taken as before
the count, and posting again handed its units back as a gain (D counted 5 = book; 2 shipped in the
afternoon; the re-post wrote +2 盘盈: book 5, shelf 3). Now such a posting writes one 调整 of 0 with the
count's 单号 (validate takes it as the mark, not as a useless row); a re-post says it was posted and
that the parcel counts as after the count, with the day's closing book.
"""

from __future__ import annotations

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement
from shopbook.stock import workflow as W
from shopbook.validate import validate_path

from test_stock import TODAY, d, shop  # noqa: F401 - the fixture


def _append(shop, sheet, row):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb[sheet].append(row)
    wb.save(shop.path(STOCK))


def test_a_matching_count_is_marked_and_a_later_parcel_is_not_handed_back(shop):  # noqa: F811
    book = {r.sku: r.on_hand for r in W.stock_summary(shop, today=TODAY)}["D"]
    _append(shop, "盘点", [d("11-22"), "D", book, "张"])
    plan = W.stocktake_post(shop, d("11-22"), today=TODAY)
    assert plan.adjustments == [] and not plan.already_posted
    said = W.stocktake_matched(plan)
    assert said and "数量 0 的调整" in said[1]
    moves = read_workbook(shop.path(STOCK), STOCK).rows(Movement)
    assert (moves[-1].sku, moves[-1].type.value, moves[-1].qty, moves[-1].ref) == ("D", "调整", 0, "盘点20261122")
    # the mark is no useless row (the fixture's own 调整 typed with no reason is warned at its own row)
    assert not [i for i in validate_path(shop.folder).issues if i.sheet == "出入库" and i.row == moves[-1].row]

    _append(shop, "出入库", [d("11-22"), "D", "出库", 2, "X9", "下午发货"])  # shipped after the count
    again = W.stocktake_post(shop, d("11-22"), today=TODAY)
    assert again.already_posted and again.adjustments == []
    assert any("D 在这次盘点过账之后录入了 2026-11-22 当天的出入库（-2）" in zh and "当天结束时账面 3" in zh
               for zh, _ in again.warnings), again.warnings
    assert {r.sku: r.on_hand for r in W.stock_summary(shop, today=TODAY)}["D"] == book - 2
