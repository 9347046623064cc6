"""The 月报 button over a month some of whose days have no figures said to fill them in "（shopbook kpi import，或 kpi.xlsx
的“日报”表）": a command line, in a box in Excel beside the 导入生意参谋… button. The box names that button; `report monthly`
and the review workbook's own note keep the command."""

from __future__ import annotations

import datetime as dt

import openpyxl

from blank_books import append_by_header, blank
from shopbook import xl
from shopbook.report.monthly import make_review
from shopbook.shop import init_shop, open_shop
from xlfake import FakeBook


def test_the_monthly_box_names_the_import_button_for_the_days_missing(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    path, wb = blank(folder, "kpi.xlsx")
    append_by_header(wb["日报"], [{"日期": dt.date(2026, 10, d), "浏览量": 300, "访客数": 100, "支付买家数": 3,
                                  "支付订单数": 3, "销售额": 297, "成交件数": 3} for d in (5, 6)])
    wb.save(path)

    rev, made, _ = make_review(open_shop(folder), "monthly", "2026-10")
    [cli] = [zh for mark, zh, _ in rev.said(made) if mark == "!" and "缺 25 天" in zh]
    assert "补上这些天的日报（shopbook kpi import，或 kpi.xlsx 的“日报”表），再生成一次。" in cli, cli

    book = FakeBook(folder / "kpi.xlsx")
    xl.monthly_report("2026-10", book)
    box = book.app.alerts[-1]
    [said] = [ln for ln in box["prompt"].splitlines() if "缺 25 天" in ln]
    assert "补上这些天的日报（按“导入生意参谋…”，或 kpi.xlsx 的“日报”表），再生成一次。" in said, said
    assert "shopbook" not in box["prompt"].replace(str(folder), ""), box["prompt"]
    note = openpyxl.load_workbook(made)["考核"]["A2"].value  # (the review's own note: the command, as it was)
    assert "shopbook kpi import" in note, note
