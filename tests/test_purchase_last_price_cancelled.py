"""QA: a PO line cancelled after part of it came (10 of 24 shirts at ¥9.50, the rest never sent) gave no
price paid: the next draft was priced at the 成本价 (¥10.00), its 备注 saying 没有向这个供应商买过这个 SKU
的单价. The 10 that came were paid at ¥9.50: that is the last price paid.
The shop of test_purchasing (today 2026-11-22): 乙厂's CG20261110-01, C × 24 at ¥9.50, 10 received."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from test_purchasing import TODAY, shop  # noqa: F401 - the fixture

from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK


def test_a_line_cancelled_after_goods_came_is_the_price_last_paid(shop):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["采购"]
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[head.index("采购单号")].value == "CG20261110-01")
    row[head.index("状态")].value = "已取消"
    wb.save(shop.path(STOCK))
    [c] = [x for o in W.purchase_plan(shop, TODAY).orders for x in o.lines if x.sku == "C"]
    assert c.unit_cost == Decimal("9.50") and c.price_said()[0] == "单价按上次向这个供应商的进价（CG20261110-01，2026-11-10）"
