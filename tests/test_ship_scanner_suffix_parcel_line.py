"""QA (warehouse, 双11): a scanner set to add a suffix (or prefix) to every scan puts it on the parcel line's order
or tracking no. too: "✗ 3515…#：找不到订单或快递单号 3515…#", nothing said of the scanner, every parcel of the morning
failing alike and the packer left to guess. It now says what is extra, whose number is inside, and to turn it off
on the scanner, as a barcode so framed is said; the number is never taken off by guess (nothing ships)."""

from __future__ import annotations

import datetime as dt

from shopbook.orders.workflow import ship
from shopbook.shop import open_shop
from test_ship_scan_csv_rescanned import A, B, BK_M, WH_M, two_orders


def test_a_suffix_on_the_parcel_line_is_said_as_the_scanner_s(tmp_path):
    shop = two_orders(tmp_path)
    scans = tmp_path / "scan.txt"
    scans.write_bytes(f"{A}#,中通,73100000000001#\r\n{WH_M}#\r\n]E0{B},中通,73100000000002\r\n{BK_M}\r\n"
                      f"3515999999999999#,中通,73100000000003\r\n{WH_M}\r\n{A}7,中通,73100000000004\r\n{WH_M}\r\n"
                      .encode())
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert res.shipped == []
    assert [c.problems[0] for c in res.checks] == [
        (f"找不到订单或快递单号 {A}#：去掉多出的 “#” 是订单 {A}，扫描枪加了前缀或后缀。请在扫描枪的设置里关掉前缀/后缀，再扫这个包裹",
         f"no order or tracking no. {A}#: without the extra '#' it is order {A}; the scanner adds a prefix or "
         "suffix. Turn it off in the scanner's settings, then scan this parcel again"),
        (f"找不到订单或快递单号 ]E0{B}：去掉多出的 “]E0” 是订单 {B}，扫描枪加了前缀或后缀。请在扫描枪的设置里关掉前缀/后缀，再扫这个包裹",
         f"no order or tracking no. ]E0{B}: without the extra ']E0' it is order {B}; the scanner adds a prefix or "
         "suffix. Turn it off in the scanner's settings, then scan this parcel again"),
        # a number that is no order's, whatever is taken off, and one typed a digit long: said as before
        ("找不到订单或快递单号 3515999999999999#", "no order or tracking no. 3515999999999999#"),
        (f"找不到订单或快递单号 {A}7", f"no order or tracking no. {A}7")]


def test_a_tracking_no_scanned_first_with_a_suffix_names_its_order(tmp_path):
    shop = two_orders(tmp_path)
    first = tmp_path / "first.txt"  # the waybill printed and its number typed on the order: then scanned framed
    first.write_text(f"{A},中通,73100000000001\n{WH_M}\n", encoding="utf-8")
    assert ship(open_shop(shop.folder), first, today=dt.date(2026, 11, 22)).shipped == [A]
    again = tmp_path / "again.txt"
    again.write_text(f"73100000000001#,中通,73100000000001\n{WH_M}\n", encoding="utf-8")
    (chk,) = ship(open_shop(shop.folder), again, today=dt.date(2026, 11, 22)).checks
    assert chk.problems[0][0] == (f"找不到订单或快递单号 73100000000001#：去掉多出的 “#” 是订单 {A} 的快递单号 "
                                  "73100000000001，扫描枪加了前缀或后缀。请在扫描枪的设置里关掉前缀/后缀，再扫这个包裹")
