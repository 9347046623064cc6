"""A stop a button shows says what to do in Excel, not an option of the command line the button has not.

The 盘点过账 button met dates dragged down a day a row and ended its box "再过账：shopbook stocktake post 店铺
--date 2026-12-01": a command and an option nobody pressing a button typed. The 采购收货… button, given a
delivery's file a second time, said "请用第一次收货的日期 --date 再收 … 请加 --new-delivery": options it has not.
"""

from __future__ import annotations

import datetime as dt

from shopbook import xl
from shopbook.purchasing import workflow as W
from test_purchasing import _receive_setup, _scan, d, shop  # noqa: F401 - the fixture
from test_stocktake3_dates_filled_down import DAY, _shop
from xlfake import FakeBook


def test_the_stocktake_button_says_to_press_it_again_not_the_date_option(tmp_path):
    for lang, then in (("zh", "再过账：改好后再按“盘点过账”。"), ("en", "then post: press Post stocktake again.")):
        folder = _shop(tmp_path, lang, [DAY + dt.timedelta(days=i) for i in range(4)])  # (all before today)
        before = (folder / "stock.xlsx").read_bytes()
        book = FakeBook(folder / "stock.xlsx")
        xl.stocktake_post(book)
        box = book.app.alerts[-1]
        assert box["mode"] == "critical" and box["prompt"].endswith(then), box["prompt"]
        assert "--date" not in box["prompt"] and "shopbook stocktake" not in box["prompt"], box["prompt"]
        assert "2026-12-01" in box["prompt"]  # the date to give the rows, still said
        assert (folder / "stock.xlsx").read_bytes() == before  # nothing posted


def test_the_receive_button_given_a_delivery_again_gives_the_commands_to_run(shop, tmp_path):  # noqa: F811
    _receive_setup(shop)
    W.purchase_receive(shop, _scan(tmp_path, "box.txt", "A,20\nB,4\n"), "CG20261122-01", d("11-25"))
    again = _scan(tmp_path, "box-again.txt", "CG20261122-01,中通,YT2\nA,20\nB,6\n")  # (the button reads the PO off line 1)
    book = FakeBook(shop.folder / "stock.xlsx")
    xl.purchase_receive(str(again), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "已经是“已到货”：没有入库" in prompt, prompt
    cmd = f'shopbook purchase receive "{shop.folder}" "{again}" --po CG20261122-01'
    assert "“采购收货…”按钮按今天收货、不分批次，不能再收这个文件" in prompt, prompt
    assert f"在命令提示符里运行 {cmd} --date 第一次收货的日期" in prompt and f"运行 {cmd} --new-delivery。" in prompt
    assert "请加 --new-delivery" not in prompt  # (the CLI's words, which name no command)
