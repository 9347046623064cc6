"""Two waiters on a shared shop folder without hard links (a CIFS/SMB share without unix extensions) judged the
same dead lock stale. The first broke it and took the lock; the second's rename took that fresh lock aside, found
it was not what it had judged, and put it back by name. In that instant the first's job, about to replace
orders.xlsx, found no lock and stopped as "taken over by another job": nothing had taken it over. Its check now
waits for a lock of its own that a waiter has taken aside to be put back; one really gone still stops it."""

from __future__ import annotations

import errno
import json
import os
import threading

import pytest

from shopbook.io import files, lock


def _no_links(*a, **k):
    raise OSError(errno.EOPNOTSUPP, "Operation not supported")


def test_a_second_waiter_putting_back_the_fresh_lock_it_took_aside_does_not_stop_its_holder(tmp_path, monkeypatch):
    folder = tmp_path / "店铺"
    folder.mkdir()
    judged = json.dumps({"host": "till-pc", "user": "amy", "pid": 1, "command": "shopbook daily 店铺",
                         "since": "2026-12-06 08:00:00 +0800", "token": "dead"}).encode()  # what both waiters saw
    monkeypatch.setattr(lock.os, "link", _no_links)
    aside, back = threading.Event(), threading.Event()
    real_rename = os.rename

    def slow_share_rename(src, dst):
        if ".stale-" in str(src):  # putting it back: the share takes its time
            aside.set()
            back.wait(10)
        real_rename(src, dst)
        if ".stale-" in str(dst):
            aside.set()

    with lock.shop_lock(folder, "shopbook orders review 店铺"):  # the first waiter, now the holder
        monkeypatch.setattr(lock.os, "rename", slow_share_rename)
        said = []
        second = threading.Thread(target=lambda: said.append(lock.break_stale(folder, judged)))
        second.start()
        try:
            assert aside.wait(10) and not (folder / lock.LOCK_NAME).exists()
            threading.Timer(0.5, back.set).start()
            # the holder replaces a workbook now, its lock aside for half a second
            files.write_atomic(folder / "notes.txt", lambda tmp: tmp.write_text("审单", encoding="utf-8"),
                               keep_backup=False)
        finally:
            back.set()
            second.join(10)
        monkeypatch.setattr(lock.os, "rename", real_rename)
        assert said == [False]
        assert (folder / "notes.txt").read_text(encoding="utf-8") == "审单"
        assert lock.read_holder(folder)[0] is not None and lock.read_holder(folder)[0].command.endswith("review 店铺")
    assert not (folder / lock.LOCK_NAME).exists()  # released as ever
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_lock_really_gone_still_stops_the_job(tmp_path):
    folder = tmp_path / "shop"
    folder.mkdir()
    with lock.shop_lock(folder, "shopbook orders review shop"):
        (folder / lock.LOCK_NAME).unlink()  # a person deleted it (or doctor on another PC)
        with pytest.raises(lock.TakenOver):
            files.write_atomic(folder / "notes.txt", lambda tmp: tmp.write_text("x", encoding="utf-8"),
                               keep_backup=False)
    assert not (folder / "notes.txt").exists()


def test_a_lock_released_while_a_waiter_holds_it_aside_is_not_left_behind(tmp_path, monkeypatch):
    """The same waiter's put-back as the holder's job ended: the release found no lock to remove, the waiter
    put it back, and it stood after the job: the next command waited for a job that had ended (and, once its
    process was gone, said it "did not end properly")."""
    folder = tmp_path / "shop"
    folder.mkdir()
    judged = b'{"host": "till-pc", "user": "amy", "pid": 1, "command": "daily", "since": "x", "token": "dead"}'
    monkeypatch.setattr(lock.os, "link", _no_links)
    aside, back = threading.Event(), threading.Event()
    real_rename = os.rename

    def slow_share_rename(src, dst):
        if ".stale-" in str(src):
            aside.set()
            back.wait(10)
        real_rename(src, dst)
        if ".stale-" in str(dst):
            aside.set()

    lock.acquire(folder, "shopbook orders review shop")
    monkeypatch.setattr(lock.os, "rename", slow_share_rename)
    second = threading.Thread(target=lambda: lock.break_stale(folder, judged))
    second.start()
    try:
        assert aside.wait(10)
        threading.Timer(0.5, back.set).start()
        lock.release(folder)  # the job ends, its lock aside
    finally:
        back.set()
        second.join(10)
    monkeypatch.setattr(lock.os, "rename", real_rename)
    assert not (folder / lock.LOCK_NAME).exists()
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "1")
    with lock.shop_lock(folder, "shopbook ship shop scans.txt"):  # the next job goes at once
        assert lock.cleared(folder) is None


def test_a_lock_a_waiter_took_aside_and_never_put_back_stops_its_holder_and_is_not_left_behind(tmp_path, monkeypatch):
    """The waiter's PC went to sleep (or its process was killed) between taking the lock aside and putting it
    back. The holder does not put it back itself: in that time another job may have taken the shop, written
    and ended, and this job's results, worked out before, would be written over theirs. It stops as taken
    over, writing nothing, and its lock is not left aside."""
    folder = tmp_path / "shop"
    folder.mkdir()
    monkeypatch.setattr(lock, "PUT_BACK_WAIT", 0.3)
    with pytest.raises(lock.TakenOver):
        with lock.shop_lock(folder, "shopbook orders review shop"):
            os.rename(folder / lock.LOCK_NAME, folder / f"{lock.LOCK_NAME}.stale-0badcafe")  # the waiter's rename
            files.write_atomic(folder / "notes.txt", lambda tmp: tmp.write_text("审单", encoding="utf-8"),
                               keep_backup=False)
    assert sorted(p.name for p in folder.iterdir()) == []  # nothing written, nothing left aside


def _put_back_as_it_is_looked_for(monkeypatch, folder):
    """The waiter's put-back landing between the job's two looks: the lock not found under its name, then no
    longer aside either (the share's rename done between them)."""
    real = lock._aside

    def aside_then_back(at, token):
        for p in list(at.glob(lock.LOCK_NAME + ".stale-*")):
            os.rename(p, at / lock.LOCK_NAME)
        return real(at, token)

    monkeypatch.setattr(lock, "_aside", aside_then_back)


def test_a_lock_put_back_between_the_jobs_two_looks_does_not_stop_its_write(tmp_path, monkeypatch):
    # under load (the suite on two cores) the put-back landed in that instant: "taken over", nothing written
    folder = tmp_path / "店铺"
    folder.mkdir()
    with lock.shop_lock(folder, "shopbook orders review 店铺"):
        os.rename(folder / lock.LOCK_NAME, folder / (lock.LOCK_NAME + ".stale-0000beef"))  # a waiter took it aside
        _put_back_as_it_is_looked_for(monkeypatch, folder)
        files.write_atomic(folder / "notes.txt", lambda tmp: tmp.write_text("审单", encoding="utf-8"),
                           keep_backup=False)
        assert (folder / "notes.txt").read_text(encoding="utf-8") == "审单"
    monkeypatch.undo()
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_lock_put_back_between_the_releases_two_looks_is_removed(tmp_path, monkeypatch):
    # the release found no lock and none aside: it left the lock the waiter put back standing after the job
    folder = tmp_path / "shop"
    folder.mkdir()
    with lock.shop_lock(folder, "shopbook orders review shop"):
        os.rename(folder / lock.LOCK_NAME, folder / (lock.LOCK_NAME + ".stale-0000beef"))
        _put_back_as_it_is_looked_for(monkeypatch, folder)
    monkeypatch.undo()
    assert list(folder.iterdir()) == []
