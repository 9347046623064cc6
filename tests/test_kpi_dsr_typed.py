"""Seeds: 宝贝评分都能做到4.8以上 — the DSR scores typed into 日报 by hand each day. A score with its decimal
point left out (485 for 4.85, 48 for 4.8) was "DSR 评分应在 0–5 之间：485。", nothing said of what to type; now
the error at its cell asks whether 4.85 was meant and says what a score is. A 目标 of 48 for 宝贝评分 judged
every day under it; now it is that error at its cell, and the default 4.8 judges until it is put right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.kpi.metrics import targets_in_force
from shopbook.schema import KPI, Target
from shopbook.shop import init_shop
from shopbook.validate import validate_path


def test_a_dsr_score_without_its_decimal_point_says_the_score_meant(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    col = {c.value: c.column for c in ws[1]}
    for k, v in {"日期": dt.date(2026, 12, 1), "访客数": 1000, "支付订单数": 20, "销售额": 2000, "DSR": 485,
                 "描述相符评分": 48, "物流服务评分": 5.2}.items():
        ws.cell(2, col[k], v)
    wb["目标"]["A2"], wb["目标"]["B2"] = "宝贝评分", 48  # a target too: judged against 48, every day was under it
    wb.save(folder / "kpi.xlsx")

    issues = validate_path(folder).issues
    [target] = [i for i in issues if i.sheet == "目标"]
    assert (target.cell, target.is_error) == ("B2", True)
    assert target.message_zh == "DSR 评分应在 0–5 之间：48。是不是 4.8（漏了小数点）？请填 0–5 之间的分数，如 4.8。"
    rows = read_workbook(folder / "kpi.xlsx", KPI).rows(Target)
    assert targets_in_force(rows, dt.date(2026, 12, 1)).targets["dsr_description"] == Decimal("4.8")  # (the default, till fixed)
    said = {i.field: i for i in issues if i.sheet == "日报"}
    assert said["dsr"].message_zh == "DSR 评分应在 0–5 之间：485。是不是 4.85（漏了小数点）？请填 0–5 之间的分数，如 4.8。"
    assert said["dsr_description"].message_en == ("A DSR score is between 0 and 5: 48. Did you mean 4.8 (the decimal "
                                                  "point left out)? Enter a score from 0 to 5, such as 4.8.")
    assert said["dsr_logistics"].message_zh == "DSR 评分应在 0–5 之间：5.2。请填 0–5 之间的分数，如 4.8。"  # no guess
    assert all(i.is_error and i.cell for i in said.values())
