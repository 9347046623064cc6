"""The day's own 日报 row with a note typed after its date ("2026-11-19（补）", "2026-11-19 (late)"): the cell does
not read as a date (validate says so), and the daily report of 2026-11-19 said "✓ KPI: 0 anomalies (no Daily row
for this day …)", as if the row had never been typed. Now it says the day's row is there with a cell that does not
read, at that cell, and gives no ✓, as it does for 11月19日 typed without the year."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cli_run import flat, shopbook
from demo_shop import november_copy as demo_copy


@pytest.mark.parametrize("lang, typed", [("zh", "2026-11-19（补）"), ("en", "2026-11-19 (late)")])
def test_the_day_s_row_with_a_note_after_its_date_is_pointed_at_not_said_missing(tmp_path, lang, typed):
    zh = lang == "zh"
    folder = demo_copy(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报" if zh else "Daily"]
    (row,) = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == dt.datetime(2026, 11, 19)]
    ws.cell(row, 1).value = typed
    wb.save(folder / "kpi.xlsx")
    r = shopbook("daily", str(folder), "--date", "2026-11-19")
    kpi = next(ln for ln in r.stdout.splitlines() if ln[2:].startswith("KPI"))
    assert kpi.startswith("✗"), r.stdout
    cell = f"kpi.xlsx › {'日报' if zh else 'Daily'} › A{row}"
    head = "日报里 2026-11-19 这一行有读不出的单元格" if zh else "The Daily row of 2026-11-19 has a cell that does not read"
    assert flat(head) in flat(kpi) and flat(cell) in flat(kpi) and typed.replace(" ", "") in flat(kpi), kpi
    r = shopbook("daily", str(folder), "--date", "2026-11-18")  # another day's report: its own row, as before
    assert next(ln for ln in r.stdout.splitlines() if ln[2:].startswith("KPI")).startswith("✓"), r.stdout
