"""A date written with its year last (5/12/2026, as a day-first or a month-first Excel or a CSV re-saved
in one writes it) was "not a date: enter 2026-11-03" (qa-validate4): the person did not learn what was
wrong with a date they could read. It now says the year is last, and gives the day(s) it can be, year
first, to type the one meant: never a guess between 5 December and 12 May."""

from __future__ import annotations

from blank_books import ledger_with_alipay

from shopbook.validate import validate_path


def test_a_date_with_its_year_last_says_which_days_it_can_be(tmp_path):
    path, wb = ledger_with_alipay(tmp_path)
    ws = wb["流水"]
    for r, day in enumerate(["5/11/2026", "21/11/2026", "11/21/2026 14:30"], start=2):
        for c, v in enumerate([day, "支出", "快递费", 12, "支付宝"], start=1):
            ws.cell(r, c, v)
    wb.save(path)
    said = [(i.cell, i.message_zh, i.message_en) for i in validate_path(path).issues]
    assert said == [
        ("A2", "日期“5/11/2026”的年份写在最后，shopbook 不猜哪个数是月份：请年份在前写成 2026-11-05 或 2026-05-11（哪天就填哪个）。",
         ("The date '5/11/2026' has its year last, and shopbook does not guess which number is the month: enter it "
          "year first, as 2026-11-05 or 2026-05-11 (whichever day it is).")),
        ("A3", "日期“21/11/2026”的年份写在最后：请年份在前写成 2026-11-21。",
         "The date '21/11/2026' has its year last: enter it year first, as 2026-11-21."),
        ("A4", "日期“11/21/2026 14:30”的年份写在最后：请年份在前写成 2026-11-21 14:30。",
         "The date '11/21/2026 14:30' has its year last: enter it year first, as 2026-11-21 14:30."),
    ], said
