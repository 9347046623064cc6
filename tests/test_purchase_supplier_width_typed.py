"""QA: the 供应商 sheet names the factory JIA Factory; on the 商品 sheet one shirt's 供应商 was typed ＪＩＡ Factory (the
input method in full width), another's jia factory. `purchase suggest` made a PO for each spelling, without the
factory's minimum or packs, and at each cell said only "不在供应商表里…请在供应商表加一行": a second and third row for
the same factory, its POs split for good. It now says which name of the sheet it differs from only in width or
case, and to change it to that name, not to add a row. The shop is test_purchasing's hand-worked one (甲厂 renamed);
stock.xlsx is written and read back."""

from __future__ import annotations

import openpyxl

from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK

from test_purchasing import TODAY, shop  # noqa: F401 - the fixture


def test_a_supplier_typed_in_full_width_or_lower_case_is_told_to_take_the_sheets_name(shop):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    typed = {"A": "ＪＩＡ Factory", "B": "jia  factory"}
    for ws, col in ((wb["供应商"], "供应商"), (wb["采购"], "供应商"), (wb["商品"], "供应商")):
        head = [c.value for c in ws[1]]
        sku = head.index("商家编码") if "商家编码" in head and ws.title == "商品" else None
        for row in ws.iter_rows(min_row=2):
            cell = row[head.index(col)]
            if cell.value == "甲厂":
                cell.value = typed[row[sku].value] if sku is not None else "JIA Factory"
    wb.save(shop.path(STOCK))

    plan = W.purchase_plan(shop, TODAY)
    said = {i.message_zh: i.message_en for i in plan.warnings if "JIA" in i.message_en or "jia" in i.message_en}
    assert len(said) == 2, plan.warnings
    for zh, en in said.items():
        assert "和“JIA Factory”只差空格、全角半角或大小写" in zh and "请把供应商改成“JIA Factory”" in zh, zh
        assert "加一行" not in zh, zh
        assert "only in spaces, full or half width or letter case" in en and "Change the supplier to 'JIA Factory'" in en
        assert "add a row" not in en.lower(), en
