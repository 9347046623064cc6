"""The cron server's `daily` (in UTC, no [shop] timezone) was killed as it put its pick list in place, and a
person saved orders.xlsx before the next run: the job's version of it was kept beside it as
orders.shopbook-unfinished-<the job's start>, named by the server's clock, 8 hours before the backup that very
job kept of orders.xlsx (named in the shop's time): the person comparing them took the job's version for the
older. It is named in the shop's time, as the backups."""

from __future__ import annotations

import datetime as dt

import openpyxl

from cli_run import shopbook
from test_concurrency import small_shop

from shopbook.io import files, journal


def _at(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp[:15], "%Y%m%d-%H%M%S")


def test_the_kept_version_is_named_as_the_backups(tmp_path, monkeypatch):
    folder = tmp_path / "店铺"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("SHOPBOOK_CRASH_AT", "journal")
    assert shopbook("daily", folder).returncode == 86
    monkeypatch.delenv("SHOPBOOK_CRASH_AT")
    kept = files.newest_backup(orders)  # the job's, of orders.xlsx before it
    wb = openpyxl.load_workbook(orders)
    wb.active["A1"].value = wb.active["A1"].value  # a save in Excel: another version
    wb.save(orders)
    up = shopbook("doctor", folder)
    assert up.returncode == 1, up.stdout + up.stderr
    version = next(folder.glob(f"orders{journal.KEPT_MARK}*.xlsx"))
    job = _at(version.name.split(journal.KEPT_MARK)[1])
    backup = _at(kept.name.split(".")[1])
    assert abs(job - backup) < dt.timedelta(minutes=2), (version.name, kept.name)
