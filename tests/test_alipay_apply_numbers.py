"""reconcile alipay --apply numbers the 流水 rows it matched, and never so that validate then calls a row booked twice:
a payment booked as two rows alike (two items at 155.00 each, one category, paid as one 310.00 line) stays unnumbered
(numbered, validate said '同一笔记了两次 … 请删除重复的一行', deleting 155.00 of real income), and a row whose 订单编号
is the statement's 商户订单号 (T200P3515…), matched as its order's, is numbered (it stayed '还没对账' every day)."""

from __future__ import annotations

import openpyxl

from cli_run import shopbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.shop import open_shop
from test_money import (LEDGER, O80, O81, balance_agrees, classic_statement, money_shop_at, november_lines,
                        write_statement)


def _sheet(shop):
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    return wb, ws, {c.value: c.column for c in ws[1]}


def test_a_payment_booked_as_two_rows_alike_is_matched_and_left_unnumbered(tmp_path):
    shop = money_shop_at(tmp_path)
    wb, ws, head = _sheet(shop)
    ws.cell(7, head["金额"]).value = 155
    ws.cell(7, head["流水号"]).value = None
    r = ws.max_row + 1
    for k, v in {"日期": ws.cell(7, head["日期"]).value, "收支": "收入", "类别": ws.cell(7, head["类别"]).value,
                 "金额": 155, "账户": "支付宝", "订单编号": O81}.items():
        ws.cell(r, head[k]).value = v
    day = ws.cell(7, head["日期"]).value
    wb.save(shop.path(LEDGER))
    lines = [x for x in november_lines() if x[0] == "A6"]
    lines[0][6] = "310.00"
    data = classic_statement(lines).replace("2026年11月01日 00:00:00".encode("gbk"),
                                            f"{day:%Y年%m月%d日} 00:00:00".encode("gbk"))
    res = reconcile_alipay_file(open_shop(shop.folder), write_statement(tmp_path, data), apply=True)
    assert res.refused is None
    assert sorted(p.entry.row for p in res.result.matched) == [7, r] and not res.result.amount_differs
    _, ws, _ = _sheet(shop)
    assert ws.cell(7, head["流水号"]).value is None and ws.cell(r, head["流水号"]).value is None
    out = shopbook("validate", shop.folder)
    assert "同一笔记了两次" not in out.stdout, out.stdout


def test_a_row_typed_with_the_statements_merchant_order_no_is_numbered(tmp_path):
    shop = money_shop_at(tmp_path)
    wb, ws, head = _sheet(shop)
    ws.cell(3, head["订单编号"]).value = f"T200P{O80}"
    ws.cell(3, head["流水号"]).value = None
    wb.save(shop.path(LEDGER))
    res = reconcile_alipay_file(balance_agrees(shop), write_statement(tmp_path, classic_statement(november_lines())),
                                apply=True)
    assert res.refused is None
    _, ws, _ = _sheet(shop)
    assert ws.cell(3, head["流水号"]).value == "A2"
