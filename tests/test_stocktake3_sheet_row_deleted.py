"""QA: the counter deleted the blank row above the count sheet's header (to fit the page) and typed the
counts into reports/盘点表-20261203.xlsx; a colleague printed that day's sheet again and the counts were
gone: the sheet was taken as "nothing typed in" (its header looked for on the 4th row only) and replaced,
no backup. Now the header is found where it is, and the sheet with counts is kept, the new one beside it.
A sheet shopbook wrote and nobody touched is still replaced."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop, open_shop
from shopbook.stock import workflow as W
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 12, 3)


def test_counts_typed_below_a_moved_header_are_kept(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=5, status="在售",
                          bin=f"A-0{i}") for i, s in enumerate(("A", "B"), start=1)]}, keep_backup=False)
    shop = open_shop(folder)
    first = W.stocktake_sheet(shop, DAY)
    assert W.stocktake_sheet(shop, DAY).kept is None  # untouched: replaced
    wb = openpyxl.load_workbook(first)
    ws = wb.active
    ws.delete_rows(3)  # the blank row above the header
    ws["F4"], ws["F5"] = 4, 5  # the counts, typed in (the header now on row 3)
    wb.save(first)
    again = W.stocktake_sheet(shop, DAY)
    assert again.kept == first and again.name == "盘点表-20261203-2.xlsx"
    assert [c.value for c in openpyxl.load_workbook(first).active["F"]][3:5] == [4, 5]
