"""A 仅退款 typed on the 售后 sheet under an order number that is on no row of 订单 (a digit dropped):
the desk said its refund could not be booked because the order's money came in by WeChat, a transfer or
cash (an order typed by hand). It now says, at the 订单编号 cell, that the order is not on the Orders
sheet and to correct the number; the refunds of the other cases are proposed as before."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.aftersales.workflow import aftersales
from shopbook.schema import LEDGER, ORDERS
from test_orders import build_shop

TODAY = dt.date(2026, 12, 5)


def test_a_refund_on_an_order_not_on_the_sheet_is_said_at_its_order_number(tmp_path):
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    ws.append([{"订单编号": "3515131400000022", "付款时间": "2026-11-11 00:10:00", "收货人": "王芳", "手机": "13812345678",
                "收货地址": "浙江省 杭州市 西湖区 文三路100号", "商家编码": "SH-WH-M", "数量": 1, "单价": 99,
                "状态": "已签收", "快递公司": "中通", "快递单号": "73000022", "发货日期": "2026-11-12"}.get(h) for h in head])
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    for r in ({"售后单号": "SH-022", "登记日期": "2026-12-01", "订单编号": "3515131400000022", "类型": "仅退款",
               "退款金额": "¥10", "状态": "处理中"},
              {"售后单号": "SH-027", "登记日期": "2026-12-01", "订单编号": "351513140000022", "类型": "仅退款",
               "退款金额": "5", "状态": "处理中"}):
        ws.append([r.get(h) for h in head])
    wb.save(shop.path(ORDERS))
    ledger = openpyxl.load_workbook(shop.path(LEDGER))
    ledger["类别"].append(["退款", "支出", "退款"])
    ledger["账户"].append(["支付宝", "2026-11-01", 0])
    ledger.save(shop.path(LEDGER))

    res = aftersales(shop, TODAY)
    assert [(e.order_no, str(e.amount), e.account) for e in res.ledger] == [("3515131400000022", "10.00", "支付宝")]
    [said] = [i for i in res.issues if "351513140000022" in i.message_zh]
    assert (said.book, said.cell, said.severity) == ("orders.xlsx", "C4", "warning")
    assert said.message_zh == ("售后单 SH-027 的订单 351513140000022 不在“订单”表里：退款 ¥5.00 没有建议记账。"
                               "请改正订单编号，再运行 shopbook aftersales 店铺。")
    assert "not on the Orders sheet" in said.message_en
    assert not any("手工录入" in i.message_zh for i in res.issues)
