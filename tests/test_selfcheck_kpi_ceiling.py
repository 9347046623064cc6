"""QA: a 目标 row setting a ceiling (首页跳失率 40 %, 推广花费 300) was never said when the day went over
it: the self-check lists KPIs under their target, and passed over the lower-is-better ones
altogether. Now a figure over such a target is an operations item, '55.00%，高于目标 40.00%'."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.report import workflow
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def test_a_bounce_rate_over_its_target_is_said(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, 21), visitors=1000, buyers=40, orders=40, sales=D("8000.00"), units=40,
                 bounce_rate=D("0.55"), ad_spend=D("250.00"), positive_rate=D("0.99"), dsr=D("4.9"))]},
        keep_backup=False)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    for row in (["首页跳失率", "40%", None], ["推广花费", 300, None]):
        wb["目标"].append(row)
    wb.save(folder / "kpi.xlsx")
    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 22))
    run = workflow.run_daily(open_shop(folder), dt.date(2026, 11, 21), send=False, steps_only=("kpi", "report"))
    ops = {i.record: i.what for i in run.summary.selfcheck if i.role == "operations"}
    assert ops.get("首页跳失率") == "55.00%，高于目标 40.00%", ops
    assert "推广花费" not in ops  # 250 under its ceiling of 300: nothing to say
    from shopbook.report.selfcheck import read_selfcheck  # the 自查 button's own read says it too
    assert any(i.record == "首页跳失率" and "高于目标" in i.what for i in read_selfcheck(open_shop(folder),
                                                                                  dt.date(2026, 11, 22)))
