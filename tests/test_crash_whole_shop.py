"""test_crash (a writing command killed at any point leaves every workbook as it was before or as it is
after the whole job) for the commands that need a whole shop's books, on the demo shop: its module fixture
demo_shops and the helpers only it uses moved here with it from test_crash, unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_concurrency import run_op
from test_crash import leftovers, run_child
from typer.testing import CliRunner

from shopbook.cli import app

# --- the commands that need a whole shop's books: on the demo shop ----------------------------

DEMO_COMMANDS = ["d-alipay-a", "d-settle", "d-daily", "d-monthly"]
# the nth replace of each job: alipay (report, then the ledger lines), settle (three statements and
# the summary), daily (pick list, waybill CSV, orders.xlsx as one job; then the report, the e-mail)
DEMO_CASES = ([("d-alipay-a", p) for p in ("temp", "written", "journal", "replace:1", "replace:2")]
              + [("d-settle", p) for p in ("written", "journal", "replace:2", "replace:4")]
              + [("d-daily", p) for p in ("written", "journal", "replace:1", "replace:3", "replace:4", "replace:5")]
              + [("d-monthly", p) for p in ("temp", "written", "replace:1")])


def demo_full_state(folder: Path) -> dict:
    from test_concurrency import demo_state

    st = demo_state(folder)
    st["reports"] = [r for r in st["reports"] if not r.endswith(".png")]  # charts: rewritten, not part of a job's result
    return st


def demo_consistent(name: str, st: dict) -> bool:
    """The files of one job agree: the reconciliation's report exactly when its lines are
    booked; all of the agents' statements or none; the daily pick list exactly when its
    orders carry the batch."""
    reports = st["reports"]
    if name == "d-alipay-a":
        return any(r.startswith("对账-支付宝") for r in reports) == ("LS2026112200901" in st["txns"])
    if name == "d-settle":
        return sum(r.startswith("代理/") for r in reports) in (0, 4)
    if name == "d-daily":
        return ("拣货单-20261121-1.xlsx" in reports) == any(
            (b or "").startswith("20261121-") for _, b in st["orders"].values())
    return True


@pytest.fixture(scope="module")
def demo_shops(tmp_path_factory):
    from test_concurrency import demo_template

    tpl = demo_template(tmp_path_factory)
    root = tmp_path_factory.mktemp("crash-demo")
    after = {}
    for name in DEMO_COMMANDS:
        f = root / f"clean-{name}"
        shutil.copytree(tpl, f)
        assert run_child(name, f, "none") == 0
        after[name] = demo_full_state(f)
    return tpl, demo_full_state(tpl), after


@pytest.mark.parametrize("name,point", DEMO_CASES, ids=[f"{c}@{p}" for c, p in DEMO_CASES])
def test_killed_at_a_named_point_on_a_whole_shop(demo_shops, tmp_path, name, point):
    tpl, before, after = demo_shops
    folder = tmp_path / "shop"
    shutil.copytree(tpl, folder)
    code = run_child(name, folder, point)
    assert code == 86, f"{name} never reached {point}"
    up = CliRunner().invoke(app, ["doctor", str(folder)])
    assert up.exit_code == 0, up.output
    st = demo_full_state(folder)
    if name == "d-daily":  # several jobs, each whole: any of them may be done
        assert demo_consistent(name, st), st["reports"]
    else:
        assert st in (before, after[name]), name
    assert demo_consistent(name, st)
    assert leftovers(folder) == []
    run_op(name, folder)  # the next run completes, with the job's whole result
    assert demo_full_state(folder) == after[name]
