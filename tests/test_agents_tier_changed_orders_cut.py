"""QA: an agent's tier changed since last month was settled (金牌 → 银牌, no 等级起始日期): the note on its
statement named every order of the month priced at the new tier ("本月订单 D01、D02、…" for all 30), the agent's
statement one long line. It names the first 8 now, then how many more and where they are (the statement's 发货明细)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.agents.workflow import settle_month
from shopbook.schema import AGENTS, Agent, Tier
from shopbook.workbook_builder import write_workbook
from test_agents_settlement import line, make_shop

D = Decimal


def test_the_orders_priced_at_a_new_tier_are_cut(tmp_path):
    tiers = [Tier(tier="金牌", discount=D("0.55")), Tier(tier="银牌", discount=D("0.65"))]
    dec = [line(f"D{i:02d}", "A", 1, None, shipped=dt.date(2026, 12, 1)) for i in range(1, 31)]
    shop = make_shop(tmp_path, lines=[line("N1", "A", 1, None, shipped=dt.date(2026, 11, 3)), *dec], tiers=tiers)
    settle_month(shop, "2026-11")
    write_workbook(shop.path(AGENTS), AGENTS, "zh", {
        Agent: [Agent(agent_id="DL1", name="甲", tier="银牌", email="jia@agent.test")], Tier: tiers},
        keep_backup=False)
    (st,) = settle_month(shop, "2026-12").statements
    [(zh, en)] = [n for n in st.notes if "银牌" in n[0]]
    assert "D01、D02、D03、D04、D05、D06、D07、D08 等，还有 22 个（都在本对账单的发货明细里）" in zh and "D09" not in zh
    assert "D01, D02, D03, D04, D05, D06, D07, D08 and 22 more (all on this statement's Shipped list)" in en
    assert "D09" not in en
