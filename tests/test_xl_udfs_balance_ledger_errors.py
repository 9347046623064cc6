"""SB_BALANCE answered a figure over entries `shopbook ledger` stops at: a line on Alipy (an account not on the
Accounts sheet) was left out of Alipay's balance, a payment booked twice (same account, number, amount, category)
counted twice, while the CLI said "1 data error to fix first". It is #N/A, as the CLI stops, until they are fixed;
then the balance is the ledger's closing balance again."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cli_run import appended_in, shopbook, type_in
from demo_shop import demo_copy
from test_addin_udf_calls import call_udf, mod  # noqa: F401  (mod: its fixture)
from test_functions import Caller


def _line(account, txn):
    return {"date": "2026-10-20", "direction": "out", "category": "Courier fees", "amount": 500, "account": account,
            "txn_no": txn}


@pytest.mark.parametrize("typed", [[_line("Alipy", "")], [_line("Alipay", "T-9"), _line("Alipay", "T-9")]],
                         ids=["unknown account", "booked twice"])
def test_a_balance_over_lines_the_ledger_stops_at_is_na(mod, tmp_path, typed):
    folder = demo_copy(tmp_path / "shop", "en")
    ledger = folder / "ledger.xlsx"
    appended_in(ledger, "Entries", typed)
    cli = shopbook("ledger", folder, "--month", "2026-10")
    assert cli.returncode == 2 and "1 data error to fix first" in cli.stdout + cli.stderr, (cli.stdout, cli.stderr)
    caller = Caller(ledger)
    assert call_udf(mod, "SB_BALANCE", ["Alipay", dt.datetime(2026, 10, 31), None], caller) == [["#N/A"]]
    # corrected as the CLI said (the second line's number, or the account): the ledger's figure again
    row = int(next(w for w in (cli.stdout + cli.stderr).split() if w.startswith(("E", "G")) and w[1:].isdigit())[1:])
    type_in(ledger, "Entries", {(row, "account"): "Alipay"} if typed[0]["account"] == "Alipy" else {(row, "txn_no"): "T-10"})
    cli = shopbook("ledger", folder, "--month", "2026-10", "--json")
    closing = {a["account"]: float(a["closing"]) for a in json.loads(cli.stdout)["accounts"]}
    assert call_udf(mod, "SB_BALANCE", ["Alipay", dt.datetime(2026, 10, 31), None], caller) == [[closing["Alipay"]]]
