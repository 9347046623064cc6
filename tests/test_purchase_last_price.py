"""QA: a draft PO (`purchase suggest --write`) priced every line at the product's 成本价, not at what
the shop last paid that supplier for that SKU (a PO line's 单价): 甲厂 last charged ¥18.50 for A
(CG20261020-01), the 成本价 says ¥20, and the draft asked ¥20.00 × 20 = ¥400.00, which the payment
proposed on receiving then took as agreed. Now a line takes the last 单价 paid to its supplier (an
ordered or received PO, not a draft or a cancelled one), else the 成本价, and its 备注 says which.

test_purchasing's shop, today 11-22: 甲厂 A × 20 at ¥18.50 (CG20261020-01), B × 10 at its cost ¥30 (never
bought: a cancelled PO at ¥25 is no price paid); 乙厂 G × 12 at its cost ¥3.50 (乙厂's only PO is for C).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK

from test_purchasing import TODAY, shop  # noqa: F401 - the fixture


def test_a_draft_takes_the_last_price_paid_to_that_supplier_and_says_so(shop):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["采购"]
    head = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(head)}
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["采购单号"]).value == "CG20261020-01":
            ws.cell(r, col["单价"]).value = 18.5
    row = [None] * len(head)  # a PO cancelled: its price was never paid
    for k, v in {"采购单号": "CG20261101-01", "供应商": "甲厂", "商家编码": "B", "数量": 1, "单价": 25,
                 "下单日期": TODAY, "状态": "已取消"}.items():
        row[head.index(k)] = v
    ws.append(row)
    wb.save(shop.path(STOCK))

    res = W.purchase_suggest(shop, today=TODAY, write_drafts=True)
    price = {x.sku: x.unit_cost for o in res.plan.orders for x in o.lines}
    assert price["A"] == Decimal("18.50") and price["B"] == Decimal("30") and price["G"] == Decimal("3.50")
    ws = openpyxl.load_workbook(shop.path(STOCK))["采购"]
    head = [c.value for c in ws[1]]
    drafts = {r[head.index("商家编码")]: r for r in ws.iter_rows(min_row=2, values_only=True)
              if r[head.index("状态")] == "草稿"}
    assert drafts["A"][head.index("单价")] == 18.5
    assert drafts["A"][head.index("备注")] == "单价按上次向这个供应商的进价（CG20261020-01，2026-10-20）"
    assert drafts["B"][head.index("单价")] == 30 and drafts["B"][head.index("备注")].startswith("单价按成本价")
    po = next(p for p in res.documents if "甲厂" in p.name)
    cells = [r for r in openpyxl.load_workbook(po).active.iter_rows(values_only=True) if r and r[1] == "A"]
    assert cells[0][7] == 18.5 and cells[0][8] == 370  # 20 × ¥18.50 on what the supplier is sent


def test_a_last_po_with_its_price_left_blank_was_paid_at_cost(shop):  # noqa: F811
    """B: ¥27 on CG20261001-01, then CG20261015-01 with its 单价 blank (paid at the 成本价 ¥30, as
    receiving pays it): the draft is at ¥30, not the older ¥27, and says why."""
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["采购"]
    head = [c.value for c in ws[1]]
    for no, price, day in (("CG20261001-01", 27, dt.date(2026, 10, 1)), ("CG20261015-01", None, dt.date(2026, 10, 15))):
        row = [None] * len(head)
        for k, v in {"采购单号": no, "供应商": "甲厂", "商家编码": "B", "数量": 5, "单价": price, "下单日期": day,
                     "状态": "已到货"}.items():
            row[head.index(k)] = v
        ws.append(row)
    wb.save(shop.path(STOCK))
    res = W.purchase_suggest(shop, today=TODAY)
    b = next(x for o in res.plan.orders for x in o.lines if x.sku == "B")
    assert b.unit_cost == Decimal("30") and b.price_said()[0] == "单价按成本价（上次 CG20261015-01 的单价空着，也按成本价）"
