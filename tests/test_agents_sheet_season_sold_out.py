"""QA: a 过季 product sold out (never reordered: stock alerts say to delist it) was listed 缺货 on every agent's price
sheet, which an agent reads as goods to come back: orders were taken for it and held for goods that will not come.
It now says 售完不补 (sold out, no more) in the shop's language; a 过季 product with stock left is 有货, one kept in
stock and sold out still 缺货. Real stock.xlsx / agents.xlsx written, `price_sheets` run, the sheet read back."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from shopbook.agents.workflow import price_sheets
from shopbook.schema import Product
from test_agents_settlement import make_shop

D = Decimal


def test_a_season_sold_out_is_said_sold_out_for_good(tmp_path):
    shop = make_shop(tmp_path, products=[
        Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=0),
        Product(sku="S", name="羽绒服", cost=D(10), price=D(50), opening_qty=0, status="过季"),
        Product(sku="T", name="短裤", cost=D(10), price=D(40), opening_qty=30, status="过季")])
    (path,) = price_sheets(shop)
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(min_row=4, values_only=True))
    head = list(rows[0])
    assert {r[0]: r[head.index("库存")] for r in rows[1:] if r[0]} == {"A": "缺货", "S": "售完不补", "T": "有货"}
    from shopbook.agents.workflow import availability

    assert availability(0, "en", 3, restocked=False) == "sold out, no more"  # (an English shop's sheet)
