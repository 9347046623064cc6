"""抖店 ships an order's sub-orders in parcels of their own, each sub-order's line with its own
快递单号: every parcel is the order's (kept as `A/B`, as a waybill tool's second parcel is), so the
courier's bill finds each of them, whichever saw the order ship first."""

from __future__ import annotations

import pytest

from platform_fixtures import douyin_row, write_douyin
from shopbook.orders.workflow import import_orders, make_picklist, review, ship
from test_order_life import moves_of
from test_orders import TODAY, build_shop, lines_of, scan_text

NO, S1, S2 = "6930000000000000981", "6930000000000000991", "6930000000000000992"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def two_parcels(tmp_path, word: str = "已发货", encoding: str = "utf-8-sig"):
    return write_douyin(tmp_path / "y2", [
        douyin_row(NO, S1, "SH-WH-M", status=word, tracking="YT1000000001", courier="圆通快递",
                   shipped="2026/11/22 10:00:00"),
        douyin_row(NO, S2, "SH-BK-M", status=word, tracking="YT1000000002", courier="圆通快递",
                   shipped="2026/11/22 15:00:00")], encoding=encoding, stamp=1763780400)


def test_sub_orders_shipped_in_two_parcels_keep_both_numbers(shop, tmp_path):
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])])
    y2 = two_parcels(tmp_path, encoding="gb18030")
    import_orders(shop, [y2], today=TODAY)
    lines = lines_of(shop)
    assert {ln.tracking_no for ln in lines} == {"YT1000000001/YT1000000002"}
    assert {ln.courier for ln in lines} == {"圆通快递"}
    assert sorted(m[1] for m in moves_of(shop)) == ["SH-BK-M", "SH-WH-M"]
    assert import_orders(shop, [y2], today=TODAY).changes == []  # the same export again changes nothing


def test_an_order_scanned_out_gets_the_platforms_second_parcel_added(shop, tmp_path):
    """Packed and scanned with the first parcel's number; the export then shows both: both kept
    (before, the first was replaced by the second alone)."""
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])])
    review(shop)
    make_picklist(shop, today=TODAY)
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(((NO, "圆通快递", "YT1000000001"), ("0690000000017", "0690000000031"))), "utf-8")
    assert ship(shop, scans, today=TODAY).shipped == [NO]
    import_orders(shop, [two_parcels(tmp_path)], today=TODAY)
    assert {ln.tracking_no for ln in lines_of(shop)} == {"YT1000000001/YT1000000002"}
    assert len(moves_of(shop)) == 2  # posted once, by the scan
