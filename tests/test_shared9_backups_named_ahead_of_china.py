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
