"""Agents (QA agents7): an agent's order priced at the price in force on the day it was ordered."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_agents import D, shop  # noqa: F401 — the fixture

from shopbook.agents.workflow import price_sheets
from shopbook.orders.workflow import import_orders
from shopbook.schema import AGENTS


def _filled(shop, tmp_path, rows, date_head=True, name="DL001-回传订单.xlsx"):  # noqa: F811
    """DL001's order sheet as shopbook made it, filled in (the 下单日期 column left off: a sheet made before it)."""
    path = next(shop.reports.rglob("DL001*价格表*.xlsx"), None) or price_sheets(shop, "DL001")[0]
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    if not date_head:
        ws.cell(row=1, column=9).value = None
    for r, row in enumerate(rows, start=2):
        for j, v in enumerate(row, start=2):
            ws.cell(row=r, column=j, value=v)
    out = tmp_path / name
    wb.save(out)
    return out


def test_an_order_sent_after_a_price_change_is_priced_on_the_day_it_was_ordered(shop, tmp_path):  # noqa: F811
    """P1/金牌 is 55.00 (the tier's 0.55); the boss adds a 代理价 row 50.00 from three days ago. DL001 sends its
    week's orders in one sheet, each with its 下单日期: the one of ten days ago was imported at 50.00, today's
    price, and `agents settle` kept that 单价 as typed. Now each line is priced on its 下单日期; one without a
    date, and a sheet without the column (made before it), at the import's day, as before."""
    today = dt.date.today()
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    ws = wb["代理价"]
    head = [c.value for c in ws[1]]
    ws.append([{"商家编码": "P1", "等级": "金牌", "代理价": 50, "起始日期": today - dt.timedelta(days=3)}.get(h)
               for h in head])
    wb.save(shop.path(AGENTS))
    where = "浙江省 杭州市 西湖区 文一路8号"
    filled = _filled(shop, tmp_path, [
        ["X1", "王五", "13911112222", where, "P1", 1, None, dt.datetime.combine(today - dt.timedelta(days=10), dt.time())],
        ["X2", "赵六", "13933334444", where, "P1", 1, None, f"{today - dt.timedelta(days=1):%Y/%m/%d}"],
        ["X3", "钱七", "13955556666", where, "P1", 1]])
    assert openpyxl.load_workbook(filled)["订单"]["I1"].value == "下单日期"
    res = import_orders(shop, [filled])
    got = {ln.order_no: (ln.unit_price, ln.paid_at.date() if ln.paid_at else None) for ln in res.imported}
    assert got == {"DL001-X1": (D("55.00"), today - dt.timedelta(days=10)),
                   "DL001-X2": (D("50.00"), today - dt.timedelta(days=1)), "DL001-X3": (D("50.00"), None)}
    # a sheet without the column: today's result, exactly; and a 下单日期 without its year is said under the
    # sheet's own header, not as 付款时间 (a column it does not have)
    old = _filled(shop, tmp_path, [["Y1", "王五", "13911112222", where, "P1", 1]], date_head=False, name="旧.xlsx")
    odd = _filled(shop, tmp_path, [["Z1", "王五", "13911112222", where, "P1", 1, None, "11月20日"]], name="错.xlsx")
    res = import_orders(shop, [old, odd])
    assert [(ln.order_no, ln.unit_price, ln.paid_at) for ln in res.imported] == [("DL001-Y1", D("50.00"), None)]
    said = next(i for i in res.issues if i.cell == "I2" and i.book == "错.xlsx")
    assert (said.severity, said.column, said.value) == ("error", "下单日期", "11月20日") and "年份" in said.message_zh


def test_a_settled_month_settled_again_after_a_tier_change_keeps_the_tier_it_was_settled_at(shop):  # noqa: F811
    """November settled with DL001 at 金牌 (P1 55.00); in December DL001 moves up to 银牌 (P1 65.00 here), and an
    order of November typed late (shipped 11-28, 单价 blank) has November settled again: it was billed at
    银牌, its tier on the day it was settled again, and nothing said so (October has no record to compare). Now a
    month whose 代理结算汇总 records its tier keeps it for its blank 单价, said at the 等级 cell and to the agent;
    an agent whose tier did not change, and a month without a record, are billed exactly as before."""
    from test_agents import line

    from shopbook.agents.workflow import settle_month
    from shopbook.io.reader import read_workbook
    from shopbook.schema import ORDERS, Agent, OrderLine

    def add(*lns):
        wb = openpyxl.load_workbook(shop.path(ORDERS))
        ws = wb["订单"]
        head = [c.value for c in ws[1]]
        for ln in lns:
            v = {"订单编号": ln.order_no, "来源": "代理", "代理编号": ln.agent_id, "付款时间": ln.paid_at,
                 "收货人": ln.receiver, "手机": ln.phone, "收货地址": ln.address, "商家编码": ln.sku, "数量": ln.qty,
                 "状态": "已发货", "发货日期": ln.shipped_on}
            ws.append([v.get(h) for h in head])
        wb.save(shop.path(ORDERS))

    d = dt.date
    add(line("DL001-A6", "DL001", "P1", 1, "0", shipped=d(2026, 11, 20)))
    first = {s.agent_id: s for s in settle_month(shop, "2026-11").statements}
    assert first["DL001"].balance == D("1948.70") and first["DL001"].tier == "金牌"  # 1,889.80 + 55.00 + 5.00 − 1.10 rebate
    add(line("DL001-A7", "DL001", "P1", 2, "0", shipped=d(2026, 11, 28)))
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb["代理商"]["C2"] = "银牌"
    wb.save(shop.path(AGENTS))
    again = {s.agent_id: s for s in settle_month(shop, "2026-11").statements}
    st = again["DL001"]
    assert [(x.order_no, x.price) for x in st.lines if x.order_no in ("DL001-A6", "DL001-A7")] == [
        ("DL001-A6", D("55.00")), ("DL001-A7", D("55.00"))]
    assert st.tier == "金牌" and again["DL002"].balance == first["DL002"].balance
    (said,) = [i for i in st.issues if i.sheet == "代理商"]
    assert said.cell == "C2" and "金牌" in said.message_zh and "银牌" in said.message_zh and "DL001-A7" in said.message_zh
    assert "'金牌'" in said.message_en and any("金牌" in zh and "DL001-A7" in zh for zh, _ in st.notes)
    written = {ln.order_no: ln.unit_price for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)}
    assert written["DL001-A7"] == D("55.00")
    # December, not settled yet: its blank 单价 at today's tier, as before (November's record says the change)
    add(line("DL001-C1", "DL001", "P1", 1, "0", shipped=d(2026, 12, 2)))
    dec = next(s for s in settle_month(shop, "2026-12").statements if s.agent_id == "DL001")
    assert [x.price for x in dec.lines if x.order_no == "DL001-C1"] == [D("65.00")] and dec.tier == "银牌"
    assert read_workbook(shop.path(AGENTS), AGENTS, (Agent,)).rows(Agent)[0].tier == "银牌"
