"""QA (returns): an order of one SKU, 3 tees at ¥30; the buyer sent 1 back, the desk typed the 退货退款 case with the
商家编码 blank (the order has one SKU) and 数量 1, 已收到退货, no 退款金额 yet. Its 退货 posted 1 back, but the refund
was counted as the whole order's ¥90: the buyer was taken for one who sent everything back and left out of the
customers (and the order's day's sales, staff commission, a VIP threshold short by ¥60). It counts now as the
退货 posts it: 1 × ¥30, the buyer a customer of ¥60. orders.xlsx is written and read back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.customers import shop_customers
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def test_one_of_three_back_on_a_case_naming_no_sku_is_refunded_at_one_unit(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    line = dict(platform="淘宝", phone="13800000001", address="浙江省 杭州市 西湖区 文三路 1 号", status="已签收")
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no="1", buyer="tb_amy", receiver="艾米", sku="T1", qty=3, unit_price=D("30.00"),
                              paid_at=dt.datetime(2026, 11, 1, 9), **line),
                    OrderLine(order_no="2", buyer="tb_bob", receiver="鲍勃", sku="T1", qty=1, unit_price=D("30.00"),
                              paid_at=dt.datetime(2026, 11, 2, 9), **line)],
        AfterSalesCase: [AfterSalesCase(case_no="C1", opened_on=dt.date(2026, 11, 5), order_no="1", qty=1,
                                        type="退货退款", return_tracking="YT1", status="已收到退货"),
                         # the whole of an order back, no count: all of it, as before
                         AfterSalesCase(case_no="C2", opened_on=dt.date(2026, 11, 5), order_no="2",
                                        type="退货退款", return_tracking="YT2", status="已收到退货")]},
        keep_backup=False)
    rep, _ = shop_customers(open_shop(folder))
    assert [(c.name, c.orders, c.spend) for c in rep.customers] == [("tb_amy", 1, D("60.00"))]
    assert [(m.label, m.buyers, m.sales) for m in rep.months] == [("2026-11", 1, D("60.00"))]


def test_a_sku_on_two_lines_is_refunded_at_what_a_unit_of_its_lines_is_worth():
    """(review) 买二送一: A×2 at ¥30 and A×1 at ¥0, one back, no 退款金额: the refund took the last line's 单价 (¥0:
    nothing refunded, the buyer's spend and commission left too high; ¥30 with the lines the other way round). It is
    what a unit of the SKU's lines counted is worth, ¥20, whichever line comes first, the SKU typed or blank."""
    from shopbook.aftersales.cases import refunds_done

    def ln(qty, price):
        return OrderLine(order_no="1", platform="淘宝", buyer="tb_amy", receiver="艾米", phone="13800000001",
                         address="浙江省 杭州市 西湖区 文三路 1 号", sku="A", qty=qty, unit_price=D(price),
                         paid_at=dt.datetime(2026, 11, 1, 9), status="已签收")

    def case(sku, qty):
        return AfterSalesCase(case_no="C1", opened_on=dt.date(2026, 11, 3), order_no="1", sku=sku, qty=qty,
                              type="退货退款", status="已完成")

    for lines in ([ln(2, "30.00"), ln(1, "0.00")], [ln(1, "0.00"), ln(2, "30.00")]):
        for sku in ("A", None):
            assert refunds_done([case(sku, 1)], lines, lines) == [("1", D("20.00"))], (lines, sku)
            assert refunds_done([case(sku, 3)], lines, lines) == [("1", D("60.00"))], (lines, sku)
    odd = [ln(1, "10.00"), ln(2, "10.01")]  # ¥30.02 for 3: a unit to the fen, never more than the lines
    assert refunds_done([case("A", 1)], odd, odd) == [("1", D("10.01"))]
    assert refunds_done([case("A", 3)], odd, odd) == [("1", D("30.02"))]
