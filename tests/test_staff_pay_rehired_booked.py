"""QA: 小美 left on 11-10 and was taken back on 11-20 (a second 绩效 row from that day). `staff pay` said her base for
the 21 days worked only, ¥2,100.00, the owner's to decide; the owner paid that (both rows' 底薪 typed 2100 for the
--book, then set back to 3000). The next run took the booked line, ¥2,604.46, for an error to correct by ¥+900.00
(exit 1): the check of a booked line knew a leaver's base by the days worked, not a rehire's. It now knows both: the
line is said booked with the base for the days worked, nothing to correct; a line of another figure is still an error."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_staff_pay import STAFF, D, order, shirt_shop, t
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.sheet_edit import SheetEdit, edit_workbook
from shopbook.schema import Entry


def test_a_rehire_s_pay_booked_by_the_days_worked_is_no_error_to_correct(tmp_path):
    left = STAFF[0].model_copy(update={"left_on": dt.date(2026, 11, 10)})
    back = STAFF[0].model_copy(update={"start": dt.date(2026, 11, 20)})
    folder = shirt_shop(tmp_path / "shop", order("O1", "小美", [("S", 1, "99.00")], t(3)), [left, back])
    # the line the --book run wrote with her 底薪 at 2100 on both rows: 2100 + 1.49 commission + 500 top seller
    edit_workbook(folder / "ledger.xlsx", [SheetEdit(Entry, append=[Entry.from_cells({
        "date": dt.date(2026, 12, 5), "direction": "支出", "category": "员工工资", "amount": D("2601.49"),
        "account": "银行卡", "counterparty": "小美", "note": "绩效 2026-11"})])], lang="zh")
    run = lambda: CliRunner().invoke(app, ["staff", "pay", str(folder), "--month", "2026-11", "--json"])  # noqa: E731
    r = run()
    out = r.output
    assert r.exit_code == 0 and "现在算出来是" not in out and "correct the amount" not in out, out
    assert "已记账 ¥2,601.49：底薪是按做了的天数算的 ¥2,100.00（11-11 至 11-19 没有上班）" in out, out
    assert "绩效表上的底薪 ¥3,000.00 是整月的。不用改。" in out
    assert "with the base for the days worked, ¥2,100.00 (away 11-11 to 11-19)" in out and "Nothing to correct" in out
    # a booked line of another figure is still an error to correct
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    ws = wb["流水"]
    ws.cell(2, [c.value for c in ws[1]].index("金额") + 1).value = 2500
    wb.save(folder / "ledger.xlsx")
    r = run()
    assert r.exit_code == 1 and "现在算出来是 ¥3,501.49（差 ¥+1,001.49）" in r.output, r.output
