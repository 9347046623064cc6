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
from pathlib import Path

import openpyxl
import pytest
from cli_run import CJK, SRC, flat, shopbook

DEMO = Path(__file__).resolve().parents[1] / "xlsx"

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
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC)}
    a = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "orders", "review", str(folder)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=env | {"SHOPBOOK_PAUSE_AT": "replace=5"})
    try:
        end = time.monotonic() + 60
        while not list((folder / ".shopbook-backup").glob("orders.*.xlsx")):  # its checks done, its backup kept
            assert a.poll() is None and time.monotonic() < end, a.communicate()
            time.sleep(0.05)
        time.sleep(0.3)
        a.send_signal(signal.SIGSTOP)  # its heartbeat stops with it
        b = subprocess.run([sys.executable, "-c", COLLEAGUE, str(folder)], capture_output=True, text=True,
                           timeout=120, env=env | {"SHOPBOOK_LOCK_STALE": "1"}, check=False)
        assert b.returncode == 0, b.stderr
        assert _typed_row_kept(folder)
    finally:
        a.send_signal(signal.SIGCONT)
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
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC)}
    a = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "daily", str(folder), "--date", "2026-11-21",
                          "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=env | {"SHOPBOOK_PAUSE_AT": "replace=4"})
    try:
        end = time.monotonic() + 120
        while not list((folder / ".shopbook-backup").glob("*.xlsx")):  # its first write's checks done
            assert a.poll() is None and time.monotonic() < end, a.communicate()
            time.sleep(0.05)
        time.sleep(0.3)
        a.send_signal(signal.SIGSTOP)
        b = subprocess.run([sys.executable, "-c", COLLEAGUE, str(folder)], capture_output=True, text=True,
                           timeout=120, env=env | {"SHOPBOOK_LOCK_STALE": "1"}, check=False)
        assert b.returncode == 0, b.stderr
    finally:
        a.send_signal(signal.SIGCONT)
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
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC)}
    a = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "orders", "review", str(folder)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=env | {"SHOPBOOK_PAUSE_AT": "replace=4", "SHOPBOOK_LOCK_STALE": "1"})  # beats every 0.25 s
    lock_file = folder / ".shopbook.lock"
    try:
        end = time.monotonic() + 60
        while not list((folder / ".shopbook-backup").glob("orders.*.xlsx")):
            assert a.poll() is None and time.monotonic() < end, a.communicate()
            time.sleep(0.05)
        a.send_signal(signal.SIGSTOP)
        time.sleep(0.5)  # (a beat already under way lands)
        theirs = {"host": "CANGKU-PC", "user": "李四", "pid": 4242, "command": "shopbook ship", "token": "theirs",
                  "since": "2026-11-22 08:00:00 +0800"}
        lock_file.write_text(json.dumps(theirs), encoding="utf-8")  # taken over, then its PC lost power
        set_at = time.time() - 30
        os.utime(lock_file, (set_at, set_at))
    finally:
        a.send_signal(signal.SIGCONT)
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
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"PYTHONPATH": str(SRC)}
    a = subprocess.Popen([sys.executable, "-m", "shopbook.cli", "ship", str(folder), str(folder / "scans.txt")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=env | {"SHOPBOOK_PAUSE_AT": "replace=4"})
    colleague = COLLEAGUE if then == "orders" else COLLEAGUE.replace(
        "lambda: write_atomic(folder / \"orders.xlsx\", row_typed_in)", "lambda: None")
    try:
        end = time.monotonic() + 60
        while not (folder / ".shopbook-journal.json").exists():  # its versions complete, its journal written
            assert a.poll() is None and time.monotonic() < end, a.communicate()
            time.sleep(0.02)
        a.send_signal(signal.SIGSTOP)
        b = subprocess.run([sys.executable, "-c", colleague, str(folder)], capture_output=True, text=True,
                           timeout=120, env=env | {"SHOPBOOK_LOCK_STALE": "1"}, check=False)
        assert b.returncode == 0, b.stderr
    finally:
        a.send_signal(signal.SIGCONT)
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
