"""QA: a pick list that left out an approved order short of its goods exited 1 and still said
"✓ 批次 …：N 个订单" (in `picklist`, `orders morning`, their buttons and the pick list step of
`daily`), as if the batch held every order waiting; with every order waiting short it said
"– 没有待拣货的已审核订单" (none waiting), and the 拣货单 and 审单并拣货 buttons showed it in a
quiet box where the commands exit 1. Now the batch's line is ! (partly done) saying how many were
left out, ✗ when no batch could be made; the buttons are loud where the commands exit 1; `daily`'s
pick list step is ! (its exit code as it was). A parcel to pull (!!) is an earlier batch's: the
batch made beside it keeps its ✓ (tests/test_buttons_say.py). An order a person held by one row
(held back) is not an order the batch should hold: its ✓ stands (tests/test_one_row_held.py)."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from typer.testing import CliRunner

from cli_run import flat
from shopbook import xl
from shopbook.cli import app
from shopbook.report.workflow import run_daily
from shopbook.schema import ORDERS
from test_orders import lines_of
from test_pick_stock import NEW, OLD, _release
from test_pick_stock import shop  # noqa: F401 (the fixture, asked for by name below)
from xlfake import FakeBook

runner = CliRunner()
SHORT = f"! 订单 {OLD} 缺货，没有拣货（仍是已审核，到货后的拣货单会拣它）：SH-WH-L 需要 1，可用 0"
LEFT = "；1 个已审核订单缺货，没有拣货（见上）"


@pytest.fixture
def short_shop(request):
    """test_pick_stock's shop, OLD released by hand after the review gave SH-WH-L's one unit to NEW."""
    shop = request.getfixturevalue("shop")
    _release(shop)
    return shop


pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


def _twin(shop, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)
    return twin


def _batches(shop) -> dict[str, str | None]:
    return {ln.order_no: ln.batch for ln in lines_of(shop)}


def test_a_batch_with_an_order_left_out_short_is_not_a_tick(short_shop):
    shop = short_shop
    res = runner.invoke(app, ["picklist", str(shop.folder), "--batch", "b1"])
    assert res.exit_code == 1, res.stdout
    lines = res.stdout.splitlines()
    assert lines[0] == SHORT and lines[1] == f"! 批次 b1：1 个订单，1 件{LEFT}", res.stdout
    assert "✓" not in res.stdout, res.stdout
    assert _batches(shop) == {OLD: None, NEW: "b1"} and (shop.reports / "拣货单-b1.xlsx").exists()
    assert (shop.reports / "拣货单-b1.xlsx").as_posix() in res.stdout  # the batch's files, named

    # again, with the one order waiting short: no batch, said so (not "none waiting")
    res = runner.invoke(app, ["picklist", str(shop.folder), "--batch", "b2"])
    assert res.exit_code == 1 and res.stdout.splitlines() == [SHORT, "✗ 没有生成拣货单：1 个已审核订单缺货（见上）"]
    assert not (shop.reports / "拣货单-b2.xlsx").exists() and _batches(shop) == {OLD: None, NEW: "b1"}
    data = json.loads(runner.invoke(app, ["picklist", str(shop.folder), "--json"]).stdout)
    assert data["orders"] == [] and [s["order_no"] for s in data["short"]] == [OLD]


def test_the_english_words(short_shop):
    from shopbook.orders.workflow import make_picklist

    res = make_picklist(short_shop, "b1")
    assert res.batch_said() == ("!", f"批次 b1：1 个订单，1 件{LEFT}",
                                "batch b1: 1 order, 1 item; 1 approved order short, not picked (above)")
    again = make_picklist(short_shop, "b2")
    assert again.batch_said()[::2] == ("✗", "no pick list made: 1 approved order short (above)")


@pytest.mark.parametrize("press", ["picklist", "morning"])
def test_the_buttons_say_what_the_commands_print_loudly(short_shop, tmp_path, press):
    """拣货单 and 审单并拣货 on the shop, `picklist` and `orders morning` on its twin (the same batch
    name, today's): the same lines, the box the loud one as the command exits 1."""
    shop = short_shop
    twin = _twin(shop, tmp_path)
    res = runner.invoke(app, ["picklist", str(twin)] if press == "picklist" else ["orders", "morning", str(twin)])
    assert res.exit_code == 1, res.stdout
    book = FakeBook(shop.path(ORDERS))
    getattr(xl, press)(book)
    alert = book.app.alerts[-1]
    lines = alert["prompt"].splitlines()
    assert alert["mode"] == "critical", alert
    same = lambda text, folder: flat(text).replace(flat(str(folder)), "SHOP")  # noqa: E731
    assert same(alert["prompt"], shop.folder) == same(res.stdout, twin), (lines, res.stdout)
    assert SHORT in lines and not any(ln.startswith("✓ 批次") for ln in lines), lines
    assert any(ln.startswith("! 批次 ") and ln.endswith(LEFT) for ln in lines), lines
    assert _batches(shop)[OLD] is None and _batches(shop)[NEW]


def test_the_daily_pick_list_step_is_partly_done(short_shop, tmp_path):
    """The step's mark is the batch's: !, its detail the lines `picklist` prints (the batch's own mark
    is the step's), in `daily`'s table and the 日报 button's lines (DailyRun.said); not a failure
    (the run's ok), but a step that did part of its job: exit 1, as `picklist` and the README's exit
    codes say (it was 0)."""
    shop = short_shop
    twin = _twin(shop, tmp_path)
    res = runner.invoke(app, ["daily", str(twin), "--date", "2026-11-21"])
    assert res.exit_code == 1, res.stdout
    row = next(ln for ln in res.stdout.splitlines() if "拣货单 " in ln)
    assert row.startswith("│ ! 拣货单") and f"! 订单 {OLD} 缺货" in row, res.stdout
    run = run_daily(shop, dt.date(2026, 11, 21), send=False)
    step = next(s for s in run.steps if s.name == "picklist")
    assert step.mark == "!" and step.ok is True, (step.ok, step.detail)
    assert step.detail.splitlines() == [SHORT, f"批次 20261121-1：1 个订单，1 件{LEFT}"], step.detail
    assert ("!", f"拣货单：{step.detail}", f"pick list: {step.detail}") in run.said()
    assert [s for s in run.to_json()["steps"] if s["step"] == "picklist"][0]["mark"] == "!"
    assert run.ok == all(s.ok is not False for s in run.steps) and run.needs_a_person  # (a ! is no failure)
    assert _batches(shop) == {OLD: None, NEW: "20261121-1"}


def test_daily_run_again_unchanged_says_the_orders_left_out_again(short_shop, monkeypatch):
    """QA: a daily run whose pick list step was ! (an approved order left out, short of its goods) was
    kept as a run record, so the same job run again with nothing changed (the cron job's retry, the
    boss pressing 日报) said "✓ … 已经做完 … 没有变化" and exited 0: the order waiting for a person went
    unsaid. Such a run is not kept now: run again, the step says it again and the job exits 1."""
    from shopbook.io import cache

    monkeypatch.setattr(cache, "disabled", False)  # the run records go with the cache
    args = ["daily", str(short_shop.folder), "--date", "2026-11-21"]
    first = runner.invoke(app, args)
    assert first.exit_code == 1 and flat(SHORT) in flat(first.stdout), first.stdout
    again = runner.invoke(app, args)
    said = flat(again.stdout)
    assert again.exit_code == 1, again.stdout
    assert "没有变化" not in said and flat(SHORT) in said, again.stdout
