"""Month end on 12-05: November's pay, paid from the bank on 12-05, was booked by `staff pay --book` dated 11-30,
and the bank's 11-30 余额核对 (typed from the statement) disagreed by their sum. No one line made the gap, so the
check said only 'look for a missing or wrong entry' over a month of lines; the lines that make it are named now."""

import datetime as dt
from decimal import Decimal as D

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import failing_checks
from shopbook.schema import LEDGER, Account, BalanceCheck, Category, Entry
from shopbook.workbook_builder import write_workbook


def test_a_month_s_pay_booked_on_its_last_day_and_paid_after_is_named(tmp_path):
    nov30 = dt.date(2026, 11, 30)
    pay = [("小美", "5122.52"), ("小红", "5562.17"), ("小李", "2904.40")]
    path = tmp_path / "ledger.xlsx"
    write_workbook(path, LEDGER, "zh", {
        Entry: [Entry(date=dt.date(2026, 11, 10), direction="支出", category="房租水电", amount=D("4200.00"), account="银行"),
                *(Entry(date=nov30, direction="支出", category="工资", amount=D(a), account="银行", counterparty=who,
                        note="2026-11 工资") for who, a in pay)],
        Account: [Account(account="银行", opening_date=dt.date(2026, 11, 1), opening_balance=D("50000.00"))],
        BalanceCheck: [BalanceCheck(date=nov30, account="银行", balance=D("45800.00"))],  # the pay went out 12-05
        Category: [Category(category="工资", direction="支出", group="工资"),
                   Category(category="房租水电", direction="支出", group="其他")],
    }, keep_backup=False)
    [issue] = failing_checks(read_workbook(path, LEDGER), nov30)
    assert "相差 +¥13,589.09" in issue.message_zh and "流水第 3 行" in issue.message_zh, issue.message_zh
    assert "它和第 4、5 行（共 3 行 2026-11-30 工资）合起来正好是差额" in issue.message_zh, issue.message_zh
    assert "把它们的日期改成付出那天" in issue.message_zh and "请查找漏记" not in issue.message_zh, issue.message_zh
    assert "with rows 4, 5 (3 lines of 工资 on 2026-11-30) it makes the gap exactly" in issue.message_en, issue.message_en
