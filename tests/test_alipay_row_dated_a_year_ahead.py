"""A 流水 row typed a year ahead without a number (2027-11-06 for November 2026's 直通车 line): the line is held, and the
person was told 'if that row is 2027's own (a charge of every year), book this line by hand', though a charge of a day
not come yet is on no statement. Where the row's day lies after the statement's last day and after today, the year is
said most likely mistyped; otherwise (a year later, that row may be that year's own; December's line beside a January
row of next year, a charge of every month) the wording is as before. Both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from shopbook.money import workflow
from shopbook.money.workflow import reconcile_alipay_file
from test_alipay_row_dated_a_month_ahead import _typed
from test_money import classic_statement, november_lines, shop, write_statement  # noqa: F401


def _said(shop, tmp_path, monkeypatch, today, row_day, lines=None, data=None):
    monkeypatch.setattr(workflow, "_today", lambda: today)
    shop = _typed(shop, row_day)
    path = write_statement(tmp_path, data or classic_statement(lines or november_lines()))
    res = reconcile_alipay_file(shop, path)
    (held,) = res.result.doubtful
    assert held.entry.row == 6 and held.entry.date == row_day.date()
    (said,) = [i for i in res.statement_issues if i.value == held.line.txn_no]
    return said


def test_a_row_a_year_ahead_on_a_day_not_come_is_said_a_year_mistyped(shop, tmp_path, monkeypatch):
    said = _said(shop, tmp_path, monkeypatch, dt.date(2026, 12, 6), dt.datetime(2027, 11, 6))
    assert "那一天还没有到，这不会是 2027 年已经扣的钱，多半是年份写错了（2026 写成了 2027）。请把那一行的日期改成 2026-11-06" \
           "（流水号填 A5）" in said.message_zh
    assert "每年都扣的费用" not in said.message_zh
    assert "That day has not come yet, so it is no money of 2027 taken already: most likely the year was mistyped " \
           "(2027 for 2026). Correct that row's date to 2026-11-06 (transaction number A5)" in said.message_en
    assert "a charge of every year" not in said.message_en


def test_a_row_a_year_ahead_whose_day_has_come_may_be_that_years_own(shop, tmp_path, monkeypatch):
    said = _said(shop, tmp_path, monkeypatch, dt.date(2027, 11, 20), dt.datetime(2027, 11, 6))
    assert "若那一行是 2027 自己的一笔（比如每年都扣的费用）" in said.message_zh
    assert "if that row is 2027's own (a charge of every year)" in said.message_en


@pytest.mark.parametrize("today", [dt.date(2026, 12, 20), dt.date(2027, 1, 10)])
def test_decembers_line_beside_a_january_row_of_next_year_is_said_as_before(shop, tmp_path, monkeypatch, today):
    """(review of a reverted attempt) December's statement, its 12-06 charge, a row of 2027-01-06: January's own (a charge
    of every month) or December's month typed one ahead, never its year to correct."""
    d5 = ["D5", "2026120622005", "", "直通车充值", "2026-12-06 12:00:00", "alimama", "", "120.00", "878.00", "支付宝", "转账", ""]
    data = classic_statement([d5], month=12).decode("gbk").replace("2026年13月01日", "2027年01月01日").encode("gbk")
    said = _said(shop, tmp_path, monkeypatch, today, dt.datetime(2027, 1, 6), data=data)
    assert "若那一行是 2027-01 自己的一笔（比如每月都扣的费用，从 2026-12 开始扣）" in said.message_zh
    assert "多半是年份写错了" not in said.message_zh and "most likely the year" not in said.message_en
    assert "if that row is 2027-01's own (a charge of every month, from 2026-12 on)" in said.message_en
