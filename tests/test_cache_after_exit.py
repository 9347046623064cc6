"""On the command line the parsed-sheet cache is written after the result is out
(io/at_exit.write_cache): a process of its own writes the entries while the person already reads the
verdict. Real `shopbook` runs (main(), the quick exit included) on real workbooks: the result
must not wait for that process, the entries it leaves must be the ones a read makes, and where
no process can be forked they are written before the exit. A library call (an Excel button)
writes them before it returns, as before."""

from __future__ import annotations

import fcntl
import gc
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_cache import cold, entry, snapshot

from shopbook.io import at_exit, background, cache
from shopbook.io.reader import read_workbook
from shopbook.schema import WORKBOOKS
from shopbook.validate import validate_path

DEMO = Path(__file__).resolve().parents[1] / "xlsx"
SRC = Path(__file__).resolve().parents[1] / "src"
pytestmark = pytest.mark.skipif(not background.CAN_FORK, reason="a writer is forked on Linux only")

# `shopbook ARGV…` as the console script runs it, with every workbook cached and the ledger read
# in validate's second process (the demo's are small); `pause` seconds at the start of each
# entry's write show whether the result waited for it
RUN = r"""
import sys, time
from shopbook.io import cache
from shopbook.validate import run
cache.MIN_BYTES = 0
run.APART_BYTES = 0
real = cache._write
def slow(*args):
    time.sleep({pause})
    return real(*args)
cache._write = slow
sys.argv = ["shopbook", *{argv!r}]
from shopbook.cli import main
main()
"""


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns(".shopbook-*"))
    return folder


def shopbook(*argv: str, pause: float = 0, env: dict | None = None) -> subprocess.CompletedProcess:
    e = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    e.pop("SHOPBOOK_NO_CACHE", None)
    return subprocess.run([sys.executable, "-c", RUN.format(argv=list(argv), pause=pause)], capture_output=True,
                          text=True, env=e, timeout=300)


def entries(shop: Path) -> set[str]:
    return {p.name.split(".xlsx")[0] for p in (shop / cache.CACHE_DIR).glob("*.arrow")}


def test_the_verdict_does_not_wait_for_the_entries_which_then_read_as_a_cold_read(shop):
    r = shopbook("validate", str(shop), pause=3)
    assert r.returncode in (0, 1) and "个错误" in r.stdout, r.stderr  # (the demo is a Chinese shop)
    # the verdict is out (and the output pipes closed) while the writers still wait to write
    assert entries(shop) == set() and (shop / cache.CACHE_DIR / "validate.run.json").exists()
    assert at_exit.wait_for_writers(shop, timeout=0.2) is False  # still at work
    assert at_exit.wait_for_writers(shop, timeout=120) is True
    # every workbook kept: the ledger by validate's second process, the others by the first
    assert entries(shop) == {"stock", "orders", "ledger", "kpi", "agents"}
    for spec in WORKBOOKS:
        path = shop / spec.filename
        hits = cache.stats["hits"]
        assert snapshot(read_workbook(path, spec)) == cold(path, spec)
        assert cache.stats["hits"] == hits + 1
    assert not list((shop / cache.CACHE_DIR).glob(".*.tmp"))


def test_without_a_second_process_the_entries_are_written_before_the_exit(shop):
    r = shopbook("validate", str(shop), pause=0.5, env={"SHOPBOOK_APART": "0"})
    assert r.returncode in (0, 1), r.stderr
    assert entries(shop) == {"stock", "orders", "ledger", "kpi", "agents"}  # no waiting needed


def test_a_job_s_entries_are_written_after_it_as_within_it(shop):
    """`orders review` rewrites orders.xlsx: its entries, written after the exit, are the ones the
    job decided on (io/journal.run_job): stock.xlsx as read, orders.xlsx not as it was read."""
    before = (shop / "orders.xlsx").read_bytes()
    r = shopbook("orders", "review", str(shop), pause=1)
    assert r.returncode in (0, 1), r.stderr
    assert (shop / "orders.xlsx").read_bytes() != before  # review wrote its verdicts
    assert entries(shop) == set()
    assert at_exit.wait_for_writers(shop, timeout=120)
    assert entries(shop) == {"stock"}  # (the sheets review reads; a hit's content: the test above)


def test_a_library_call_writes_its_entries_before_it_returns_and_freezes_nothing(shop):
    """An Excel button's process goes on after the call: nothing is left for an exit."""
    frozen = gc.get_freeze_count()
    assert at_exit.ending is False and cache._at_exit is None
    validate_path(shop)
    assert entries(shop) == {"stock", "orders", "ledger", "kpi", "agents"}
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_wait_for_writers_waits_for_one_that_holds_the_folder(shop):
    assert at_exit.wait_for_writers(shop) is True  # no cache folder yet: nothing to wait for
    (shop / cache.CACHE_DIR).mkdir()
    held = at_exit._hold_writing([shop / cache.CACHE_DIR])  # what a writer holds while it writes
    try:
        t = time.monotonic()
        assert at_exit.wait_for_writers(shop, timeout=0.3) is False
        assert time.monotonic() - t >= 0.3
    finally:
        for fd in held:
            os.close(fd)
    assert at_exit.wait_for_writers(shop, timeout=0.3) is True


def test_the_writers_lock_is_taken_on_a_read_only_descriptor(shop):
    """On a shared folder the file may be a colleague's, writable by them only: a lock needs no
    more than reading it."""
    (shop / cache.CACHE_DIR).mkdir()
    held = at_exit._hold_writing([shop / cache.CACHE_DIR])
    try:
        assert len(held) == 1 and fcntl.fcntl(held[0], fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY
        fd = os.open(shop / cache.CACHE_DIR / at_exit.WRITING, os.O_RDONLY)
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(fd)
    finally:
        for fd in held:
            os.close(fd)


def test_within_a_job_the_second_process_writes_the_ledger_before_its_result(shop, monkeypatch):
    """daily uses validate's second process only because its later steps (the self-check) read
    the ledger's entry: there it is written before the result, even on the command line; a
    standalone validate leaves it to a writer after the result."""
    from shopbook.io.reader import read_cache
    from shopbook.validate import run

    monkeypatch.setattr(run, "APART_BYTES", 0)
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)
    monkeypatch.setattr(cache, "_at_exit", [])  # the command line's mode (cli.main)
    real = cache._write
    monkeypatch.setattr(cache, "_write", lambda *a: (time.sleep(1), real(*a)))  # a writer after the result: late
    ledger = shop / "ledger.xlsx"
    spec = next(w for w in WORKBOOKS if w.filename == "ledger.xlsx")
    with read_cache():  # a job's shared reads
        validate_path(shop)
        assert entry(ledger, spec).exists()  # there already for the job's next step
    assert {str(a[0]) for a in cache._at_exit} == {str(shop / w.filename) for w in WORKBOOKS} - {str(ledger)}
    cache._at_exit.clear()
    shutil.rmtree(shop / cache.CACHE_DIR)
    validate_path(shop)  # standalone: the second process's writer works after its result
    assert at_exit.wait_for_writers(shop, timeout=120) and entry(ledger, spec).exists()
    assert str(ledger) not in {str(a[0]) for a in cache._at_exit}


def test_the_writer_holds_no_pipe_it_was_handed(shop):
    """A script that hands shopbook another pipe (a descriptor 3, as make's job server or a
    wrapper's status pipe) and reads it to its end is not kept waiting by the writer."""
    r, w = os.pipe()
    try:
        e = {**os.environ, "PYTHONPATH": str(SRC)}
        e.pop("SHOPBOOK_NO_CACHE", None)
        p = subprocess.Popen([sys.executable, "-c", RUN.format(argv=["validate", str(shop)], pause=3)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=e, pass_fds=(w,))
        os.close(w)
        w = None
        assert p.wait(timeout=300) in (0, 1)
        t = time.monotonic()
        assert os.read(r, 1) == b""  # the end of the pipe: no one holds it open any more
        assert time.monotonic() - t < 2 and entries(shop) == set()  # while the writer still waits to write
        assert at_exit.wait_for_writers(shop, timeout=120) and entries(shop)
    finally:
        os.close(r)
        if w is not None:
            os.close(w)
