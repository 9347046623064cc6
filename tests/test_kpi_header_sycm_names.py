"""日报 headed with 生意参谋's own names (支付金额 for 销售额, 支付件数 for 成交件数), as people copy them in
with its figures: the missing 销售额 was said at A2 without naming the column that holds it, and 支付件数
was a column of the person's own, every 成交件数 read blank unsaid. Each is now named at its header cell,
with the name to give it."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from shopbook.validate import validate_path

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def test_sycm_names_in_the_daily_header_are_named_at_their_cells(tmp_path):
    shutil.copytree(DEMO, tmp_path / "shop")
    path = tmp_path / "shop" / "kpi.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    cells = {c.value: c.coordinate for c in ws[1]}
    ws[cells["销售额"]], ws[cells["成交件数"]] = "支付金额", "支付件数"
    wb.save(path)
    said = {(i.cell, i.severity): i for i in validate_path(path).issues}
    sales = said[(cells["销售额"], "error")]
    assert "缺少必填列“销售额”" in sales.message_zh and "“支付金额”是不是这一列" in sales.message_zh
    units = said[(cells["成交件数"], "error")]
    assert "“支付件数”像是“成交件数”列" in units.message_zh
