"""拼多多's order export says an after-sale in four words (无售后或售后取消, 售后处理中, 退款中, 退款成功) and 抖店's
in words that often do not say 退货 either: whether the goods come back is not in the file. The case such an
after-sale of a shipped order opens said 仅退款 (refund only) all the same, and when the buyer's parcel came
back, `aftersales receive` of its order refused it ("仅退款, no return to receive"): the goods never went back
into stock. Now the case is one goods may come back for, and it says the file does not tell: a person checks on
the platform (and types 仅退款 where none comes)."""

from __future__ import annotations

import pytest

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.aftersales.workflow import aftersales
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import CaseStatus, CaseType
from test_aftersales import cases_of, returns_of
from test_orders import TODAY, build_shop

P, D = "261121-400000000000001", "6930000000000000951"
SENT = {"tracking": "YT4001", "courier": "圆通快递", "shipped": "2026-11-22 10:00:00"}
Y_SENT = {"tracking": "SF4001", "courier": "顺丰速运", "shipped": "2026/11/22 09:00:00"}


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)



@pytest.mark.parametrize("platform", ["拼多多", "抖店"])
def test_a_return_of_an_after_sale_the_export_does_not_type_is_received(shop, tmp_path, platform):
    if platform == "拼多多":
        no, sku = P, "SH-BK-M"
        import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(no, "待发货", sku)])], today=TODAY)
        review(shop)
        import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(no, "已发货，待收货", sku, **SENT)],
                                       name="orders_export_20261122.csv")], today=TODAY)
        later = write_pdd(tmp_path / "c", [pdd_row(no, "已发货，待收货", sku, after="售后处理中", **SENT)],
                          name="orders_export_20261123.csv")
    else:
        no, sku = D, "SH-WH-M"
        import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(no, no + "1", sku)])], today=TODAY)
        review(shop)
        import_orders(shop, [write_douyin(tmp_path / "b", [douyin_row(no, no + "1", sku, status="已发货", **Y_SENT)],
                                          stamp=1763780400)], today=TODAY)
        later = write_douyin(tmp_path / "c", [douyin_row(no, no + "1", sku, status="已发货", after="售后中", **Y_SENT)],
                             stamp=1763866800)
    import_orders(shop, [later], today=TODAY)
    case, = cases_of(shop)
    assert case.type is not CaseType.REFUND_ONLY, case  # the file does not say so
    assert case.status is CaseStatus.OPEN and "是否退货" in (case.needs or ""), case
    assert "仅退款" not in (case.wants or ""), case.wants

    desk = aftersales(shop, TODAY, received=[no])  # the buyer's parcel came back: scanned by its order number
    assert desk.no_return == [] and desk.received == [no], (desk.no_return, desk.received, desk.unknown)
    assert returns_of(shop) == [(case.case_no, sku, 1)]


def test_a_pinduoduo_refund_after_shipping_that_left_the_order_open_is_partial_not_closed(shop, tmp_path):
    """拼多多 writes a whole refund after shipping into the order's status (已发货，退款成功 / 已签收，退款成功); one
    while the order still says 已发货，待收货 is of part of it (a price difference, 1 of its 3 units). It was said
    交易关闭（已发货） and its case counted all 3 units to come back: a return of 1, received, put 3 into stock."""
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-BK-M", qty=3, total="297.00")])],
                  today=TODAY)
    review(shop)
    import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(P, "已发货，待收货", "SH-BK-M", qty=3, total="297.00", **SENT)],
                                   name="orders_export_20261122.csv")], today=TODAY)
    import_orders(shop, [write_pdd(tmp_path / "c", [pdd_row(P, "已发货，待收货", "SH-BK-M", qty=3, total="297.00",
                                                            after="退款成功", **SENT)],
                                   name="orders_export_20261123.csv")], today=TODAY)
    from test_orders import lines_of

    ln, = lines_of(shop)
    assert ln.platform_status.startswith("部分退款（已发货") and "交易关闭" not in ln.platform_status, ln.platform_status
    case, = cases_of(shop)
    assert case.qty is None and "退回件数" in (case.needs or ""), case  # how many come back: a person counts

    whole = tmp_path / "d"  # the whole of it refunded after all: the status says so
    import_orders(shop, [write_pdd(whole, [pdd_row(P, "已发货，退款成功", "SH-BK-M", qty=3, total="297.00",
                                                   after="退款成功", **SENT)], name="orders_export_20261124.csv")],
                  today=TODAY)
    assert lines_of(shop)[0].platform_status.startswith("交易关闭（已发货"), lines_of(shop)[0].platform_status


def test_a_pinduoduo_after_sale_asked_of_a_line_of_several_units_leaves_the_count_to_a_person(shop, tmp_path):
    """售后处理中 of an order of 3 shirts: the export says neither how many come back nor that all do. The case
    counted 3; a parcel of 1 received put 3 back into stock."""
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(P, "待发货", "SH-BK-M", qty=3, total="297.00")])],
                  today=TODAY)
    review(shop)
    import_orders(shop, [write_pdd(tmp_path / "b", [pdd_row(P, "已发货，待收货", "SH-BK-M", qty=3, total="297.00",
                                                            after="售后处理中", **SENT)],
                                   name="orders_export_20261122.csv")], today=TODAY)
    case, = cases_of(shop)
    assert case.qty is None and "退回件数" in (case.needs or ""), case
    desk = aftersales(shop, TODAY, received=[P])
    assert returns_of(shop) == [], returns_of(shop)  # nothing posted until a person types how many came
    assert desk.received == [P]
