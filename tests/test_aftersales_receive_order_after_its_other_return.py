"""QA (returns): an order of two returns, each typed with its 退货单号. By the order number, a case received in an
earlier run (its status, or its 退货 posted under its number) is no candidate: the order number receives the other
one, each posted once. Within one scan, the order number of a parcel whose label was scanned (before or after it)
is that parcel again, never the order's other return (whose parcel has not come)."""

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


def test_the_slips_order_number_after_its_label_is_that_parcel_again(tmp_path):
    """Only TH-1's parcel came: the warehouse scanned its label, then the order barcode on the slip inside (one
    parcel, two codes). Before, the order number received TH-2 too, its goods posted with no parcel back. A run
    later, TH-2's parcel scanned by the order number alone is received: TH-1 was received in an earlier run."""
    folder = tmp_path / "shop"
    shop = _shop(folder)
    res = aftersales(shop, TODAY, received=["YT1234567891", NO])
    assert res.several == [] and res.received == ["YT1234567891"]
    assert [(code, first, c.case_no) for code, first, c in res.same] == [(NO, "YT1234567891", "TH-1")]
    assert _back(shop) == [("TH-1", "P1", 1)]
    said = [zh for _, zh, _ in res.said("zh", 5)]
    assert any(NO in zh and "YT1234567891" in zh and "TH-1" in zh and "同一个" in zh for zh in said)
    later = aftersales(open_shop(folder), TODAY, received=[NO])
    assert later.several == [] and later.received == [NO]
    assert _back(shop) == [("TH-1", "P1", 1), ("TH-2", "P2", 1)]
    # both in now: the order number again is the same return, not a third
    again = aftersales(open_shop(folder), TODAY, received=[NO])
    assert again.received == [] and {a.case.case_no for a in again.again} == {"TH-1", "TH-2"}


def test_the_order_number_before_the_label_is_that_parcel_too(tmp_path):
    """The slip first, then the label: the same one parcel (the order number is not 'which one came is not known',
    nor TH-2 received)."""
    shop = _shop(tmp_path / "shop")
    res = aftersales(shop, TODAY, received=[NO, "YT1234567891"])
    assert res.several == [] and res.received == ["YT1234567891"]
    assert [(code, c.case_no) for code, _, c in res.same] == [(NO, "TH-1")]
    assert _back(shop) == [("TH-1", "P1", 1)]


def test_a_rerun_after_a_crash_of_the_label_and_slip_receives_no_other(tmp_path):
    """TH-1's 退货 posted, its status left 等退货 (a run stopped before orders.xlsx); the same scan again (the label,
    then the slip) receives TH-1 and posts nothing: TH-2's parcel has not come."""
    shop = _shop(tmp_path / "shop", posted=[("P1", "TH-1")])
    res = aftersales(shop, TODAY, received=["YT1234567891", NO])
    assert res.several == [] and [c.case_no for _, _, c in res.same] == ["TH-1"]
    assert _back(shop) == [("TH-1", "P1", 1)]


def test_the_order_number_of_a_return_posted_already_receives_the_other(tmp_path):
    """TH-1's 退货 is in stock under its number (a run that wrote stock.xlsx and stopped before orders.xlsx, open in
    Excel, left it 等退货): by the order number, TH-1 is no candidate; TH-2 is received, TH-1 not posted twice."""
    shop = _shop(tmp_path / "shop", posted=[("P1", "TH-1")])
    res = aftersales(shop, TODAY, received=[NO])
    assert res.several == [] and res.received == [NO]
    assert _back(shop) == [("TH-1", "P1", 1), ("TH-2", "P2", 1)]
