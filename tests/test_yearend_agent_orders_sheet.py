"""QA (the year's turn): 2025订单 kept beside a new 订单 in January. `agents settle --month 2025-12` billed
none of December's orders, which are on 2025订单 (the reader reads 订单 alone and names no other), so
every agent read 多付 its whole balance on a statement with a ✓, and nothing said why. Now the sheet is said
at its name, as 订单2025 beside 订单2026 was: its rows are not in the settlement, to move to 订单."""

import datetime as dt

import openpyxl

from shopbook.agents.workflow import settle_month
from shopbook.shop import init_shop, open_shop

Y = dt.date.today().year - 1  # last December, settled in January of this year


def test_decembers_agent_orders_on_last_years_sheet_are_said(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    old = wb["订单"]
    head = [c.value for c in old[1]]
    new = wb.copy_worksheet(old)
    old.title, new.title = f"{Y}订单", "订单"
    line = {"订单编号": "DL001-1213", "来源": "代理", "代理编号": "DL001", "付款时间": dt.datetime(Y, 12, 12, 10),
            "收货人": "王小明", "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 学院路1号", "商家编码": "TS01-M",
            "数量": 10, "单价": 30, "运费": 0, "状态": "已签收", "快递公司": "中通", "快递单号": "71213",
            "发货日期": dt.datetime(Y, 12, 13)}
    old.append([line.get(h) for h in head])
    new.append([(line | {"订单编号": "3515001", "来源": "淘宝", "代理编号": None, "付款时间": dt.datetime(Y + 1, 1, 2, 9),
                         "单价": 50, "数量": 1, "状态": "已审核", "快递公司": None, "快递单号": None, "发货日期": None}).get(h)
                for h in head])  # (January's first order: a 订单 holding none is said by the reader already)
    wb.save(folder / "orders.xlsx")
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["商品"].append(["TS01-M", "TS01", "T恤", None, "M", None, None, 20, 50])
    wb.save(folder / "stock.xlsx")
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    wb["代理商"].append(["DL001", "杭州衣橱", "金牌"])
    wb["等级"].append(["金牌", 0.6])
    wb["收款"].append([dt.datetime(Y, 11, 28), "DL001", 300, "10月货款"])
    wb.save(folder / "agents.xlsx")
    done = settle_month(open_shop(folder), f"{Y}-12")
    # (December's order is on the sheet not read: November's payment read as 多付)
    assert [(len(s.lines), s.brought_forward) for s in done.statements] == [(0, -300)]
    said = [i for i in done.unbilled if i.sheet == f"{Y}订单"]
    assert len(said) == 1 and "移到“订单”" in said[0].message_zh and f"'{Y}订单'" in said[0].message_en
