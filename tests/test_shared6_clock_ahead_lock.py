"""Two PCs on one shared shop folder, this one's clock an hour ahead of the file server's (set by hand, or a
wrong time zone). The other PC's job held the shop lock, its heartbeat seconds old: by this PC's clock the lock
file's times (set by the server) looked an hour old, "silent ten times over", and this PC's job broke the live
lock at once and wrote beside it. A lock is now taken for long silent only when the share's own clock (the time
it gives a file made there this instant) says so too; a lock a crash left long ago still goes at once
(test_concurrency.test_another_machines_lock_silent_for_long_is_taken_at_once)."""

from __future__ import annotations

import json
import time
import types

import pytest

from shopbook.io import journal, lock
from shopbook.issues import ShopbookError


def test_a_pc_whose_clock_is_ahead_waits_for_another_pcs_live_lock(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    folder.mkdir()
    p = folder / lock.LOCK_NAME
    p.write_text(json.dumps({"host": "till-pc", "user": "amy", "pid": 4242, "command": "shopbook daily 店铺",
                             "since": "2026-12-06 08:00:00 +0800", "token": "t"}), encoding="utf-8")  # just now
    before = p.read_bytes()
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "60")
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "1.5")
    monkeypatch.setattr(lock, "time", types.SimpleNamespace(time=lambda: time.time() + 3600,
                                                            monotonic=time.monotonic, sleep=time.sleep))
    ran = []
    with pytest.raises(ShopbookError) as e:
        journal.run_job(folder, "test", lambda: ran.append(1))
    assert ran == [] and p.read_bytes() == before, "another PC's live lock broken by a clock an hour ahead"
    assert "amy@till-pc" in e.value.en and "did not finish within 1 s" in e.value.en, e.value.en
    assert not [q for q in folder.iterdir() if q != p]  # (the share's clock read without a file left behind)


def test_validate_on_a_pc_whose_clock_is_ahead_leaves_a_live_jobs_journal_unsaid(tmp_path, monkeypatch):
    """The same PC's validate, as the other PC's pick list commits (its journal written, its lock seconds old):
    said "interrupted … the result cannot be trusted, run shopbook doctor first" of a job alive that second."""
    from test_concurrency import picklist_left_mid_journal, small_shop

    folder = tmp_path / "shop"
    small_shop(folder)
    picklist_left_mid_journal(folder)
    assert journal.pending(folder) is not None  # (no lock: a journal no run has finished, said)
    (folder / lock.LOCK_NAME).write_text(json.dumps(
        {"host": "till-pc", "user": "amy", "pid": 4242, "command": "shopbook picklist 店铺",
         "since": "2026-12-06 08:00:00 +0800", "token": "t"}), encoding="utf-8")  # its lock, beating
    monkeypatch.setattr(lock, "time", types.SimpleNamespace(time=lambda: time.time() + 3600,
                                                            monotonic=time.monotonic, sleep=time.sleep))
    assert journal.pending(folder) is None
