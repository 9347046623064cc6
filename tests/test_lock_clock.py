"""The shop lock of another PC whose clock is behind ours: its heartbeat sets the lock file's
mtime by that PC's clock, so a live job's lock looks minutes or hours old. A waiter (a command
or doctor) must still see it is alive and wait, never take it over at once."""

from __future__ import annotations

import json
import os
import threading
import time

from cli_run import flat, shopbook
from shopbook.io import lock


def test_a_live_lock_of_a_pc_whose_clock_is_far_behind_is_not_taken_over(tmp_path, monkeypatch):
    """QA: till-pc's clock was 20 minutes behind; its job held the lock and beat on it, but
    every mtime it set looked 20 minutes old, ten times the staleness time: `orders review`
    took the lock at once and wrote while till-pc's `ship` was writing."""
    folder = tmp_path / "shop"
    r = shopbook("init", folder)
    assert r.returncode == 0, r.stderr
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "2")  # heartbeat every 0.5 s; "ten times over": 20 s
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "1.5")
    p = folder / lock.LOCK_NAME
    held = json.dumps({"host": "till-pc", "user": "amy", "pid": 4242, "command": "shopbook ship shop scans.txt",
                       "since": "2026-11-22 08:00:00 +0800", "token": "t"})
    p.write_text(held, encoding="utf-8")
    stop = threading.Event()

    def beat():  # till-pc's heartbeat, by its clock: 60 s behind
        while not stop.is_set():
            os.utime(p, (time.time() - 60, time.time() - 60))
            stop.wait(0.3)

    t = threading.Thread(target=beat)
    t.start()
    try:
        r = shopbook("orders", "review", folder)
        assert r.returncode == 2, r.stdout + r.stderr
        assert "till-pc" in r.stderr and "什么都没有写入" in flat(r.stderr)
        assert p.read_text(encoding="utf-8") == held  # still till-pc's
        r = shopbook("doctor", folder)
        assert r.returncode == 1 and "till-pc" in r.stdout, r.stdout + r.stderr
        assert p.read_text(encoding="utf-8") == held
    finally:
        stop.set()
        t.join()


def test_doctor_clears_a_lock_of_this_pc_whose_pid_is_another_process_now(tmp_path, monkeypatch):
    """A job killed by a power cut left its lock; after the reboot its pid belongs to another process
    (here this very test's). Every command waited the staleness time and took the lock over, yet
    doctor, judging by the pid alone, said "a writing job is running: nothing was repaired" (exit 1)
    for as long as that process lived. A lock of this PC silent past the staleness time is stale to
    doctor as to the commands; one whose job beats on it is still left alone."""
    folder = tmp_path / "shop"
    assert shopbook("init", folder).returncode == 0
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "1")  # a live holder beats every 0.25 s
    p = folder / lock.LOCK_NAME
    p.write_text(json.dumps({"host": lock.host_name(), "user": "amy", "pid": os.getpid(),
                             "command": "shopbook daily shop", "since": "2026-12-01 08:00:00 +0800", "token": "t"}),
                 encoding="utf-8")
    time.sleep(1.5)  # silent since: no heartbeat
    r = shopbook("doctor", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert flat("店铺锁属于一个已经不在运行的任务") in flat(r.stdout) and "已修复" in r.stdout, r.stdout
    # the lock cleared is no job done: what the killed daily was to do is said to check, and to run it again
    assert flat("请确认它该做的事（例如日报和邮件、拣货单）是否做完，没做完就再运行它") in flat(r.stdout), r.stdout
    assert not p.exists()
    with lock.shop_lock(folder, "shopbook daily shop"):  # a live job of this PC, beating on its lock
        time.sleep(1.5)
        r = shopbook("doctor", folder)
        assert r.returncode == 1 and "一个写入任务正在运行" in r.stdout, r.stdout + r.stderr
        assert p.exists()
