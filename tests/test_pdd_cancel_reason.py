"""拼多多's 售后状态 of an order cancelled before it shipped is mostly 无售后或售后取消 ("no after-sale, or
one withdrawn"): not the reason it was cancelled. Before, it was given as the reason in 平台状态, in the
import's change and in the scan check's "pull this parcel" (已取消：无售后或售后取消)."""

from __future__ import annotations

from platform_fixtures import pdd_row, write_pdd
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from test_orders import TODAY, build_shop, lines_of

NO = "261121-000000000000777"


def test_a_pinduoduo_order_cancelled_is_said_cancelled_not_no_after_sale(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(NO, "待发货", "SH-BK-M")])])
    res = import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(NO, "已取消", "SH-BK-M")])], today=TODAY)
    line, = lines_of(shop)
    assert line.status is OrderStatus.CANCELLED
    said = [line.platform_status, line.review, res.changes[0].note_zh, res.changes[0].note_en]
    assert all("无售后" not in s for s in said), said
    assert line.platform_status == "已取消"


def test_a_pinduoduo_refund_that_cancelled_it_is_still_named(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(NO, "待发货", "SH-BK-M")])])
    import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(NO, "已取消", "SH-BK-M", after="退款成功")])], today=TODAY)
    line, = lines_of(shop)
    assert line.status is OrderStatus.CANCELLED and line.platform_status == "已取消：退款成功"
