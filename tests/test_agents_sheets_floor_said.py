"""QA: a tier's 最低零售折扣 typed below 7 折 (0.6) was said by `validate` alone: `agents sheets` wrote every price sheet
with ✓, each listing floor retail prices at 6 折 for the agents to sell at, and its button the same. Now the sheets
are made and the floor is said after them, located, in the shop's language; the sheets of an agent whose tier keeps
its floor at 7 折 say nothing."""

from __future__ import annotations

from decimal import Decimal as D

from cli_run import shopbook

from shopbook.agents.workflow import price_sheets
from shopbook.schema import AGENTS, STOCK, Agent, Product, Tier
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def test_a_floor_below_7_zhe_is_said_by_the_sheets_that_carry_it(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {
        Product: [Product(sku="P1", name="Shirt", cost=D(40), price=D(100), opening_qty=10)]}, keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "en", {
        Agent: [Agent(agent_id="DL001", name="Zhang", tier="Gold"), Agent(agent_id="DL002", name="Li", tier="Silver")],
        Tier: [Tier(tier="Gold", discount=D("0.55"), floor=D("0.6")), Tier(tier="Silver", discount=D("0.65"))]},
        keep_backup=False)
    run = shopbook("agents", "sheets", folder)
    assert run.returncode == 0, run.stderr
    out = " ".join(run.stdout.split())
    assert out.count("✓") == 2
    assert ("! agents.xlsx › Tiers › C2: Tier 'Gold': its floor 0.6 is below 0.7: the price sheets would let its agents "
            "sell below 70 % of the list price") in out
    assert "Silver" not in out and not any("\u4e00" <= ch <= "\u9fff" for ch in out.split("Tiers")[1])
    assert price_sheets(open_shop(folder), "DL002").warnings == []  # Silver's floor is shopbook.toml's 0.7
    assert [i.cell for i in price_sheets(open_shop(folder), "DL001").warnings] == ["C2"]


def test_agents_email_says_the_floor_of_the_sheets_it_sends(tmp_path):
    """(review) `agents email` makes the same price sheets and sends them to the agents: the floor below 7 折 was said
    by `agents sheets` alone. It is among what the run says before the first message goes."""
    from shopbook.agents.workflow import email_agents

    folder = tmp_path / "shop"
    init_shop(folder, "en")
    write_workbook(folder / "stock.xlsx", STOCK, "en", {
        Product: [Product(sku="P1", name="Shirt", cost=D(40), price=D(100), opening_qty=10)]}, keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "en", {
        Agent: [Agent(agent_id="DL001", name="Zhang", tier="Gold", email="zhang@example.com")],
        Tier: [Tier(tier="Gold", discount=D("0.55"), floor=D("0.6"))]}, keep_backup=False)
    seen = []

    class Stop(Exception):
        pass

    def before_sending(mail):
        seen.extend(mail.issues)
        raise Stop

    try:
        email_agents(open_shop(folder), "2026-11", before_sending)
    except Stop:
        pass
    assert [(i.sheet, i.cell) for i in seen if "below 0.7" in i.message_en] == [("Tiers", "C2")], seen
