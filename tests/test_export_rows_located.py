"""An export with blank rows between its orders (a person's edit, a tool's grouping) says each error at the
row Excel or WPS shows it on. Blank rows were passed over and the rows after them counted from the header
without them: a bad quantity on row 5 was said to be on row 3, where another order is."""

from __future__ import annotations

import openpyxl

from platform_fixtures import PDD_CURRENT, pdd_bytes, pdd_row
from shopbook.orders.workflow import import_orders
from test_orders import TODAY, build_shop


def where(res):
    return [(i.book, i.cell, i.value) for i in res.issues if i.is_error]


def test_a_csv_with_blank_lines(tmp_path):
    shop = build_shop(tmp_path)
    data = pdd_bytes(PDD_CURRENT, [pdd_row("261121-000000000000001", "待发货", "SH-BK-M"),
                                   pdd_row("261121-000000000000002", "待发货", "SH-BK-M", qty="x")]).decode("utf-8")
    head, first, second = data.splitlines()[:3]
    path = tmp_path / "orders_export_20261121.csv"
    path.write_bytes("\n".join([head, first, "", "", second, ""]).encode("utf-8"))
    res = import_orders(shop, [path], today=TODAY)
    assert where(res) == [("orders_export_20261121.csv", "第 5 行 / row 5", "x")]


def test_a_workbook_with_a_blank_row(tmp_path):
    shop = build_shop(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(PDD_CURRENT)
    ws.append([pdd_row("261121-000000000000003", "待发货", "SH-BK-M").get(h, "") for h in PDD_CURRENT])
    ws.append([None])
    ws.append([pdd_row("261121-000000000000004", "待发货", "SH-BK-M", qty="x").get(h, "") for h in PDD_CURRENT])
    wb.save(tmp_path / "pdd.xlsx")
    res = import_orders(shop, [tmp_path / "pdd.xlsx"], today=TODAY)
    assert where(res) == [("pdd.xlsx", "第 4 行 / row 4", "x")]


def test_an_agents_csv_with_a_title_and_a_blank_line(tmp_path):
    """The agents' and typed order sheets are numbered as Excel shows them too: a title above the header
    and a blank line were left out of the count (the bad 数量 on row 5 said on row 3)."""
    shop = build_shop(tmp_path)
    path = tmp_path / "agent.csv"
    path.write_text("代理订单 2026-11-21\n订单编号,代理编号,收货人,手机,收货地址,商家编码,数量\n"
                    "A1,AG01,张三,13812345678,浙江省杭州市西湖区文三路1号,SH-BK-M,1\n\n"
                    "A2,AG01,李四,13812345679,浙江省杭州市西湖区文三路2号,SH-BK-M,x\n", encoding="utf-8")
    res = import_orders(shop, [path], today=TODAY)
    assert ("agent.csv", "第 5 行 / row 5", "x") in where(res)


def test_a_typed_workbook_with_a_title_and_a_blank_row(tmp_path):
    shop = build_shop(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(["手工订单 2026-11-21"])
    ws.append(["订单编号", "收货人", "手机", "收货地址", "商家编码", "数量"])
    ws.append(["M1", "张三", "13812345678", "浙江省杭州市西湖区文三路1号", "SH-BK-M", 1])
    ws.append([None])
    ws.append(["M2", "李四", "13812345679", "浙江省杭州市西湖区文三路2号", "SH-BK-M", "x"])
    ws.append(["M3", "王五", "13812345670", "浙江省杭州市西湖区文三路3号", "SH-BK-M", 0])
    wb.save(tmp_path / "typed.xlsx")
    res = import_orders(shop, [tmp_path / "typed.xlsx"], today=TODAY)
    assert [(i.cell, i.value) for i in res.issues if i.is_error] == [("F5", "x"), ("第 6 行 / row 6", "0")]


def test_an_agent_id_not_on_the_agents_sheet_is_said_at_its_row(tmp_path):
    """It was an error with no place at all (" = 'AG09'"): which file, which row, nobody could tell."""
    shop = build_shop(tmp_path)
    path = tmp_path / "agent.csv"
    path.write_text("代理订单 2026-11-21\n订单编号,代理编号,收货人,手机,收货地址,商家编码,数量\n\n"
                    "A1,AG09,张三,13812345678,浙江省杭州市西湖区文三路1号,SH-BK-M,1\n", encoding="utf-8")
    res = import_orders(shop, [path], today=TODAY)
    unknown, = [i for i in res.issues if "AG09" in i.message_zh]
    assert (unknown.book, unknown.cell, unknown.column, unknown.value) == ("agent.csv", "第 4 行 / row 4", "代理编号", "AG09")
