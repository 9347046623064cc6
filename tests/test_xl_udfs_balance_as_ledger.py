"""SB_BALANCE answers as `shopbook ledger` does for the same workbook. Two ways it did not, in an English shop:
an account typed in another case (alipay for the Accounts sheet's Alipay) was #N/A "unknown account", where a
Chinese shop's 支付宝 has no case to mistype; and a day before an account's opening date answered its opening
balance, a figure the books never stated for then (the P&L of that month shows no balance of it): #N/A now."""

from __future__ import annotations

import datetime as dt
import json

from cli_run import appended_in, shopbook
from demo_shop import demo_copy
from test_addin_udf_calls import call_udf, mod  # noqa: F401  (mod: its fixture)
from test_functions import Caller


def test_sb_balance_is_the_ledgers_closing_balance_however_the_account_is_typed(mod, tmp_path):
    folder = demo_copy(tmp_path / "shop", "en")
    # an account the books open in November: October's P&L has no balance of it
    appended_in(folder / "ledger.xlsx", "Accounts", [{"account": "Savings", "opening_date": "2026-11-15",
                                                       "opening_balance": 500}])
    cli = shopbook("ledger", folder, "--month", "2026-10", "--json")
    closing = {a["account"]: float(a["closing"]) for a in json.loads(cli.stdout)["accounts"]}
    assert "Savings" not in closing and len(closing) == 4, cli.stdout
    caller = Caller(folder / "ledger.xlsx")
    end = dt.datetime(2026, 10, 31)
    for account, figure in closing.items():
        for typed in (account, account.lower(), f" {account.upper()} "):
            assert call_udf(mod, "SB_BALANCE", [typed, end, None], caller) == [[figure]], (typed, figure)
    assert call_udf(mod, "SB_BALANCE", ["Savings", end, None], caller) == [["#N/A"]]
    assert call_udf(mod, "SB_BALANCE", ["savings", dt.datetime(2026, 11, 14), None], caller) == [["#N/A"]]
    assert call_udf(mod, "SB_BALANCE", ["savings", dt.datetime(2026, 11, 15), None], caller) == [[500.0]]
    assert call_udf(mod, "SB_BALANCE", ["Savngs", dt.datetime(2026, 11, 15), None], caller) == [["#N/A"]]
