"""A 生意参谋 .xlsx with its header under a group row (统计日期 merged down over both rows, 流量 | 交易 over
their columns), as the 取数 templates lay it out: `kpi import` said "这不是生意参谋的店铺数据下载（找不到 统计日期
列）" and wrote nothing, because the merged-down name is held by the group row alone. Its days now come in."""

import datetime as dt
from decimal import Decimal as D

import openpyxl
from test_kpi_import import DAYS, HEAD, NEW_ADS, daily_rows, shop  # noqa: F401 (shop: the fixture)

from shopbook.kpi.import_sycm import import_kpi


def test_a_header_under_a_group_row_with_the_date_merged_down_is_read(shop, tmp_path):  # noqa: F811
    f = tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-19.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    width = len(HEAD) + len(NEW_ADS)
    ws.append(["【生意参谋平台】店铺整体数据"])
    ws.append(["统计日期", "流量", None, None, None, None, "交易"] + [None] * (width - 7))
    ws.append([None] + HEAD[1:] + NEW_ADS)  # 统计日期 is in the row above, merged down over this one
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:F2")
    ws.merge_cells(start_row=2, start_column=7, end_row=2, end_column=width)
    for row in DAYS[:2]:
        ws.append(list(row) + ["120.50", "30.00", "1,000.00"])
    wb.save(f)

    res = import_kpi(shop, [f])
    assert not [i for i in res.issues if i.severity == "error"], res.issues
    got = daily_rows(shop)
    assert sorted(got) == [dt.date(2026, 11, 18), dt.date(2026, 11, 19)]
    day = got[dt.date(2026, 11, 18)]
    assert (day.visitors, day.orders, day.sales, day.ad_spend) == (7001, 171, D("35000.10"), D("1150.50"))


def test_a_web_page_xls_whose_header_spans_rows_and_columns_is_read_as_excel_opens_it(shop, tmp_path):  # noqa: F811
    """The .xls that is a web page, its header as <th rowspan="2">统计日期</th> beside <th colspan="5">流量</th>:
    each spanning cell was one cell, so the header row under it lacked 统计日期 and its columns sat one place
    to the left ("找不到 统计日期 列"). Excel opens the spans as merged cells: the columns keep their places."""
    f = tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-19.xls"
    page = ['<html><head><meta charset="utf-8"></head><body><table>',
            f'<tr><td colspan="{len(HEAD)}">【生意参谋平台】店铺整体数据</td></tr>',
            f'<tr><th rowspan="2">统计日期</th><th colspan="5">流量</th><th colspan="{len(HEAD) - 6}">交易</th></tr>',
            "<tr>" + "".join(f"<th>{h}</th>" for h in HEAD[1:]) + "</tr>",
            *("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in DAYS[:2]),
            "</table></body></html>"]
    f.write_text("\n".join(page), encoding="utf-8")

    res = import_kpi(shop, [f])
    assert not [i for i in res.issues if i.severity == "error"], res.issues
    got = daily_rows(shop)
    assert sorted(got) == [dt.date(2026, 11, 18), dt.date(2026, 11, 19)]
    day = got[dt.date(2026, 11, 19)]
    assert (day.visitors, day.page_views, day.orders, day.sales) == (1000, 3120, 104, D("10250.50"))
