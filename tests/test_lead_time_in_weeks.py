"""A 补货周期(天) typed as a span (2周, 1个月), as a buyer says it: it was told "请只填数字 2", which
makes a two-week lead time two days (and the reorder point a fortnight short). It is said in days."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from shopbook.validate import validate_path

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def test_a_lead_time_in_weeks_or_months_is_said_in_days(tmp_path):
    shutil.copytree(DEMO, tmp_path / "shop")
    path = tmp_path / "shop" / "stock.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["商品"]
    col = next(c.column_letter for c in ws[1] if c.value == "补货周期(天)")
    ws[f"{col}2"], ws[f"{col}3"] = "2周", "1个月"
    wb.save(path)
    said = {i.cell: i for i in validate_path(path).issues}
    assert "2周是 14 天，填 14" in said[f"{col}2"].message_zh and "请只填数字 2，" not in said[f"{col}2"].message_zh
    assert "is 14 days, so enter 14" in said[f"{col}2"].message_en
    assert "1个月约 30 天，填 30" in said[f"{col}3"].message_zh
