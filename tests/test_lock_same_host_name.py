"""Two machines of one host name writing in one shop folder on a share (cloned VMs, two Raspberry Pis
called raspberrypi, a server and a PC both called ubuntu): the other machine's lock names a pid that is
no process here, which is no proof its job is gone. It is judged by its heartbeat, as another host's is."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading

import pytest
from cli_run import flat, shopbook
from test_concurrency import small_shop


def _dead_pid() -> int:
    p = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                       check=True)
    return int(p.stdout)


@pytest.mark.skipif(not os.path.exists("/proc/sys/kernel/random/boot_id"), reason="a system that says its boot")
def test_a_live_lock_of_another_machine_of_the_same_name_is_not_taken_over(tmp_path, monkeypatch):
    """QA: the shop's server (ubuntu) ran the daily job while a person's Linux PC, also called ubuntu, ran
    `orders review` on the same share: the PC saw a lock of host ubuntu whose pid was no process of its own,
    took it over at once as a dead job's, and both wrote orders.xlsx at once."""
    folder = tmp_path / "shop"
    small_shop(folder)  # (test_concurrency's: orders waiting for review; the demo's year read the same, 1–2 s a run)
    lock = folder / ".shopbook.lock"
    content = json.dumps({"host": socket.gethostname(), "user": "cron", "pid": _dead_pid(),
                          "command": "shopbook daily", "since": "2026-12-05 06:00:00 +0800", "token": "theirs",
                          "boot": "00000000-0000-4000-8000-another-machine"})
    lock.write_text(content, encoding="utf-8")
    stop = threading.Event()

    def heartbeat() -> None:  # the other machine's job, alive
        while not stop.wait(0.2):
            os.utime(lock)

    beat = threading.Thread(target=heartbeat, daemon=True)
    beat.start()
    before = (folder / "orders.xlsx").read_bytes()
    monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "4")
    monkeypatch.setenv("SHOPBOOK_LOCK_STALE", "2")
    try:
        r = shopbook("orders", "review", folder)
    finally:
        stop.set()
        beat.join()
    assert r.returncode == 2, r.stdout + r.stderr
    assert "店铺正被另一个写入任务占用（cron@" in flat(r.stderr) and "shopbookdaily" in flat(r.stderr), r.stderr
    assert (folder / "orders.xlsx").read_bytes() == before
    assert lock.read_text(encoding="utf-8") == content  # theirs, left as it is
    lock.unlink()  # its job done
    r = shopbook("orders", "review", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not lock.exists()
