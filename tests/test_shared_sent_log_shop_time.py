"""When an e-mail or a group message went (outbox/reports-sent.log, outbox/bots/pushed.log) is noted in the shop's
time, as a person reads every other time of the shop (backups, doctor, the outbox's names) and as every PC of a
shared folder reads it back. In the PC's own time, a cron server in UTC noted 01:05 for the office's 09:05 ("the
same message went to this group at 01:05 too"), and a --retry on a PC of another zone compared that with the
waiting copy's time by its own clock."""

from __future__ import annotations

import datetime as dt
import os
import time

from shopbook.io import files
from shopbook.report import sent_log

SHOP = dt.timezone(dt.timedelta(hours=14))  # a zone no PC running the tests keeps


def test_sent_and_pushed_are_noted_in_the_shops_time(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "shop_zone", SHOP)
    kept = tmp_path / "bots" / "20261206-090000-000000+1400-老板群.json"
    kept.parent.mkdir()
    kept.write_text("{}", encoding="utf-8")
    before = time.time()
    os.utime(kept, (before - 60, before - 60))  # kept a minute before it went
    log = tmp_path / "bots" / "pushed.log"
    sent_log.note(log, "老板群", "日报 2026-12-05", "d1")
    at = sent_log.when(log, "老板群", "日报 2026-12-05", "d1")
    said = {f"{dt.datetime.fromtimestamp(t, SHOP):%Y-%m-%d %H:%M}" for t in (before, time.time())}
    assert at in said, (at, said)  # the shop's hour, not this PC's
    assert sent_log.noted_since(log, kept, "老板群", "日报 2026-12-05", "d1") == at  # it went after it was kept
