"""QA (returns): a shirt sent back still counted as sold on the monthly review's SKU sheets: 商品销售's units,
revenue and margin, 款式销售, and the best sellers (a product all of whose sales came back was a best seller).
Now the units back on the shelf (退货 posted under the order or its case; not an exchange's, whose goods went
back out as its resend) are taken off at the line's price and cost, the headers say so, a 退货件数 column
counts them, and the headers say the goods revenue is no 考核 销售额, which has postage in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from test_reports import month_shop

from shopbook.report.monthly import make_review
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, OrderLine, Product
from shopbook.workbook_builder import write_workbook


def line(no: str, sku: str, qty: int) -> OrderLine:
    return OrderLine(order_no=no, platform="淘宝", buyer=f"b{no}", receiver="r", phone="13800000001",
                     address="浙江省 杭州市 西湖区 文三路 1 号", sku=sku, qty=qty, unit_price=D("100.00"),
                     shipping_fee=D("10.00"), paid_at=dt.datetime(2026, 10, 3, 12), status="已签收")


def case(no: str, order: str, sku: str, kind: str) -> AfterSalesCase:
    return AfterSalesCase(case_no=no, opened_on=dt.date(2026, 10, 8), order_no=order, sku=sku, qty=1, type=kind,
                          status="已完成", exchange_sku="A1" if kind == "换货" else None)


def back(ref: str, sku: str) -> Movement:
    return Movement(date=dt.date(2026, 10, 12), sku=sku, type="退货", qty=1, ref=ref)


def test_units_returned_are_no_sales_on_the_sku_sheets(tmp_path):
    products = [Product(sku="A1", name="衬衫", cost=D(60), price=D(100), style="S1"),
                Product(sku="B1", name="裤子", cost=D(70), price=D(100), style="S2")]
    shop = month_shop(tmp_path, days=[], products=products)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        OrderLine: [line("1", "A1", 2), line("2", "A1", 1), line("3", "B1", 1), line("4", "A1", 1)],
        AfterSalesCase: [case("C1", "1", "A1", "退货退款"), case("C2", "2", "A1", "换货"), case("C3", "4", "A1", "退货退款")]},
        keep_backup=False)
    # C1's parcel under its case number, C2's an exchange (no credit), order 3's typed under the order number
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: products, Movement: [
        back("C1", "A1"), back("C2", "A1"), back("3", "B1"),
        # C3's came back, its refund refused on the platform, and it went back out to the buyer: sold after all
        back("C3", "A1"), Movement(date=dt.date(2026, 10, 20), sku="A1", type="出库", qty=1, ref="C3")]},
        keep_backup=False)
    rev, path, _ = make_review(shop, "monthly", "2026-10")
    wb = openpyxl.load_workbook(path)
    ws = wb["商品销售"]
    head = [c.value for c in ws[1]]
    assert head[3:5] == ["件数（已减退货）", "商品销售额（不含运费，已减退货）"] and head[-1] == "退货件数", head
    rows = {r[0]: dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    a, b = rows["A1"], rows["B1"]
    assert (a["件数（已减退货）"], a["商品销售额（不含运费，已减退货）"], a["退货件数"], a["毛利率"]) == (3, 300, 1, 0.4), a
    assert (b["件数（已减退货）"], b["商品销售额（不含运费，已减退货）"], b["退货件数"], b["毛利率"]) == (0, 0, 1, None), b
    assert [s.sku for s in rev.best()] == ["A1"]  # all of B1's sales came back: no best seller
    style = {r[0]: r[1:] for r in wb["款式销售"].iter_rows(min_row=2, values_only=True)}
    assert style["S1"] == (3, 300) and style["S2"] == (0, 0), style
    assert wb["考核"].cell(3, 6).value == "销售额（含运费）"


def test_a_parcel_back_in_december_is_no_return_of_the_november_review(tmp_path):
    """Month end on 12-05: a shirt of a November order came back 12-02. Its refund is the December P&L's and
    an agent's return December's statement's; November's review counted it (returns 'up to today'), so the
    review made on 12-05 and again in January gave two November figures. Now its returns end with the month."""
    products = [Product(sku="A1", name="衬衫", cost=D(60), price=D(100), style="S1")]
    shop = month_shop(tmp_path, days=[], products=products)
    nov = [ln.model_copy(update={"paid_at": dt.datetime(2026, 11, 20, 12)}) for ln in (line("1", "A1", 2), line("2", "A1", 1))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: nov}, keep_backup=False)
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: products, Movement: [
        back("1", "A1").model_copy(update={"date": dt.date(2026, 11, 28)}),  # in November: no sale
        back("2", "A1").model_copy(update={"date": dt.date(2026, 12, 2)})]},  # December's
        keep_backup=False)
    _, path, _ = make_review(shop, "monthly", "2026-11")
    ws = openpyxl.load_workbook(path)["商品销售"]
    head = [c.value for c in ws[1]]
    a = {r[0]: dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)}["A1"]
    assert (a["件数（已减退货）"], a["商品销售额（不含运费，已减退货）"], a["退货件数"]) == (2, 200, 1), a
