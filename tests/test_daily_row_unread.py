"""The report's day typed in 日报 with a cell that does not read (访客数 1,2OO: letter O for zero). The
morning's KPI step said "日报里没有这一天" (the Daily sheet has no row for this day), advised downloading
it from 生意参谋 and was – (not a failure); the row was there all along. Now the step is ✗ naming that
cell and what is wrong with it, and the report and e-mail say it where the figures would be."""

import datetime as dt

import openpyxl
from test_daily import demo_like_shop

from shopbook.report.workflow import run_daily
from shopbook.schema import KPI
from shopbook.shop import open_shop


def typo_on(shop, day: int) -> int:
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value.date() == dt.date(2026, 11, day))
    ws.cell(row, head.index("访客数") + 1).value = "1,2OO"
    wb.save(shop.path(KPI))
    return row


def test_the_days_own_row_that_does_not_read_is_said_at_its_cell_not_as_missing(tmp_path):
    shop = demo_like_shop(tmp_path)
    row = typo_on(shop, 20)  # 11-20: no order that day, no figures but the row's
    run = run_daily(open_shop(shop.folder), dt.date(2026, 11, 20), send=False)
    steps = {s.name: s for s in run.steps}
    said = f"日报里 2026-11-20 这一行有读不出的单元格，没有用它：1 个数据错误，先改正（shopbook validate）。第一个：kpi.xlsx › 日报 › C{row}"
    assert steps["kpi"].ok is False and said in steps["kpi"].detail, steps["kpi"].detail
    assert "“1,2OO”" in run.summary.kpi_note and "日报里没有这一天" not in run.summary.kpi_note, run.summary.kpi_note
    assert "生意参谋" not in run.summary.kpi_note  # no advice to download a day that is there
    # said once, where the figures would be: not again under the problems
    assert said in run.summary.kpi_note and not any(said in p for p in run.summary.problems)
    assert steps["report"].ok is True


def test_a_day_filled_from_its_orders_says_its_own_row_does_not_read_in_english_too(tmp_path):
    shop = demo_like_shop(tmp_path)
    row = typo_on(shop, 21)  # 11-21: X1 paid that day, so its orders stand in for the row
    cfg = shop.folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    run = run_daily(open_shop(shop.folder), dt.date(2026, 11, 21), send=False, steps_only=("kpi",))
    (kpi,) = run.steps
    assert kpi.ok is False and f"The Daily row of 2026-11-21 has a cell that does not read and was not used: " \
        f"1 data error to fix first (shopbook validate). First: kpi.xlsx › 日报 › C{row}" in kpi.detail, kpi.detail
    note = run.summary.kpi_note
    assert "Orders, units and sales come from the orders workbook" in note and "Not in the Daily sheet" not in note, note
    assert {k.metric: k for k in run.summary.kpi}["orders"].raw == 1  # X1, as before
