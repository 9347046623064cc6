"""The 盘点过账 button, a count that left SKUs uncounted, said in its box "确实全都没货了，才用 shopbook stocktake post 店铺 --date …
--zero-uncounted": a command line, and an option no button has. The box now says the step that does it in Excel: a count
of 0 typed for each on the 盘点 sheet, then 盘点过账 again; done, the book is at 0 and nothing is left uncounted.
`stocktake post` keeps its option."""

from __future__ import annotations

import datetime as dt

import openpyxl

from blank_books import append_by_header, blank
from shopbook import xl
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stocktake_listed, stocktake_post
from xlfake import FakeBook


def test_all_gone_is_a_count_of_0_typed_and_the_button_again(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    path, wb = blank(folder, "stock.xlsx")
    append_by_header(wb["商品"], [{"商家编码": sku, "名称": "T恤", "成本价": 30, "售价": 99, "期初库存": 5}
                                for sku in ("SH-BK-M", "SH-WH-M")])
    day = dt.date.today() - dt.timedelta(days=1)
    append_by_header(wb["盘点"], [{"日期": day, "商家编码": "SH-BK-M", "实盘数量": 4, "盘点人": "小李"}])
    wb.save(path)

    _, _, cli = stocktake_listed(stocktake_post(open_shop(folder), day, dry_run=True))
    assert any(f"才用 shopbook stocktake post 店铺 --date {day} --zero-uncounted" in zh for _, zh, _ in cli), cli
    assert any("shopbook stocktake post SHOP --date" in en and "--zero-uncounted" in en for _, _, en in cli), cli

    book = FakeBook(path)
    xl.stocktake_post(book)
    lines = book.app.alerts[-1]["prompt"].splitlines()
    assert f"  确实全都没货了，才在“盘点”表给每个填一行实盘数量 0（日期填 {day}），再按“盘点过账”过账：按实盘 0 计，账面数记为盘亏" \
        in lines, lines
    assert not [ln for ln in lines if "shopbook" in ln or "--zero" in ln], lines
    _, _, en = stocktake_listed(stocktake_post(open_shop(folder), day, dry_run=True), button=("盘点过账", "Post stocktake"))
    assert (f"  only if they are all really gone: type a count of 0 for each on the Stocktake sheet dated {day}, then "
            "press Post stocktake: each counts as 0, its book quantity a loss") in [e for _, _, e in en], en

    wb = openpyxl.load_workbook(path)  # done as the box says: a row of 0, the button again
    append_by_header(wb["盘点"], [{"日期": day, "商家编码": "SH-WH-M", "实盘数量": 0, "盘点人": "小李"}])
    wb.save(path)
    book = FakeBook(path)
    xl.stocktake_post(book)
    said = book.app.alerts[-1]["prompt"]
    assert "未盘" not in said, said
    moves = read_workbook(path, STOCK, (Movement,)).rows(Movement)
    assert sum(m.qty for m in moves if m.sku == "SH-WH-M") == -5, [(m.sku, m.type, m.qty) for m in moves]
