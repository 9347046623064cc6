"""A charge of every month, new: November's 直通车 line its first, December's row (12-06) booked by hand. The line is
held as a row typed a month ahead could be (the ledger cannot tell the two apart), and before the person was told
only 'probably booked already … if not, book this line by hand'; now the hold says plainly that the row may be
December's own, and this line then booked nowhere, with the date and number to book it by."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def test_a_new_charge_of_every_month_is_said_plainly_with_how_to_book_it(shop, tmp_path):
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    ws.delete_rows(6)  # (11-06's 直通车 row: November's line not booked)
    ws.append([dt.datetime(2026, 12, 6), "支出", "直通车", 120, "支付宝"])  # December's own
    wb.save(shop.path(LEDGER))
    shop = pin_account(shop)
    path = write_statement(tmp_path, classic_statement(november_lines()))
    res = reconcile_alipay_file(shop, path)
    (held,) = res.result.doubtful
    assert (held.line.txn_no, held.entry.date) == ("A5", dt.date(2026, 12, 6))
    (said,) = [i for i in res.statement_issues if i.row == 9 and i.value == "A5"]
    assert "若那一行是 2026-12 自己的一笔（比如每月都扣的费用，从 2026-11 开始扣），这一笔还没有记账，请手工记上（日期 2026-11-06，" \
           "流水号填 A5）" in said.message_zh
    assert "if that row is 2026-12's own (a charge of every month, from 2026-11 on), this line is booked " \
           "nowhere: book it by hand (date 2026-11-06, transaction number A5)" in said.message_en


def test_a_row_a_month_or_a_year_behind_is_said_as_its_own_charge_may_be(shop, tmp_path):
    """(the rows typed behind, tests/test_alipay_row_dated_a_month_behind.py) October's row may be October's own, the
    charge begun in October; a row a year back may be a charge of every year: each said so, never 'began this month'."""
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    ws["A6"], ws["G6"] = dt.datetime(2026, 10, 6), None
    ws.append([dt.datetime(2025, 11, 15), "支出", "平台服务费", 5.94, "支付宝"])  # (A7's fee, a year back)
    wb["账户"]["B2"] = dt.datetime(2025, 1, 1)
    wb.save(shop.path(LEDGER))
    shop = pin_account(shop)
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())))
    said = {i.value: i for i in res.statement_issues if i.value in ("A5", "A7")}
    assert "若那一行是 2026-10 自己的一笔（比如每月都扣的费用，从 2026-10 开始扣）" in said["A5"].message_zh
    assert "if that row is 2026-10's own (a charge of every month, from 2026-10 on)" in said["A5"].message_en
    assert "若那一行是 2025 自己的一笔（比如每年都扣的费用）" in said["A7"].message_zh
    assert "if that row is 2025's own (a charge of every year)" in said["A7"].message_en
