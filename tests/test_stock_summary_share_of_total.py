"""QA: a share of the total typed in a column of a person's own on 库存汇总 (=J2/$J$8, the total =SUM(J2:J7)
beside the title row) pointed, once a SKU was added and the table grew a row, at the last SKU's row (J8)
instead of the total, now on row 9: the absolute reference stayed where it was. Now a reference below the
table moves with the rows there, as Excel moves it when a row is inserted above it."""

from __future__ import annotations

import openpyxl

from shopbook.schema import STOCK
from shopbook.stock import workflow as W

from test_stock import TODAY, shop  # noqa: F401 - the fixture


def _title(ws) -> int:
    return next(r for r in range(2, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("库存汇总"))


def test_a_share_of_the_total_follows_the_total(shop):  # noqa: F811
    W.stock_summary(shop, today=TODAY)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["库存汇总"]
    title = _title(ws)
    side = ws.max_column + 1
    ws.cell(1, side, "占比")
    ws.cell(title, 10, f"=SUM(J2:J{title - 1})")
    for r in range(2, title):
        ws.cell(r, side, f"=J{r}/$J${title}")
    ws.cell(2, side + 1, f"=J{title}")  # relative, to the total as well
    products = wb["商品"]
    head = {c.value: c.column for c in products[1]}
    products.insert_rows(2)
    for h, v in {"商家编码": "A0", "名称": "新款", "成本价": 10, "售价": 20, "期初库存": 1}.items():
        products.cell(2, head[h], v)
    wb.save(shop.path(STOCK))

    assert W.stock_summary(shop, today=TODAY).written
    ws = openpyxl.load_workbook(shop.path(STOCK))["库存汇总"]
    now = _title(ws)
    assert now == title + 1 and ws.cell(now, 10).value == f"=SUM(J2:J{now - 1})"
    shares = {ws.cell(r, 1).value: ws.cell(r, side).value for r in range(2, now)}
    assert shares["A0"] in (None, "")  # the new SKU has none typed
    assert [f for f in shares.values() if f] == [f"=J{r}/$J${now}" for r in range(2, now) if shares[ws.cell(r, 1).value]]
    first = next(r for r in range(2, now) if ws.cell(r, side + 1).value)
    assert ws.cell(first, side + 1).value == f"=J{now}"
