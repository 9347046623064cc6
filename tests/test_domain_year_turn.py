"""The year turns in 26 days (2026-12-31 → 2027-01-01): the date rules a December close and the first
January runs lean on, pinned (in-process: the functions the commands call). 2026 has an ISO week 53,
Monday 12-28 to Sunday 2027-01-03."""

from __future__ import annotations

import datetime as dt

from shopbook.kpi.metrics import default_judged_from, week_key
from shopbook.money.ledger import month_before
from shopbook.periods import read_period
from shopbook.report.monthly import period_bounds
from shopbook.staff.typed import months_said

NEW_YEAR = dt.date(2027, 1, 1)
DECEMBER = 2026 * 12 + 11  # (staff.typed counts months as year × 12 + month − 1)


def test_december_and_week_53_across_the_new_year():
    assert read_period("2026-12").bounds == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert read_period("2026-W53").exists and read_period("2027-W53").exists is False
    assert [week_key(d) for d in (dt.date(2026, 12, 28), NEW_YEAR, dt.date(2027, 1, 3), dt.date(2027, 1, 4))] == \
        ["2026-W53", "2026-W53", "2026-W53", "2027-W01"]
    # the reviews' defaults: the last whole month and week
    assert period_bounds("monthly", None, NEW_YEAR) == ("2026-12", dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert period_bounds("weekly", None, NEW_YEAR)[0] == "2026-W52"  # W53 is not over on 01-01
    assert period_bounds("weekly", None, dt.date(2027, 1, 4)) == ("2026-W53", dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert month_before(NEW_YEAR) == "2026-12" and month_before(dt.date(2026, 12, 31)) == "2026-11"
    # a shop whose figures begin on the year's last day is judged by the default target from its third month
    assert default_judged_from(dt.date(2026, 12, 31)) == dt.date(2027, 2, 28)
    # December's pay noted in words and paid in January is December's
    assert months_said("12月工资", dt.date(2027, 1, 5)) == {DECEMBER} == months_said("上月工资", dt.date(2027, 1, 5))
