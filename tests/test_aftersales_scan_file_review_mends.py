"""Review of the scan file's reading (as59): (1) a code typed with spaces, YT3234 5678 90, was cut to YT3234 (its
groups of digits taken for row numbers) and never received; (2) a first line holding a code beside its day, TH-1
12月6日 10:01, was set aside as a title, the box ✓; (3) a scan's line with its code cell blank (the scanner read
nothing: a parcel in hand not received) left the box quiet; (4) a title with its day over 共 0 条 was read as a code."""

from __future__ import annotations

import pytest
from test_aftersales_receive_two_parcels_one_case import TODAY, _shop
from xlfake import FakeBook

from shopbook import xl
from shopbook.aftersales.workflow import aftersales, codes_scanned, scan_file
from shopbook.issues import ShopbookError
from shopbook.schema import ORDERS


@pytest.mark.parametrize("text, codes", [
    ("YT3234 5678 90\r\n", ["YT3234 5678 90"]),
    ("单号,时间\r\nSF1406 6549 0512,10:01\r\n", ["SF1406 6549 0512"]),
    ("3900000000000000 03\r\n", ["3900000000000000 03"]),
    ("1 YT7000000001 2026-12-06 10:01:02\r\n", ["YT7000000001"]),  # (the line's number first: still taken off)
    ("TH-1 12月6日 10:01\r\nTH-2 12月6日 10:02\r\n", ["TH-1", "TH-2"]),
    ("1 DL001-1101 12月6日 10:01\r\n2 TH-2 12月6日 10:02\r\n", ["DL001-1101", "TH-2"]),
])
def test_codes_kept_whole(tmp_path, text, codes):
    f = tmp_path / "退货扫描.txt"
    f.write_text(text, encoding="utf-8")
    assert codes_scanned(f) == codes


def test_a_spaced_code_is_received(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "退货扫描.txt"
    f.write_text("YT3234 5678 90\r\n", encoding="gb18030")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.unknown == [] and res.received and not res.needs_a_person(receiving=True), res.received


def test_a_scan_that_read_nothing_makes_the_box_loud(tmp_path):
    shop = _shop(tmp_path / "shop")
    f = tmp_path / "退货扫描.csv"
    f.write_text("序号,单号,时间\r\n1,,10:01\r\n2,YT3234567890,10:02\r\n", encoding="utf-8")
    assert [(n, why) for n, _, why in scan_file(f).aside] == [(2, "unscanned")]
    quiet = tmp_path / "numbered.csv"  # (a sheet numbered ahead: its unused rows hold their 序号 alone, no scan)
    quiet.write_text("序号,单号,时间\r\n1,YT3234567890,10:02\r\n2,,\r\n3,,\r\n", encoding="utf-8")
    assert [why for *_, why in scan_file(quiet).aside] == ["blank", "blank"]
    book = FakeBook(shop.path(ORDERS))
    xl.aftersales_receive(str(f), book)
    alert = book.app.alerts[-1]
    assert "! 扫描文件里 1 行不是单号" in alert["prompt"] and "请重新扫描" in alert["prompt"], alert
    assert alert["mode"] == "critical", alert


def test_a_title_over_an_empty_batch_is_no_code(tmp_path):
    f = tmp_path / "退货扫描.csv"
    f.write_text("12月6日退货扫描\r\n共 0 条\r\n", encoding="utf-8")
    with pytest.raises(ShopbookError) as e:  # (a file of no code: refused, naming it)
        codes_scanned(f)
    assert "扫描文件的 2 行里没有一个单号" in e.value.zh and str(e.value.path).endswith("退货扫描.csv"), e.value.zh
