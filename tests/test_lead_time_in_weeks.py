"""A 补货周期(天) typed as a span (2周, 1个月), as a buyer says it: it was told "请只填数字 2", which
makes a two-week lead time two days (and the reorder point a fortnight short). It is said in days."""

from __future__ import annotations

import shutil
from pathlib import Path

import python_calamine
from cli_run import type_in
from openpyxl.utils import get_column_letter

from shopbook.validate import validate_path

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def test_a_lead_time_in_weeks_or_months_is_said_in_days(tmp_path):
    shutil.copytree(DEMO, tmp_path / "shop")
    path = tmp_path / "shop" / "stock.xlsx"
    # typed in the sheet's XML (openpyxl took seconds to load and save the demo's stock.xlsx)
    head = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("商品").to_python(nrows=1)[0]
    col = get_column_letter(head.index("补货周期(天)") + 1)
    type_in(path, "商品", {(2, "补货周期(天)"): "2周", (3, "补货周期(天)"): "1个月"})
    said = {i.cell: i for i in validate_path(path).issues}
    assert "2周是 14 天，填 14" in said[f"{col}2"].message_zh and "请只填数字 2，" not in said[f"{col}2"].message_zh
    assert "is 14 days, so enter 14" in said[f"{col}2"].message_en
    assert "1个月约 30 天，填 30" in said[f"{col}3"].message_zh
