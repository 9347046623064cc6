"""QA (returns): a scanner app heads the time column with its zone (扫描时间(UTC+8), Scan Time (UTC+8)) or numbers a
head (序号1). The header was then read as a line of codes, as any first line with a digit was: its words, each line's
row number and time said as parcels with no case (找不到售后单：序号、单号、扫描时间(UTC+8)、1、2026-12-06 10:01 …). A
digit only in a head's note, beside a head naming the code column, is a header's; a first line of codes stays codes."""

from __future__ import annotations

import pytest
from test_aftersales_receive_two_parcels_one_case import TODAY, _shop

from shopbook.aftersales.workflow import aftersales, codes_scanned

CODES = ["YT7000000001", "TH-1"]


@pytest.mark.parametrize("text", [
    "序号,单号,扫描时间(UTC+8)\r\n1,YT7000000001,2026-12-06 10:01\r\n2,TH-1,2026-12-06 10:02\r\n",
    "序号1,运单号,时间\r\n1,YT7000000001,2026-12-06 10:01\r\n2,TH-1,2026-12-06 10:02\r\n",
    "No.,Tracking Number,Scan Time (UTC+8)\r\n1,YT7000000001,12/6/2026 10:01 AM\r\n2,TH-1,12/6/2026 10:02 AM\r\n",
    "退货扫描记录\r\n序号，单号，扫描时间（UTC+8）\r\n１，YT7000000001，2026-12-06 10:01\r\n2,TH-1,2026-12-06 10:02\r\n",
])
def test_a_header_with_a_digit_in_a_head_s_note_is_the_header(tmp_path, text):
    f = tmp_path / "退货扫描.csv"
    f.write_text(text, encoding="utf-8-sig")
    assert codes_scanned(f) == CODES


@pytest.mark.parametrize("text", ["YT7000000001,10:01\r\nTH-1,10:02\r\n", "CODE12,10:01\r\nTH-1,10:02\r\n",
                                  "YT7000000001\r\nTH-1\r\n"])
def test_a_first_line_of_codes_stays_codes(tmp_path, text):
    f = tmp_path / "退货扫描.csv"
    f.write_text(text, encoding="utf-8")
    assert codes_scanned(f) == [text.split(",")[0].split("\r")[0], "TH-1"]


def test_such_a_file_receives_its_parcels_and_no_other_code(tmp_path):
    shop = _shop(tmp_path / "shop", "en")
    f = tmp_path / "returns.csv"
    f.write_text("No.,Tracking Number,Scan Time (UTC+8)\r\n1,YT3234567890,12/6/2026 10:01 AM\r\n", encoding="utf-8")
    res = aftersales(shop, TODAY, received=codes_scanned(f))
    assert res.received == ["YT3234567890"] and res.unknown == [] and not res.needs_a_person(receiving=True)


def test_a_code_beside_a_remark_naming_a_code_is_no_header(tmp_path):
    # YT-12 less its 12 is no head's name: the line is a code and its remark, not a header of 单号错
    f = tmp_path / "退货扫描.csv"
    f.write_text("YT-12,单号错\r\nTH-1,破损\r\n", encoding="utf-8")
    assert codes_scanned(f) == ["YT-12", "单号错", "TH-1", "破损"]
