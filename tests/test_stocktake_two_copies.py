"""QA: two people counted on two copies of the printed count sheet, each their own shelves, and both copies were
typed into 盘点 as they were: each copy blank where the other counted. Every SKU was held for its blank row (right:
a place not counted yet would be booked a loss), but listed too as nobody counted, "go and count them", or zero
them all "as a loss", where all were counted. Now a SKU counted on other rows is not listed as uncounted, and
where each blank row is another counter's, the blank rows' warning says what it most likely is: two copies, whose
blanks are 0. Typed so, the count posts once."""

from __future__ import annotations

import datetime as dt

import openpyxl
from count_shops import count_shop

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post

DAY = dt.date(2026, 12, 5)


def _moves(folder) -> list[tuple[str, int]]:
    return sorted((m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement))


def test_two_copies_of_the_count_sheet_each_blank_where_the_other_counted(tmp_path):
    folder = count_shop(tmp_path, "en", ("A", "B", "C", "D"))
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.title("en")]
    for counter, counted in (("Ann", (9, 10, None, None)), ("Bob", (None, None, 10, 12))):  # rows 3–6, 7–10
        for sku, n in zip("ABCD", counted):
            ws.append([DAY, sku, n, counter])
    wb.save(folder / "stock.xlsx")
    shop = open_shop(folder)
    plan = stocktake_post(shop, DAY, today=DAY)
    assert _moves(folder) == [] and plan.uncounted == []
    assert plan.warnings[0][1].startswith("4 rows of the Stocktake sheet have no count (row 5 C, row 6 D, row 7 A, "
                                          "row 8 B), taken as not counted yet and not posted; A, B, C, D, counted on "
                                          "other rows, wait for these rows too")
    assert plan.warnings[0][1].endswith(
        ". If two counters each filled in a copy of the count sheet, counting their own shelves, a row blank on one "
        "copy was counted on the other: type 0 in those rows (or delete them), then post again")
    assert plan.warnings[0][0].endswith("。两个人各拿一份盘点表、各数各的货架的话，一份上空着的是另一个人数过的：这些空行填 0（或删掉），再过账")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws = wb[StocktakeCount.title("en")]
    for row in (5, 6, 7, 8):
        ws.cell(row, 3).value = 0
    wb.save(folder / "stock.xlsx")
    plan = stocktake_post(shop, DAY, today=DAY)
    assert not plan.warnings and not plan.uncounted
    assert _moves(folder) == [("A", -1), ("D", 2)]
    assert (plan.gain, plan.loss) == (40, -20)
