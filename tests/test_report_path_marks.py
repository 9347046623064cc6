"""QA: `reconcile alipay` that found differences (lines the ledger lacks, an amount that differs)
exited 1 and ended with "✓ reports/对账-支付宝-….xlsx": a ✓ beside the report read as all good.
A run that exits non-zero names the report it wrote with – (the path still there, to open); ✓
only on a run with nothing left for a person. `report monthly|weekly` of a period some of whose
days have no figures says its file the same way (it was a bare path), through the same helper."""

from __future__ import annotations

import openpyxl
import pytest
from test_money import (
    balance_agrees,
    classic_statement,
    november_lines,
    pin_account,
    shop,  # noqa: F401 (the fixture, asked for by name below)
    write_statement,
)
from test_reports import SEPT, month_shop
from typer.testing import CliRunner

from shopbook.cli import app

runner = CliRunner()


@pytest.fixture
def ledger_shop(request):
    """test_money's shop: November's ledger, its accounts, categories and balance checks."""
    return request.getfixturevalue("shop")


pytestmark = pytest.mark.usefixtures("wide_console")  # one line a message, the path whole


def test_a_reconciliation_with_differences_names_its_report_without_a_tick(ledger_shop, tmp_path):
    ours = ledger_shop
    path = write_statement(tmp_path, classic_statement(november_lines()))
    r = runner.invoke(app, ["reconcile", "alipay", str(ours.folder), str(path)])
    report = ours.reports / "对账-支付宝-2026-11-01-2026-11-30.xlsx"
    assert r.exit_code == 1 and "仅支付宝 1" in r.output, r.output
    assert f"– {report}" in r.output.splitlines() and f"✓ {report}" not in r.output, r.output
    wb = openpyxl.load_workbook(report)  # written all the same, with what the run found
    assert wb["仅支付宝"]["B2"].value == "A7" and wb["金额不符"]["E2"].value == 310
    # the 支付宝对账 button says it as the CLI does, in its loud box
    from xlfake import FakeBook

    from shopbook import xl
    from shopbook.schema import LEDGER

    book = FakeBook(ours.path(LEDGER))
    xl.reconcile_alipay(str(path), book)
    alert = book.app.alerts[-1]
    assert alert["prompt"].splitlines()[-1] == f"– {report}" and alert["mode"] == "critical", alert


def test_a_reconciliation_with_nothing_left_names_its_report_under_a_tick(ledger_shop, tmp_path):
    ours = pin_account(balance_agrees(ledger_shop))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1460.06",
                  "支付宝", "在线支付", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    report = ours.reports / "对账-支付宝-2026-11-01-2026-11-30.xlsx"
    r = runner.invoke(app, ["reconcile", "alipay", str(ours.folder), str(path)])  # the fee the ledger lacks
    assert r.exit_code == 1 and r.output.splitlines()[-1] == f"– {report}", r.output
    r = runner.invoke(app, ["reconcile", "alipay", str(ours.folder), str(path), "--apply"])  # booked: nothing left
    assert r.exit_code == 0 and r.output.splitlines()[-1] == f"✓ {report}", r.output
    assert ["已补录", 1] in [[c.value for c in row] for row in openpyxl.load_workbook(report)["汇总"].iter_rows()]


def test_a_review_with_days_missing_names_its_file_with_a_dash(tmp_path):
    ours = month_shop(tmp_path, days=[d for d in SEPT if d.date.day != 16])
    path = ours.folder / "reports" / "月报-2026-09.xlsx"
    r = runner.invoke(app, ["report", "monthly", str(ours.folder), "--period", "2026-09"])
    assert r.exit_code == 1 and r.stdout.splitlines()[-1] == f"– {path}" and "✓" not in r.stdout, r.stdout
    assert openpyxl.load_workbook(path)["考核"]["A2"].value.startswith("2026-09 的 30 天里只有 29 天有数据")
    whole = month_shop(tmp_path / "whole")
    r = runner.invoke(app, ["report", "monthly", str(whole.folder), "--period", "2026-09"])
    assert r.exit_code == 0 and r.stdout.splitlines()[-1] == f"✓ {whole.folder / 'reports' / '月报-2026-09.xlsx'}", r.stdout
