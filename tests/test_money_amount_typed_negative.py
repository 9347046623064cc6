"""A refund typed as it leaves the account, -99 on a 支出 row (金额 is positive, 收支 says which way): the
row reads as money in. Reconciliation went on over it: the Alipay refund was 'the same amount, direction
reversed', the person told to change a 收支 that was right, and --apply booked into that ledger; and the
余额核对 it threw out named two other rows (whose amount happened to fit the gap) as the cause. Now
reconcile stops on it as the P&L does, and the balance check is left to that row's one error."""

from __future__ import annotations

import openpyxl

from shopbook.money.workflow import reconcile_alipay_file
from shopbook.issues import ShopbookError
from shopbook.schema import LEDGER, BalanceCheck
from shopbook.validate import validate_path
from test_money import balance_agrees, classic_statement, november_lines, pin_account, shop, write_statement  # noqa: F401

import pytest


@pytest.fixture
def typed_negative(shop):
    """The fixture's ledger, its 余额核对 of 11-06 right (1078.00), and row 4's refund (退款 支出 99.00) typed -99."""
    balance_agrees(shop)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    wb["流水"]["D4"] = -99
    wb.save(shop.path(LEDGER))
    return pin_account(shop)


def test_reconcile_stops_on_a_negative_amount_and_books_nothing(typed_negative, tmp_path):
    path = write_statement(tmp_path, classic_statement(november_lines()))
    before = typed_negative.path(LEDGER).read_bytes()
    for apply in (False, True):
        with pytest.raises(ShopbookError) as stop:
            reconcile_alipay_file(typed_negative, path, apply=apply)
        assert "无法对账" in stop.value.zh and "流水 › D4" in stop.value.zh and "金额填正数" in stop.value.zh
        assert "Cannot reconcile" in stop.value.en and "positive" in stop.value.en
    assert typed_negative.path(LEDGER).read_bytes() == before
    assert not list((typed_negative.folder / "reports").glob("*.xlsx"))


def test_the_balance_check_is_left_to_the_negative_row_s_error(typed_negative):
    errors = validate_path(typed_negative.folder).errors
    assert [(i.sheet, i.cell) for i in errors] == [("流水", "D4")], [i.message_zh for i in errors]
    assert not [i for i in errors if i.sheet == BalanceCheck.zh]  # not '行 2、3 是原因' for a gap D4 makes
