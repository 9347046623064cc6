"""A figure is judged against its target as the report shows both. 40 buyers of 2,005 visitors is a
conversion of 1.995…%: the daily report showed "2.00%" with ▼ beside the default target "2.00%", and the
self-check said "转化率：2.00%，低于目标 2.00%". It is 2.00 % as shown (and as 生意参谋, which gives 转化率 to
two places, would give it): met (＝), not below. 39 of 2,005 (1.945…%, shown 1.95%) is still below (▼).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.report.selfcheck import _kpi_rows, below_target
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 12, 4)


def test_a_conversion_shown_as_its_target_is_met_not_below(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    rows = [DailyKpi(date=DAY - dt.timedelta(days=1), visitors=2005, buyers=39, orders=39, sales=Decimal("3900.00")),
            DailyKpi(date=DAY, visitors=2005, buyers=40, orders=40, sales=Decimal("4000.00"))]
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: rows}, keep_backup=False)
    shop = open_shop(folder)
    said = {}
    for day in (DAY - dt.timedelta(days=1), DAY):
        kpi = {k.metric: k for k in _kpi_rows(shop, day, [], [], frozenset())}
        said[day] = (kpi["conversion"].value, kpi["conversion"].target, kpi["conversion"].vs_target,
                     [label for label, _, _ in below_target(kpi.values())])
    assert said[DAY] == ("2.00%", "2.00%（默认）", "＝", []), said[DAY]
    assert said[DAY - dt.timedelta(days=1)] == ("1.95%", "2.00%（默认）", "▼", ["转化率"])


def test_the_months_scores_judge_each_day_as_the_daily_report_did(tmp_path):
    """好评率 0.98496 shows 98.50 %: the daily report now says it meets 98.5 % (＝), and the month's review
    (考核: the days under the target) no longer lists that day; 0.9849 (98.49 %) is under in both."""
    from shopbook.io.reader import read_workbook
    from shopbook.kpi.metrics import days_from, scores_against_targets

    folder = tmp_path / "shop"
    init_shop(folder)
    rows = [DailyKpi(date=DAY - dt.timedelta(days=1), visitors=1000, buyers=20, orders=20, sales=Decimal("2000.00"),
                     positive_rate=Decimal("0.9849")),
            DailyKpi(date=DAY, visitors=1000, buyers=20, orders=20, sales=Decimal("2000.00"),
                     positive_rate=Decimal("0.98496"))]
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: rows}, keep_backup=False)
    shop = open_shop(folder)
    daily = {day: {k.metric: k for k in _kpi_rows(shop, day, [], [], frozenset())}["positive_rate"].vs_target
             for day in (DAY - dt.timedelta(days=1), DAY)}
    assert daily == {DAY - dt.timedelta(days=1): "▼", DAY: "＝"}
    days = days_from(read_workbook(folder / "kpi.xlsx", KPI).rows(DailyKpi), [])
    [check] = [c for c in scores_against_targets(days, []) if c.metric == "positive_rate"]
    assert [d for d, _, _ in check.below] == [DAY - dt.timedelta(days=1)]
