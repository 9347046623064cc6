"""validate reads a big self-contained workbook (the ledger) in a second process while it reads
the others (io.background.Apart, validate.run): the verdict must be the one a single process
gives, stops must come in the same order, and a second process that dies or is left behind must
cost nothing but time. Real workbooks, a real fork (on Linux; elsewhere there is no second process)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from test_validate import shop  # noqa: F401  (a shop with an error in every workbook)

from shopbook.io import background, cache
from shopbook.issues import ShopbookError
from shopbook.validate import run, validate_path

DEMO = Path(__file__).resolve().parents[1] / "xlsx"
pytestmark = pytest.mark.skipif(not background.CAN_FORK, reason="a second process is forked on Linux only")


@pytest.fixture
def apart(monkeypatch):
    """Every ledger goes to a second process (not only those of 1 MB or more)."""
    monkeypatch.setattr(run, "APART_BYTES", 0)
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)


def verdict(v) -> tuple:
    return ([dataclasses.astuple(i) for i in v.issues], [dataclasses.astuple(n) for n in v.notes],
            list(v.books.items()), v.exit_code)


def in_one_process(path: Path, monkeypatch) -> tuple:
    with monkeypatch.context() as m:
        m.setenv("SHOPBOOK_APART", "0")
        return verdict(validate_path(path))


def stops(path: Path, monkeypatch) -> tuple[ShopbookError, ShopbookError]:
    """The stop validate says here, and the one it says in one process."""
    with pytest.raises(ShopbookError) as here:
        validate_path(path)
    with monkeypatch.context() as m:
        m.setenv("SHOPBOOK_APART", "0")
        with pytest.raises(ShopbookError) as alone:
            validate_path(path)
    return here.value, alone.value


def pids_of_checks(monkeypatch, tmp_path: Path, then=None) -> Path:
    """Each run of the ledger's checks writes its process id to a file (and then does `then`)."""
    log = tmp_path / "pids"
    real = run._check_alone

    def logged(*args):
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        if then is not None:
            then()
        return real(*args)

    monkeypatch.setattr(run, "_check_alone", logged)
    return log


def test_the_ledger_checked_in_a_second_process_gives_the_same_verdict(shop, apart, monkeypatch, tmp_path):
    log = pids_of_checks(monkeypatch, tmp_path)
    v = validate_path(shop)
    pids = log.read_text().split()
    assert pids and pids[0] != str(os.getpid())  # it ran there
    assert any(i.book == "ledger.xlsx" and i.is_error for i in v.issues)  # the ledger's errors came back
    assert any(i.book == "orders.xlsx" and i.is_error for i in v.issues)
    assert list(v.books) == ["stock.xlsx", "orders.xlsx", "ledger.xlsx", "kpi.xlsx", "agents.xlsx"]
    assert verdict(v) == in_one_process(shop, monkeypatch)


def test_the_demo_shop_and_a_ledger_with_a_totals_row_read_the_same(tmp_path, apart, monkeypatch):
    import openpyxl

    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns(".shopbook-*"))
    assert verdict(validate_path(folder)) == in_one_process(folder, monkeypatch)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb.worksheets[0]
    ws.cell(ws.max_row + 1, 1, "合计")  # a note ("a totals row skipped"), not an issue
    ws.cell(ws.max_row + 2, 4, "abc")  # and a value that does not read
    wb.save(folder / "ledger.xlsx")
    v = validate_path(folder)
    assert any(n.book == "ledger.xlsx" for n in v.notes) or any(i.book == "ledger.xlsx" for i in v.issues)
    assert verdict(v) == in_one_process(folder, monkeypatch)


@pytest.mark.parametrize("broken", [
    ["ledger.xlsx"],  # the one a second process reads
    ["orders.xlsx", "ledger.xlsx"],  # orders comes first, in one process as here
    ["ledger.xlsx", "kpi.xlsx"],  # the ledger comes before kpi
])
def test_workbooks_that_do_not_read_are_said_as_one_process_says_them(shop, apart, monkeypatch, broken):
    """Each is named among the folder's problems (the others validated all the same), in the order one
    process meets them, whether a second process read it or not: the same verdict either way."""
    for name in broken:
        (shop / name).write_bytes(b"not a workbook at all")
    v = validate_path(shop)
    assert [i.book for i in v.issues if "was not validated" in i.message_en] == broken and v.exit_code == 2
    assert verdict(v) == in_one_process(shop, monkeypatch)


def test_a_second_process_that_dies_costs_only_time(shop, apart, monkeypatch, tmp_path):
    parent = os.getpid()

    def die_there():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)

    log = pids_of_checks(monkeypatch, tmp_path, die_there)
    v = validate_path(shop)
    pids = log.read_text().split()
    assert len(pids) == 2 and pids[0] != str(parent) and pids[1] == str(parent)  # killed there, done here
    assert verdict(v) == in_one_process(shop, monkeypatch)


def test_a_second_process_stuck_without_working_is_killed_and_the_work_done_here(shop, apart, monkeypatch, tmp_path):
    import threading

    parent = os.getpid()
    monkeypatch.setattr(background, "STALLED", 1.0)

    def stuck_there():  # as on a lock another thread held at the fork: waiting, using no CPU
        if os.getpid() != parent:
            threading.Event().wait()

    log = pids_of_checks(monkeypatch, tmp_path, stuck_there)
    t = time.monotonic()
    v = validate_path(shop)
    assert time.monotonic() - t < 20
    pids = log.read_text().split()
    assert len(pids) == 2 and pids[0] != str(parent) and pids[1] == str(parent)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pids[0]), 0)
    assert verdict(v) == in_one_process(shop, monkeypatch)


def test_no_second_process_to_be_had_is_no_stop(shop, apart, monkeypatch, tmp_path):
    def refused():
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", refused)
    log = pids_of_checks(monkeypatch, tmp_path)
    v = validate_path(shop)
    assert log.read_text().split() == [str(os.getpid())]  # done here
    assert verdict(v) == in_one_process(shop, monkeypatch)


def test_a_second_process_left_behind_is_killed_and_reaped(shop, apart, monkeypatch, tmp_path):
    def stop(*args, **kwargs):  # this process stops (a workbook asked for that does not read) before it asks for the ledger
        raise ShopbookError("坏了", "broken", str(shop / "orders.xlsx"))

    monkeypatch.setattr(run, "read_workbooks", stop)
    pids_of_checks(monkeypatch, tmp_path, lambda: time.sleep(60))
    started = []

    class Seen(background.Apart):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self.pid)

    monkeypatch.setattr(run, "Apart", Seen)
    t = time.monotonic()
    with pytest.raises(ShopbookError):
        validate_path(shop)
    assert time.monotonic() - t < 30
    assert len(started) == 1 and started[0]
    with pytest.raises(ChildProcessError):  # reaped: not a zombie of this process
        os.waitpid(started[0], os.WNOHANG)
    with pytest.raises(ProcessLookupError):  # and gone
        os.kill(started[0], 0)


def test_the_second_process_keeps_the_ledger_in_the_cache(shop, apart, monkeypatch):
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    first = validate_path(shop)
    entry = list((shop / cache.CACHE_DIR).glob("ledger.xlsx.*.arrow"))
    assert len(entry) == 1  # written there, though this process never read the ledger
    for record in (shop / cache.CACHE_DIR).glob("*.run.json"):
        record.unlink()  # no recorded verdict: the workbooks are read again
    monkeypatch.setenv("SHOPBOOK_APART", "0")  # and read here now: the ledger from that entry
    for k in cache.stats:
        monkeypatch.setitem(cache.stats, k, 0)
    again = validate_path(shop)
    assert cache.stats["hits"] >= 1 and cache.stats["bad"] == 0
    assert verdict(again) == verdict(first)


def test_only_a_big_ledger_goes_to_a_second_process(shop, monkeypatch, tmp_path):
    log = pids_of_checks(monkeypatch, tmp_path)
    validate_path(shop)  # the test shop's ledger is a few kB
    assert not log.exists()
    monkeypatch.setattr(run, "APART_BYTES", 0)
    validate_path(shop / "ledger.xlsx")  # one workbook asked for: read here with its siblings
    assert not log.exists()
    monkeypatch.setenv("SHOPBOOK_APART", "0")
    validate_path(shop)
    assert not log.exists()


def test_within_a_job_only_where_the_cache_hands_the_ledger_on(shop, apart, monkeypatch, tmp_path):
    from shopbook.io.reader import read_cache

    log = pids_of_checks(monkeypatch, tmp_path)
    monkeypatch.setattr(cache, "disabled", True)
    with read_cache():  # a job's later steps would parse the ledger again: read here, shared
        validate_path(shop)
    assert not log.exists()
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    with read_cache():  # they decode the entry the second process writes
        validate_path(shop)
    assert log.exists()


def test_a_broken_shopbook_toml_keeps_one_process_s_order_of_stops(shop, apart, monkeypatch):
    (shop / "shopbook.toml").write_text("[shop\nname = ", encoding="utf-8")
    (shop / "kpi.xlsx").write_bytes(b"not a workbook")  # comes after the ledger: said first all the same
    here = validate_path(shop)  # (both said, every problem at once: test_validate_settings_and_books)
    with monkeypatch.context() as m:
        m.setenv("SHOPBOOK_APART", "0")
        alone = validate_path(shop)
    assert here.issues == alone.issues and here.exit_code == alone.exit_code == 2
    assert [i.book for i in here.errors[:2]] == ["shopbook.toml", "kpi.xlsx"]


def test_a_parent_that_ignores_sigchld_still_gets_the_result(monkeypatch):
    """Started by a supervisor that set SIGCHLD to be ignored: the kernel reaps the child itself."""
    monkeypatch.delenv("SHOPBOOK_APART", raising=False)
    was = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        with background.Apart(os.getpid) as aside:
            got = aside.result()
    finally:
        signal.signal(signal.SIGCHLD, was)
    assert got != os.getpid()  # the child's answer, not one worked out again here
