"""An Excel owner file left on the shared folder (~$orders.xlsx) after Excel or the PC stopped
without closing the workbook: the stop says which file marks it open, since when, and how to
go on when no one has it open, so that the scheduled job is not refused for good."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from cli_run import flat, shopbook
from test_concurrency import small_shop
from test_write import excel_owner_file

from shopbook.io import files

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def review_shop(folder: Path) -> Path:
    """A new shop with orders waiting for review (test_concurrency.small_shop): `orders review` writes
    orders.xlsx as it does the demo's, whose year each run read and wrote (about a CPU-second a run)."""
    small_shop(folder)
    return folder


def test_an_owner_file_left_behind_is_named_with_its_time_and_the_way_out(tmp_path):
    """QA: 张三's PC lost the share with orders.xlsx open; the ~$orders.xlsx it left said the
    workbook was open for days. Every run stopped with "open (张三): close it", which 张三
    could not do (it was not open), and nothing said which file to delete."""
    folder = review_shop(tmp_path / "shop")
    owner = folder / "~$orders.xlsx"
    owner.write_bytes(excel_owner_file("张三", "gbk"))
    left = time.time() - 3 * 86400
    os.utime(owner, (left, left))
    before = (folder / "orders.xlsx").read_bytes()
    r = shopbook("orders", "review", folder)
    assert r.returncode == 2, r.stdout + r.stderr
    said, en = flat(r.stderr), " ".join(r.stderr.split())
    when = files.shop_time_said(left)  # (in the shop's time, as its backups' names)
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
    folder = review_shop(tmp_path / "shop")
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


def test_a_workbook_opened_in_excel_while_a_job_runs_is_not_replaced(tmp_path):
    """QA: `orders review` checked that nobody had orders.xlsx open, then worked; meanwhile 张三 opened it
    in Excel (~$orders.xlsx appeared). The review replaced the file under Excel anyway (a share lets it),
    and 张三's next save put the unreviewed orders back over its work. Now it asks again just before
    replacing: the stop names who has it open and nothing is written."""
    import subprocess
    import sys

    from cli_run import SRC

    folder = review_shop(tmp_path / "shop")
    before = (folder / "orders.xlsx").read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC),
                                                                      "SHOPBOOK_PAUSE_AT": "written=3"}
    p = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "orders", "review", str(folder)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    end = time.monotonic() + 120
    while not list(folder.glob(".orders*.shopbook-tmp*")):  # its version written, about to replace
        assert p.poll() is None and time.monotonic() < end, p.communicate()
        time.sleep(0.02)
    (folder / "~$orders.xlsx").write_bytes(excel_owner_file("张三", "gbk"))
    out, err = p.communicate(timeout=120)
    assert p.returncode == 2 and "Traceback" not in err, out + err
    said = flat(err)
    assert "（张三）" in said and "什么都没有写入" in said and "标记文件~$orders.xlsx" in said, err
    assert (folder / "orders.xlsx").read_bytes() == before
    assert not list(folder.rglob("*.shopbook-tmp*")) and not (folder / ".shopbook.lock").exists()
    assert not list((folder / ".shopbook-backup").glob("orders.*.xlsx"))  # no backup of a write not made


def test_a_single_write_checks_for_excel_just_before_replacing(tmp_path):
    """The same outside a job (io.files.write_atomic's own commit): Excel opened the workbook while its new
    version was being written."""
    from shopbook.io.files import write_atomic
    from shopbook.issues import ShopbookError

    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    book = folder / "stock.xlsx"
    before = book.read_bytes()

    def write(tmp):
        tmp.write_bytes(before + b"")
        (folder / "~$stock.xlsx").write_bytes(excel_owner_file("李四", "gbk"))  # opened meanwhile

    try:
        write_atomic(book, write)
        raise AssertionError("replaced under Excel")
    except ShopbookError as e:
        assert "李四" in e.zh and "nothing was written" in e.en
    assert book.read_bytes() == before and not list(folder.glob("*.shopbook-tmp*"))
