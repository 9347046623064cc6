"""An order held for a refund is released only by an export saying the refund closed (退款关闭): an
order list that says nothing of refunds (淘宝's item list without 退款状态) or an older export (拼多多's
无售后或售后取消 from before the buyer asked) leaves it held, never reviewed or picked."""

from __future__ import annotations

import openpyxl
import pytest

from platform_fixtures import pdd_row, refund_row, write_pdd, write_refunds
from shopbook.orders.workflow import import_orders, make_picklist, review
from shopbook.schema import ORDERS, OrderStatus
from taobao_fixtures import write_pair
from test_order_life import status_of, tb_detail, tb_order
from test_orders import TODAY, build_shop

NO = "3700000000000000903"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def cells_of(shop, no: str) -> dict:
    """The order's row of 订单 as the saved workbook holds it."""
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    head = [c.value for c in ws[1]]
    return next(dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == no)


def test_an_order_list_saying_nothing_of_refunds_does_not_release_a_refund(shop, tmp_path):
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(NO)], [tb_detail(NO, "SH-BK-M")])), today=TODAY)
    asked = write_refunds(tmp_path / "r", [refund_row("RF903", NO, "SH-BK-M", "99.00", "买家已经申请退款，等待卖家同意")])
    import_orders(shop, [asked], today=TODAY)
    assert status_of(shop)[NO] is OrderStatus.HELD
    # the evening's order list: the item still 买家已付款，等待卖家发货, no 退款状态 column at all
    evening = list(write_pair(tmp_path / "d2", [tb_order(NO)], [tb_detail(NO, "SH-BK-M")], stamp="20261122"))
    assert "退款状态".encode("gb18030") not in evening[1].read_bytes()
    assert import_orders(shop, evening, today=TODAY).changes == []
    row = cells_of(shop, NO)
    assert row["状态"] == "已挂起" and row["平台状态"].startswith("退款中")
    review(shop)
    assert status_of(shop)[NO] is OrderStatus.HELD
    assert NO not in [p.order_no for p in make_picklist(shop, today=TODAY).parcels]
    # the refund export saying it closed releases it, to be reviewed again
    closed = write_refunds(tmp_path / "r2", [refund_row("RF903", NO, "SH-BK-M", "99.00", "退款关闭")],
                           name="ExportRefundList20261123.csv")
    res = import_orders(shop, [closed], today=TODAY)
    assert [(c.order_no, c.after) for c in res.changes] == [(NO, OrderStatus.NEW)]
    assert cells_of(shop, NO)["平台状态"] == "退款关闭"


def test_an_older_pinduoduo_export_does_not_release_a_refund(shop, tmp_path):
    no = "261203-000000000003"
    morning = write_pdd(tmp_path / "p1", [pdd_row(no, "待发货", "SH-BK-M")], name="orders_export_20261203_1000.csv")
    evening = write_pdd(tmp_path / "p2", [pdd_row(no, "待发货", "SH-BK-M", after="退款中")],
                        name="orders_export_20261203_2000.csv")
    import_orders(shop, [morning], today=TODAY)
    import_orders(shop, [evening], today=TODAY)
    assert status_of(shop)[no] is OrderStatus.HELD
    # the morning's export again (无售后或售后取消, from before the buyer asked): never backwards, and known older
    # than the evening's (shopbook's record of the exports imported): no word of a refund withdrawn either
    again = import_orders(shop, [morning], today=TODAY)
    assert again.changes == [] and not [i for i in again.issues if no in i.message_zh]
    # a later one says it too: 无售后或售后取消 is also what the export says once the buyer withdraws the refund
    night = write_pdd(tmp_path / "p3", [pdd_row(no, "待发货", "SH-BK-M")], name="orders_export_20261203_2100.csv")
    again = import_orders(shop, [night], today=TODAY)
    assert again.changes == []
    [said] = [i for i in again.issues if no in i.message_zh]
    assert said.severity == "warning" and "买家若已撤销退款" in said.message_zh
    row = cells_of(shop, no)
    assert row["状态"] == "已挂起" and row["平台状态"] == "退款中"
