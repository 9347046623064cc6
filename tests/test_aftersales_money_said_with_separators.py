"""The desk's warning for a case whose order is not on the Orders sheet said its refund as ¥1234.5 (no thousands
separator, the fen dropped as typed), where every other line says money as ¥1,234.50. It says it as the screen
says money now, in both languages."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.aftersales.workflow import aftersales
from shopbook.schema import LEDGER, ORDERS
from test_orders import build_shop


def test_a_refund_on_an_order_not_on_the_sheet_says_its_money_as_money(tmp_path):
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    ws.append([{"订单编号": "3515131400000022", "付款时间": "2026-11-11 00:10:00", "收货人": "王芳", "手机": "13812345678",
                "收货地址": "浙江省 杭州市 西湖区 文三路100号", "商家编码": "SH-WH-M", "数量": 20, "单价": 99,
                "状态": "已签收", "快递公司": "中通", "快递单号": "73000022", "发货日期": "2026-11-12"}.get(h) for h in head])
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    ws.append([{"售后单号": "SH-027", "登记日期": "2026-12-01", "订单编号": "351513140000022", "类型": "仅退款",
                "退款金额": "1234.5", "状态": "处理中"}.get(h) for h in head])
    wb.save(shop.path(ORDERS))
    ledger = openpyxl.load_workbook(shop.path(LEDGER))
    ledger["类别"].append(["退款", "支出", "退款"])
    ledger["账户"].append(["支付宝", "2026-11-01", 0])
    ledger.save(shop.path(LEDGER))

    [said] = [i for i in aftersales(shop, dt.date(2026, 12, 5)).issues if "351513140000022" in i.message_zh]
    assert "退款 ¥1,234.50 没有建议记账" in said.message_zh, said.message_zh
    assert "for its refund of ¥1,234.50." in said.message_en, said.message_en
