"""QA: `agents sheets --agent DL001` stopped on any row of agents.xlsx that did not read, whoever's: a new agent's
row with its 等级 still blank, a 代理价 row of the Silver tier with 'Total' typed in its price: the Gold agent's
sheet could not be made until every other row was right. Those rows now stop the sheets of their own agents or tier
alone (and `agents sheets` for all); DL001's own row unread still stops it, said as that, not as no such agent."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.agents.workflow import price_sheets
from shopbook.issues import ShopbookError
from shopbook.schema import Agent, AgentPrice
from shopbook.shop import open_shop
from test_agents_sheet_other_tier_renamed import two_tier_shop


def test_another_agents_row_unread_does_not_stop_a_sheet(tmp_path):
    folder = two_tier_shop(tmp_path, [Agent(agent_id="DL001", name="Zhang", tier="Gold"),
                                      Agent(agent_id="DL002", name="Li", tier="Silver")], ("Gold", "Silver"),
                           [AgentPrice(sku="P1", tier="Gold", price=D("25.43"))])
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    wb["Agents"].append(["DL003", "Wu"])  # its tier not typed yet
    wb["Agent prices"].append(["P1", "Silver", "Total"])
    wb.save(folder / "agents.xlsx")
    shop = open_shop(folder)
    (path,) = price_sheets(shop, "DL001")
    assert path.name == "DL001-Zhang-prices.xlsx"
    with pytest.raises(ShopbookError) as e:  # its tier's price row is the one that does not read
        price_sheets(shop, "DL002")
    assert "Agent prices › C3" in e.value.en and "1 data error" in e.value.en
    with pytest.raises(ShopbookError) as e:
        price_sheets(shop, "DL003")
    assert "Agents › C4" in e.value.en and "no agent id" not in e.value.en
    with pytest.raises(ShopbookError) as e:
        price_sheets(shop)
    assert "2 data errors" in e.value.en


def test_an_agent_with_its_tier_dated_still_stops_on_any_tiers_row(tmp_path):
    """Its sheet lists the tier before until its 等级起始日期: a row of that tier unread is its to stop on."""
    import datetime as dt

    folder = two_tier_shop(tmp_path, [Agent(agent_id="DL001", name="Zhang", tier="Gold",
                                            tier_from=dt.date.today() + dt.timedelta(days=9))], ("Gold", "Silver"))
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    wb["Agent prices"].append(["P1", "Silver", "Total"])
    wb.save(folder / "agents.xlsx")
    with pytest.raises(ShopbookError) as e:
        price_sheets(open_shop(folder), "DL001")
    assert "Agent prices › C3" in e.value.en
