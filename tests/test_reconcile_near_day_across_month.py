"""(review of 8a9de1b0) A row booked by hand a day or few off its line without a number was matched across the month's end:
a 直通车 charge of 10-31 on a statement of October and November, its row dated 11-02, was 'counted as booked', its 120.00
in November's profit and loss, not October's, and --apply numbered the row as it stood. Such a row is matched within its
line's month only; across it the line is held beside the row, both days said, and that the month's profit and loss hangs
on it: correct the row's date (or book the line by hand). Both languages; nothing booked."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.money.said import reconcile_problem
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from test_alipay_row_booked_days_off import _two_months
from test_money import balance_agrees, november_lines, pin_account, shop, write_statement  # noqa: F401

OCT31 = ["A0", "2026103122000", "", "直通车充值", "2026-10-31 12:00:00", "alimama", "", "120.00", "1000.00", "支付宝", "转账", ""]


def test_a_row_a_few_days_off_across_the_months_end_is_held_not_counted_in_the_other_month(shop, tmp_path):
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    ws.append([dt.datetime(2026, 11, 2), "支出", "直通车", 120, "支付宝"])  # (row 10, October's 10-31 charge)
    wb["账户"]["B2"] = dt.datetime(2026, 10, 1)
    wb.save(shop.path(LEDGER))
    shop = pin_account(shop)
    res = reconcile_alipay_file(shop, write_statement(tmp_path, _two_months([*november_lines(), OCT31])), apply=True)
    r = res.result
    assert r.near_day == [] and "A0" not in [x.txn_no for x in r.proposed_from]
    assert [(p.line.txn_no, p.entry.row) for p in r.doubtful] == [("A0", 10)]
    assert reconcile_problem(res)  # (held for a person: not a clean run)
    (said,) = [i for i in res.statement_issues if i.value == "A0"]
    assert "流水账第 10 行没有流水号，金额相同（-120.00），日期是 2026-11-02，对账单是 2026-10-31，不在同一个月：算作已记账的话，" \
           "这笔钱就算进了 2026-11 的损益，而不是 2026-10 的。是同一笔钱就把那一行的日期改成 2026-10-31（流水号填 A0）；" \
           "若不是，这一笔还没有记账，请手工记上（日期 2026-10-31，流水号填 A0）。" in said.message_zh
    assert "ledger row 10 has no transaction number and the same amount (-120.00), dated 2026-11-02; the statement says " \
           "2026-10-31, another month: counted as booked, this money would be in 2026-11's profit and loss, not " \
           "2026-10's. If it is the same money, correct that row's date to 2026-10-31 (transaction number A0); if not, " \
           "this line is booked nowhere: book it by hand (date 2026-10-31, transaction number A0)." in said.message_en
    rows = [(e.date, e.txn_no) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.category == "直通车"]
    assert sorted(rows, key=str) == [(dt.date(2026, 11, 2), None), (dt.date(2026, 11, 6), "A5")]  # nothing booked
