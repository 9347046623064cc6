"""QA: the daily group message cuts the problems at five, '… 还有 N 个问题（见日报）' after them. A problem line
that is a step's own cut line (the inbox import's '… 还有 25 行没有导入：…', the 生意参谋 import's '… 25 more: …')
was counted as one: '… 还有 7 个问题' where 31 were left out. It counts as the number it says, in the message
and where the bot's length limit cuts it again."""

import datetime as dt

from shopbook.report import bots
from shopbook.report.daily import DailySummary


def test_a_cut_line_among_the_problems_left_out_counts_as_its_number():
    # as report.workflow words them: ten refused lines of an inbox file, then its cut line, then another step's
    problems = [f"导入 inbox：订单.csv › 第 {i} 行 › 数量 不是整数" for i in range(2, 12)]
    problems += ["… 还有 25 行没有导入：文件留在 inbox/，用 shopbook orders import 店铺 inbox/订单.csv 查看全部",
                 "同步副本：D:/备份 没有更新"]
    s = DailySummary("店", dt.date(2026, 11, 20), "zh", problems=problems)
    todo = bots.daily_summary(s).todo
    assert todo[:5] == problems[:5] and todo[5] == "… 还有 31 个问题（见日报）", todo
    en = DailySummary("Shop", dt.date(2026, 11, 20), "en", problems=[f"KPI: row {i}" for i in range(5)] + [
        "… 12 more: shopbook kpi import shop inbox/a.xls lists them all"])
    assert bots.daily_summary(en).todo[-1] == "… 12 more problems (see the daily report)"


def test_the_length_cut_counts_a_shown_cut_line_as_its_number():
    problems = ["导入 inbox：" + "很长的问题" * 200 + f" {i}" for i in range(4)]
    problems.insert(2, "… 还有 40 行没有导入：文件留在 inbox/")
    s = bots.daily_summary(DailySummary("店", dt.date(2026, 11, 20), "zh", problems=problems))
    lines = bots.payload("wecom", s)["markdown"]["content"].split("\n")
    kept = [p for p in problems if f"- {p}" in lines]
    assert problems[2] not in kept, lines
    left = sum(40 if p == problems[2] else 1 for p in problems if p not in kept)
    assert lines[-1] == f"- … 还有 {left} 项待办（见日报）", lines[-2:]
