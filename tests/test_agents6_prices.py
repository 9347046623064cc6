"""Agents before 双12 (QA agents6): a price for the event's days typed as dated 代理价 rows."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_agents import D, shop  # noqa: F401 — the fixture

from shopbook.agents.workflow import _sheet_prices, price_sheets
from shopbook.io.reader import read_workbook
from shopbook.schema import AGENTS, Agent, AgentPrice, Payment, Rebate, Tier
from shopbook.workbook_builder import write_workbook


def test_a_price_sheet_says_the_event_price_and_the_day_the_old_one_is_back(shop):  # noqa: F811
    """P2/金牌 is 105.00; the boss adds 99.00 from the event's first day and 105.00 again from the day after it.
    The sheet said only '12-10 起 99.00': the agent read the 双12 price as the new price for good."""
    today = dt.date.today()
    begin, back = today + dt.timedelta(days=5), today + dt.timedelta(days=8)
    aw = read_workbook(shop.path(AGENTS), AGENTS)
    write_workbook(shop.path(AGENTS), AGENTS, "zh", {
        Agent: aw.rows(Agent), Tier: aw.rows(Tier), Rebate: aw.rows(Rebate), Payment: aw.rows(Payment),
        AgentPrice: aw.rows(AgentPrice) + [AgentPrice(sku="P2", tier="金牌", price=D("99.00"), start=begin),
                                           AgentPrice(sku="P2", tier="金牌", price=D("105.00"), start=back)]},
        keep_backup=False)
    [path] = price_sheets(shop, "DL001")
    rows = {r[0]: r for r in openpyxl.load_workbook(path)["价格表"].iter_rows(min_row=5, values_only=True)}
    assert rows["P2"][6] == 105 and rows["P2"][10] == f"{begin} 起 99.00；{back} 起 105.00"
    assert rows["P1"][10] is None  # no change ahead: the cell stays blank
    # the settlement's repricing check reads every change the sheet announced
    assert _sheet_prices(path)[2] == {"P2": {(begin, D("99.00")), (back, D("105.00"))}}


def test_one_agents_sheet_is_made_though_another_agent_or_tier_has_a_mistake(shop):  # noqa: F811
    """A new agent added with 等级 typed 银排, and a 银牌 price below cost: `agents sheets --agent DL001` (金牌)
    stopped on them, so the boss could not send DL001 its 双12 prices. They stop DL002's sheet and the run for all."""
    import pytest

    from shopbook.issues import DataStop

    aw = read_workbook(shop.path(AGENTS), AGENTS)
    write_workbook(shop.path(AGENTS), AGENTS, "zh", {
        Agent: [a if a.agent_id == "DL001" else a.model_copy(update={"tier": "银排"}) for a in aw.rows(Agent)],
        Tier: aw.rows(Tier), Rebate: aw.rows(Rebate), Payment: aw.rows(Payment),
        AgentPrice: aw.rows(AgentPrice) + [AgentPrice(sku="P1", tier="银牌", price=D("30.00"))]}, keep_backup=False)
    [path] = price_sheets(shop, "DL001")
    assert path.name.startswith("DL001")
    for who in ("DL002", None):
        with pytest.raises(DataStop) as stop:
            price_sheets(shop, who)
        assert "银排" in str(stop.value.zh) and "C3" in str(stop.value.zh)
