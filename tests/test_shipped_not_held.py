"""An order held by the review (审单结果 挂起：…) that a person approved by hand and that then shipped
(the scan check, a waybill tool's file, the platform's export) no longer says held: its 审单结果 used to
keep "挂起：买家留言：…" on an 已发货 row, and staff reading the row saw a hold on a parcel already gone.
Its 平台状态 likewise: a refund hold the shipping export says closed is 退款关闭, not 退款中."""

from __future__ import annotations

import pytest

from cli_run import shopbook, type_in
from platform_fixtures import qianniu_shipped, refund_row, write_refunds
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderStatus
from taobao_fixtures import order_row, write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of, scan_text

NO = "3700000000000000999"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def held_then_approved(shop, tmp_path):
    """Imported with a buyer's message, held by the review, approved by hand (审单结果 left as it was)."""
    o = order_row(NO, "tb_amy", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)", "2026-11-21 09:00:00",
                  message="请发顺丰", goods="99.00")
    import_orders(shop, list(write_pair(tmp_path / "d1", [o], [tb_detail(NO, "SH-BK-M")])), today=TODAY)
    assert shopbook("orders", "review", shop.folder).returncode == 0
    ln = next(ln for ln in lines_of(shop) if ln.order_no == NO)
    assert ln.status is OrderStatus.HELD and ln.review == "自动挂起：买家留言：请发顺丰"
    type_in(shop.path(ORDERS), "订单", {(ln.row, "状态"): "已审核"})


def row(shop):
    return next(ln for ln in lines_of(shop) if ln.order_no == NO)


def test_shipped_by_the_scan_check(shop, tmp_path):
    held_then_approved(shop, tmp_path)
    scans = tmp_path / "scans.txt"
    scans.write_text(scan_text(((NO, "中通", "73100012345678"), ("0690000000031",))), encoding="utf-8")
    r = shopbook("ship", shop.folder, scans)
    assert r.returncode == 0, r.stdout + r.stderr
    assert row(shop).status is OrderStatus.SHIPPED
    assert row(shop).review == "已发货（原挂起：买家留言：请发顺丰）"


def test_shipped_by_a_waybill_tools_file(shop, tmp_path):
    held_then_approved(shop, tmp_path)
    r = shopbook("orders", "import", shop.folder, qianniu_shipped(tmp_path / "w", [(NO, "中通快递", "73100012345678")]))
    assert r.returncode == 0, r.stdout + r.stderr
    assert row(shop).status is OrderStatus.SHIPPED
    assert row(shop).review == "已发货（原挂起：买家留言：请发顺丰）"


def test_held_for_a_refund_the_shipping_export_says_closed(shop, tmp_path):
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(NO)], [tb_detail(NO, "SH-BK-M")],
                                        stamp="202611211000")), today=TODAY)
    import_orders(shop, [write_refunds(tmp_path / "r", [refund_row("RF99", NO, "SH-BK-M", "99.00",
                                                                   "买家已经申请退款，等待卖家同意")])], today=TODAY)
    assert row(shop).status is OrderStatus.HELD
    d = tb_detail(NO, "SH-BK-M", status="卖家已发货，等待买家确认")
    d["退款状态"] = "退款关闭"
    shipped = write_pair(tmp_path / "d2", [tb_order(NO, status="卖家已发货，等待买家确认", courier="中通快递",
                                                    tracking="75123456789012", shipped="2026-11-22 17:00:00")], [d],
                         stamp="202611221800")
    import_orders(shop, list(shipped), today=TODAY)
    ln = row(shop)
    assert ln.status is OrderStatus.SHIPPED
    assert ln.platform_status == "退款关闭"  # was 退款中：买家已经申请退款… on a shipped row
    assert ln.review.startswith("已发货（原挂起：平台退款中")


def test_the_review_said_in_english():
    from shopbook.orders.review import shipped_review

    assert shipped_review("held: buyer message: SF please; note: the address has no district", "en") == \
        "shipped (was held: buyer message: SF please); note: the address has no district"
    assert shipped_review("提示：地址没有区县", "zh") is None  # an approved order's notes: nothing held
    assert shipped_review(None, "zh") is None
