"""QA (returns): ¥15 refunded without return for the gift an order was packed without (a 仅退款 naming the gift's
SKU, which is in the order's 赠品 cell, on no line of it) was capped by that SKU's lines, none, so counted as
no refund: the buyer's spend (and a VIP threshold, staff commission) kept the ¥15. It counts now, capped by
what the order was paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.customers import shop_customers
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def test_a_refund_on_the_gift_counts(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no="1", platform="淘宝", buyer="tb_amy", receiver="艾米", phone="13800000001",
                              address="浙江省 杭州市 西湖区 文三路 1 号", sku="A1", qty=1, unit_price=D("100.00"),
                              paid_at=dt.datetime(2026, 11, 1, 9), status="已签收", gifts="G1")],
        AfterSalesCase: [AfterSalesCase(case_no="C1", opened_on=dt.date(2026, 11, 3), order_no="1", sku="G1", qty=1,
                                        type="仅退款", reason="少发赠品", amount=D("15.00"), status="已完成")]},
        keep_backup=False)
    rep, _ = shop_customers(open_shop(folder))
    assert [(c.name, c.spend) for c in rep.customers] == [("tb_amy", D("85.00"))]
