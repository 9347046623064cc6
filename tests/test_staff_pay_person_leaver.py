"""QA: 小美 leaves today, mid-month, and the shop pays her on her last day. `staff pay --book` for the running
month booked her, but ended in an error (exit 1: the month is not over, nobody else booked), and its --date was
not read: her line was dated her 离职日期 whatever day the money left. Now `--person 小美` books her alone
(exit 0, nothing said of the others' month), dated --date, checked as the month's pay is (a --date before her
last day, or ahead, refused); a person not leaving by then, or not on the sheet, is refused, nothing booked."""

from __future__ import annotations

import datetime as dt

from test_staff_pay import STAFF, D, order, shirt_shop
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Entry


def test_a_leaver_alone_is_booked_before_the_month_is_over(tmp_path):
    today = dt.date.today()
    running = f"{today:%Y-%m}"
    paid = dt.datetime.combine(today.replace(day=1), dt.time(9))
    folder = shirt_shop(tmp_path / "shop", order("O1", "小美", [("S", 1, "99.00")], paid)
                        + order("O2", "小红", [("S", 1, "50.00")], paid),
                        [STAFF[0].model_copy(update={"left_on": today}), STAFF[1]])
    run = lambda *a: CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", running, "--book", *a])  # noqa
    booked = lambda: read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry)  # noqa: E731

    r = run("--person", "小红")
    assert r.exit_code == 2 and "小红 在绩效表上没有填离职日期" in r.output, r.output
    r = run("--person", "小兰")
    assert r.exit_code == 2 and "--person “小兰” 不在绩效表上（绩效表上有：小美、小红）" in r.output, r.output
    assert "not on the Staff pay sheet" not in r.output  # (the shop's language alone, as its data's messages)
    r = run("--person", "小美", "--date", f"{today + dt.timedelta(days=1)}")
    assert r.exit_code == 2 and "是将来的日子" in r.output, r.output
    if today.day > 1:  # (paid before her last day: the pay of days not yet worked)
        folder_early = shirt_shop(tmp_path / "early", [], [STAFF[0].model_copy(update={"left_on": today})])
        r = CliRunner().invoke(app, ["staff", "pay", str(folder_early), "--month", running, "--book", "--person",
                                     "小美", "--date", f"{today - dt.timedelta(days=1)}"])
        assert r.exit_code == 2 and "最早在月底那天（离职的人：离职日期那天）发" in r.output, r.output
    assert booked() == []

    r = run("--person", " 小美 ", "--date", f"{today}")
    out = " ".join(r.output.split())
    assert r.exit_code == 0, out
    assert f"已记账：{today} 小美 -¥3,501.49" in out and "还没有过完" not in out
    (line,) = booked()
    assert (line.date, line.counterparty, line.amount) == (today, "小美", D("3501.49"))
    r = run("--person", "小美")
    assert "已记账：" not in r.output and "没有再记：小美" in r.output, r.output
    assert len(booked()) == 1
