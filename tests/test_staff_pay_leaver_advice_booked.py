"""QA: 小美 left on 11-10; `staff pay` advised: set her 底薪 to ¥1,000.00 (10 of 30 days), book, set it back. Followed:
the --book run booked ¥1,501.49 and, beside it, advised a 底薪 of ¥333.33 (the advice worked out again from the base
typed as it said); the 底薪 set back to ¥3,000.00, the next run was an error (exit 1) to correct the booked line by
¥+2,000.00. Now the --book run says her pay is booked and the base may be set back, and, set back, that the
booked line is the month's with the base for the days worked: nothing to correct (exit 0)."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_staff_pay import STAFF, order, shirt_shop, t
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, Entry


def _base(folder, v):
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb["绩效"]
    ws.cell(2, [c.value for c in ws[1]].index("底薪") + 1).value = v
    wb.save(folder / "ledger.xlsx")


def test_the_leaver_advice_followed_is_said_booked_not_advised_again(tmp_path):
    folder = shirt_shop(tmp_path / "shop", order("O1", "小美", [("S", 1, "99.00")], t(3)),
                        [STAFF[0].model_copy(update={"left_on": dt.date(2026, 11, 10)})])
    run = lambda *a: CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", "2026-11", *a])  # noqa: E731
    r = run()
    assert "请把底薪改为 ¥1,000.00" in r.output, r.output
    _base(folder, 1000)
    r = run("--book", "--date", "2026-11-30")
    out = " ".join(r.output.split())
    assert r.exit_code == 0 and "已记账：2026-11-30 小美 -¥1,501.49" in out, out
    assert "¥333.33" not in out and "请把底薪改为" not in out
    assert "2026-11 的工资已记账 ¥1,501.49（底薪 ¥1,000.00）" in out and "现在可以改回了" in out
    _base(folder, 3000)
    r = run()
    out = " ".join(r.output.split())
    assert r.exit_code == 0 and "错误" not in out and "改正" not in out, out
    assert "底薪是按做了的天数算的 ¥1,000.00" in out and "不用改" in out
    (line,) = read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry)
    assert str(line.amount) == "1501.49"
    # a booked line of another figure is still an error to correct
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb["流水"]
    ws.cell(2, [c.value for c in ws[1]].index("金额") + 1).value = 1400
    wb.save(folder / "ledger.xlsx")
    r = run()
    assert r.exit_code == 1 and "现在算出来是 ¥3,501.49" in r.output, r.output
