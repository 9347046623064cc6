"""A year's statement (every day's fees, a line a sale) beside a year of rows booked by hand without numbers, none on a
line's own day: each row not matched added every kind's lines up again (and the rows near each line looked at every
other line near each of them), minutes for a year. The lines are held, none booked, none guessed, each said with the rows
near it and how many in all. (How long a year of them takes: benchmarks/run.py money, "rows a day off".)"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

from shopbook.money.alipay import Statement, StatementLine
from shopbook.money.reconcile import reconcile_alipay
from shopbook.schema import Direction, Entry


def test_a_statement_of_many_lines_beside_as_many_rows_a_day_off_is_held_each_said_with_the_rows_near_it():
    start, lines, rows = dt.datetime(2026, 1, 1), [], []
    for day in range(0, 120, 2):  # (the lines on even days, the rows a day after: never a line's own day)
        for k in range(60):
            n = len(lines) + 1
            lines.append(StatementLine(n, f"T{n}", f"B{n}", "", start + dt.timedelta(days=day, minutes=k), D("-0.59"),
                                       None, "收费", "tmall", "技术服务费", ""))
            rows.append(Entry(date=(start + dt.timedelta(days=day + 1)).date(), direction=Direction.OUT,
                              category="平台服务费", amount=D("0.59"), account="支付宝", row=n + 1))
    st = Statement(Path("2088_账务明细.csv"), lines=lines, period=(dt.date(2026, 1, 1), dt.date(2026, 4, 30)))
    res = reconcile_alipay(st, rows, "支付宝")
    assert len(res.doubtful) == len(lines) and res.proposed == [] and res.matched == []
    near = res.near_held[id(lines[100])]  # (each said with the rows near it: five named, of 180 on days 1, 3 and 5)
    assert (len(near.rows), near.n_rows, len(near.others), near.n_others) == (5, 180, 5, 299)
