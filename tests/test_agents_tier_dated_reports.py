"""An agent's 等级 dated (等级起始日期) mid-month, its month not yet settled: the P&L's shipped margin (and every
report that counts an agent's line with a blank 单价 at the agent's price: agents.prices.billed_price) priced
an order placed before the change at the agent's 等级 now, where `agents settle` bills it at the tier before
(as the last month settled recorded it). The month's revenue read 27.50 for an order its statement then
billed 32.50. Now the reports price it as the statement does.

Product A lists 50.00: 金牌 0.55 → 27.50, 银牌 0.65 → 32.50."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.agents.workflow import settle_month
from shopbook.money.workflow import ledger_report
from shopbook.schema import Agent
from shopbook.shop import open_shop
from test_agents_settlement import make_shop
from test_agents_tier_mid_month import TIERS, _dated, ordered

D = Decimal
d = dt.date


def test_the_margin_prices_an_order_placed_before_the_tier_changed_as_its_statement_bills_it(tmp_path):
    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="银牌")],
                     lines=[ordered("DL1-001", d(2025, 10, 9), d(2025, 10, 10)),
                            ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11)),  # before the change: 银牌
                            ordered("DL1-003", d(2025, 11, 20), d(2025, 11, 21))])  # after it: 金牌
    assert settle_month(shop, "2025-10").statements[0].goods == D("32.50")
    _dated(shop, "金牌", d(2025, 11, 16))
    _, margin, _ = ledger_report(open_shop(shop.folder), "2025-11")  # November not settled yet: 单价 blank
    assert margin.revenue == D("60.00"), margin.revenue  # 32.50 + 27.50, not 27.50 × 2
    st = settle_month(open_shop(shop.folder), "2025-11").statements[0]
    assert st.goods + st.shipping == margin.revenue
    _, after, _ = ledger_report(open_shop(shop.folder), "2025-11")  # settled: the prices written in, the same
    assert after.revenue == margin.revenue


def test_an_order_after_the_change_or_of_an_undated_tier_is_at_the_tier_now(tmp_path):
    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="金牌")],
                     lines=[ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11)),
                            ordered("DL1-003", d(2025, 11, 20), d(2025, 11, 21))])
    _, margin, _ = ledger_report(shop, "2025-11")
    assert margin.revenue == D("55.00"), margin.revenue
