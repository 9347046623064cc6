"""WeChat Pay writes a backtick before every value of its trade bill (`4200001001): a bookkeeper who copies
the 交易单号 or the 商户订单号 from the bill opened in Excel into 流水号 or 订单编号 copies the backtick
with it. Those rows matched nothing: the sale was 'only in the ledger', its line 'only in WeChat' and a
probable duplicate for a person to look at. The backtick is read as the mark it is, as Excel's ' and
="…" are: the rows match by their numbers and --apply books the fees alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_wechat_file
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_wechat import TRADES, ledger, merchant_bill


def test_numbers_copied_with_wechat_s_backtick_match(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: ledger([(2, "收入", "销售收入", "99.00", "微信", None, "`4200001001"),  # the 交易单号, as copied
                       (4, "收入", "销售收入", "50.00", "微信", " `W1003", None)]),  # the 商户订单号
        Account: [Account(account="微信", opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            ("销售收入", "收入", "sales"), ("平台服务费", "支出", "other"))]}, keep_backup=False)
    bill = tmp_path / "All.csv"
    bill.write_bytes(merchant_bill([TRADES[0], TRADES[3]], summary=("2", "149.00", "0.00", "0.00", "0.89", "149.00",
                                                                     "0.00")))
    assert b"`4200001001" in bill.read_bytes()
    res = reconcile_wechat_file(open_shop(folder), bill, apply=True)
    r = res.result
    assert sorted((p.line.txn_no, p.entry.row) for p in r.matched) == [("4200001001", 2), ("4200001003", 3)]
    assert r.ledger_only == [] and r.doubtful == [] and r.amount_differs == []
    entries = read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)
    assert [(e.category, e.amount) for e in entries[2:]] == [("平台服务费", D("0.59")), ("平台服务费", D("0.30"))]
    assert res.applied == 2
