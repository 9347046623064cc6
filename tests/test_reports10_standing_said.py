"""`shopbook daily` run again on files unchanged stands on the run before (Run records). That run's pick
list was ! (an order packed without its gift, which ran out: the run exits 0); the second run said
"✓ … 已经做完 … 结果不变" and no word of the gift, so a colleague pressing 日报 again read "done". Now it says
! and that run's ! lines again."""

from __future__ import annotations

from test_gift_stock import SECOND, shop  # noqa: F401 (the fixture: two orders, one gift left)
from typer.testing import CliRunner

from shopbook import cli
from shopbook.cli import app


def test_a_daily_run_standing_on_a_run_with_a_bang_step_says_it_again(shop, monkeypatch):  # noqa: F811
    monkeypatch.setattr(cli.out, "_width", None)  # a line a step, as a cron job's log takes them
    monkeypatch.delenv("COLUMNS", raising=False)
    args = ["daily", str(shop.folder), "--date", "2026-11-21"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.stdout
    gift = next(ln for ln in first.stdout.splitlines() if "赠品 GIFT-1 不够" in ln)
    assert SECOND in gift and "! 拣货单：" in first.stdout, first.stdout
    again = CliRunner().invoke(app, args)
    lines = again.stdout.splitlines()
    assert again.exit_code == 0, again.stdout  # (as the run it stands on: the order ships)
    assert lines[0].startswith("! 2026-11-21 的日报在 ") and "已经做完" in lines[0], again.stdout
    assert any(ln.startswith("! 拣货单：批次 20261121-1") for ln in lines) and gift in lines, again.stdout
    assert not any(ln.startswith("✓") for ln in lines), again.stdout
    # a cron job reading --json again is told the same: that run's ! pick list step (was "steps": [])
    import json

    stood = CliRunner().invoke(app, [*args, "--json"])
    assert stood.exit_code == 0, stood.stdout
    said = json.loads(stood.stdout)
    assert said["unchanged_since"] and said["ok"] is True, said
    [pick] = said["steps"]  # (that run's ✓ steps are not said again: the screen's lines)
    assert pick["mark"] == "!" and pick["detail"].startswith("批次 20261121-1") and SECOND in pick["detail"], said
