"""QA: what 生意参谋 really downloads is often a text file with an .xls name: GBK, tab-separated, title
lines above the header (【生意参谋平台】店铺整体, 统计时间：…). `kpi import` refused it as "not a 生意参谋
shop-data download (no 统计日期, 访客数, 支付金额 column)": the separator was judged by the first line alone,
a title with neither tab nor comma, so the file was read as a CSV of one column. The first line that has a
separator now tells, and the days come in, on an English shop as on a Chinese one."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from shopbook.kpi.import_sycm import import_kpi
from shopbook.shop import init_shop, open_shop

HEAD = ["统计日期", "访客数", "浏览量", "支付金额", "支付买家数", "支付父订单数", "支付件数", "支付转化率", "客单价",
        "直通车消耗"]
ROWS = [["2026-11-18", "7,001", "21,003", "35,000.10", "170", "175", "200", "2.43%", "205.88", "300.00"],
        ["2026-11-19", "6,500", "19,500", "30,000.00", "150", "150", "180", "2.31%", "200.00", "250.00"]]


def _text_xls(path, sep: str, encoding: str, title: str = "统计时间：2026-11-18 ~ 2026-11-19, 所有终端"):
    # (a title of one comma, as 生意参谋 writes its range and 终端, over a tab-separated table; or of two)
    lines = [["【生意参谋平台】店铺整体"], [title], [""], HEAD, *ROWS]
    cell = (lambda v: f'"{v}"' if "," in v else v) if sep == "," else str  # (a CSV quotes its 7,001)
    path.write_bytes(("\r\n".join(sep.join(map(cell, r)) for r in lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("lang, sep, encoding, title", [
    ("zh", "\t", "gbk", None), ("en", "\t", "gbk", None), ("zh", ",", "utf-8-sig", None),
    # (from the review: a title of two commas, read as a CSV of three columns and refused)
    ("en", "\t", "gbk", "统计时间：2026-11-18 ~ 2026-11-19, 所有终端, 自然日")])
def test_a_text_download_named_xls_with_title_lines_is_imported(tmp_path, lang, sep, encoding, title):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    f = _text_xls(tmp_path / "【生意参谋平台】店铺整体_自然日_2026-11-18_2026-11-19.xls", sep, encoding,
                  *((title,) if title else ()))
    got = import_kpi(open_shop(folder), [f])
    assert got.ok and got.added == [dt.date(2026, 11, 18), dt.date(2026, 11, 19)], got.said(9)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    visitors, sales, ads = ("访客数", "销售额", "推广花费") if lang == "zh" else ("visitors", "sales", "ad_spend")
    assert [(r[visitors], r[sales], r[ads]) for r in rows] == [(7001, 35000.1, 300), (6500, 30000, 250)], rows


def test_the_daily_job_takes_a_download_saved_again_as_csv_into_the_daily_sheet(tmp_path):
    """QA: the same download saved again as .csv (WPS/Excel 另存为 CSV) and put in inbox/ was handed to the orders
    import, which refused it ('这是生意参谋的店铺数据下载…不是订单导出'): the import step failed, 审单 was skipped
    for the day, the days never reached 日报. A CSV whose first lines name 生意参谋's columns goes to 日报 now."""
    from shopbook.report.workflow import run_daily

    folder = tmp_path / "shop"
    init_shop(folder)
    (folder / "inbox").mkdir(exist_ok=True)
    _text_xls(folder / "inbox" / "【生意参谋平台】店铺整体_2026-11-18_2026-11-19.csv", ",", "gbk")
    run = run_daily(open_shop(folder), dt.date(2026, 11, 19), send=False, steps_only=("inbox",))
    (step,) = run.steps
    assert step.ok is True and "生意参谋 2 天进日报" in step.detail, step.detail
    assert not list((folder / "inbox").glob("*.csv"))  # moved to inbox/done/
    ws = openpyxl.load_workbook(folder / "kpi.xlsx")["日报"]
    assert [str(r[0])[:10] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]] == ["2026-11-18", "2026-11-19"]
