"""An agent's 等级 dated (等级起始日期 2025-11-16) with no month settled before it: which tier an order placed before
the change was at is on no record. `agents settle` stops at that order's 单价 and asks; the P&L's shipped margin
counted it at the agent's tier now (金牌 27.50 where it may have been 银牌 32.50) with a ✓ and not a word. Now the
margin says it, at the order's 单价 cell, on screen and on the report's 毛利 sheet, in the shop's language.

Product A lists 50.00: 金牌 0.55 → 27.50."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.money.workflow import ledger_report
from shopbook.schema import Agent, OrderLine
from shopbook.shop import open_shop
from test_agents_settlement import make_shop
from test_agents_tier_mid_month import TIERS, _dated, ordered

D = Decimal
d = dt.date
COL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.name for c in OrderLine.columns()].index("unit_price")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_order_before_a_dated_tier_with_no_record_of_the_tier_before_is_said_where_the_margin_counts_it(
        tmp_path, lang):
    shop = make_shop(tmp_path, settings=[("shop", "language", f'"{lang}"')], tiers=TIERS,
                     agents=[Agent(agent_id="DL1", name="甲", tier="银牌")],
                     lines=[ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11)),  # before the change: tier unknown
                            ordered("DL1-003", d(2025, 11, 20), d(2025, 11, 21))])  # after it: 金牌, known
    _dated(shop, "金牌", d(2025, 11, 16))
    _, margin, path = ledger_report(open_shop(shop.folder), "2025-11")
    assert margin.revenue == D("55.00")  # both at 金牌 now, the only price there is …
    (w,) = margin.tier_unknown  # … but the first said, the second not
    assert (w.severity, w.sheet, w.row, w.field) == ("warning", "订单", 2, "unit_price")
    assert "DL1-002" in w.message_zh and "2025-11-16" in w.message_zh and "27.50" in w.message_zh
    assert "DL1-002" in w.message_en and "27.50" in w.message_en and "no record" in w.message_en
    # the report file, in the shop's language
    ws = openpyxl.load_workbook(path)["毛利" if lang == "zh" else "Gross margin"]
    texts = [str(c.value) for r in ws.iter_rows() for c in r if c.value is not None]
    said = [t for t in texts if "DL1-002" in t and ("下单时的代理价" in t or "price it was ordered at" in t)]
    assert len(said) == 1 and ("填上它下单时的代理价" in said[0] if lang == "zh" else "Type the agent" in said[0]), texts
    # the command line: said where the margin is, located, in the shop's language; and in --json
    r = shopbook("ledger", shop.folder, "--month", "2025-11")
    out = flat(r.stdout + r.stderr)
    assert f"订单!{COL}2" in out or f"订单›{COL}2" in out or f"{COL}2" in out, out
    assert "DL1-002" in out and (("下单时的代理价" in out) if lang == "zh" else ("agentpriceitwasorderedat" in out)), out
    r = shopbook("ledger", shop.folder, "--month", "2025-11", "--json")
    assert [i["row"] for i in json.loads(r.stdout)["tier_unknown"]] == [2], r.stdout


def test_a_tier_before_on_record_is_not_said(tmp_path):
    from shopbook.agents.workflow import settle_month

    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="银牌")],
                     lines=[ordered("DL1-001", d(2025, 10, 9), d(2025, 10, 10)),
                            ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11))])
    settle_month(shop, "2025-10")
    _dated(shop, "金牌", d(2025, 11, 16))
    _, margin, _ = ledger_report(open_shop(shop.folder), "2025-11")
    assert margin.revenue == D("32.50") and margin.tier_unknown == []
