"""Payment statements in the shapes Alipay and WeChat Pay write them, where what they say is more
than a line of money: Alipay's running balance (a blank cell, lines of one second listed either
way), WeChat's refund state, and the categories lines of no sale, refund or fee are proposed under."""

from __future__ import annotations


import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Entry
import test_money
from test_money import balance_agrees, classic_statement, november_lines, pin_account, write_statement


@pytest.fixture
def shop(tmp_path):
    return test_money.shop.__wrapped__(tmp_path)


def _cli(*args: str):
    return CliRunner().invoke(app, [*args])


def test_a_blank_balance_and_a_fee_listed_before_its_sale_are_no_break_in_the_running_balance(shop, tmp_path):
    """QA: the running balance was checked over the lines that have one only, so a line whose 账户余额
    is blank left its money out of the next line's (1297.00 − 120.00 = 1177.00 ≠ 1078.00: "balance
    breaks"), and lines of one second (a sale and its fee) were taken in the file's order, where
    Alipay may list them the other way (three breaks). Either refused --apply on a statement with
    nothing wrong. Now a line without a balance carries its money to the next, lines of one second
    are taken in the order their balances run, and the statement books (exit 0)."""
    shop = pin_account(balance_agrees(shop))
    lines = november_lines()
    lines[4][6], lines[4][8], lines[5][8] = "300.00", "1378.00", "1372.06"  # A6 as the ledger has it
    lines[2][8] = ""  # A3's balance blank
    # A6's fee, in A6's second, listed before it though its balance is after it
    lines.insert(4, ["F6", "2026111022016", "", "服务费", "2026-11-10 15:00:00", "tmall", "", "0.99", "1377.01",
                     "支付宝", "收费", ""])
    lines[6][8] = "1371.07"  # A7 after both
    lines.append(["A8", "2026112022008", "", "收款", "2026-11-20 09:00:00", "tb_dan", "88.00", "", "1459.07",
                  "支付宝", "在线支付", ""])
    path = write_statement(tmp_path, classic_statement(lines))
    r = _cli("reconcile", "alipay", str(shop.folder), str(path), "--apply")
    out = "".join(r.output.split())
    assert "余额不连续" not in out and "没有补录" not in out, r.output
    assert r.exit_code == 0 and "✓已补录2条流水" in out, r.output  # F6 and A7, the fees the ledger lacks
    booked = [e.txn_no for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)]
    assert "F6" in booked and "A7" in booked


def test_a_running_balance_that_breaks_names_both_lines_and_the_money(shop, tmp_path):
    """A real gap is one error at the line where it shows, naming the line before it (its row, time and
    balance), the lines between without a balance and their money, and the difference; a balance
    cell changed alone is one error, not two (the next line runs on from what it should have said)."""
    from shopbook.money.alipay import check_running_balance, read_statement

    lines = november_lines()
    lines[2][8] = ""  # A3 (line 8) without a balance
    lines[3][8] = "1079.00"  # A5 (line 9): one yuan more than the lines give
    st = read_statement(write_statement(tmp_path, classic_statement(lines)))
    (err,) = check_running_balance(st)
    assert (err.row, err.column, err.value) == (9, "账户余额", "1079.00")
    assert err.message_zh.startswith("对账单余额不连续：第 7 行（2026-11-02 11:00:00）余额 1297.00，其后没有余额的第 8 行共 -99.00，"
                                     "加上本行 -120.00 应是 1078.00，本行余额却是 1079.00（相差 +1.00）")
    assert "row 7 (2026-11-02 11:00:00) has a balance of 1297.00" in err.message_en
    assert "a difference of +1.00" in err.message_en
