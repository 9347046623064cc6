"""QA: the monthly review's 考核 sheet showed each day's visitors, orders, conversion and AOV, but the
conversion and AOV are of the day's buyers (as 生意参谋's), a column it did not show: 44 buyers of 45
orders over 1,705 visitors read 2.58 %, which no one could get from the 45 and the 1,705 shown. The
buyers are shown beside them (blank where 日报 has none: the orders stand in), and the total's too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from test_reports import month_shop

from shopbook.report.monthly import make_review
from shopbook.schema import DailyKpi

DAYS = [DailyKpi(date=dt.date(2026, 10, 1), visitors=1705, buyers=44, orders=45, sales=D("13514.70"), units=85),
        DailyKpi(date=dt.date(2026, 10, 2), visitors=1000, buyers=None, orders=20, sales=D("2000.00"), units=20),
        DailyKpi(date=dt.date(2026, 10, 3), visitors=1000, buyers=30, orders=31, sales=D("3000.00"), units=31)]


def test_the_buyers_the_conversion_and_aov_are_of_are_on_the_sheet(tmp_path):
    shop = month_shop(tmp_path, days=DAYS)
    _, path, _ = make_review(shop, "monthly", "2026-10")
    ws = openpyxl.load_workbook(path)["考核"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[2]
    assert head[8] == "支付买家数", head
    days = {r[0].day: r for r in rows if isinstance(r[0], dt.datetime)}
    assert [days[d][8] for d in (1, 2, 3)] == [44, None, 30]
    for d, r in days.items():  # each day's conversion and AOV, re-added from the cells beside them
        count = r[8] if r[8] is not None else r[2]
        assert (round(count / r[1], 6), round(r[5] / count, 2)) == (round(r[6], 6), r[7]), (d, r)
    total = next(r for r in rows if r[0] == "合计")
    # one day without buyers: the total's buyers are not known, and its AOV is of the orders
    assert (total[2], total[8], total[7]) == (96, None, round(18514.70 / 96, 2)), total
    assert ws.column_dimensions["I"].width >= 12  # (the charts sit on column J: the header whole)


def test_the_daily_report_says_the_days_buyers_beside_its_orders(tmp_path):
    """The daily report's figures (its 摘要, e-mail and group message: kpi_rows) the same: the buyers after
    the orders where 日报 has them; a day without them says its conversion is of the orders."""
    from shopbook.report.daily import render_email
    from shopbook.report.workflow import run_daily

    shop = month_shop(tmp_path, days=DAYS)
    run = run_daily(shop, dt.date(2026, 10, 1), send=False, steps_only=("kpi",))
    rows = [(k.metric, k.value) for k in run.summary.kpi]
    assert rows[:4] == [("visitors", "1,705"), ("orders", "45"), ("buyers", "44"), ("sales", "¥13,514.70")], rows
    assert ("conversion", "2.58%") in rows  # 44 ÷ 1,705, from the figures above it
    text = render_email(run.summary)[1]
    # (no target beside the orders: the shop's first day, the default judges from its third month)
    assert "支付订单数：45\n支付买家数：44\n销售额：¥13,514.70" in text, text
    run = run_daily(shop, dt.date(2026, 10, 2), send=False, steps_only=("kpi",))
    assert "buyers" not in [k.metric for k in run.summary.kpi] and "转化率按 支付订单数 ÷ 访客数" in run.summary.kpi_note


def test_the_monthly_emails_figures_say_the_visitors_and_buyers(tmp_path):
    """The review's e-mail and group message (key_figures): 转化率 and 客单价 with the visitors and buyers they
    are of, where every day has its buyers; without them (a day of none), the orders they are of."""
    from shopbook.report.monthly import build_review, key_figures

    shop = month_shop(tmp_path, days=[DAYS[0], DAYS[2]])
    figures = key_figures(build_review(shop, "monthly", "2026-10"), zh=True)
    assert figures[:6] == [("访客数", "2,705"), ("支付订单数", "76"), ("支付买家数", "74"), ("销售额", "¥16,514.70"),
                           ("转化率", "2.74%"), ("客单价", "¥223.17")], figures  # 74 ÷ 2,705; 16,514.70 ÷ 74
    shop = month_shop(tmp_path / "b", days=DAYS)
    figures = dict(key_figures(build_review(shop, "monthly", "2026-10"), zh=False))
    assert "Buyers" not in figures and (figures["Visitors"], figures["Orders"]) == ("3,705", "96"), figures
