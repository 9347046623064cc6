"""A required column whose header a person mistyped (Quantity for qty, 成本价格 for 成本价) is
the error at that header's cell, naming what was typed and what to type; the column is named as
the sheet's other headers are written (qty in an English sheet, not 数量)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook

D = Decimal


def one_product_shop(tmp_path, lang: str):
    """A shop whose stock.xlsx holds one product and its opening receipt."""
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=10)]}, keep_backup=False)
    return folder


def shop_with_headers(tmp_path, lang: str, sheet: str, typed: dict[str, str]):
    folder = one_product_shop(tmp_path, lang)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    for c in wb[sheet][1]:
        c.value = typed.get(c.value, c.value)
    wb.save(folder / "stock.xlsx")
    return folder


@pytest.mark.parametrize("lang, sheet, header, typo, cell, name", [
    ("zh", "商品", "成本价", "成本价格", "H1", "成本价"),
    ("en", "Movements", "qty", "Quantity", "D1", "qty"),
    ("en", "Products", "cost", "Cost Price", "H1", "cost")])
def test_a_mistyped_required_header_is_the_error_at_its_cell(tmp_path, lang, sheet, header, typo, cell, name):
    folder = shop_with_headers(tmp_path, lang, sheet, {header: typo})
    [e] = validate_path(folder).errors
    assert (e.sheet, e.cell, e.column) == (sheet, cell, typo)
    assert f"“{typo}”" in e.message_zh and f"“{name}”" in e.message_zh
    assert f"'{typo}'" in e.message_en and f"rename it '{name}'" in e.message_en
    r = shopbook("stock", folder)  # a command stops on it, at that cell
    assert r.returncode == 2 and flat(f"{sheet} › {cell}") in flat(r.stdout + r.stderr)


def test_a_required_column_missing_outright_is_named_in_the_sheets_language(tmp_path):
    folder = shop_with_headers(tmp_path, "en", "Movements", {"qty": "remarks 2"})
    [e] = validate_path(folder).errors
    assert (e.sheet, e.cell, e.column) == ("Movements", "A1", "qty")
    r = shopbook("validate", folder)
    assert r.returncode == 1 and "数量" not in r.stdout.split("\n")[0]
