"""QA: a tier renamed on 等级 (金牌 → 金牌代理) with a 代理价 row left at 金牌 stopped `agents sheets --agent DL002`
for an agent of 银牌, whose sheet that row never prices: the shop could send no agent a sheet until it was fixed.
That row now stops the sheets of 金牌代理's agents alone (their special price would be missing from the sheet);
another agent's sheet is made."""

from __future__ import annotations

from decimal import Decimal as D

from cli_run import flat, shopbook
from shopbook.schema import AGENTS, STOCK, Agent, AgentPrice, Product, Tier
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

LEFT_BEHIND = [AgentPrice(sku="P1", tier="金牌", price=D("25.43"))]  # a 代理价 row left on the tier's old name


def two_tier_shop(tmp_path, agents: list[Agent], tiers: tuple[str, str], prices=()):
    """An English shop of `agents`, on the two `tiers` (0.55 and 0.65 of the price), with 代理价 `prices` of its one
    product, P1 (cost 20, price 100): its folder."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "agents.xlsx", AGENTS, "en", {
        Agent: agents, Tier: [Tier(tier=tiers[0], discount=D("0.55")), Tier(tier=tiers[1], discount=D("0.65"))],
        AgentPrice: list(prices)}, keep_backup=False)
    write_workbook(folder / "stock.xlsx", STOCK, "en", {
        Product: [Product(sku="P1", name="Shirt", cost=D(20), price=D(100), opening_qty=10)]}, keep_backup=False)
    return folder


def test_a_row_left_on_a_renamed_tier_stops_its_agents_sheet_alone(tmp_path):
    folder = two_tier_shop(tmp_path, [Agent(agent_id="DL001", name="Zhang", tier="金牌代理"),
                                      Agent(agent_id="DL002", name="Li", tier="银牌")], ("金牌代理", "银牌"), LEFT_BEHIND)
    li = shopbook("agents", "sheets", folder, "--agent", "DL002")
    assert li.returncode == 0, li.stdout + li.stderr
    assert (folder / "reports" / "agents" / "DL002-Li-prices.xlsx").exists()
    zhang = shopbook("agents", "sheets", folder, "--agent", "DL001")
    assert zhang.returncode != 0
    assert "wasitrenamed'金牌代理'" in flat(zhang.stdout + zhang.stderr)
    assert not (folder / "reports" / "agents" / "DL001-Zhang-prices.xlsx").exists()


def test_an_agent_with_its_tier_dated_still_stops_on_it(tmp_path):
    """Its sheet lists the tier before until its 等级起始日期 (known from the settled months alone): the row may be its."""
    import datetime as dt

    folder = two_tier_shop(tmp_path, [
        Agent(agent_id="DL001", name="Zhang", tier="金牌代理"),
        Agent(agent_id="DL002", name="Li", tier="银牌", tier_from=dt.date.today() + dt.timedelta(days=9))],
        ("金牌代理", "银牌"), LEFT_BEHIND)
    li = shopbook("agents", "sheets", folder, "--agent", "DL002")
    assert li.returncode != 0 and "wasitrenamed'金牌代理'" in flat(li.stdout + li.stderr)
