"""QA: 小美 left on 11-10 and was taken back on 11-20 (a second row of her name from 11-20, its 起始日期): the 9
days away were paid in her base all the same, at the first row's ¥3,000 (a row is in force until the next one
begins), and nothing said so but a note that the new row is in force from 11-20, as for a raise; with a new base
of ¥3,300 the month's base was a blend, ¥3,110.00, said as a change of pay. Now it is said at the new row's 底薪:
who, the days away at which base, the base for the days worked only and what to type for it; and a leaver who
comes back and leaves again is counted the days worked, not those away."""

from __future__ import annotations

import datetime as dt

import pytest
from test_staff_pay import LINES, NOV1, NOV30, STAFF, D

from shopbook.staff.pay import month_pay

LEFT = STAFF[0].model_copy(update={"left_on": dt.date(2026, 11, 10), "row": 2})


def _back(base: str, **kw):
    return STAFF[0].model_copy(update={"start": dt.date(2026, 11, 20), "base": D(base), "row": 3, **kw})


@pytest.mark.parametrize("base, month_base, worked_base", [("3000.00", "3000.00", "2100.00"),
                                                            ("3300.00", "3110.00", "2210.00")])
def test_days_between_leaving_and_coming_back_are_said_with_the_base_for_the_days_worked(base, month_base,
                                                                                        worked_base):
    people, issues = month_pay([LEFT, _back(base), STAFF[1]], LINES, [], NOV1, NOV30)
    assert next(p for p in people if p.name == "小美").base == D(month_base)
    (i,) = [i for i in issues if i.row == 3]
    assert (i.field, i.severity) == ("base", "warning")
    assert "小美 2026-11-10 离职、2026-11-20 回来：11-11 至 11-19 这 9 天没有上班" in i.message_zh
    assert "第 2 行的 ¥3,000.00" in i.message_zh and f"本月底薪 ¥{D(month_base):,.2f}" in i.message_zh
    assert f"只算上班的 21 天是 ¥{D(worked_base):,.2f}" in i.message_zh
    # no way to type said (a base set for the booking and set back left the booked line an error): the decision
    assert "请把" not in i.message_zh and "是否照发，请店长决定" in i.message_zh
    assert "set the base" not in i.message_en and "owner's decision" in i.message_en
    assert "left on 2026-11-10 and came back on 2026-11-20: the 9 days 11-11 to 11-19 away" in i.message_en
    assert f"for the 21 days worked only it is ¥{D(worked_base):,.2f}" in i.message_en
    # a base typed for the days worked makes the month's base that figure
    typed = [LEFT.model_copy(update={"base": D(worked_base)}), _back(worked_base), STAFF[1]]
    people, _ = month_pay(typed, LINES, [], NOV1, NOV30)
    assert next(p for p in people if p.name == "小美").base == D(worked_base)


def test_a_leaver_back_and_leaving_again_is_counted_the_days_worked():
    people, issues = month_pay([LEFT, _back("3000.00", left_on=dt.date(2026, 11, 25)), STAFF[1]], LINES, [],
                               NOV1, NOV30)
    said = [i.message_zh for i in issues if i.row == 3]
    assert any("11-11 至 11-19 这 9 天没有上班" in m for m in said), said
    (left,) = [m for m in said if "2026-11-25 离职" in m]
    assert "本月 30 天做了 16 天" in left and "¥1,600.00" in left  # 11-01..11-10 and 11-20..11-25
