"""`staff pay --book` dates the salary lines on the pay day (--date, today unless given), not the month's last day:
流水 is kept by the day money leaves the account, and a shop pays November's wages in December."""

import datetime as dt

from test_staff_pay import STAFF, D, order, shirt_shop
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.money.ledger import pnl
from shopbook.money.workflow import failing_checks
from shopbook.schema import LEDGER, Account, BalanceCheck, Category, Entry, StaffMember
from shopbook.shop import open_shop
from shopbook.staff.workflow import staff_pay
from shopbook.workbook_builder import write_workbook

NOV10, NOV30, DEC5 = dt.date(2026, 11, 10), dt.date(2026, 11, 30), dt.date(2026, 12, 5)
OCT_PAY = Entry(date=NOV10, direction="支出", category="员工工资", amount=D("2900.00"), account="银行卡", counterparty="小美",
                note="上月工资")  # typed by hand: October's, paid 11-10


def pay_shop(tmp_path, entries: list[Entry], checks: list[BalanceCheck] = ()):
    folder = shirt_shop(tmp_path / "shop", order("O1", "小美", [("S", 1, "99.00")], dt.datetime(2026, 11, 9, 10)),
                        STAFF[:1])  # 小美: 3000 + 1.5 % of 99 (1.49) + top seller 500
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Account: [Account(account="银行卡", opening_date=dt.date(2026, 11, 1), opening_balance=D("20000.00"))],
        Category: [Category(category="员工工资", direction="支出", group="工资")], StaffMember: STAFF[:1],
        Entry: entries, BalanceCheck: list(checks)}, keep_backup=False)
    return open_shop(folder)


def ledger(shop):
    return read_workbook(shop.path(LEDGER), LEDGER)


def test_november_booked_on_12_05_is_december_s_money_once(tmp_path):
    """Booked dated 11-30, November's pay put the bank's 11-30 余额核对 (the statement's 17,100.00) off by the
    payroll, and November's P&L held October's pay (typed, paid 11-10) and November's. Now it is dated 12-05."""
    shop = pay_shop(tmp_path, [OCT_PAY], [BalanceCheck(date=NOV30, account="银行卡", balance=D("17100.00"))])
    res = staff_pay(shop, "2026-11", book=True, pay_day=DEC5)
    assert res.booked == 1 and res.pay_day == DEC5 and res.to_json()["pay_day"] == "2026-12-05"
    wd = ledger(shop)
    assert [(e.date, e.amount, e.counterparty, e.note) for e in wd.rows(Entry)] == [
        (NOV10, D("2900.00"), "小美", "上月工资"), (DEC5, D("3501.49"), "小美", "绩效 2026-11")]
    assert failing_checks(wd, NOV30) == []  # the statement's balance on 11-30 still agrees
    cats = wd.rows(Category), wd.rows(Account)
    assert pnl("2026-11", wd.rows(Entry), *cats).group_total("salaries") == D("-2900.00")  # October's alone
    assert pnl("2026-12", wd.rows(Entry), *cats).group_total("salaries") == D("-3501.49")  # November's, once
    # the report says the pay day: its proposed line is dated it, under that heading
    import openpyxl
    rows = list(openpyxl.load_workbook(res.path)["建议记账"].iter_rows(values_only=True))
    assert rows[0][0] == "日期（发薪日）" and rows[1][0].date() == DEC5
    # a re-run, another day, books nothing: the note is the month of the work, whatever the date
    again = staff_pay(shop, "2026-11", book=True, pay_day=dt.date(2026, 12, 1))
    assert again.booked == 0 and again.booked_before == ["小美"] and again.payroll.ledger == []
    assert len(ledger(shop).rows(Entry)) == 2


def test_a_line_booked_on_the_month_s_last_day_before_the_upgrade_is_booked(tmp_path):
    old = Entry(date=NOV30, direction="支出", category="员工工资", amount=D("3501.49"), account="银行卡", counterparty="小美",
                note="绩效 2026-11")
    shop = pay_shop(tmp_path, [old])
    res = staff_pay(shop, "2026-11", book=True, pay_day=DEC5)
    assert res.booked == 0 and res.booked_before == ["小美"] and not any(i.is_error for i in res.payroll.issues)
    assert len(ledger(shop).rows(Entry)) == 1


def test_a_pay_day_ahead_or_before_the_month_s_end_is_refused(tmp_path):
    shop = pay_shop(tmp_path, [OCT_PAY])
    before = shop.path(LEDGER).read_bytes()
    ahead = dt.date.today() + dt.timedelta(days=1)
    for day, zh, en in ((ahead, "是将来的日子", "is ahead of today"),
                        ("2026-11-20", "在 2026-11 结束之前：小美 的工资", "is before 2026-11 is over: the pay of 小美")):
        r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book", "--date", str(day)])
        assert r.exit_code == 2 and zh in r.output and en in r.output, r.output
        assert "Traceback" not in r.output
    assert shop.path(LEDGER).read_bytes() == before and not (shop.reports / "绩效-2026-11.xlsx").exists()
    # the pay day said on screen, the line dated it
    r = CliRunner().invoke(app, ["staff", "pay", str(shop.folder), "--month", "2026-11", "--book", "--date", "2026-12-01"])
    assert r.exit_code == 0 and "发薪日 2026-12-01" in r.output and "已记账：2026-12-01 小美" in r.output, r.output
