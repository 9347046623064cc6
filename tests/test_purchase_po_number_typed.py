"""QA: a PO a person typed on the 采购 sheet as cg20261122-01 (lower case; or ＣＧ… from a
full-width input method) was not seen by `purchase suggest --write`, which numbered its own draft
CG20261122-01 too: two POs that receiving (po_as_on_sheet, a box's heading) and the stock-in ref
check take for one. Now that day's numbers are compared as receiving compares them: the drafts
are CG20261122-02 and -03.
"""

from __future__ import annotations

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, PurchaseLine

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def test_a_po_number_typed_in_lower_case_is_not_given_again(shop):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["采购"]
    heads = [c.value for c in ws[1]]
    row = {"采购单号": "cg20261122-01", "供应商": "乙厂", "商家编码": "C", "数量": 1, "下单日期": d("11-22"),
           "状态": "已下单"}
    ws.append([row.get(h) for h in heads])
    wb.save(shop.path(STOCK))
    res = W.purchase_suggest(shop, TODAY, write_drafts=True)
    assert res.written
    drafts = sorted({ln.po_no for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
                     if ln.po_no.upper().startswith("CG20261122")})
    assert drafts == ["CG20261122-02", "CG20261122-03", "cg20261122-01"]
