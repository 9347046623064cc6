"""The 库存 column of an agent's price sheet, as the shop's stock keeper means it: a 不备货 product (made for
each order) is orderable with none on the shelf, and goods typed in ahead of their day are not there yet.
Real stock.xlsx / agents.xlsx written, `price_sheets` run as `shopbook agents sheets` runs it, the sheet read back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from shopbook.agents.workflow import price_sheets
from shopbook.schema import Movement, Product
from test_agents_settlement import make_shop

D = Decimal


def _stock_column(path) -> dict[str, str]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    head = list(rows[0])
    return {r[0]: r[head.index("库存")] for r in rows[1:] if r[0]}


def test_a_made_to_order_product_with_none_on_the_shelf_is_said_made_to_order_not_out_of_stock(tmp_path):
    """A dress typed 不备货 (its goods ordered from the factory as orders come in: the review holds the order, purchase
    suggest orders it) with none on the shelf was listed 缺货 on every agent's price sheet: the agents were told it
    could not be had, and ordered none. It now says 按单订货; a product kept in stock and sold out still says 缺货."""
    shop = make_shop(tmp_path, products=[
        Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=100),
        Product(sku="B", name="衬衫", cost=D(10), price=D(40), opening_qty=0),
        Product(sku="DR", name="定制连衣裙", cost=D(60), price=D(200), opening_qty=0, status="不备货")])
    (path,) = price_sheets(shop)
    said = _stock_column(path)
    assert said == {"A": "有货", "B": "缺货", "DR": "按单订货"}, said


def test_goods_typed_in_ahead_of_their_day_are_not_offered_to_agents(tmp_path):
    """20 shirts typed in on 出入库 dated a year ahead (2027 for 2026: stock alerts leave such a row out until its
    day, and say it) made the price sheet say 有货 of a shirt with none on the shelf: an agent ordered it and it
    could not ship. The sheet now counts the stock as of today, as stock alerts and SB_AVAILABLE do."""
    ahead = dt.date.today() + dt.timedelta(days=365)
    shop = make_shop(tmp_path, products=[Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=100),
                                         Product(sku="B", name="衬衫", cost=D(10), price=D(40), opening_qty=0)],
                     moves=[Movement(date=ahead, sku="B", type="入库", qty=20, ref="CG1")])
    (path,) = price_sheets(shop)
    assert _stock_column(path) == {"A": "有货", "B": "缺货"}


def test_a_tier_dated_ahead_keeps_the_price_sheet_at_the_tier_until_its_day_and_says_the_new_prices_from_then(tmp_path):
    """DL1 was 银牌 when last month was settled; finance typed its 金牌 with 等级起始日期 four days ahead (agreed today,
    from the 10th). Its price sheet made today listed 金牌's 27.50 at once, with nothing in 调价, while its orders of
    the next four days are billed at 银牌's 32.50 (as `agents settle` and the order import price them): the agent
    was told 5.00 less than it pays. The sheet now lists 32.50 and, in 调价, 27.50 from that day."""
    from shopbook.agents.workflow import settle_month
    from shopbook.schema import AGENTS, Agent, Tier
    from test_agents_settlement import line

    today = dt.date.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    shop = make_shop(tmp_path, tiers=[Tier(tier="金牌", discount=D("0.55")), Tier(tier="银牌", discount=D("0.65"))],
                     agents=[Agent(agent_id="DL1", name="甲", tier="银牌")],
                     lines=[line("DL1-001", "A", 1, None, shipped=last.replace(day=10))])
    assert settle_month(shop, f"{last:%Y-%m}").statements[0].goods == D("32.50")
    since = today + dt.timedelta(days=4)
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    ws = wb["代理商"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("等级") + 1).value = "金牌"
    ws.cell(2, head.index("等级起始日期") + 1).value = dt.datetime.combine(since, dt.time())
    wb.save(shop.path(AGENTS))
    (path,) = price_sheets(shop)
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(min_row=4, values_only=True))
    head = list(rows[0])
    a = next(r for r in rows[1:] if r[0] == "A")
    assert (a[head.index("代理价")], a[head.index("调价")]) == (32.5, f"{since:%Y-%m-%d} 起 27.50"), a
