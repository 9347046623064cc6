"""`shopbook daily SHOP --date <today>` early in the day, no order yet: the KPI step, the e-mail and the group
message told the boss 'put the 生意参谋 download in inbox/ (or shopbook kpi import), or fill in this day', a
download `kpi import` refuses (a day not over: its figures are not final). Now it says the day is not over,
no order has come, and its figures can be had once it is; yesterday's report still gives the advice."""

from __future__ import annotations

import datetime as dt

from test_daily import demo_like_shop

from shopbook.report import workflow
from shopbook.report.daily import render_email

ADVICE = "把生意参谋的下载放进 inbox/"


def test_a_report_of_today_with_nothing_yet_asks_for_no_download_not_to_be_had(tmp_path, monkeypatch):
    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 23))  # (its 日报 and orders end 11-21)
    shop = demo_like_shop(tmp_path)
    run = workflow.run_daily(shop, dt.date(2026, 11, 23), send=False, steps_only=("kpi",))
    [kpi] = run.steps
    said = "2026-11-23 是今天，还没有过完：还没有订单；生意参谋这一天的数据要等它过完才能下载（明天的日报会有）。"
    assert kpi.mark == "–" and kpi.detail == said, kpi.detail
    text = render_email(run.summary)[1]
    assert said in text.splitlines() and ADVICE not in text, text
    run = workflow.run_daily(shop, dt.date(2026, 11, 22), send=False, steps_only=("kpi",))  # yesterday: to fetch
    assert ADVICE in run.steps[0].detail, run.steps[0].detail


def test_todays_row_typed_ahead_asks_for_no_download_either(tmp_path, monkeypatch):
    """The month's dates typed ahead on 日报, today's among them: the same advice, after 'only its date'."""
    import openpyxl

    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 23))
    shop = demo_like_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.folder / "kpi.xlsx")
    wb["日报"].append([dt.datetime(2026, 11, 23)])
    wb.save(shop.folder / "kpi.xlsx")
    run = workflow.run_daily(shop, dt.date(2026, 11, 23), send=False, steps_only=("kpi",))
    assert run.steps[0].detail.startswith("2026-11-23 是今天，还没有过完") and ADVICE not in run.steps[0].detail, \
        run.steps[0].detail
