"""A buyer's return the courier billed twice (the case's 退货单号 on two lines of the bill, 6.00 each): both lines were
'买家退货 … 运费由我们付', ours to pay, the run clean (no exit 1, no ✓ withheld), so the shop paid the return's postage
twice; and a parcel of ours refused, its way back (退回件) on two lines, was two parcels coming back. The second line of
a return is 重复计费 as our own parcel's is (take it up with the courier), and the courier's credit of it (-6.00,
重复计费冲销) settles it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from test_courier_bill_totals import courier_shop

from shopbook.io.reader import read_workbook
from shopbook.money.said import courier_differs
from shopbook.money.workflow import reconcile_courier_file
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine, ShippingRate
from shopbook.workbook_builder import write_workbook


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    folder = tmp_path_factory.mktemp("return_twice")
    shop = courier_shop(folder / "shop", 2)
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, ShippingRate))
    case = AfterSalesCase(case_no="SH001", opened_on=dt.date(2026, 11, 15), order_no="O02", sku="A", qty=1,
                          type="退货退款", return_tracking="73200000000099 已签收", status="处理中")
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines.rows(OrderLine),
                                                     ShippingRate: lines.rows(ShippingRate),
                                                     AfterSalesCase: [case]}, keep_backup=False)
    return shop


def _bill(tmp_path, *extra):
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00\n" for i in (1, 2))
                      + "73200000000099,2026-11-16,浙江,1,6.00\n" + "".join(extra)).encode("gb18030"))
    return bill


def test_a_return_billed_twice_is_billed_twice_not_paid_twice(shop, tmp_path):
    chk, issues = reconcile_courier_file(shop, _bill(tmp_path, "73200000000099,2026-11-17,浙江,1,6.00\n"))
    assert [(b.tracking_no, c) for b, c in chk.returns] == [("73200000000099", "SH001")]
    assert [(b.tracking_no, b.line) for b in chk.billed_twice] == [("73200000000099", 5)]
    assert courier_differs(chk, issues)  # (exit 1, the report without a ✓)
    assert chk.billed_total == Decimal("22.00")


def test_the_couriers_credit_of_the_return_billed_twice_settles_it(shop, tmp_path):
    chk, issues = reconcile_courier_file(shop, _bill(tmp_path, "73200000000099,2026-11-17,浙江,1,6.00\n",
                                                     "73200000000099,2026-11-30,浙江,,-6.00\n"))
    assert chk.billed_twice == [] and [(c.line, b.line) for c, b in chk.credits] == [(6, 5)]
    assert len(chk.returns) == 1 and not courier_differs(chk, issues), (chk.returns, issues)


def test_our_parcels_way_back_billed_twice_is_one_parcel_coming_back(shop, tmp_path):
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费,业务类型,备注\n"
                      + "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00,普通件,\n" for i in (1, 2))
                      + "73100000000002,2026-11-18,浙江,1,5.00,退回件,拒收退回\n"
                      + "73100000000002,2026-11-19,浙江,1,5.00,退回件,拒收退回\n").encode("gb18030"))
    chk, issues = reconcile_courier_file(shop, bill)
    assert [(b.line, o) for b, o in chk.returned] == [(4, "O02")]
    assert [(b.tracking_no, b.line) for b in chk.billed_twice] == [("73100000000002", 5)]
    assert chk.billed_total == Decimal("20.00") and courier_differs(chk, issues)


def test_a_return_the_courier_took_off_the_bill_is_not_ours_to_pay(shop, tmp_path):
    # (the courier's credit of the return's one line, at its amount: before, '买家退货 … ¥6.00 运费由我们付' beside
    # '冲销 …（账单上没有对应的行：快递退给我们的钱）', the credit said to cancel no line)
    from shopbook.money.said import courier_said

    chk, issues = reconcile_courier_file(shop, _bill(tmp_path, "73200000000099,2026-12-02,浙江,,-6.00\n"))
    assert chk.returns == [] and [(c.line, b.line) for c, b in chk.credits] == [(5, 4)]
    said = [z for _, z, _ in courier_said(chk, issues)]
    assert "  冲销 73200000000099：第 5 行，-¥6.00（冲掉第 4 行）" in said, said
    assert not any("运费由我们付" in z for z in said) and chk.billed_total == Decimal("10.00")
    assert not courier_differs(chk, issues)
