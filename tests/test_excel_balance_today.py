"""=SB_BALANCE("支付宝") with no day is today's balance, as =SB_BALANCE("支付宝", TODAY()) is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.schema import LEDGER, Account, Entry
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from shopbook.xl import udfs
from test_functions import Caller


def test_a_line_dated_ahead_is_not_in_todays_balance(tmp_path, monkeypatch):
    """A line typed with next year (2027 for 2026) was counted in =SB_BALANCE("支付宝") — ¥500 the account
    does not hold today — while =SB_BALANCE("支付宝", TODAY()) left it out: two balances for today in one
    sheet. With no day the balance is today's, as SB_STOCK's stock is; the line counts from its own day."""
    monkeypatch.delenv("SHOPBOOK_SHOP", raising=False)
    folder = tmp_path / "shop"
    init_shop(folder)
    today = dt.date.today()
    ahead = today + dt.timedelta(days=365)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=today - dt.timedelta(days=30), opening_balance=Decimal("1000"))],
        Entry: [Entry(date=today - dt.timedelta(days=1), direction="收入", category="销售收入", amount=Decimal("200.50"),
                      account="支付宝"),
                Entry(date=ahead, direction="收入", category="销售收入", amount=Decimal("500"), account="支付宝")],
    }, keep_backup=False)
    ledger = Caller(folder / "ledger.xlsx")
    assert udfs.SB_BALANCE("支付宝", caller=ledger) == 1200.5
    assert udfs.SB_BALANCE("支付宝", dt.datetime.combine(today, dt.time()), caller=ledger) == 1200.5
    assert udfs.SB_BALANCE([["支付宝"], ["支付宝"]], caller=ledger) == [[1200.5], [1200.5]]
    # its day is still to come: refused, as SB_STOCK refuses it (tests/test_xl_udfs_balance_ahead.py)
    assert udfs.SB_BALANCE("支付宝", dt.datetime.combine(ahead, dt.time()), caller=ledger) == "#VALUE!"
