"""An order's one Alipay payment (310.00) booked in the 流水 as two rows of its parts, the goods 290.00 and the 运费
20.00, each with the order number, as a shop books 货款 and 运费收入 apart: reconcile said the goods row an amount that
differs (以支付宝的金额为准，改正流水账那一行的金额: 290.00 made 310.00, the order's money counted 330.00) and the
运费 row 'only in the ledger'. The rows together are the line's now: matched; --apply writes its number into each,
and a second run matches them again."""

from __future__ import annotations

import datetime as dt

import openpyxl

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_alipay_file
from shopbook.schema import LEDGER, Entry
from shopbook.shop import open_shop
from test_money import O81, classic_statement, money_shop_at, november_lines, write_statement


def _shop(tmp_path, postage=20):
    shop = money_shop_at(tmp_path)
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    head = {c.value: c.column for c in ws[1]}
    assert ws.cell(7, head["订单编号"]).value == O81
    ws.cell(7, head["金额"]).value = 290  # the goods
    ws.cell(7, head["流水号"]).value = None
    r = ws.max_row + 1
    for k, v in {"日期": dt.datetime(2026, 11, 10), "收支": "收入", "类别": "销售收入", "金额": postage, "账户": "支付宝",
                 "订单编号": O81, "备注": "运费"}.items():
        ws.cell(r, head[k]).value = v
    wb.save(shop.path(LEDGER))
    lines = [x for x in november_lines() if x[0] == "A6"]
    lines[0][6] = "310.00"
    data = classic_statement(lines).replace("2026年11月01日 00:00:00".encode("gbk"), "2026年11月10日 00:00:00".encode("gbk"))
    return open_shop(shop.folder), write_statement(tmp_path, data), r


def test_a_payment_booked_as_rows_of_its_parts_is_matched_and_numbered(tmp_path):
    shop, statement, postage_row = _shop(tmp_path)
    res = reconcile_alipay_file(shop, statement, apply=True)
    r = res.result
    assert r.amount_differs == [] and r.alipay_only == []
    assert sorted(p.entry.row for p in r.matched) == [7, postage_row] and {p.line.txn_no for p in r.matched} == {"A6"}
    assert r.counts()["matched"] == 1  # one statement line
    assert [e.row for e in r.ledger_only] == [9]  # (the fixture's 88.00 of 11-20, in no statement)
    assert res.applied == 0
    rows = {e.row: e.txn_no for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)}
    assert rows[7] == rows[postage_row] == "A6"
    again = reconcile_alipay_file(open_shop(shop.folder), statement).result
    assert again.amount_differs == [] and sorted(p.entry.row for p in again.matched) == [7, postage_row]


def test_parts_that_do_not_add_up_are_still_said(tmp_path):
    shop, statement, _ = _shop(tmp_path, postage=15)
    r = reconcile_alipay_file(shop, statement).result
    assert [(p.line.txn_no, p.entry.row) for p in r.amount_differs] == [("A6", 7)]
