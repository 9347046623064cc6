"""QA (purchasing before 双12): the factory renamed itself (义乌针织厂 → 义乌针织有限公司) and the shop typed the new
name on the 商品 and 供应商 sheets; the PO sent before still says 义乌针织厂. Its delivery note by the factory's own
codes (货号, typed on the 商品 sheet) posted nothing: every code "不认识的编码 … 在“商品”表填上它" — they were filled in.
Now the PO's products' supplier, as the 商品 sheet names it now, is the PO's supplier too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.purchasing import workflow as W
from shopbook.schema import Product, PurchaseLine, Supplier
from shopbook.shop import open_shop


def test_a_po_of_a_supplier_renamed_since_is_received_by_its_codes(stock_shop, tmp_path):
    prods = [Product(sku=f"T-{s}", name="Tee", size=s, cost=Decimal("18.80"), price=Decimal(59), status="在售",
                     supplier="义乌针织有限公司", supplier_code=f"F88{s}") for s in ("M", "L")]
    folder, _ = stock_shop({
        Product: prods, Supplier: [Supplier(supplier="义乌针织有限公司", lead_days=5)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="义乌针织厂", sku=p.sku, qty=10, unit_cost=Decimal("18.80"),
                                    order_date=dt.date(2026, 11, 28), status="已下单") for p in prods]})
    note = tmp_path / "送货单.csv"
    note.write_text("货号,数量\nF88M,10\nF88L,7\n", encoding="utf-8-sig")
    r = W.purchase_receive(open_shop(folder), note, "CG1", dt.date(2026, 12, 3))
    assert sorted((m.sku, m.qty) for m in r.movements) == [("T-L", 7), ("T-M", 10)]
    assert not r.wrong
    assert r.payment.amount == Decimal("319.60")  # 17 × 18.80
