"""QA: a month or a week typed as a person types it was refused: `report monthly --period 2026年11月`
(2026.11, 2026/11), `report weekly --period 2026-W5`, `ledger --month 2026年11月`; and the refusals
suggested a report of a period that does not exist (2026-W54 → `report weekly --period 2026-W54`,
`report weekly --period 2026-13` → `report monthly --period 2026-13`). One reading (periods.read_period)
now serves every --period and --month: the unambiguous forms are taken, named as the files are
(月报-2026-11.xlsx, 周报-2026-W05.xlsx), and a period that is none is never suggested."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    days = [DailyKpi(date=dt.date(2026, 1, 26) + dt.timedelta(days=k), visitors=100, buyers=4, orders=4,
                     sales=D("400.00"), units=4) for k in range(7)]
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: days}, keep_backup=False)
    return folder


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("typed", ["2026年1月", "2026.1", "2026/01", "２０２６年１月", "2026-1", " 2026-01\n"])
def test_a_month_typed_as_a_person_types_it(folder, typed):
    r = run("report", "monthly", folder, "--period", typed)
    assert r.exit_code in (0, 1), r.output  # (1: the month's other days have no figures)
    assert (folder / "reports" / "月报-2026-01.xlsx").exists(), r.output
    r = run("ledger", folder, "--month", typed)
    assert r.exit_code == 0 and "利润表-2026-01.xlsx" in r.output, r.output


@pytest.mark.parametrize("typed", ["2026-W5", "2026w5", "2026年第5周"])
def test_a_week_typed_with_one_digit(folder, typed):
    r = run("report", "weekly", folder, "--period", typed)
    assert r.exit_code == 0 and "周报-2026-W05.xlsx" in r.output, r.output


def test_no_report_of_a_period_that_does_not_exist_is_suggested(folder):
    r = run("report", "monthly", folder, "--period", "2026-W54")
    assert r.exit_code == 2 and "--period 2026-W54" not in r.output and "不是月份" in r.output, r.output
    r = run("report", "weekly", folder, "--period", "2026-13")
    assert r.exit_code == 2 and "monthly --period 2026-13" not in r.output, r.output
    assert "shopbook report weekly --period 2026-W13" in r.output, r.output  # week 13, surely
    r = run("report", "monthly", folder, "--period", "2026-W47")  # a week that is one: the weekly review said
    assert "shopbook report weekly --period 2026-W47" in r.output, r.output
    r = run("ledger", folder, "--month", "2026-W47")
    assert r.exit_code == 2 and "2026-W47 是一周，--month 要一个月份" in r.output, r.output
