"""An English shop's totals and average rows at the foot of a sheet, labelled as people label them (Month
total, November total, Daily average, Week 46 subtotal), as a Chinese shop's 本月合计, 11月小计 and 日均 are.
Before, only a bare Total, Sum or Average was one: a November total row under 日报's days was a day whose
date did not read (an error, the KPI job stopped on it) where 11月合计 was skipped with a note."""

from __future__ import annotations

from blank_books import append_by_header, blank

from shopbook.io.reader import read_workbook
from shopbook.schema import KPI, LEDGER
from shopbook.schema.kpi import DailyKpi
from shopbook.schema.ledger import Entry
from shopbook.validate import validate_path


def _days(n: int) -> list[dict]:
    return [{"date": f"2026-11-{d:02d}", "page_views": 3000, "visitors": 1000, "buyers": 20, "orders": 22,
             "sales": 2200, "units": 25, "conversion": "2%", "aov": 110} for d in range(1, n + 1)]


def test_labelled_totals_and_averages_under_the_days(tmp_path):
    path, wb = blank(tmp_path, "kpi.xlsx", "en")
    ws = wb["Daily"]
    append_by_header(ws, _days(3))
    append_by_header(ws, [{"date": "November total", "page_views": 9000, "visitors": 3000, "buyers": 60,
                           "orders": 66, "sales": 6600, "units": 75},
                          {"date": "Daily average", "page_views": 3000, "visitors": 1000, "buyers": 20,
                           "orders": 22, "sales": 2200, "units": 25}])
    wb.save(path)

    issues = validate_path(path).issues
    assert not [i for i in issues if i.is_error], [i.message_en for i in issues]
    notes = validate_path(path).notes
    assert [i.cell for i in notes] == ["A6", "A7"], \
        [i.message_en for i in notes]
    assert len(read_workbook(path, KPI, (DailyKpi,)).rows(DailyKpi)) == 3


def test_a_month_total_under_the_ledger(tmp_path):
    path, wb = blank(tmp_path, "ledger.xlsx", "en")
    wb["Accounts"].append(["Alipay", "2026-11-01", 1000])
    wb["Categories"].append(["Courier", "out", "Shipping"])
    ws = wb["Entries"]
    append_by_header(ws, [{"date": "2026-11-03", "direction": "out", "category": "Courier", "amount": 12,
                           "account": "Alipay"},
                          {"date": "2026-11-04", "direction": "out", "category": "Courier", "amount": 8,
                           "account": "Alipay"},
                          {"direction": "Month total", "amount": 20}])
    wb.save(path)

    issues = validate_path(path).issues
    assert not [i for i in issues if i.is_error], [i.message_en for i in issues]
    assert len(read_workbook(path, LEDGER, (Entry,)).rows(Entry)) == 2
