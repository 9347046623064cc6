"""Staff pay in the first days of a month: the month before is closed, the month running is not."""

from __future__ import annotations

import datetime as dt

from test_staff_pay import D, STAFF, order
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, ORDERS, STOCK, Account, Category, Entry, OrderLine, Product, StaffMember
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def test_pay_of_a_month_not_over_is_to_today_and_never_booked(tmp_path):
    """On 12-05 `staff pay --month 2026-12 --book` wrote December's salary lines into 流水, dated 12-31,
    of five days' commission and piece pay and a top-seller bonus won with one order, exit 0: the month's
    P&L and the bank's balance took them, and once December was over its pay no longer matched the line
    booked. Now the pay of a month not over is said to be to today, and --book books nothing (said,
    exit 1); the month before it, over, books as ever."""
    today = dt.date.today()
    running, before = f"{today:%Y-%m}", today.replace(day=1) - dt.timedelta(days=1)
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="S", name="衬衫", cost=D(20), price=D(99), opening_qty=50)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        *order("O1", "小美", [("S", 1, "99.00")], dt.datetime.combine(before, dt.time(23, 59, 59))),
        *order("O2", "小美", [("S", 1, "99.00")], dt.datetime.combine(today.replace(day=1), dt.time(0)))]},
        keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="银行卡", opening_date=dt.date(2026, 1, 1), opening_balance=D("20000.00"))],
        Category: [Category(category="员工工资", direction="支出", group="工资")], StaffMember: STAFF[:1]},
        keep_backup=False)
    r = CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", running, "--book"])
    assert r.exit_code == 1, r.output
    assert f"{running} 还没有过完" in r.output and f"只算到今天（{today}）" in r.output and "没有记账" in r.output
    assert "已记账" not in r.output and "建议记账" not in r.output
    assert read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry) == []
    r = CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", running])  # to look, not to book
    assert r.exit_code == 0 and f"{running} 还没有过完" in r.output and "建议记账" not in r.output, r.output
    r = CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", f"{before:%Y-%m}", "--book"])
    assert r.exit_code == 0 and "还没有过完" not in r.output, r.output
    (booked,) = read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry)
    assert (booked.date, booked.amount, booked.counterparty) == (before, D("3000.00") + D("1.49") + D("500.00"), "小美")
