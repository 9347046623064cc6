"""目标 rows typed in the words of the shop's own plans (DOMAIN's seeds): 宝贝评分都能做到4.8以上, 转换率 for
转化率, 进步人数为UV1万. They were errors ("unknown metric") and judged nothing; they are the 日报 columns
描述相符评分, 转化率 and 访客数, checked by validate and judged by the day's report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.kpi.metrics import day_report, days_from
from shopbook.schema import KPI, DailyKpi, Target
from shopbook.validate.rules import check_targets


def test_targets_named_as_the_plans_write_them(tmp_path):
    path = tmp_path / "kpi.xlsx"
    wb = openpyxl.Workbook()
    daily = wb.active
    daily.title = "日报"
    daily.append(["日期", "访客数", "支付买家数", "支付订单数", "销售额", "描述相符评分"])
    daily.append([dt.datetime(2026, 12, 3), 9000, 150, 150, 30000, 4.9])
    daily.append([dt.datetime(2026, 12, 4), 8000, 150, 150, 30000, 4.7])
    targets = wb.create_sheet("目标")
    targets.append(["指标", "目标值", "起始日期"])
    for row in (["宝贝评分", 4.8], ["转换率", "2%"], ["UV", 10000]):
        targets.append(row)
    wb.save(path)
    book = read_workbook(path, KPI)
    rows = book.rows(Target)
    assert len(rows) == 3 and check_targets(rows) == []
    rep = day_report(days_from(book.rows(DailyKpi), []), dt.date(2026, 12, 4), rows)
    assert rep.targets["dsr_description"] == Decimal("4.8") and rep.vs_target("dsr_description") < 0
    assert rep.targets["conversion"] == Decimal("0.02") and rep.vs_target("conversion") < 0  # 150 ÷ 8,000
    assert rep.targets["visitors"] == 10000 and rep.vs_target("visitors") == -2000
    assert "dsr_description" not in rep.defaults  # the shop's 4.8, not shopbook's
