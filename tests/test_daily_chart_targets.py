"""QA: the daily e-mail's 30-day orders chart drew the report day's target over all 30 days: with 30 orders
a day the target until 09-22 and 50 from 09-23, the days of 40 orders before 09-23 (▲ in the monthly
review, whose chart steps) sat under a line of 50 on 09-30's chart. Each day's own target is drawn."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_reports import month_shop

from shopbook.report import charts, daily
from shopbook.report.workflow import run_daily
from shopbook.schema import Target


def test_the_daily_chart_draws_each_days_target(tmp_path, monkeypatch):
    shop = month_shop(tmp_path, targets=[Target(metric="支付订单数", target=D(30), start=dt.date(2026, 7, 25)),
                                         Target(metric="支付订单数", target=D(50), start=dt.date(2026, 9, 23))])
    monkeypatch.setenv("SHOPBOOK_APART", "0")  # drawn here, where what is drawn can be seen
    real, seen = daily.draw_charts, []
    monkeypatch.setattr(daily, "draw_charts", lambda data: (seen.append(data), real(data))[1])
    drawn = []
    monkeypatch.setattr(charts, "trend_chart", lambda *a, **k: drawn.append(a) or b"\x89PNG")  # (what it is asked to draw)
    run = run_daily(shop, dt.date(2026, 9, 30), send=False, steps_only=("kpi", "report", "email"))
    assert run.email is not None and seen, run.to_json()
    _, dates, _, target, _ = drawn[0]
    line = dict(zip(dates, target))
    assert (line[dt.date(2026, 9, 22)], line[dt.date(2026, 9, 23)], line[dt.date(2026, 9, 30)]) == (30, 50, 50), line
    assert "conversion" not in seen[0]["target_days"]  # (2 % all along: its level line, as before)
