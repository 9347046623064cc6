"""The previous version of a rewritten workbook is kept in .shopbook-backup/, whole, on a
shared folder whatever happens there: a disk that fills up while the backup is copied, and
other PCs (with their own clocks) keeping backups in the same folder. Real .xlsx files
written and read back."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from cli_run import SRC, flat, shopbook
from shopbook.io import files
from shopbook.io.sheet_edit import edit_workbook
from shopbook.io.xlsx_patch import NewSheet
from shopbook.schema import STOCK, Product
from shopbook.workbook_builder import write_workbook


def stock_book(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "stock.xlsx"
    write_workbook(path, STOCK, "zh", {Product: [Product(sku=f"A{i:03}", name=f"T恤 {i}", cost=Decimal(10),
                                                         price=Decimal(39)) for i in range(300)]},
                   keep_backup=False)
    return path


def backups(path: Path) -> list[Path]:
    return sorted((path.parent / files.BACKUP_DIR).glob(f"{path.stem}.*{path.suffix}"))


@contextlib.contextmanager
def file_size_limit(n: int):
    """No file written past `n` bytes (EFBIG, as a full disk's ENOSPC: the write stops part-way)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    was = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (n, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, was)


def test_a_backup_cut_short_by_a_full_disk_is_not_left_as_the_newest_backup(tmp_path):
    """QA: the disk filled up while the backup was copied: the job stopped with nothing
    replaced, but the copy, cut short, stayed in .shopbook-backup/ under a backup's name, where
    a damaged workbook's advice then named it as the newest backup to restore."""
    path = stock_book(tmp_path / "shop")
    edit_workbook(path, own_sheets=[NewSheet("库存汇总", [["n"], [1]])])
    kept_before = {p: p.read_bytes() for p in backups(path)}
    assert len(kept_before) == 1
    before = path.read_bytes()
    with file_size_limit(len(before) // 2), pytest.raises(OSError):
        files.backup(path)
    assert path.read_bytes() == before
    assert {p: p.read_bytes() for p in backups(path)} == kept_before  # nothing new, nothing cut short
    assert files.newest_backup(path) in kept_before
    assert [p.name for p in (path.parent / files.BACKUP_DIR).iterdir() if files.TEMP_MARK in p.name] == []
    openpyxl.load_workbook(files.newest_backup(path))  # and the one a person would be told to restore reads


def test_a_backup_copy_a_killed_run_left_is_removed_by_doctor(tmp_path):
    """A run killed while it copied a backup leaves the copy under its temp name, which doctor
    (and the next writing run) removes as any other temp file of a run that is gone."""
    r = shopbook("init", tmp_path / "shop")
    assert r.returncode == 0, r.stderr
    folder = tmp_path / "shop"
    (folder / files.BACKUP_DIR).mkdir(exist_ok=True)
    dead = 2 ** 22 + 12345  # above any pid this machine hands out
    left = folder / files.BACKUP_DIR / f".stock.20261121-080000-000000.{files._host_tag()}~{dead}~x1{files.TEMP_MARK}.xlsx"
    left.write_bytes(b"PK\x03\x04 cut short")
    r = shopbook("doctor", folder, "--dry-run")
    assert left.name in flat(r.stdout), r.stdout
    r = shopbook("doctor", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not left.exists()


def test_the_version_just_replaced_is_kept_among_backups_a_pc_with_its_clock_ahead_made(tmp_path):
    """QA: another PC on the share, its clock a year ahead, had kept 20 backups of stock.xlsx
    (named by its time). The backup of the version this run replaced sorted before them all and
    was removed as the oldest as soon as it was made: the rewrite kept no previous version."""
    path = stock_book(tmp_path / "shop")
    (path.parent / files.BACKUP_DIR).mkdir()
    theirs = path.read_bytes()
    for i in range(files.BACKUPS_KEPT):
        (path.parent / files.BACKUP_DIR / f"stock.{2099_01_01 + i}-080000-000000.xlsx").write_bytes(theirs)
    wb = openpyxl.load_workbook(path)
    wb["商品"]["B2"] = "衬衫（改）"  # a person's save, then shopbook's rewrite
    wb.save(path)
    saved = path.read_bytes()
    edit_workbook(path, own_sheets=[NewSheet("库存汇总", [["n"], [1]])])
    assert path.read_bytes() != saved
    kept = [p.read_bytes() for p in backups(path)]
    assert saved in kept  # the previous version is there to go back to
    assert len(kept) == files.BACKUPS_KEPT + 1
    previous = path.read_bytes()
    edit_workbook(path, own_sheets=[NewSheet("库存汇总", [["n"], [2]])])
    assert previous in [p.read_bytes() for p in backups(path)]  # each rewrite's, in turn


DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def shopbook_limited(limit: int, *args) -> subprocess.CompletedProcess:
    """`shopbook ARGS…` (as cli_run's) in a process that can write no file past `limit` bytes:
    a disk that fills up while the job writes."""
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "shopbook.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=env, preexec_fn=preexec)


def test_a_disk_full_while_a_workbook_is_written_is_said_with_the_workbook_and_what_to_do(tmp_path):
    """QA: the review's orders.xlsx did not fit on the disk: `✗ : 无法访问（No space left on
    device）` (with no file named, and "cannot be used"), and `daily` stopped whole, no table.
    Now the workbook is named, with what happened to it and what to do; daily goes on to its
    other steps (each says the same when it does not fit either)."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    orders = folder / "orders.xlsx"
    before = orders.read_bytes()
    limit = len(before) + 100_000  # the review's version of orders.xlsx is bigger
    r = shopbook_limited(limit, "orders", "review", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said = flat(r.stderr)
    assert "orders.xlsx" in said and "磁盘空间不足" in said and "腾出空间" in said and "没有改动" in said, r.stderr
    assert "disk is full" in r.stderr.replace("\n", " ") and "Free some space" in r.stderr.replace("\n", " ")
    assert orders.read_bytes() == before
    assert [p.name for p in folder.rglob(f"*{files.TEMP_MARK}*")] == []
    r = shopbook_limited(limit, "daily", folder, "--date", "2026-11-21")
    assert r.returncode == 1, r.stdout + r.stderr
    out = flat(r.stdout)
    assert "✗审单" in out and "磁盘空间不足" in out and "✓KPI" in out, r.stdout
    assert orders.read_bytes() == before
