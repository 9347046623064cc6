"""The --help examples run as written on the demo shop (`shopbook demo`), bar the files a shop downloads
itself: `stocktake post 我的店铺 --date 2026-11-30` said the demo had no count that day (exit 2) and
`report promotion 我的店铺 双12` that it had no such promotion (exit 2). Their day, name and PO are now
the demo's, checked here against its committed workbooks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from shopbook.cli import _EXAMPLES
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, Promotion, PurchaseLine, StocktakeCount

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def test_the_help_examples_name_the_demo_shops_day_promotion_and_po(tmp_path):
    # (copies: a read of the committed xlsx/ itself left a parsed-sheet cache in the repository's tree, which
    # later tests copying xlsx/ then met or not, by the order the tests ran in)
    books = {n: shutil.copy(DEMO / n, tmp_path / n) for n in ("stock.xlsx", "orders.xlsx")}
    stock = read_workbook(books["stock.xlsx"], STOCK, (StocktakeCount, PurchaseLine))
    promotions = {p.name for p in read_workbook(books["orders.xlsx"], ORDERS, (Promotion,)).rows(Promotion)}
    counted = {c.date.isoformat() for c in stock.rows(StocktakeCount)}
    pos = {line.po_no for line in stock.rows(PurchaseLine)}
    for line in _EXAMPLES[("stocktake", "post")]:
        assert re.search(r"--date (\S+)", line)[1] in counted, (line, counted)
    for line in _EXAMPLES[("purchase", "receive")]:
        assert re.search(r"--po (\S+)", line)[1] in pos, (line, pos)
    named = [line.split()[-1] for line in _EXAMPLES[("report",)] if " promotion " in line]
    assert named and set(named) <= promotions, (named, promotions)
