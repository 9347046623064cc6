"""A courier's freight arm (中通快运, 韵达快运: heavy parcels by weight) is a company of its own, with
its own bills and rates. Its name starts with the courier's, and was read as the courier: a shop that
sends its heavy parcels by 中通快运 found them on 中通's bill check as "shipped, not billed", and a
中通快运 bill was checked at 中通's rates. Now a freight company is a courier of its own name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from test_courier_bill_totals import courier_shop

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_courier_file
from shopbook.orders.couriers import canonical, named_in
from shopbook.schema import ORDERS, OrderLine, ShippingRate
from shopbook.workbook_builder import write_workbook

D = Decimal


def test_a_freight_company_is_not_the_courier_its_name_starts_with():
    assert canonical("中通快递") == canonical("中通速递") == canonical("中通") == "中通"
    assert canonical("中通快运") == "中通快运" and canonical(" 韵达快运 ") == "韵达快运"
    assert named_in("中通快递 杭州西湖网点 2026年11月 月结对账单") == "中通"
    assert named_in("中通快运 2026年11月 对账单") is None


def test_a_parcel_sent_by_freight_is_not_on_the_couriers_bill(tmp_path):
    shop = courier_shop(tmp_path / "shop", 2)
    heavy = OrderLine(order_no="O99", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="A",
                      qty=20, unit_price=D("99.00"), shipping_fee=D(0), status="已发货", tracking_no="ZY0000000099",
                      shipped_on=dt.date(2026, 11, 10), courier="中通快运")
    lines = [*read_workbook(shop.path(ORDERS), ORDERS).rows(OrderLine), heavy]
    rates = [ShippingRate(courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1)),
             ShippingRate(courier="中通快运", province="浙江", first_kg=D(30), first_price=D(40), extra_per_kg=D(1))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines, ShippingRate: rates}, keep_backup=False)
    bill = tmp_path / "中通快递11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n"
                      "73100000000001,2026-11-10,浙江,1,5.00\n"
                      "73100000000002,2026-11-10,浙江,1,5.00\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert chk.courier == "中通" and issues == []
    assert chk.shipped_not_billed == [] and chk.billed_not_shipped == [] and chk.fee_differs == []
