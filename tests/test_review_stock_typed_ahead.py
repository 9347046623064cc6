"""A 入库 typed with next year's date (2027 for 2026: goods not on the shelf until that day) counted as stock the
review gave out and the pick list picked from: two orders of the last shirt both approved, one parcel packed with
nothing. The review and the pick list count the shelf as of today, as stock alerts, the price sheet and
SB_AVAILABLE do (stock.levels.available's as_of)."""

from __future__ import annotations

import datetime as dt

import openpyxl
from platform_fixtures import douyin_row, write_douyin
from test_orders import build_shop, lines_of

from shopbook.orders.workflow import import_orders, make_picklist, review
from shopbook.schema import OrderStatus


def test_goods_typed_in_a_year_ahead_are_not_on_the_shelf_for_the_review_or_the_pick_list(tmp_path):
    shop = build_shop(tmp_path)  # SH-WH-L: 1 on hand
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    ahead = dt.datetime.combine(dt.date.today() + dt.timedelta(days=365), dt.time())
    wb["出入库"].append([ahead, "SH-WH-L", "入库", 5, "PO-TYPO", None])
    wb.save(shop.folder / "stock.xlsx")
    rows = [douyin_row(f"690000000000000000{k}", f"69000000000000000{k}1", "SH-WH-L", receiver=name, phone=phone)
            for k, name, phone in ((1, "刘洋", "13911112222"), (2, "王芳", "13922223333"))]
    import_orders(shop, [write_douyin(tmp_path / "dy", rows)])
    review(shop)
    got = sorted((ln.status, ln.review) for ln in lines_of(shop))
    assert [s for s, _ in got].count(OrderStatus.APPROVED) == 1, got
    assert (OrderStatus.HELD, "自动挂起：库存不足：SH-WH-L 需要 1，可用 0") in got, got
    make_picklist(shop)
    assert sum(1 for ln in lines_of(shop) if ln.batch) == 1
