"""A new shop's `stock summary` said "✓ 0 SKUs, value at cost ¥0.00" and `stock alerts` "✓ stock alerts: 0" over a
商品 sheet with nothing on it, read as stock summed and checked, and `stocktake sheet` "✓ count sheet: …" of a sheet
with nothing to count: each says there are no products yet and where they go."""

from __future__ import annotations

import datetime as dt

from cli_run import CJK

from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import (
    alerts_said,
    count_sheet_said,
    stock_alerts,
    stock_summary,
    stocktake_sheet,
)


def test_a_shop_with_no_products_is_told_where_they_go_not_ticked(tmp_path):
    init_shop(tmp_path / "shop", "en")
    shop = open_shop(tmp_path / "shop")
    rows = stock_summary(shop)
    said = rows.words()[1]
    assert rows.attention and said.startswith("no products on the Products sheet yet") and "stock.xlsx" in said, said
    [(mark, _, en)] = alerts_said(stock_alerts(shop))
    assert (mark, en) == ("–", said) and not CJK.search(en)
    [(mark, _, en)] = count_sheet_said(sheet := stocktake_sheet(shop), dt.date(2026, 12, 5))
    assert mark == "–" and en.startswith(f"the count sheet {sheet} is empty: nothing on the Products sheet to count"), en
