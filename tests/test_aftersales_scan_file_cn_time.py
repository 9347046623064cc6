"""QA (returns): a phone scanner app's file with no header, its time as a Chinese phone writes it (2026年12月06日
10:01:02), day first with dashes (06-12-2026 10:01), or as an app's ISO time with its zone (2026-12-06T10:01:02+08:00):
the time was one more code scanned, "找不到售后单：2026年12月06日 10:01:02", ✗ and exit 1 on a good file. Set aside as the
other shapes of a time are; the codes beside them, and codes of digits alone, stay codes."""

from __future__ import annotations

from shopbook.aftersales.workflow import codes_scanned


def test_a_chinese_or_iso_time_beside_the_code_is_no_code(tmp_path):
    f = tmp_path / "退货扫描.csv"
    f.write_text("1,YT7000000001,2026年12月06日 10:01:02\r\n2,773012345678,2026年12月6日10:02\r\n"
                 "3,SF1234567890123,06-12-2026 10:03\r\n4,TH-1,2026-12-06T10:04:05+08:00\r\n"
                 "5,SH20261118-21,2026-12-06 02:05:06Z\r\n6,JDVA00123456789,10时06分07秒\r\n", encoding="utf-8")
    assert codes_scanned(f) == ["YT7000000001", "773012345678", "SF1234567890123", "TH-1", "SH20261118-21",
                                "JDVA00123456789"]


def test_a_title_over_an_export_with_no_header_is_no_header(tmp_path):
    # the title was taken for a header of one column: each line's row number read as its code, "1", "2"
    f = tmp_path / "退货扫描.csv"
    f.write_text("退货扫描记录\r\n1,YT7000000001,2026-12-06 10:01\r\n2,773012345678,2026-12-06 10:02\r\n",
                 encoding="utf-8")
    assert codes_scanned(f) == ["YT7000000001", "773012345678"]


def test_a_one_word_header_over_codes_alone_is_still_the_header(tmp_path):
    f = tmp_path / "退货扫描.csv"
    f.write_text("单号\r\nYT7000000001\r\n773012345678\r\n", encoding="utf-8")
    assert codes_scanned(f) == ["YT7000000001", "773012345678"]


def test_a_one_word_header_naming_the_code_column_over_a_remark_column_is_the_header(tmp_path):
    # the title rule took 单号 for a title: each field a code, '破损' said as a parcel with no case
    f = tmp_path / "退货扫描.csv"
    f.write_text("单号\r\nYT7000000001,破损\r\n773012345678,张三\r\n", encoding="utf-8")
    assert codes_scanned(f) == ["YT7000000001", "773012345678"]


def test_a_code_of_a_days_shape_that_is_no_day_stays_a_code(tmp_path):
    f = tmp_path / "退货扫描.csv"
    f.write_text("1,12-34-2026,2026-12-06 10:01\r\n2,12-06-0001,06-12-2026 10:02\r\n", encoding="utf-8")
    assert codes_scanned(f) == ["12-34-2026", "12-06-0001"]
