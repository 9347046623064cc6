"""An order of many lines (an agent's 40) on the packing notes. Its note ran on past the A4 page (46 rows of the
template's between its margins) and its last goods printed on a page of their own, with no order number on it: a
sheet of goods no packer could tell whose they were. Each page of such a note now begins with its order number
(续 / continued) and the column heads. The packing notes written and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.orders.documents import write_picking_documents
from shopbook.orders.picking import Item, Parcel, pick_list
from shopbook.schema import OrderLine, OrderStatus, Product

A4_ROWS = 46  # rows of 15 pt on the bundled template's A4 page between its 1-inch margins


def _line(no: str, sku: str) -> OrderLine:
    return OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 20, 10), receiver="王芳", phone="13812345678",
                     address="浙江省 杭州市 西湖区 文三路100号", sku=sku, qty=1, unit_price=D("9.90"),
                     status=OrderStatus.APPROVED)


@pytest.mark.parametrize("lang, label, more", [("zh", "订单编号", "（续）"), ("en", "Order no", " (continued)")])
def test_every_page_of_a_long_order_s_note_says_its_order(tmp_path, lang, label, more):
    products = [Product(sku=f"P{i:02d}", name=f"商品{i}", bin=f"A-{i}", cost=D(3), price=D("9.90")) for i in range(90)]
    parcels = [Parcel("D1", [_line("D1", "P00")]),
               Parcel("D2", [_line("D2", f"P{i:02d}") for i in range(85)], gifts=[Item("P89", 1, gift=True)]),
               Parcel("D3", [_line("D3", f"P{i:02d}") for i in range(40)])]
    path = write_picking_documents(tmp_path / "notes.xlsx", "B1", pick_list(parcels, products), parcels, products,
                                   lang)
    ws = openpyxl.load_workbook(path).worksheets[1]
    rows = list(ws.iter_rows(min_row=1, max_col=6, values_only=True))
    ends = [b.id for b in ws.row_breaks.brk] + [len(rows)]
    pages = [rows[a:b] for a, b in zip([0, *ends], ends)]  # (a break after row b: the next page starts at b + 1)
    owners = []
    for n, page in enumerate(pages):
        assert len(page) <= A4_ROWS, len(page)
        first = next(r for r in page[2 if n == 0 else 0:] if any(r))  # (below the sheet's title on the first)
        assert first[0] == label, page  # whose goods these are, at the top of every page
        owners.append(first[1])
        # every line of goods printed under the column heads of its page
        assert any(r[0] == ("商家编码" if lang == "zh" else "SKU") for r in page)
    assert owners == ["D1", "D2", f"D2{more}", f"D2{more}", "D3", f"D3{more}"]  # (40 lines: 47 rows, one too many)
    # every item of each order printed once, the gift too
    skus = {p.sku for p in products}
    items = [r[0] for r in rows if r[0] in skus]
    assert items == ["P00", *(f"P{i:02d}" for i in range(85)), "P89", *(f"P{i:02d}" for i in range(40))]
