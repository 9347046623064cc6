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


def test_a_new_shops_chart_of_one_day_shows_its_week_by_day_and_whole_orders(monkeypatch):
    """A shop's first daily e-mail: its one point drawn amid four years of axis (2025-01 … 2029-01) under
    "近 30 天", and 3 orders on an axis of 0.5, 1.5, 2.5 orders. Now the week to that day, a tick a day
    (11-28 … 12-04), and whole orders."""
    from matplotlib.dates import num2date

    seen = []
    monkeypatch.setattr(charts, "_png", lambda plt, fig: seen.append(fig.axes[0]) or plt.close(fig) or b"")
    charts.trend_chart("近 30 天支付订单数", [dt.date(2026, 12, 4)], {"支付订单数": [3]})
    ax = seen[0]
    left, right = (num2date(x).date() for x in ax.get_xlim())
    assert (left, right) == (dt.date(2026, 11, 27), dt.date(2026, 12, 4)), (left, right)  # (half a day either side)
    ticks = [num2date(x).date() for x in ax.get_xticks() if ax.get_xlim()[0] <= x <= ax.get_xlim()[1]]
    assert ticks == [dt.date(2026, 11, 28) + dt.timedelta(days=k) for k in range(7)], ticks
    assert all(y == int(y) for y in ax.get_yticks()), ax.get_yticks()


def test_a_reviews_chart_is_of_its_period_whatever_days_have_figures(monkeypatch):
    """December's review of a shop opened on the 1st, made on the 5th: its 4 days were drawn on the week
    to 12-04, three days of November beside them. The axis is the period's, 12-01 … 12-31."""
    from matplotlib.dates import num2date

    seen = []
    monkeypatch.setattr(charts, "_png", lambda plt, fig: seen.append(fig.axes[0]) or plt.close(fig) or b"")
    charts.trend_chart("2026-12 每日支付订单数", [dt.date(2026, 12, d) for d in range(1, 5)], {"订单": [0, 0, 1, 0]},
                       span=(dt.date(2026, 12, 1), dt.date(2026, 12, 31)))
    left, right = (num2date(x).replace(tzinfo=None) for x in seen[0].get_xlim())
    assert (left, right) == (dt.datetime(2026, 11, 30, 12), dt.datetime(2026, 12, 31, 12)), (left, right)
