"""QA: a shop filling 日报 from 生意参谋 has the three DSR scores (描述相符, 物流服务, 服务态度), each shown and
judged against its target, and no overall DSR (生意参谋 gives none). Its report, e-mail and group
message still carried 'DSR：—（目标 4.80（默认））' every day: a target nothing could meet, read as the
DSR not being judged at all. Now the blank overall row is left out where the three scores are there."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.report.bots import daily_summary
from shopbook.report.workflow import run_daily
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def _run(tmp_path, **dsr):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, 20), visitors=1000, buyers=30, orders=30, sales=D("6000.00"), units=35,
                 **dsr)]}, keep_backup=False)
    run = run_daily(open_shop(folder), dt.date(2026, 11, 20), send=False, steps_only=("kpi",))
    return run, dict(daily_summary(run.summary).figures)


def test_the_three_scores_without_an_overall_dsr(tmp_path):
    run, figures = _run(tmp_path, dsr_description=D("4.7"), dsr_logistics=D("4.9"), dsr_service=D("4.8"))
    assert "DSR" not in figures, figures
    assert figures["描述相符"] == "4.70（目标 4.80▼（默认））", figures


def test_an_overall_dsr_typed_or_nothing_is_shown_as_before(tmp_path):
    _, typed = _run(tmp_path / "a", dsr=D("4.75"))
    assert typed["DSR"] == "4.75（目标 4.80▼（默认））", typed
    _, none = _run(tmp_path / "b")
    assert none["DSR"] == "—（目标 4.80（默认））", none  # a shop that types it and has not yet
