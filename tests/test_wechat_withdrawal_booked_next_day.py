"""QA: a personal bill's 零钱提现 of 07-15 (¥100.10, 服务费¥0.10) that the person booked in the 流水 on 07-16, the day the
bank card showed it, as one unnumbered 内部转出 row (100.10, or 100.00 and the 0.10 fee on rows of their own). The row was
'only in the ledger', the bill's lines 'only in the bill', and --apply booked the withdrawal (and its fee) again beside
the person's row: the money out twice, in a ✓'d run. Now a withdrawal or top-up near its day (3 days either way), under
the shop's transfer category, is that row's: said as booked on another day, never booked again; its fee too where the
person booked it that day. One of 11-30 booked 12-01, past the bill's last day, as well. A row is the nearest line's
on or before its day, paired nearest first over the whole bill: two withdrawals each booked late are each their own
row's, never one line taking the other's row and the other booked again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from shopbook.io.reader import read_workbook
from shopbook.money.workflow import reconcile_wechat_file
from shopbook.schema import LEDGER, Account, Category, Direction, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

CATS = {"zh": (("销售收入", "收入", "sales"), ("平台服务费", "支出", "other"), ("内部转出", "支出", "内部转账"),
               ("内部转入", "收入", "内部转账"), ("快递费", "支出", "other")),
        "en": (("Sales", "收入", "sales"), ("Platform fees", "支出", "other"), ("Transfer out", "支出", "内部转账"),
               ("Transfer in", "收入", "内部转账"), ("Postage", "支出", "other"))}
HEAD = "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注"


def bill(tmp_path, day: str, last: str = "2021-07-31") -> object:
    """A month's personal bill (its 起始时间 … 终止时间), its one row a 零钱提现 of ¥100.10 on `day`, as WeChat writes it
    (the numbers unquoted, ending in a tab)."""
    row = (f'{day} 16:29:37,零钱提现,招商银行(1234),"/",/,¥100.10,招商银行(1234),提现已到账,'
           '207210715100077148235523883175\t,/\t,"服务费¥0.10"')
    preamble = ["微信支付账单明细", "微信昵称：[小店老板]", f"起始时间：[2021-07-01 00:00:00] 终止时间：[{last} 23:59:59]",
                "导出类型：[全部]", "导出时间：[2021-08-01 08:00:00]", "", "共1笔记录", "收入：0笔 0.00元",
                "支出：0笔 0.00元", "中性交易：1笔 100.10元", "注：", "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
                "2. 本明细仅展示当前账单中的交易，不包括已删除的记录", "3. 本明细仅供个人对账使用", "",
                "----------------------微信支付账单明细列表--------------------"]
    path = tmp_path / "微信支付账单(20210701-20210731).csv"
    path.write_bytes(("\n".join([ln + "," * 10 for ln in preamble] + [HEAD, row]) + "\n").encode("utf-8-sig"))
    return path


def shop_with(tmp_path, lang, rows):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    account = "微信" if lang == "zh" else "WeChat"
    names = {c[0]: c for c in CATS[lang]}
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=d, direction=Direction.OUT, category=CATS[lang][k][0], amount=D(a), account=account)
                for d, k, a in rows],
        Account: [Account(account=account, opening_date=dt.date(2021, 1, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=w, group=g) for c, w, g in names.values()]}, keep_backup=False)
    return open_shop(folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_withdrawal_and_its_fee_booked_the_next_day_are_not_booked_again(tmp_path, lang):
    shop = shop_with(tmp_path, lang, [(dt.date(2021, 7, 16), 2, "100.00"), (dt.date(2021, 7, 16), 1, "0.10")])
    res = reconcile_wechat_file(shop, bill(tmp_path, "2021-07-15"), apply=True)
    r = res.result
    assert r.alipay_only == [] and r.ledger_only == [] and r.proposed == [] and res.applied == 0
    assert sorted(p.line.amount for p in r.matched) == [D("-100.00"), D("-0.10")]
    said = [i for i in res.statement_issues if "2021-07-16" in i.message_zh]
    assert len(said) == 2 and all(i.row == 18 and "2021-07-15" in i.message_en for i in said)  # at the bill's row
    assert {"这笔提现或充值（-100.00，没有流水号）", "这笔提现手续费（-0.10，没有流水号）"} <= {
        i.message_zh[i.message_zh.index("这笔"):i.message_zh.index("）") + 1] for i in said}
    rows = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert len(rows) == 2  # nothing booked beside the person's rows


def test_a_withdrawal_booked_as_one_row_of_its_whole_amount_the_next_day(tmp_path):
    """Booked as WeChat's 金额 says it, 100.10 in one row: the row is the withdrawal's at an amount that differs (100.00
    reached the bank card), and the fee alone is booked, as for a row of the same day."""
    shop = shop_with(tmp_path, "zh", [(dt.date(2021, 7, 16), 2, "100.10")])
    res = reconcile_wechat_file(shop, bill(tmp_path, "2021-07-15"), apply=True)
    r = res.result
    (p,) = r.amount_differs
    assert (p.line.amount, p.entry.amount) == (D("-100.00"), D("100.10")) and r.ledger_only == []
    assert [(e.category, e.amount) for e in r.proposed] == [("平台服务费", D("0.10"))] and res.applied == 1


def test_a_withdrawal_of_the_months_last_day_booked_on_the_first_of_the_next(tmp_path):
    shop = shop_with(tmp_path, "zh", [(dt.date(2021, 8, 1), 2, "100.00")])
    res = reconcile_wechat_file(shop, bill(tmp_path, "2021-07-31"), apply=True)
    r = res.result
    assert [p.line.amount for p in r.matched] == [D("-100.00")] and [p.entry.date for p in r.dated_apart] == [
        dt.date(2021, 8, 1)]
    assert [e.amount for e in r.proposed] == [D("0.10")]  # the fee alone, which nobody booked


def test_a_row_of_another_category_the_next_day_is_not_the_withdrawal(tmp_path):
    """The same amount the next day under 快递费 is another payment: the withdrawal is booked, the row stays the person's."""
    shop = shop_with(tmp_path, "zh", [(dt.date(2021, 7, 16), 4, "100.00")])
    res = reconcile_wechat_file(shop, bill(tmp_path, "2021-07-15"))
    r = res.result
    assert [x.amount for x in r.alipay_only] == [D("-100.00"), D("-0.10")] and len(r.ledger_only) == 1


def test_two_withdrawals_booked_late_are_each_their_own_rows_and_nothing_is_booked_again(tmp_path):
    """07-25's ¥500 booked 07-27, 07-28's booked 07-29 (the bill lists the newest first): line by line, 07-28's took
    07-27's row, 07-25's was 'only in the bill' and --apply booked it again, the ledger 500 out three times for two."""
    shop = shop_with(tmp_path, "zh", [(dt.date(2021, 7, 27), 2, "500.00"), (dt.date(2021, 7, 29), 2, "500.00")])
    lines = [("2021-07-28", "2072800000000000000000000000001"), ("2021-07-25", "2072500000000000000000000000002")]
    body = [f'{day} 16:29:37,零钱提现,招商银行(1234),"/",/,¥500.00,招商银行(1234),提现已到账,{txn}\t,/\t,"/"'
            for day, txn in lines]
    preamble = ["微信支付账单明细", "起始时间：[2021-07-01 00:00:00] 终止时间：[2021-07-31 23:59:59]", "共2笔记录",
                "收入：0笔 0.00元", "支出：0笔 0.00元", "中性交易：2笔 1000.00元",
                "----------------------微信支付账单明细列表--------------------"]
    path = tmp_path / "微信支付账单(20210701-20210731).csv"
    path.write_bytes(("\n".join([ln + "," * 10 for ln in preamble] + [HEAD, *body]) + "\n").encode("utf-8-sig"))
    res = reconcile_wechat_file(shop, path, apply=True)
    r = res.result
    assert sorted((p.line.date, p.entry.date) for p in r.matched) == [
        (dt.date(2021, 7, 25), dt.date(2021, 7, 27)), (dt.date(2021, 7, 28), dt.date(2021, 7, 29))]
    assert not r.alipay_only and not r.ledger_only and res.applied == 0
    assert len(read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)) == 2

