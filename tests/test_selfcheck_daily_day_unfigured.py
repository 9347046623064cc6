"""QA: `shopbook selfcheck` tells the planner when yesterday has no 日报 row (its 生意参谋 download not
imported: traffic and targets not checked). The daily job's own 自查 sheet and e-mail did not: it handed the
self-check the KPIs it had worked out, none of a day with no row, and 运营 read "nothing" (无) in the very
report whose traffic was never compared. Now the daily report's list says what `shopbook selfcheck` says; a
day with its row, or a shop that keeps no 日报, is told nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from shopbook.report import workflow
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 11, 21)


def _shop(tmp_path, lang, days):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    rows = [DailyKpi(date=d, visitors=1000, buyers=40, orders=40, sales=D("8000.00"), units=40,
                     positive_rate=D("0.99"), dsr=D("4.9")) for d in days]
    write_workbook(folder / "kpi.xlsx", KPI, lang, {DailyKpi: rows}, keep_backup=False)
    return open_shop(folder)


@pytest.mark.parametrize("lang, days, said", [
    ("zh", [DAY - dt.timedelta(days=2), DAY - dt.timedelta(days=1)], True),
    ("en", [DAY - dt.timedelta(days=2), DAY - dt.timedelta(days=1)], True),
    ("zh", [DAY - dt.timedelta(days=1), DAY], False),  # its row imported
    ("zh", [], False),  # a shop keeping no 日报
])
def test_the_daily_reports_self_check_says_a_day_with_no_daily_row(tmp_path, monkeypatch, lang, days, said):
    shop = _shop(tmp_path, lang, days)
    monkeypatch.setattr(workflow, "_today", lambda: DAY + dt.timedelta(days=1))
    run = workflow.run_daily(shop, DAY, send=False, steps_only=("kpi", "report"))
    ops = [i for i in run.summary.selfcheck if i.role == "operations" and "kpi import" in i.action]
    assert len(ops) == said, run.summary.selfcheck
    if said:
        from shopbook.report.selfcheck import read_selfcheck  # word for word what `shopbook selfcheck` says
        own = [i for i in read_selfcheck(shop, DAY + dt.timedelta(days=1)) if "kpi import" in i.action]
        assert [i.to_json() for i in ops] == [i.to_json() for i in own]
        assert ops[0].what.startswith("2026-11-21 ")
        assert ("没有日报数据" in ops[0].what) if lang == "zh" else ("has no Daily figures" in ops[0].what)
