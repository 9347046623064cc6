"""A 流水 row typed a month (or a year) behind, without a number: the 直通车 charge of 11-06 typed 10-06. The November
statement's line was 'only in Alipay' and --apply booked it again under a ✓, the 120.00 twice in the books. It is
held as the row typed ahead is (tests/test_alipay_row_dated_a_month_ahead.py), said with the row and both days; a
charge of every month (the sum there the month before that row too) is booked as before."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER
from test_alipay_row_dated_a_month_ahead import _typed, held_once
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def test_a_line_whose_row_was_typed_a_month_behind_is_not_booked_again(shop, tmp_path):
    held_once(shop, tmp_path, dt.datetime(2026, 10, 6))


def test_a_line_whose_row_was_typed_a_year_behind_is_held(shop, tmp_path):
    shop = _typed(shop, dt.datetime(2025, 11, 6))
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())))
    assert [(p.line.txn_no, p.entry.date) for p in res.result.doubtful] == [("A5", dt.date(2025, 11, 6))]
    assert sorted(x.txn_no for x in res.result.proposed_from) == ["A7"]


def test_a_charge_of_every_month_booked_the_months_before_is_booked(shop, tmp_path):
    """09-06 and 10-06 booked, November's line not yet: the 120.00 of 10-06 is October's own."""
    shop = _typed(shop, dt.datetime(2026, 10, 6), dt.datetime(2026, 9, 6))
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())))
    assert res.result.doubtful == [] and sorted(x.txn_no for x in res.result.proposed_from) == ["A5", "A7"]


def test_only_a_month_or_year_typed_one_behind():
    from shopbook.money.reconcile import typed_behind

    assert typed_behind(dt.date(2026, 11, 6)) == [dt.date(2026, 10, 6), dt.date(2025, 11, 6)]
    assert typed_behind(dt.date(2027, 1, 6)) == [dt.date(2026, 12, 6), dt.date(2026, 1, 6)]  # (December's month)
    assert typed_behind(dt.date(2026, 3, 31)) == [dt.date(2025, 3, 31)]  # (no 02-31)
    assert typed_behind(dt.date(2028, 2, 29)) == [dt.date(2028, 1, 29)]  # (no 2027-02-29)


def test_a_sum_on_several_lines_of_the_statement_is_no_one_charges(shop, tmp_path):
    """(QA) The technical fee of 5.94 on 11-15 and again on 11-25, a 5.94 row of 10-15 booked by hand: that row is as
    likely October's own fee; both lines are booked, neither held as 'typed a month behind'."""
    shop = _typed(shop, dt.datetime(2026, 11, 6))  # (11-06 as it was: A5 matched by its day)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"].append([dt.datetime(2026, 10, 15), "支出", "平台服务费", 5.94, "支付宝"])
    wb.save(shop.path(LEDGER))
    lines = november_lines() + [["A9", "2026112522009", "", "技术服务费", "2026-11-25 00:30:00", "tmall", "", "5.94",
                                 "1376.12", "支付宝", "收费", "服务费"]]
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(lines)))
    assert res.result.doubtful == [] and sorted(x.txn_no for x in res.result.proposed_from) == ["A7", "A9"]


def test_a_second_line_of_the_sum_booked_with_its_number_leaves_the_row_typed_ahead_held(shop, tmp_path):
    """From the review: 直通车 120.00 on 11-06 (A5) and on 11-20 (A9, booked with its number); A5's row typed 12-06 without
    it. The sum on two lines of the statement, one booked: A5 is still held (before the mend: booked a second time)."""
    shop = _typed(shop, dt.datetime(2026, 12, 6))
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"].append([dt.datetime(2026, 11, 20), "支出", "直通车", 120, "支付宝", None, "A9"])
    wb.save(shop.path(LEDGER))
    a9 = ["A9", "2026112022009", "", "直通车充值", "2026-11-20 12:00:00", "alimama", "", "120.00", "1262.06", "支付宝", "转账",
          ""]
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines() + [a9])), apply=True)
    assert [(p.line.txn_no, p.entry.date) for p in res.result.doubtful] == [("A5", dt.date(2026, 12, 6))]
    assert res.applied == 1


def test_a_sale_of_the_month_before_is_that_months_own(shop, tmp_path):
    """From the review: a first reconcile of books kept by hand: October's own 310.00 sale of 10-10 (no number) and
    November's sale A6 of 11-10 (310.00, its 商户订单号) not booked yet. A6 is proposed, never held as typed behind:
    a line of an order is found by its order, and the row of the month before is that month's sale."""
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    assert ws["G7"].value == "A6"
    ws.delete_rows(7)
    ws.append([dt.datetime(2026, 10, 10), "收入", "销售收入", 310, "支付宝"])
    wb["账户"]["B2"] = dt.datetime(2026, 1, 1)
    wb.save(shop.path(LEDGER))
    res = reconcile_alipay_file(pin_account(shop), write_statement(tmp_path, classic_statement(november_lines())))
    assert res.result.doubtful == [] and "A6" in {x.txn_no for x in res.result.proposed_from}


def test_a_charge_of_every_year_booked_the_years_before_is_booked(shop, tmp_path):
    """From the review: a yearly charge of 120.00 booked on 2024-11-06 and 2025-11-06; this year's line of 11-06 is
    booked, not held as 'the row of 2025 typed a year behind' (the year before that booked too)."""
    shop = _typed(shop, dt.datetime(2025, 11, 6), dt.datetime(2024, 11, 6))
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["账户"]["B2"] = dt.datetime(2024, 1, 1)
    wb.save(shop.path(LEDGER))
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())))
    assert res.result.doubtful == [] and sorted(x.txn_no for x in res.result.proposed_from) == ["A5", "A7"]
