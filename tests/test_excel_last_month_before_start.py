"""A shop in its first month pressing 利润表 (or 代理月结): the button takes last month, which nobody typed, and its
box said "--month 2026-11 在账本开始（2026-12-01…）之前：没有可以做的利润表。请检查年份和月份。" — an option of the command
line, and a year and month to check that were never typed. It now says the button works on last month, which is
before the books begin, and when to press it again; the command line's words are as they were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cli_run import flat, shopbook
from shopbook import xl
from shopbook.io.reader import read_workbook
from shopbook.money.ledger import month_before
from shopbook.schema import LEDGER, Account
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from xlfake import FakeBook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pnl_button_in_the_shops_first_month_says_when_to_press_it(tmp_path, lang):
    folder = tmp_path / lang
    init_shop(folder, lang)
    today = dt.date.today()
    began = today.replace(day=1)
    wd = read_workbook(folder / "ledger.xlsx", LEDGER)
    data = {m: wd.rows(m) for m in LEDGER.sheets}
    data[Account] = [Account(account="支付宝" if lang == "zh" else "Alipay", opening_date=began,
                             opening_balance=Decimal(100))]
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, data, keep_backup=False)
    last = month_before(today)
    book = FakeBook(folder / "ledger.xlsx")
    xl.pnl(book=book)
    box = book.app.alerts[-1]
    said = box["prompt"]
    assert box["mode"] == "critical" and "--month" not in said, said
    if lang == "zh":
        assert f"这个按钮做上个月（{last}）的，它在账本开始（{began}" in said and f"{began:%Y-%m} 过完以后再按。" in said, said
        assert "请检查年份和月份" not in said
    else:
        assert f"This button works on last month ({last}), which ends before the books begin ({began}" in said, said
        assert said.endswith(f"Press it again once {began:%Y-%m} is over.") and "Check the year" not in said
    cli = shopbook("ledger", folder, "--month", last)  # (the command line's words: a month typed there)
    assert cli.returncode == 2 and flat(f"--month {last}") in flat(cli.stdout + cli.stderr), cli.stdout + cli.stderr
