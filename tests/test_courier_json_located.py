"""`reconcile courier --json`: every parcel listed says where a person finds it, as the text output does: a bill's
line its file, sheet and line (before: heavy, fee_differs, billed_twice … gave the line alone, the file and sheet
only on billed_not_shipped); a parcel we shipped that the bill lacks, its order's workbook, sheet and row (before:
its numbers alone)."""

from __future__ import annotations

import json

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from test_courier_bill_totals import courier_shop


def test_each_parcel_in_json_carries_its_file_sheet_and_row(tmp_path, wide_console):
    shop = courier_shop(tmp_path / "shop", 4)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "11月明细"
    ws.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费"])
    ws.append(["73100000000001", "2026-11-10", "浙江", 1, "5.00"])
    ws.append(["73100000000002", "2026-11-10", "浙江", 3, "7.00"])  # heavy (one 0.4 kg shirt)
    ws.append(["73100000000003", "2026-11-10", "浙江", 1, "6.50"])  # 5.00 by the rates
    ws.append(["73100000000003", "2026-11-10", "浙江", 1, "6.50"])  # billed twice
    bill = tmp_path / "中通11月账单.xlsx"
    wb.save(bill)
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill), "--json"])
    got = json.loads(r.stdout)
    assert r.exit_code == 1
    where = {"book": "中通11月账单.xlsx", "sheet": "11月明细"}
    assert got["heavy"] == [{"tracking_no": "73100000000002", **where, "line": 3, "billed_kg": "3",
                             "estimated_kg": "0.5"}]
    assert got["fee_differs"] == [{"tracking_no": "73100000000003", **where, "line": 4, "billed": "6.50",
                                   "by_rates": "5.00"}]
    assert got["billed_twice"] == [{"tracking_no": "73100000000003", **where, "line": 5, "fee": "6.50"}]
    # O04 shipped on 11-10, not on the bill: its row of 订单 (row 1 the header, O01 on row 2)
    assert got["shipped_not_billed"] == [{"order_no": "O04", "tracking_no": "73100000000004", "book": "orders.xlsx",
                                          "sheet": "订单", "row": 5}]
