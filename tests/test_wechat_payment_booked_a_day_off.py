"""A WeChat personal bill's payment of the shop's own (寄件 to 顺丰, 45.50 on 11-08, its 商户单号 SF20261108: the courier's
order, no order of ours) booked by hand the day before without a number: the line was 'only in WeChat' beside the row
'only in the ledger', and --apply booked it, the 45.50 twice. A line's 商户单号 the ledger has no row of is no order of
the shop's to find its rows by: its row a day or few off is found by day and sum, as any line's
(tests/test_alipay_row_booked_days_off.py). A sale of an order the ledger has (W1003) is still found by its order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from test_wechat import personal_xlsx, shop  # noqa: F401

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_wechat_file
from shopbook.schema import LEDGER, Entry


def test_a_payment_with_a_merchants_order_booked_a_day_off_is_not_booked_again(shop, tmp_path):
    wb = openpyxl.load_workbook(shop.path(LEDGER))
    ws = wb["流水"]
    assert (ws["C10"].value, ws["D10"].value) == ("快递费", 45.5)
    ws["A10"] = dt.datetime(2026, 11, 7)  # (the parcel's day; WeChat took the money on 11-08)
    wb.save(shop.path(LEDGER))
    path = personal_xlsx(tmp_path / "微信支付账单(20261106-20261109).xlsx")
    res = reconcile_wechat_file(shop, path, apply=True)
    r = res.result
    assert [(p.line.txn_no, p.entry.row) for p in r.matched if p.line.amount == D("-45.50")] == \
           [("420000200126110800003", 10)]
    assert [x.txn_no for x in r.proposed_from if x.amount == D("-45.50")] == [] and r.ledger_only == []
    (said,) = [i for i in res.statement_issues if i.value == "420000200126110800003"]
    assert "流水账第 10 行有这笔没有流水号的账（金额相同，-45.50），日期是 2026-11-07，对账单是 2026-11-08" in said.message_zh
    rows = [e for e in read_workbook(shop.path(LEDGER), LEDGER).rows(Entry) if e.amount == D("45.50")]
    assert [(e.date, e.txn_no) for e in rows] == [(dt.date(2026, 11, 7), "420000200126110800003")]  # once, numbered
