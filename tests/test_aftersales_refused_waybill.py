"""A parcel the buyer refused (拒收) comes back under the waybill it went out with, and that is what the
warehouse scans at `aftersales receive`. It was "no case for 7500…: open it and find its order", its
order's return case open on the sheet all the while; now the waybill of an order that went as one parcel
is that order's number: its case is received, or, with none, the order is named to type it. A waybill two
orders went under, or one of an order sent as two parcels, is still no one's (whose goods are in it is not
known)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from typer.testing import CliRunner

from shopbook.aftersales.workflow import aftersales
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import (ORDERS, STOCK, AfterSalesCase, CaseStatus, Movement, MovementType, OrderLine,
                             Product)
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)


def _line(no: str, sku: str, tracking: str) -> OrderLine:
    return OrderLine(order_no=no, source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10), receiver="赵六",
                     phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku=sku, qty=1,
                     unit_price=D(99), status="已发货", courier="中通", tracking_no=tracking,
                     shipped_on=dt.date(2026, 11, 19))


def _shop(tmp_path, lang: str = "zh"):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku=s, name="衬衫", cost=D(30), price=D(99), safety_stock=2) for s in ("P1", "P2")],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku=s, type="入库", qty=50) for s in ("P1", "P2")]})
    lines = [_line("3900000000000000001", "P1", "75000000000001"),  # one parcel of two lines
             _line("3900000000000000001", "P2", "75000000000001"),
             _line("3900000000000000002", "P1", "75000000000002"),  # no case
             _line("3900000000000000003", "P1", "75000000000003"),  # two parcels
             _line("3900000000000000003", "P2", "75000000000004"),
             _line("3900000000000000004", "P1", "75000000000005"),  # two orders in one parcel (合并发货)
             _line("3900000000000000005", "P2", "75000000000005")]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=f"390000000000000000{k}",
                            type="退货退款", reason="拒收", status="等退货") for k in (1, 3, 4, 5)]
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, AfterSalesCase: cases})
    return open_shop(folder)


def _returns(shop) -> list[tuple]:
    return [(m.ref, m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]


def test_a_refused_parcel_scanned_by_its_waybill_is_its_orders_return(tmp_path):
    shop = _shop(tmp_path)
    res = aftersales(shop, TODAY, received=[" 75000000000001", "75000000000002", "75000000000003", "75000000000005"])
    assert res.received == ["75000000000001"]  # said as scanned
    assert _returns(shop) == [("TH-1", "P1", 1), ("TH-1", "P2", 1)]
    cases = {c.case_no: c.status for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(
        AfterSalesCase)}
    assert cases == {"TH-1": CaseStatus.RETURNED, "TH-3": CaseStatus.WAITING_RETURN,
                     "TH-4": CaseStatus.WAITING_RETURN, "TH-5": CaseStatus.WAITING_RETURN}
    # an order with no case is named by its waybill; a parcel of an order sent as two, or of two orders, is no one's
    assert res.no_case == [("75000000000002", "3900000000000000002")]
    assert res.unknown == ["75000000000002", "75000000000003", "75000000000005"]

    again = aftersales(shop, TODAY, received=["75000000000001"])
    assert [(a.code, a.case.case_no, a.received_on) for a in again.again] == [("75000000000001", "TH-1", TODAY)]
    assert _returns(shop) == [("TH-1", "P1", 1), ("TH-1", "P2", 1)]  # never posted twice


def test_the_screen_names_the_order_of_a_waybill_with_no_case_in_an_english_shop(tmp_path):
    shop = _shop(tmp_path, "en")
    r = CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "75000000000002", "75000000000001",
                                 "--date", TODAY.isoformat()])
    assert r.exit_code == 1, r.output
    assert "75000000000002: order 3900000000000000002 has no after-sales case" in r.output
    assert "received: 75000000000001" in r.output and "no case for" not in r.output
    out = json.loads(CliRunner().invoke(app, ["aftersales", "receive", str(shop.folder), "75000000000001", "--json",
                                              "--date", TODAY.isoformat()]).stdout)
    assert out["already_received"][0]["code"] == "75000000000001" and out["unknown"] == []
