"""A buyer's return sent in two parcels, both numbers typed in its case's 退货单号 cell ("7320… / 7320…"), or one
number with a remark beside it ("7320…（破损）"): the courier's bill lists each parcel on its own line, and each was
'账单有、我们没发 … 不是我们的包裹请快递从账单里扣掉' (the cell as a whole matched no line). Each is the case's return,
ours to pay, said with its money, as a cell of one number is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from test_courier_bill_totals import courier_shop

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_courier_file
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine, ShippingRate
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("cell, billed", [("73200000000098 / 73200000000099", ("73200000000098", "73200000000099")),
                                          ("73200000000099（破损）", ("73200000000099",))])
def test_each_parcel_of_a_return_the_case_names_is_the_buyers_return_on_the_bill(tmp_path, cell, billed):
    shop = courier_shop(tmp_path / "shop", 2)
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate))
    case = AfterSalesCase(case_no="SH001", opened_on=dt.date(2026, 11, 15), order_no="O02", sku="A", qty=2,
                          type="退货退款", return_tracking=cell, status="处理中")
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines.rows(OrderLine),
                                                     ShippingRate: lines.rows(ShippingRate),
                                                     AfterSalesCase: [case]}, keep_backup=False)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00\n" for i in (1, 2))
                      + "".join(f"{t},2026-11-16,浙江,1,6.00\n" for t in billed)).encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert issues == [] and chk.billed_not_shipped == [], chk.billed_not_shipped
    assert [(b.tracking_no, c) for b, c in chk.returns] == [(t, "SH001") for t in billed]
    assert chk.billed_total == Decimal("10.00") + 6 * len(billed)
