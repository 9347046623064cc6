"""An order's refund paid by Alipay in two parts (100.00 on 11-16, 50.00 on 11-18) booked in the 流水 as one row of the
whole, 150.00, with the order number: reconcile said the row an amount that differs from the first part (以支付宝的金额
为准，改正流水账那一行的金额) and the second part missing from the ledger, and --apply booked it beside the whole: the
refund counted 200.00 in the P&L, under ✓ 已补录. The row now answers for both parts: matched, nothing booked. WeChat's
two refunds of one order, each with its fee given back, likewise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from shopbook.shop import open_shop
from test_money import O81, classic_statement, money_shop_at, write_statement

LINES = [
    ["A6", "2026111022006", f"T200P{O81}", "大衣", "2026-11-10 15:00:00", "tb_cat", "300.00", "", "1388.00", "支付宝", "在线支付", ""],
    ["B1", "2026111622010", f"T200P{O81}", "大衣", "2026-11-16 15:00:00", "tb_cat", "", "100.00", "1288.00", "支付宝", "交易退款", ""],
    ["B3", "2026111622012", f"T200P{O81}", "大衣", "2026-11-16 15:00:01", "tmall", "", "1.86", "1286.14", "支付宝", "收费", "服务费"],
    ["B2", "2026111822011", f"T200P{O81}", "大衣", "2026-11-18 15:00:00", "tb_cat", "", "50.00", "1236.14", "支付宝", "交易退款", ""],
]


def _refund_typed_whole(shop, amount=150):
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    head = {c.value: c.column for c in ws[1]}
    r = ws.max_row + 1
    for k, v in {"日期": dt.datetime(2026, 11, 18), "收支": "支出", "类别": "退款", "金额": amount, "账户": "支付宝",
                 "订单编号": O81, "备注": "分两次退"}.items():
        ws.cell(r, head[k]).value = v
    wb.save(shop.path(LEDGER))
    return r


def _statement(tmp_path):
    data = classic_statement(LINES).replace("2026年11月01日 00:00:00".encode("gbk"), "2026年11月10日 00:00:00".encode("gbk"))
    return write_statement(tmp_path, data)


def test_a_refund_paid_in_two_parts_booked_as_one_row_is_matched_and_never_booked_again(tmp_path):
    shop = money_shop_at(tmp_path)
    row = _refund_typed_whole(shop)
    res = reconcile_alipay_file(open_shop(shop.folder), _statement(tmp_path), apply=True)
    r = res.result
    assert r.amount_differs == []
    assert [(e.row, sorted(x.txn_no for x in g)) for e, g in r.grouped] == [(row, ["B1", "B2"])]
    assert [x.txn_no for x in r.alipay_only] == ["B3"]  # the fee, the ledger's only missing line, booked
    assert res.applied == 1
    refunds = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
               if e.category == "退款" and e.order_no == O81]
    assert sum((e.amount for e in refunds), D(0)) == D("150.00"), refunds  # not 200.00
    # numbered with its first part's 账务流水号 (the self-check counts a row without one not reconciled) …
    assert [e.txn_no for e in refunds if e.row == row] == ["B1"]
    # … and matched by its parts again on a second run, nothing left
    again = reconcile_alipay_file(open_shop(shop.folder), _statement(tmp_path)).result
    assert [(e.row, sorted(x.txn_no for x in g)) for e, g in again.grouped] == [(row, ["B1", "B2"])]
    assert again.amount_differs == [] and again.alipay_only == []


def test_a_whole_that_is_not_the_parts_sum_is_still_said(tmp_path):
    shop = money_shop_at(tmp_path)
    row = _refund_typed_whole(shop, 140)
    r = reconcile_alipay_file(open_shop(shop.folder), _statement(tmp_path)).result
    assert r.grouped == []
    assert [(p.line.txn_no, p.entry.row) for p in r.amount_differs] == [("B1", row)]


def test_wechats_two_refunds_of_an_order_booked_as_one_row_are_matched(tmp_path):
    from shopbook.money.workflow import reconcile_wechat_file
    from shopbook.schema import Account, Category
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook
    from test_wechat import ledger, merchant_bill, trade

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: ledger([(2, "收入", "销售收入", "198.00", "微信", "W1002", None),
                       (4, "支出", "退款", "198.00", "微信", "W1002", None)]),  # refunded 100.00 + 98.00
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            ("销售收入", "收入", "sales"), ("退款", "支出", "refunds"), ("平台服务费", "支出", "other"))]},
        keep_backup=False)
    rows = [trade("2026-11-02 11:00:00", "4200001002", "W1002", "198.00", "1.19"),
            trade("2026-11-03 09:30:00", "4200001002", "W1002", "0.00", "-0.60", "REFUND", "50300001002", "100.00"),
            trade("2026-11-04 09:30:00", "4200001002", "W1002", "0.00", "-0.59", "REFUND", "50300001003", "98.00")]
    bill = tmp_path / "bill.csv"
    bill.write_bytes(merchant_bill(rows, summary=("3", "198.00", "198.00", "0.00", "0.00", "198.00", "198.00")))
    r = reconcile_wechat_file(open_shop(folder), bill).result
    assert r.amount_differs == []
    assert [(e.row, [x.txn_no for x in g]) for e, g in r.grouped] == [(3, ["50300001002", "50300001003"])]
    assert all("#" in x.txn_no for x in r.alipay_only)  # the fees alone are left to book
