"""A 类别 row's 分组 typed in a plain word (快递, 物流, courier, 广告, wages) instead of the list's own
(快递运费, shipping…): validate's "did you mean" offered the nearest spelling — 'other' for courier,
其他 for 物流 — which would book the shop's postage as other costs. It names the group the word means;
the word itself stays an error for a person to settle (运费 may be income or cost)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from shopbook.validate import validate_path

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def test_a_plain_word_for_a_pnl_group_is_offered_that_group(tmp_path):
    shutil.copytree(DEMO, tmp_path / "shop")
    path = tmp_path / "shop" / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["类别"]
    typed = {"快递费": "物流", "运费收入": "courier", "直通车": "广告", "工资": "wages"}
    cells = {}
    for row in ws.iter_rows(min_row=2):
        if row[0].value in typed:
            row[2].value = typed[row[0].value]
            cells[row[2].coordinate] = row[2].value
    wb.save(path)
    assert len(cells) == 4
    said = {i.cell: i for i in validate_path(path).issues if i.cell in cells}
    meant = {"物流": ("快递运费", "shipping"), "courier": ("快递运费", "shipping"), "广告": ("推广", "advertising"),
             "wages": ("工资", "salaries")}
    for cell, word in cells.items():
        zh, en = meant[word]
        assert said[cell].is_error, cell
        assert f"是不是“{zh}”" in said[cell].message_zh and f"Did you mean '{en}'" in said[cell].message_en, said[cell]
