"""The monthly review of November, made in the first days of December, against what `ledger --month`
says of the same entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.money.workflow import ledger_report
from shopbook.report.monthly import build_review, write_review
from shopbook.schema import (
    LEDGER,
    ORDERS,
    STOCK,
    Account,
    Category,
    Entry,
    OrderLine,
    Product,
)
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

D = Decimal


def _shop(tmp_path):
    """A shop whose November entries hold one typed 2025-11-12 among 2026-11's (the year slipped), its
    one order paid on 2026-11-30 (its first day: a review of whole figures)."""
    folder = tmp_path / "shop"
    init_shop(folder)
    days = [dt.date(2026, 11, 5), dt.date(2026, 11, 8), dt.date(2025, 11, 12), dt.date(2026, 11, 15),
            dt.date(2026, 11, 20)]
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=d, direction="支出", category="包装耗材", amount=D("100.00"), account="现金") for d in days],
        Account: [Account(account="现金", opening_date=dt.date(2025, 1, 1), opening_balance=D("5000"))],
        Category: [Category(category="包装耗材", direction="支出", group="包装耗材")]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [OrderLine(
        order_no="T1", source="淘宝", paid_at=dt.datetime(2026, 11, 30, 23, 59, 59), receiver="张三",
        phone="13800000000", address="浙江省 杭州市 西湖区 文一路1号", sku="A", qty=1, unit_price=D("99.00"),
        status="已发货", shipped_on=dt.date(2026, 11, 30))]}, keep_backup=False)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [Product(sku="A", name="T恤", cost=D(10), price=D(99))]},
                   keep_backup=False)
    return open_shop(folder)


def test_an_entry_a_year_off_is_said_with_the_review_as_ledger_says_it(tmp_path):
    """`ledger --month 2026-11` says the 2025-11-12 line (is it 2026-11-12? its 100.00 is not in
    November's P&L) and gives its report no ✓. Before, the monthly review made of the same entries
    showed a P&L of −400.00 under a ✓, its P&L sheet silent. Now it says the line as `ledger` does,
    no ✓, and its P&L sheet notes it under the net."""
    shop = _shop(tmp_path)
    ledger, _, _ = ledger_report(shop, "2026-11")
    said = [i.message_zh for i in ledger.sheet_warnings]
    assert len(said) == 1 and "2026-11-12" in said[0]
    rev = build_review(shop, "monthly", "2026-11")
    assert rev.pnl.net == D("-400.00") and not rev.partial
    path, _ = write_review(shop, rev)
    lines = rev.said(path)
    assert lines[-1][0] != "✓", lines
    slip = [x for x in lines if "2025-11-12" in x[1]]
    assert len(slip) == 1 and slip[0][0] == "!" and "2026-11-12" in slip[0][1] and "2026-11-12" in slip[0][2]
    pnl = [r for r in openpyxl.load_workbook(path)["利润表"].iter_rows(values_only=True)]
    net = next(k for k, r in enumerate(pnl) if r[0] == "净额")
    assert pnl[net][1] == -400 and any("2026-11-12" in str(r[1]) for r in pnl[net + 1:]), pnl


def test_a_month_with_no_entries_yet_is_said_with_the_review_as_ledger_says_it(tmp_path):
    """On 12-02 finance has not typed November's 流水 yet (October's are there). `ledger --month
    2026-11` says the month has no entries, no ✓. Before, the monthly review of November went out
    under a ✓ with no P&L sheet at all and not a word of why. Now it says so as `ledger` does, no ✓,
    and its P&L sheet of zeros carries the same note under the net."""
    shop = _shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    for row in wb["流水"].iter_rows(min_row=2):
        if row[0].value is not None:
            row[0].value = row[0].value.replace(year=2026, month=10)
    wb.save(shop.path(LEDGER))
    ledger, _, _ = ledger_report(shop, "2026-11")
    assert ledger.entries == 0
    rev = build_review(shop, "monthly", "2026-11")
    path, _ = write_review(shop, rev)
    lines = rev.said(path)
    assert lines[-1][0] != "✓", lines
    said = [x for x in lines if "2026-11 没有流水" in x[1]]
    assert len(said) == 1 and said[0][0] == "!" and "no ledger entries in 2026-11" in said[0][2]
    pnl = [r for r in openpyxl.load_workbook(path)["利润表"].iter_rows(values_only=True)]
    net = next(k for k, r in enumerate(pnl) if r[0] == "净额")
    assert pnl[net][1] == 0 and any("2026-11 没有流水" in str(r[0]) for r in pnl[net + 1:]), pnl
