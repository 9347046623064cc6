"""The 支付宝对账 / 微信对账 / 快递对账 buttons reconcile without --apply (or --courier), and their boxes ended
"…：核对后用 shopbook reconcile alipay 店铺 对账单 --apply 补录", "…加 --apply 写上", "或用 --courier 指定": a
command with 店铺 and 对账单 for the person to fill in, or an option alone, which no button has. The box now gives
the whole command for this shop and statement to run in a command prompt (the courier's: the option is the command
line's, as 采购收货 and 导入生意参谋 say it: test_excel_receive_button_options); where --apply would book nothing, no
command is offered."""

from __future__ import annotations

from cli_run import flat, shopbook
from test_money import classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401
from xlfake import FakeBook

from shopbook import xl
from shopbook.schema import LEDGER


def test_the_alipay_button_gives_the_command_to_run_with_apply(shop, tmp_path):  # noqa: F811
    pin_account(shop)  # (the shop's own account: --apply is offered)
    path = write_statement(tmp_path, classic_statement(november_lines()))
    book = FakeBook(shop.path(LEDGER))
    xl.reconcile_alipay(str(path), book)
    lines = book.app.alerts[-1]["prompt"].splitlines()
    run = f'shopbook reconcile alipay "{shop.folder}" "{path}"'
    assert (f"! 流水账少了 1 条（对账报告的“仅支付宝”表）：核对后在命令提示符里运行 {run} --apply（这个按钮不补录）补录"
            in lines), lines
    assert not any("店铺 对账单" in ln for ln in lines), lines
    cli = shopbook("reconcile", "alipay", shop.folder, path)  # (the command line's words, as they were)
    assert flat("核对后用 shopbook reconcile alipay 店铺 对账单 --apply 补录") in flat(cli.stdout), cli.stdout


def test_a_statement_apply_would_refuse_offers_no_command(shop, tmp_path):  # noqa: F811
    """--apply would book nothing (the 余额核对 disagree, no account pinned): no command to run with it offered."""
    path = write_statement(tmp_path, classic_statement(november_lines()))
    book = FakeBook(shop.path(LEDGER))
    xl.reconcile_alipay(str(path), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "但 --apply 不会补录" in prompt and "在命令提示符里运行" not in prompt, prompt


def test_the_courier_button_gives_the_command_to_name_the_courier_with(tmp_path):
    """A bill whose courier is told only by its tracking numbers' shape ("不对的话…或用 --courier 指定")."""
    from test_courier_bill_totals import courier_shop

    shop = courier_shop(tmp_path / "shop", 3)
    bill = tmp_path / "11月账单.csv"  # (no courier in its name)
    bill.write_bytes("运单号,揽收日期,目的地,计费重量,运费\nYT7512345678901,2026-11-10,浙江,1,5\n".encode("gb18030"))
    book = FakeBook(shop.folder / "orders.xlsx")
    xl.reconcile_courier(str(bill), book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "或用 --courier 指定" in prompt, prompt
    assert (f'（--courier 是命令行的选项，这个按钮没有：在命令提示符里运行 shopbook reconcile courier "{shop.folder}" '
            f'"{bill}"，后面加上 --courier）') in prompt, prompt
    assert "--json 是" not in prompt
