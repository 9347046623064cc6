"""The 发薪账户 a salary line is booked on: one of the 账户 sheet's, as it spells it."""

from __future__ import annotations

from test_staff_pay import LINES, NOV1, STAFF, D
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import (
    LEDGER,
    ORDERS,
    Account,
    Category,
    Entry,
    OrderLine,
    StaffMember,
)
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def test_a_pay_account_not_on_the_accounts_sheet_is_said_not_booked_where_the_p_and_l_would_stop(tmp_path):
    """QA: 小美's 发薪账户 typed 工商银行, an account the 账户 sheet does not have: --book wrote her salary on it,
    and `ledger --month` then refused the month's P&L at that line. Now it is said at her 发薪账户 cell and no
    line is proposed for her; 银行卡 typed in full-width letters, or with a space, is the sheet's 银行卡."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: LINES[:1]}, keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="ICBC卡", opening_date=NOV1, opening_balance=D("20000.00"))],
        Category: [Category(category="员工工资", direction="支出", group="工资")],
        StaffMember: [STAFF[0].model_copy(update={"pay_account": "工商银行"}),
                      STAFF[1].model_copy(update={"pay_account": "ｉｃｂｃ卡 "})]}, keep_backup=False)
    r = CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", "2026-11", "--book"])
    out = " ".join(r.output.split())
    assert "ledger.xlsx › 绩效 › I2 发薪账户 = '工商银行'" in out and "小美 的发薪账户“工商银行”不在“账户”表上" in out, out
    (booked,) = read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry)
    assert (booked.counterparty, booked.account) == ("小红", "ICBC卡")
