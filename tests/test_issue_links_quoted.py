"""The Issues sheet's link to a cell of a sheet whose name holds an apostrophe (a renamed 商品 sheet,
"Tom's 商品"): Excel reads '...' with the apostrophe doubled; "#'Tom's 商品'!A3" is a link that Excel
answers "Reference isn't valid" when clicked. The 校验 button (the open book) and `validate --write`
(the file) write the same link."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from shopbook import xl
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop
from shopbook.validate import validate_path
from shopbook.validate.write import write_issues
from shopbook.workbook_builder import write_workbook
from xlfake import FakeBook


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    products = [Product(sku="TS-1", name="T恤", cost=Decimal("30"), price=Decimal("40")),
                Product(sku="TS-1", name="重复", cost=Decimal("1"), price=Decimal("2"))]  # a duplicate SKU
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: products}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["商品"].title = "Tom's 商品"
    wb.save(folder / "stock.xlsx")
    return folder


def test_the_buttons_link_doubles_the_apostrophe(shop):
    book = FakeBook(shop / "stock.xlsx")
    xl.validate(book)
    assert list(book.sheets["校验结果"].store.links.values()) == ["#'Tom''s 商品'!A3"]


def test_the_files_link_doubles_the_apostrophe(shop):
    path = shop / "stock.xlsx"
    write_issues(path, validate_path(path).issues, "zh")
    ws = openpyxl.load_workbook(path)["校验结果"]
    links = [c.hyperlink for row in ws.iter_rows() for c in row if c.hyperlink]
    assert [(h.location or h.target).lstrip("#") for h in links] == ["'Tom''s 商品'!A3"]
