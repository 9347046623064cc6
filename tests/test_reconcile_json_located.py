"""`reconcile alipay|wechat --json`: each statement line and ledger row of its lines says where it is, as the text
output does (对账单第 9 行 of the file named above; 流水账第 6 行): a line its statement's file, a row its workbook and
sheet (before: the line and row numbers alone, the sheet only where 流水 is kept a sheet a year)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from shopbook.cli import app
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def test_each_line_and_row_in_json_carries_its_file_and_sheet(shop, tmp_path):
    shop = pin_account(balance_agrees(shop))
    path = write_statement(tmp_path, classic_statement(november_lines()))
    r = CliRunner().invoke(app, ["reconcile", "alipay", str(shop.folder), str(path), "--json"])
    lines = json.loads(r.stdout)["lines"]
    (differs,) = lines["amount_differs"]
    assert differs["statement"]["book"] == path.name and differs["statement"]["line"] == 10
    assert (differs["ledger"]["book"], differs["ledger"]["sheet"], differs["ledger"]["row"]) == ("ledger.xlsx", "流水", 7)
    assert [(x["book"], x["line"], x["txn_no"]) for x in lines["statement_only"]] == [(path.name, 11, "A7")]
    assert [(e["book"], e["sheet"], e["row"]) for e in lines["ledger_only"]] == [("ledger.xlsx", "流水", 9)]
