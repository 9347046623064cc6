"""QA (excel6): the stock cell functions filled down a column (=SB_STOCK(A2), =SB_AVAILABLE(A2),
=SB_REORDER_QTY(A2) on each row, as a person writes them) are one call a cell, and each call worked
out every SKU's figures from every movement again: on the demo shop's 343 SKUs a recalculation
took 1 s for SB_STOCK and 3.5 s for SB_REORDER_QTY. Now what a call works out from one read of the
shop's files is kept for the next cell's call, until a file changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from test_functions import Caller

from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.stock import levels
from shopbook.workbook_builder import write_workbook
from shopbook.xl import udfs


def test_a_column_filled_down_works_each_figure_out_once_and_anew_when_the_file_changes(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    init_shop(folder)
    day = dt.date.today() - dt.timedelta(days=3)
    products = [Product(sku=s, name="T恤", cost=Decimal(20), price=Decimal(60), opening_qty=10, safety_stock=8)
                for s in ("A", "B", "C")]
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: products, Movement: [Movement(date=day, sku="A", type="出库", qty=6)]}, keep_backup=False)
    calls = {"on_hand": 0, "sales_per_day": 0}
    for name in calls:
        real = getattr(levels, name)

        def counted(*a, _real=real, _name=name, **kw):
            calls[_name] += 1
            return _real(*a, **kw)
        monkeypatch.setattr(levels, name, counted)
    caller = Caller(folder / "stock.xlsx")

    cells = [udfs.SB_STOCK(s, caller=caller) for s in ("A", "B", "C", "A ")]  # one formula a row
    assert cells == [4, 10, 10, 4]
    assert calls["on_hand"] == 1, calls  # (was 4: every SKU's stock worked out again for each cell)
    assert [udfs.SB_AVAILABLE(s, caller=caller) for s in ("A", "B", "C")] == [4, 10, 10]
    reorder = [udfs.SB_REORDER_QTY(s, caller=caller) for s in ("A", "B", "C")]
    assert udfs.SB_REORDER_QTY([["A"], ["B"], ["C"]], caller=caller) == [[r] for r in reorder]  # as the column's
    assert calls == {"on_hand": 3, "sales_per_day": 1}, calls  # (once each function)

    # a movement typed and saved: the next recalculation answers from it, never from what was kept
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: products, Movement: [Movement(date=day, sku="A", type="出库", qty=6),
                                      Movement(date=day, sku="B", type="出库", qty=1)]}, keep_backup=False)
    assert [udfs.SB_STOCK(s, caller=caller) for s in ("A", "B", "C")] == [4, 9, 10]
    assert calls["on_hand"] == 4, calls
