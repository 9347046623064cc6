"""A person's Ctrl+S that lands while a writing job keeps its backups (seconds for big workbooks on a
share) or writes its journal was replaced by the job's version: the job had checked the workbook before
its backups, not after, and said ✓. The person's save was in no backup either. The workbook's file is
now asked for again (a stat) just before the first replace: a save there is a changed workbook, so the
job reads the new version and does its work again on it; one opened there (its ~$ mark made) stops it."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
from test_concurrency import TODAY, small_shop, state

from shopbook.io import files


def _saved_by_a_person(path: Path, edit) -> Path:
    """The workbook as Excel would save it after the person's edit, ready beside it (written aside,
    put in place by a rename, as Excel saves)."""
    wb = openpyxl.load_workbook(path)
    edit(wb)
    ready = path.with_name("person-" + path.name)
    wb.save(ready)
    return ready


def _saves_after_the_first_backup(monkeypatch, path: Path, ready: Path) -> None:
    backup = files.backup

    def backup_then_ctrl_s(p):
        kept = backup(p)
        if ready.exists():
            os.replace(ready, path)  # the person's save, while the job keeps its backups
        return kept
    monkeypatch.setattr(files, "backup", backup_then_ctrl_s)


def test_a_save_during_the_backups_is_kept_and_the_job_redone_on_it(tmp_path, monkeypatch):
    """One file (stock summary) and two (ship: stock.xlsx and orders.xlsx)."""
    from shopbook.orders.workflow import ship
    from shopbook.stock.workflow import stock_summary

    shop = small_shop(tmp_path / "shop")
    stock, orders = shop.folder / "stock.xlsx", shop.folder / "orders.xlsx"

    def rename(wb):
        wb["商品"].cell(2, 3, "衬衫P1 改名")
    _saves_after_the_first_backup(monkeypatch, stock, _saved_by_a_person(stock, rename))
    stock_summary(shop, as_of=TODAY)
    wb = openpyxl.load_workbook(stock, read_only=True)
    assert wb["商品"].cell(2, 3).value == "衬衫P1 改名" and "库存汇总" in wb.sheetnames  # the save and the job
    assert wb["库存汇总"].cell(2, 2).value == "衬衫P1 改名"  # worked out again on the saved version
    assert len(list((stock.parent / files.BACKUP_DIR).glob("stock.*.xlsx"))) == 2  # the save kept as well

    def note(wb):
        ws = wb["订单"]
        ws.cell(ws.max_row, ws.max_column + 1, "客服：这单加急")  # typed beside the last order
    monkeypatch.undo()
    _saves_after_the_first_backup(monkeypatch, orders, _saved_by_a_person(orders, note))
    ship(shop, shop.folder / "scans.txt", today=TODAY)
    rows = list(openpyxl.load_workbook(orders, read_only=True)["订单"].iter_rows(values_only=True))
    assert "客服：这单加急" in rows[-1]
    st = state(shop.folder)
    assert all(st["orders"][f"S{i:03d}"][0] == "已发货" for i in range(12)) and len(st["out"]) == 12


def test_a_workbook_opened_during_the_backups_is_not_replaced(tmp_path, monkeypatch):
    """Opened in Excel (its ~$ mark made) while the job kept its backups: the job stops, naming who has it
    open, with nothing replaced (before: replaced under the open book, whose next save put the old rows back)."""
    import pytest

    from shopbook.issues import ShopbookError
    from shopbook.orders.workflow import ship

    shop = small_shop(tmp_path / "shop")
    folder = shop.folder
    was = {n: files.file_hash(folder / n) for n in ("stock.xlsx", "orders.xlsx")}
    backup = files.backup

    def backup_then_opened(p):
        kept = backup(p)
        (folder / "~$orders.xlsx").write_bytes(b"\x03amy")
        return kept
    monkeypatch.setattr(files, "backup", backup_then_opened)
    with pytest.raises(ShopbookError) as e:
        ship(shop, folder / "scans.txt", today=TODAY)
    assert "(amy)" in e.value.en and "~$orders.xlsx" in e.value.en
    assert {n: files.file_hash(folder / n) for n in was} == was  # neither replaced
    assert not list(folder.glob(".*shopbook-tmp*")) and not (folder / ".shopbook-journal.json").exists()
