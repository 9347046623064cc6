"""Rows people add under a table besides its sums: an average row (平均, 日均, Average) under 日报,
and a totals label spread out with spaces (合　计, 合 计) as Chinese sheets often write it. Each is
skipped with a note, as a 合计 row is, and the month's review still runs over the rows above it."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from shopbook.report.monthly import build_review
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, n), visitors=1000 * n, buyers=10 * n, orders=10 * n, sales=1000 * n)
        for n in (1, 2, 3)]}, keep_backup=False)
    return folder


@pytest.mark.parametrize("label", ["平均", "日均", "本月平均", "平均值", "Average", "avg"])
def test_an_average_row_under_the_days_is_skipped_with_a_note(shop, label):
    wb = openpyxl.load_workbook(shop / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    row = ws.max_row + 1
    # the averages as Excel shows them (its cached values): 2000 visitors, 20 orders, ¥2,000.00 a day
    for name, v in (("日期", label), ("访客数", 2000), ("支付买家数", 20), ("支付订单数", 20), ("销售额", 2000)):
        ws.cell(row, head.index(name) + 1).value = v
    wb.save(shop / "kpi.xlsx")
    v = validate_path(shop)
    assert v.errors == []
    assert [(n.sheet, n.cell, n.value) for n in v.notes] == [("日报", f"A{row}", label)]
    review = build_review(open_shop(shop), "monthly", "2026-11")
    assert (review.total.visitors, review.total.orders, review.total.sales) == (6000, 60, 6000)


@pytest.mark.parametrize("label", ["合　计", "合 计", "总  计"])
def test_a_totals_label_spread_with_spaces_is_a_totals_label(shop, label):
    wb = openpyxl.load_workbook(shop / "kpi.xlsx")
    ws = wb["日报"]
    ws.append([label, None, 6000, 60, 60, 6000])  # 日期 浏览量 访客数 支付买家数 支付订单数 销售额
    wb.save(shop / "kpi.xlsx")
    v = validate_path(shop)
    assert v.errors == [] and [(n.cell, n.value) for n in v.notes] == [("A5", label)]
