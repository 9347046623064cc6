"""A Taobao 退款 export older than an order list given with it: the newer order list's word on the order
stands, as it would day by day. The refund used to be applied after the order list whatever its age: the
09:00 refund export's 退款中 held an order the 18:00 order list said had its refund closed (or had shipped)."""

from __future__ import annotations

import pytest

from cli_run import flat, shopbook
from platform_fixtures import refund_row, write_refunds
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import write_pair
from test_order_life import status_of, tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

NO = "3700000000000000888"
ASKED = "买家已经申请退款，等待卖家同意"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def refund_at(tmp_path, stamp: str):
    return write_refunds(tmp_path / "r", [refund_row("RF88", NO, "SH-BK-M", "99.00", ASKED)],
                         name=f"ExportRefundList{stamp}.csv")


def order_list(tmp_path, stamp: str, refund: str = "退款关闭", status: str = "买家已付款，等待卖家发货", **more):
    d = tb_detail(NO, "SH-BK-M", status=status)
    if refund:
        d["退款状态"] = refund
    return write_pair(tmp_path / stamp, [tb_order(NO, status=status, **more)], [d], stamp=stamp)


def row(shop):
    return next(ln for ln in lines_of(shop) if ln.order_no == NO)


def test_an_older_refund_export_does_not_hold_an_order_the_newer_list_says_is_closed(shop, tmp_path):
    assert shopbook("orders", "import", shop.folder, *order_list(tmp_path, "202611211000", refund="")).returncode == 0
    r = shopbook("orders", "import", shop.folder, refund_at(tmp_path, "202611220900"),
                 *order_list(tmp_path, "202611221800"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert row(shop).status is OrderStatus.NEW  # was 已挂起 on the morning's 退款中
    assert row(shop).platform_status == "退款关闭"
    assert flat("退款报表与订单报表按文件名中的导出时间从旧到新应用：ExportRefundList202611220900.csv（2026-11-2209:00）"
                "→ExportOrderList202611221800.csv（2026-11-2218:00）") in flat(r.stdout)


def test_an_order_the_newer_list_brings_in_is_not_held_on_the_older_refund(shop, tmp_path):
    import_orders(shop, [refund_at(tmp_path, "202611220900"), *order_list(tmp_path, "202611221800")], today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.NEW


def test_a_list_that_says_nothing_of_refunds_still_holds_on_the_older_refund(shop, tmp_path):
    """Silence is no word: the refund export's 退款中 is all that is known of the refund."""
    import_orders(shop, [refund_at(tmp_path, "202611220900"), *order_list(tmp_path, "202611221800", refund="")],
                  today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.HELD
    assert ASKED in row(shop).platform_status


def test_a_newer_list_that_shipped_it_after_its_refund_closed(shop, tmp_path):
    import_orders(shop, list(order_list(tmp_path, "202611211000", refund="")), today=TODAY)
    shipped = order_list(tmp_path, "202611221800", status="卖家已发货，等待买家确认", courier="中通快递",
                         tracking="75123456789012", shipped="2026-11-22 17:00:00")
    import_orders(shop, [refund_at(tmp_path, "202611220900"), *shipped], today=TODAY)
    ln = row(shop)
    assert ln.status is OrderStatus.SHIPPED and ln.tracking_no == "75123456789012"
    # not 退款中（已发货，仅退款）: a refund asked for after it shipped, to be followed up
    assert ln.platform_status == "退款关闭"


def test_a_refund_export_of_the_same_day_by_date_alone_still_comes_after(shop, tmp_path):
    """A name with its date alone may have been made any time that day: not surely older."""
    import_orders(shop, list(order_list(tmp_path, "202611211000", refund="")), today=TODAY)
    import_orders(shop, [refund_at(tmp_path, "20261122"), *order_list(tmp_path, "202611221800")], today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.HELD


def test_a_newer_refund_export_is_applied_after_the_list(shop, tmp_path):
    import_orders(shop, list(order_list(tmp_path, "202611211000", refund="")), today=TODAY)
    import_orders(shop, [refund_at(tmp_path, "202611222000"), *order_list(tmp_path, "202611221800", refund="")],
                  today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.HELD


def test_a_second_refund_in_a_newer_refund_export_still_holds(shop, tmp_path):
    """The 09:00 refund closed by the 18:00 list, the buyer's second refund in the 20:00 export open: held."""
    import_orders(shop, list(order_list(tmp_path, "202611211000", refund="")), today=TODAY)
    second = write_refunds(tmp_path / "r2", [refund_row("RF89", NO, "SH-BK-M", "99.00", ASKED, reason="尺码不合适")],
                           name="ExportRefundList202611222000.csv")
    import_orders(shop, [refund_at(tmp_path, "202611220900"), second, *order_list(tmp_path, "202611221800")],
                  today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.HELD
    assert "尺码不合适" in row(shop).platform_status


@pytest.mark.parametrize("together", [False, True])
def test_a_newer_list_saying_only_refunding_keeps_the_refunds_reason(shop, tmp_path, together):
    """The list's bare 退款中 replaced the refund export's '退款中：…：不想要了，¥99.00' (why, how much)."""
    import_orders(shop, list(order_list(tmp_path, "202611211000", refund="")), today=TODAY)
    refund, newer = refund_at(tmp_path, "202611220900"), order_list(tmp_path, "202611221800", refund="退款中")
    if together:
        import_orders(shop, [refund, *newer], today=TODAY)
    else:
        import_orders(shop, [refund], today=TODAY)
        import_orders(shop, list(newer), today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.HELD
    assert row(shop).platform_status == f"退款中：{ASKED}：不想要了，¥99.00"
