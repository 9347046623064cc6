"""`reconcile courier --json`: each parcel billed that we did not ship with what a person takes up with
the courier: its number, day, money (a string, exact) and where it is on the bill (file, sheet, row)."""

from __future__ import annotations

import json

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from test_courier_bill_totals import courier_shop


def test_billed_not_shipped_names_each_parcels_day_money_and_row(tmp_path, wide_console):
    shop = courier_shop(tmp_path / "shop", 1)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "明细"
    ws.append(["中通快递 2026年11月 月结对账单"])
    ws.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费", "保价费"])
    ws.append(["73100000000001", "2026-11-10", "浙江", 1, "5.00", None])
    ws.append(["73100000000009", "2026-11-11", "江苏", 1, "¥1,008.10", "0.05"])
    bill = tmp_path / "中通11月账单.xlsx"
    wb.save(bill)
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill), "--json"])
    got = json.loads(r.stdout)["billed_not_shipped"]
    assert r.exit_code == 1 and got == [{"tracking_no": "73100000000009", "date": "2026-11-11", "amount": "1008.15",
                                         "book": "中通11月账单.xlsx", "sheet": "明细", "line": 4}], got
