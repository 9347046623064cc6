"""The 采购收货 button's box names the command line's options it tells of (--pay), as a command to run."""

from __future__ import annotations

from shopbook import xl
from shopbook.purchasing import workflow as W
from test_purchasing import TODAY, _scan, shop  # noqa: F401 - the fixture
from xlfake import FakeBook


def test_the_receive_button_says_how_to_book_the_payment_it_cannot(shop, tmp_path):  # noqa: F811
    """A delivery received with the button ended "货款：¥… — 建议（--pay 写入）": a flag of a command the person
    pressing a button never typed, and no button books it. The box now says the flags are the command
    line's and gives the whole command for this shop, file and PO to add one to."""
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    scan = _scan(tmp_path, "delivery.txt", "CG20261122-01,中通,YT1\nA,20\n")
    book = FakeBook(shop.folder / "stock.xlsx")
    xl.purchase_receive(str(scan), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "建议（--pay 写入）" in prompt, prompt  # the payment proposed, as the CLI says it
    assert (f'在命令提示符里运行 shopbook purchase receive "{shop.folder}" "{scan}" --po CG20261122-01，后面加上要用的选项'
            in prompt), prompt
    assert W.purchase_receive(shop, scan, "CG20261122-01").already_posted  # (the button's receipt was posted)
