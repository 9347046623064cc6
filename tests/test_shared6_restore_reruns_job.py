"""orders.xlsx damaged after `shopbook orders import` rewrote it: the advice put the newest backup in its place
and said what was typed since is lost, but the newest backup is the version from *before* that import (backup()
keeps the old version as a job replaces it), so the imported orders were lost without a word, and the person took
the shop for whole. It now says the last job that wrote the workbook (its command line, and when) must be run
again once the backup is in place; and the backup of a version shopbook wrote is still told from a person's."""

from __future__ import annotations

import os
import time
import zipfile

from cli_run import flat, shopbook
from test_concurrency import small_shop

from shopbook.io import files


def _damage(path) -> None:
    """A byte of a sheet's compressed data changed (a share's bad sector, a sync conflict), the file old."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = next(i for i in z.infolist() if i.filename.startswith("xl/worksheets/"))
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + 5] ^= 0xFF
    path.write_bytes(bytes(data))
    old = time.time() - 600
    os.utime(path, (old, old))


def test_damaged_orders_after_an_import_says_to_run_the_import_again(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    r = shopbook("orders", "import", folder, folder / "a.csv")
    assert r.returncode == 0, r.stdout + r.stderr
    kept = files.newest_backup(folder / "orders.xlsx")
    assert kept is not None
    _damage(folder / "orders.xlsx")
    r = shopbook("orders", "review", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said = flat(r.stderr)
    assert "请用最新的备份替换它" in said and kept.name in said, said
    assert flat(f"最后一次写入它的任务（shopbook orders import {folder} {folder / 'a.csv'}") in said, said
    assert "替换之后，请再运行一次这个任务" in said, said
    en = " ".join(r.stderr.split())
    assert f"the last shopbook job that wrote it (shopbook orders import {folder} {folder / 'a.csv'}," in en, en
    assert "once it is replaced, run that job again" in en, en


def test_a_job_known_to_no_record_is_still_said_as_a_job_to_run_again(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    files.backup(orders)  # (a shopbook before this one: its record names no job)
    _damage(orders)
    zh, en = files.restore_words(orders)
    assert "替换之后，请再运行一次那之后运行过的 shopbook 任务" in zh, zh
    assert "run again the shopbook jobs run since" in en, en


def test_shopbooks_own_version_still_told_from_a_persons_save(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    files.note_own_version(orders, files.file_hash(orders), "shopbook orders review shop")
    assert files.backup(orders).name.endswith(files.OWN_MARK + ".xlsx")
