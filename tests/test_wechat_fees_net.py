"""A month's WeChat Pay fees booked as one line at the bill's 手续费总金额: the fees charged less the one a refund
gave back (0.59 + 1.19 + 0.30 − 1.19 = 0.89). Before, the line matched nothing: the bill's four fee lines were
'WeChat only' and --apply booked them beside it (the month's fees twice). Now the line answers for them all;
a month's fees booked gross (2.08, the fee given back apart) still match as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from test_wechat import ledger, merchant_bill, trade

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_wechat_file
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

ROWS = [trade("2026-11-02 10:00:01", "4200001001", "W1001", "99.00", "0.59400"),
        trade("2026-11-02 11:00:00", "4200001002", "W1002", "198.00", "1.18800"),
        trade("2026-11-03 09:30:00", "4200001002", "W1002", "0.00", "-1.18800", "REFUND", "50300001002", "198.00"),
        trade("2026-11-04 15:20:00", "4200001003", "W1003", "50.00", "0.30000")]
WORDS = {"zh": ("微信", "收入", "支出", "销售收入", "退款", "平台服务费", "其他收入"),
         "en": ("WeChat", "in", "out", "Sales", "Refunds", "Platform fees", "Other income")}


def shop_with_fees(tmp_path, lang: str, fees: str):
    wx, i, o, sales, refunds, fee, other = WORDS[lang]
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: ledger([(2, i, sales, "99.00", wx, "W1001", None), (2, i, sales, "198.00", wx, "W1002", None),
                       (3, o, refunds, "198.00", wx, "W1002", None), (4, i, sales, "50.00", wx, "W1003", None),
                       (30, o, fee, fees, wx, None, None)]),  # the month's fees, one line on its last day
        Account: [Account(account=wx, opening_date=dt.date(2026, 11, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in (
            (sales, i, "sales"), (refunds, o, "refunds"), (fee, o, "other"), (other, i, "other"))]}, keep_backup=False)
    bill = tmp_path / "1900000109_All_20261101_20261130.csv"
    bill.write_bytes(merchant_bill(ROWS, ("4", "347.00", "198.00", "0.00", "0.89400", "347.00", "198.00")))
    return open_shop(folder), bill


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_months_fees_net_of_one_given_back_are_one_line(tmp_path, lang):
    shop, bill = shop_with_fees(tmp_path, lang, "0.89")
    res = reconcile_wechat_file(shop, bill, apply=True)
    r = res.result
    assert r.alipay_only == [] and r.proposed == [] and r.ledger_only == [] and res.applied == 0
    [(entry, lines)] = r.grouped
    assert entry.amount == D("0.89") and sum((x.amount for x in lines), D(0)) == D("-0.89") and len(lines) == 4
    assert len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)) == 5  # nothing booked beside it


def test_the_months_fees_booked_gross_leave_the_fee_given_back(tmp_path):
    shop, bill = shop_with_fees(tmp_path, "zh", "2.08")
    r = reconcile_wechat_file(shop, bill).result
    assert [x.txn_no for x in r.alipay_only] == ["50300001002#手续费"]  # 1.19 back: other income to book
    [(entry, lines)] = r.grouped
    assert entry.amount == D("2.08") and len(lines) == 3
