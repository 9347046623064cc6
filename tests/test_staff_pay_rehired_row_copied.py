"""QA: 小美 left on 11-10 and was taken back from 11-20; her new row was copied from the old one and its
起始日期 changed, its 离职日期 11-10 (and 在职 否) left on it. November advised paying her 10 days' base, her
days back unpaid, and December left her out of the pay altogether, without a word. A row whose 离职日期 is
before its own 起始日期 now stops pay at that cell (and validate says it), saying what to clear."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_staff_pay import STAFF, order, shirt_shop, t
from typer.testing import CliRunner

from shopbook.cli import app


def test_a_copied_row_keeping_the_old_leaving_date_stops_pay_at_that_cell(tmp_path):
    old = STAFF[0].model_copy(update={"left_on": dt.date(2026, 11, 10), "active": False})
    folder = shirt_shop(tmp_path / "shop", order("O1", "小美", [("S", 1, "99.00")], t(3)),
                        [old, old.model_copy(update={"start": dt.date(2026, 11, 20)}), STAFF[1]])
    run = CliRunner()
    r = run.invoke(app, ["staff", "pay", str(folder), "--month", "2026-12"])
    out = " ".join(r.output.split())
    assert r.exit_code == 2, out
    assert "绩效 › K3 " in out and "小美 这一行从 2026-11-20 起（起始日期），离职日期 2026-11-10 却在那之前" in out
    r = run.invoke(app, ["validate", str(folder)])
    assert "离职日期 2026-11-10 却在那之前" in r.output, r.output
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")  # cleared as it says: paid December
    ws = wb["绩效"]
    ws["K3"], ws["J3"] = None, "是"
    wb.save(folder / "ledger.xlsx")
    r = run.invoke(app, ["staff", "pay", str(folder), "--month", "2026-12"])
    assert "小美 客服：底薪 ¥3,000.00" in r.output, r.output
