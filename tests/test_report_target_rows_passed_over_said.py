"""QA: a 目标 row the reports pass over although every cell of it reads — 转化率 typed 2.5 (250 %, meant as 2.5 %),
a metric typed 访客 for 访客数 — was said by `validate` alone: `report monthly`, its review workbook and the daily
report judged the metric by shopbook's default (默认) with no word of the row typed. Each such row is now said
beside the figures, at its cell, as a half-typed 目标 row is (the daily report: 这一行目标没有用：…)."""

import datetime as dt

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


@pytest.fixture(scope="module")
def said(tmp_path_factory):
    folder = tmp_path_factory.mktemp("targets") / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    for d in range(1, 31):
        ws.append([{"日期": dt.datetime(2026, 11, d), "访客数": 1000, "支付订单数": 30, "销售额": 5000}.get(h) for h in head])
    wb["目标"].append(["转化率", 2.5])
    wb["目标"].append(["访客", 900])
    wb.save(folder / "kpi.xlsx")
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-11"])
    review = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")["考核"]
    return " ".join(r.output.split()), [c for row in review.iter_rows(values_only=True) for c in row if isinstance(c, str)]


def test_report_monthly_says_each_target_row_it_passed_over_at_its_cell(said):
    out, _ = said
    assert "kpi.xlsx › 目标 › B3：这是百分比指标：目标填 2.5% 这样的百分数" in out, out
    assert "kpi.xlsx › 目标 › A4：不认识的指标“访客”。是不是“访客数”？" in out, out


def test_the_review_workbook_says_them_too(said):
    _, cells = said
    assert any(c.startswith("kpi.xlsx › 目标 › B3：这是百分比指标") for c in cells), cells
    assert any(c.startswith("kpi.xlsx › 目标 › A4：不认识的指标“访客”") for c in cells), cells
