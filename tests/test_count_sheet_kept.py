"""QA: counts typed into the day's count sheet (reports/盘点表-20261203.xlsx, filled in on a tablet,
as `purchase receive` reads such a sheet too) were wiped when the sheet was made again for that day
(the 盘点表 button pressed by a colleague to print a copy): the file was replaced with blank
实盘数量 cells and no backup. Now a count sheet with anything typed in (a count, a note, the counter's
name) is kept, the new one written beside it (盘点表-20261203-2.xlsx), and the screen says so; a sheet
nothing was typed into is replaced as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from cli_run import CJK, flat, shopbook
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_sheet_with_counts_typed_in_is_not_replaced(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=5, status="在售",
                          bin=f"A-0{i}") for i, s in enumerate(("A", "B"), start=1)]}, keep_backup=False)
    first = folder / "reports" / (f"盘点表-{DAY:%Y%m%d}.xlsx" if lang == "zh" else f"stocktake-{DAY:%Y%m%d}.xlsx")
    second = first.with_name(f"{first.stem}-2.xlsx")
    r = shopbook("stocktake", "sheet", folder, "--date", DAY)
    assert r.returncode == 0 and first.exists()
    r = shopbook("stocktake", "sheet", folder, "--date", DAY)  # nothing typed in: replaced, no second file
    assert not second.exists() and "!" not in r.stdout
    wb = openpyxl.load_workbook(first)
    wb.active["F5"] = 4  # A's count, typed in
    wb.save(first)
    r = shopbook("stocktake", "sheet", folder, "--date", DAY)
    assert r.returncode == 0
    assert openpyxl.load_workbook(first).active["F5"].value == 4  # the count typed in is still there
    assert second.exists() and openpyxl.load_workbook(second).active["F5"].value is None
    if lang == "zh":
        assert flat(f"! {first.name} 里已经填了盘点数，没有覆盖它，新的盘点表另存为 {second.name}") in flat(r.stdout)
    else:
        assert flat(f"! {first.name} has counts typed into it: it was not replaced; the new count sheet is "
                    f"{second.name}") in flat(r.stdout)
        assert not CJK.search(r.stdout)
