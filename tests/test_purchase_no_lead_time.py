"""QA: a supplier whose 交货周期 is blank, ordered from for a product with no 补货周期 of its own: the
suggestion's quantities covered the days after a delivery and none of the wait for it, and the PO had
no expected date, said nowhere but '预计到货 -' and '交货周期：约定 - 天' (English 'declared - days').
Now a warning at that supplier's 交货周期 cell names the products and what it means, with the lead
time its receipts show where they show one, and the line says '没有约定' / 'none declared' (and
'还没有收货记录' / 'no deliveries yet' for '实际 - 天（0 单）').
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.schema import Movement, Product, Supplier

from cli_run import CJK, flat, shopbook


def test_a_supplier_without_a_lead_time_is_said_at_its_cell(stock_shop):
    today = dt.date.today()
    folder, lang = stock_shop({
        Product: [Product(sku="A", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=10, safety_stock=2,
                          supplier="甲厂"),
                  Product(sku="B", name="裤子", cost=Decimal(30), price=Decimal(90), opening_qty=10, safety_stock=2,
                          supplier="甲厂", lead_days=5)],
        Supplier: [Supplier(supplier="甲厂", contact="陈")],
        Movement: [Movement(date=today - dt.timedelta(days=2), sku=s, type="出库", qty=10, ref=f"T{s}") for s in "AB"],
    })
    r = shopbook("purchase", "suggest", folder)
    said = flat(r.stdout + r.stderr)
    zh = lang == "zh"
    want = (flat("供应商“甲厂”没有填交货周期，A 也没有填补货周期：补货量没有算等货的天数") if zh else
            flat("supplier '甲厂' has no lead time, nor do A of their own: their quantities leave out the days"))
    assert want in said and ("E2" in said), r.stdout + r.stderr  # at 供应商 › E2 (交货周期), B (its own 5 days) not named
    assert flat("交货周期：没有约定，还没有收货记录" if zh else "lead time: none declared, no deliveries yet") in said, said
    assert "-天" not in said and "-days" not in said and "noexpecteddate" not in said, said  # B's 5 days date the PO
    assert zh or not CJK.search(said.replace("甲厂", "").replace("衬衫", "").replace("裤子", "")), said
