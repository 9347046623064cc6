"""A charge on one of a statement's last days booked by hand a day or few after the statement's last day without a number
(the line 11-29 −120.00, the ledger's row 12-01 120.00), or on one of its first days booked before its first day (11-01,
row 10-30): the near-day look (reconcile.NEAR_DAYS) saw only rows inside the statement's days, the line was 'only in
Alipay' and --apply booked it again beside that row, the 120.00 twice. Now such a line is held beside its one row just
outside the statement's days: never matched (the row is in another month's profit and loss, and the next statement's own
line of the sum, a monthly charge's of 12-01, may be its), said with both days in both languages, nothing booked. A row
5 days from the line is other money: the line is booked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from test_money import classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def _statement(tmp_path, day: str) -> bytes:
    """November's lines and a 直通车 charge A8 of 120.00 on `day`, the running balance from 1000.00 as Alipay's."""
    lines = [*november_lines(), ["A8", "2026112922008", "", "直通车充值", f"{day} 12:00:00", "alimama", "", "120.00", "",
                                 "支付宝", "转账", ""]]
    lines.sort(key=lambda x: x[4])
    balance = D("1000.00")
    for x in lines:
        balance += D(x[6] or 0) - D(x[7] or 0)
        x[8] = f"{balance}"
    return write_statement(tmp_path, classic_statement(lines))


def _shop(shop, row_day: dt.datetime):
    """The Alipay account opened 10-01 at 1000.00; A8's row of 120.00 booked by hand on `row_day` without a number (row
    10); the 余额核对 of 11-06 as the statement says it."""
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"].append([row_day, "支出", "直通车", 120, "支付宝"])
    wb["账户"]["B2"] = dt.datetime(2026, 10, 1)
    wb["余额核对"]["C2"] = 958 if row_day < dt.datetime(2026, 11, 6) else 1078
    wb.save(shop.path(LEDGER))
    return pin_account(shop)


def _zhitongche(shop):
    return sorted((e.date, e.txn_no) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
                  if e.category == "直通车" and e.date != dt.date(2026, 11, 6))


@pytest.mark.parametrize("line_day, row_day, late, other", [
    ("2026-11-29", dt.datetime(2026, 12, 1), 2, "下"),   # (a last day's charge booked after the statement)
    ("2026-11-01", dt.datetime(2026, 10, 30), -2, "上"),  # (a first day's, before it)
])
def test_a_row_just_outside_the_statements_days_holds_its_line_nothing_booked_twice(shop, tmp_path, line_day, row_day,
                                                                                    late, other):
    shop = _shop(shop, row_day)
    path = _statement(tmp_path, line_day)
    res = reconcile_alipay_file(shop, path, apply=True)
    r = res.result
    assert res.applied == 1 and [x.txn_no for x in r.proposed_from] == ["A7"]  # (--apply ran: A7 booked, A8 not)
    assert [(p.line.txn_no, p.entry.row) for p in r.doubtful] == [("A8", 10)]
    assert "A8" not in [p.line.txn_no for p in r.matched] and r.near_day == []  # (never matched silently)
    assert _zhitongche(shop) == [(row_day.date(), None)]  # (the 120.00 once, the row as it was)
    (said,) = [i for i in res.statement_issues if i.value == "A8"]
    assert said.book == path.name
    day, month, line_month = f"{row_day:%Y-%m-%d}", f"{row_day:%Y-%m}", line_day[:7]
    word, n = ("晚", "late") if late > 0 else ("早", "early"), abs(late)
    assert f"疑似已记账，没有补录：流水账第 10 行没有流水号，金额相同（-120.00），日期是 {day}，在这张对账单的日期" \
           f"（2026-11-01 至 2026-11-30）之外；对账单是 {line_day}：那一行可能就是这一笔，{word[0]}记了 {n} 天，算作已记账的话，" \
           f"这笔钱就算进了 {month} 的损益，而不是 {line_month} 的。是同一笔钱就把那一行的日期改成 {line_day}（流水号填 A8）；" \
           f"若那一行是另一笔钱（比如{other}一张对账单上同金额的一笔），这一笔还没有记账，请手工记上（日期 {line_day}，流水号填 A8）。" \
           in said.message_zh
    assert f"ledger row 10 has no transaction number and the same amount (-120.00), dated {day}, outside this " \
           f"statement's days (2026-11-01 to 2026-11-30); the statement says {line_day}: that row may be this line, booked " \
           f"{n} days {word[1]}; counted as booked, this money would be in {month}'s profit and loss, not {line_month}'s. " \
           f"If it is the same money, correct that row's date to {line_day} (transaction number A8); if that row is another " \
           f"charge (one of the same amount on the {'next' if late > 0 else 'last'} statement, say), this line is booked " \
           f"nowhere: book it by hand (date {line_day}, transaction number A8)." in said.message_en


def test_a_row_five_days_from_the_line_is_other_money(shop, tmp_path):
    """The row 12-03, within NEAR_DAYS of the statement's last day but 5 days from the line of 11-28: the line is booked."""
    shop = _shop(shop, dt.datetime(2026, 12, 3))
    res = reconcile_alipay_file(shop, _statement(tmp_path, "2026-11-28"), apply=True)
    assert res.result.doubtful == [] and sorted(x.txn_no for x in res.result.proposed_from) == ["A7", "A8"]
    assert res.applied == 2
    assert _zhitongche(shop) == [(dt.date(2026, 11, 28), "A8"), (dt.date(2026, 12, 3), None)]
