"""Workbooks as a small shop's staff make them (validate5): one thing typed wrong is one error, at its cell.

Every workbook is a real .xlsx, written with openpyxl and read back by validate's own call."""

from __future__ import annotations

import openpyxl
import pytest

from shopbook.shop import init_shop
from shopbook.validate import validate_path


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    return folder


def test_a_day_whose_sales_are_typed_negative_is_one_error_not_its_aov_too(shop):
    """日报 under a title row, 销售额 typed as an accountant writes a minus, (1900): validate said it at F6 and
    again at its 客单价 (100.00 与 销售额÷支付买家数 = -105.56 不符), a figure the person typed right."""
    wb = openpyxl.load_workbook(shop / "kpi.xlsx")
    ws = wb["日报"]
    ws.delete_rows(1, ws.max_row)
    ws.append(["11月数据日报"])
    ws.append([])
    ws.append(["日期", "浏览量", "访客数 ", "支付买家数", "支付订单数", "销售额", "成交件数", "转化率", "客单价"])
    ws.append(["2026年11月7日", 1000, 800, 18, 18, "(1900)", 22, "2.25%", 100])
    ws.append(["2026.11.8", 1000, -800, 18, 18, 1800, 22, "2.25%", 100])
    wb.save(shop / "kpi.xlsx")
    said = [(i.cell, i.value, i.message_zh) for i in validate_path(shop).issues if i.severity == "error"]
    assert said == [("F4", "(1900)", "不能是负数。"), ("C5", "-800", "不能是负数。")], said
