"""抖店 order of two sub-orders of one SKU (one row of 2 in 订单), shipped; then one sub-order's 售后状态 says
退款成功. The import called the whole order closed ("交易关闭（已发货）：退款成功"), as if both shirts were
refunded and two were coming back. Now it is a partial refund of a shipped order, as one line of two is."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from shopbook.orders.workflow import import_orders
from test_order_life import moves_of
from test_orders import TODAY, build_shop, lines_of


def test_one_of_two_sub_orders_of_a_sku_refunded_after_shipping_is_partial(tmp_path):
    shop, no = build_shop(tmp_path), "6930000000000000001"
    went = {"status": "已发货", "tracking": "73100000000061", "courier": "中通", "shipped": "2026/11/22 18:00:00"}
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(no, no + "1", "SH-BK-M"),
                                                       douyin_row(no, no + "2", "SH-BK-M")])], today=TODAY)
    assert [ln.qty for ln in lines_of(shop)] == [2]
    import_orders(shop, [write_douyin(tmp_path / "b", [douyin_row(no, no + "1", "SH-BK-M", **went),
                                                       douyin_row(no, no + "2", "SH-BK-M", after="退款成功", **went)],
                                      stamp=1763780400)], today=TODAY)
    ln = lines_of(shop)[0]
    assert ln.status.value == "已发货" and ln.platform_status.startswith("部分退款（已发货"), ln.platform_status
    assert [m for m in moves_of(shop) if m[0] == no] == [(no, "SH-BK-M", 2, "出库")]  # both went
