"""A parcel's line in the scan file with what a scanner app or the bench's scale writes after the waybill (its
weight, the scan's time) is the parcel, packed right: those fields are no barcodes (before: '条码 1.25kg 不属于任何
商品', the parcel failed and a 问题件 opened); a barcode after the waybill on that line still counts (44db4dd2)."""

from __future__ import annotations

import datetime as dt

import pytest

from shopbook.orders.workflow import ship
from shopbook.shop import open_shop
from test_review_merge_written_otherwise import BK_M, reviewed


@pytest.mark.parametrize("extra", ["1.25kg", "1.25", "800g", "2026-11-22 17:00:00"])
def test_a_weight_or_time_after_the_waybill_is_no_barcode(tmp_path, extra):
    shop, _ = reviewed(tmp_path, {"M1": ("王芳", "浙江省 杭州市 西湖区 文三路100号")})
    scans = tmp_path / "scan.txt"
    scans.write_text(f"M1,中通,73100000000001,{extra}\n{BK_M}\n", encoding="utf-8")
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert [(c.order_no, c.ok) for c in res.checks] == [("M1", True)], [(c.order_no, c.problems) for c in res.checks]


def test_the_barcode_on_the_parcels_line_still_counts(tmp_path):
    shop, _ = reviewed(tmp_path, {"M1": ("王芳", "浙江省 杭州市 西湖区 文三路100号")})
    scans = tmp_path / "scan.txt"
    scans.write_text(f"M1,中通,73100000000001,1.25kg,{BK_M}\n", encoding="utf-8")
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert [(c.order_no, c.ok) for c in res.checks] == [("M1", True)], [(c.order_no, c.problems) for c in res.checks]
