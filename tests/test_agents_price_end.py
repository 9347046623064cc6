"""Agents: a 代理价 row for a few days (双11, 双12) typed with its 结束日期, as shops keep the sheet."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_agents import D, shop  # noqa: F401 — the fixture

from shopbook.agents.workflow import price_sheets, settle_month
from shopbook.io.reader import read_workbook
from shopbook.schema import AGENTS, ORDERS, OrderLine
from shopbook.validate import validate_path


def _price_row(path, start, end, price="49.00", sku="P1", tier="金牌"):
    """A 代理价 row with its 结束日期, typed in a column the person adds where the sheet has none."""
    wb = openpyxl.load_workbook(path)
    ws = wb["代理价"]
    head = [c.value for c in ws[1]]
    if "结束日期" not in head:
        ws.cell(row=1, column=len(head) + 1, value="结束日期")
        head.append("结束日期")
    ws.append([{"商家编码": sku, "等级": tier, "代理价": float(D(price)), "起始日期": start, "结束日期": end}.get(h)
               for h in head])
    wb.save(path)


def _agent_lines(path, *rows):
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for no, day in rows:  # 单价 and 运费 blank: settle bills the agent price of the order's day
        v = {"订单编号": no, "来源": "代理", "代理编号": "DL001", "付款时间": dt.datetime.combine(day, dt.time(10)),
             "收货人": "王五", "手机": "13911112222", "收货地址": "浙江省 杭州市 西湖区 文一路8号", "商家编码": "P1",
             "数量": 10, "状态": "已发货", "发货日期": day}
        ws.append([v.get(h) for h in head])
    wb.save(path)


def test_a_double_11_price_with_an_end_date_bills_the_old_price_after_it(shop):  # noqa: F811
    """P1 is 55.00 to 金牌; the boss typed 49.00 for 双11, 起始日期 11-10, 结束日期 11-12. DL001 ordered 10 on
    11-11 and 10 on 11-14: both were billed 49.00 (the 结束日期 column unread), 60.00 the agent does not owe,
    and 49.00 written into the 11-14 line's 单价. Now the row ends on its 结束日期: 11-14 is 55.00."""
    _price_row(shop.path(AGENTS), dt.datetime(2026, 11, 10), dt.datetime(2026, 11, 12))
    _agent_lines(shop.path(ORDERS), ("DL001-S1", dt.date(2026, 11, 11)), ("DL001-S2", dt.date(2026, 11, 14)),
                 ("DL001-S3", dt.date(2026, 11, 12)))
    st = next(s for s in settle_month(shop, "2026-11").statements if s.agent_id == "DL001")
    assert {x.order_no: x.price for x in st.lines if x.order_no.startswith("DL001-S")} == {
        "DL001-S1": D("49.00"), "DL001-S3": D("49.00"), "DL001-S2": D("55.00")}  # (its end day included)
    written = {ln.order_no: ln.unit_price for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)}
    assert written["DL001-S2"] == D("55.00") and written["DL001-S1"] == D("49.00")


def test_the_price_sheet_tells_the_agent_the_day_the_special_price_ends(shop):  # noqa: F811
    """A 双12 price ahead, with its 结束日期: the sheet's 调价 said "起 49.00" alone, so the agent read that it
    stays; now it says the day the price before it is back too."""
    today = dt.date.today()
    _price_row(shop.path(AGENTS), today + dt.timedelta(days=5), today + dt.timedelta(days=7))
    path = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    rows = {r[0]: r for r in openpyxl.load_workbook(path)["价格表"].iter_rows(min_row=5, values_only=True)}
    assert rows["P1"][6] == 55.0
    assert rows["P1"][10] == (f"{today + dt.timedelta(days=5)} 起 49.00；{today + dt.timedelta(days=8)} 起 55.00")


def test_an_end_date_before_its_start_is_an_error_at_that_cell(shop):  # noqa: F811
    """结束日期 11-02 for a row from 11-20 (month typed wrong) prices no day: an error at the cell, not a
    price silently never used."""
    _price_row(shop.path(AGENTS), dt.datetime(2026, 11, 20), dt.datetime(2026, 11, 2))
    said = [i for i in validate_path(shop.path(AGENTS)).issues if i.sheet == "代理价" and i.column == "结束日期"]
    assert [(i.severity, i.row) for i in said] == [("error", 3)] and "早于起始日期" in said[0].message_zh
    assert "before the start date" in said[0].message_en
