"""An English shop's 日报 date typed as people write it without the year, "Nov 19" or "19 Nov": refused as
"Not a date: 'Nov 19'. Enter 2026-11-03 …", where 11/19 and 11月19日 were said to lack their year; and the daily
report of Nov 19 said its row was missing (fill it in), not that it is there with its date wanting the year. Now
both say the year is missing, at the cell, and the daily report of that day points at the row."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cli_run import flat, shopbook
from demo_shop import november_copy as demo_copy


@pytest.mark.parametrize("typed", ["Nov 19", "19 Nov"])
def test_a_date_typed_with_its_month_named_and_no_year_is_said_to_lack_its_year(tmp_path, typed):
    folder = demo_copy(tmp_path / "shop", "en")
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["Daily"]
    (row,) = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == dt.datetime(2026, 11, 19)]
    ws.cell(row, 1).value = typed
    wb.save(folder / "kpi.xlsx")
    said = f"kpi.xlsx › Daily › A{row} The date '{typed}' has no year, and shopbook does not guess one"
    r = shopbook("validate", str(folder))
    assert flat(f"The date '{typed}' has no year") in flat(r.stdout) and "Not a date" not in r.stdout, r.stdout
    r = shopbook("daily", str(folder), "--date", "2026-11-19")
    kpi = flat(next(ln for ln in r.stdout.splitlines() if ln.startswith(("✗ KPI", "! KPI", "✓ KPI"))))
    assert flat(said) in kpi and flat("The Daily row of 2026-11-19 has a cell that does not read") in kpi, kpi
