"""QA: the week's count taken over two days, Monday's shelf posted, then Tuesday's: Tuesday's posting listed
Monday's SKUs under a ! as not counted, said "go and count them", and offered --zero-uncounted "if they are all
gone", for a stocktake that was done. Now SKUs counted on another day of the stocktake are said as such, with
nothing to count again, and no ! where nothing else is missing; a SKU nobody counted is still asked for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.schema import STOCK, Product, StocktakeCount
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stocktake_listed, stocktake_post
from shopbook.workbook_builder import write_workbook

MON, TUE = dt.date(2026, 11, 30), dt.date(2026, 12, 1)


def test_skus_counted_the_day_before_are_not_asked_for_again(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    skus = ["A", "B", "C"]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=10, status="在售")
                  for s in skus],
        StocktakeCount: [StocktakeCount(date=MON, sku="A", counted=10, counter="Ann"),
                         StocktakeCount(date=TUE, sku="B", counted=9, counter="Bo"),
                         StocktakeCount(date=TUE, sku="C", counted=10, counter="Bo")]}, keep_backup=False)
    shop = open_shop(folder)
    stocktake_post(shop, MON, today=TUE)
    _, _, said = stocktake_listed(stocktake_post(shop, TUE, today=TUE, dry_run=True))
    assert said[0][0] == ""  # no !: the stocktake is whole
    assert said[-1][1] == "  以上都在这次盘点的另一天盘过（括号里的日期），不用再数；那天的盘点还没过账的话，请过账它"
    assert not any("去数这些 SKU" in zh or "--zero-uncounted" in zh for _, zh, _ in said)
