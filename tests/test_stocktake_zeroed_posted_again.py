"""QA: a count posted with --zero-uncounted (the shelves not on the sheet all gone), then posted again as the
盘点过账 button posts (no flag), listed those SKUs as nobody counted, at the book they had before the zeroing (B
book 10, where the book is 0), told to go and count them or zero them again, and warned that their adjustments
had no count rows, to check. Now they are that count's 0, posted: the same lines as the first posting, nothing
uncounted, no warning, nothing written; a count typed for one since is posted as its difference."""

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


def test_a_count_posted_with_zero_uncounted_posted_again_without_it(tmp_path):
    folder = count_shop(tmp_path, "en", ("A", "B", "C"), counts=[StocktakeCount(date=DAY, sku="A", counted=9)])
    shop = open_shop(folder)
    first = stocktake_post(shop, DAY, zero_uncounted=True, today=DAY)
    assert _moves(folder) == [("A", -1), ("B", -10), ("C", -10)]
    again = stocktake_post(shop, DAY, today=DAY)
    assert again.already_posted and not again.adjustments
    assert again.uncounted == [] and again.warnings == []
    assert [(x.sku, x.book, x.counted, x.diff) for x in again.lines] == [
        (x.sku, x.book, x.counted, x.diff) for x in first.lines] == [("A", 10, 9, -1), ("B", 10, 0, -10), ("C", 10, 0, -10)]
    assert (again.gain, again.loss) == (0, -420)
    assert _moves(folder) == [("A", -1), ("B", -10), ("C", -10)]
    # B found after all (3 in the back room): posted as what the zeroing left out
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb[StocktakeCount.title("en")].append([DAY, "B", 3])
    wb.save(folder / "stock.xlsx")
    stocktake_post(shop, DAY, today=DAY)
    assert _moves(folder) == [("A", -1), ("B", -10), ("B", 3), ("C", -10)]
