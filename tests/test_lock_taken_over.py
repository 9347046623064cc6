"""A job whose process stood still past the lock's staleness time (a laptop's lid shut, a program
suspended with Ctrl+Z, a share gone) after checking its workbooks were unchanged: a colleague's job took
the lock over as stale and wrote. The first, when it goes on, must not replace what the other wrote."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from cli_run import CJK, SRC, flat, shopbook

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

COLLEAGUE = """
import sys, openpyxl
from pathlib import Path
from shopbook.io import journal
from shopbook.io.files import write_atomic
folder = Path(sys.argv[1])
def row_typed_in(tmp):
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb.worksheets[0]
    ws.cell(row=ws.max_row + 1, column=1, value="typed by a colleague")
    wb.save(tmp)
journal.run_job(folder, "colleague", lambda: write_atomic(folder / "orders.xlsx", row_typed_in))
"""


def _typed_row_kept(folder: Path) -> bool:
    wb = openpyxl.load_workbook(folder / "orders.xlsx", read_only=True)
    try:
        return any(r and r[0] == "typed by a colleague" for r in wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()


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
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_daily_job_whose_lock_was_taken_over_says_so_once(tmp_path, lang):
    """QA: the scheduled `daily` stood still in its pick list's write while a colleague's job took the lock
    over; every later step that wrote (the report, the e-mail …) stopped with the same long message, one per
    step. Now the step it stopped on says it, and each later step is skipped pointing there."""
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder)
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'),
                        encoding="utf-8")
    a = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "daily", str(folder), "--date", "2026-11-21",
                          "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=ENV | {"SHOPBOOK_PAUSE_AT": "replace=4"})
    # its first write's checks done
    with stopped_once(a, lambda: list((folder / ".shopbook-backup").glob("*.xlsx")), wait=120, settle=0.3):
        colleague_takes_over(COLLEAGUE, folder)
    out, err = a.communicate(timeout=300)
    assert "Traceback" not in err, err
    steps = json.loads(out)["steps"]
    said = "stood still too long" if lang == "en" else "停顿太久"
    told = [s for s in steps if said in s["detail"]]
    stopped = [s for s in told if s["ok"] is False]
    assert len(stopped) == 1 and stopped[0]["detail"].count(said) == 1, steps
    after = steps[steps.index(stopped[0]) + 1:]
    assert after and all(s["ok"] is None and s["detail"] == told[1]["detail"] for s in after), steps
    assert told[1:] == after  # the rest point at it, shortly
    where = stopped[0]["step"]
    assert where == "picklist" and ("pick list" if lang == "en" else "拣货单") in after[0]["detail"]
    # the colleague's job finished the pick list's journal (the review's cells with it) as it took the lock over
    review = next(s for s in steps if s["step"] == "review")
    assert review["ok"] is True and ("not written" if lang == "en" else "没有写入") not in review["detail"], steps
    assert len(after[0]["detail"]) < len(stopped[0]["detail"]) / 2
    if lang == "en":
        assert not CJK.search(out), out
    assert _typed_row_kept(folder)
    assert not (folder / ".shopbook.lock").exists() and not list(folder.rglob("*.shopbook-tmp*"))


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


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="stops a process")
@pytest.mark.parametrize("then", ["nothing", "orders"])
def test_a_job_a_colleague_finished_from_its_journal_is_not_said_unwritten(tmp_path, then):
    """QA: `ship` (orders.xlsx and stock.xlsx, one job) stood still just after writing its journal; a colleague's
    job took its silent lock over and, as after a crash, finished it from the journal: both workbooks held the
    shipment. The ship, let go on, said "this job did not write its result. Run again": untrue, and running
    again is what a person must not be led to do. Now it is done as it is (✓, exit 0); where the workbook
    changed since, the stop says the job that took over put the result in place."""
    from test_concurrency import N, small_shop, state

    folder = small_shop(tmp_path / "shop").folder
    a = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "ship", str(folder), str(folder / "scans.txt")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=ENV | {"SHOPBOOK_PAUSE_AT": "replace=4"})
    colleague = COLLEAGUE if then == "orders" else COLLEAGUE.replace(
        "lambda: write_atomic(folder / \"orders.xlsx\", row_typed_in)", "lambda: None")
    # its versions complete, its journal written
    with stopped_once(a, (folder / ".shopbook-journal.json").exists, poll=0.02):
        colleague_takes_over(colleague, folder)
    out, err = a.communicate(timeout=120)
    assert "Traceback" not in err, err
    st = state(folder)
    assert sum(1 for v in st["orders"].values() if v[0] == "已发货") == N and len(st["out"]) == N  # the shipment is in
    said = flat(out + err)
    assert "没有写入它的结果" not in said and "did not write its result" not in " ".join(err.split()), out + err
    if then == "nothing":  # as the job left them: done
        assert a.returncode == 0 and "✓发货：12" in said, out + err
    else:  # the colleague's row after: said as put in place by the job that took over
        assert a.returncode == 2 and "接手的任务已按日志把这个任务的结果写入" in said, out + err
        assert _typed_row_kept(folder)
    assert not (folder / ".shopbook-journal.json").exists() and not list(folder.rglob("*.shopbook-tmp*"))
    assert not (folder / ".shopbook.lock").exists()
