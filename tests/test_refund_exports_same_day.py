"""The morning's and the evening's 退款 exports in one import (the daily job takes inbox/ whole):
a refund in both is where the later file says it is, as an order in two order exports is."""

from __future__ import annotations

import pytest

from platform_fixtures import refund_row, write_refunds
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import write_pair
from test_order_life import status_of, tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

NO = "3700000000000000777"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


@pytest.mark.parametrize("evening, status", [("退款成功", OrderStatus.CANCELLED), ("退款关闭", OrderStatus.NEW)])
def test_the_later_refund_export_says_where_the_refund_is(shop, tmp_path, evening, status):
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(NO)], [tb_detail(NO, "SH-BK-M")])))
    morning = write_refunds(tmp_path / "r", [refund_row("RF77", NO, "SH-BK-M", "99.00", "买家已经申请退款，等待卖家同意")],
                            name="ExportRefundList20261122-0900.csv")
    later = refund_row("RF77", NO, "SH-BK-M", "99.00", evening)
    later["退款完结时间"] = "2026-11-22 18:00:00"
    night = write_refunds(tmp_path / "r", [later], name="ExportRefundList20261122-1800.csv")
    import_orders(shop, [morning, night], today=TODAY)
    assert status_of(shop)[NO] is status
    assert all("等待卖家同意" not in (ln.platform_status or "") for ln in lines_of(shop))
    # the evening's file alone, again: nothing more to change
    assert import_orders(shop, [night], today=TODAY).changes == []
