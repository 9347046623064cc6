"""Agents: a month settled while it runs (December on 12-05) is a statement to today, as it says."""

from __future__ import annotations

import datetime as dt

from test_agents import D, line

from shopbook.agents.settlement import settle
from shopbook.schema import Payment


def test_a_statement_to_today_leaves_out_what_is_dated_after_today_and_says_it(monkeypatch):
    """December settled on 12-05 said "only the shipments, returns and payments up to today" yet billed an
    order shipped 12-14 (11-14 typed as 12-14) and took off a payment dated 12-20, which the warning at
    that payment said was on no statement: the agent paid from a statement that was neither. Now each waits
    for its day, and the order's 发货日期 is a warning at its cell, once an order."""
    class Day(dt.date):  # today is 12-05 for settle, as `agents settle` runs it (no `today` given)
        @classmethod
        def today(cls):
            return cls(2026, 12, 5)

    from shopbook.agents import settlement

    monkeypatch.setattr(settlement, "dt", type("dt", (), {"date": Day, "datetime": dt.datetime,
                                                          "timedelta": dt.timedelta}))
    lines = [line("DL001-X1", "DL001", "P1", 1, "55.00", shipped=dt.date(2026, 12, 3)),
             line("DL001-X2", "DL001", "P1", 2, "55.00", shipped=dt.date(2026, 12, 14)),
             line("DL001-X2", "DL001", "P2", 1, "105.00", shipped=dt.date(2026, 12, 14))]
    pays = [Payment(date=dt.date(2026, 12, 2), agent_id="DL001", amount=D("100.00")),
            Payment(date=dt.date(2026, 12, 20), agent_id="DL001", amount=D("300.00"))]
    st = settle("DL001", "张代理", "2026-12", dt.date(2026, 12, 1), dt.date(2026, 12, 31), lines, [], pays, [],
                D("5.00"), None, {})
    assert [x.order_no for x in st.lines] == ["DL001-X1"] and st.orders == 1
    assert (st.goods, st.shipping, st.paid, st.balance) == (D("55.00"), D("5.00"), D("100.00"), D("-40.00"))
    said = [i for i in st.issues if i.field == "shipped_on"]
    assert len(said) == 1 and "DL001-X2" in said[0].message_zh and "2026-12-14" in said[0].message_en
    # the month over, the same books: every line and payment of it
    st = settle("DL001", "张代理", "2026-12", dt.date(2026, 12, 1), dt.date(2026, 12, 31), lines, [], pays, [],
                D("5.00"), None, {}, today=dt.date(2027, 1, 2))
    assert (st.goods, st.shipping, st.paid) == (D("270.00"), D("10.00"), D("400.00"))
    assert not [i for i in st.issues if i.field == "shipped_on"]
