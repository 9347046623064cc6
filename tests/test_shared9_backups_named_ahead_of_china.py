"""A shop PC in Japan (UTC+9, an hour ahead of China) that ran a shopbook before backups were named in the shop's
time: its old backups were named in the PC's zone, an hour after the backups it names now (China time). The
damaged workbook's advice named an old backup "the newest" for an hour after each upgrade's rewrite, and the next
rewrites pushed out the backups just made, not the oldest. Backups are ordered by when each was made."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from test_concurrency import small_shop

from shopbook.io import files


@pytest.fixture
def pc_zone(monkeypatch):
    def to(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield to
    monkeypatch.undo()
    time.tzset()


def _as_an_older_shopbook_named_it(kept):
    """The name a shopbook before 55 gave this backup: its made time in the PC's own zone."""
    stamp = dt.datetime.fromtimestamp(os.stat(kept).st_ctime).strftime("%Y%m%d-%H%M%S-%f")
    old = kept.with_name(f"orders.{stamp}.xlsx")
    os.replace(kept, old)
    return old


def test_the_newest_backup_is_the_one_made_last_whatever_zone_named_it(tmp_path, pc_zone, monkeypatch):
    folder = tmp_path / "店铺"
    small_shop(folder)  # (no [shop] timezone)
    orders = folder / "orders.xlsx"
    pc_zone("Asia/Tokyo")
    monkeypatch.setattr(files, "BACKUPS_KEPT", 3)
    before = [_as_an_older_shopbook_named_it(files.backup(orders)) for _ in range(3)]  # (the older shopbook's)
    assert all(p.exists() for p in before)
    time.sleep(0.02)
    first = files.backup(orders)  # after the upgrade: named an hour before the older ones
    assert first.name < before[0].name, (first.name, before[0].name)  # (by the string, the oldest)
    assert files.newest_backup(orders) == first
    zh, en = files.restore_words(orders)
    assert first.name in zh and first.name in en, en
    second = files.backup(orders)
    assert files.newest_backup(orders) == second
    assert first.exists() and second.exists(), "a backup just made was pushed out in place of the oldest"
    assert not before[0].exists() and not before[1].exists() and before[2].exists()


def test_a_backup_folder_copied_to_a_new_pc_keeps_its_order_by_name(tmp_path, pc_zone):
    """Copied (a new PC, back from a backup drive), every backup's made time is the copy's: each is read by its
    name, whatever quarter hour the copy fell on."""
    folder = tmp_path / "店铺"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    pc_zone("Asia/Shanghai")
    kept = files.backup(orders)
    made = os.stat(kept).st_ctime
    named = []
    for minutes in (-45, -30, -15, -7):  # made before the copy: named 45, 30, 15 and 7 minutes before it
        at = dt.datetime.fromtimestamp(made + minutes * 60, files.CHINA_TIME).strftime("%Y%m%d-%H%M%S-%f")
        p = kept.with_name(f"orders.{at}.xlsx")
        p.write_bytes(orders.read_bytes())
        named.append(p)
    kept.unlink()
    assert files.newest_backup(orders) == named[-1]
    assert files._backups_of(orders) == named
