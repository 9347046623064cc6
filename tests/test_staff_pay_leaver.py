"""A person who leaves mid-month is paid on their last day: `staff pay --book` books them before the month
is over (dated their 离职日期), the others only after it, and never the leaver twice."""

from __future__ import annotations

import datetime as dt

from test_staff_pay import LINES, NOV1, NOV30, STAFF, D, order, shirt_shop
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Entry
from shopbook.staff.pay import month_pay


def test_a_leaver_is_booked_on_their_last_day_before_the_month_is_over_and_once(tmp_path):
    """QA: 小美 leaves today (离职日期 today); `staff pay --book` for the running month booked nothing (the
    month is not over), so she could not be paid on her last day. Now she is booked, dated today, 小红 is
    said to wait for the month's end (exit 1), and a second --book does not book her again."""
    today = dt.date.today()
    running = f"{today:%Y-%m}"
    folder = shirt_shop(tmp_path / "shop", order("O1", "小美", [("S", 1, "99.00")],
                                                 dt.datetime.combine(today.replace(day=1), dt.time(9))),
                        [STAFF[0].model_copy(update={"left_on": today}), STAFF[1]])
    runner = CliRunner()
    r = runner.invoke(app, ["staff", "pay", str(folder), "--month", running, "--book"])
    assert r.exit_code == 1, r.output
    out = " ".join(r.output.split())
    assert f"已记账：{today} 小美 -¥3,501.49" in out, out  # 3000 + 1.5 % of 99.00 + the top seller's 500
    assert f"{running} 还没有过完" in out and "除了已离职的 小美，其他人的工资没有记账" in out
    assert f"小美 的销冠奖金 ¥500.00 是按到今天（{today}）的销售额算的" in out
    (booked,) = read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry)
    assert (booked.date, booked.counterparty, booked.amount, booked.note) == (today, "小美", D("3501.49"),
                                                                             f"绩效 {running}")
    r = runner.invoke(app, ["staff", "pay", str(folder), "--month", running, "--book"])
    assert "已记账：" not in r.output and "没有再记：小美" in r.output, r.output
    assert len(read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry)) == 1


def test_one_who_left_before_the_month_is_not_paid_it_though_still_marked_active():
    """小李 left on 10-31 (离职日期), his 在职 still 是: November paid him his base. Now he is left out, and the
    parcels the orders say he packed are said at his 离职日期 cell; one leaving on 11-15 is paid November."""
    staff = [STAFF[0], STAFF[2].model_copy(update={"left_on": dt.date(2026, 10, 31), "row": 4}),
             STAFF[4].model_copy(update={"left_on": dt.date(2026, 11, 15)})]  # 老张, 在职 否, left in November
    people, issues = month_pay(staff, LINES, [], NOV1, NOV30)
    assert [p.name for p in people] == ["小美", "老张"]
    (i,) = [i for i in issues if "小李" in i.message_zh]
    assert (i.row, i.field) == (4, "left_on") and "离职日期在 2026-11 之前" in i.message_zh
