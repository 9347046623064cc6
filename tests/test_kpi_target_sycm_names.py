"""QA: a 目标 row naming its metric as 生意参谋 names it (支付金额 for 销售额, 支付件数, 支付转化率,
支付父订单数, 人均浏览量) was an error, 不认识的指标, and its target left out of every report: the
shop's figures come from 生意参谋, so its names are the ones staff copy. Now each is its 日报 column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.kpi.metrics import typed_targets_on
from shopbook.schema import KPI, DailyKpi, Target
from shopbook.shop import init_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook


def test_targets_named_as_sycm_names_them(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, 21), visitors=1000, buyers=40, orders=40, sales=D("4000"), units=40)]},
        keep_backup=False)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["目标"]
    for metric, target in [("支付金额", 5000), ("支付件数", 60), ("支付转化率", "2.5%"), ("支付父订单数", 45),
                           ("人均浏览量", 3)]:
        ws.append([metric, target, None])
    wb.save(folder / "kpi.xlsx")
    v = validate_path(folder)
    assert not [i for i in v.issues if "目标" in str(i)], v.issues
    rows = read_workbook(folder / "kpi.xlsx", KPI).rows(Target)
    assert typed_targets_on(rows, dt.date(2026, 11, 21)) == {
        "sales": D(5000), "units": D(60), "conversion": D("0.025"), "orders": D(45), "visit_depth": D(3)}
