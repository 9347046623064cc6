"""`shopbook ledger --month` on a new shop with no entries for the month printed a P&L of zeros under a ✓, read
as a month that made nothing: it says the month has no entries and where they go, and names the file without ✓."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.money.said import ledger_said
from shopbook.money.workflow import ledger_report
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def test_a_month_without_entries_says_so_and_no_tick(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    shop = open_shop(folder)
    report, margin, path = ledger_report(shop, "2026-11")  # the new shop's blank ledger.xlsx
    said = ledger_said(report, margin, path)
    assert ("!", ("2026-11 没有流水，利润表都是 0：这个月的每笔收入和支出记在 ledger.xlsx 的“流水”表（日期、收支、类别、金额、账户各一列），"
                  "记好后再生成一次"),
            ("no ledger entries in 2026-11, so the P&L is all zeros: enter each of the month's money in and out on the "
             "Entries sheet of ledger.xlsx (date, direction, category, amount, account), then run it again")) in said
    assert said[-1][0] == "–" and not any(m == "✓" for m, _, _ in said) and report.to_json()["entries"] == 0
    cells = [c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row]  # the file says it too
    assert said[-2][2] in cells

    write_workbook(shop.path(LEDGER), LEDGER, "en", {  # one sale typed in
        Entry: [Entry(date=dt.date(2026, 11, 3), direction="in", category="Sales", amount=D(99), account="Alipay")],
        Account: [Account(account="Alipay", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category="Sales", direction="in", group="sales")]}, keep_backup=False)
    report, margin, path = ledger_report(shop, "2026-11")
    said = ledger_said(report, margin, path)
    assert said[-1][0] == "✓" and not any("no ledger entries" in en for _, _, en in said)
