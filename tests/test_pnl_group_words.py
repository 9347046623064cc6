"""A 类别 row's 分组 typed in a plain word (快递, 物流, courier, 广告, wages) instead of the list's own
(快递运费, shipping…): validate offered "是不是“其他”？" and the P&L put the money under 其他/other, so the
shipping line was short. The words people use for a group are read as it."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from shopbook.money.workflow import ledger_report
from shopbook.shop import open_shop
from shopbook.validate import validate_path

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def test_plain_words_for_a_pnl_group_are_read_as_that_group(tmp_path):
    shutil.copytree(DEMO, tmp_path / "shop")
    shop = open_shop(tmp_path / "shop")
    month = "2026-11"
    before, _, _ = ledger_report(shop, month)
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
    issues = [i for i in validate_path(path).issues if i.cell in cells]
    assert issues == [], [(i.cell, i.message_zh) for i in issues]
    after, _, _ = ledger_report(open_shop(tmp_path / "shop"), month)
    assert {g: after.group_total(g) for g in after.lines} == {g: before.group_total(g) for g in before.lines}
    assert before.group_total("shipping") != 0
