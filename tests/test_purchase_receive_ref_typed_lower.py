"""A first delivery typed into 出入库 by hand with the PO number as the warehouse writes it (cg20261122-01, lower
case, or with a space copied into it), the rest received through shopbook a week later. Before: the hand-typed 12 shirts were not
that PO's, A said 之前 0 / 少到 12, the PO left open and the payment proposed ¥240 short; the supplier's lead time
measured from the second delivery. The shop is test_purchasing's (甲厂's draft CG20261122-01: A×20 @¥20, B×10 @¥30)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, PoStatus, PurchaseLine

from test_purchasing import TODAY, _scan, d, shop  # noqa: F401 - the fixture


@pytest.mark.parametrize("typed", ["cg20261122-01", "CG 20261122-01"])
def test_a_stock_in_typed_with_the_po_number_in_lower_case_is_that_pos(shop, tmp_path, typed):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["出入库"].append([dt.datetime(2026, 11, 25), "A", "入库", 12, typed, "送货单手工录入"])
    wb.save(shop.path(STOCK))
    r = W.purchase_receive(shop, _scan(tmp_path, "rest.txt", "A,8\nB,10\n"), "CG20261122-01", d("12-02"))
    assert {x.sku: (x.before, x.now, x.result) for x in r.lines} == {"A": (12, 8, "complete"), "B": (0, 10, "complete")}
    assert r.closed and r.owed == Decimal("700.00") and r.payment.amount == Decimal("700.00")
    po = {ln.sku: (ln.status, ln.received) for ln in read_workbook(shop.path(STOCK), STOCK).rows(PurchaseLine)
          if ln.po_no == "CG20261122-01"}
    assert po == {"A": (PoStatus.RECEIVED, 20), "B": (PoStatus.RECEIVED, 10)}
    # 甲厂: CG20261020-01 in 12 days, CG20261122-01's first goods in 3 (not the 10 to the second delivery)
    assert W.supplier_lead_times(shop)[0].days == Decimal("7.5")
