"""An outbox file named by a shopbook before names carried their offset (20261206-091000-000000-…, in the PC's own
time) whose subject begins with digits and a dash (a shop named 2046小店, no subject prefix) had those digits read as
its offset (-20:46): a copy made at 09:10 was taken for one made the next day, and --retry sent the older of two
copies of a report, setting the newer aside. Such a name is read by the file's time, as any other older name."""

from __future__ import annotations

import os

from shopbook.report.sent_log import made_at, oldest_first


def test_an_older_name_whose_subject_begins_with_digits_is_read_by_its_files_time(tmp_path):
    old = tmp_path / "20261206-091000-000000-2046-小店-数据日报-2026-12-05.eml"
    new = tmp_path / "20261206-100000-000000+0800-2046-小店-数据日报-2026-12-05.eml"
    for p in (old, new):
        p.write_text("x", encoding="utf-8")
    at_0910 = new_made = made_at(new)  # 10:00 +08:00
    at_0910 -= 50 * 60
    os.utime(old, (at_0910, at_0910))
    assert made_at(old) == at_0910
    assert oldest_first([new, old]) == [old, new] and new_made > at_0910
    # a real offset of half an hour is still read from the name
    india = tmp_path / "20261206-073000-000000+0530-店-日报.eml"
    india.write_text("x", encoding="utf-8")
    assert made_at(india) == new_made
