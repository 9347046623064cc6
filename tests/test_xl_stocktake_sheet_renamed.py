"""A shop that renamed its 盘点 sheet 12月盘点 (Stocktake → Dec count) was told by `stocktake sheet` and the 盘点表
button to type the counts into stock.xlsx's “盘点” sheet, a sheet the book no longer has; and the button's box named
the command line (shopbook stocktake post 店铺 --date …) as the way to post them. Both name the sheet the counts are
read from; the box names the 盘点过账 button, the command line keeps its command."""

from __future__ import annotations

import datetime as dt

import pytest

from blank_books import append_by_header, blank
from cli_run import CJK
from shopbook import xl
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import count_sheet_said, stocktake_sheet
from xlfake import FakeBook

SHEETS = {"zh": ("盘点", "12月盘点", "商品", ("商家编码", "名称", "成本价", "售价")),
          "en": ("Stocktake", "Dec count", "Products", ("sku", "name", "cost", "price"))}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_count_sheet_names_the_stocktake_sheet_as_renamed_and_the_box_the_button(tmp_path, lang):
    own, renamed, products, heads = SHEETS[lang]
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    path, wb = blank(folder, "stock.xlsx", lang)
    append_by_header(wb[products], [dict(zip(heads, ("SH-BK-M", "T恤", 30, 99)))])
    wb[own].title = renamed
    wb.save(path)
    shop = open_shop(folder)

    day = dt.date.today()
    said = count_sheet_said(stocktake_sheet(shop, day), day)
    k = 1 if lang == "zh" else 2
    text = "\n".join(line[k] for line in said)
    assert (f"“{renamed}”表" if lang == "zh" else f"the {renamed} sheet of stock.xlsx") in text, text
    assert f"“{own}”表" not in text and f"the {own} sheet" not in text, text
    assert "shopbook stocktake post" in text  # (the command line's step, on the command line)

    book = FakeBook(folder / "stock.xlsx")
    xl.stocktake_sheet(book)
    box = book.app.alerts[-1]["prompt"]
    assert (f"“{renamed}”表" if lang == "zh" else f"the {renamed} sheet of stock.xlsx") in box, box
    assert "shopbook" not in box.replace(str(folder), ""), box  # a button to press, not a command to type
    assert ("按“盘点过账”过账" if lang == "zh" else "press Post stocktake in stock.xlsx") in box, box
    if lang == "en":
        assert not CJK.search(box.replace(str(folder), "").replace("T恤", "")), box
