"""A 日报 a person keeps works its rates out itself (转化率 = 支付买家数 ÷ 访客数, as a formula or a value
pasted from one): 0.0237108… is the 2.37 % 生意参谋 shows, at the download's precision, no figure that differs."""

import datetime as dt
import re
import zipfile

import openpyxl
from test_kpi_import import DAYS, shop, sycm_xlsx  # noqa: F401
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import KPI

runner = CliRunner()


def typed_day(shop, **cells):  # noqa: F811
    """2026-11-18 typed into 日报 as DAYS[0] has it, with `cells` (by header) as the person has them;
    returns {header: column letter} and the row."""
    kpi = shop.path(KPI)
    wb = openpyxl.load_workbook(kpi)
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    typed = {"日期": dt.datetime(2026, 11, 18), "访客数": 7001, "浏览量": 21503, "支付买家数": 166, "支付订单数": 171,
             "销售额": 35000.10, "成交件数": 205, "客单价": 210.84, "访问深度": 3.07, **cells}
    ws.append([typed.get(h) for h in head])
    wb.save(kpi)
    return {h: openpyxl.utils.get_column_letter(k) for k, h in enumerate(head, start=1)}, ws.max_row


def download(tmp_path):
    return sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18.xlsx", days=DAYS[:1],
                     ad_values=(("120.50", "30.00", "1,000.00"),))


def test_a_rate_pasted_from_a_formula_is_the_downloads_rounded_figure_not_one_that_differs(shop, tmp_path):  # noqa: F811
    """Before: ✗ 2026-11-18 转化率：日报里填的是 2.37%，生意参谋是 2.37% (an error, exit 1; from inbox/ the
    download stayed there every day), and 访问深度 3.0714… against 3.07 likewise."""
    typed_day(shop, 转化率=166 / 7001, 访问深度=21503 / 7001)
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(download(tmp_path))])
    assert r.exit_code == 0, r.output
    assert "不同 0" in r.output and "转化率" not in r.output and "访问深度" not in r.output, r.output


def test_a_rate_that_differs_beyond_the_downloads_rounding_is_still_said(shop, tmp_path):  # noqa: F811
    typed_day(shop, 转化率=0.02385)  # 2.39 %, not 2.37 %
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(download(tmp_path))])
    assert r.exit_code == 1 and "日报里填的是 2.39%，生意参谋是 2.37%" in " ".join(r.output.split()), r.output


def test_a_conversion_formula_showing_the_downloads_figure_is_not_said_as_left_unwritten(shop, tmp_path):  # noqa: F811
    """Before: each day of a 日报 whose 转化率 is a formula (=支付买家数/访客数, as Excel saved it with its
    value) gave '转化率：这一格是公式，没有写入生意参谋的 2.37%' though the cell shows 2.37 %."""
    col, row = typed_day(shop)
    kpi = shop.path(KPI)
    wb = openpyxl.load_workbook(kpi)
    wb["日报"][f"{col['转化率']}{row}"] = f"={col['支付买家数']}{row}/{col['访客数']}{row}"
    wb.save(kpi)
    # the value Excel saves beside the formula (openpyxl writes none)
    with zipfile.ZipFile(kpi) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet") and b"<f>" in parts[n])
    parts[sheet] = re.sub(rb"(<f>[^<]*</f>)<v\s*/?>(</v>)?", rb"\1<v>0.0237108984430796</v>", parts[sheet])
    with zipfile.ZipFile(kpi, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(download(tmp_path))])
    assert r.exit_code == 0 and "公式" not in r.output, r.output
    assert openpyxl.load_workbook(kpi)["日报"][f"{col['转化率']}{row}"].value.startswith("=")  # kept


def test_a_download_saved_again_in_excel_imports_the_same_the_second_time(shop, tmp_path):  # noqa: F811
    """A download opened and saved in WPS or Excel holds its figures as numbers: 支付转化率 the float
    0.0237108984, 人均浏览量 3.0714185. The first import wrote them to 日报 as 0.023711 and 3.071419 (six
    places); the same file imported again (or left in inbox/) then said '转化率：日报里填的是 2.37%，生意参谋是
    2.37%', exit 1. Now a figure is taken as 日报 keeps it, and the second import finds the day unchanged."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["【生意参谋平台】店铺整体"])
    ws.append([])
    ws.append(["统计日期", "访客数", "浏览量", "支付金额", "支付买家数", "支付父订单数", "支付转化率", "客单价", "人均浏览量"])
    ws.append([dt.datetime(2026, 11, 18), 7001, 21503, 35000.1, 166, 171, 0.0237108984, 210.8439759, 3.0714185])
    ws["G4"].number_format = "0.00%"
    f = tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18.xlsx"
    wb.save(f)
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0 and "新增 1" in r.output, r.output
    r = runner.invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0 and "不变 1" in r.output and "不同 0" in r.output, r.output


def test_a_figure_typed_as_the_sheet_shows_it_agrees_with_a_download_holding_it_unrounded(shop, tmp_path):  # noqa: F811
    """QA: a download saved again in WPS or Excel (支付转化率 the number 0.0237108984, shown 2.37 %; 人均浏览量
    3.0714185) against the day typed by hand as 生意参谋 shows it (2.37 %, 3.07): '✗ 转化率：日报里填的是 2.37%，
    生意参谋是 2.37%' and '访问深度：日报里填的是 3.07，生意参谋是 3.071419', exit 1, the file kept in inbox/ each
    day. A typed figure equal to 生意参谋's as it shows it now agrees; one that differs there is still said."""
    from shopbook.kpi.import_sycm import import_kpi

    typed_day(shop, 转化率=0.0237)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["【生意参谋平台】店铺整体"])
    ws.append(["统计日期", "访客数", "浏览量", "支付金额", "支付买家数", "支付父订单数", "支付转化率", "客单价", "人均浏览量"])
    ws.append([dt.datetime(2026, 11, 18), 7001, 21503, 35000.1, 166, 171, 0.0237108984, 210.8439759, 3.0714185])
    ws.append([dt.datetime(2026, 11, 19), 1000, 3120, 10250.5, 100, 104, 0.1, 102.505, 3.12])
    f = tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18.xlsx"
    wb.save(f)
    res = import_kpi(shop, [f])
    assert res.ok and not res.merge.conflicts and res.merge.unchanged == 1, res.said(9)
    typed_day(shop, 日期=dt.datetime(2026, 11, 20), 转化率=0.0238, 访问深度=3.08)  # 2.38 %, 3.08: not as it shows
    ws.append([dt.datetime(2026, 11, 20), 7001, 21503, 35000.1, 166, 171, 0.0237108984, 210.8439759, 3.0714185])
    wb.save(f)
    res = import_kpi(shop, [f])
    assert sorted(c.field for c in res.merge.conflicts) == ["conversion", "visit_depth"], res.said(9)
