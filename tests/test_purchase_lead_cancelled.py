"""QA: a supplier's lead time was measured from its POs not cancelled: one whose late deliveries came
in part and were then cancelled (10 of 30 after 12 days, the rest never) had that evidence thrown
away, `purchase suppliers` saying 还没有收货记录 or its on-time POs alone, never that it is slow.

Hand-worked: 甲厂 交货周期 7; POs of 08-01 and 09-01 received after 5 and 6 days (已到货), of 10-01 and
11-01 received in part after 12 and 13 days, then 已取消. All four: (5+6+12+13)/4 = 9; the last 3:
(6+12+13)/3 = 10.3, over 7 by 3.3 (≥ 3 and ≥ 30 %): slow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

POS = ((dt.date(2026, 8, 1), 5, "已到货"), (dt.date(2026, 9, 1), 6, "已到货"), (dt.date(2026, 10, 1), 12, "已取消"),
       (dt.date(2026, 11, 1), 13, "已取消"))


def test_a_po_cancelled_after_part_came_counts_in_the_lead_time(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=0, status="在售",
                          supplier="甲厂")],
        Supplier: [Supplier(supplier="甲厂", lead_days=7)],
        PurchaseLine: [PurchaseLine(po_no=f"CG{o:%Y%m%d}-01", supplier="甲厂", sku="A", qty=30, order_date=o, status=s,
                                    received=10) for o, _, s in POS],
        Movement: [Movement(date=o + dt.timedelta(days=n), sku="A", type="入库", qty=10, ref=f"CG{o:%Y%m%d}-01")
                   for o, n, _ in POS]}, keep_backup=False)
    [lt] = W.supplier_lead_times(open_shop(folder))
    assert (lt.days, lt.orders, lt.recent, lt.recent_orders, lt.slow) == (Decimal("9.0"), 4, Decimal("10.3"), 3, True)
