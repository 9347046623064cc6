"""A 数据日报 kept as a person often keeps it: a sheet a month (10月日报, 11月日报), no sheet named 日报.
shopbook read one of them as 日报; the monthly review of November said only "2026-11-01 至 2026-11-30 没有订单，
也没有日报数据" (–, exit 0) though 11月日报 holds every day of it. The sheets are now read as one."""

import datetime as dt

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


def month_sheets(folder, months):
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    at = wb.sheetnames.index("日报")
    wb.remove(wb["日报"])
    for k, (month, days) in enumerate(months):
        ws = wb.create_sheet(f"{month}月日报", at + k)
        ws.append(["日期", "访客数", "支付订单数", "销售额", "支付买家数"])
        for d in range(1, days + 1):
            ws.append([dt.datetime(2026, month, d), 1000 + d, 30, 5000, 29])
    wb.save(folder / "kpi.xlsx")


def test_a_month_on_a_sheet_of_its_own_is_reviewed_from_it(tmp_path, wide_console):
    """Before, one was read as 日报 and November's review said "没有订单，也没有日报数据"; then it said which
    sheet was not read. Now the month sheets are read as one (io.reader._joined): November from 11月日报."""
    folder = tmp_path / "shop"
    init_shop(folder)
    month_sheets(folder, [(10, 31), (11, 30)])
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-11"])
    said = " ".join(r.output.split())
    assert "没有日报数据" not in said and "没有读取" not in said, said
    ws = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")["考核"]
    assert "没有读取" not in (ws["A2"].value or "")
    assert sum(range(1001, 1031)) in [c.value for row in ws.iter_rows() for c in row], "November's visitors"
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-10"])  # October whole: nothing
    assert r.exit_code == 0 and "11月日报" not in r.output, r.output


def test_the_daily_report_of_a_day_on_a_month_sheet_has_its_figures(tmp_path):
    """11-20's morning report said only '日报里没有这一天' (its row on 11月日报, not read): now it has its figures."""
    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop

    folder = tmp_path / "shop"
    init_shop(folder)
    month_sheets(folder, [(10, 31), (11, 30)])
    for day in (dt.date(2026, 11, 20), dt.date(2026, 10, 20)):
        run = run_daily(open_shop(folder), day, send=False, steps_only=("kpi",))
        assert "日报里没有这一天" not in run.summary.kpi_note and "没有读取" not in run.summary.kpi_note, run.summary.kpi_note
        assert [r.value for r in run.summary.kpi if r.metric == "visitors"] == [f"{1000 + day.day:,}"], run.summary.kpi
