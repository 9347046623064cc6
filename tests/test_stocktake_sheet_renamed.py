"""QA: a shop keeping a stocktake sheet a week (盘点 11-21, then 盘点 11-22 copied beside it) was told by
`stocktake post --date 2026-11-22` that the “盘点” sheet had no counts that day, and to type them in
there: there is no sheet 盘点, and the counts were typed, on the sheet shopbook did not read. Now the
sheet read is named as it is (here and in what post lists: type the uncounted into it, a double count
on its rows 5 and 6), and the sheet not read is said, with where to move its counts, in the stop and
among the warnings of a posting (its SKUs would otherwise be listed as uncounted, unsaid why).
The shop of test_stock (today 2026-11-22; counts of 11-21: A 6 + 4, C 24, E 9)."""

from __future__ import annotations

import openpyxl
import pytest
from test_stock import TODAY, d, shop  # noqa: F401  (shop is the fixture)

from shopbook.issues import ShopbookError
from shopbook.schema import STOCK
from shopbook.stock import workflow as W
from shopbook.stock.workflow import stocktake_listed


def test_a_renamed_stocktake_sheet_is_named_and_the_one_beside_it_said(shop):  # noqa: F811
    path = shop.path(STOCK)
    wb = openpyxl.load_workbook(path)
    wb["盘点"].title = "盘点 11-21"
    wb["盘点 11-21"].append([d("11-21"), "E", 9, "李"])  # E's 9 by 张 again: a double count to check
    new = wb.create_sheet("盘点 11-22")
    new.append(["日期", "商家编码", "实盘数量", "盘点人"])
    new.append([TODAY, "C", 23, "张"])
    wb.save(path)
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, TODAY, dry_run=True, today=TODAY)
    assert ("“盘点 11-21”表里没有 2026-11-22 的盘点记录（有的日期：2026-11-21）。“盘点 11-22”的表头和它一样，没有读取"
            "（只读一张盘点表）：那里的盘点请移到“盘点 11-21”表里") in e.value.zh, e.value.zh
    assert "'盘点 11-22' has the same headers and was not read" in e.value.en and "“盘点”表" not in e.value.zh
    plan = W.stocktake_post(shop, d("11-21"), dry_run=True, today=TODAY)
    _, warnings, uncounted = stocktake_listed(plan)
    said = "\n".join(zh for _, zh, _ in warnings + uncounted)
    assert "“盘点 11-21”表第 5 行和第 6 行：E 张 和 李 报了同样的数量 9" in said
    # posting 11-21 leaves out what the sheet not read holds (a second counter's own sheet, say): said first
    assert warnings[0][1].startswith("“盘点 11-22”的表头和“盘点 11-21”一样，没有读取（只读一张盘点表）：那里的盘点不在这次过账里"), warnings
    assert "把实盘数量填进 stock.xlsx 的“盘点 11-21”表（日期填 2026-11-21）" in said and "“盘点”表" not in said, said


def test_a_stocktake_sheet_named_in_the_other_language_is_named_so(shop):  # noqa: F811
    """A Chinese shop's counts on a sheet named Stocktake (pasted from an English template): no “盘点” to look for."""
    wb = openpyxl.load_workbook(shop.path(STOCK))
    wb["盘点"].title = "Stocktake"
    wb.save(shop.path(STOCK))
    with pytest.raises(ShopbookError) as e:
        W.stocktake_post(shop, TODAY, dry_run=True, today=TODAY)
    assert e.value.zh.startswith("“Stocktake”表里没有 2026-11-22 的盘点记录"), e.value.zh


def test_the_post_button_names_the_counts_sheet_as_the_cli_does(tmp_path):
    """The 盘点过账 button with no count to post said “盘点”表里没有盘点记录 whatever the counts' sheet is
    called (盘点 11-21; Stocktake in a Chinese shop): it now stops as `stocktake post --date TODAY` does."""
    import datetime as dt

    from xlfake import FakeBook

    from shopbook import xl
    from shopbook.shop import init_shop

    init_shop(tmp_path, "zh")
    today = dt.date.today()
    for name in ("盘点 11-21", "Stocktake"):
        wb = openpyxl.load_workbook(tmp_path / "stock.xlsx")
        wb.worksheets[wb.sheetnames.index("盘点" if name != "Stocktake" else "盘点 11-21")].title = name
        wb.save(tmp_path / "stock.xlsx")
        book = FakeBook(tmp_path / "stock.xlsx")
        xl.stocktake_post(book=book)
        said = book.app.alerts[-1]["prompt"]
        assert said.endswith(f"stock.xlsx：“{name}”表里没有 {today} 的盘点记录（表里还没有盘点记录）。请把实盘数量填进 stock.xlsx 的“{name}”表，"
                             f"日期填 {today}。"), said
