"""QA: only falls were anomalies (visitors, orders, sales, conversion, AOV). A home-page bounce rate
jumping from 40 % to 62 %, or the ad spend tripling overnight with the sales flat, went by unmarked,
though that is what costs the shop. Now a bounce rate rising as far over its 7-day median as a fall
must go under it ([kpi] anomaly_drop) is an anomaly, and so is ROI (sales ÷ ad spend) falling that far;
the note says which rose and which fell. Spend up with sales up is no anomaly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.report.workflow import run_daily
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def _day(d: int, bounce: str, ad: str, visitors: int = 1000) -> DailyKpi:
    return DailyKpi(date=dt.date(2026, 11, d), visitors=visitors, buyers=30, orders=30, sales=D("6000.00"), units=35,
                    bounce_rate=D(bounce), ad_spend=D(ad))


def test_a_bounce_rate_and_ad_spend_jump_are_anomalies(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    rows = [_day(d, "0.40", "300.00") for d in range(13, 20)] + [_day(20, "0.62", "950.00", visitors=600)]
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: rows}, keep_backup=False)
    run = run_daily(open_shop(folder), dt.date(2026, 11, 20), send=False, steps_only=("kpi", "report"))
    marked = {k.metric for k in run.summary.kpi if k.anomaly}
    assert marked == {"visitors", "bounce_rate", "roi"}, run.summary.kpi
    note = run.summary.kpi_note
    assert "标 ! 的访客数、ROI（销售额÷推广花费）比中位数低 30% 以上，首页跳失率比中位数高 30% 以上（异常）" in note, note
    assert next(s for s in run.steps if s.name == "kpi").detail == "3 个异常"
    ws = openpyxl.load_workbook(run.report).worksheets[0]
    red = {ws.cell(r, 1).value for r in range(1, ws.max_row + 1) if ws.cell(r, 1).fill.fgColor.rgb == "00F8CBAD"}
    assert red == {"访客数", "首页跳失率", "ROI（销售额÷推广花费）"}, red


def test_spend_up_with_sales_up_is_none(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    rows = [_day(d, "0.40", "300.00") for d in range(13, 20)] + [
        DailyKpi(date=dt.date(2026, 11, 20), visitors=1500, buyers=45, orders=45, sales=D("9000.00"), units=50,
                 bounce_rate=D("0.41"), ad_spend=D("450.00"))]
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: rows}, keep_backup=False)
    run = run_daily(open_shop(folder), dt.date(2026, 11, 20), send=False, steps_only=("kpi",))
    assert not [k.metric for k in run.summary.kpi if k.anomaly]


def test_a_fall_of_bounce_rate_or_spend_is_none(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    rows = [_day(d, "0.40", "300.00") for d in range(13, 20)] + [_day(20, "0.20", "0.00")]
    write_workbook(folder / "kpi.xlsx", KPI, "en", {DailyKpi: rows}, keep_backup=False)
    run = run_daily(open_shop(folder), dt.date(2026, 11, 20), send=False, steps_only=("kpi",))
    assert not [k for k in run.summary.kpi if k.anomaly] and "Marked !" not in run.summary.kpi_note
