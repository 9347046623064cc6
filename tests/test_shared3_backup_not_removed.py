"""Backups kept whatever their folder and names hold. An old backup that may not be removed (open in Excel
on a PC, which Windows will not delete; a colleague's in a folder with the sticky bit; a share that lets files be made but not deleted) stopped
every rewrite of its workbook, exit 2, as "no permission to read or write" that old backup, once twenty
were kept: a rewrite now keeps one more instead. The refusal is real: the old backup made immutable
(chattr +i), which root cannot delete either."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from shopbook.io import files
from shopbook.io.sheet_edit import edit_workbook
from shopbook.io.xlsx_patch import NewSheet
from shopbook.schema import STOCK, Product
from shopbook.workbook_builder import write_workbook


def _immutable(p: Path, on: bool) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i" if on else "-i", str(p)], check=False, capture_output=True).returncode == 0


def test_an_old_backup_that_may_not_be_removed_stops_no_rewrite(tmp_path):
    stock = tmp_path / "stock.xlsx"
    write_workbook(stock, STOCK, "zh", {Product: [Product(sku="A1", name="T恤", cost=Decimal(10), price=Decimal(39))]},
                   keep_backup=False)
    kept = tmp_path / files.BACKUP_DIR
    kept.mkdir()
    old = [kept / f"stock.202611{d:02}-080000-000000.xlsx" for d in range(1, files.BACKUPS_KEPT + 1)]
    for p in old:
        shutil.copy(stock, p)
    if not _immutable(old[0], True):
        pytest.skip("no immutable files here (chattr +i needs root and ext4, xfs, btrfs …)")
    try:
        edit_workbook(stock, own_sheets=[NewSheet("库存汇总", [["商家编码"], ["A1"]])], lang="zh")
    finally:
        _immutable(old[0], False)
    assert "库存汇总" in openpyxl.load_workbook(stock, read_only=True).sheetnames  # written
    assert old[0].exists() and len(list(kept.glob("stock.*.xlsx"))) == files.BACKUPS_KEPT + 1  # one more kept


def test_a_workbook_whose_name_has_brackets_keeps_twenty_backups(tmp_path):
    """`[女装] stock.xlsx` (validate --write on a workbook of that name): its backups were looked for with
    its name as a pattern ([女装] one character of 女 or 装), none found, none ever removed."""
    book = tmp_path / "[女装] stock.xlsx"
    write_workbook(book, STOCK, "zh", {Product: [Product(sku="A1", name="T恤", cost=Decimal(10), price=Decimal(39))]},
                   keep_backup=False)
    kept = tmp_path / files.BACKUP_DIR
    kept.mkdir()
    for d in range(1, files.BACKUPS_KEPT + 3):
        shutil.copy(book, kept / f"[女装] stock.202611{d:02}-080000-000000.xlsx")
    files.backup(book)
    assert len(list(kept.iterdir())) == files.BACKUPS_KEPT
