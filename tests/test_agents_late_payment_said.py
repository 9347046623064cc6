"""Agents: a payment typed in after its month was settled and sent (paid 11-20, typed in December), or one changed
since (200.00 typed for 20.00): the next statement's 上期结余 is not the balance last sent, and the note said only
'payments 0.00 → 2,000.00', the agent and the shop left to find which. The statement sent lists its payments: each
payment it lacks, or has that the month now lacks, is now named with its day and amount."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.agents.workflow import settle_month
from shopbook.schema import AGENTS, Payment
from test_agents_settlement import line, make_shop

D = Decimal
d = dt.date


def test_a_payment_typed_late_and_one_changed_are_named(tmp_path):
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 4, None, shipped=d(2026, 11, 5)),
                                      line("DL1-002", "A", 1, None, shipped=d(2026, 12, 2))],
                     payments=[Payment(date=d(2026, 11, 10), agent_id="DL1", amount=D("20.00"))])
    (nov,) = settle_month(shop, "2026-11").statements
    assert nov.balance == D("90.00")  # 4 × 27.50 less 20.00
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    ws = wb["收款"]
    assert ws["C2"].value == 20
    ws["C2"] = 200  # (20.00 retyped as 200.00)
    ws.append([dt.datetime(2026, 11, 20), "DL1", 50, "转账"])  # paid 11-20, typed in December
    wb.save(shop.path(AGENTS))
    (st,) = settle_month(shop, "2026-12").statements
    assert st.brought_forward == D("-140.00")
    zh, en = st.bf_note
    assert "2026-11：收款 20.00 → 250.00（2026-11-10 的收款 20.00 改成了 200.00；2026-11-20 的收款 50.00 是后来补录的）" in zh, zh
    assert ("2026-11: payments 20.00 → 250.00 (the payment of 20.00 on 2026-11-10 changed to 200.00; a payment of 50.00 "
            "on 2026-11-20 recorded since)") in en, en
    (said,) = [i for i in st.issues if "brought forward" in i.message_en]
    assert "a payment of 50.00 on 2026-11-20 recorded since" in said.message_en
    assert "2026-11-20 的收款 50.00 是后来补录的" in said.message_zh
