"""生意参谋 downloads into 日报, as PLATFORMS.md describes them: .xls and .xlsx, title rows above
the header, numbers and percentages stored as text, old and new ad-column names."""

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.kpi.import_sycm import import_kpi
from shopbook.kpi.metrics import Day, rollup
from shopbook.report.workflow import run_daily
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.validate import validate_path
from shopbook.validate.rules import check_kpi

HEAD = ["统计日期", "访客数", "浏览量", "商品访客数", "平均停留时长", "跳失率", "支付金额", "支付买家数", "支付子订单数",
        "支付件数", "人均浏览量", "支付转化率", "客单价", "UV价值", "老访客数", "支付老买家数", "评价数", "正面评价数",
        "支付父订单数", "描述相符评分", "物流服务评分", "服务态度评分"]
NEW_ADS = ["关键词推广花费", "精准人群推广花费", "全站推广花费"]
OLD_ADS = ["直通车消耗", "钻石展位消耗", "淘宝客佣金"]
# three days as 生意参谋 gives them: text with thousands separators, percentages with two decimals.
# 客单价 = 支付金额 ÷ 支付买家数 (not ÷ orders); 0.04 % is 3 ÷ 7,001 rounded as it shows it
DAYS = [
    ["2026-11-18", "7,001", "21,503", "5,210", "35.2", "45.10%", "35,000.10", "166", "190", "205", "3.07", "2.37%",
     "210.84", "5.00", "2,100", "40", "50", "49", "171", "4.9", "4.8", "4.85"],
    ["2026-11-19", "1,000", "3,120", "800", "30.1", "44.00%", "10,250.50", "100", "120", "130", "3.12", "10.00%",
     "102.51", "10.25", "300", "20", "10", "10", "104", "4.8", "4.9", "4.9"],
    ["2026-11-20", "7,001", "20,000", "5,000", "33.0", "46.00%", "600.00", "3", "3", "4", "2.86", "0.04%",
     "200.00", "0.09", "2,000", "1", "0", "0", "3", "4.8", "4.8", "4.8"],
]


def sycm_xlsx(path: Path, days=DAYS, ads=NEW_ADS, ad_values=(("120.50", "30.00", "1,000.00"),) * 3) -> Path:
    """The 取数 template's .xlsx: four title rows, then the header; every figure stored as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "店铺整体"
    ws.append(["【生意参谋平台】店铺整体数据"])
    ws.append(["统计时间：2026-11-18 ~ 2026-11-20"])
    ws.append([])
    ws.append(["注：数据来源于生意参谋，仅供参考"])
    ws.append(HEAD + list(ads))
    for row, extra in zip(days, ad_values):
        ws.append(list(row) + list(extra))
    wb.save(path)
    return path


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    return open_shop(folder)


def daily_rows(shop) -> dict:
    wd = read_workbook(shop.path(KPI), KPI, (DailyKpi,))
    assert not wd.errors_in(DailyKpi)
    return {r.date: r for r in wd.rows(DailyKpi)}


def test_an_xlsx_download_fills_the_daily_sheet_with_no_false_error(shop, tmp_path):
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
    res = import_kpi(shop, [f])
    assert res.ok and res.added == [dt.date(2026, 11, 18), dt.date(2026, 11, 19), dt.date(2026, 11, 20)]
    rows = daily_rows(shop)
    r = rows[dt.date(2026, 11, 18)]
    assert (r.visitors, r.page_views, r.buyers, r.orders, r.units) == (7001, 21503, 166, 171, 205)  # 父订单, not 子订单
    assert r.sales == D("35000.10") and r.aov == D("210.84") and r.conversion == D("0.0237")
    assert r.visit_depth == D("3.07")
    assert r.ad_spend == D("1150.50")  # the three new ad columns together
    assert (r.dsr_description, r.dsr_logistics, r.dsr_service) == (D("4.9"), D("4.8"), D("4.85"))
    assert r.positive_rate == D("0.98")  # 49 of 50 reviews
    assert r.bounce_rate is None  # 跳失率 is shop-wide: not the 首页跳失率 column
    assert rows[dt.date(2026, 11, 20)].positive_rate is None  # no reviews: no rate
    # 生意参谋's own figures are consistent by its definitions: validate finds nothing
    v = validate_path(shop.path(KPI))
    assert [i for i in v.issues if i.severity in ("error", "warning")] == []


def test_the_kpi_rules_are_the_ones_of_sycm():
    # 客单价 per buyer: 35,000.10 ÷ 166 = 210.84, although ÷ 171 orders is 204.68
    ok = DailyKpi(date=dt.date(2026, 11, 18), visitors=7001, page_views=21503, buyers=166, orders=171,
                  sales=D("35000.10"), conversion=D("0.0237"), aov=D("210.84"), visit_depth=D("3.07"))
    assert check_kpi([ok]) == []
    small = DailyKpi(date=dt.date(2026, 11, 20), visitors=7001, buyers=3, orders=3, sales=D(600),
                     conversion=D("0.0004"))  # 0.0428 % shown as 0.04 %: rounding, not an error
    assert check_kpi([small]) == []
    per_order = ok.model_copy(update={"aov": D("204.68")})  # an old sheet's sales ÷ orders: said, not an error
    (i,) = check_kpi([per_order])
    assert i.severity == "warning" and "sales ÷ buyers" in i.message_en
    wrong = ok.model_copy(update={"aov": D("150.00"), "visit_depth": D("4.5"), "dsr_service": D("48")})
    assert {(i.field, i.severity) for i in check_kpi([wrong])} == {("aov", "error"), ("visit_depth", "error"),
                                                                   ("dsr_service", "error")}
    # the report's AOV is per buyer too, for a day and for a month
    days = [Day(dt.date(2026, 11, 1), 100, 2, 3, D("300.00"), 3), Day(dt.date(2026, 11, 2), 100, 1, 1, D("100"), 1)]
    assert days[0].aov == D("150.00")
    (m,) = rollup(days, lambda d: "2026-11")
    assert m.aov == D("133.33")  # 400 ÷ 3 buyers


def test_reimport_fills_blanks_and_reports_a_typed_difference(shop, tmp_path, wide_console):
    kpi = shop.path(KPI)
    wb = openpyxl.load_workbook(kpi)
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    typed = {"日期": dt.datetime(2026, 11, 18), "访客数": 7001, "支付订单数": 171, "销售额": 35000}
    ws.append([typed.get(h) for h in head])  # a person typed the day by hand: 35,000, not 35,000.10
    wb.save(kpi)
    f = sycm_xlsx(tmp_path / "sycm.xlsx")
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 1, r.output
    # (as the daily report writes amounts: ¥ and grouped)
    assert "日报里填的是 ¥35,000.00，生意参谋是 ¥35,000.10" in r.output and "--replace" in r.output
    rows = daily_rows(shop)
    day = rows[dt.date(2026, 11, 18)]
    assert day.sales == D("35000") and day.buyers == 166 and day.aov == D("210.84")  # kept; blanks filled
    assert len(rows) == 3
    res = import_kpi(shop, [f])  # again: the difference is said again, nothing else changes
    assert [(c.field, c.typed, c.file_value) for c in res.merge.conflicts] == [("sales", D("35000"), D("35000.10"))]
    (i,) = [i for i in res.issues if i.is_error]
    assert i.book == "kpi.xlsx" and i.sheet == "日报" and i.cell.endswith(str(day.row)) and i.column == "销售额"
    assert res.merge.unchanged == 2 and not res.added and not res.filled
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f), "--replace"])
    assert r.exit_code == 0, r.output
    assert daily_rows(shop)[dt.date(2026, 11, 18)].sales == D("35000.10")
    before = kpi.read_bytes()
    again = import_kpi(shop, [f])
    assert again.ok and again.merge.unchanged == 3 and kpi.read_bytes() == before  # nothing to do: nothing written


def test_a_positive_rate_on_the_half_is_rounded_half_up(shop, tmp_path):
    """157 good of 160 reviews is 0.98125: written 0.9813, half up, as every other figure shopbook
    works out and as a 0.00% cell shows it (98.13 %). QA: `kpi import` wrote 0.9812 (half to even)."""
    day = DAYS[0][:HEAD.index("评价数")] + ["160", "157"] + DAYS[0][HEAD.index("正面评价数") + 1:]
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-18.xlsx", days=[day])
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(shop.path(KPI))["日报"]
    head = [c.value for c in ws[1]]
    (row,) = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None]
    assert row[head.index("好评率")] == 0.9813
    assert daily_rows(shop)[dt.date(2026, 11, 18)].positive_rate == D("0.9813")


def test_a_value_that_does_not_read_is_located_and_the_rest_comes_in(shop, tmp_path):
    days = [list(DAYS[0]), list(DAYS[1])]
    days[1][1] = "1,0O0"  # an O for a 0
    f = sycm_xlsx(tmp_path / "sycm.xlsx", days)
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f), "--json"])
    assert r.exit_code == 1
    res = import_kpi(shop, [f])
    bad = [i for i in res.issues if i.column == "访客数"]
    assert bad and bad[0].book == "sycm.xlsx" and bad[0].value == "1,0O0" and "第 7 行" in bad[0].cell
    missing = [i for i in res.issues if "2026-11-19" in i.message_zh]  # the day lacks a required figure
    assert missing and missing[0].message_en
    assert list(daily_rows(shop)) == [dt.date(2026, 11, 18)]


def test_an_average_order_value_written_as_money_reads(shop, tmp_path):
    """客单价 was read as a plain number: ¥210.84 was refused ("not a number"), the day's other
    figures said wrong for it. It is money, as 支付金额 is, unrounded and then to the fen."""
    days = [list(DAYS[0]), list(DAYS[1])]
    days[0][12], days[1][12] = "¥210.84", "102.5050"  # as some templates write it: unrounded, to the fen half up
    f = sycm_xlsx(tmp_path / "sycm.xlsx", days)
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    assert r.exit_code == 0 and "客单价" not in r.output, r.output
    rows = daily_rows(shop)
    assert (rows[dt.date(2026, 11, 18)].aov, rows[dt.date(2026, 11, 19)].aov) == (D("210.84"), D("102.51"))


def test_a_file_that_is_not_sycm_stops_before_writing(shop, tmp_path):
    f = tmp_path / "other.csv"
    f.write_text("订单编号,买家会员名\n1,x\n", encoding="utf-8")
    before = shop.path(KPI).read_bytes()
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f)])
    said = " ".join(r.output.split())  # the console wraps long lines
    assert r.exit_code == 2 and "生意参谋" in said and "Nothing was written" in said
    assert "Traceback" not in r.output and shop.path(KPI).read_bytes() == before


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice makes the real .xls")
def test_an_old_xls_download_with_the_old_ad_columns(shop, tmp_path):
    days = [list(d) for d in DAYS]
    days[0][0] = "20261118"  # some downloads write the date as 8 digits
    src = sycm_xlsx(tmp_path / "old.xlsx", days, OLD_ADS, (("80.00", "20.00", "5.5"),) * 3)
    out = tmp_path / "xls"
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xls",
                        "--outdir", str(out), str(src)], capture_output=True, timeout=180)
    assert r.returncode == 0, r.stderr
    xls = out / "old.xls"
    assert xls.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # a real BIFF .xls
    res = import_kpi(shop, [xls])
    assert res.ok and len(res.added) == 3
    r = daily_rows(shop)[dt.date(2026, 11, 18)]
    assert r.ad_spend == D("105.50") and r.sales == D("35000.10") and r.conversion == D("0.0237")


def test_daily_picks_up_a_download_from_inbox(shop, tmp_path):
    from shopbook.report.workflow import run_daily

    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    sycm_xlsx(inbox / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
    run = run_daily(shop, dt.date(2026, 11, 20), send=False, steps_only=("inbox",))
    (step,) = run.steps
    assert step.ok is True, step.detail
    assert "生意参谋" in step.detail
    assert len(daily_rows(shop)) == 3
    assert not list(inbox.glob("*.xlsx"))  # moved to inbox/done/


def test_the_button_fills_the_open_book_as_the_cli_fills_the_file(shop, tmp_path):
    from shopbook import xl
    from xlfake import FakeBook

    f = sycm_xlsx(tmp_path / "sycm.xlsx")
    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)
    import_kpi(open_shop(twin), [f])
    book = FakeBook(shop.path(KPI))
    xl.import_kpi(str(f), book)
    live = book.sheet_rows("日报")
    at = next(i for i, r in enumerate(live) if "日期" in r)
    head = live[at]
    got = {(str(r[head.index("日期")])[:10], str(r[head.index("支付买家数")]), str(r[head.index("描述相符评分")]))
           for r in live[at + 1:] if r[0]}
    assert got == {(str(d)[:10], str(r.buyers), str(r.dsr_description)) for d, r in daily_rows(open_shop(twin)).items()}
    assert len(got) == 3


@pytest.mark.parametrize("label", ["合　计", "日均", "小计", "本期合计", "Subtotal"])
def test_a_totals_or_average_row_under_the_days_is_no_day_and_no_error(shop, tmp_path, label):
    """A download (or a person's copy of one) with a 合　计 or 日均 row under the days: the row is
    skipped as every sheet's totals rows are, not an error, so `daily` moves the file to
    inbox/done/ instead of keeping it (and saying it again) every day."""
    blank = [""] * (len(HEAD) - 7)
    days = [list(d) for d in DAYS] + [[label, "15,002", "44,623", "11,010", "", "", "45,850.60", "269"] + blank]
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    f = sycm_xlsx(inbox / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx", days,
                  ad_values=(("120.50", "30.00", "1,000.00"),) * 3 + (("", "", ""),))
    res = import_kpi(shop, [f])
    assert res.issues == [] and res.ok and len(res.added) == 3
    run = run_daily(shop, dt.date(2026, 11, 20), send=False, steps_only=("inbox",))
    (step,) = run.steps
    assert step.ok is True, step.detail
    assert not list(inbox.glob("*.xlsx")) and run.summary.problems == []


def test_the_button_lists_the_files_problems_where_they_are_as_the_cli(shop, tmp_path):
    """A figure that does not read, and a day that lacks one: the 导入生意参谋 button names the file,
    row and what is wrong, as `kpi import` prints them (before, it said only how many days came in)."""
    from cli_run import flat, shopbook
    from shopbook import xl
    from xlfake import FakeBook

    days = [list(DAYS[0]), list(DAYS[1])]
    days[1][1] = "1,0O0"  # an O for a 0
    f = sycm_xlsx(tmp_path / "sycm.xlsx", days)
    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)
    cli = shopbook("kpi", "import", twin, f)
    book = FakeBook(shop.path(KPI))
    xl.import_kpi(str(f), book)
    lines = book.app.alerts[-1]["prompt"].splitlines()
    assert book.app.alerts[-1]["mode"] == "critical" and cli.returncode == 1
    problems = [ln for ln in lines[1:] if ln.startswith("✗ ")]
    # (its value quoted in the message, and not said again after it)
    assert any(ln.startswith("✗ sycm.xlsx › ") and "第 7 行" in ln and "“1,0O0”" in ln and not ln.endswith(" = 1,0O0")
               for ln in problems), lines
    assert any("2026-11-19" in ln for ln in problems), lines
    assert lines[0].startswith("✗ 生意参谋 2 天：") and flat(lines[0]) in flat(cli.stdout), (lines, cli.stdout)


def test_a_formula_a_person_made_is_never_filled_nor_replaced(shop, tmp_path):
    """A day typed by hand with 支付买家数 blank, and 转化率 and 客单价 as formulas of it (blank until
    it is filled, as a formula left unworked reads): before, the import filled the formulas' cells
    with 生意参谋's figures, the formulas lost, said as 补空 with a ✓. Now the blank 支付买家数 is
    filled, each formula kept, with --replace too; not said, as they show 生意参谋's figures once
    calculated from it (test_kpi_aov_formula: one that would not is said)."""
    kpi = shop.path(KPI)
    wb = openpyxl.load_workbook(kpi)
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    col = {h: openpyxl.utils.get_column_letter(k) for k, h in enumerate(head, start=1)}
    typed = {"日期": dt.datetime(2026, 11, 18), "访客数": 7001, "支付订单数": 190, "销售额": 35000.10}
    ws.append([typed.get(h) for h in head])
    r = ws.max_row
    ws[f"{col['转化率']}{r}"] = f'=IF({col["支付买家数"]}{r}="","",{col["支付买家数"]}{r}/{col["访客数"]}{r})'
    ws[f"{col['客单价']}{r}"] = f'=IF({col["支付买家数"]}{r}="","",{col["销售额"]}{r}/{col["支付买家数"]}{r})'
    wb.save(kpi)
    f = sycm_xlsx(tmp_path / "sycm.xlsx", days=DAYS[:1], ad_values=(("120.50", "30.00", "1,000.00"),))
    for more in ([], ["--replace"]):
        res = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f), *more])
        assert "这一格是公式" not in res.output, res.output
        cells = openpyxl.load_workbook(kpi)["日报"]
        assert cells[f"{col['支付买家数']}{r}"].value == 166  # the blank figure, filled
        assert cells[f"{col['转化率']}{r}"].value.startswith("=IF(") and cells[f"{col['客单价']}{r}"].value.startswith("=IF(")


def test_days_typed_ahead_with_only_their_date_are_filled_and_a_wrong_cell_is_named_in_the_daily_sheet(shop, tmp_path):
    """People type the month's dates into 日报 ahead. Before, such a row (its figures blank: each
    'required') was refused as 'a cell that does not read', located in the download. Now it is
    filled as any blank cell is; a row with a cell that really does not read is left alone, and
    named at its row of 日报."""
    kpi = shop.path(KPI)
    wb = openpyxl.load_workbook(kpi)
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    for day in (18, 19):
        ws.append([dt.datetime(2026, 11, day) if h == "日期" else None for h in head])
    ws.append([dt.datetime(2026, 11, 20) if h == "日期" else "很多" if h == "访客数" else None for h in head])
    wrong_row = ws.max_row
    wb.save(kpi)
    res = import_kpi(shop, [sycm_xlsx(tmp_path / "sycm.xlsx")])
    assert sorted(res.filled) == [dt.date(2026, 11, 18), dt.date(2026, 11, 19)] and not res.added
    (bad,) = [i for i in res.issues if i.is_error]
    assert (bad.book, bad.sheet, bad.row) == ("kpi.xlsx", "日报", wrong_row) and "2026-11-20" in bad.message_zh
    days = {r.date: r for r in read_workbook(kpi, KPI, (DailyKpi,)).rows(DailyKpi)}
    assert days[dt.date(2026, 11, 18)].sales == D("35000.10") and days[dt.date(2026, 11, 19)].buyers == 100


def test_a_rate_that_differs_is_said_as_a_percentage(shop, tmp_path):
    """Before: '转化率：日报里填的是 0.0257，生意参谋是 0.0237'; a person reads rates as 2.57% and 2.37%."""
    kpi = shop.path(KPI)
    wb = openpyxl.load_workbook(kpi)
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    typed = {"日期": dt.datetime(2026, 11, 18), "访客数": 7001, "支付订单数": 171, "销售额": 35000.10, "转化率": 0.0257}
    ws.append([typed.get(h) for h in head])
    wb.save(kpi)
    res = import_kpi(shop, [sycm_xlsx(tmp_path / "sycm.xlsx", days=DAYS[:1])])
    (said,) = [i for i in res.issues if i.is_error]
    assert "日报里填的是 2.57%，生意参谋是 2.37%" in said.message_zh and "has 2.57%, 生意参谋 says 2.37%" in said.message_en


def test_a_day_after_today_and_buyers_without_visitors_are_said():
    """A 日报 row dated 2062 (typed for 2026) counted in no report without a word; buyers against 0
    visitors gave only an AOV remark. Each is now said at its cell."""
    future = DailyKpi(date=dt.date(2062, 11, 21), visitors=1000, buyers=10, orders=10, sales=D("1000.00"))
    (i,) = check_kpi([future], today=dt.date(2026, 12, 3))
    assert (i.field, i.severity) == ("date", "warning") and "2062-11-21" in i.message_zh
    nobody = DailyKpi(date=dt.date(2026, 11, 21), visitors=0, buyers=5, orders=5, sales=D("500.00"))
    assert [(i.field, i.severity) for i in check_kpi([nobody], today=dt.date(2026, 12, 3))] == [("visitors", "error")]


def test_a_renamed_daily_sheet_is_read_and_written_before_a_years_sheet_of_the_same_headers(shop, tmp_path):
    """日报 renamed 日报表, and last year kept in 2025全年 (first in the book, the same headers, a row
    hidden): 2025全年 was read as 日报 (this year's figures lost from every report) and the import
    wrote this year's days into it; now 日报表 is read and written, 2025全年 named as not read."""
    path = shop.path(KPI)
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    ws.title = "日报表"
    head = [c.value for c in ws[1]]
    for c, v in enumerate([dt.datetime(2026, 11, 17), 900, 3000, 20, 21, 4200], 1):
        ws.cell(2, c, v)
    year = wb.create_sheet("2025全年", 0)
    year.append(head)
    for k in range(3):
        year.append([dt.datetime(2025, 1, 1 + k), 800, 2500, 10, 10, 2000])
    year.row_dimensions[3].hidden = True
    wb.save(path)
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
    r = CliRunner().invoke(app, ["kpi", "import", str(shop.folder), str(f), "--json"])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(path)
    assert [row[0].value for row in wb["日报表"].iter_rows(min_row=2) if row[0].value] == [
        dt.datetime(2026, 11, d) for d in (17, 18, 19, 20)]
    assert [row[0].value for row in wb["2025全年"].iter_rows(min_row=2)] == [
        dt.datetime(2025, 1, d) for d in (1, 2, 3)]
    r = CliRunner().invoke(app, ["validate", str(shop.folder), "--json"])
    [w] = [i for i in json.loads(r.stdout) if i["book"] == "kpi.xlsx"]
    assert w["sheet"] == "日报表" and "2025全年" in w["message_zh"]
    assert sorted(daily_rows(shop)) == [dt.date(2026, 11, d) for d in (17, 18, 19, 20)]


def test_a_first_import_into_the_template_formats_every_day_as_the_template_does(shop, tmp_path):
    """QA: the template's 日报 has one formatted row under its header (0.00%, #,##0.00). A first
    download of three days wrote the first into it and the next two below it unformatted: 转化率 0.1
    and 0.0004 for 10.00 % and 0.04 %, 销售额 10250.5, and every later day took their look. Rows
    appended under a header with nothing typed below it take that formatted row's styles."""
    f = sycm_xlsx(tmp_path / "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx")
    assert import_kpi(shop, [f]).ok
    ws = openpyxl.load_workbook(shop.path(KPI))["日报"]
    head = {c.value: c.column for c in ws[1]}
    for r in (2, 3, 4):
        fmts = {h: ws.cell(r, head[h]).number_format for h in ("日期", "转化率", "销售额", "客单价", "访客数")}
        assert fmts == {"日期": "yyyy-mm-dd", "转化率": "0.00%", "销售额": "#,##0.00", "客单价": "#,##0.00",
                        "访客数": "0"}, (r, fmts)
    assert not ws.cell(3, head["访客数"]).font.b  # not the header's look either
