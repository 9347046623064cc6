"""QA: a draft PO (草稿) written by `purchase suggest --write` and never sent kept its units on order
for good: stock alerts said "补货 0 在途 20" for a SKU below its safety stock, purchase suggest never
ordered it again, and nothing ever named the draft (the overdue list left drafts out: "it has not
been sent"). Now a draft past its 预计到货 with units still to come is listed by purchase suppliers
and the warehouse self-check as a draft, saying to delete it if it was never sent or to mark it
已下单 if it was; a sent PO is chased as before."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import CJK, flat, shopbook
from shopbook.schema import Movement, Product, PurchaseLine, Supplier

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku="TS", name="Tee", cost=Decimal(20), price=Decimal(50), opening_qty=10, safety_stock=5,
                    status="在售", supplier="Acme"),
                  P(sku="JK", name="Jacket", cost=Decimal(80), price=Decimal(199), opening_qty=10, status="在售",
                    supplier="Acme")],
        Movement: [Movement(date=dt.date(2026, 11, 22), sku="TS", type="出库", qty=8, ref="O1")],
        Supplier: [Supplier(supplier="Acme", lead_days=12)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="Acme", sku="TS", qty=20, order_date=dt.date(2026, 11, 1),
                                    expected_date=dt.date(2026, 11, 13), status="草稿"),
                       PurchaseLine(po_no="CG2", supplier="Acme", sku="JK", qty=5, order_date=dt.date(2026, 11, 5),
                                    expected_date=dt.date(2026, 11, 17), status="已下单")],
    })


def test_a_stale_draft_is_listed_as_a_draft(shop):
    folder, lang = shop
    r = shopbook("purchase", "suppliers", folder, "--date", TODAY, "--json")
    assert [(o["po_no"], o["days_late"], o["outstanding"], o["draft"]) for o in json.loads(r.stdout)["overdue"]] == [
        ("CG1", 21, 20, True), ("CG2", 17, 5, False)]
    r = shopbook("purchase", "suppliers", folder, "--date", TODAY)
    draft = next(ln for ln in r.stdout.splitlines() if "CG1" in ln)
    sent = next(ln for ln in r.stdout.splitlines() if "CG2" in ln)
    if lang == "zh":
        assert flat("还是草稿：没发给供应商的话请删掉") in flat(draft) and "草稿" not in sent
    else:
        assert flat("still a draft: if it was never sent, delete it") in flat(draft) and "draft" not in sent
        assert not CJK.search(r.stdout)


def test_the_self_check_names_the_stale_draft(shop):
    folder, lang = shop
    r = shopbook("selfcheck", folder, "--date", TODAY)
    text = flat(r.stdout)
    if lang == "zh":
        assert flat("草稿采购单过了预计到货 2026-11-13 21 天，20 件一直算在途") in text
        assert flat("采购单过了预计到货 2026-11-17 17 天，还差 5 件：催 Acme") in text
    else:
        assert flat("a draft PO 21 days past its expected date 2026-11-13, its 20 units counted on order") in text
        assert not CJK.search(r.stdout)
