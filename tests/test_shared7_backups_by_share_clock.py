"""Two PCs on one shared shop folder, the till's clock a day behind the file server's (a wrong date after a
flat CMOS battery, or a time zone set wrong): the backups it kept before each rewrite were named by its own clock,
so they sorted before the office PC's of the day before. A damaged workbook's advice named the office PC's older
backup as "the newest" (the till's versions since, lost by restoring it), and each backup the till kept pushed out
its own previous one as the oldest of the twenty kept. Backups are now named by the time the share gives the file
as it is made, whatever the PC's clock says."""

from __future__ import annotations

import datetime as dt
import types

from test_concurrency import small_shop

from shopbook.io import files


def _pc_clock(monkeypatch, by: dt.timedelta) -> None:
    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.now(tz) + by

    monkeypatch.setattr(files, "dt", types.SimpleNamespace(datetime=Clock, date=dt.date, timedelta=dt.timedelta,
                                                           timezone=dt.timezone))


def test_the_backups_of_a_pc_a_day_behind_sort_as_they_were_made(tmp_path, monkeypatch):
    folder = tmp_path / "店铺"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    for _ in range(files.BACKUPS_KEPT):  # the office PC, its clock right: twenty rewrites' backups
        files.backup(orders)
    _pc_clock(monkeypatch, dt.timedelta(days=-1))  # the till
    orders.write_bytes(orders.read_bytes())  # (a save of the till's)
    first = files.backup(orders)
    orders.write_bytes(orders.read_bytes() + b"")
    second = files.backup(orders)
    assert first.exists(), "the till's backup was pushed out as the oldest by its next one"
    assert files.newest_backup(orders) == second
    zh, en = files.restore_words(orders)
    assert second.name in en and second.name in zh, en
    kept = sorted(p for p in (folder / files.BACKUP_DIR).glob("orders.*.xlsx"))
    assert len(kept) == files.BACKUPS_KEPT and kept[-2:] == [first, second]


def test_two_backups_in_one_moment_are_two(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    real = files.os.stat

    def whole_seconds(p, *a, **k):  # a file system that keeps whole seconds (FAT on a USB disk)
        st = real(p, *a, **k)
        if ".shopbook-tmp" in str(p):
            return files.os.stat_result(tuple(st)[:7] + (int(st.st_atime), int(st.st_mtime), int(st.st_ctime)))
        return st

    monkeypatch.setattr(files.os, "stat", whole_seconds)
    made = [files.backup(orders) for _ in range(3)]
    monkeypatch.setattr(files.os, "stat", real)
    assert len(set(made)) == 3 and all(p.exists() for p in made) and sorted(made) == made
