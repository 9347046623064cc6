"""Agents: an agent id typed in another letter case, width or with spaces ("dl2", " Dl2 ", "ｄｌ２")
in 收款 or 订单 is that agent's, when it is one agent's alone: read as it, with a warning at the cell.
Shops written as real .xlsx files (test_agents_settlement.make_shop), the cells retyped by openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from shopbook.agents.workflow import _load, _price_book, price_sheets, settle_month
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.money.workflow import shipped_margin
from shopbook.schema import ORDERS, STOCK, Agent, OrderLine, Payment, Product
from shopbook.shop import open_shop
from shopbook.validate import validate_path
from test_agents_settlement import line, make_shop

D = Decimal
d = dt.date


def _retype(path, sheet: str, col: int, values: dict[int, str]) -> None:
    wb = openpyxl.load_workbook(path)
    for r, v in values.items():
        wb[sheet].cell(r, col).value = v
    wb.save(path)


def _shop(tmp_path, agents):
    shop = make_shop(tmp_path, agents=agents,
                     lines=[line("DL2-001", "A", 2, "27.50", shipped=d(2026, 10, 3), fee="6", agent="DL2"),
                            line("DL2-002", "B", 1, "22.00", shipped=d(2026, 10, 5), fee="6", agent="DL2")],
                     payments=[Payment(date=d(2026, 10, 20), agent_id="DL2", amount=D("50.00"))])
    _retype(shop.folder / "agents.xlsx", "收款", 2, {2: " Dl2 "})
    _retype(shop.folder / "orders.xlsx", "订单", 4, {2: "dl2", 3: "ｄｌ２"})
    return open_shop(shop.folder)


def test_an_agent_id_typed_in_another_case_is_that_agent_with_a_warning_at_its_cell(tmp_path):
    """Before: `agents settle` stopped ('代理编号“Dl2”不存在。是不是“DL2”？请在“代理商”表中添加它'),
    while a return's 单号 matched whatever its case. Now the month is DL2's: goods 55.00 + 22.00,
    shipping 12.00, its payment 50.00, and each cell is warned it was read as DL2."""
    shop = _shop(tmp_path, [Agent(agent_id="DL1", name="甲", tier="金牌"), Agent(agent_id="DL2", name="乙", tier="金牌")])
    s = {st.agent_id: st for st in settle_month(shop, "2026-10").statements}["DL2"]
    assert (s.goods, s.shipping, s.paid, s.balance) == (D("77.00"), D("12.00"), D("50.00"), D("39.00"))
    said = {(i.book, i.sheet, i.cell): (i.message_zh, i.message_en) for i in s.issues if i.severity == "warning"}
    assert set(said) >= {("agents.xlsx", "收款", "B2"), ("orders.xlsx", "订单", "D2"), ("orders.xlsx", "订单", "D3")}
    zh, en = said[("agents.xlsx", "收款", "B2")]
    assert "按 DL2 读取" in zh and "read as DL2" in en
    # validate says the same, as warnings, not errors
    found = [i for i in validate_path(shop.folder).issues if i.column == "代理编号"]
    assert found and all(i.severity == "warning" for i in found) and len(found) == 3


def test_an_id_two_agents_share_that_way_still_stops(tmp_path):
    """'dl2' is DL2's and D L2's alike: which was meant is a person's; the settlement stops."""
    shop = _shop(tmp_path, [Agent(agent_id="DL2", name="乙", tier="金牌"), Agent(agent_id="D L2", name="丙", tier="金牌")])
    with pytest.raises(ShopbookError) as e:
        settle_month(shop, "2026-10")
    assert "不存在" in e.value.zh or "重复" in e.value.zh, e.value.zh


def test_a_blank_price_line_of_an_id_typed_another_way_is_billed_at_the_agents_price_before_it_is_settled(tmp_path):
    """The ledger's margin, the daily report and the monthly review price an agent's line with a blank
    单价 by its agent's tier (prices.billed_price): before, a line of "dl2" counted 0.00 there (no
    agent "dl2"), where settle bills it 27.50; now PriceBook.tier_of reads the id as DL2."""
    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL2", name="乙", tier="金牌")],
                     lines=[line("DL2-001", "A", 2, None, shipped=d(2026, 10, 3), fee="6", agent="DL2")])
    _retype(shop.folder / "orders.xlsx", "订单", 4, {2: "dl2"})
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    assert [ln.agent_id for ln in lines] == ["dl2"]
    pb = _price_book(shop, _load(shop), read_workbook(shop.path(STOCK), STOCK, (Product,)).rows(Product))
    margin = shipped_margin(lines, [], [], d(2026, 10, 1), d(2026, 10, 31), D(0), pb)
    assert margin.revenue == D("61.00")  # 2 × 27.50 + 6.00 shipping, as the statement bills it


def test_a_payment_typed_twice_once_as_dl2_is_said_by_validate_as_by_settle(tmp_path):
    """收款 rows 2 and 3: the same day and amount, DL2 and 'dl2'. settle reads both as DL2's and asks
    whether row 3 is typed twice; validate said nothing (it compared the ids as typed)."""
    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL2", name="乙", tier="金牌")],
                     payments=[Payment(date=d(2026, 10, 20), agent_id="DL2", amount=D("50.00")),
                               Payment(date=d(2026, 10, 20), agent_id="DL2", amount=D("50.00"))])
    _retype(shop.folder / "agents.xlsx", "收款", 2, {3: "dl2"})
    twice = [i.cell for i in validate_path(shop.folder).issues if "是否重复登记" in i.message_zh]
    assert twice == ["C3"]
    (st,) = settle_month(open_shop(shop.folder), "2026-10").statements
    assert [i.cell for i in st.issues if "是否重复登记" in i.message_zh] == ["C3"]


def test_agents_sheets_for_an_id_typed_in_lower_case_is_that_agents_sheet(tmp_path):
    """`agents sheets --agent dl2` stopped ('“代理商”表里没有代理编号 dl2。是不是“DL2”？'), where a PO number
    typed so on the command line is read as the sheet's. Now it makes DL2's sheet; an id two agents
    share that way still stops."""
    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL1", name="甲", tier="金牌"),
                                       Agent(agent_id="DL2", name="乙", tier="金牌")])
    (path,) = price_sheets(shop, " dl2")
    assert path.name == "DL2-乙-价格表.xlsx" and path.exists()
    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL2", name="乙", tier="金牌"),
                                       Agent(agent_id="D L2", name="丙", tier="金牌")], name="twin")
    with pytest.raises(ShopbookError):
        price_sheets(shop, "dl2")


def test_the_self_check_owes_what_settle_bills_where_an_id_is_typed_in_another_case(tmp_path):
    """The daily job's self-check (an agent's last month not paid) settled with the rows as typed: " Dl2 "'s
    payment credited to nobody and "dl2"'s line billed to nobody, so it said another amount than `agents
    settle`. Both read the ids alike now: the self-check's DL2 owes the statement's 本期应收."""
    from shopbook.report.selfcheck import _agents_due

    shop = _shop(tmp_path, [Agent(agent_id="DL1", name="甲", tier="金牌"), Agent(agent_id="DL2", name="乙", tier="金牌")])
    s = {st.agent_id: st for st in settle_month(shop, "2026-10").statements}["DL2"]
    orders = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,))
    due = {who.split()[0]: amount for who, _, amount in _agents_due(shop, d(2026, 11, 5), orders.rows(OrderLine), [])}
    assert due["DL2"] == s.balance == D("39.00")
