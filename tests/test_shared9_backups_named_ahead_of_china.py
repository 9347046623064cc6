"""A shop PC in Japan (UTC+9, an hour ahead of China) that ran a shopbook before backups were named in the shop's
time: its old backups were named in the PC's zone, an hour after the backups it names now (China time). The
damaged workbook's advice named an old backup "the newest" for an hour after each upgrade's rewrite, and the next
rewrites pushed out the backups just made, not the oldest. Backups are ordered by when each was made."""

from __future__ import annotations

import datetime as dt
import os
import time


from test_concurrency import small_shop
from test_shared8_backup_names_shop_time import pc_zone  # noqa: F401 - the PC's zone, as a fixture

from shopbook.io import files




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


def test_a_share_whose_ctime_is_the_mtime_keeps_the_names_order(tmp_path, monkeypatch):
    """From the review: exFAT (Linux) and a Samba share without birth times give a file's mtime as its ctime, and copy2
    sets a backup's mtime to the workbook's last save. An hourly job's backup of 11:00:12 (its workbook written at
    10:00:35) looked an hour ahead of its 'made' time and was read as 10:00:12, before the one of 10:00:20: the
    restore advice named the older one. A ctime that is the mtime is no made time: the names tell."""
    folder = tmp_path / "shop"
    bk = folder / files.BACKUP_DIR
    bk.mkdir(parents=True)
    t0 = dt.datetime(2026, 12, 6, 9, 37, tzinfo=files.CHINA_TIME).timestamp()

    def kept(named: float, saved: float, own: str = "") -> os.PathLike:
        p = bk / f"orders.{files.shop_clock(named):%Y%m%d-%H%M%S-%f}{own}.xlsx"
        p.write_bytes(b"x")
        os.utime(p, (saved, saved))
        return p

    kept(t0 + 23 * 60 + 20, t0)  # 10:00:20, the person's 09:37 save
    b = kept(t0 + 83 * 60 + 12, t0 + 23 * 60 + 35, files.OWN_MARK)  # 11:00:12, shopbook's 10:00:35 write
    real = os.stat

    class CtimeIsMtime:
        def __init__(self, st):
            self._st = st

        def __getattr__(self, name):
            return getattr(self._st, name)

        @property
        def st_ctime(self):
            return self._st.st_mtime

    monkeypatch.setattr(files.os, "stat", lambda p, *a, **k: CtimeIsMtime(real(p, *a, **k)) if files.BACKUP_DIR in str(p)
                        else real(p, *a, **k))
    assert files.newest_backup(folder / "orders.xlsx") == b
