"""SB_BALANCE("支付宝", a day still to come) answered today's balance (with any line typed ahead, 2027 for 2026,
counted as if it had happened) and did not say so: a cash plan's column of next month's days showed the same
figure on each as if known. A day after today is #VALUE! (as SB_STOCK refuses it), today's is the balance of the
omitted date, and a past day's its own."""

from __future__ import annotations

import datetime as dt

from test_addin_udf_calls import MISSING, call_udf, mod  # noqa: F401  (mod: its fixture)
from test_functions import Caller


def test_a_balance_as_of_a_day_to_come_is_refused(mod, demo_copy):
    caller = Caller(demo_copy / "ledger.xlsx")
    now = dt.datetime.combine(dt.date.today(), dt.time())
    omitted = call_udf(mod, "SB_BALANCE", ["支付宝", MISSING, None], caller)
    assert isinstance(omitted[0][0], float), omitted
    assert call_udf(mod, "SB_BALANCE", ["支付宝", now, None], caller) == omitted
    assert call_udf(mod, "SB_BALANCE", ["支付宝", now + dt.timedelta(days=1), None], caller) == [["#VALUE!"]]
    assert call_udf(mod, "SB_BALANCE", ["支付宝", "2099-01-01", None], caller) == [["#VALUE!"]]  # typed as text
    # a column of days: each its own, the days to come refused
    days = ((now - dt.timedelta(days=1),), (now,), (now + dt.timedelta(days=31),))
    column = call_udf(mod, "SB_BALANCE", ["支付宝", days, None], caller)
    assert column[1] == omitted[0] and column[2] == ["#VALUE!"] and isinstance(column[0][0], float), column
