"""QA (warehouse, 双11): the waybills printed from the waybill CSV and their numbers put on the orders, the packer
scans each parcel's packing-note order no. alone, then its goods. That line was read as a barcode of the parcel
above ("条码 3515… 不属于任何商品", that parcel failing with this one's goods, a 问题件 opened) or, the file's first,
"前面没有包裹行". A line of an order's (or a waybill's) number alone, no product's code, now starts its parcel, its
courier and number the order's own; the parcel's own number scanned after its goods to close it stays a closing
scan."""

from __future__ import annotations

import datetime as dt

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import ship
from shopbook.schema import ORDERS, AfterSalesCase
from shopbook.shop import open_shop
from cli_run import type_in
from test_orders import lines_of
from test_ship_scan_csv_rescanned import A, B, BK_M, WH_M, two_orders


def _printed(tmp_path):
    shop = two_orders(tmp_path)
    type_in(shop.folder / "orders.xlsx", "订单", {(2, "快递公司"): "中通", (2, "快递单号"): "73100000000001",
                                                (3, "快递公司"): "中通", (3, "快递单号"): "73100000000002"})
    return shop


def test_order_numbers_alone_each_start_their_parcel(tmp_path):
    shop = _printed(tmp_path)
    scans = tmp_path / "scan.txt"
    # B's parcel closed by scanning its own waybill again after its goods
    scans.write_text(f"{A}\n{WH_M}\n{B}\n{BK_M}\n73100000000002\n", encoding="utf-8")
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert [c.problems for c in res.checks] == [[], []] and res.shipped == [A, B]
    assert {ln.order_no: (ln.status.value, ln.courier, ln.tracking_no) for ln in lines_of(shop)} == {
        A: ("已发货", "中通", "73100000000001"), B: ("已发货", "中通", "73100000000002")}
    assert read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase) == []


def test_a_waybill_number_alone_starts_its_parcel_and_the_order_no_closes_it(tmp_path):
    shop = _printed(tmp_path)
    scans = tmp_path / "scan.txt"
    scans.write_text(f"73100000000002\n{BK_M}\n{B}\n73100000000001\n{WH_M}\n", encoding="utf-8")
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert [c.problems for c in res.checks] == [[], []] and res.shipped == [B, A]
