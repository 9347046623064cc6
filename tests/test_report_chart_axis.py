"""QA: the reviews' and the daily report's orders chart began its axis at the month's lowest point (25
under days of 44–59 orders): the day of 27 orders looked like a day of none, and 44 against the target
of 50 like half of it. The axis of counts begins at 0."""

from __future__ import annotations

import datetime as dt

from shopbook.report import charts


def test_the_orders_axis_begins_at_nought(monkeypatch):
    seen = []
    real = charts._png
    monkeypatch.setattr(charts, "_png", lambda plt, fig: seen.append(fig.axes[0].get_ylim()) or real(plt, fig))
    orders = [45, 44, 52, 27, 58, 59]
    png = charts.trend_chart("2026-10 每日支付订单数", [dt.date(2026, 10, d) for d in range(20, 26)], {"订单": orders},
                             [50.0] * 6, "目标")
    assert png.startswith(b"\x89PNG") and seen[0][0] == 0 and seen[0][1] >= 59, seen
