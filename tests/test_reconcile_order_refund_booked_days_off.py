"""(review of 2118a053) A refund of an order whose sale row the ledger has (booked with the order, matched or last
month's), the refund booked by hand a day late without numbers (11-04 for Alipay's 11-03): the line was left to its
order's rows because the ledger had ANY row of that order, though none of the refund's sign was left for it; it was
'only in Alipay' beside the row 'only in the ledger', and --apply booked the 99.00 refund a second time. A line is left
to its order's rows only while one of its sign is unmatched; else its row a day or few off is found as any line's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401


def _refund_by_hand(shop, sale_in_october: bool = False):
    """流水 row 4 (A3's refund of order …580, -99.00 of 11-03) booked 11-04, its order and number left out."""
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    assert ws["C4"].value == "退款" and ws["G4"].value == "A3"
    ws["A4"] = dt.datetime(2026, 11, 4)
    ws["F4"] = ws["G4"] = None
    if sale_in_october:  # the sale (row 3, order …580) booked with its order on 10-30, outside the statement
        ws["A3"] = dt.datetime(2026, 10, 30)
        wb["账户"]["B2"] = dt.datetime(2026, 10, 1)
    wb.save(shop.path(LEDGER))
    return pin_account(shop)


def test_a_refund_booked_by_hand_a_day_late_beside_its_matched_sale_is_not_booked_again(shop, tmp_path):
    shop = _refund_by_hand(shop)
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())), apply=True)
    r = res.result
    assert [(p.line.txn_no, p.entry.row) for p in r.near_day] == [("A3", 4)]
    assert "A3" not in [x.txn_no for x in r.proposed_from]
    assert 4 not in [e.row for e in r.ledger_only]
    refunds = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.category == "退款"]
    assert [(e.date, e.amount) for e in refunds] == [(dt.date(2026, 11, 4), D("99.00"))]  # once, numbered by --apply
    assert refunds[0].txn_no == "A3"
    (said,) = [i for i in res.statement_issues if i.value == "A3"]
    assert "日期是 2026-11-04，对账单是 2026-11-03：算作已记账，没有再补录" in said.message_zh
    assert "dated 2026-11-04; the statement says 2026-11-03: counted as booked, not added again" in said.message_en


def test_a_refund_booked_by_hand_beside_last_months_sale_of_its_order_is_its_row(shop, tmp_path):
    shop = _refund_by_hand(shop, sale_in_october=True)
    lines = [x for x in november_lines() if x[0] != "A2"]  # (the sale paid in October: not on November's statement)
    r = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(lines))).result
    assert [(p.line.txn_no, p.entry.row) for p in r.near_day] == [("A3", 4)]
    assert "A3" not in [x.txn_no for x in r.proposed_from]
    assert 4 not in [e.row for e in r.ledger_only]
