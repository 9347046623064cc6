"""A scanner set to add something to every scan. Framed in control characters (STX … ETX, which print as
nothing) the very barcode on the product failed "条码 0690000000017 不属于任何商品" and a 问题件 opened; they are no
part of a code and the parcel ships. A printable prefix or suffix (]E0, the AIM symbology id, before each
EAN-13) is not taken off by guess: the parcel fails, saying what is extra and whose code is inside, and to
turn it off on the scanner. Real scan files, the scan check in-process."""

from __future__ import annotations

import datetime as dt

from test_ship_scan_csv_rescanned import BK_M, WH_M, A, B, two_orders

from shopbook.orders.workflow import ship
from shopbook.shop import open_shop


def test_a_scanners_framing_is_read_through_and_a_prefix_said(tmp_path):
    shop = two_orders(tmp_path)
    scans = tmp_path / "scan.txt"
    scans.write_bytes(f"{A},中通,73100000000001\r\n\x02{WH_M}\x03\r\n\r\n{B},中通,73100000000002\r\n]E0{BK_M}\r\n"
                      .encode())
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert res.shipped == [A]
    assert [zh for zh, _ in res.checks[1].problems] == [
        (f"条码 ]E0{BK_M} 不属于任何商品：去掉多出的 “]E0” 是商品 SH-BK-M 的 {BK_M}，扫描枪加了前缀或后缀。"
         "请在扫描枪的设置里关掉前缀/后缀，再扫这个包裹"),
        "少了 SH-BK-M：应 1 件，扫到 0 件"]
