"""The Alipay reconciliation's report: a ledger amount beside the statement's, on the 金额不符 sheet, is signed
as the statement's is and as the screen says it (-743.58 beside -734.58, never 743.58: a gap of 1,478.16 to
the eye where it is 9.00)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cli_run import shopbook
from demo_shop import demo_copy

STATEMENT = Path(__file__).resolve().parents[1] / "examples" / "20881234567890120156_202611_账务明细.csv"


def test_an_expense_typed_wrong_is_signed_alike_in_the_report(tmp_path):
    folder = tmp_path / "shop"
    demo_copy(folder)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb["流水"]
    head = [c.value for c in ws[1]]
    amount, txn = head.index("金额") + 1, head.index("流水号") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, txn).value == "LS2026112100360")  # 平台服务费 734.58
    ws.cell(row, amount).value = 743.58
    wb.save(folder / "ledger.xlsx")
    r = shopbook("reconcile", "alipay", folder, STATEMENT)
    assert f"流水账第 {row} 行 -¥743.58" in r.stdout, r.stdout
    report = openpyxl.load_workbook(folder / "reports" / "对账-支付宝-2026-11-21-2026-11-22.xlsx")["金额不符"]
    rows = [[c.value for c in r] for r in report.iter_rows(min_row=2)]
    assert [(x[0], x[4], x[6], x[7]) for x in rows] == [(8, -734.58, row, -743.58)], rows
