"""QA (monthly review, a refund of last month's sale): a coat sold on 10-20 and sent back on 11-02 was in no
review's SKU sheets. October's review ends its returns with its days (the parcel is November's, as its refund
is the November P&L's), and November's took off only the returns of November's own sales: its 退货件数 said
nothing came back, its units and goods revenue had the coat in as sold. Now November's review takes it off
(at the October line's price and cost) and counts it under 退货件数; October's is as it was."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from test_reports import month_shop
from test_review_net_of_returns import line

from shopbook.report.monthly import make_review
from shopbook.schema import ORDERS, STOCK, Movement, OrderLine, Product
from shopbook.workbook_builder import write_workbook


def sku_rows(path) -> dict:
    ws = openpyxl.load_workbook(path)["商品销售"]
    head = [c.value for c in ws[1]]
    return {r[0]: dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)}


def test_an_october_sale_sent_back_in_november_is_novembers_return(tmp_path):
    products = [Product(sku="A1", name="大衣", cost=D(60), price=D(100), style="S1"),
                Product(sku="B1", name="裤子", cost=D(70), price=D(100), style="S2")]
    shop = month_shop(tmp_path, days=[], products=products)
    at = lambda ln, day: ln.model_copy(update={"paid_at": dt.datetime(2026, *day, 12)})  # noqa: E731
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        at(line("1", "A1", 2), (10, 20)),  # one of its two back on 11-02
        at(line("2", "B1", 1), (10, 21)),  # back on 10-28: October's return, not November's
        at(line("3", "A1", 3), (11, 5))]}, keep_backup=False)
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: products, Movement: [
        Movement(date=dt.date(2026, 11, 2), sku="A1", type="退货", qty=1, ref="1"),
        Movement(date=dt.date(2026, 10, 28), sku="B1", type="退货", qty=1, ref="2")]}, keep_backup=False)

    _, path, _ = make_review(shop, "monthly", "2026-11")
    nov_ = sku_rows(path)
    assert (nov_["A1"]["件数（已减退货）"], nov_["A1"]["商品销售额（不含运费，已减退货）"], nov_["A1"]["退货件数"]) == (2, 200, 1), nov_
    assert nov_["A1"]["毛利率"] == 0.4, nov_  # (200 − 2 × 60) ÷ 200
    assert (nov_["B1"]["件数（已减退货）"], nov_["B1"]["退货件数"]) == (0, None), nov_

    _, path, _ = make_review(shop, "monthly", "2026-10")  # October's: as it was, its own return alone
    oct_ = sku_rows(path)
    assert (oct_["A1"]["件数（已减退货）"], oct_["A1"]["退货件数"]) == (2, None), oct_
    assert (oct_["B1"]["件数（已减退货）"], oct_["B1"]["退货件数"]) == (0, 1), oct_


def test_a_month_whose_returns_outweigh_its_sales_has_no_margin_and_no_best_seller(tmp_path):
    products = [Product(sku="A1", name="大衣", cost=D(60), price=D(100), style="S1")]
    shop = month_shop(tmp_path, days=[], products=products)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        line("1", "A1", 1).model_copy(update={"paid_at": dt.datetime(2026, 10, 20, 12)})]}, keep_backup=False)
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: products, Movement: [
        Movement(date=dt.date(2026, 11, 2), sku="A1", type="退货", qty=1, ref="1")]}, keep_backup=False)
    _, path, _ = make_review(shop, "monthly", "2026-11")
    a = sku_rows(path)["A1"]
    assert (a["件数（已减退货）"], a["商品销售额（不含运费，已减退货）"], a["毛利率"], a["退货件数"]) == (-1, -100, None, 1), a
    best = [r[0] for r in openpyxl.load_workbook(path)["畅销与滞销"].iter_rows(min_row=2, values_only=True)]
    assert "A1" not in best, best
