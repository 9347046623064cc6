"""A target changed mid-month on kpi.xlsx's 目标 sheet, its 起始日期 typed as people say it (12月3日, no year):
that cell does not read, and the row was used with no 起始日期 at all, so the new 4 % judged every day, the
days before the change too, and the daily report said nothing of it. The row is now passed over (the 2 % in
force judges the day) and said beside the figures, at its cell."""

import datetime as dt

import openpyxl

from shopbook.report.workflow import run_daily
from shopbook.shop import init_shop, open_shop


def test_a_target_whose_start_does_not_read_judges_no_day(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    path = folder / "kpi.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["日报"]
    cols = {c.value: c.column for c in ws[1] if c.value}
    day = dt.date.today() - dt.timedelta(days=1)
    for i in range(4):
        for h, v in zip(("日期", "访客数", "支付买家数", "支付订单数", "销售额"),
                        (dt.datetime.combine(day - dt.timedelta(days=i), dt.time()), 1000, 30, 30, 3000)):
            ws.cell(i + 2, cols[h], v)
    later = day + dt.timedelta(days=1)  # the change starts tomorrow, typed without its year
    for r, row in enumerate([("转化率", "2%", None), ("转化率", "4%", f"{later.month}月{later.day}日")], start=2):
        for c, v in enumerate(row, start=1):
            wb["目标"].cell(r, c, v)
    wb.save(path)

    run = run_daily(open_shop(folder), send=False, steps_only=("kpi",))
    conv = next(k for k in run.summary.kpi if k.metric == "conversion")
    assert conv.target == "2.00%", conv  # not the 4 % of a row whose start is not known
    assert "这一行目标没有用：kpi.xlsx › 目标 › C3" in run.summary.kpi_note and "没有年份" in run.summary.kpi_note, run.summary.kpi_note
