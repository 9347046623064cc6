"""A 库位 typed with the input method left in full width (Ａ－２) was walked last on the pick list, after
A-10 and the rest of the shelf, sending the picker back to aisle A at the end of the walk. It is A-2 as the
walk goes (printed as typed). The bins as a real stock.xlsx holds them, read back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_orders import product

from shopbook.io.reader import read_workbook
from shopbook.orders.picking import Parcel, pick_list
from shopbook.schema import STOCK, OrderLine, OrderStatus, Product
from shopbook.workbook_builder import write_workbook

BINS = {"P1": "A-10", "P2": "Ａ－２", "P3": "a-3", "P4": "B-1", "P5": "A-1"}


def test_a_bin_typed_in_full_width_is_walked_in_its_place(tmp_path):
    write_workbook(tmp_path / "stock.xlsx", STOCK, "zh",
                   {Product: [product(sku, "S", "白色", "M", b, "", 5) for sku, b in BINS.items()]}, keep_backup=False)
    products = read_workbook(tmp_path / "stock.xlsx", STOCK, (Product,)).rows(Product)
    parcels = [Parcel(f"T{i}", [OrderLine(order_no=f"T{i}", paid_at=dt.datetime(2026, 11, 21, 9, i), receiver="王芳",
                                          phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号", sku=sku, qty=1,
                                          unit_price=D("99.00"), status=OrderStatus.APPROVED)])
               for i, sku in enumerate(BINS)]
    assert [x.bin for x in pick_list(parcels, products)] == ["A-1", "Ａ－２", "a-3", "A-10", "B-1"]
