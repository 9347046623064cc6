"""QA: rows `kpi import` appends to 日报 took the number formats of the row above: under a row a person
typed without formats (General), 生意参谋's 2.37 % showed as 0.0237 and 35,000.10 as 35000.1. Now each
appended number cell under a General one gets the format its schema column declares (转化率 0.00%,
money #,##0.00, counts 0); a format a person chose above is still copied."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from shopbook.kpi.import_sycm import import_kpi
from shopbook.shop import init_shop, open_shop
from test_kpi_import import sycm_xlsx


def _typed_row(folder: Path, conversion_format: str | None = None) -> None:
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    typed = {"日期": "2026-11-17", "访客数": 900, "支付买家数": 20, "支付订单数": 20, "销售额": 4000,
             "转化率": 0.0222, "客单价": 200}
    ws.append([typed.get(h) for h in head])
    if conversion_format:
        ws.cell(ws.max_row, head.index("转化率") + 1).number_format = conversion_format
    wb.save(folder / "kpi.xlsx")


def _formats(folder: Path) -> dict[str, dict[str, str]]:
    ws = openpyxl.load_workbook(folder / "kpi.xlsx")["日报"]
    head = [c.value for c in ws[1]]
    return {str(r[0].value)[:10]: {h: c.number_format for h, c in zip(head, r) if c.value is not None}
            for r in ws.iter_rows(min_row=2) if r[0].value is not None}


def test_appended_rows_take_the_declared_formats_under_a_general_row(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    _typed_row(folder)
    assert import_kpi(open_shop(folder), [sycm_xlsx(tmp_path / "sycm.xlsx")]).ok
    got = _formats(folder)
    assert got["2026-11-17"]["转化率"] == "General"  # the person's row is left as typed
    new = got["2026-11-18"]
    assert (new["转化率"], new["销售额"], new["客单价"], new["访客数"]) == ("0.00%", "#,##0.00", "#,##0.00", "0"), new


def test_a_format_a_person_chose_above_is_kept(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    _typed_row(folder, conversion_format="0.0%")
    assert import_kpi(open_shop(folder), [sycm_xlsx(tmp_path / "sycm.xlsx")]).ok
    assert _formats(folder)["2026-11-19"]["转化率"] == "0.0%"


def test_a_bordered_and_filled_row_above_keeps_its_look_with_the_declared_format(tmp_path):
    """Review: the declared format was given through a fresh style (font, fill and border 0), so under a
    person's bordered, yellow 日报 row the appended 转化率 and 销售额 cells came plain while the text cells
    kept the look. Now only the number format is changed of the style above."""
    from openpyxl.styles import Border, PatternFill, Side

    folder = tmp_path / "shop"
    init_shop(folder)
    _typed_row(folder)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报"]
    thin = Side(style="thin")
    for c in ws[ws.max_row]:
        c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        c.fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(folder / "kpi.xlsx")
    assert import_kpi(open_shop(folder), [sycm_xlsx(tmp_path / "sycm.xlsx")]).ok
    ws = openpyxl.load_workbook(folder / "kpi.xlsx")["日报"]
    head = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(head, ws[ws.max_row])}
    for name, fmt in (("转化率", "0.00%"), ("销售额", "#,##0.00"), ("访客数", "0")):
        c = row[name]
        assert c.number_format == fmt, (name, c.number_format)
        assert c.fill.fgColor.rgb == "00FFFF00" and c.border.left.style == "thin", name


def test_a_download_that_is_a_web_page_saved_as_xls_is_read_as_excel_opens_it(tmp_path):
    """QA: a 生意参谋 .xls that is really a web page (an HTML table, GBK, as the site saves it) was refused
    as "not a 生意参谋 download (no 统计日期 column)": read as CSV it was one column of markup. Its table is
    now read as Excel opens it: each figure in its 日报 cell, and the same download again changes nothing."""
    from test_kpi_import import DAYS, HEAD, NEW_ADS

    def tr(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{v}</{tag}>" for v in cells) + "</tr>\r\n"

    page = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=gbk"></head><body><table border="1">\r\n'
            + tr(['<b>【生意参谋平台】店铺整体数据</b>']) + tr(["统计时间：2026-11-18 ~ 2026-11-20"]) + tr([])
            + tr(HEAD + NEW_ADS, "th") + "".join(tr([*r, "120.50", "30.00", "1,000.00"]) for r in DAYS[:2])
            + "</table></body></html>")
    folder = tmp_path / "shop"
    init_shop(folder)
    f = tmp_path / "【生意参谋平台】店铺整体_自然日_2026-11-18_2026-11-19.xls"
    f.write_bytes(page.encode("gbk"))
    got = import_kpi(open_shop(folder), [f])
    assert got.ok and got.added == [dt.date(2026, 11, 18), dt.date(2026, 11, 19)], got.said(9)
    ws = openpyxl.load_workbook(folder / "kpi.xlsx")["日报"]
    head = [c.value for c in ws[1]]
    rows = {str(r[0])[:10]: dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    day = rows["2026-11-18"]
    assert (day["访客数"], day["支付买家数"], day["支付订单数"], day["销售额"], day["推广花费"], day["服务态度评分"]) == \
        (7001, 166, 171, 35000.1, 1150.5, 4.85), day
    assert abs(day["转化率"] - 0.0237) < 1e-9 and rows["2026-11-19"]["销售额"] == 10250.5
    again = import_kpi(open_shop(folder), [f])
    assert again.ok and again.merge.unchanged == 2 and not again.added and not again.filled
