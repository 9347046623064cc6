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


def test_november_settles_though_a_new_agent_for_12_12_has_a_tier_typo(shop):  # noqa: F811
    """DL003, added on 12-05 with 等级 typed 金排 and nothing to bill, stopped November's settlement of every
    agent. Now its statement says the typo (a warning at its cell); an agent whose blank 单价 is priced from a
    mistyped tier still stops the month (its price cannot be told)."""
    import pytest

    from shopbook.agents.workflow import settle_month
    from shopbook.issues import DataStop
    from shopbook.schema import ORDERS, OrderLine

    aw = read_workbook(shop.path(AGENTS), AGENTS)
    kept = {Tier: aw.rows(Tier), Rebate: aw.rows(Rebate), Payment: aw.rows(Payment), AgentPrice: aw.rows(AgentPrice)}
    new = Agent(agent_id="DL003", name="王代理", tier="金排")
    write_workbook(shop.path(AGENTS), AGENTS, "zh", {Agent: aw.rows(Agent) + [new], **kept}, keep_backup=False)
    res = settle_month(shop, "2026-11")
    by = {s.agent_id: s for s in res.statements}
    assert by["DL001"].balance == D("1889.80") and by["DL002"].balance == D("-575.50")  # test_agents' month
    [said] = by["DL003"].issues
    assert (said.severity, said.sheet, said.cell, said.value) == ("warning", "代理商", "C4", "金排")
    # DL002's 等级 mistyped, and one of its lines to be priced from it: the month stops there
    write_workbook(shop.path(AGENTS), AGENTS, "zh", {
        Agent: [a.model_copy(update={"tier": "银排"}) if a.agent_id == "DL002" else a for a in aw.rows(Agent)],
        **kept}, keep_backup=False)
    ow = read_workbook(shop.path(ORDERS), ORDERS)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        ln.model_copy(update={"unit_price": None}) if ln.order_no == "DL002-B2" else ln for ln in ow.rows(OrderLine)]},
        keep_backup=False)
    with pytest.raises(DataStop) as stop:
        settle_month(shop, "2026-11")
    assert "银排" in stop.value.zh


def test_an_agents_price_row_whose_start_does_not_read_prices_no_imported_line(shop, tmp_path):  # noqa: F811
    """QA (agents6): the 双12 price typed as a 代理价 row with 起始日期 12月10日 (no year: a cell that does not
    read) was read as from the start, and `orders import` on 12-05 wrote that 50.00 into an agent's line (55.00 that
    day), ✓, no word; settle then kept it as typed. Now the import prices no agent's line while a cell of 代理商,
    等级 or 代理价 does not read, and says so at that cell: settle bills the blank 单价, once it is put right."""
    from shopbook.agents.workflow import price_sheets
    from shopbook.orders.workflow import import_orders

    path = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    ws = wb["代理价"]
    head = [c.value for c in ws[1]]
    row = {"商家编码": "P1", "等级": "金牌", "代理价": 50, "起始日期": "12月10日"}
    ws.append([row.get(h) for h in head])
    wb.save(shop.path(AGENTS))
    wb = openpyxl.load_workbook(path)
    for j, v in enumerate(["X1", "王五", "13911112222", "浙江省 杭州市 西湖区 文一路8号", "P1", 1], start=2):
        wb["订单"].cell(row=2, column=j, value=v)
    filled = tmp_path / "DL001-回传订单.xlsx"
    wb.save(filled)
    res = import_orders(shop, [filled])
    assert [(ln.order_no, ln.unit_price) for ln in res.imported] == [("DL001-X1", None)]
    (said,) = [i for i in res.issues if i.book == "agents.xlsx"]
    assert said.severity == "warning" and said.sheet == "代理价" and "起始日期" in said.column, said
    assert "代理订单没有按代理价填单价" in said.message_zh and "agents settle" in said.message_en
