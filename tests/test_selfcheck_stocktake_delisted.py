"""QA: the self-check's weekly stocktake took the latest row of 盘点 whatever it counted: a shop that
counted only the leftovers of a 下架 style on 12-03 (to clear them) heard nothing of its goods on sale,
last counted on 11-01. Now only counts of SKUs on sale make the stocktake."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.report.selfcheck import read_selfcheck
from shopbook.schema import STOCK, Product, StocktakeCount
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def test_a_count_of_delisted_leftovers_is_no_weekly_stocktake(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name="T恤", cost=Decimal(20), price=Decimal(60), opening_qty=5, status=st)
                  for s, st in (("A", "在售"), ("OLD", "下架"))],
        StocktakeCount: [StocktakeCount(date=dt.date(2026, 11, 1), sku="A", counted=5),
                         StocktakeCount(date=dt.date(2026, 12, 3), sku="OLD", counted=5)]}, keep_backup=False)
    items = [i for i in read_selfcheck(open_shop(folder), dt.date(2026, 12, 5)) if "stocktake" in i.action]
    assert [(i.role, i.what) for i in items] == [("warehouse", "上次盘点是 2026-11-01（34 天前）：每星期盘点一次")]
