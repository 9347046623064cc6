"""QA: the monthly review's 考核 sheet set no column widths: its dates (2026-10-01) and the month's
sales (477,955.49) are wider than Excel's default column (8.43), so the boss opened 月报 and read
######## down the date column and in the 合计 row; the daily report's 库存预警 sheet cut each reason
(按近 14 天的销量约 14 天卖完…) at its quantity beside it, and 日报明细 its headers (支付买家数).
Now each column of those workbooks is as wide as the numbers and dates it shows, and the text that
has a cell beside it. Checked on the written files with a count of their own: a Chinese character is
two of Excel's width units."""

from __future__ import annotations

import datetime as dt
import unicodedata

import openpyxl

from shopbook.report.monthly import make_review
from shopbook.report.workflow import run_daily
from shopbook.shop import open_shop


def units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def width(ws, letter: str) -> float:
    return ws.column_dimensions[letter].width if letter in ws.column_dimensions else 8.43


def cut(ws) -> list[str]:
    """Cells shown as ######## or cut short at their column's width."""
    bad = []
    for row in ws.iter_rows():
        for i, c in enumerate(row):
            v, fmt = c.value, c.number_format
            if isinstance(v, dt.datetime) and fmt == "yyyy-mm-dd":
                text = v.strftime("%Y-%m-%d")
            elif isinstance(v, float) and fmt.endswith("#,##0.00"):
                text = f"{v:,.2f}" + ("¥" if "¥" in fmt else "")
            elif isinstance(v, str) and i + 1 < len(row) and row[i + 1].value not in (None, ""):
                text = v
            else:
                continue
            if units(text) + 1 > width(ws, c.column_letter):
                bad.append(f"{ws.title}!{c.coordinate}={text!r} (width {width(ws, c.column_letter)})")
    return bad


def test_the_monthly_review_shows_its_dates_and_sales_whole(demo_copy):
    _, path, _ = make_review(open_shop(demo_copy), "monthly", "2026-10")
    wb = openpyxl.load_workbook(path)
    review = wb.worksheets[0]
    assert review["A4"].value == dt.datetime(2026, 10, 1) and review["F35"].value == 477955.49
    for ws in wb.worksheets:
        assert cut(ws) == [], cut(ws)[:5]


def test_the_daily_report_shows_its_reasons_and_headers_whole(demo_copy):
    shop = open_shop(demo_copy)
    run_daily(shop, dt.date(2026, 11, 21), send=False)
    wb = openpyxl.load_workbook(shop.reports / "日报-2026-11-21.xlsx")
    alerts = wb["库存预警"]
    assert any(str(c.value).startswith("按近 14 天的销量") for c in alerts["C"])
    for ws in wb.worksheets:
        assert cut(ws) == [], cut(ws)[:5]
