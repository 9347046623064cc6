"""Seeds: 宝贝评分都能做到4.8以上 — the DSR scores typed into 日报 by hand each day. A score with its decimal
point left out (485 for 4.85, 48 for 4.8) was "DSR 评分应在 0–5 之间：485。", nothing said of what to type; now
the error at its cell asks whether 4.85 was meant and says what a score is."""

from __future__ import annotations

import datetime as dt

import openpyxl

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
    wb.save(folder / "kpi.xlsx")

    said = {i.field: i for i in validate_path(folder).issues if i.sheet == "日报"}
    assert said["dsr"].message_zh == "DSR 评分应在 0–5 之间：485。是不是 4.85（漏了小数点）？请填 0–5 之间的分数，如 4.8。"
    assert said["dsr_description"].message_en == ("A DSR score is between 0 and 5: 48. Did you mean 4.8 (the decimal "
                                                  "point left out)? Enter a score from 0 to 5, such as 4.8.")
    assert said["dsr_logistics"].message_zh == "DSR 评分应在 0–5 之间：5.2。请填 0–5 之间的分数，如 4.8。"  # no guess
    assert all(i.is_error and i.cell for i in said.values())
