"""A button's box that tells of an option of the command line (--pay, --replace) gives the whole command to run."""

from __future__ import annotations

from shopbook import xl
from shopbook.purchasing import workflow as W
from test_purchasing import TODAY, _scan, shop  # noqa: F401 - the fixture
from xlfake import FakeBook


def test_the_receive_button_says_how_to_book_the_payment_it_cannot(shop, tmp_path):  # noqa: F811
    """A delivery received with the button ended "货款：¥… — 建议（--pay 写入）": a flag of a command the person
    pressing a button never typed, and no button books it. The box now says the flags are the command
    line's and gives the whole command for this shop, file and PO to add it to."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    scan = _scan(tmp_path, "delivery.txt", "CG20261122-01,中通,YT1\nA,20\n")
    book = FakeBook(shop.folder / "stock.xlsx")
    xl.purchase_receive(str(scan), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "建议（--pay 写入）" in prompt, prompt  # the payment proposed, as the CLI says it
    assert (f'在命令提示符里运行 shopbook purchase receive "{shop.folder}" "{scan}" --po CG20261122-01，后面加上 --pay）'
            in prompt), prompt
    assert W.purchase_receive(shop, scan, "CG20261122-01").already_posted  # (the button's receipt was posted)


def test_the_kpi_button_says_how_to_take_the_downloads_figure(tmp_path):
    """A 日报 figure typed by hand (35,000) that the 生意参谋 download has otherwise (35,000.10): the 导入生意参谋
    button said "保留了填的数；要用生意参谋的数，加 --replace 再导入", which no button can do. The box now gives the
    command to run with --replace, as the CLI would be run; the figure typed is kept, as the CLI keeps it."""
    import datetime as dt

    import openpyxl

    from shopbook.shop import init_shop
    from test_kpi_import import sycm_xlsx

    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    typed = {"日期": dt.datetime(2026, 11, 18), "访客数": 7001, "支付订单数": 171, "销售额": 35000}
    ws.append([typed.get(h) for h in head])
    wb.save(folder / "kpi.xlsx")
    f = sycm_xlsx(tmp_path / "sycm.xlsx")
    book = FakeBook(folder / "kpi.xlsx")
    xl.import_kpi(str(f), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "加 --replace 再导入" in prompt, prompt
    assert f'（--replace 是命令行的选项，这个按钮没有：在命令提示符里运行 shopbook kpi import "{folder}" "{f}"，后面加上 --replace）' in prompt
    assert prompt.count("命令行的选项") == 1
