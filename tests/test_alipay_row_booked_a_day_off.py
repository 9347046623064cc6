"""A charge booked by hand a day or two off Alipay's day, without its number: the 直通车 top-up Alipay dates 11-06
booked on 11-05 (the day a person paid it) or 11-08 (the day they saw it). Before, the line was 'only in Alipay'
beside the row 'only in the ledger', and --apply booked it: the 120.00 twice in the books, under a report that
said it had added the missing line. Now the line is probably that row: held, said with both days and what to
correct, nothing of it booked; a row further off than a few days is other money, and the line is booked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def _booked_on(shop, tmp_path, day: int):
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    assert (ws["C6"].value, ws["G6"].value) == ("直通车", "A5")
    ws["A6"], ws["G6"] = dt.datetime(2026, 11, day), None
    wb.save(shop.path(LEDGER))
    shop = pin_account(shop)
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())), apply=True)
    booked = [(e.date, e.amount) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.category == "直通车"]
    return res, booked


@pytest.mark.parametrize("day,zh,en", [(5, "早 1 天", "1 day before"), (8, "晚 2 天", "2 days after")])
def test_a_row_booked_a_day_or_two_off_holds_the_line(shop, tmp_path, day, zh, en):
    res, booked = _booked_on(shop, tmp_path, day)
    (held,) = res.result.doubtful
    assert (held.line.txn_no, held.entry.row) == ("A5", 6)
    assert res.applied == 1 and booked == [(dt.date(2026, 11, day), D("120.00"))]  # A7's fee alone booked
    (said,) = [i for i in res.statement_issues if i.value == "A5"]
    assert said.severity == "warning" and said.row == 9
    assert f"流水账第 6 行没有流水号，金额相同（-120.00），日期是 2026-11-{day:02}，比对账单的 2026-11-06 {zh}" in said.message_zh
    assert "把那一行的日期改成 2026-11-06（流水号填 A5）" in said.message_zh and "月份或年份" not in said.message_zh
    assert f"dated 2026-11-{day:02}, {en} the statement's 2026-11-06" in said.message_en
    assert "correct that row's date to 2026-11-06 (transaction number A5)" in said.message_en
    assert "month or year" not in said.message_en


def test_a_row_further_off_is_other_money(shop, tmp_path):
    res, booked = _booked_on(shop, tmp_path, 10)
    assert res.result.doubtful == [] and res.applied == 2
    assert sorted(booked) == [(dt.date(2026, 11, 6), D("120.00")), (dt.date(2026, 11, 10), D("120.00"))]
