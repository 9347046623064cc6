"""A SKU sold out before the sales window (14 days) had no sale in it: there was nothing to sell. Its
reorder was 0 (0 a day × the lead and cover days), so `stock alerts` said 缺货, 补货 0, `purchase
suggest` ordered none of it and SB_REORDER_QTY said 0. Its rate is now that of the days up to its last sale.

TEE-M: 10 on hand from the start, 7 sold 11-01 and 3 more 11-02, 1 back (退货) 11-02, 1 written off 11-03:
on hand 10 − 7 − 3 + 1 − 1 = 0 today (2026-12-05), its window's sales 9.
Days up to its last sale (11-02): the books began 11-01, so 2 days, taken as 7 (never fewer):
9 ÷ 7 a day × (5 lead + 7 cover) = 15.43 → 16, + safety 0 − available 0 = 16.
TEE-S sold out too but never sold (opening 0): nothing to go by, still 0.
TEE-L, 4 on hand and nothing sold in the window either, is no sold-out SKU: its rate stays 0, no alert.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook import functions as F
from shopbook.purchasing.workflow import purchase_plan
from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop, open_shop
from shopbook.stock import workflow as W
from shopbook.workbook_builder import write_workbook

D = Decimal
TODAY = dt.date(2026, 12, 5)


def test_a_sku_sold_out_weeks_ago_is_reordered_at_its_sales_before_it_sold_out(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    P, M = Product, Movement
    products = [P(sku="TEE-M", name="T恤", cost=D(20), price=D(59), opening_qty=10, lead_days=5, supplier="四季青",
                  status="在售"),
                P(sku="TEE-S", name="T恤", cost=D(20), price=D(59), opening_qty=0, lead_days=5, status="在售"),
                P(sku="TEE-L", name="T恤", cost=D(20), price=D(59), opening_qty=4, lead_days=5, status="在售")]
    moves = [M(date=dt.date(2026, 11, 1), sku="TEE-M", type="出库", qty=7),
             M(date=dt.date(2026, 11, 2), sku="TEE-M", type="出库", qty=3),
             M(date=dt.date(2026, 11, 2), sku="TEE-M", type="退货", qty=1),
             M(date=dt.date(2026, 11, 3), sku="TEE-M", type="调整", qty=-1)]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: products, Movement: moves}, keep_backup=False)
    shop = open_shop(folder)
    alerts = {a.sku: (a.available, a.reorder_qty) for a in W.stock_alerts(shop, today=TODAY)}
    assert alerts == {"TEE-M": (0, 16), "TEE-S": (0, 0)}, alerts
    plan = purchase_plan(shop, TODAY)
    assert [(s.sku, s.qty) for o in plan.orders for s in o.lines] == [("TEE-M", 16)]
    assert F.reorder_qty("TEE-M", folder, today=TODAY) == 16  # SB_REORDER_QTY as `stock alerts`
