"""A ledger row whose 订单编号 a person copied from the Alipay statement's 商户订单号 (T200P3515…, Alipay's number for
the Taobao order 3515…) and no 流水号 was not that statement line's: reconcile said the line 'Alipay only' and a
possible repeat of the row (没有补录, 疑似重复), and the row 'ledger only', the same 99.00 of the same order on the
same day. The row's order is the order the statement names: they match."""

from __future__ import annotations

import openpyxl
from test_money import LEDGER, O80, classic_statement, money_shop_at, november_lines, write_statement

from shopbook.money.workflow import reconcile_alipay_file


def test_an_order_number_copied_with_alipays_prefix_matches_its_line(tmp_path):
    shop = money_shop_at(tmp_path)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    head = {c.value: c.column for c in ws[1]}
    assert (ws.cell(3, head["订单编号"]).value, ws.cell(3, head["流水号"]).value) == (O80, "A2")
    ws.cell(3, head["订单编号"]).value = f"T200P{O80}"  # copied from the statement's 商户订单号
    ws.cell(3, head["流水号"]).value = None
    wb.save(shop.path(LEDGER))
    res = reconcile_alipay_file(shop, write_statement(tmp_path, classic_statement(november_lines())))
    r = res.result
    assert sorted(p.line.txn_no for p in r.matched) == ["A1", "A2", "A3", "A5"]
    assert next(p.entry.row for p in r.matched if p.line.txn_no == "A2") == 3
    assert [x.txn_no for x in r.alipay_only] == ["A7"] and [e.row for e in r.ledger_only] == [9]
    assert not [i for i in res.statement_issues if "疑似重复" in i.message_zh]
