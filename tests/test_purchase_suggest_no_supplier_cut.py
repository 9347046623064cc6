"""QA: `purchase suggest` (and the 采购建议 button) cut the list of products with no supplier at the lines a screen
shows: the English said "and 4 more", the Chinese only "A1、A2 等", not how many were left out, so a buyer in a
Chinese shop could not tell 3 products from 30 still to get a supplier. Both now say how many more."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.purchasing.suggest import Plan, Suggestion, SupplierOrder
from shopbook.purchasing.workflow import SuggestResult


def _no_supplier(n: int) -> SuggestResult:
    lines = [Suggestion(f"A{k}", "衬衫", "", 1, 1, Decimal("20.00"), 0) for k in range(1, n + 1)]
    return SuggestResult(Plan([SupplierOrder(None, None, lines, dt.date(2026, 11, 22), None, None)]))


def test_the_cut_list_of_products_without_a_supplier_says_how_many_more_in_chinese_too():
    [(mark, zh, en)] = _no_supplier(7).said(3)
    assert mark == "!"
    assert "A1、A2、A3 等，还有 4 个" in zh and "A4" not in zh
    assert "A1, A2, A3 and 4 more" in en
    [(_, zh, en)] = _no_supplier(3).said(3)  # not cut: nothing more to say
    assert "A1、A2、A3。" in zh and "还有" not in zh and "more" not in en
