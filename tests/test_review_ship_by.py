"""Stock short: the review gave it oldest payment first, so a 抖店 预售 order paid on the 20th and promised to
ship on 12-10 took the last shirt from one paid an hour later that the platform promised to ship by the 23rd
(late: a penalty and the shop's score). The import did not keep 承诺发货时间. Now it is kept, in its own column,
and stock goes to the order due first; an order without one (淘宝) is due 48 hours after payment, the
platforms' standard, so among themselves orders keep payment order."""

from __future__ import annotations

import openpyxl
from platform_fixtures import douyin_row, write_douyin
from test_orders import build_shop, lines_of

from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus


def test_the_order_due_first_gets_the_last_unit_not_the_one_paid_first(tmp_path):
    shop = build_shop(tmp_path)  # SH-WH-L: 1 on hand
    presale = douyin_row("6900000000000000001", "6900000000000000011", "SH-WH-L", receiver="刘洋")
    presale.update({"支付完成时间": "2026/11/20 10:00:00", "承诺发货时间": "2026/12/10 23:59:59", "订单类型": "预售订单"})
    due = douyin_row("6900000000000000002", "6900000000000000021", "SH-WH-L", receiver="王芳", phone="13922223333")
    due.update({"支付完成时间": "2026/11/20 11:00:00", "承诺发货时间": "2026/11/22 11:00:00"})
    import_orders(shop, [write_douyin(tmp_path / "dy", [presale, due])])
    review(shop)
    got = {ln.order_no: (ln.status, ln.review) for ln in lines_of(shop)}
    assert got["6900000000000000002"][0] is OrderStatus.APPROVED, got
    assert got["6900000000000000001"] == (OrderStatus.HELD, "自动挂起：库存不足：SH-WH-L 需要 1，可用 0"), got
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    assert sorted(str(r[head.index("承诺发货时间")]) for r in ws.iter_rows(min_row=2, values_only=True)) == [
        "2026-11-22 11:00:00", "2026-12-10 23:59:59"]


def test_the_pick_list_allots_to_the_order_due_first_too():
    """Approved orders short at the pick (a count since the review): the one due first is picked."""
    import datetime as dt

    from shopbook.orders.picking import allot_goods, parcels_to_pick
    from shopbook.schema import OrderLine

    def line(no, paid, ship_by=None):
        return OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 20, paid), ship_by=ship_by, receiver="王芳",
                         phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号", sku="SH-WH-L", qty=1,
                         status=OrderStatus.APPROVED)

    parcels = parcels_to_pick([line("P1", 9, dt.datetime(2026, 12, 10)), line("T2", 10), line("T3", 11)], [],
                              dt.date(2026, 11, 21))
    assert [p.order_no for p in parcels] == ["T2", "T3", "P1"]  # 淘宝's: due 48 hours after payment
    from collections import Counter

    kept, short = allot_goods(parcels, Counter({"SH-WH-L": 2}))
    assert [p.order_no for p in kept] == ["T2", "T3"] and list(short) == ["P1"]
