"""Agents (QA agents7): an agent's order priced at the price in force on the day it was ordered."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_agents import D, shop  # noqa: F401 — the fixture

from shopbook.agents.workflow import price_sheets
from shopbook.orders.workflow import import_orders
from shopbook.schema import AGENTS


def _filled(shop, tmp_path, rows, date_head=True):  # noqa: F811
    """DL001's order sheet as shopbook made it, filled in (the 下单日期 column left off: a sheet made before it)."""
    path = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    if not date_head:
        ws.cell(row=1, column=9).value = None
    for r, row in enumerate(rows, start=2):
        for j, v in enumerate(row, start=2):
            ws.cell(row=r, column=j, value=v)
    out = tmp_path / "DL001-回传订单.xlsx"
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
    # a sheet without the column: today's result, exactly
    old = _filled(shop, tmp_path, [["Y1", "王五", "13911112222", where, "P1", 1]], date_head=False)
    res = import_orders(shop, [old])
    assert [(ln.order_no, ln.unit_price, ln.paid_at) for ln in res.imported] == [("DL001-Y1", D("50.00"), None)]
