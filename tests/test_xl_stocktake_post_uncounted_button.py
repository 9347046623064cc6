"""The 盘点过账 button posted a count that left SKUs uncounted and said, in its box, to count them and post again with
"shopbook stocktake post 店铺 --date … · 按钮 盘点过账": a command line first, to a person with the button under their
hand. The box says to press 盘点过账 again; `stocktake post` keeps its command."""

from __future__ import annotations

import datetime as dt

from blank_books import append_by_header, blank
from shopbook import xl
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stocktake_listed, stocktake_post
from xlfake import FakeBook


def test_the_uncounted_skus_are_posted_again_by_the_button(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    path, wb = blank(folder, "stock.xlsx")
    append_by_header(wb["商品"], [{"商家编码": sku, "名称": "T恤", "成本价": 30, "售价": 99, "期初库存": 5}
                                for sku in ("SH-BK-M", "SH-WH-M")])
    day = dt.date.today() - dt.timedelta(days=1)
    append_by_header(wb["盘点"], [{"日期": day, "商家编码": "SH-BK-M", "实盘数量": 4, "盘点人": "小李"}])
    wb.save(path)

    _, _, cli = stocktake_listed(stocktake_post(open_shop(folder), day, dry_run=True))
    assert any(f"再过账：shopbook stocktake post 店铺 --date {day} · 按钮 盘点过账" in zh for _, zh, _ in cli), cli

    book = FakeBook(folder / "stock.xlsx")
    xl.stocktake_post(book)
    lines = book.app.alerts[-1]["prompt"].splitlines()
    assert lines[0].startswith(f"{day} 盘点已过账"), lines
    [said] = [ln for ln in lines if ln.startswith("  去数这些 SKU")]
    assert said == f"  去数这些 SKU，把实盘数量填进 stock.xlsx 的“盘点”表（日期填 {day}），再按“盘点过账”过账（已过账的不会重复记）", said
    assert not [ln for ln in lines if "shopbook" in ln and "--zero-uncounted" not in ln], lines
