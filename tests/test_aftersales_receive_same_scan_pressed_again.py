"""QA (returns): an order of two returns, TH-1 (label YT…891) and TH-2. Only TH-1's parcel came: the warehouse scanned
its label, then the order barcode on its slip (one parcel, two codes), and TH-1 was received. Then 售后收货 was
pressed again with the same scan file: before, TH-1 (received now) no longer took the order barcode, so the barcode
received TH-2, its goods posted with no parcel back. A case this scan names by its own number or parcel's takes the
order barcode as the same parcel whatever its status: said so, never the other return. Where the order has another
return, the line says to scan that parcel's own label if the slip was in it; an order of one return, not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, MovementType, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)
NO, ALONE = "3900000000000000001", "3900000000000000003"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("same_scan_again") / "shop"
    init_shop(folder)
    skus = ("P1", "P2", "P3")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name=s, cost=D(30), price=D(99)) for s in skus],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku=s, type="入库", qty=50) for s in skus]})
    lines = [OrderLine(order_no=no, source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10), receiver="赵六",
                       phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku=s, qty=1, unit_price=D(99),
                       status="已发货", courier="中通", tracking_no=f"7500000000000{k}", shipped_on=dt.date(2026, 11, 19))
             for k, no, s in ((1, NO, "P1"), (1, NO, "P2"), (3, ALONE, "P3"))]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=no, type="退货退款",
                            sku=f"P{k}", qty=1, return_tracking=f"YT{k}23456789{k}", status="等退货")
             for k, no in ((1, NO), (2, NO), (3, ALONE))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, AfterSalesCase: cases})
    scan = ["YT1234567891", NO, "YT3234567893", ALONE]
    first = aftersales(open_shop(folder), TODAY, received=scan)
    again = aftersales(open_shop(folder), TODAY, received=scan)  # 售后收货 pressed again, the same file
    back = [(m.ref, m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]
    status = {c.case_no: c.status.value for c in
              read_workbook(folder / "orders.xlsx", ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)}
    return first, again, back, status


def test_the_same_scan_again_receives_no_other_return(runs):
    first, again, back, status = runs
    assert first.received == ["YT1234567891", "YT3234567893"]
    assert again.received == [] and again.several == [] and again.returns == []
    assert back == [("TH-1", "P1", 1), ("TH-3", "P3", 1)]  # TH-2's parcel never came: nothing of it posted
    assert status == {"TH-1": "已收到退货", "TH-2": "等退货", "TH-3": "已收到退货"}
    # (an order of one return, all of it in: its barcode is that return, received already)
    assert {a.code: a.case.case_no for a in again.again} == {"YT1234567891": "TH-1", "YT3234567893": "TH-3",
                                                             ALONE: "TH-3"}
    assert [(code, first_, c.case_no) for code, first_, c in again.same] == [(NO, "YT1234567891", "TH-1")]


def test_the_slip_of_an_order_with_another_return_says_scan_that_ones_label(runs):
    first, again, _, _ = runs
    for res in (first, again):
        zh = next(z for _, z, _ in res.said("zh", 9) if z.startswith(NO + "："))
        en = next(e for _, _, e in res.said("en", 9) if e.startswith(NO + ":"))
        assert "YT1234567891" in zh and "TH-1" in zh and "同一个" in zh and "TH-2" not in zh
        assert "另一个退货包裹里的，请扫描那个包裹自己的退货单号" in zh
        assert "the same return as YT1234567891 (case TH-1)" in en
        assert "If this slip came in the order's other return parcel, scan that parcel's own label" in en
    # an order of one return: its slip is that parcel, nothing else to scan
    alone = next(z for _, z, _ in first.said("zh", 9) if z.startswith(ALONE + "："))
    alone_en = next(e for _, _, e in first.said("en", 9) if e.startswith(ALONE + ":"))
    assert "同一个售后单 TH-3" in alone and "另一个退货" not in alone and "other return" not in alone_en
