"""QA: a personal bill's 零钱提现 of ¥100.10 (备注 服务费¥0.10) booked in the 流水 as a person reads it in WeChat: one row
内部转出 100.10 with no number. The day's two lines (-100.00 to the bank card, -0.10 WeChat's fee) summed to the row and
were matched together as "a day's total" (已匹配 2 · 金额不符 0): the fee stayed inside the transfer, which the P&L leaves
out, and the month's fees were 0.10 short under a ✓. Now the row is the withdrawal's, its amount said to differ (100.00
reached the bank card), and the fee is a line of its own that --apply books under the fee category: the P&L counts it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from shopbook.io.reader import read_workbook
from shopbook.money.ledger import pnl
from shopbook.money.workflow import reconcile_wechat_file
from shopbook.schema import LEDGER, Account, Category, Direction, Entry
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook
from test_money_bill_states import DEB_WITHDRAWAL, _personal_bill

CATS = {"zh": (("销售收入", "收入", "sales"), ("平台服务费", "支出", "other"), ("内部转出", "支出", "内部转账"),
               ("内部转入", "收入", "内部转账")),
        "en": (("Sales", "收入", "sales"), ("Platform fees", "支出", "other"), ("Transfer out", "支出", "内部转账"),
               ("Transfer in", "收入", "内部转账"))}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_withdrawal_booked_with_its_fee_in_one_row_leaves_the_fee_to_the_pnl(tmp_path, lang):
    zh = lang == "zh"
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    account = "微信" if zh else "WeChat"
    write_workbook(folder / "ledger.xlsx", LEDGER, lang, {
        Entry: [Entry(date=dt.date(2021, 7, 15), direction=Direction.OUT, category=CATS[lang][2][0],
                      amount=D("100.10"), account=account, note="提现")],
        Account: [Account(account=account, opening_date=dt.date(2021, 1, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in CATS[lang]]}, keep_backup=False)
    shop = open_shop(folder)
    path = _personal_bill(tmp_path, [DEB_WITHDRAWAL], "100.10")
    res = reconcile_wechat_file(shop, path, apply=True)
    r = res.result
    assert r.grouped == []  # never the transfer and its fee as one day's total
    (p,) = r.amount_differs
    assert (p.line.amount, p.entry.amount) == (D("-100.00"), D("100.10"))  # the row is the withdrawal's: 100.00
    assert [x.amount for x in r.alipay_only] == [D("-0.10")] and res.applied == 1
    wd = read_workbook(shop.path(LEDGER), LEDGER)
    month = pnl("2021-07", wd.rows(Entry), wd.rows(Category), wd.rows(Account))
    assert month.lines.get("other", {}).get(CATS[lang][1][0]) == D("-0.10"), month.lines  # the fee in the P&L
    assert res.differs  # the row's 100.10 is still for a person to correct to 100.00


def test_two_withdrawals_of_a_day_each_booked_with_its_fee(tmp_path):
    """Two 零钱提现 of one day (¥100.10 with 服务费¥0.10, ¥50.05 with 服务费¥0.05), each booked as one row of its
    金额: the rows matched nothing, and --apply booked 150.00 of transfers and both fees beside them (the money out
    twice). Each row is now its own withdrawal's (its amount said to differ), the fees alone booked."""
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=dt.date(2021, 7, 15), direction=Direction.OUT, category="内部转出", amount=D(a), account="微信")
                for a in ("100.10", "50.05")],
        Account: [Account(account="微信", opening_date=dt.date(2021, 1, 1), opening_balance=D(0))],
        Category: [Category(category=c, direction=d, group=g) for c, d, g in CATS["zh"]]}, keep_backup=False)
    shop = open_shop(folder)
    second = (DEB_WITHDRAWAL.replace("16:29:37", "18:00:00").replace("¥100.10", "¥50.05")
              .replace("207210715100077148235523883175", "207210715100077148235523883999").replace("¥0.10", "¥0.05"))
    path = _personal_bill(tmp_path, [DEB_WITHDRAWAL, second], "150.15")
    res = reconcile_wechat_file(shop, path, apply=True)
    r = res.result
    assert sorted((p.line.amount, p.entry.amount) for p in r.amount_differs) == [
        (D("-100.00"), D("100.10")), (D("-50.00"), D("50.05"))]
    assert sorted(x.amount for x in r.alipay_only) == [D("-0.10"), D("-0.05")] and res.applied == 2
    booked = read_workbook(shop.path(LEDGER), LEDGER).rows(Entry)
    assert sorted((e.category, e.amount) for e in booked) == [
        ("内部转出", D("50.05")), ("内部转出", D("100.10")), ("平台服务费", D("0.05")), ("平台服务费", D("0.10"))]
