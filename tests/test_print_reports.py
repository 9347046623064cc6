"""The daily and monthly report workbooks on paper. They had no page setup: printed (or saved as a PDF) on
the printer's default, 日报明细's sales and conversion came on pages apart from their dates, 库存预警's
reorder quantities apart from their SKUs, 商品销售's amounts apart from their SKUs, and no page past the
first said what its columns were. Now each sheet prints on A4 one page wide (landscape where it is wider
than portrait holds), a list's header row on every page, the file's name and page x of y in the footer.
Real workbooks written and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from blank_books import blank

from shopbook.report.daily import DailySummary, write_daily_workbook
from shopbook.report.monthly import Review, SkuSales, write_review
from shopbook.shop import open_shop

WHY = "按近 14 天的销量约 3 天卖完，到货要 7 天：请现在补货，否则 12 月 12 日前会断货"


def _printed(path, pages: str) -> dict[str, tuple]:
    out = {}
    for ws in openpyxl.load_workbook(path).worksheets:
        ps = ws.page_setup
        assert str(ps.paperSize) == "9" and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title  # A4, fitted
        assert (str(ps.fitToWidth), str(ps.fitToHeight)) == ("1", "0"), ws.title  # one page wide, as many down
        assert (ws.oddFooter.left.text, ws.oddFooter.right.text) == ("&F", pages), ws.title
        out[ws.title] = (ps.orientation, ws.print_title_rows)
    return out


def test_the_daily_report_prints_one_page_wide(tmp_path):
    s = DailySummary("Shop", dt.date(2026, 12, 4), "en", held=[("3515131473026645291", "remote area (甘肃)")],
                     alerts=[("TS2601-NV-S", "纯棉圆领T恤", WHY, 2, 30)])
    printed = _printed(write_daily_workbook(tmp_path / "daily-2026-12-04.xlsx", s), "Page &P of &N")
    assert printed["Summary"][1] is None  # (no one header row over the summary)
    assert printed["Daily detail"] == ("landscape", "$1:$1")  # (nine columns)
    assert printed["Stock alerts"] == ("landscape", "$1:$1")  # (its reason, 60 wide)
    assert printed["Held orders"] == ("portrait", "$1:$1")


def test_the_monthly_review_prints_one_page_wide(tmp_path):
    blank(tmp_path, "stock.xlsx")  # (a shop folder)
    (tmp_path / "shopbook.toml").write_text('[shop]\nname = "演示服装店"\nlanguage = "zh"\n', encoding="utf-8")
    rev = Review("monthly", "2026-11", dt.date(2026, 11, 1), dt.date(2026, 11, 30),
                 skus=[SkuSales("TS2601-NV-S", "纯棉圆领T恤", "TS2601", 3, D("146.70"), D("60.00"))])
    path, _ = write_review(open_shop(tmp_path), rev)
    printed = _printed(path, "第 &P 页，共 &N 页")
    assert printed["商品销售"] == ("landscape", "$1:$1")  # (eleven columns)
    assert printed["款式销售"] == ("portrait", "$1:$1")
