"""QA (returns): a scanner app's export with a remark column (备注) where the warehouse noted 共2件 beside a parcel's
code, or a line of code, time and remark with no header: the whole line was dropped as a totals line, the parcel's
code with it, silently (that return never received, nothing said). A totals line is judged by its code field; a
code beside a remark is a code (and a remark that reads like a total is none). A code of letters and a number,
SUM123456789 under a Code header, is no totals label either."""

from __future__ import annotations

import pytest

from shopbook.aftersales.workflow import codes_scanned


@pytest.mark.parametrize("text, codes", [
    ("单号,扫描时间,备注\r\nYT7000000001,2026-12-06 10:01,共2件\r\nTH-1,2026-12-06 10:02,\r\n合计,,\r\n",
     ["YT7000000001", "TH-1"]),
    ("1,YT7000000001,2026-12-06 10:01,共2件\r\n2,TH-1,2026-12-06 10:02\r\n共 2 条\r\n", ["YT7000000001", "TH-1"]),
    ("序号,单号,备注\r\n1,YT7000000001,合计：2件\r\n合计,1,\r\n", ["YT7000000001"]),
    ("Code\r\nSUM123456789\r\nTotal: 1\r\n", ["SUM123456789"]),
])
def test_a_code_beside_a_totals_word_is_kept(tmp_path, text, codes):
    f = tmp_path / "scan.csv"
    f.write_text(text, encoding="utf-8")
    assert codes_scanned(f) == codes
