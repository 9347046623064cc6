"""SB_AGENT_PRICE of an agent whose 等级 is dated ahead (等级起始日期 after today): until that day its orders are
billed at the tier before, and its price sheet lists that tier's prices (the new ones in its 调价 column). The
cell function gave the new tier's price from the day the tier was typed: an agent quoted 27.50 where its sheet
and its statement say 32.50. Now it answers the price the sheet made today lists; a tier name, or an agent whose
tier is dated in the past, is priced as before.

A real .xlsx shop (test_agents_settlement.make_shop): product A lists 50.00: 金牌 0.55 → 27.50, 银牌 0.65 → 32.50.
Last month is settled with DL1 at 银牌 (its 代理结算汇总 kept), then finance types 金牌 from 5 days ahead."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.agents.workflow import price_sheets, settle_month
from shopbook.schema import Agent
from shopbook.shop import open_shop
from test_agents_settlement import make_shop
from test_agents_tier_mid_month import TIERS, _dated
from test_functions import Caller

D = Decimal


def _last_month(today: dt.date) -> str:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return f"{first:%Y-%m}"


def _sheet_price(path, sku: str) -> float:
    ws = openpyxl.load_workbook(path)["价格表"]
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r and r[0] == "商家编码")
    col = rows[head].index("代理价")
    return next(r[col] for r in rows[head + 1:] if r and r[0] == sku)


def test_the_cell_function_prices_a_tier_dated_ahead_as_the_price_sheet_does(tmp_path):
    from shopbook.xl import udfs

    today = dt.date.today()
    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="银牌")])
    settle_month(shop, _last_month(today))  # its summary records DL1 at 银牌
    _dated(shop, "金牌", today + dt.timedelta(days=5))
    shop = open_shop(shop.folder)
    sheet = price_sheets(shop, "DL1")[0]
    assert _sheet_price(sheet, "A") == 32.5  # the tier before, until the day typed
    caller = Caller(shop.folder / "agents.xlsx")
    assert udfs.SB_AGENT_PRICE("A", "DL1", caller=caller) == 32.5
    assert udfs.SB_AGENT_PRICE("A", "dl1", caller=caller) == 32.5  # the id as a person types it
    assert udfs.SB_AGENT_PRICE("A", "金牌", caller=caller) == 27.5  # a tier by its name: that tier's


def test_a_tier_dated_in_the_past_is_priced_at_the_tier_now(tmp_path):
    from shopbook.xl import udfs

    today = dt.date.today()
    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="银牌")])
    settle_month(shop, _last_month(today))
    _dated(shop, "金牌", today)
    shop = open_shop(shop.folder)
    assert _sheet_price(price_sheets(shop, "DL1")[0], "A") == 27.5
    assert udfs.SB_AGENT_PRICE("A", "DL1", caller=Caller(shop.folder / "agents.xlsx")) == 27.5
