"""A job a colleague's job finished from its journal after taking its lock over is not said unwritten
(moved from test_lock_taken_over, unchanged)."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from cli_run import flat
from test_lock_taken_over import (
    COLLEAGUE,
    ENV,
    _typed_row_kept,
    colleague_takes_over,
    stopped_once,
)


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
