"""Staff pay in the first days of a month: the month before is closed, the month running is not."""

from __future__ import annotations

import datetime as dt

from test_staff_pay import STAFF, D, order, shirt_shop
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Entry


def test_pay_of_a_month_not_over_is_to_today_and_never_booked(tmp_path):
    """On 12-05 `staff pay --month 2026-12 --book` wrote December's salary lines into 流水, dated 12-31,
    of five days' commission and piece pay and a top-seller bonus won with one order, exit 0: the month's
    P&L and the bank's balance took them, and once December was over its pay no longer matched the line
    booked. Now the pay of a month not over is said to be to today, and --book books nothing (said,
    exit 1); the month before it, over, books as ever."""
    today = dt.date.today()
    running, before = f"{today:%Y-%m}", today.replace(day=1) - dt.timedelta(days=1)
    folder = shirt_shop(tmp_path / "shop", [
        *order("O1", "小美", [("S", 1, "99.00")], dt.datetime.combine(before, dt.time(23, 59, 59))),
        *order("O2", "小美", [("S", 1, "99.00")], dt.datetime.combine(today.replace(day=1), dt.time(0)))], STAFF[:1])
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
    # (dated the day it is paid, today: the month before's pay leaves the account after its end)
    assert (booked.date, booked.amount, booked.counterparty) == (today, D("3000.00") + D("1.49") + D("500.00"), "小美")
