"""purchase suggest counts what the 缺货登记 customers wait for, as stock alerts does: where that sheet's rows do not
read (its 客户 header typed 客户名), stock alerts said they were left out, purchase suggest ordered less, unsaid."""

from __future__ import annotations

import openpyxl
from test_purchasing import TODAY
from test_purchasing import shop as _shop

from shopbook.purchasing import workflow as W

shop = _shop  # (the fixture)


def test_a_waitlist_that_does_not_read_is_said_by_purchase_suggest(shop):
    """A's need was 20 with 甲 waiting; 客户 typed 客户名, it became 19 (B's and E's likewise short), nothing said.
    Now the plan carries a warning at the header cell, in the words stock alerts uses."""
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    ws = wb["缺货登记"]
    cell = next(c for c in ws[1] if c.value == "客户")
    cell.value = "客户名"
    wb.save(shop.folder / "stock.xlsx")
    plan = W.purchase_plan(shop, TODAY)
    said = [(i.severity, i.sheet, i.cell, i.message_zh, i.message_en) for i in plan.warnings if i.sheet == "缺货登记"]
    assert len(said) == 1, plan.warnings
    severity, _, cell_at, zh, en = said[0]
    assert (severity, cell_at) == ("warning", f"{cell.column_letter}1"), said
    assert zh.startswith("“缺货登记”表没有读取的行不算在等待人数里") and "客户名" in zh, zh
    assert en.startswith("Rows of the Waitlist sheet not read are not in the waiting counts"), en
