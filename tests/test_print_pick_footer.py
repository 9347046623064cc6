"""The pick list and packing notes on paper. Their pages had no footer: the second page of a 300-order pick
list, or a packing note, said neither its batch nor which page of how many it was (a morning's and an
afternoon's batch printed on one printer could not be told apart, nor a page missing seen). Now each page's
footer gives the file's name, which names the batch (拣货单-20261205-1.xlsx), and page x of y: set in the
bundled template (nothing written per batch). Real workbooks written and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.orders.documents import write_picking_documents
from shopbook.orders.picking import Parcel, pick_list
from shopbook.schema import OrderLine, OrderStatus, Product


@pytest.mark.parametrize("lang, pages", [("zh", "第 &P 页，共 &N 页"), ("en", "Page &P of &N")])
@pytest.mark.parametrize("bundled", [True, False])
def test_every_printed_page_names_its_batch_and_page(tmp_path, lang, pages, bundled):
    products = [Product(sku="TS2601-NV-S", name="纯棉圆领T恤", bin="A-01-1", cost=D(20), price=D("48.90"))]
    line = OrderLine(order_no="3515131473026461491", paid_at=dt.datetime(2026, 12, 5, 8), receiver="王芳",
                     phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号", sku="TS2601-NV-S", qty=1,
                     unit_price=D("48.90"), status=OrderStatus.APPROVED)
    parcels = [Parcel(line.order_no, [line])]
    # (a template path that is not there: the template is built here, as the bundled one is made)
    path = write_picking_documents(tmp_path / "拣货单-20261205-1.xlsx", "20261205-1", pick_list(parcels, products),
                                   parcels, products, lang, template=None if bundled else tmp_path / "none.xlsx")
    pick, notes = openpyxl.load_workbook(path).worksheets
    for ws in (pick, notes):
        assert (ws.oddFooter.left.text, ws.oddFooter.right.text) == ("&F", pages), ws.title
        assert ws.page_setup.paperSize in (9, "9") and ws.page_setup.fitToWidth in (1, "1")
    assert pick.print_title_rows == "$3:$3"
