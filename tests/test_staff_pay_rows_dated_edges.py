"""A 绩效 row dated (起始日期) is a person working from that day: a newcomer whose first row starts after the month is
not paid that month (was: the whole 底薪, no note), and a person rehired on a new row, the old row 在职 否 with its
离职日期, is paid from the new row's day (was: the old 离职日期 carried over, left out of the month, unsaid)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.schema import StaffMember
from shopbook.staff import pay as P

FIRST, LAST = dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def member(**cells) -> StaffMember:
    return StaffMember.from_cells({"role": "仓库", "pay_account": "银行", **cells})


def test_a_newcomer_of_next_month_is_not_paid_this_month():
    staff = [member(name="李", base=Decimal(2800)), member(name="新人", base=Decimal(3000), start=dt.date(2026, 12, 1))]
    people, _ = P.month_pay(staff, [], [], FIRST, LAST)
    assert [(p.name, p.base) for p in people] == [("李", Decimal(2800))]


def test_a_person_rehired_on_a_new_row_is_paid_from_it():
    staff = [member(name="李", base=Decimal(2800), active=False, left_on=dt.date(2026, 6, 30)),
             member(name="李", base=Decimal(3000), active=True, start=dt.date(2026, 11, 1))]
    people, _ = P.month_pay(staff, [], [], FIRST, LAST)
    assert [(p.name, p.base) for p in people] == [("李", Decimal(3000))]
