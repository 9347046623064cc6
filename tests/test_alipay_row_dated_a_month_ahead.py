"""A 流水 row typed a month ahead, without a number: the 直通车 charge of 11-06 typed 12-06. The November
statement's line was 'only in Alipay' and --apply booked it again under a ✓: the 120.00 twice in the
books (the row ahead left to be 'only in the ledger' next month). The line is now probably that row, held
for a person, said with the row, both days and what to correct; nothing of it booked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.money.reconcile import typed_ahead
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def _typed(shop, day: dt.datetime, *more: dt.datetime):
    """11-06's 直通车 row (A5) dated `day` without its number; `more` rows of 120.00 直通车 beside it."""
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    assert (ws["C6"].value, ws["G6"].value) == ("直通车", "A5")
    ws["A6"], ws["G6"] = day, None
    for d in more:
        ws.append([d, "支出", "直通车", 120, "支付宝"])
    wb["账户"]["B2"] = dt.datetime(2025, 1, 1)  # (the books opened before a row typed behind)
    wb.save(shop.path(LEDGER))
    return pin_account(shop)


def held_once(shop, tmp_path, day: dt.datetime) -> None:
    """A5's row typed on `day` (a month ahead or behind) without its number: the line held, --apply books A7's fee
    alone, and the statement's row says the ledger's row, its day and what to correct."""
    shop = _typed(shop, day)
    path = write_statement(tmp_path, classic_statement(november_lines()))
    res = reconcile_alipay_file(shop, path, apply=True)
    (held,) = res.result.doubtful
    assert (held.line.txn_no, held.entry.row, held.entry.date) == ("A5", 6, day.date())
    assert res.applied == 1  # A7's fee alone (before: A5's 120.00 too, booked a second time)
    entries = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert [(e.date, e.amount) for e in entries if e.category == "直通车"] == [(day.date(), D("120.00"))]
    (said,) = [i for i in res.statement_issues if i.row == 9 and i.value == "A5"]
    assert said.severity == "warning" and said.book == path.name
    assert "流水账第 6 行没有流水号" in said.message_zh and f"{day:%Y-%m-%d}" in said.message_zh
    assert "改成 2026-11-06（流水号填 A5）" in said.message_zh
    assert "ledger row 6 has no transaction number" in said.message_en and "correct that row's date to 2026-11-06" \
        in said.message_en


def test_a_line_whose_row_was_typed_a_month_ahead_is_not_booked_again(shop, tmp_path):
    held_once(shop, tmp_path, dt.datetime(2026, 12, 6))  # 11-06 typed 12-06, booked by hand without its number


def test_only_a_month_or_year_typed_one_ahead():
    d = dt.date(2026, 11, 6)
    assert typed_ahead(d) == [dt.date(2026, 12, 6), dt.date(2027, 11, 6)]
    # (review) December's, January's month typed for it: 2027-01-06 (before: never, the 120.00 booked twice)
    assert typed_ahead(dt.date(2026, 12, 6)) == [dt.date(2027, 1, 6), dt.date(2027, 12, 6)]
    assert typed_ahead(dt.date(2026, 1, 31)) == [dt.date(2027, 1, 31)]  # (no 02-31)


def test_a_charge_of_the_month_end_booked_the_month_before_is_a_charge_of_every_month():
    """(review) A charge on the 30th: 02-28 booked, 03-30 on the bill, 04-30 typed: 03-30 was held as a row typed
    ahead, the person told to change 04-30 to 03-30. The month before's last day is its day there."""
    from shopbook.money.reconcile import day_a_month_before

    assert day_a_month_before(dt.date(2026, 3, 30)) == dt.date(2026, 2, 28)
    assert day_a_month_before(dt.date(2026, 7, 31)) == dt.date(2026, 6, 30)
    assert day_a_month_before(dt.date(2026, 1, 6)) == dt.date(2025, 12, 6)


def test_a_charge_of_every_month_is_booked_as_before(shop, tmp_path):
    """The 直通车 top-up of the 6th of every month, 10-06 and 12-06 booked by hand: November's is booked."""
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    ws["G6"] = None  # (11-06's row, unnumbered, is deleted: November's line is the one to book)
    ws.delete_rows(6)
    for day in (dt.datetime(2026, 10, 6), dt.datetime(2026, 12, 6)):
        ws.append([day, "支出", "直通车", 120, "支付宝"])
    wb["账户"]["B2"] = dt.datetime(2026, 10, 1)
    wb.save(shop.path(LEDGER))
    shop = pin_account(shop)
    path = write_statement(tmp_path, classic_statement(november_lines()))
    res = reconcile_alipay_file(shop, path)
    assert res.result.doubtful == [] and sorted(x.txn_no for x in res.result.proposed_from) == ["A5", "A7"]
