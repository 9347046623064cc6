"""The daily e-mail's 近 30 天 charts of 11-25, 日报 and the orders ending 11-21: the axis ended at 11-21, the
last point drawn at its end as the day reported, the four days without figures nowhere. The axis now runs
to the report's day; a new shop's first day still shows its week, not thirty days of nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from matplotlib.dates import num2date

from shopbook.kpi.metrics import Day
from shopbook.report import charts
from shopbook.report.daily import DailySummary, chart_data, draw_charts


def _axes(monkeypatch, day: dt.date, history: list[Day]) -> dict:
    seen = []
    monkeypatch.setattr(charts, "_png", lambda plt, fig: seen.append(fig.axes[0]) or plt.close(fig) or b"png")
    s = DailySummary("店", day, "zh", history=history)
    drawn = draw_charts(chart_data(s, {"orders": D(50)}))
    return dict(zip(drawn, [tuple(num2date(x).date() for x in ax.get_xlim()) for ax in seen]))


def test_the_daily_charts_axis_runs_to_the_reports_day(monkeypatch):
    days = [Day(dt.date(2026, 10, 20) + dt.timedelta(days=k), 2000, 50, 50, D(5000), 90) for k in range(33)]
    assert days[-1].date == dt.date(2026, 11, 21)
    axes = _axes(monkeypatch, dt.date(2026, 11, 25), days)
    # (half a day either side: 10-26 12:00 … 11-25 12:00)
    assert axes == {"orders": (dt.date(2026, 10, 26), dt.date(2026, 11, 25)),
                    "conversion": (dt.date(2026, 10, 26), dt.date(2026, 11, 25))}, axes
    axes = _axes(monkeypatch, dt.date(2026, 12, 4), [Day(dt.date(2026, 12, 4), None, None, 3, D(300), 3)])
    assert axes == {"orders": (dt.date(2026, 11, 27), dt.date(2026, 12, 4))}, axes  # a new shop: its week
