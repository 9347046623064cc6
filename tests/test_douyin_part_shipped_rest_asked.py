"""抖店 says 部分发货 on every sub-order of an order some of which went; a sub-order without a waybill was taken as
waiting whatever its 售后状态 said. One the buyer asked a refund of (售后中) was held as “部分发货…其余的请在平台后台
发货”: the person was told to ship the very goods the buyer was asking their money back for. It is held for the
after-sale now (退款中, 等平台结果), as a sub-order 待发货 with one is; closed, the partly shipped hold is back."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

NO, A, B = "6928123456789012345", "6928123456789012346", "6928123456789012347"
SENT = {"status": "部分发货", "tracking": "SF1234567890123", "courier": "顺丰速运"}


def test_a_sub_order_asked_back_beside_one_shipped_is_held_for_the_after_sale(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(NO, A, "SH-WH-M"), douyin_row(NO, B, "SH-WH-L")],
                                      stamp=1763694000)], today=TODAY)
    asked = write_douyin(tmp_path / "b", [douyin_row(NO, A, "SH-WH-M", **SENT),
                                          douyin_row(NO, B, "SH-WH-L", status="部分发货", after="售后中")],
                         stamp=1763780400)
    s = import_orders(shop, [asked], today=TODAY)
    rows = [r for r in lines_of(shop) if r.order_no == NO]
    assert {r.status for r in rows} == {OrderStatus.HELD}
    assert "售后中" in rows[0].review and "平台后台发货" not in rows[0].review, rows[0].review
    assert "售后中" in s.changes[0].note_zh and "售后中" in s.changes[0].note_en, s.changes
    closed = write_douyin(tmp_path / "c", [douyin_row(NO, A, "SH-WH-M", **SENT),
                                           douyin_row(NO, B, "SH-WH-L", status="部分发货", after="售后关闭")],
                          stamp=1763790400)
    import_orders(shop, [closed], today=TODAY)
    rows = [r for r in lines_of(shop) if r.order_no == NO]
    assert {r.status for r in rows} == {OrderStatus.HELD} and "部分发货" in rows[0].review, rows[0].review
