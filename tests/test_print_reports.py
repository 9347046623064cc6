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


def test_a_report_s_long_note_wraps_within_the_page(tmp_path):
    """A note alone on its row (the days a month lacks figures, listed in 考核!A2; the daily KPI note) ran on
    past the sheet's last column, the page's edge, and was cut there on paper. It now wraps over the
    sheet's columns, its row tall enough for its lines, the cell holding it whole."""
    import math

    from shopbook.report.widths import text_width

    days = "、".join(f"2026-11-{d:02d}" for d in range(1, 31))
    note = f"2026-11 的 30 天里只有 0 天有数据，缺 30 天（日报里没有这一天的数据，也没有订单）：{days}。补上这些天的日报。"
    s = DailySummary("店", dt.date(2026, 12, 4), "zh", kpi_note=note)
    ws = openpyxl.load_workbook(write_daily_workbook(tmp_path / "日报-2026-12-04.xlsx", s)).worksheets[0]
    cell = next(c for row in ws.iter_rows(max_col=1) for c in row if c.value == note)  # (whole)
    last = ws.max_column
    page = sum(ws.column_dimensions[chr(64 + j)].width or 8.43 for j in range(1, last + 1))
    assert str(next(m for m in ws.merged_cells.ranges if m.min_row == cell.row)) == f"A{cell.row}:{chr(64 + last)}{cell.row}"
    assert cell.alignment.wrap_text
    assert ws.row_dimensions[cell.row].height >= 15 * math.ceil(text_width(note) / page)


def test_a_held_order_s_long_reasons_wrap_within_the_page(tmp_path):
    """挂起订单's reasons, its last column, ran on past it and were cut at the page's edge on paper: a buyer's
    long message, the very thing the order was held for. The column is now as wide as its text, up to 60,
    and a longer one wraps in its cell, its row tall enough for its lines."""
    import math

    from shopbook.report.widths import MOST, text_width

    ask = ("买家留言：亲，麻烦发白色的M码，不要黑色的，是送给我妈妈的生日礼物，请不要放价格单和发票，包装好看一点😀\n"
           "另外请发顺丰，周五前一定要到；能不能写一张贺卡：祝妈妈生日快乐，身体健康！")
    s = DailySummary("店", dt.date(2026, 12, 4), "zh", held=[("3515131473026836427", ask),
                                                              ("3515131473026645291", "偏远地区（甘肃），请确认运费和快递")])
    ws = openpyxl.load_workbook(write_daily_workbook(tmp_path / "日报-2026-12-04.xlsx", s))["挂起订单"]
    width = ws.column_dimensions["B"].width
    assert width == MOST
    long, short = ws["B2"], ws["B3"]
    assert long.value == ask and long.alignment.wrap_text  # (whole, its line break kept)
    lines = sum(math.ceil(text_width(line) / width) for line in ask.splitlines())
    assert ws.row_dimensions[2].height >= 15 * lines
    assert not short.alignment.wrap_text and ws.row_dimensions[3].height is None  # (one line: as it was)
