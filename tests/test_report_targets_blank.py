"""QA: a half-typed 目标 row (支付订单数 | blank) stopped `report monthly` (exit 2, “目标值”必填) while
`daily` went on with the default and its validate step counted an error. Now both, and validate, say
a warning at the blank cell, judge by the default marked （默认）, and go on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report.workflow import run_daily
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook

# (a shop open since June: past its first two months, judged by the default orders target)
SEPT = [DailyKpi(date=dt.date(2026, 6, 1), visitors=1000, buyers=40, orders=40, sales=D("4000.00"), units=40)] + [
    DailyKpi(date=dt.date(2026, 9, d), visitors=1000, buyers=40, orders=40, sales=D("4000.00"), units=40)
    for d in range(1, 31)]


def _shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: SEPT}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["目标"]
    ws.append(["支付订单数", None, None])  # typed the metric, not yet its figure
    ws.append(["客单价", None, None])
    wb.save(folder / "kpi.xlsx")
    return folder


def test_a_blank_target_is_a_warning_at_its_cell_and_the_monthly_review_goes_on(tmp_path, wide_console):
    folder = _shop(tmp_path)
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-09"])
    assert r.exit_code == 0, r.output
    assert "! kpi.xlsx › 目标 › B3：“目标值”没有填：这一行不算（" in r.output, r.output
    assert "! kpi.xlsx › 目标 › B4：“目标值”没有填：" in r.output, r.output
    ws = openpyxl.load_workbook(folder / "reports" / "月报-2026-09.xlsx")["考核"]
    days = [row for row in ws.iter_rows(min_row=4) if isinstance(row[0].value, dt.datetime)]  # (not 合计, nor the scores)
    targets = [row[3] for row in days if row[3].value is not None]
    assert targets and all(c.value == 30 and "（默认）" in c.number_format for c in targets), \
        [(c.value, c.number_format) for c in targets]

    v = validate_path(folder)
    assert v.errors == [] and "“目标值”必填" not in r.output and [i.cell for i in v.warnings if i.sheet == "目标"] == ["B3", "B4"], v.errors


def test_the_daily_report_says_the_blank_target_where_it_is(tmp_path):
    folder = _shop(tmp_path)
    run = run_daily(open_shop(folder), dt.date(2026, 9, 30), send=False, steps_only=("validate", "kpi"))
    steps = {s.name: s for s in run.steps}
    assert steps["validate"].ok is True, steps["validate"].detail  # a warning, not an error
    orders = next(k for k in run.summary.kpi if k.metric == "orders")
    assert orders.target == "30（默认）", orders.target
    assert "kpi.xlsx › 目标 › B3：“目标值”没有填：" in run.summary.kpi_note, run.summary.kpi_note


def test_a_target_cell_that_does_not_read_is_still_an_error(tmp_path, wide_console):
    folder = _shop(tmp_path)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    wb["目标"]["B3"] = "五十"
    wb.save(folder / "kpi.xlsx")
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-09"])
    assert r.exit_code == 2 and "kpi.xlsx › 目标 › B3" in r.output, r.output
