"""Agents: an agent's 等级 changed mid-month. Before, every blank 单价 of the month was priced at the new tier,
orders placed before the change too, and nothing said so where no earlier statement or price sheet showed
the old tier. Now the 代理商 sheet dates the tier (等级起始日期): an order placed before that day is priced at
the tier before it, as the last month settled before recorded it, and the statement says which orders are
at which tier; where no record gives the tier before, the settlement stops at that 单价 and asks for it.

Real .xlsx shops (test_agents_settlement.make_shop), settled by the calls the CLI makes. Product A lists
50.00: 金牌 0.55 → 27.50, 银牌 0.65 → 32.50."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from shopbook.agents.workflow import settle_month
from shopbook.issues import ShopbookError
from shopbook.schema import AGENTS, ORDERS, Agent, OrderLine, Tier
from shopbook.shop import open_shop
from test_agents_settlement import line, make_shop

D = Decimal
d = dt.date
TIERS = [Tier(tier="金牌", discount=D("0.55")), Tier(tier="银牌", discount=D("0.65"))]


def ordered(no, day: dt.date, shipped: dt.date, price=None):
    return line(no, "A", 1, price, shipped=shipped).model_copy(update={"paid_at": dt.datetime(day.year, day.month, day.day, 10)})


def _dated(shop, tier: str, since: dt.date) -> None:
    """The agent's 等级 and 等级起始日期 changed as finance types them on the 代理商 sheet."""
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    ws = wb["代理商"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("等级") + 1).value = tier
    ws.cell(2, head.index("等级起始日期") + 1).value = dt.datetime(since.year, since.month, since.day)
    wb.save(shop.path(AGENTS))


def _unit_prices(shop) -> dict:
    col = [c.name for c in OrderLine.columns()]
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    return {r[col.index("order_no")].value: r[col.index("unit_price")].value for r in ws.iter_rows(min_row=2) if r[0].value}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_orders_before_the_tier_changed_are_priced_at_the_tier_before_and_the_statement_says_which(tmp_path, lang):
    """DL1 was 银牌 when October was settled; on 2025-11-16 it became 金牌. DL1-002 (ordered 11-10) is billed at
    银牌's 32.50, DL1-003 (ordered 11-20) at 金牌's 27.50, each written into its 单价; the statement names both."""
    shop = make_shop(tmp_path, settings=[("shop", "language", f'"{lang}"')], tiers=TIERS,
                     agents=[Agent(agent_id="DL1", name="甲", tier="银牌")],
                     lines=[ordered("DL1-001", d(2025, 10, 9), d(2025, 10, 10)),
                            ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11)),
                            ordered("DL1-003", d(2025, 11, 20), d(2025, 11, 21))])
    assert settle_month(shop, "2025-10").statements[0].goods == D("32.50")
    _dated(shop, "金牌", d(2025, 11, 16))
    res = settle_month(open_shop(shop.folder), "2025-11")
    (s,) = res.statements
    assert [(x.order_no, x.price) for x in s.lines] == [("DL1-002", D("32.50")), ("DL1-003", D("27.50"))]
    assert s.goods == D("60.00") and s.balance == D("92.50")  # 32.50 brought forward
    assert _unit_prices(shop) == {"DL1-001": 32.5, "DL1-002": 32.5, "DL1-003": 27.5}  # kept as billed
    zh, en = s.notes[-1]
    assert zh == ("等级 2025-11-16 起由“银牌”改为“金牌”：2025-11-16 之前下的订单 DL1-002 按“银牌”的代理价计；"
                  "2025-11-16 起下的订单 DL1-003 按“金牌”的代理价计。"), zh
    assert en == ("The tier changed from '银牌' to '金牌' on 2025-11-16: orders placed before it, DL1-002, are priced at "
                  "'银牌'; orders placed from it, DL1-003, are priced at '金牌'."), en
    text = [c for r in openpyxl.load_workbook(res.files[0]).active.iter_rows(values_only=True) for c in r if c]
    assert (zh if lang == "zh" else en) in text  # on the statement the agent reads, in the shop's language


def test_a_tier_dated_mid_month_with_no_record_of_the_tier_before_stops_at_the_unit_price(tmp_path):
    """No month settled before the change: which tier DL1-002 (ordered before it) was at is not known, so the
    settlement stops at its 单价 cell, nothing written; with the price typed there it settles, the later order at
    金牌."""
    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="银牌")],
                     lines=[ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11)),
                            ordered("DL1-003", d(2025, 11, 20), d(2025, 11, 21))])
    _dated(shop, "金牌", d(2025, 11, 16))
    with pytest.raises(ShopbookError) as e:
        settle_month(open_shop(shop.folder), "2025-11")
    col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.name for c in OrderLine.columns()].index("unit_price")]
    assert f"orders.xlsx › 订单 › {col}2" in e.value.en and "DL1-002" in e.value.en, e.value.en
    assert "2025-11-16" in e.value.zh and "填上它下单时的代理价" in e.value.zh
    assert not list(shop.reports.rglob("*.xlsx")) and _unit_prices(shop) == {"DL1-002": None, "DL1-003": None}
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    wb["订单"][f"{col}2"].value = 32.5
    wb.save(shop.path(ORDERS))
    (s,) = settle_month(open_shop(shop.folder), "2025-11").statements
    assert [(x.order_no, x.price) for x in s.lines] == [("DL1-002", D("32.50")), ("DL1-003", D("27.50"))]


def test_an_agents_order_sheet_ordered_before_the_tier_changed_is_imported_unpriced_and_said(tmp_path):
    """The agent's order sheet sent back after its 等级 changed: a line ordered (下单日期) before the day was
    priced at the new tier and its 单价 written, which `agents settle` never reprices. Now it comes in with the
    单价 blank, said at its row, for the settlement to price at the tier before; a line ordered after, at the new."""
    from shopbook.agents.workflow import price_sheets
    from shopbook.orders.workflow import import_orders

    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="银牌")])
    _dated(shop, "金牌", d(2025, 11, 16))
    shop = open_shop(shop.folder)
    wb = openpyxl.load_workbook(price_sheets(shop, "DL1")[0])
    ws = wb["订单"]
    where = "浙江省 杭州市 西湖区 文一路8号"
    for r, row in enumerate([["X1", "王五", "13911112222", where, "A", 1, None, dt.datetime(2025, 11, 10)],
                             ["X2", "赵六", "13933334444", where, "A", 1, None, dt.datetime(2025, 11, 20)]], start=2):
        for j, v in enumerate(row, start=2):
            ws.cell(row=r, column=j, value=v)
    sent = tmp_path / "DL1-回传订单.xlsx"
    wb.save(sent)
    res = import_orders(shop, [sent])
    assert {ln.order_no: ln.unit_price for ln in res.imported} == {"DL1-X1": None, "DL1-X2": D("27.50")}
    (said,) = [i for i in res.issues if "DL1-X1" in i.message_en]
    assert said.severity == "warning" and said.book == "DL1-回传订单.xlsx" and said.cell.endswith("2"), said
    assert "2025-11-16" in said.message_zh and "left blank" in said.message_en


def test_the_tier_changed_warning_points_to_the_tier_from_column(tmp_path):
    """October settled at 银牌; the tier typed 金牌 with no date: November's blank 单价 all at 金牌, warned at the
    等级 cell, which now says that a 等级起始日期 typed with the change keeps the orders before it at the old tier."""
    lines = [ordered("DL1-001", d(2025, 10, 9), d(2025, 10, 10)), ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11))]
    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="银牌")], lines=lines)
    settle_month(shop, "2025-10")
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["代理商"]["C2"] = "金牌"
    wb.save(shop.path(AGENTS))
    (w,) = settle_month(open_shop(shop.folder), "2025-11").statements[0].issues
    assert "以后月中改等级，请同时在代理商表填上等级起始日期（改的那天）" in w.message_zh, w.message_zh
    assert "type the day as its tier_from on the Agents sheet too" in w.message_en


def test_a_date_left_from_an_earlier_change_does_not_hide_a_later_one(tmp_path):
    """DL1 became 银牌 on 2025-03-01 (dated then); October was settled at 银牌; on 11-16 the 等级 became 金牌 and
    the date was left as it was. November's blank 单价 are billed at 金牌, warned at the 等级 as a tier with no
    date is (before: no warning, no note, the old date taken as this change's)."""
    shop = make_shop(tmp_path, tiers=TIERS, agents=[Agent(agent_id="DL1", name="甲", tier="银牌")],
                     lines=[ordered("DL1-001", d(2025, 10, 9), d(2025, 10, 10)),
                            ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11)),
                            ordered("DL1-003", d(2025, 11, 20), d(2025, 11, 21))])
    _dated(shop, "银牌", d(2025, 3, 1))
    assert settle_month(open_shop(shop.folder), "2025-10").statements[0].goods == D("32.50")
    _dated(shop, "金牌", d(2025, 3, 1))  # (the 等级 changed, its date not)
    [st] = settle_month(open_shop(shop.folder), "2025-11").statements
    said = " ".join(i.message_zh for i in st.issues)
    assert "结算时是“银牌”，现在是“金牌”" in said, said
