"""A pick list killed after its journal (a PC switched off, kill -9) left orders.xlsx without its batch and
the pick list not yet in place until the next writing run finished it. validate, which only reads and takes
no lock, read that shop and said ✓ 0 errors (exit 0): the person took the shop for done and typed on in
orders.xlsx, which the job could then no longer finish (its version only kept beside it, to merge by hand).
It now says, first, which job was interrupted, what it has left to put in place, that the result cannot be
trusted, to run shopbook doctor first and not to change orders.xlsx meanwhile; exit 1. selfcheck, read each
morning, says it first among 运营's items. Nothing is said
while a live job holds the shop lock (it may be committing this instant), nor once the journal is finished."""

from __future__ import annotations

import json
import os

from cli_run import flat, shopbook
from test_concurrency import picklist_left_mid_journal, small_shop

from shopbook.io import files, journal, lock


def test_validate_says_an_interrupted_job_no_run_has_finished(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    clean = shopbook("validate", folder)
    picklist_left_mid_journal(folder)
    before = files.file_hash(orders)

    r = shopbook("validate", folder)
    out = flat(r.stdout)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "“shopbookpicklist”在写入多个文件时被中断" in out and "结果不可信" in out
    assert "shopbookdoctor" in out and "不要在Excel里修改orders.xlsx" in out
    assert "Traceback" not in r.stderr
    assert files.file_hash(orders) == before and (folder / journal.JOURNAL_NAME).exists()  # a read: nothing finished

    j = json.loads(shopbook("validate", folder, "--json", "--lang", "en").stdout)
    said = [i for i in j if "interrupted" in i["message_en"]]
    assert said and said[0]["book"] == "orders.xlsx" and "shopbook doctor" in said[0]["message_en"], j[:2]

    # the morning's self-check reads the same shop: said among 运营's items
    sc = flat(shopbook("selfcheck", folder).stdout)
    assert "!orders.xlsx：“shopbookpicklist”在写入多个文件时被中断" in sc and "结果不可信" in sc, sc

    assert shopbook("doctor", folder).returncode == 0  # finishes it
    r = shopbook("validate", folder)
    assert "被中断" not in r.stdout and r.returncode == clean.returncode, r.stdout
    assert "被中断" not in shopbook("selfcheck", folder).stdout


def test_a_journal_under_a_live_jobs_lock_is_not_said(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    picklist_left_mid_journal(folder)
    # a job alive on this PC holds the lock: between its journal and its replaces, not interrupted
    me = lock.Holder(lock.host_name(), lock.user_name(), os.getpid(), "shopbook picklist shop", "2026-11-21 09:00:00",
                     "t0", lock.boot_id())
    (folder / lock.LOCK_NAME).write_text(json.dumps(me.__dict__), encoding="utf-8")
    r = shopbook("validate", folder)
    assert "被中断" not in r.stdout and r.returncode == 0, r.stdout
    (folder / lock.LOCK_NAME).unlink()  # gone without finishing it: said
    assert "被中断" in shopbook("validate", folder).stdout


def test_a_journal_under_the_lock_another_pc_left_long_ago_is_said(tmp_path, monkeypatch):
    """The PC that ran the job was switched off: its lock stays, untouched, its process not one of this PC's.
    Untouched ten times the staleness time (as a writing run judges it at once), the journal is said."""
    import time

    folder = tmp_path / "shop"
    small_shop(folder)
    picklist_left_mid_journal(folder)
    them = lock.Holder("KEFU-PC", "xiaoli", 4242, "shopbook picklist shop", "2026-11-21 09:00:00", "t1", "")
    (folder / lock.LOCK_NAME).write_text(json.dumps(them.__dict__), encoding="utf-8")
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "30")
    assert "被中断" not in shopbook("validate", folder).stdout  # just touched: may be a live job's
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "0.2")
    time.sleep(2.2)
    r = shopbook("validate", folder)
    assert "“shopbookpicklist”在写入多个文件时被中断" in flat(r.stdout) and r.returncode == 1, r.stdout
