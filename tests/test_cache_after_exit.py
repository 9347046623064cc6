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

import demo_shop
import forkserver
import pytest
from test_cache import cold, entry, snapshot

from shopbook.io import at_exit, background, cache
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, WORKBOOKS
from shopbook.validate import validate_path

SRC = Path(__file__).resolve().parents[1] / "src"
pytestmark = pytest.mark.skipif(not background.CAN_FORK, reason="a writer is forked on Linux only")

# `shopbook ARGV…` as the console script runs it, with every workbook cached and the ledger read
# in validate's second process (the demo's are small); `pause` seconds at the start of the first
# entry's write in each process show whether the result waited for it (nothing is written before
# that pause is over: pausing again before each later entry would only make the writers longer)
RUN = r"""
import sys, time
from shopbook.io import cache
from shopbook.validate import run
cache.MIN_BYTES = 0
run.APART_BYTES = 0
real = cache._write
paused = []
def slow(*args):
    if not paused:
        paused.append(True)
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
    """The demo of its last 25 days (demo_shop.november_copy: every workbook, a fifth the size of the
    committed demo's 120 days; the entries are those of a cold read for any size)."""
    return demo_shop.november_copy(tmp_path / "shop")


def shopbook(*argv: str, pause: float = 0, env: dict | None = None) -> subprocess.CompletedProcess:
    e = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    e.pop("SHOPBOOK_NO_CACHE", None)
    return forkserver.run([sys.executable, "-c", RUN.format(argv=list(argv), pause=pause)], capture_output=True,
                          text=True, env=e, timeout=300)


def entries(shop: Path) -> set[str]:
    return {p.name.split(".xlsx")[0] for p in (shop / cache.CACHE_DIR).glob("*.arrow")}


def test_the_verdict_does_not_wait_for_the_entries_which_then_read_as_a_cold_read(shop):
    r = shopbook("validate", str(shop), pause=3)
    assert r.returncode in (0, 1) and "个错误" in r.stdout, r.stderr  # (the demo is a Chinese shop)
    # the verdict is out (and the output pipes closed) while the writers still wait to write
    # (the ledger's writer, forked by validate's second process as it finished, may be done on a
    # slow machine: the first process's own start only as it ends)
    assert entries(shop) <= {"ledger"} and (shop / cache.CACHE_DIR / "validate.run.json").exists()
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
    job decided on (io/journal.run_job): stock.xlsx as read, orders.xlsx as the review wrote it
    (proven by the writer: tests/test_cache_after_writes.py), never as it was read."""
    from test_cache_after_writes import kept

    before = (shop / "orders.xlsx").read_bytes()
    r = shopbook("orders", "review", str(shop), pause=3)
    assert r.returncode in (0, 1), r.stderr
    assert (shop / "orders.xlsx").read_bytes() != before  # review wrote its verdicts
    assert entries(shop) == set()
    assert at_exit.wait_for_writers(shop, timeout=120)
    assert entries(shop) == {"stock", "orders"}  # (the sheets review reads; a hit's content: the test above)
    assert kept(shop, ORDERS) == 1  # the one entry of orders.xlsx is of the version written, as a read of it gives


def test_a_library_call_writes_its_entries_before_it_returns_and_freezes_nothing(shop):
    """An Excel button's process goes on after the call: nothing is left for an exit."""
    frozen = gc.get_freeze_count()
    assert not cache.after_result_on() and cache._at_exit is None
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
        assert time.monotonic() - t < 2 and entries(shop) <= {"ledger"}  # while the writer still waits to write
        assert at_exit.wait_for_writers(shop, timeout=120) and entries(shop)
    finally:
        os.close(r)
        if w is not None:
            os.close(w)


def test_a_fifo_in_place_of_the_lock_or_an_entry_blocks_nothing(shop):
    """Something not a file where the writer's lock or an entry goes (a FIFO: opening it would
    wait for a writer for ever): the command ends, reads cold, and writes its entries."""
    (shop / cache.CACHE_DIR).mkdir()
    os.mkfifo(shop / cache.CACHE_DIR / at_exit.WRITING)
    r = shopbook("validate", str(shop))
    assert r.returncode in (0, 1), r.stderr
    time.sleep(0.5)
    assert at_exit.wait_for_writers(shop, timeout=0.1)  # (nothing it can wait on there)
    deadline = time.monotonic() + 60
    while entries(shop) != {"stock", "orders", "ledger", "kpi", "agents"} and time.monotonic() < deadline:
        time.sleep(0.1)
    assert entries(shop) == {"stock", "orders", "ledger", "kpi", "agents"}, _what_is_there(shop)
    stock = shop / "stock.xlsx"
    spec = next(w for w in WORKBOOKS if w.filename == "stock.xlsx")
    e = entry(stock, spec)
    e.unlink()
    os.mkfifo(e)
    assert snapshot(read_workbook(stock, spec)) == cold(stock, spec)  # a miss, not a hang


def _what_is_there(shop: Path) -> str:
    """For a failure's message (this one was seen once in a loaded run and not since): the cache
    folder's files, and the Python processes about (a forked one shows its fork server's arguments)."""
    ps = subprocess.run(["ps", "-eo", "pid,ppid,stat,etimes,wchan:20,args"], capture_output=True, text=True).stdout
    return "\n".join([repr(sorted(os.listdir(shop / cache.CACHE_DIR))),
                      *[ln[:160] for ln in ps.splitlines() if "python" in ln][:40]])


def test_the_next_command_waits_for_the_writer_of_the_one_before(shop, monkeypatch):
    """`validate` then another command at once (a script): the second finds the first's writer at
    work, waits for it (at most cache.WRITER_WAIT) and reads from the entries instead of parsing."""
    monkeypatch.setattr(cache, "_writers_looked_for", set())
    monkeypatch.setattr(cache, "WRITER_WAIT", 120)  # (its slowed writer may take longer than a real one here)
    r = shopbook("validate", str(shop), pause=1)
    assert r.returncode in (0, 1) and "orders" not in entries(shop)
    hits = cache.stats["hits"]
    spec = next(w for w in WORKBOOKS if w.filename == "orders.xlsx")
    got = read_workbook(shop / "orders.xlsx", spec)
    assert cache.stats["hits"] == hits + 1
    assert snapshot(got) == cold(shop / "orders.xlsx", spec)


def test_where_no_process_outlives_the_command_the_entries_come_before_its_end(shop):
    """A command whose parent is process 1 (a systemd service's own process, a container's
    scheduler) or that is process 1 (a container without an init): whatever is left when it ends
    is killed or never reaped, so it writes its entries itself."""
    code = RUN.format(argv=["validate", str(shop)], pause=0.5).replace(
        "from shopbook.cli import main", "import os\nos.getppid = lambda: 1\nfrom shopbook.cli import main")
    e = {**os.environ, "PYTHONPATH": str(SRC)}
    e.pop("SHOPBOOK_NO_CACHE", None)
    r = forkserver.run([sys.executable, "-c", code], capture_output=True, text=True, env=e, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    assert entries(shop) == {"stock", "orders", "ledger", "kpi", "agents"}  # no waiting needed


def test_an_entry_kept_for_the_end_is_labelled_with_the_content_it_holds(shop, tmp_path, monkeypatch):
    """The writer comes after the shop lock is released, when someone may have saved the file
    again. Here the save keeps the size and the modification time (a coarse clock, a copy that
    keeps times) but changes a barcode: the entry made from the job's read must not be taken for
    the new content (its hash is the one taken as the job read it: io.files.hash_of, by version)."""
    from test_cache import _stored

    from shopbook.io import journal
    from shopbook.schema import STOCK, Product

    monkeypatch.setattr(cache, "_at_exit", [])  # the command line's mode (cli.main)
    path = shop / "stock.xlsx"
    code = next(p.barcode for p in read_workbook(path, STOCK).rows(Product) if p.barcode)
    shutil.rmtree(shop / cache.CACHE_DIR, ignore_errors=True)
    other = code[:-1] + "01"[code[-1] == "0"]
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _stored(path, a)
    _stored(path, b, (f">{code}<".encode(), f">{other}<".encode()))
    shutil.copyfile(a, path)
    journal.run_job(shop, "test", lambda: read_workbook(path, STOCK))  # a job's read, kept for the end
    st = path.stat()
    shutil.copyfile(b, path)  # a colleague's save between the job and its writer
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    cache.write_entries(cache.take_kept())  # the writer
    got = read_workbook(path, STOCK)
    assert other in {p.barcode for p in got.rows(Product)} and code not in {p.barcode for p in got.rows(Product)}
