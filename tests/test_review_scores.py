"""Seeds: 做好日报表和月度考核表; 同时保证好评率在98.5%以上; 宝贝评分都能做到4.8以上. The month's review (月度考核表)
judged the orders alone: a month whose 描述相符 fell under 4.8 on two days, and whose 好评率 missed the target the
shop raised mid-month, showed nothing of it on 考核. Now 考核 lists each score 日报 has, its lowest, its target
(（默认） where shopbook's) and the days under it, each day judged by its own target as the daily report judges it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.report.monthly import make_review
from shopbook.schema import KPI, DailyKpi, Target
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

LOW = {3: D("4.79"), 17: D("4.75")}  # 描述相符 under 4.8
RATE = {10: D("0.984"), 20: D("0.988")}  # 11-10 under the default 98.5 %; 11-20 under 99 % from 11-15


def test_the_review_says_the_days_scores_fell_under_their_targets(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    rows = [DailyKpi(date=dt.date(2026, 6, 1), visitors=1000, orders=40, sales=D(4000))] + [
        DailyKpi(date=dt.date(2026, 11, d), visitors=1000, orders=40, sales=D(4000), positive_rate=RATE.get(d, D("0.995")),
                 dsr_description=LOW.get(d, D("4.85")), dsr_logistics=D("4.9"), dsr_service=D("4.9"))
        for d in range(1, 31)]
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: rows, Target: [
        Target(metric="好评率", target=D("0.99"), start=dt.date(2026, 11, 15))]}, keep_backup=False)

    rev, path, _ = make_review(open_shop(folder), "monthly", "2026-11")
    said = {c["metric"]: c for c in rev.to_json()["scores"]}  # (--json)
    assert said["dsr_description"]["days_under"] == ["2026-11-03", "2026-11-17"] and said["dsr_description"]["default_target"]
    assert said["positive_rate"]["target"] == "0.99" and not said["positive_rate"]["default_target"]
    ws = openpyxl.load_workbook(path)["考核"]
    top = next(c.row for c in ws["A"] if c.value == "转化率、评分与好评率（每天对它那天的目标）")
    got = {r[0]: r[1:] for r in ws.iter_rows(min_row=top + 2, max_col=7, values_only=True) if r[0]}
    assert [c.value for c in ws[top + 1]][:7] == ["指标", "有数据天数", "最低", "最低那天", "目标", "低于目标天数", "低于目标的日子"]
    assert got["描述相符"] == (30, 4.75, dt.datetime(2026, 11, 17), 4.8, 2, "11-03、11-17"), got
    assert got["好评率"][1:] == (0.984, dt.datetime(2026, 11, 10), 0.99, 2, "11-10、11-20"), got
    assert got["物流服务"][4:] == (0, None), got
    assert "DSR" not in got  # (no overall DSR typed: no row of it)
    fmt = {ws.cell(r, 1).value: ws.cell(r, 5).number_format for r in range(top + 2, top + 6)}
    assert fmt["描述相符"] == '0.00"（默认）"' and fmt["好评率"] == "0.00%", fmt  # 好评率's 99 %: the shop's own
