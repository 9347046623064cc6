"""QA: the counter typed the counts into the printed count sheet itself (reports/stocktake-20261204.xlsx, on a
tablet) and pressed post: "the Stocktake sheet has no counts dated 2026-12-04 … type the counts into the Stocktake
sheet", as if nothing had been counted. Now the stop names the count sheet that holds the counts and says to copy
them, with their SKUs, to the Stocktake sheet of stock.xlsx."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from shopbook.issues import DataStop
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stocktake_post, stocktake_sheet
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 12, 4)


def test_counts_typed_into_the_printed_sheet_are_pointed_at(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {Product: [
        Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=10, status="在售")]},
        keep_backup=False)
    shop = open_shop(folder)
    sheet = stocktake_sheet(shop, DAY)
    wb = openpyxl.load_workbook(sheet)
    wb.active["F5"] = 9
    wb.save(sheet)
    with pytest.raises(DataStop) as stop:
        stocktake_post(shop, DAY, today=DAY)
    assert stop.value.en.endswith(". stocktake-20261204.xlsx has counts typed in, but it is the count sheet for "
                                  "printing: posting reads the Stocktake sheet of stock.xlsx: copy the counts with "
                                  "their SKUs to the Stocktake sheet, dated 2026-12-04, then post.")
    assert "stocktake-20261204.xlsx 里填了盘点数，但那是打印用的盘点表" in stop.value.zh
