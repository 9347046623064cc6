"""QA: `stocktake post`'s ✓ line said "1 条调整已写入 stock.xlsx" without the sheet, so with 出入库 renamed
出入库记录 a person looked for the adjustments on a sheet the shop does not have. Now it names the sheet
as the workbook has it: "1 条调整已写入 stock.xlsx 的“出入库记录”表" (English: "… to the Stock moves sheet")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from cli_run import CJK, flat, shopbook
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("lang, renamed", [("zh", "出入库记录"), ("en", "Stock moves")])
def test_the_sheet_written_is_named(tmp_path, lang, renamed):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    day = dt.date(2026, 11, 28)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Shirt", cost=Decimal(20), price=Decimal(60), opening_qty=5, status="在售")],
        StocktakeCount: [StocktakeCount(date=day, sku="A", counted=4, counter="Ann")],
    }, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb[Movement.title(lang)].title = renamed  # as a person renames a tab
    wb.save(folder / "stock.xlsx")
    r = shopbook("stocktake", "post", folder, "--date", day)
    want = ("✓ 1 条调整已写入 stock.xlsx 的“出入库记录”表" if lang == "zh"
            else "✓ 1 adjustment written to the Stock moves sheet of stock.xlsx")
    assert r.returncode == 0 and flat(want) in flat(r.stdout), r.stdout + r.stderr
    if lang == "en":
        assert not CJK.search(r.stdout)
    moved = read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)
    assert [(m.sku, m.qty) for m in moved] == [("A", -1)]
    assert renamed in openpyxl.load_workbook(folder / "stock.xlsx").sheetnames
