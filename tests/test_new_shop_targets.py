"""QA of a new shop's first months: shopbook's default orders target (30 a day, DOMAIN: "after the
second month") judged it from day one — a shop of 3 orders read 3▼ against 30（默认） in its daily
report, e-mail and group message, "支付订单数 3, under its target 30" in its self-check, and ▼ on every
day of its first monthly review. Now the default orders target judges a shop from its third month
(its figures' first day two months on: kpi.metrics.targets_in_force), said beside the figures in the
shop's language; a target the shop typed on 目标 judges it from day one, as before."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.schema import KPI, DailyKpi, Target
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

NEW = {"zh": "新店前两个月不考核默认目标（支付订单数 30）", "en": "A new shop is not judged by the default target (Orders 30)"}
THIRD = {"zh": "从 {d} 起（开店第三个月）", "en": "the default target starts in the shop's third month, on {d}"}
DEFAULT = {"zh": "30（默认）", "en": "30 (default)"}
HOW = {"zh": "加一行（指标、目标值）", "en": "with a row (metric, target)"}
GROUP = {"zh": "3（目标 30▼（默认））", "en": "3 (target 30▼ (default))"}  # the group message's figure


def day(date: dt.date, orders: int = 3) -> DailyKpi:
    return DailyKpi(date=date, visitors=100, buyers=orders, orders=orders, sales=D(orders * 100), units=orders)


def shop_of(tmp_path, lang: str, days: list[DailyKpi], targets=()):
    folder = tmp_path / f"shop-{lang}-{days[0].date}"
    init_shop(folder, lang)
    write_workbook(folder / "kpi.xlsx", KPI, lang, {DailyKpi: days, Target: list(targets)}, keep_backup=False)
    return open_shop(folder)


def test_the_default_orders_target_starts_in_the_third_month_and_a_typed_one_on_day_one():
    from shopbook.kpi.metrics import targets_in_force

    oct31, dec31 = dt.date(2026, 10, 31), dt.date(2026, 12, 31)
    spared = targets_in_force([], dt.date(2026, 12, 30), oct31)
    assert "orders" not in spared.targets and spared.spared == {"orders"} and spared.judged_from == dec31
    assert spared.targets["conversion"] == D("0.02")  # (the other defaults judge from day one)
    judged = targets_in_force([], dec31, oct31)
    assert judged.targets["orders"] == 30 and "orders" in judged.defaults and not judged.spared
    assert targets_in_force([], dt.date(2027, 2, 27), dec31).judged_from == dt.date(2027, 2, 28)  # (no 02-31)
    typed = targets_in_force([Target(metric="支付订单数", target=D(5))], oct31, oct31)  # the shop's own: day one
    assert typed.targets["orders"] == 5 and not typed.spared and "orders" not in typed.defaults
    assert targets_in_force([], oct31, None).targets["orders"] == 30  # (no figures yet: as ever)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_new_shops_daily_report_judges_no_default_orders_target_until_its_third_month(tmp_path, lang):
    from shopbook.report.bots import daily_summary
    from shopbook.report.daily import chart_data, render_email, write_daily_workbook
    from shopbook.report.selfcheck import below_target
    from shopbook.report.workflow import run_daily

    first = [day(dt.date(2026, 11, d)) for d in (1, 2, 3)]  # a shop of 3 orders a day, opened 11-01
    for days, new in ((first, True), ([day(dt.date(2026, 9, 1))] + first, False)):  # and one open since 09-01
        s = run_daily(shop_of(tmp_path, lang, days), dt.date(2026, 11, 3), send=False, steps_only=("kpi",)).summary
        orders = next(k for k in s.kpi if k.metric == "orders")
        group = dict(daily_summary(s).figures)
        text = render_email(s)[1]
        path = write_daily_workbook(tmp_path / f"daily-{lang}-{new}.xlsx", s)
        ws = openpyxl.load_workbook(path).worksheets[0]
        cell = next(r[2] for r in ws.iter_rows(min_row=4) if r[0].value == orders.label)
        below = [label for label, _, _ in below_target(s.kpi)]
        if new:
            assert (orders.target, orders.vs_target, orders.raw_target) == ("", "", None), orders
            assert NEW[lang] in s.kpi_note and THIRD[lang].format(d="2027-01-01") in s.kpi_note, s.kpi_note
            assert group[orders.label] == "3" and NEW[lang] in text and cell.value is None
            assert s.kpi_note.count(HOW[lang]) == 1, s.kpi_note  # (how a target is typed: said once, not twice)
            assert orders.label not in below  # the self-check's "KPIs under target"
            assert chart_data(s, {}, [], dt.date(2026, 11, 1))["targets"] == {}  # no target line
            # (a new shop's words in its own language only)
            assert (re.search(r"[\u4e00-\u9fff]", s.kpi_note) is None) is (lang == "en"), s.kpi_note
        else:
            assert orders.target == DEFAULT[lang] and orders.vs_target == "▼" and NEW[lang] not in s.kpi_note
            assert group[orders.label] == GROUP[lang] and cell.value == 30 and orders.label in below


def test_the_e_mails_orders_chart_draws_the_default_target_from_the_third_month_on():
    from shopbook.kpi.metrics import Day
    from shopbook.report.daily import DailySummary, chart_data

    days = [Day(dt.date(2026, 11, 1) + dt.timedelta(k), 100, 3, 3, D(300), 3) for k in range(35)]
    s = DailySummary("店", days[-1].date, "zh", history=days)
    data = chart_data(s, {"orders": D(30)}, [], dt.date(2026, 9, 15))  # its third month from 11-15
    line = data["target_days"]["orders"]
    assert line[:9] == [None] * 9 and set(line[9:]) == {"30"}, line  # (11-06 … 11-14 none, then 30)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_new_shops_first_monthly_review_judges_no_default_orders_target(tmp_path, lang, monkeypatch):
    from PIL import Image

    from shopbook.report import charts
    from shopbook.report.bots import monthly_summary
    from shopbook.report.monthly import make_review

    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    drawn, spans = [], []  # (the target line and the axis each orders chart was given: no matplotlib here)
    monkeypatch.setattr(charts, "trend_chart",
                        lambda *a, **k: (drawn.append(a[3:5]), spans.append(k.get("span")), png.getvalue())[-1])
    nov = [day(dt.date(2026, 11, d)) for d in range(21, 31)]  # 10 days of figures: opened 11-21
    shop = shop_of(tmp_path, lang, nov)
    rev, path, _ = make_review(shop, "monthly", "2026-11")
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], dt.datetime)]
    assert len(rows) == 10 and all(r[3] is None and r[4] is None for r in rows), rows  # no 30, no ▼
    said = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)]
    assert any(NEW[lang] in x and THIRD[lang].format(d="2027-01-21") in x for x in said), said
    assert drawn == [(None, "目标" if lang == "zh" else "target")]  # no target line drawn
    assert spans == [(dt.date(2026, 11, 1), dt.date(2026, 11, 30))]  # (November's axis, not its last 10 days')
    # and its totals are of 10 days, not November's 30: said in A2, on screen and in the group message
    began = {"zh": "店铺从 2026-11-21 才有数据（第一笔订单或日报）：合计是这 10 天的，不是整月的。",
             "en": "The shop's figures begin on 2026-11-21 (its first order or Daily row): the totals are of those "
                   "10 days, not a whole month's."}[lang]
    assert ws["A2"].value == began and [x[1 if lang == "zh" else 2] for x in rev.said(path)][1] == began
    assert began in monthly_summary(shop, rev, workbook=True).todo

    # a shop open since 09-20: its third month from 11-20, the default judging each day from then
    nov = [day(dt.date(2026, 9, 20))] + [day(dt.date(2026, 11, d)) for d in range(10, 30)]
    _, path, _ = make_review(shop_of(tmp_path, lang, nov), "monthly", "2026-11")
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = {r[0].day: r[3:5] for r in ws.iter_rows(values_only=True) if isinstance(r[0], dt.datetime)}
    assert rows[19] == (None, None) and rows[20] == rows[29] == (30, "▼"), rows
    said = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)]
    assert any(THIRD[lang].format(d="2026-11-20") in x for x in said), said
    assert drawn[-1][0][:10] == [None] * 10 and drawn[-1][0][10:] == [30.0] * 10, drawn
