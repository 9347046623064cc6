"""A refund asked for on a shipped order that then closes (退款关闭, 售后关闭, 驳回): its 平台状态 said
"退款中（已发货，…）" for good, whatever the later refund export or order export said, and staff went on
waiting for a return or a refund that would not come. Now it says 退款关闭."""

from __future__ import annotations

import pytest

from platform_fixtures import pdd_row, refund_row, write_pdd, write_refunds
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

SHIPPED = "卖家已发货，等待买家确认"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def state(shop, no):
    ln = next(ln for ln in lines_of(shop) if ln.order_no == no)
    return ln.status, ln.platform_status


def test_a_taobao_refund_export_closing_it(shop, tmp_path):
    no = "3700000000000000555"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])), today=TODAY)
    import_orders(shop, list(write_pair(tmp_path / "d2", [tb_order(no, status=SHIPPED, courier="中通快递",
                                                                   tracking="75123456789012",
                                                                   shipped="2026-11-22 10:00:00")],
                                        [tb_detail(no, "SH-BK-M", status=SHIPPED)], stamp="20261122")), today=TODAY)
    asked = refund_row("RF55", no, "SH-BK-M", "99.00", "买家已经申请退款，等待卖家同意")
    import_orders(shop, [write_refunds(tmp_path / "r1", [asked])], today=TODAY)
    assert state(shop, no)[1].startswith("退款中（已发货")
    res = import_orders(shop, [write_refunds(tmp_path / "r2", [refund_row("RF55", no, "SH-BK-M", "99.00", "退款关闭")],
                                             name="ExportRefundList20261123.csv")], today=TODAY)
    assert state(shop, no) == (OrderStatus.SHIPPED, "退款关闭")
    assert [c.note_zh for c in res.changes] == ["已发货订单的退款已关闭"]


def test_a_pinduoduo_export_saying_its_after_sale_closed(shop, tmp_path):
    no = "261121-482910375600555"
    import_orders(shop, [write_pdd(tmp_path / "p1", [pdd_row(no, "待发货", "SH-BK-M")])], today=TODAY)
    shipped = dict(tracking="773012345678902", courier="申通快递", shipped="2026-11-22 10:00:00")
    import_orders(shop, [write_pdd(tmp_path / "p2", [pdd_row(no, "已发货，待收货", "SH-BK-M", after="退款中", **shipped)],
                                   name="orders_export_20261122.csv")], today=TODAY)
    assert state(shop, no)[1].startswith("退款中（已发货")
    import_orders(shop, [write_pdd(tmp_path / "p3", [pdd_row(no, "已发货，待收货", "SH-BK-M", after="售后关闭", **shipped)],
                                   name="orders_export_20261123.csv")], today=TODAY)
    assert state(shop, no) == (OrderStatus.SHIPPED, "退款关闭")
