"""A charge of every month whose day moves a day or two (a weekend, a holiday): the 直通车 top-up booked 09-05 and
10-06, November's on 11-06. Before, only a row on the very same day a month before counted as the charge of
every month: 09-05 did not, so 10-06 was taken for November's row typed a month behind, and November's 120.00
was held ('probably booked already'), never booked. A row within a few days of the month before's day is the
same charge of every month: November's line is booked, and said as such; a row further off still holds it."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def _run(shop, tmp_path, *days: dt.datetime):
    """November's 直通车 row (A5) deleted; 120.00 直通车 rows booked by hand (no number) on `days`."""
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    assert ws["C6"].value == "直通车"
    ws.delete_rows(6)
    for d in days:
        ws.append([d, "支出", "直通车", 120, "支付宝"])
    wb["账户"]["B2"] = dt.datetime(2026, 9, 1)
    wb.save(shop.path(LEDGER))
    shop = pin_account(shop)
    return reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())))


@pytest.mark.parametrize("before", [dt.datetime(2026, 9, 5), dt.datetime(2026, 9, 3), dt.datetime(2026, 9, 9)])
def test_a_charge_whose_day_moved_a_day_or_so_is_the_charge_of_every_month(shop, tmp_path, before):
    res = _run(shop, tmp_path, before, dt.datetime(2026, 10, 6))
    assert res.result.doubtful == []
    assert sorted(x.txn_no for x in res.result.proposed_from) == ["A5", "A7"]
    (said,) = [i for i in res.statement_issues if i.value == "A5"]
    assert said.severity == "note" and said.row == 9
    assert f"{before:%Y-%m-%d}" in said.message_zh and "2026-10-06" in said.message_zh
    assert "每月都扣" in said.message_zh and "a charge of every month" in said.message_en
    assert f"{before:%Y-%m-%d}" in said.message_en and "2026-10-06" in said.message_en


def test_a_row_further_off_than_a_few_days_still_holds_the_line(shop, tmp_path):
    res = _run(shop, tmp_path, dt.datetime(2026, 9, 12), dt.datetime(2026, 10, 6))
    (held,) = res.result.doubtful
    assert (held.line.txn_no, held.entry.date) == ("A5", dt.date(2026, 10, 6))


def test_the_month_after_a_few_days_off_too(shop, tmp_path):
    """10-06 typed behind or October's own: December's row on 12-08 (the 6th a Sunday) says it is every month's."""
    res = _run(shop, tmp_path, dt.datetime(2026, 10, 6), dt.datetime(2026, 12, 8))
    assert res.result.doubtful == []
    assert "A5" in [x.txn_no for x in res.result.proposed_from]
