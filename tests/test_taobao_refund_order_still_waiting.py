"""Taobao closes a trade (交易关闭) when all of it is refunded: an order whose 订单报表 still says
买家已付款，等待卖家发货 while its only item line says 退款成功 was refunded in part (a price difference, 1 of its
units). shopbook cancelled it, and the goods paid for never shipped; now it is held 部分退款 for a person, told to
check the refund, as 拼多多's 待发货 beside 退款成功 is."""

from __future__ import annotations

import pytest

from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

NO = "3515130000000088"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_an_order_still_waiting_with_its_only_line_refunded_is_held_not_cancelled(shop, tmp_path):
    import_orders(shop, list(write_pair(tmp_path / "a", [tb_order(NO)], [tb_detail(NO, "SH-BK-M")])), today=TODAY)
    review(shop)
    later = list(write_pair(tmp_path / "b", [tb_order(NO)], [tb_detail(NO, "SH-BK-M", "退款成功")], stamp="20261122"))
    import_orders(shop, later, today=TODAY)
    ln, = lines_of(shop)
    assert ln.status is OrderStatus.HELD and ln.platform_status.startswith("部分退款："), (ln.status, ln.platform_status)
    assert "请在平台核对这笔退款" in ln.review, ln.review


def test_a_new_order_still_waiting_with_its_only_line_refunded_comes_in_held(shop, tmp_path):
    res = import_orders(shop, list(write_pair(tmp_path / "a", [tb_order(NO)], [tb_detail(NO, "SH-BK-M", "退款成功")])),
                        today=TODAY)
    assert res.skipped == [], res.skipped
    ln, = lines_of(shop)
    assert ln.status is OrderStatus.HELD and ln.platform_status.startswith("部分退款：")


def test_an_order_the_order_list_closes_is_still_cancelled(shop, tmp_path):
    import_orders(shop, list(write_pair(tmp_path / "a", [tb_order(NO)], [tb_detail(NO, "SH-BK-M")])), today=TODAY)
    later = list(write_pair(tmp_path / "b", [tb_order(NO, status="交易关闭", close="买家申请退款")],
                            [tb_detail(NO, "SH-BK-M", "退款成功")], stamp="20261122"))
    import_orders(shop, later, today=TODAY)
    assert lines_of(shop)[0].status is OrderStatus.CANCELLED
