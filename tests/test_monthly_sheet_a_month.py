"""A 数据日报 kept as a person often keeps it: a sheet a month (10月日报, 11月日报), no sheet named 日报.
shopbook reads one of them as 日报 (validate says which, and that the other was not read). The monthly
review of November said only "2026-11-01 至 2026-11-30 没有订单，也没有日报数据" (–, exit 0) though 11月日报
holds every day of it: now it says which sheet was read and which was not, wherever it says days lack figures."""

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


def test_a_month_on_a_sheet_not_read_is_said_where_its_days_lack_figures(tmp_path, wide_console):
    folder = tmp_path / "shop"
    init_shop(folder)
    month_sheets(folder, [(10, 31), (11, 30)])
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-11"])
    said = " ".join(r.output.split())
    assert "没有订单，也没有日报数据" in said and "（“11月日报”的表头也相同，没有读取。）" in said, said
    assert "“10月日报”的表头与它一致，已当作“日报”读取" in said
    a2 = openpyxl.load_workbook(folder / "reports" / "月报-2026-11.xlsx")["考核"]["A2"].value
    assert "“11月日报”的表头也相同，没有读取" in a2, a2
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", "2026-10"])  # October whole: nothing
    assert r.exit_code == 0 and "11月日报" not in r.output, r.output


def test_the_daily_report_of_a_day_on_a_sheet_not_read_says_so(tmp_path):
    """11-20's morning report said only '日报里没有这一天' and to download it from 生意参谋."""
    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop

    folder = tmp_path / "shop"
    init_shop(folder)
    month_sheets(folder, [(10, 31), (11, 30)])
    run = run_daily(open_shop(folder), dt.date(2026, 11, 20), send=False, steps_only=("kpi",))
    assert "日报里没有这一天" in run.summary.kpi_note and "（“11月日报”的表头也相同，没有读取。）" in run.summary.kpi_note, \
        run.summary.kpi_note
    run = run_daily(open_shop(folder), dt.date(2026, 10, 20), send=False, steps_only=("kpi",))  # read: nothing said
    assert "11月日报" not in run.summary.kpi_note and run.summary.kpi, run.summary.kpi_note
