"""io.background.Standby: a copy of the process forked while it is small, given its work later
(daily's e-mail charts). Real processes, real pipes, a real lock file."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time

import pytest

from shopbook.io import background
from shopbook.io.background import Standby

pytestmark = pytest.mark.skipif(not background.CAN_FORK, reason="no fork here (the work is done in process)")


def _square_with_pid(xs: list[int]) -> dict:
    return {"squares": [x * x for x in xs], "pid": os.getpid()}


def _gone(pid: int, within: float = 10.0) -> bool:
    """Whether process `pid` has ended (a zombie nobody reaps counts as ended)."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.02)
    return False


def _until(cond, within: float = 10.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize("told", [False, True])
def test_the_copy_does_the_work_sent_after_it_was_forked(tmp_path, monkeypatch, told):
    """`told`: it prepares once prepare_now() says so, and not before (daily's charts: matplotlib is
    loaded in the copy once the job's reads are over, not beside them)."""
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)
    marker = tmp_path / "prepared"
    with Standby(_square_with_pid, prepare=lambda: marker.write_text(str(os.getpid())),
                 prepare_when_told=told) as copy:
        assert copy.pid is not None
        if told:
            time.sleep(0.5)
            assert not marker.exists()  # waiting to be told
            copy.prepare_now()
            assert _until(marker.exists)
        copy.send([2, 3, 4])
        got = copy.result()
    assert got["squares"] == [4, 9, 16]
    assert got["pid"] != os.getpid() and marker.read_text() == str(got["pid"])  # prepared and done over there
    assert _gone(got["pid"])


def test_work_sent_before_it_was_told_to_prepare_is_done_without_preparing(tmp_path, monkeypatch):
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)
    marker = tmp_path / "prepared"
    with Standby(_square_with_pid, prepare=lambda: marker.write_text("x"), prepare_when_told=True) as copy:
        copy.send([7, 8])
        got = copy.result()
        copy.prepare_now()  # (too late: nothing to tell)
    assert got["squares"] == [49, 64] and got["pid"] != os.getpid()
    assert not marker.exists()


def test_without_a_copy_the_work_is_done_here_when_asked(monkeypatch):
    monkeypatch.setenv("SHOPBOOK_APART", "0")
    copy = Standby(_square_with_pid)
    assert copy.pid is None
    copy.send([5])
    assert copy.result() == {"squares": [25], "pid": os.getpid()}


def test_the_copy_holds_no_lock_nor_file_of_the_process(tmp_path, monkeypatch):
    """The shop lock is a flock: a copy holding its descriptor would keep the shop locked after
    the job let it go."""
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)
    lock = tmp_path / ".shopbook.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    ready = tmp_path / "preparing"  # prepare runs once the copy has closed what it inherited
    copy = Standby(_square_with_pid, prepare=lambda: (ready.touch(), time.sleep(0.3)))
    try:
        waited = time.monotonic()
        while not ready.exists() and time.monotonic() - waited < 30:  # (a loaded machine: not a fixed 0.1 s)
            time.sleep(0.01)
        assert ready.exists()
        os.close(fd)  # the job lets the lock go
        other = os.open(lock, os.O_RDWR)
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if the copy still held it
        finally:
            os.close(other)
        copy.send([1])
        assert copy.result()["squares"] == [1]
    finally:
        copy.close()


def test_a_copy_never_asked_is_ended_and_reaped(monkeypatch):
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)
    copy = Standby(_square_with_pid)
    pid = copy.pid
    assert pid is not None
    copy.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already
    copy.close()  # (twice: nothing more to do)


def test_a_copy_that_died_costs_only_time(monkeypatch):
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)
    copy = Standby(_square_with_pid)
    os.kill(copy.pid, 9)
    time.sleep(0.1)
    copy.send([3])
    assert copy.result() == {"squares": [9], "pid": os.getpid()}


def test_the_copy_ends_with_the_process_that_forked_it(tmp_path):
    """A job killed before it sends the work (or ended by os._exit) leaves no copy waiting."""
    code = ("import os, sys\n"
            "from shopbook.io.background import Standby\n"
            "c = Standby(len)\n"
            "print(c.pid, flush=True)\n"
            "os._exit(0)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "SHOPBOOK_APART": "1"})
    pid = int(out.stdout.split()[0])
    assert _gone(pid)
