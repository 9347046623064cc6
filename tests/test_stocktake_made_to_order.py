"""The weekly count and a 不备货 product (made for each order from the factory, none kept on the shelf): real
stock.xlsx written, `shopbook stocktake sheet` and `stocktake post` run as the CLI runs them, the sheet read back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import STOCK, Movement, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

D = Decimal
d = dt.date


def _shop(tmp_path, moves=()):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=10, bin="A-1"),
                  Product(sku="DR", name="定制连衣裙", cost=D(60), price=D(200), opening_qty=0, status="不备货"),
                  Product(sku="DR2", name="定制衬衫", cost=D(60), price=D(200), opening_qty=0, status="不备货",
                          bin="B-1")],
        Movement: [Movement(date=d(2026, 11, 1), sku="A", type="出库", qty=1, ref="T1"), *moves],
        StocktakeCount: [StocktakeCount(date=d(2026, 12, 5), sku="A", counted=9, counter="小王")]},
        keep_backup=False)
    return folder


def test_a_made_to_order_product_with_none_kept_is_not_to_count(tmp_path):
    """A dress typed 不备货 with none on the book was on every blind count sheet, and every posting named it among the
    SKUs nobody counted: '未盘 1 个 SKU … 去数这些 SKU'. It is now on neither; a 不备货 shirt whose goods came in for
    its orders (3 on the book) is still counted, and said uncounted where it was not."""
    folder = _shop(tmp_path, moves=[Movement(date=d(2026, 12, 1), sku="DR2", type="入库", qty=3, ref="CG1")])
    res = shopbook("stocktake", "post", folder, "--date", "2026-12-05", "--dry-run")
    out = flat(res.stdout + res.stderr)
    assert "未盘：1个SKU" in out and "DR2账面3" in out and "DR账面" not in out, res.stdout
    res = shopbook("stocktake", "sheet", folder, "--date", "2026-12-06")
    assert res.returncode == 0, res.stdout + res.stderr
    (sheet,) = (folder / "reports").glob("盘点表-20261206*.xlsx")
    skus = [r[1] for r in openpyxl.load_workbook(sheet).worksheets[0].iter_rows(min_row=5, values_only=True) if r[1]]
    assert skus == ["A", "DR2"], skus


def test_a_count_of_every_shelved_product_is_whole(tmp_path):
    """Every product kept on the shelf counted: nothing is said uncounted (before: the made-to-order dress, '去数')."""
    folder = _shop(tmp_path)
    res = shopbook("stocktake", "post", folder, "--date", "2026-12-05", "--dry-run")
    out = flat(res.stdout + res.stderr)
    assert res.returncode == 0 and "未盘：0个SKU" in out and "去数" not in out, res.stdout
