"""A refund export's 部分退款 paid on an order already shipped (¥30.00 of the ¥99.00 the buyer paid,
退款成功): the refund is done, so the order's 平台状态 says 部分退款, never 退款中 (a refund waiting),
and the change is a partial refund, not "a refund asked for"."""

from __future__ import annotations

import pytest

from platform_fixtures import refund_row, write_refunds
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import detail_row, write_pair
from test_order_life import tb_order
from test_orders import TODAY, build_shop, lines_of


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_a_partial_refund_paid_on_a_shipped_order_is_said_as_done(shop, tmp_path):
    no = "3900000000000000511"
    for status, stamp in (("买家已付款，等待卖家发货", "20261121"), ("卖家已发货，等待买家确认", "20261122")):
        import_orders(shop, list(write_pair(tmp_path / stamp, [tb_order(no, status, courier="中通快递", tracking="7300511")],
                                            [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M", status=status)], stamp=stamp)),
                      today=TODAY)
    row = refund_row("R951", no, "SH-WH-M", "30.00", "退款成功", whole="部分退款", goods="买家已收到货")
    row["买家实际支付金额"] = "99.00"
    refunds = write_refunds(tmp_path / "r", [row])
    res = import_orders(shop, [refunds], today=TODAY)
    [ln] = lines_of(shop)
    assert ln.status is OrderStatus.SHIPPED
    assert ln.platform_status.startswith("部分退款（已发货，仅退款）"), ln.platform_status
    assert "退款中" not in ln.platform_status
    [c] = res.changes
    assert "部分退款" in c.note_zh and "申请退款" not in c.note_zh, c.note_zh
    assert "partly refunded" in c.note_en and "asked for" not in c.note_en, c.note_en
    assert import_orders(shop, [refunds], today=TODAY).changes == []  # the same export again changes nothing
