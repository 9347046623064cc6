"""On a slow network share (SMB to a NAS over Wi-Fi, a VPN) a shop lock made with O_CREAT|O_EXCL can show
empty to a colleague's PC for seconds before its holder's content shows there. A waiter took a lock that stayed
empty 2 s as "never written" and broke it: its job ran beside the holder's, which then stopped as "taken over"
(or, between its check and its rename, both wrote); `shopbook doctor` cleared such a lock the same way. A lock
file that names nobody is now judged stale as any other, after the staleness time of silence, and the waiter
says, meanwhile, that it waits for a holder its lock file does not name yet."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from cli_run import shopbook
from test_concurrency import small_shop

from shopbook.io import lock

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _made_not_written(folder: Path) -> Path:
    """The holder's lock as a slow share shows it at first: made, its content not there yet."""
    p = folder / lock.LOCK_NAME
    os.close(os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    return p


def test_a_lock_empty_for_seconds_on_a_slow_share_is_waited_for_not_broken(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    orders = folder / "orders.xlsx"
    before = orders.read_bytes()
    p = _made_not_written(folder)
    env = dict(os.environ, PYTHONPATH=SRC, SHOPBOOK_LOCK_WAIT="60", SHOPBOOK_LOCK_STALE="60")
    env.pop("COLUMNS", None)
    said_to = tmp_path / "waiter-stderr.txt"
    with open(said_to, "w", encoding="utf-8") as to:
        waiter = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "orders", "review", str(folder)],
                                  stdout=subprocess.PIPE, stderr=to, text=True, env=env)
    try:
        end = time.monotonic() + 60
        while "…" not in said_to.read_text(encoding="utf-8") and waiter.poll() is None and time.monotonic() < end:
            time.sleep(0.1)  # (until it says it waits: some seconds after it first found the lock empty)
        time.sleep(1.0)
        # still the holder's: not broken, and the waiter wrote nothing
        assert p.exists() and p.read_bytes() == b"" and waiter.poll() is None, said_to.read_text(encoding="utf-8")
        assert orders.read_bytes() == before
        said = "".join(said_to.read_text(encoding="utf-8").split())
        assert "等待店铺锁：不知是谁：锁文件里没有写明" in said, said
        # its content shows at last; the waiter names its holder, and runs once it is released
        p.write_text(json.dumps({"host": socket.gethostname() + "-nas-pc", "user": "张三", "pid": 4242,
                                 "command": "shopbook orders import 店铺 订单导出.csv",
                                 "since": "2026-12-06 08:00:00 +0800", "token": "t"}), encoding="utf-8")
        end = time.monotonic() + 30
        while "张三" not in said_to.read_text(encoding="utf-8") and waiter.poll() is None and time.monotonic() < end:
            time.sleep(0.1)
        assert waiter.poll() is None and orders.read_bytes() == before
        p.unlink()
        out, _ = waiter.communicate(timeout=120)
    finally:
        if waiter.poll() is None:
            waiter.kill()
            waiter.wait()
    err = said_to.read_text(encoding="utf-8")
    assert waiter.returncode == 0, out + err
    assert "张三@" in "".join(err.split()), err


def test_doctor_leaves_a_lock_empty_for_seconds_to_its_holder(tmp_path):
    folder = tmp_path / "shop"
    small_shop(folder)
    p = _made_not_written(folder)
    time.sleep(2.5)
    r = shopbook("doctor", folder, "--json")
    assert r.returncode == 1, r.stdout + r.stderr
    assert json.loads(r.stdout)["busy"]["en"] == "holder unknown: the lock file does not say", r.stdout
    assert p.exists() and p.read_bytes() == b""
