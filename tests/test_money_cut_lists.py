"""QA: three lists in what a reconciliation says were cut with a bare '…' (the ledger rows a WeChat trade bill's days
left unchecked, the fees given back proposed as other income, the transfers booked whose other side is missing): a
person could not tell how many more there were. Each now names the first rows and says how many more, in both languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from shopbook.money.alipay import StatementLine
from shopbook.money.reconcile import Reconciliation
from shopbook.money.workflow import _fee_back_said, reconcile_wechat_file
from shopbook.schema import LEDGER, Account, Category, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_wechat import merchant_bill, trade


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rows_a_trade_bills_days_left_unchecked_say_how_many_more(tmp_path, lang):
    acc, sale, inc = ("微信", "销售收入", "收入") if lang == "zh" else ("WeChat", "Sales", "in")
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    days = [2, 5] + list(range(10, 22))  # 12 rows on days the bill (2 to 5 November) does not cover
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=dt.date(2026, 11, d), direction=inc, category=sale, amount=D("99.00"), account=acc,
                      order_no=f"W{d}") for d in days],
        Account: [Account(account=acc, opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category=sale, direction=inc, group="sales")]}, keep_backup=False)
    path = tmp_path / "bill.csv"
    path.write_bytes(merchant_bill([trade(f"2026-11-{d:02d} 10:00:00", f"42000{d:05d}", f"W{d}", "99.00", "0")
                                    for d in (2, 5)], ("2", "198.00", "0.00", "0.00", "0", "198.00", "0.00")))
    res = reconcile_wechat_file(open_shop(folder), path)
    (said,) = [i for i in res.statement_issues if "2026-11-05" in i.message_en]
    assert "12 条“微信”流水（第 4、5、6、7、8、9、10、11、12、13 行等，还有 2 行）没有核对" in said.message_zh or lang == "en"
    assert "(rows 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 and 2 more) were not" in said.message_en, said.message_en
    assert "…" not in said.message_zh + said.message_en


def test_the_fees_given_back_say_how_many_more():
    back = [StatementLine(k, f"R{k}#fee", f"R{k}", "", dt.datetime(2026, 11, 3), D("0.30"), None, "Fee", "", "", "")
            for k in range(2, 14)]
    res = Reconciliation(proposed_from=back)
    for lang in ("zh", "en"):
        (said,) = _fee_back_said(res, [], lang, "bill.csv")
        assert "对账单第 2、3、4、5、6、7、8、9、10、11 行等，还有 2 行" in said.message_zh
        assert "statement rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more" in said.message_en
        assert "…" not in said.message_zh + said.message_en


def test_the_transfers_booked_without_their_other_side_say_how_many_more(tmp_path):
    from shopbook.money.workflow import reconcile_alipay_file
    from test_money import classic_statement, write_statement

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [],
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 11, 1), opening_balance=D("1000.00")),
                  Account(account="银行", opening_date=dt.date(2026, 11, 1), opening_balance=D("0"))],
        Category: [Category(category="提现转出", direction="支出", group="内部转账"),
                   Category(category="提现转入", direction="收入", group="内部转账")]}, keep_backup=False)
    lines = [[f"N{d}", f"20261115220{d}", "", "提现", f"2026-11-{d:02d} 09:00:00", "招商银行", "", "10.00",
              f"{1000 - 10 * (d - 9):.2f}", "支付宝", "提现", ""] for d in range(10, 17)]  # 7 withdrawals
    res = reconcile_alipay_file(open_shop(folder), write_statement(tmp_path, classic_statement(lines)), apply=True)
    assert res.applied == 7
    (said,) = [i for i in res.statement_issues if "给那个账户也记上" in i.message_zh]
    assert "2026-11-14 10.00 等，还有 2 笔）" in said.message_zh, said.message_zh
    assert "2026-11-14 10.00 and 2 more) booked" in said.message_en, said.message_en
