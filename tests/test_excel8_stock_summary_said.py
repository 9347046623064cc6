"""The 库存汇总 button says the line `shopbook stock` prints, its mark with it: the box said "343 个 SKU，库存金额
¥276,727.00 — 已写入 stock.xlsx › 库存汇总" with no ✓, and a stock below zero without the CLI's !."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D

from cli_run import flat, shopbook, type_in
from shopbook import xl
from shopbook.schema import STOCK, Movement, MovementType, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from xlfake import FakeBook
import pytest


@pytest.fixture
def demo_copy(tmp_path):
    """The demo shop of its last 25 days (tests/demo_shop.november_copy): what these tests read is there, a fifth
    the size of the whole demo's 120 days."""
    from demo_shop import november_copy

    return november_copy(tmp_path / "shop")



def _pressed(folder):
    book = FakeBook(folder / "stock.xlsx")
    xl.stock_summary(book)
    return book.app.alerts[-1]


def test_the_stock_summary_button_says_what_stock_prints(demo_copy, tmp_path):
    twin = shutil.copytree(demo_copy, tmp_path / "twin")
    cli = shopbook("stock", twin)
    assert cli.returncode == 0 and cli.stdout.startswith("✓ "), cli.stdout + cli.stderr
    box = _pressed(demo_copy)
    assert box["mode"] == "info" and box["prompt"].startswith("✓ 343 个 SKU，库存金额 ¥"), box
    assert flat(box["prompt"]) == flat(cli.stdout), (box, cli.stdout)  # nothing more, nothing less


def test_a_stock_below_zero_is_the_clis_warning_in_the_box(tmp_path):
    # a new shop whose stock.xlsx holds a product and a movement out of it (row 2 of 出入库): a stock below zero
    # says the same of it as of the demo's year (whose load in FakeBook, summary and write were this test's CPU)
    demo_copy = tmp_path / "shop"
    init_shop(demo_copy)
    write_workbook(demo_copy / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="TS2601-NV-M", name="T恤", cost=D(20), price=D(60), opening_qty=10, safety_stock=2,
                          barcode="6900000000017")],
        Movement: [Movement(date=dt.date(2026, 11, 2), sku="TS2601-NV-M", type=MovementType.OUT, qty=1)]},
        keep_backup=False)
    type_in(demo_copy / "stock.xlsx", "出入库", {(2, "数量"): 100000})  # the first movement: out of all there is
    twin = shutil.copytree(demo_copy, tmp_path / "twin")
    cli = shopbook("stock", twin)
    box = _pressed(demo_copy)
    assert cli.stdout.startswith("! ") and "库存为负数" in cli.stdout, cli.stdout + cli.stderr
    assert box["mode"] == "critical" and box["prompt"].startswith("! ") and "库存为负数" in box["prompt"], box
    assert flat(box["prompt"]) == flat(cli.stdout), (box, cli.stdout)
