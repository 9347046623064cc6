"""抖店 closes a sub-order that shipped once its after-sale is paid: 订单状态 已关闭, 售后状态 退款成功, its own
快递单号 still there. Exported like that (the buyer's 售后 asked and paid between two exports), the refund was
only written into 平台状态: no 售后 case opened, so a return on its way was awaited by no one (已发货 beside
退款成功 opened one). Now the refund opens its case as 已发货's does, the order stays shipped, no stock back."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, AfterSalesCase, CaseStatus, OrderStatus
from test_order_life import moves_of, status_of
from test_orders import TODAY, build_shop

NO, SUB = "6930000000000000961", "6930000000000000962"
SENT = {"tracking": "YT0961", "courier": "圆通速递", "shipped": "2026/11/22 10:00:00"}


def test_a_douyin_sub_order_closed_after_its_after_sale_opens_its_case(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(NO, SUB, "SH-BK-M")])], today=TODAY)
    import_orders(shop, [write_douyin(tmp_path / "b", [douyin_row(NO, SUB, "SH-BK-M", "已发货", **SENT)],
                                      stamp=1763780400)], today=TODAY)
    shipped = moves_of(shop)
    closed = write_douyin(tmp_path / "c", [douyin_row(NO, SUB, "SH-BK-M", "已关闭", after="退款成功", **SENT)],
                          stamp=1763866800)
    res = import_orders(shop, [closed], today=TODAY)
    assert [(c.order_no, c.refund_no) for c in res.cases_opened] == [(NO, SUB)]
    cases = read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)
    assert [(c.order_no, c.sku, c.status) for c in cases] == [(NO, "SH-BK-M", CaseStatus.OPEN)]
    assert status_of(shop)[NO] is OrderStatus.SHIPPED and moves_of(shop) == shipped


def test_a_sub_order_shipped_and_closed_between_two_exports_is_shipped_then_closed(tmp_path):
    """(Shipped from 抖店's own tools and its after-sale paid before the next export: it was cancelled as never
    shipped, its stock left in, while its case awaited the return, which would have counted it twice.)"""
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(NO, SUB, "SH-BK-M")])], today=TODAY)
    closed = write_douyin(tmp_path / "c", [douyin_row(NO, SUB, "SH-BK-M", "已关闭", after="退款成功", **SENT)],
                          stamp=1763866800)
    res = import_orders(shop, [closed], today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.SHIPPED
    assert [(m[1], m[2]) for m in moves_of(shop)] == [("SH-BK-M", 1)]
    [change] = res.changes
    assert "出库已记账" in change.note_zh and "已发货的订单在平台关闭" in change.note_zh
    assert [c.order_no for c in res.cases_opened] == [NO]
