"""QA: `report monthly --period` of a month not begun (next month) wrote an empty 月报 with '– … 还没有订单，也
没有日报数据', exit 0, and `email --report monthly --period` of it sent that empty review to the boss;
`report weekly` the same for a week to come. `ledger --month` refuses such a month. Now the reviews do
too (report.monthly.period_bounds), before anything is written or sent: exit 2, saying the period,
the day it begins and today; the month under way is still a month so far."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


def _next_month(today: dt.date) -> str:
    return f"{today.year + (today.month == 12)}-{today.month % 12 + 1:02d}"


def _next_week(today: dt.date) -> str:
    return "{0}-W{1:02d}".format(*(today + dt.timedelta(days=7)).isocalendar())


@pytest.mark.parametrize("args", [["report", "monthly"], ["report", "weekly"], ["email", "--report", "monthly"]])
def test_a_review_of_a_period_to_come_is_refused_and_nothing_written_or_sent(tmp_path, args, wide_console):
    shop = tmp_path / "shop"
    init_shop(shop)
    text = (shop / "shopbook.toml").read_text(encoding="utf-8")
    (shop / "shopbook.toml").write_text(text.replace('to = []', 'to = ["boss@example.com"]', 1), encoding="utf-8")
    today = dt.date.today()
    period = _next_week(today) if "weekly" in args else _next_month(today)
    r = CliRunner().invoke(app, [*args, str(shop), "--period", period])
    assert r.exit_code == 2, r.output
    assert f"{period}（" in r.output and f"还没有开始（今天是 {today}）" in r.output, r.output
    assert "has not begun" not in r.output, r.output  # (a Chinese shop: in its language alone)
    assert not list((shop / "reports").glob("*")) and not list((shop / "outbox").rglob("*.eml"))
    this = f"{today:%Y-%m}" if "weekly" not in args else "{0}-W{1:02d}".format(*today.isocalendar())
    r = CliRunner().invoke(app, [*args, str(shop), "--period", this])  # under way: so far
    assert r.exit_code == 0, r.output
