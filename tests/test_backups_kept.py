"""The previous version of a rewritten workbook is kept in .shopbook-backup/, whole, on a
shared folder whatever happens there: a disk that fills up while the backup is copied, and
other PCs (with their own clocks) keeping backups in the same folder. Real .xlsx files
written and read back."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from cli_run import flat, shopbook
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
