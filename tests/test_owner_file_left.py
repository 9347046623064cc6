"""An Excel owner file left on the shared folder (~$orders.xlsx) after Excel or the PC stopped
without closing the workbook: the stop says which file marks it open, since when, and how to
go on when no one has it open, so that the scheduled job is not refused for good."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

from cli_run import flat, shopbook
from test_write import excel_owner_file

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def test_an_owner_file_left_behind_is_named_with_its_time_and_the_way_out(tmp_path):
    """QA: 张三's PC lost the share with orders.xlsx open; the ~$orders.xlsx it left said the
    workbook was open for days. Every run stopped with "open (张三): close it", which 张三
    could not do (it was not open), and nothing said which file to delete."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    owner = folder / "~$orders.xlsx"
    owner.write_bytes(excel_owner_file("张三", "gbk"))
    left = time.time() - 3 * 86400
    os.utime(owner, (left, left))
    before = (folder / "orders.xlsx").read_bytes()
    r = shopbook("orders", "review", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said, en = flat(r.stderr), " ".join(r.stderr.split())
    when = dt.datetime.fromtimestamp(left).strftime("%Y-%m-%d %H:%M")
    assert "（张三）" in said and "什么都没有写入" in said
    assert "标记文件~$orders.xlsx" in said and flat(when) in said and "删除它" in said, r.stderr
    assert "marker file ~$orders.xlsx" in en and f"left at {when}" in en and "delete it" in en, r.stderr
    assert (folder / "orders.xlsx").read_bytes() == before
    owner.unlink()  # as the message says
    r = shopbook("orders", "review", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (folder / "orders.xlsx").read_bytes() != before


def test_a_wps_lock_file_marks_the_workbook_open(tmp_path):
    """WPS on a Mac or a Linux PC marks a workbook it has open with a hidden .~orders.xlsx (on
    Windows it writes Excel's ~$orders.xlsx). shopbook knew only Excel's and LibreOffice's, so
    `orders review` rewrote orders.xlsx under the WPS user, whose next Ctrl+S then put back the
    version without the review. Now it stops, nothing written, naming the file and the way out."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    owner = folder / ".~orders.xlsx"
    owner.write_bytes(b"")  # its content is WPS's own: only that it is there counts
    before = (folder / "orders.xlsx").read_bytes()
    r = shopbook("orders", "review", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said = flat(r.stderr)
    assert "（WPS）" in said and "标记文件.~orders.xlsx" in said and "什么都没有写入" in said, r.stderr
    assert (folder / "orders.xlsx").read_bytes() == before
    owner.unlink()
    r = shopbook("orders", "review", folder)
    assert r.returncode == 0, r.stdout + r.stderr
