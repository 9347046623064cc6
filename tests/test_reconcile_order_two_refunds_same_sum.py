"""An order's two refunds of the same sum on different days (two shirts of order …579 given back, 99.00 on 11-16 and on
11-25), the first booked with its order by the refund export, the second by hand on its day without numbers: line by
line in the statement's order (newest first), 11-25's refund took the order's row of 11-16 (none of its own day), and
11-16's, its row taken, was 'only in Alipay' beside the row of 11-25 'only in the ledger': --apply booked 99.00 a second
time. A line's own day's row of its order is taken first, by every line, before any takes one of another day."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from test_money import O79, balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401

R25 = ["R25", "2026112522025", f"T200P{O79}", "白衬衫", "2026-11-25 09:00:00", "tb_amy", "", "99.00", "1184.06", "支付宝", "交易退款", ""]
R16 = ["R16", "2026111622016", f"T200P{O79}", "白衬衫", "2026-11-16 09:00:00", "tb_amy", "", "99.00", "1283.06", "支付宝", "交易退款", ""]


def test_an_orders_two_refunds_of_one_sum_each_take_their_own_days_row(shop, tmp_path):
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    ws.append([dt.datetime(2026, 11, 16), "支出", "退款", 99, "支付宝", O79])  # (row 10: the refund export's, its order)
    ws.append([dt.datetime(2026, 11, 25), "支出", "退款", 99, "支付宝"])  # (row 11: by hand, no numbers)
    wb.save(shop.path(LEDGER))
    shop = pin_account(shop)
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement([*november_lines(), R25, R16])),
                                apply=True)
    r = res.result
    assert sorted((p.line.txn_no, p.entry.row) for p in r.matched if p.line.txn_no in ("R16", "R25")) == \
        [("R16", 10), ("R25", 11)]
    assert [x.txn_no for x in r.proposed_from] == ["A7"]
    assert not {10, 11} & {e.row for e in r.ledger_only}
    refunds = sorted((e.date, e.txn_no) for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
                     if e.category == "退款" and e.date.day > 3)
    assert refunds == [(dt.date(2026, 11, 16), "R16"), (dt.date(2026, 11, 25), "R25")]  # once each, numbered
