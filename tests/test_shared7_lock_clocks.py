"""The shop lock judged by the share's clock, not this PC's, where that PC's clock is skewed against the file
server's (set by hand, a wrong time zone), and an empty lock judged stale however short the wait:

- a colleague's job whose PC slept held the lock; this PC, its clock an hour ahead, cleared it after watching it
  a second, and said "its shop lock was not updated for 3601 s": the person looked for a job an hour old;
- doctor on a PC an hour ahead cleared an empty lock made that second (its holder writing it on a slow share),
  and on one behind never cleared one a crash left empty;
- with SHOPBOOK_LOCK_STALE at or over SHOPBOOK_LOCK_WAIT (a slow share's setting), an empty lock a crash left was
  never watched long enough by any wait: every writing command stopped on it until it was ten times stale."""

from __future__ import annotations

import json
import os
import time
import types

from test_concurrency import small_shop

from shopbook import doctor
from shopbook.io import journal, lock


def _clock(monkeypatch, by: float) -> None:
    """This PC's clock `by` seconds off the share's (the file server sets the files' times)."""
    monkeypatch.setattr(lock, "time", types.SimpleNamespace(time=lambda: time.time() + by,
                                                            monotonic=time.monotonic, sleep=time.sleep))


def _empty_lock(folder):
    p = folder / lock.LOCK_NAME
    os.close(os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))  # made; its holder's words not there (yet)
    return p


def test_the_cleared_lock_is_said_silent_for_the_seconds_it_was_by_the_shares_clock(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / lock.LOCK_NAME).write_text(json.dumps(
        {"host": "till-pc", "user": "amy", "pid": 4242, "command": "shopbook daily 店铺",
         "since": "2026-12-06 08:00:00 +0800", "token": "t"}), encoding="utf-8")  # its last beat just now
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "1")
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "30")
    _clock(monkeypatch, 3600)
    said = []
    monkeypatch.setattr(journal, "on_recovered", lambda f, found: said.extend(found))
    ran = []
    journal.run_job(folder, "test", lambda: ran.append(1))
    assert ran == [1] and len(said) == 1, said
    en = said[0].en
    secs = int(en.split("was not updated for ")[1].split(" s")[0])
    assert 1 <= secs <= 10, en  # (watched a second or so: never the hour this PC's clock is ahead)
    assert "till-pc" in en and "它的店铺锁" in said[0].zh and f"{secs} 秒没有更新" in said[0].zh


def test_doctor_on_a_pc_ahead_leaves_an_empty_lock_made_just_now_to_its_holder(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    small_shop(folder)
    p = _empty_lock(folder)
    _clock(monkeypatch, 3600)
    up = doctor.check(folder)
    assert up.busy == ("不知是谁：锁文件里没有写明", "holder unknown: the lock file does not say"), up.findings
    assert p.exists() and not [f for f in up.findings if f.kind == "lock"]


def test_doctor_on_a_pc_behind_clears_an_empty_lock_a_crash_left(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    small_shop(folder)
    p = _empty_lock(folder)
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "1")
    time.sleep(1.3)  # silent past the staleness time, by the share's clock
    _clock(monkeypatch, -3600)
    up = doctor.check(folder)
    assert up.busy is None and not p.exists()
    found = [f for f in up.findings if f.kind == "lock"]
    assert len(found) == 1 and found[0].repaired and "holder unknown" in found[0].en and "不知是谁" in found[0].zh


def test_an_empty_lock_stale_before_the_wait_began_is_cleared_however_short_the_wait(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    small_shop(folder)
    p = _empty_lock(folder)  # a crash between making it and writing in it
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "2")
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "1")  # (a share's setting: waits shorter than the staleness time)
    time.sleep(2.3)
    ran = []
    start = time.monotonic()
    journal.run_job(folder, "test", lambda: ran.append(1))
    assert ran == [1] and time.monotonic() - start < 1.0 and not p.exists()


def test_an_empty_lock_younger_than_the_staleness_time_is_still_waited_for(tmp_path, monkeypatch):
    import pytest

    from shopbook.issues import ShopbookError

    folder = tmp_path / "shop"
    small_shop(folder)
    p = _empty_lock(folder)
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "60")
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "1")
    _clock(monkeypatch, 3600)  # (this PC's clock says nothing of it)
    with pytest.raises(ShopbookError) as e:
        journal.run_job(folder, "test", lambda: None)
    assert p.exists() and p.read_bytes() == b""
    assert "holder unknown: the lock file does not say" in e.value.en and "不知是谁" in e.value.zh


def test_doctor_on_a_pc_ahead_leaves_a_running_job_of_this_pc_its_lock(tmp_path, monkeypatch):
    """The job's heartbeat touched the lock a second ago (on an NFS share the server sets its times): doctor on the
    same PC, its clock an hour ahead, took the lock for silent an hour, its pid for another process's, and cleared
    it under the running job."""
    folder = tmp_path / "shop"
    small_shop(folder)
    p = folder / lock.LOCK_NAME
    p.write_text(json.dumps({"host": lock.host_name(), "user": "amy", "pid": os.getpid(), "boot": lock.boot_id(),
                             "command": "shopbook orders morning shop", "since": "2026-12-06 08:00:00 +0800",
                             "token": "t"}), encoding="utf-8")
    _clock(monkeypatch, 3600)
    up = doctor.check(folder)
    assert up.busy is not None and "shopbook orders morning shop" in up.busy[1], up.findings
    assert p.exists() and not [f for f in up.findings if f.kind == "lock"]


def test_a_lock_that_cannot_be_read_is_said_unchanged_for_its_minutes_by_the_shares_clock(tmp_path, monkeypatch):
    """A folder where the lock file goes (a sync tool's doing) made a minute ago: a PC an hour ahead said it was
    "unchanged for 60 min", and the person took it for left long ago."""
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / lock.LOCK_NAME).mkdir()
    _clock(monkeypatch, 3600)
    zh, en = lock.unreadable_words(folder)
    assert "unchanged for 0 min" in en and "0 分钟没有改动" in zh, en
    assert "it is a folder" in en and "它是一个文件夹" in zh


def test_doctor_on_a_pc_behind_the_share_leaves_its_own_running_job_its_lock(tmp_path, monkeypatch):
    """A Windows PC a minute and a half behind the file server: its job's heartbeat stamps the lock by the PC's
    clock (ctime there is when the lock was made, not its last beat), so by the share's clock a lock beaten on a
    second ago read 90 s silent, and doctor on that PC cleared its own running job's lock (two writers)."""
    folder = tmp_path / "shop"
    small_shop(folder)
    lock.acquire(folder, "shopbook daily shop")
    try:
        real = lock.share_now
        monkeypatch.setattr(lock, "share_now", lambda f: (real(f) or time.time()) + 90)
        up = doctor.check(folder)
        assert up.busy is not None and not [f for f in up.findings if f.kind == "lock"], up.findings
        assert lock.read_holder(folder)[0] is not None
    finally:
        lock.release(folder)
