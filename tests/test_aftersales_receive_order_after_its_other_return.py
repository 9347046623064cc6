"""QA (returns): an order of two returns, each typed with its 退货单号. The warehouse scanned one parcel by its
tracking number, then the other by the order number on its slip (no label left): the order number was "2 open
returns, which one came is not known: nothing received", though the first was received a line before. The case
this scan marked is no candidate, nor one whose 退货 is posted already: the order number receives the other one, each
posted once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
NO = "3900000000000000001"


def _shop(folder, posted=()):
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name=s, cost=D(30), price=D(99)) for s in ("P1", "P2")],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku=s, type="入库", qty=50) for s in ("P1", "P2")]
        + [Movement(date=dt.date(2026, 11, 24), sku=s, type="退货", qty=1, ref=ref) for s, ref in posted]})
    lines = [OrderLine(order_no=NO, source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10), receiver="赵六",
                       phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku=s, qty=1, unit_price=D(99),
                       status="已发货", courier="中通", tracking_no="75000000000001", shipped_on=dt.date(2026, 11, 19))
             for s in ("P1", "P2")]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=NO, type=kind, sku=f"P{k}",
                            qty=1, return_tracking=f"YT{k}23456789{k}", status="等退货")
             for k, kind in ((1, "退货退款"), (2, "退货退款"))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: cases})
    return open_shop(folder)


def _back(shop):
    return [(m.ref, m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]


def test_the_order_number_after_one_of_its_returns_receives_the_other(tmp_path):
    folder = tmp_path / "shop"
    shop = _shop(folder)
    res = aftersales(shop, TODAY, received=["YT1234567891", NO])
    assert res.several == [] and res.same == []
    assert res.received == ["YT1234567891", NO]
    assert _back(shop) == [("TH-1", "P1", 1), ("TH-2", "P2", 1)]
    assert not any(mark == "!" for mark, _, _ in res.said("zh", 5))
    # both in now: the order number again is the same return, not a third
    again = aftersales(open_shop(folder), TODAY, received=[NO])
    assert again.received == [] and {a.case.case_no for a in again.again} == {"TH-1", "TH-2"}


def test_the_order_number_of_a_return_posted_already_receives_the_other(tmp_path):
    """TH-1's 退货 is in stock under its number (a run that wrote stock.xlsx and stopped before orders.xlsx, open in
    Excel, left it 等退货): by the order number, TH-1 is no candidate; TH-2 is received, TH-1 not posted twice."""
    shop = _shop(tmp_path / "shop", posted=[("P1", "TH-1")])
    res = aftersales(shop, TODAY, received=[NO])
    assert res.several == [] and res.received == [NO]
    assert _back(shop) == [("TH-1", "P1", 1), ("TH-2", "P2", 1)]
