"""A 流水 row typed a year ahead, without a number: 11-06's 直通车 typed 2027-11-06 on November 2026's statement. The
line is held as that row (test_alipay_row_dated_a_month_ahead.py); the advice offered 'if that row is 2027's own (a
charge of every year), this line is booked nowhere: book it by hand', but a charge of a year not come yet is on no
statement: the row's year was mistyped. Now the advice says that, and to correct the row's date to 2026's."""

from __future__ import annotations

import datetime as dt

from shopbook.money.workflow import reconcile_alipay_file
from test_alipay_row_dated_a_month_ahead import _typed
from test_money import classic_statement, november_lines, shop, write_statement  # noqa: F401


def test_a_row_a_year_ahead_is_said_as_its_year_mistyped(shop, tmp_path):
    shop = _typed(shop, dt.datetime(2027, 11, 6))
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())))
    (held,) = res.result.doubtful
    assert (held.line.txn_no, held.entry.row, held.entry.date) == ("A5", 6, dt.date(2027, 11, 6))
    (said,) = [i for i in res.statement_issues if i.row == 9 and i.value == "A5"]
    assert said.severity == "warning"
    zh, en = said.message_zh, said.message_en
    assert "流水账第 6 行没有流水号" in zh and "年份打错了（2026 打成了 2027）" in zh
    assert "请把那一行的日期改成 2026-11-06（流水号填 A5）" in zh
    assert "自己的一笔" not in zh and "每年都扣" not in zh
    assert "ledger row 6 has no transaction number" in en and "its year was mistyped (2027 for 2026)" in en
    assert "Correct that row's date to 2026-11-06 (transaction number A5)" in en
    assert "own" not in en and "every year" not in en
