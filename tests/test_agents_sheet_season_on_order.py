"""QA: a 过季 product sold out with goods still on an open 采购 row (ordered, not yet in) was listed 售完不补 on the
agents' price sheets, though stock alerts (rightly) do not tell the shop to delist it: the agents turned away orders
for goods on their way. It says 缺货 (out of stock, more to come) while on order; one with nothing on order, or
whose PO is received or cancelled, is still 售完不补."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.agents.workflow import price_sheets
from shopbook.schema import STOCK, Product, PurchaseLine
from shopbook.workbook_builder import write_workbook
from test_agents_settlement import make_shop

D = Decimal


def test_a_season_product_on_order_is_not_sold_out_for_good(tmp_path):
    products = [Product(sku="S", name="羽绒服", cost=D(10), price=D(50), opening_qty=0, status="过季"),
                Product(sku="U", name="棉服", cost=D(10), price=D(50), opening_qty=0, status="过季"),
                Product(sku="V", name="毛衣", cost=D(10), price=D(50), opening_qty=0, status="过季"),
                Product(sku="W", name="围巾", cost=D(10), price=D(50), opening_qty=0, status="过季")]
    shop = make_shop(tmp_path, products=products)
    day = dt.date.today() - dt.timedelta(days=3)
    write_workbook(shop.path(STOCK), STOCK, "zh", {Product: products, PurchaseLine: [
        PurchaseLine(po_no="PO1", supplier="厂家", sku="S", qty=20, order_date=day, status="已下单"),
        PurchaseLine(po_no="PO0", supplier="厂家", sku="V", qty=20, order_date=day, status="已取消"),
        # (from the review) a 草稿 line, never sent: nothing comes of it, 售完不补 still
        PurchaseLine(po_no="PO3", supplier="厂家", sku="U", qty=5, order_date=day, status="草稿"),
        # sent, its 下单日期 mistyped ahead: on order all the same, as stock alerts count it
        PurchaseLine(po_no="PO2", supplier="厂家", sku="W", qty=5, order_date=day + dt.timedelta(days=30),
                     status="已下单")]},
        keep_backup=False)
    (path,) = price_sheets(shop)
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(min_row=4, values_only=True))
    head = list(rows[0])
    assert {r[0]: r[head.index("库存")] for r in rows[1:] if r[0]} == {"S": "缺货", "U": "售完不补", "V": "售完不补", "W": "缺货"}
