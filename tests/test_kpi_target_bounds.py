"""Seeds: 同时保证好评率在98.5%以上; 宝贝评分都能做到4.8以上; 每天50单以上. Typed so on kpi.xlsx's 目标 sheet, the
target was "不是数字：“98.5%以上”。", nothing said of what to type (≥4.8 likewise). Now the error at the cell says
to type the figure alone (98.5%), and why the 以上 is not needed; a figure with a unit too (50单以上) says both."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.kpi.metrics import targets_in_force
from shopbook.schema import KPI, Target
from shopbook.shop import init_shop, open_shop
from shopbook.validate import validate_path


def test_a_target_written_as_the_plans_write_it_says_the_figure_to_type(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["目标"]
    for r, row in enumerate([("好评率", "98.5%以上"), ("宝贝评分", "≥4.8"), ("支付订单数", "50单以上"),
                             ("首页跳失率", "60%以下"), ("转化率", "2%")], start=2):
        ws.cell(r, 1, row[0])
        ws.cell(r, 2, row[1])
    wb.save(folder / "kpi.xlsx")

    said = {i.cell: i for i in validate_path(folder).issues if i.sheet == "目标"}
    assert sorted(said) == ["B2", "B3", "B4", "B5"], said  # 2%: a target as it should be
    assert all(i.is_error for i in said.values())
    why = "目标值就是要达到的数（首页跳失率、推广花费的目标是不能超过的上限）"
    assert said["B2"].message_zh == f"不是数字：“98.5%以上”。请只填 98.5%，不用写“以上”：{why}。"
    assert said["B3"].message_zh == f"不是数字：“≥4.8”。请只填 4.8，不用写“≥”：{why}。"
    assert said["B4"].message_zh == f"不是数字：“50单以上”。不用写“以上”：{why}。请只填数字 50，不带单位。"
    assert said["B5"].message_en == ("Not a number: '60%以下'. Enter 60% alone, without '以下': a target is the figure "
                                     "to reach (for the bounce rate and ad spend, the ceiling not to pass).")


def test_a_target_named_as_the_plans_name_it_judges_the_orders(tmp_path):
    """Seeds: 终极目标日单200; 每天50单以上. 日单 (or 日单量, 单量) typed as the 指标 was an unknown metric, the row
    passed over and the orders judged by the default 30; now it is the orders' target."""
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    wb["目标"].append(["日单", 200, None])
    wb["目标"].append(["单量", 50, "2026-12-12"])
    wb.save(folder / "kpi.xlsx")

    assert [i for i in validate_path(folder).issues if i.sheet == "目标"] == []
    rows = read_workbook(open_shop(folder).path(KPI), KPI).rows(Target)
    assert targets_in_force(rows, dt.date(2026, 12, 5)).targets["orders"] == 200
    assert targets_in_force(rows, dt.date(2026, 12, 12)).targets["orders"] == 50
