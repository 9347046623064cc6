"""A new shop's first weeks: `stock alerts` (and SB_REORDER_QTY) averaged its sales over 14 days though it had sold
for 5, so a reorder came out a third of what it needs and "sold out before a delivery" was never said. Sales are
averaged over the days the shop (or the SKU, brought in since) has been selling, at least a week."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.schema import STOCK, Movement, MovementType, Product
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stock_alerts
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 12, 5)


def test_a_new_shops_sales_are_averaged_over_the_days_it_has_sold(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")

    def product(sku, opening, lead):
        return Product(sku=sku, name=sku, cost=D(30), price=D(99), opening_qty=opening, safety_stock=2,
                       lead_days=lead)

    def out(day, sku, qty, kind=MovementType.OUT):
        return Movement(date=TODAY - dt.timedelta(days=day), sku=sku, type=kind, qty=qty)

    # the books begin 9 days ago (10 days of selling); OLD was on the shelf from the first day, NEW came in 2 days ago
    moves = [out(9, "OLD", 10), out(5, "OLD", 10), out(1, "OLD", 10), out(2, "NEW", 10, MovementType.IN),
             out(1, "NEW", 4), out(0, "NEW", 3)]
    write_workbook(folder / "stock.xlsx", STOCK, "en",
                   {Product: [product("OLD", 60, 12), product("NEW", 0, 5)], Movement: moves}, keep_backup=False)
    alerts = {a.sku: a for a in stock_alerts(open_shop(folder), today=TODAY)}
    # OLD: 30 sold in the books' 10 days, 3 a day (not 30/14: no alert, 13 to order): its 30 last 10 days of 12
    assert alerts["OLD"].reasons == [("按近 10 天的销量约 10 天卖完，到货要 12 天",
                                      "lasts about 10 days at the last 10 days' sales; a delivery takes 12 days")]
    assert alerts["OLD"].reorder_qty == 3 * (12 + 7) + 2 - 30
    # NEW: 7 sold in its 2 days, averaged over a week (a launch's two days are not every day's): 1 a day
    assert alerts["NEW"].reasons[0][1] == "lasts about 3 days at the last 7 days' sales; a delivery takes 5 days"
    assert alerts["NEW"].reorder_qty == 1 * (5 + 7) + 2 - 3
