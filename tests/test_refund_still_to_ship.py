"""A refund that succeeded while the platform still has the order to ship. 拼多多 writes a refund of the
whole order before shipping into the order's own status (未发货，退款成功, or 已取消); 抖店 closes the
sub-order (已关闭). An order (sub-order) whose 订单状态 still says 待发货 beside 售后状态 退款成功 was refunded
in part (a price difference, 1 of its 3 units): its goods still ship. Before, shopbook cancelled it (or
never brought it in), and a paid order was never shipped; now it is held for a person, as a Taobao
partial refund is (部分退款), with what to check."""

from __future__ import annotations

import pytest

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus
from test_orders import TODAY, build_shop, lines_of

P = "261121-300000000000001"
D1, D1A, D1B = "6930000000000000901", "6930000000000000911", "6930000000000000912"
CHECK = "请在平台核对这笔退款（退的是差价还是部分件数）"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def by_no(shop) -> dict:
    return {(ln.order_no, ln.sku): ln for ln in lines_of(shop)}


def test_a_pinduoduo_order_still_to_ship_after_a_refund_is_held_not_cancelled(shop, tmp_path):
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-BK-M", qty=3, total="297.00")])], today=TODAY)
    review(shop)
    later = write_pdd(tmp_path / "b", [pdd_row(P, "待发货", "SH-BK-M", qty=3, total="297.00", after="退款成功")],
                      name="orders_export_20261122.csv")
    res = import_orders(shop, [later], today=TODAY)
    ln = by_no(shop)[P, "SH-BK-M"]
    assert ln.status is OrderStatus.HELD, ln.status
    assert ln.platform_status.startswith("部分退款：") and "退款成功" in ln.platform_status, ln.platform_status
    assert CHECK in ln.review and "仍是待发货" in ln.review, ln.review
    assert ln.qty == 3  # nothing taken off: a person decides
    assert [c.order_no for c in res.changes] == [P]
    again = import_orders(shop, [later], today=TODAY)  # the same export again: held once, no second change
    assert again.changes == [] and by_no(shop)[P, "SH-BK-M"].status is OrderStatus.HELD


def test_a_pinduoduo_order_first_seen_still_to_ship_after_a_refund_comes_in_held(shop, tmp_path):
    res = import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-BK-M", qty=2, total="198.00",
                                                                  after="退款成功")])], today=TODAY)
    assert res.skipped == [], res.skipped
    ln = by_no(shop)[P, "SH-BK-M"]
    assert (ln.status, ln.qty) == (OrderStatus.HELD, 2) and ln.platform_status.startswith("部分退款：")
    assert CHECK in ln.review, ln.review


def test_a_pinduoduo_order_refunded_whole_before_shipping_is_still_cancelled(shop, tmp_path):
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-BK-M")])], today=TODAY)
    later = write_pdd(tmp_path / "b", [pdd_row(P, "未发货，退款成功", "SH-BK-M", after="退款成功")],
                      name="orders_export_20261122.csv")
    import_orders(shop, [later], today=TODAY)
    assert by_no(shop)[P, "SH-BK-M"].status is OrderStatus.CANCELLED


def test_a_douyin_sub_order_still_to_ship_after_a_refund_is_held_not_cancelled(shop, tmp_path):
    first = write_douyin(tmp_path / "a", [douyin_row(D1, D1A, "SH-WH-M"), douyin_row(D1, D1B, "SH-BK-M", qty=2)])
    import_orders(shop, [first], today=TODAY)
    review(shop)
    later = write_douyin(tmp_path / "b", [douyin_row(D1, D1A, "SH-WH-M"),
                                          douyin_row(D1, D1B, "SH-BK-M", qty=2, after="退款成功")], stamp=1763780400)
    import_orders(shop, [later], today=TODAY)
    lines = by_no(shop)
    assert {lines[D1, s].status for s in ("SH-WH-M", "SH-BK-M")} == {OrderStatus.HELD}
    held = lines[D1, "SH-BK-M"]
    assert held.platform_status.startswith("部分退款：") and "SH-BK-M" in held.platform_status, held.platform_status
    assert CHECK in held.review, held.review
    assert lines[D1, "SH-BK-M"].qty == 2


def test_a_douyin_sub_order_closed_on_its_refund_is_still_a_line_refunded(shop, tmp_path):
    first = write_douyin(tmp_path / "a", [douyin_row(D1, D1A, "SH-WH-M"), douyin_row(D1, D1B, "SH-BK-M")])
    import_orders(shop, [first], today=TODAY)
    later = write_douyin(tmp_path / "b", [douyin_row(D1, D1A, "SH-WH-M"),
                                          douyin_row(D1, D1B, "SH-BK-M", status="已关闭", after="退款成功")],
                         stamp=1763780400)
    import_orders(shop, [later], today=TODAY)
    held = by_no(shop)[D1, "SH-BK-M"]
    assert held.status is OrderStatus.HELD and held.platform_status.startswith("部分退款：")
    assert CHECK not in held.review  # a sub-order closed is refunded whole: delete its line


def test_a_douyin_order_of_one_sub_order_refunded_while_still_to_ship_is_held_new_or_not(shop, tmp_path):
    lone, fresh = "6930000000000000921", "6930000000000000931"
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(lone, lone + "1", "SH-WH-M")])], today=TODAY)
    later = write_douyin(tmp_path / "b", [douyin_row(lone, lone + "1", "SH-WH-M", after="退款成功"),
                                          douyin_row(fresh, fresh + "1", "SH-BK-M", after="退款成功")], stamp=1763780400)
    res = import_orders(shop, [later], today=TODAY)
    assert res.skipped == [], res.skipped
    lines = by_no(shop)
    for key in ((lone, "SH-WH-M"), (fresh, "SH-BK-M")):
        assert lines[key].status is OrderStatus.HELD and lines[key].platform_status.startswith("部分退款："), key
        assert CHECK in lines[key].review, lines[key].review


def test_an_english_shop_is_told_what_to_check_in_english(tmp_path):
    from test_marks_language import build_en_shop, english

    shop = build_en_shop(tmp_path)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-BK-M", after="退款成功")])], today=TODAY)
    ln = by_no(shop)[P, "SH-BK-M"]
    assert ln.status is OrderStatus.HELD and ln.platform_status.startswith("partly refunded"), ln.platform_status
    assert "Check this refund on the platform" in ln.review, ln.review
    assert english(ln.review, "白衬衫 纯棉", "退款成功"), ln.review
