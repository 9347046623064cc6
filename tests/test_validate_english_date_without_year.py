"""An English date typed without its year (Nov 21, 21 Nov, 21-Nov as Excel's d-mmm shows it), as a Chinese
shop's 11月21日 or 11-21: said as having no year, and on 日报 (Daily) it is that day's own row that does not
read. Before, it was only "Not a date", and the daily job's KPI step was ✓ "no Daily row for this day: only
the orders workbook's orders, units and sales, no traffic figures", the row's typed figures never used."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from demo_shop import demo_copy

from shopbook import values as V
from shopbook.report.workflow import run_daily
from shopbook.schema import KPI
from shopbook.shop import open_shop


@pytest.mark.parametrize("typed", ["Nov 21", "21 Nov", "21-Nov", "November 21st"])
def test_said_as_having_no_year(typed):
    with pytest.raises(V.BadValue) as e:
        V.parse_date(typed)
    assert "has no year" in e.value.en and "没有年份" in e.value.zh
    assert V.day_without_year(typed) == (11, 21)


def test_nov_26_as_excel_writes_a_month_is_no_day():
    assert V.day_without_year("Nov-26") is None  # mmm-yy: November 2026, not the 26th


@pytest.mark.parametrize("typed", ["Nov 21", "21-Nov"])
def test_the_days_own_row_on_daily_stops_the_kpi_step(tmp_path, typed):
    shop = open_shop(demo_copy(tmp_path / "shop", "en"))
    wb = openpyxl.load_workbook(shop.path(KPI))
    ws = wb["Daily"]
    row = next(r for r in range(2, ws.max_row + 1)
               if isinstance(ws.cell(r, 1).value, dt.datetime) and ws.cell(r, 1).value.date() == dt.date(2026, 11, 21))
    ws.cell(row, 1).value = typed
    wb.save(shop.path(KPI))

    (kpi,) = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("kpi",)).steps
    assert kpi.ok is False, kpi.detail
    assert f"kpi.xlsx › Daily › A{row} The date '{typed}' has no year" in kpi.detail, kpi.detail
    assert "no Daily row for this day" not in kpi.detail
