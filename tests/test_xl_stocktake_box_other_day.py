"""The 盘点过账 button over a stocktake taken over two days (SH-RD-M counted the day before, not posted): its box said
"确实全都没货了，才在“盘点”表给每个填一行实盘数量 0" under a list holding SH-RD-M "（… 盘过）", which, followed, zeroed a count
made (the command line's --zero-uncounted leaves it), and "请再过账它：shopbook stocktake post 店铺 --date …", a command with
an option the button has not, as if pressing it again would. The box says each not marked counted, and that the button
posts the latest day only, the day before on the command line; `stocktake post` keeps its words."""

from __future__ import annotations

import datetime as dt

import pytest

from blank_books import append_by_header, blank
from shopbook import xl
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stocktake_listed, stocktake_post
from xlfake import FakeBook

DAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture(scope="module")
def pressed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("st") / "shop"
    init_shop(folder)
    path, wb = blank(folder, "stock.xlsx")
    append_by_header(wb["商品"], [{"商家编码": sku, "名称": "T恤", "成本价": 30, "售价": 99, "期初库存": 5}
                                for sku in ("SH-BK-M", "SH-WH-M", "SH-RD-M")])
    append_by_header(wb["盘点"], [{"日期": DAY, "商家编码": "SH-BK-M", "实盘数量": 4, "盘点人": "小李"},
                                  {"日期": DAY - dt.timedelta(days=1), "商家编码": "SH-RD-M", "实盘数量": 3, "盘点人": "小李"}])
    wb.save(path)
    book = FakeBook(path)
    xl.stocktake_post(book)
    return folder, book.app.alerts[-1]["prompt"].splitlines()


def test_the_box_says_zero_only_those_not_counted_on_another_day(pressed):
    _, lines = pressed
    assert "  SH-RD-M            账面     5  T恤（%s 盘过）" % (DAY - dt.timedelta(days=1)) in lines, lines
    [zero] = [ln for ln in lines if "实盘数量 0" in ln]
    assert zero == (f"  确实全都没货了，才在“盘点”表给每个没标“盘过”的填一行实盘数量 0（日期填 {DAY}），再按“盘点过账”过账："
                    "按实盘 0 计，账面数记为盘亏"), zero


def test_the_box_says_the_day_before_is_posted_on_the_command_line(pressed):
    folder, lines = pressed
    before = DAY - dt.timedelta(days=1)
    [other] = [ln for ln in lines if f"{before} 的盘点" in ln]
    assert other == (f"! “盘点”表里 {before} 的盘点（1 个 SKU 与账面不同：SH-RD-M）还没有过账，这次只过账了 {DAY} 的："
                     f"“盘点过账”按钮只过账最新一天的盘点，过账 {before} 的请在命令行运行 shopbook stocktake post 店铺 "
                     f"--date {before}（已过账的不会重复记）"), other
    # the command line's words, and the English box's
    plan = stocktake_post(open_shop(folder), DAY, dry_run=True)
    [said] = [w for w in plan.warnings if str(before) in w[0]]
    assert said[0].endswith(f"：请再过账它：shopbook stocktake post 店铺 --date {before}"), said
    [(_, _, en)] = [w for w in stocktake_listed(plan, button=("盘点过账", "Post stocktake"))[1] if str(before) in w[1]]
    assert en.endswith(f"leaves them out: the Post stocktake button posts only the latest day's count: post {before}'s "
                       f"on the command line, shopbook stocktake post SHOP --date {before} (what was posted already is "
                       "not posted twice)"), en
    [(_, zero_zh, zero_en)] = [w for w in stocktake_listed(plan, button=("盘点过账", "Post stocktake"))[2]
                               if "0" in w[1] and "实盘数量 0" in w[1]]
    assert "type a count of 0 for each not marked counted on the Stocktake sheet" in zero_en, zero_en
