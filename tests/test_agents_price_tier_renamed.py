"""QA: a tier renamed on 等级 (金牌 → 金牌代理) and on 代理商, its 代理价 rows left at 金牌: the error said "等级“金牌”不存在。
是不是“金牌代理”？请在“等级”表中添加它。", and a 金牌 tier added back as told made the sheets with ✓, the special prices on
a tier no agent has, never billed to the 金牌代理 agents. Now such a row (no tier's and no agent's) is told to take the
renamed tier; a tier an agent still has, one far from any (铜牌), and one differing in width alone keep their errors."""

from __future__ import annotations

from decimal import Decimal as D

from shopbook.agents.prices import check_price_tiers
from shopbook.io.reader import locate_in, read_workbook
from shopbook.schema import AGENTS, Agent, AgentPrice, Tier
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def test_a_price_row_of_a_renamed_tier_is_told_to_take_the_new_name(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "agents.xlsx", AGENTS, "en", {
        Agent: [Agent(agent_id="DL001", name="Zhang", tier="金牌代理"), Agent(agent_id="DL002", name="Li", tier="银牌")],
        Tier: [Tier(tier="金牌代理", discount=D("0.55")), Tier(tier="银牌", discount=D("0.65"))],
        AgentPrice: [AgentPrice(sku="P1", tier="金牌", price=D("25.43")), AgentPrice(sku="P1", tier="铜牌", price=D(30)),
                     AgentPrice(sku="P1", tier="ＶＩＰ", price=D(30))]}, keep_backup=False)
    aw = read_workbook(folder / "agents.xlsx", AGENTS, (Agent, Tier, AgentPrice))
    said = locate_in([aw], check_price_tiers(aw.rows(AgentPrice), aw.keys(Tier, "tier"), aw.rows(Agent)))
    assert [(i.cell, i.message_en) for i in said] == [
        ("B2", "Tier '金牌' does not exist and no agent has it: was it renamed '金牌代理'? If so, change this row's tier to "
               "'金牌代理' (adding '金牌' back on the Tiers sheet would leave this price off the agents of '金牌代理')."),
        ("B3", "Tier '铜牌' does not exist. Add it to the Tiers sheet."),
        ("B4", "Tier 'ＶＩＰ' does not exist. Add it to the Tiers sheet.")]
    assert said[0].message_zh.startswith("等级“金牌”不存在，也没有代理是这个等级：是不是改名成了“金牌代理”？是的话请把这一行的等级改成“金牌代理”")
