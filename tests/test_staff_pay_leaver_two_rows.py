"""QA: 小美 had a raise from 11-10 (a second 绩效 row, 起始日期 2026-11-10, the old row kept) and left on 11-20.
`staff pay` said her base twice, two ways: a note at the raise row '底薪按天折算 … 本月底薪 ¥3,210.00' and a warning
at its 底薪 'whole month ¥3,210.00 (按天折算是 ¥2,110.00) … 请把底薪改为本月应发的数'. Typing ¥2,110.00 into that
底薪, as told, paid ¥2,377.00: the month's base is worked out from both rows by their days. The warning now says the
one thing to type, the figure on each of the rows the month uses (which pays it exactly), and the note does not
say the base again; a leaver of one row in the month is told the figure on its 底薪."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.schema import StaffMember
from shopbook.staff.pay import month_pay

FIRST, LAST = dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def _rows(old: str, new: str, start: dt.date, left: dt.date) -> list[StaffMember]:
    return [StaffMember(name="小美", role="客服", base=D(old), active=False, left_on=left, row=2),
            StaffMember(name="小美", role="客服", base=D(new), start=start, row=3)]


def test_a_leaver_with_a_raise_in_the_month_is_told_the_figure_for_both_rows_and_it_pays_it():
    people, issues = month_pay(_rows("3000", "3300", dt.date(2026, 11, 10), dt.date(2026, 11, 20)), [], [], FIRST, LAST)
    assert [p.base for p in people] == [D("3210.00")]
    [w] = [i for i in issues if i.field == "base"]
    assert w.row == 3 and w.severity == "warning"
    assert "请把第 2 行、第 3 行的底薪都改为 ¥2,110.00" in w.message_zh, w.message_zh
    assert "set the base of row 2 and row 3 each to ¥2,110.00" in w.message_en, w.message_en
    assert sum("3,210.00" in i.message_zh for i in issues) == 1, [i.message_zh for i in issues]  # said once
    # as told: each row's 底薪 2110 → paid ¥2,110.00 (the one row alone, as the advice said before: ¥2,377.00)
    assert [p.base for p in month_pay(_rows("2110", "2110", dt.date(2026, 11, 10), dt.date(2026, 11, 20)), [], [],
                                      FIRST, LAST)[0]] == [D("2110.00")]
    assert [p.base for p in month_pay(_rows("3000", "2110", dt.date(2026, 11, 10), dt.date(2026, 11, 20)), [], [],
                                      FIRST, LAST)[0]] == [D("2377.00")]


def test_a_leaver_whose_raise_was_before_the_month_is_told_the_figure_on_the_row_in_force():
    _, issues = month_pay(_rows("3000", "3300", dt.date(2026, 9, 1), dt.date(2026, 11, 15)), [], [], FIRST, LAST)
    [w] = [i for i in issues if i.field == "base"]
    assert w.row == 3 and "请把底薪改为 ¥1,650.00" in w.message_zh and "第 2 行" not in w.message_zh, w.message_zh
    assert "set the base to ¥1,650.00" in w.message_en, w.message_en


def test_two_rows_of_one_base_in_the_month_are_told_the_figure_for_both():
    """From the review: the commission changed on 11-10 (two rows, one base 3000), left 11-20. The one-row advice (set
    the base to ¥2,000.00) typed on one row paid ¥2,300.00: the base is worked out from both rows by their days."""
    rows = _rows("3000", "3000", dt.date(2026, 11, 10), dt.date(2026, 11, 20))
    [w] = [i for i in month_pay(rows, [], [], FIRST, LAST)[1] if i.field == "base"]
    assert "请把第 2 行、第 3 行的底薪都改为 ¥2,000.00" in w.message_zh, w.message_zh
    assert [p.base for p in month_pay(_rows("2000", "2000", dt.date(2026, 11, 10), dt.date(2026, 11, 20)), [], [],
                                      FIRST, LAST)[0]] == [D("2000.00")]
