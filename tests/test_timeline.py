"""benchmarks/timeline.py, the step-by-step timeline of a whole command: run on a copy of the
demo shop, it prints the morning job's steps with their times and says what it could not time,
and the command's output and exit code are the command's own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

@pytest.fixture
def demo_copy(tmp_path):
    """The demo shop of its last 25 days (tests/demo_shop.november_copy): what these tests read is there, a fifth
    the size of the whole demo's 120 days."""
    from demo_shop import november_copy

    return november_copy(tmp_path / "shop")


ROOT = Path(__file__).resolve().parents[1]
STEP = re.compile(r"^ *(\d+\.\d{3}) +(\d+\.\d{3}) +(\d+\.\d{3})  (.{18}) ( *)(\S.*)$")  # (thread: 18 wide)


@pytest.fixture
def shop(demo_copy):
    return demo_copy


def timeline(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SHOPBOOK_NO_CACHE": "1"}  # (no cache writer left behind in the test's folder)
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / "timeline.py"), *args], capture_output=True,
                          text=True, env=env, timeout=300)


def steps(stderr: str) -> list[tuple[float, float, str, int]]:
    """(start, end, step, depth) of the command's own process, in the order printed."""
    own = stderr[stderr.index("(the command)"):]
    own = own.split("timeline of process", 1)[0]  # (a forked copy's report printed after it is not the command's)
    return [(float(m[1]), float(m[2]), m[6], len(m[5]) // 2) for m in map(STEP.match, own.splitlines()) if m]


def test_the_morning_job_step_by_step(shop):
    again = shop.parent / "twin"  # the same command without the timeline, on a second copy (a name as long as
    # the first's: the output wraps long paths at the terminal's width)
    shutil.copytree(shop, again)
    r = timeline("--", "orders", "morning", str(shop), "--batch", "T1")
    plain = subprocess.run([sys.executable, "-m", "shopbook.cli", "orders", "morning", str(again), "--batch", "T1"],
                           capture_output=True, text=True, env={**os.environ, "SHOPBOOK_NO_CACHE": "1"}, timeout=300)
    assert r.returncode == plain.returncode and r.returncode in (0, 1), r.stderr
    # (the output's white space taken out: a path wrapped inside the folder's own name, …/sh⏎op, is no path to replace)
    flat = lambda out, folder: "".join(out.split()).replace(str(folder), "SHOP")  # noqa: E731
    assert flat(r.stdout, shop) == flat(plain.stdout, again)
    assert "T1" in r.stdout
    got = steps(r.stderr)
    names = [s for _, _, s, _ in got]
    for step in ("review", "review_orders", "pick_with_kept", "make_picklist", "_edit_workbook", "patch_workbook"):
        assert step in names, r.stderr
    assert "not found" not in r.stderr, r.stderr
    for start, end, _, _ in got:
        assert 0 <= start <= end
    # a step within another is indented under it and lies within it
    review = next(s for s in got if s[2] == "review")
    inner = next(s for s in got if s[2] == "review_orders")
    assert inner[3] == review[3] + 1 and review[0] <= inner[0] <= inner[1] <= review[1]
    assert names.index("review") < names.index("make_picklist") < names.index("patch_workbook")


def test_a_step_that_is_not_there_is_said(shop):
    r = timeline("--step", "shopbook.orders.review:no_such_step", "--step", "shopbook.no_such_module:f",
                 "--", "validate", str(shop))
    assert r.returncode in (0, 1), r.stderr
    assert "not found (not timed): shopbook.orders.review:no_such_step" in r.stderr
    assert "no such module (not timed): shopbook.no_such_module" in r.stderr
    assert "read_workbook" in [s for _, _, s, _ in steps(r.stderr)]
