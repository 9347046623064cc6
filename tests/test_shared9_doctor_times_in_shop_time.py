"""A shop on a folder a cron server in UTC runs `daily` on, no [shop] timezone: its backups are named in the shop's
time (China time), but doctor said the dead job's lock as "2026-12-06 00:59:54 +0000" (the server's clock) and
an open workbook's mark and a sync service's copy by this PC's zone, 8 hours off the backups beside them: a person comparing them (was the
backup made after the job died?) was misled. Every time doctor says is in the shop's time, its offset said
where this PC's clock says another hour; on a PC in China time, as the PC says it."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from cli_run import flat, shopbook
from test_concurrency import small_shop

from shopbook.io import lock

T = dt.datetime(2026, 12, 6, 0, 59, 54, tzinfo=dt.timezone.utc).timestamp()  # 08:59 in China


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cron") / "店铺"
    small_shop(folder)  # (no [shop] timezone)
    (folder / lock.LOCK_NAME).write_text(json.dumps(  # the cron job's, dead (pid 1 is never shopbook's)
        {"host": lock.host_name(), "user": "cron", "pid": 2 ** 22 + 7, "command": "shopbook daily /srv/店铺",
         "since": "2026-12-06 00:59:54 +0000", "token": "t", "boot": lock.boot_id()}), encoding="utf-8")
    mark = folder / "~$orders.xlsx"  # Excel's mark of an open orders.xlsx, left 08:59 China time
    mark.write_bytes(b"\x03amy" + b" " * 51 + b"\x00" * 110)
    os.utime(mark, (T, T))
    os.utime(folder / lock.LOCK_NAME, (T, T))
    copy = folder / "orders-DESKTOP-AB12CD.xlsx"  # OneDrive's copy of orders.xlsx, saved 08:59 China time
    copy.write_bytes((folder / "orders.xlsx").read_bytes())
    os.utime(copy, (T, T))
    return folder


def test_doctor_on_a_pc_in_utc_says_them_in_china_time(folder, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    said = flat(shopbook("doctor", folder).stdout)
    assert flat("shopbook daily /srv/店铺, 2026-12-06 08:59 (UTC+08:00)") in said, said
    assert flat("自 2026-12-06 08:59 (UTC+08:00)") in said, said
    assert flat("最后保存于 2026-12-06 08:59 (UTC+08:00)") in said, said
    assert "+0000" not in said and "00:59" not in said, said


def test_a_pc_in_china_time_says_them_as_its_clock(folder, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    said = flat(shopbook("doctor", folder).stdout)
    assert flat("自 2026-12-06 08:59，") in said and flat("最后保存于 2026-12-06 08:59）") in said, said
    assert "UTC+08:00" not in said, said
