"""A scan file the scanner adds to all day, checked again in the afternoon: its first line said "73 个包裹没有
通过（见下）", and below it came the morning's parcels, one "已发过" line each, until the screen's cut; the
afternoon's failures, what the packer must put right, were past it. The failures come first, the parcels
shipped before after them. Real scan files, the scan check run in-process twice."""

from __future__ import annotations

import datetime as dt

from test_ship_scan_csv_rescanned import WH_M, A, B, two_orders

from shopbook.orders.workflow import ship
from shopbook.shop import open_shop


def test_a_parcel_that_failed_is_said_before_those_shipped_already(tmp_path):
    shop = two_orders(tmp_path)
    scans = tmp_path / "scan.txt"
    morning = f"{A},中通,73100000000001\n{WH_M}\n"
    scans.write_text(morning, encoding="utf-8")
    assert ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22)).shipped == [A]
    scans.write_text(morning + f"{B},中通,73100000000002\n{WH_M}\n", encoding="utf-8")  # B packed with A's shirt
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    said = [zh for _, zh, _ in res.said(1, scans)]  # a screen of one parcel line
    assert said[0] == "发货：0，出库：0 件；1 个包裹没有通过（见下）"
    assert said[1] == f"{B}：颜色/尺码不对：应为 SH-BK-M，扫到 SH-WH-M", said
    assert said[2].startswith("  … 还有 1 行"), said
