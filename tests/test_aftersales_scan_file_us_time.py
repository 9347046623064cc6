"""QA (returns, English shop): a phone scanner app's file with no header writes each line as row number, code, time
as the phone's region writes it: "1,YT7000000001,12/06/2026 10:01 AM", or 6.12.2026 10:01 (Europe), 2026/12/6 下午
3:01:02. The time was taken for a second code scanned: "no case for: 12/06/2026 10:01 AM … nothing received", ✗ and
exit 1 on every good file. A day and time in those shapes are set aside, as 2026-12-06 10:01:02 was."""

from __future__ import annotations

from shopbook.aftersales.workflow import codes_scanned


def test_a_time_beside_the_code_is_no_code(tmp_path):
    f = tmp_path / "returns.csv"
    f.write_text("1,YT7000000001,12/06/2026 10:01 AM\r\n2,SF1234567890123,12/6/2026 1:02:03 PM\r\n"
                 "3,TH-1,6.12.2026 10:01\r\n4,3515131473025175746,2026/12/6 下午 3:01:02\r\n"
                 '5,SH20261118-21,"12/06/2026, 10:05 AM"\r\n', encoding="utf-8")
    assert codes_scanned(f) == ["YT7000000001", "SF1234567890123", "TH-1", "3515131473025175746", "SH20261118-21"]
