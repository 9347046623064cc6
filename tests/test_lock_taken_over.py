"""A job whose process stood still past the lock's staleness time (a laptop's lid shut, a program
suspended with Ctrl+Z, a share gone) after checking its workbooks were unchanged: a colleague's job took
the lock over as stale and wrote. The first, when it goes on, must not replace what the other wrote."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_run import SRC, flat, shopbook

DEMO = Path(__file__).resolve().parents[1] / "xlsx"
# the jobs' environment: this checkout's code, the console width its own
ENV = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC)}


@contextmanager
def stopped_once(a: subprocess.Popen, ready, wait: float = 60, poll: float = 0.05, settle: float = 0.0):
    """Job `a` stopped (SIGSTOP: its heartbeat stops with it) once `ready()` holds, for the with block (a
    laptop's lid shut), and let go on after it, whatever happened (a job that ended first: said)."""
    try:
        end = time.monotonic() + wait
        while not ready():
            assert a.poll() is None and time.monotonic() < end, a.communicate()
            time.sleep(poll)
        time.sleep(settle)
        a.send_signal(signal.SIGSTOP)
        yield
    finally:
        a.send_signal(signal.SIGCONT)


def colleague_takes_over(colleague: str, folder: Path) -> None:
    """A colleague's job (`colleague`: Python run with the folder) that finds the silent lock stale after 1 s,
    takes it over and finishes."""
    b = subprocess.run([sys.executable, "-c", colleague, str(folder)], capture_output=True, text=True,
                       timeout=120, env=ENV | {"SHOPBOOK_LOCK_STALE": "1"}, check=False)
    assert b.returncode == 0, b.stderr

# the row typed into the sheet's XML (tests/xml_cells, as cli_run.type_in types) and read back with calamine:
# openpyxl took 4–5 CPU-seconds to load and save the demo's year of orders, and seconds to scan it each check
COLLEAGUE = f"""
import shutil, sys
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
import python_calamine, xml_cells
from shopbook.io import journal
from shopbook.io.files import write_atomic
folder = Path(sys.argv[1])
def row_typed_in(tmp):
    shutil.copyfile(folder / "orders.xlsx", tmp)
    wb = python_calamine.CalamineWorkbook.from_path(str(tmp))
    last = len(wb.get_sheet_by_index(0).to_python())
    assert xml_cells.set_cells(tmp, {{wb.sheet_names[0]: {{(last + 1, 1): "typed by a colleague"}}}})
journal.run_job(folder, "colleague", lambda: write_atomic(folder / "orders.xlsx", row_typed_in))
"""


def _typed_row_kept(folder: Path) -> bool:
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(folder / "orders.xlsx")).get_sheet_by_index(0).to_python()
    return any(r and r[0] == "typed by a colleague" for r in rows)


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="stops a process")
def test_a_job_whose_lock_was_taken_over_while_it_stood_still_writes_nothing(tmp_path):
    """QA: `orders review` stopped (SIGSTOP) just before replacing orders.xlsx; a colleague's job took the
    silent lock over, added a row to orders.xlsx and finished; the review, let go on, replaced orders.xlsx
    with its own version: the colleague's row was gone without a word."""
    folder = tmp_path / "店 铺"
    shutil.copytree(DEMO, folder)
    a = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "orders", "review", str(folder)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=ENV | {"SHOPBOOK_PAUSE_AT": "replace=5"})
    # its checks done, its backup kept
    with stopped_once(a, lambda: list((folder / ".shopbook-backup").glob("orders.*.xlsx")), settle=0.3):
        colleague_takes_over(COLLEAGUE, folder)
        assert _typed_row_kept(folder)
    out, err = a.communicate(timeout=120)
    assert a.returncode == 2, out + err
    said = flat(err)
    assert "停顿太久" in said and "没有写入它的结果" in said and "Traceback" not in err, err
    assert "did not write its result" in " ".join(err.split())
    assert _typed_row_kept(folder)  # the colleague's row is there
    assert not (folder / ".shopbook.lock").exists() and not (folder / ".shopbook-journal.json").exists()
    assert not list(folder.rglob("*.shopbook-tmp*"))
    r = shopbook("doctor", folder)  # nothing left behind to repair
    assert r.returncode == 0 and "没有发现问题" in r.stdout, r.stdout + r.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="stops a process")
def test_a_job_woken_after_a_takeover_never_keeps_the_new_holders_lock_alive(tmp_path):
    """QA: `orders review` stood still (a laptop asleep); a colleague's job on another PC took its silent lock
    over, then that PC lost power mid-job. The review, woken, went on touching the lock file every few
    seconds as its own heartbeat, so the dead colleague's lock never went stale and everyone else waited on
    it. Now its heartbeat stops at a lock that is not its own."""
    import json

    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    a = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "orders", "review", str(folder)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=ENV | {"SHOPBOOK_PAUSE_AT": "replace=4", "SHOPBOOK_LOCK_STALE": "1"})  # beats every 0.25 s
    lock_file = folder / ".shopbook.lock"
    with stopped_once(a, lambda: list((folder / ".shopbook-backup").glob("orders.*.xlsx"))):
        time.sleep(0.5)  # (a beat already under way lands)
        theirs = {"host": "CANGKU-PC", "user": "李四", "pid": 4242, "command": "shopbook ship", "token": "theirs",
                  "since": "2026-11-22 08:00:00 +0800"}
        lock_file.write_text(json.dumps(theirs), encoding="utf-8")  # taken over, then its PC lost power
        set_at = time.time() - 30
        os.utime(lock_file, (set_at, set_at))
    time.sleep(1.5)  # the review goes on (its pause at the replace), its heartbeat thread awake
    assert lock_file.stat().st_mtime == pytest.approx(set_at, abs=0.01), "the woken job touched another's lock"
    out, err = a.communicate(timeout=120)
    assert a.returncode == 2 and "停顿太久" in flat(err) and "Traceback" not in err, out + err
    assert json.loads(lock_file.read_text(encoding="utf-8"))["token"] == "theirs"  # theirs, left for doctor
