"""The charts of a month some of whose days have no figures (the shop closed over 春节 and nobody typed
those days; 日报 missing them): the line stops at a missing day, never drawn across it as figures."""

import datetime as dt
import math

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report import charts
from shopbook.shop import init_shop


def test_the_monthly_reviews_orders_line_breaks_at_the_days_without_figures(tmp_path, monkeypatch):
    """02-18 typed as 0 (closed), 02-19 … 02-21 not typed, 02-22 33 orders. Before: one line from 0 to 33
    through 02-19 … 02-21, as if those days had 8, 16 and 25 orders. Now it breaks after 02-18."""
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    orders = {day: 30 for day in range(1, 29) if not 19 <= day <= 21} | {18: 0, 22: 33}
    # (a shop open since November: past its first two months, judged by the default orders target)
    ws.append([{"日期": dt.datetime(2025, 11, 1), "访客数": 1000, "支付订单数": 30, "销售额": 3000}.get(h) for h in head])
    for day, n in sorted(orders.items()):
        typed = {"日期": dt.datetime(2026, 2, day), "访客数": 1000 if n else 0, "支付订单数": n, "销售额": n * 100}
        ws.append([typed.get(h) for h in head])
    wb.save(folder / "kpi.xlsx")
    drawn = []
    png = charts._png
    monkeypatch.setattr(charts, "_png", lambda plt, fig: (drawn.append([ln.get_xydata() for ln in fig.axes[0].lines]),
                                                          png(plt, fig))[1])
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-02"])
    assert r.exit_code == 1 and "2026-02-19、2026-02-20、2026-02-21" in r.output, r.output
    points = drawn[0][0]  # the orders (the target's steps after it)
    ys = [y for _, y in points]
    at = ys.index(0)  # 02-18
    assert math.isnan(ys[at + 1]) and ys[at + 2] == 33, ys
    assert not any(math.isnan(y) for y in ys[:at]), ys  # the days in a row: one line
    target = [y for _, y in drawn[0][1]]
    assert math.isnan(target[at + 1])  # (the default target, 30 a day, as its steps: broken alike)
