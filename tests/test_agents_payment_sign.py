"""Agents: a 收款 typed with a minus, as a person slips (or as money really paid back to the agent)."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_agents import D, shop  # noqa: F401 — the fixture

from shopbook.agents.workflow import settle_month
from shopbook.schema import AGENTS
from shopbook.validate import validate_path


def test_a_payment_typed_negative_is_said_at_its_cell_unless_its_note_says_it_was_paid_back(shop):  # noqa: F811
    """DL002 paid 800.00 and it was typed -800.00: its statement billed 1,600.00 more than it owes (the payment
    taken off twice over, shown as 已收款 800.00), and nothing was said. Now that cell is a warning in `settle`
    and `validate`, with what to do; a negative row whose 备注 says the money went back (退还多付款), or a bank fee the agent bears (银行手续费), is
    as before."""
    path = shop.path(AGENTS)
    wb = openpyxl.load_workbook(path)
    ws = wb["收款"]
    head = [c.value for c in ws[1]]
    for day, agent, amount, note in ((dt.datetime(2026, 11, 20), "DL002", -800, "货款"),
                                     (dt.datetime(2026, 11, 21), "DL001", -50, "退还多付款"),
                                     (dt.datetime(2026, 11, 22), "DL001", -5, "银行手续费")):
        ws.append([{"日期": day, "代理编号": agent, "金额": amount, "备注": note}.get(h) for h in head])
    wb.save(path)
    row = ws.max_row - 2
    res = settle_month(shop, "2026-11")
    st = {s.agent_id: s for s in res.statements}
    assert st["DL002"].paid == D("3200.00") and st["DL001"].paid == D("945.00")  # billed as typed, never changed
    said = [i for s in res.statements for i in s.issues if i.sheet == "收款"]
    assert [(i.cell, i.severity) for i in said] == [(f"C{row}", "warning")] and "800" in str(said[0].value)
    assert "去掉负号" in said[0].message_zh and "1,600.00" not in said[0].message_zh and "800.00" in said[0].message_zh
    assert "remove the minus" in said[0].message_en
    checked = [i for i in validate_path(path).issues if i.sheet == "收款"]
    assert [(i.cell, i.severity) for i in checked] == [(f"C{row}", "warning")]
