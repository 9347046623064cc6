"""The scheduled `daily` whose lock a colleague's job took over while it stood still: the step it stopped on
says so once, each later step is skipped pointing there (moved from test_lock_taken_over, unchanged)."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys

import pytest
from cli_run import CJK
from test_lock_taken_over import (
    COLLEAGUE,
    DEMO,
    ENV,
    _typed_row_kept,
    colleague_takes_over,
    stopped_once,
)


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
