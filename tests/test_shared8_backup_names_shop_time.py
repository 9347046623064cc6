"""Two PCs on one shared shop folder with no `[shop] timezone`: the office PC kept in China time, the till's zone
set wrong to UTC (its clock set by hand, so its own screen showed the right hour). The backups kept before each
rewrite were named by the share's clock read in each PC's own zone, so the till's were named 8 hours behind the
office's: for 8 hours after an office rewrite, a till's newer backup sorted before it, a damaged workbook's advice
named the office's older one as "the newest" (what the till's jobs wrote since lost by restoring it), and the
version's time it said was the till's zone's. Backups are now named, and their times said, in the shop's time
([shop] timezone, China time without one) on every PC; backups named before stay found."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from test_concurrency import small_shop

from shopbook.io import files
from shopbook.shop import keep_shop_time


@pytest.fixture
def pc_zone(monkeypatch):
    def to(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield to
    monkeypatch.undo()
    time.tzset()


def test_a_pc_in_the_wrong_zone_names_its_backups_as_the_office_does(tmp_path, pc_zone):
    folder = tmp_path / "店铺"
    small_shop(folder)  # (no [shop] timezone)
    orders = folder / "orders.xlsx"
    old = folder / files.BACKUP_DIR / "orders.20200101-090000-000000.xlsx"  # kept by an older shopbook
    old.write_bytes(orders.read_bytes())
    pc_zone("Asia/Shanghai")  # the office PC
    office = files.backup(orders)
    pc_zone("UTC")  # the till, a moment later
    orders.write_bytes(orders.read_bytes())  # (a save of the till's)
    till = files.backup(orders)
    assert files.newest_backup(orders) == till, (office.name, till.name)
    assert sorted([old, office, till]) == [old, office, till]
    # (said in China time, the backups' names', with its offset: the till's own clock says another hour)
    made = files.shop_clock(os.stat(till).st_mtime).strftime("%Y-%m-%d %H:%M") + " (UTC+08:00)"
    zh, en = files.restore_words(orders)
    assert till.name in zh and till.name in en, en
    assert f"（{made} 的版本）" in zh and f"(the version of {made})" in en, en
    assert files.shop_clock(0).utcoffset().total_seconds() == 8 * 3600
    pc_zone("Asia/Shanghai")  # the office PC says it as its clock does
    zh, en = files.restore_words(orders)
    assert f"（{made.split(' (')[0]} 的版本）" in zh, zh


def test_a_shop_with_its_own_zone_names_them_in_it(tmp_path, pc_zone):
    folder = tmp_path / "shop"
    small_shop(folder)
    pc_zone("Asia/Shanghai")
    try:
        keep_shop_time("Europe/London")  # [shop] timezone = "Europe/London" (on a PC in China time)
        kept = files.backup(folder / "orders.xlsx")
        stamp = files.shop_clock(os.stat(kept).st_ctime).strftime("%Y%m%d-%H%M")
        assert files.shop_clock(1767225600).utcoffset().total_seconds() == 0  # (London on 2026-01-01: GMT)
    finally:
        keep_shop_time("")
    assert kept.name.startswith(f"orders.{stamp}"), (kept.name, stamp)
    china = dt.datetime.fromtimestamp(os.stat(kept).st_ctime, files.CHINA_TIME).strftime("%Y%m%d-%H%M")
    assert not kept.name.startswith(f"orders.{china}"), kept.name
