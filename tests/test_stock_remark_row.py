"""QA: a note typed on a row of its own in 出入库, only its 备注 filled (11月盘点前先别动), was read as a
movement short of its 日期, 商家编码, 类型 and 数量: four 必填 errors, and every stock command stopped
on them. Only a note starting 说明： was skipped. Now a row holding nothing but its 备注 is a note,
skipped and said as one (what to fill in should it be a movement begun and not finished)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest

from cli_run import CJK, shopbook
from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_row_holding_only_its_note_is_a_note(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=8, status="在售")],
        Movement: [Movement(date=dt.date(2026, 11, 2), sku="A", type="入库", qty=5)],
    }, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[Movement.zh if lang == "zh" else Movement.en]
    head = [c.value for c in ws[1]]
    row = [None] * len(head)
    row[head.index("备注" if lang == "zh" else "note")] = "11月盘点前先别动" if lang == "zh" else "leave it until the count"
    ws.append(row)
    wb.save(folder / "stock.xlsx")

    said = shopbook("stock", folder)
    assert said.returncode == 0, said.stdout + said.stderr
    assert "260.00" in said.stdout  # 8 + 5 on hand at ¥20: the row above still counts
    assert shopbook("stock", "alerts", folder).returncode in (0, 1)
    checked = shopbook("validate", folder, "--json")
    issues = [i for i in json.loads(checked.stdout) if i["sheet"] in (Movement.zh, Movement.en)]
    assert [(i["severity"], i["cell"]) for i in issues] == [("note", "F3")], issues
    if lang == "zh":
        assert issues[0]["message_zh"] == "第 3 行只填了备注，当作一段说明，不是数据，已跳过（要记成一行数据，请把必填的各列填上）。"
    else:
        assert issues[0]["message_en"] == ("Row 3 holds only its note: read as a note, not data, and skipped (to make "
                                           "it a row of data, fill in its required columns).")
        assert not CJK.search(issues[0]["message_en"])
