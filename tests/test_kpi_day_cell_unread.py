"""The day's 日报 row read with an optional cell that does not (好评率 typed 99, meaning 99 %): the daily
job's KPI step said "✓ 0 个异常" and the report showed 好评率 blank beside its 98.5 % target, nothing said of
the cell. The step is now no ✓, naming the cell and what to type, in the report's note too and in the shop's
language; the day's other figures still go in the report."""

import datetime as dt

import openpyxl
import pytest

from shopbook.report.workflow import run_daily
from shopbook.shop import init_shop, open_shop

CASES = {"zh": (("日期", "访客数", "支付买家数", "支付订单数", "销售额", "好评率"), "M", "若是 99%，请写 99%", "报表里这一项空着"),
         "en": (("date", "visitors", "buyers", "orders", "sales", "positive_rate"), "M", "For 99 % write 99%",
                "left blank in the report")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_days_own_row_with_a_cell_that_does_not_read_is_no_tick(tmp_path, lang):
    names, col, what, note = CASES[lang]
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    path = folder / "kpi.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    cols = {c.value: c.column for c in ws[1] if c.value}
    day = dt.date.today() - dt.timedelta(days=1)
    for i in range(4):  # newest first, as the month is typed at the top
        d = day - dt.timedelta(days=i)
        for name, v in zip(names, (dt.datetime.combine(d, dt.time()), 1000, 30, 30, 3000, 99 if i == 0 else 0.99)):
            ws.cell(i + 2, cols[name], v)
    wb.save(path)

    run = run_daily(open_shop(folder), send=False, steps_only=("kpi",))
    step = {s.name: s for s in run.steps}["kpi"]
    assert step.ok is not True, step.detail
    assert f"{col}2" in step.detail and what in step.detail and note in step.detail, step.detail
    assert note in run.summary.kpi_note
    assert any(k.metric == "visitors" and k.value == "1,000" for k in run.summary.kpi), run.summary.kpi  # the other figures still reported
