"""The 售后处理 button's box said the desk's warnings as the command line words them: a 仅退款 under an order number on no
row of 订单 "请改正订单编号，再运行 shopbook aftersales 店铺。", a 退货退款 set 已完成 whose return was never posted "货已退回的，
运行 shopbook aftersales receive SH-9 记退货入库": command lines, to a person in Excel under the 售后处理 and 售后收货… buttons.
The box says the buttons (Issue.by_button, as the ribbon labels them); `shopbook aftersales` keeps the command."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import openpyxl

from shopbook import xl
from shopbook.aftersales.workflow import aftersales
from shopbook.schema import LEDGER, ORDERS
from shopbook.shop import open_shop
from test_orders import build_shop
from xlfake import FakeBook


def test_the_desk_box_says_its_warnings_with_the_buttons(tmp_path):
    shop = build_shop(tmp_path)
    today = dt.date.today()
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    ws.append([{"订单编号": "3515131400000022", "付款时间": "2026-11-11 00:10:00", "收货人": "王芳", "手机": "13812345678",
                "收货地址": "浙江省 杭州市 西湖区 文三路100号", "商家编码": "SH-WH-M", "数量": 1, "单价": 99,
                "状态": "已签收", "快递公司": "中通", "快递单号": "73000022", "发货日期": "2026-11-12"}.get(h) for h in head])
    ws = wb["售后"]
    head = [c.value for c in ws[1]]
    for r in ({"售后单号": "SH-027", "登记日期": today, "订单编号": "351513140000022", "类型": "仅退款",  # (a digit dropped)
               "退款金额": "5", "状态": "处理中"},
              {"售后单号": "SH-9", "登记日期": today, "订单编号": "3515131400000022", "商家编码": "SH-WH-M", "数量": 1,
               "类型": "退货退款", "退款金额": 99, "状态": "已完成"}):  # (done on the platform, the parcel never scanned)
        ws.append([r.get(h) for h in head])
    wb.save(shop.path(ORDERS))
    ledger = openpyxl.load_workbook(shop.path(LEDGER))
    ledger["类别"].append(["退款", "支出", "退款"])
    ledger["账户"].append(["支付宝", "2026-11-01", 0])
    ledger.save(shop.path(LEDGER))
    twin = tmp_path / "twin"
    shutil.copytree(shop.folder, twin)

    book = FakeBook(shop.path(ORDERS))
    xl.aftersales(book)
    said = book.app.alerts[-1]["prompt"]
    assert "售后单 SH-027 的订单 351513140000022 不在“订单”表里：退款 ¥5.00 没有建议记账。请改正订单编号，再按“售后处理”。" in said, said
    assert ("货已退回的，扫描它的退货单号（或在扫描文件里写上售后单号 SH-9），再按“售后收货…”选那个文件记退货入库；还没到的，"
            "把状态改回“等退货”") in said, said
    assert not re.search(r"shopbook [a-z]", said), said

    res = aftersales(open_shop(twin))  # the command line's words, and the English box's
    [stray] = [i for i in res.issues if "SH-027" in i.message_zh]
    [done] = [i for i in res.issues if "SH-9" in i.message_zh]
    assert stray.message_zh.endswith("请改正订单编号，再运行 shopbook aftersales 店铺。"), stray.message_zh
    assert stray.message_en.endswith("Correct the order number, then run shopbook aftersales SHOP again.")
    assert stray.by_button[1].endswith("Correct the order number, then press After-sales cases again."), stray.by_button
    assert "货已退回的，运行 shopbook aftersales receive SH-9 记退货入库；" in done.message_zh, done.message_zh
    assert "If they are back, run shopbook aftersales receive SH-9 to post them;" in done.message_en, done.message_en
    assert ("If they are back, scan its return's tracking no. (or put the case number SH-9 in a scan file), then press "
            "Receive returns… and choose that file to post them;") in done.by_button[1], done.by_button
