"""Refunds the platform paid, into the ledger: one 支出 line per refund (its 退款编号 in the
note), for the Alipay reconciliation to match by order number and amount, so that the
statement's refund line finds it and is never booked a second time. Pure: the refunds and
the ledger's lines in, the lines to add and what stops them out.

The refund itself (why, how much, goods to come back) is written beside the order in its
平台状态 cell by the import; stock comes back only when the return is scanned or entered."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..issues import Issue, en_count
from ..money.reconcile import account_name
from ..schema import Account, Category, Direction, Entry


@dataclass
class Refund:
    order_no: str
    refund_no: str
    amount: Decimal
    when: dt.date
    reason: str = ""
    via: str = "export"  # the refund export's, or "case": an after-sales case typed by hand (its number)


def note_of(r: Refund, lang: str = "zh") -> str:
    """The booked line's note, in the shop's language; the refund's number in it is how a later
    import knows the refund is booked."""
    case = r.via == "case"
    if lang == "zh":
        return f"退款 {r.refund_no}（{'售后单' if case else '退款导出'}记入，待支付宝对账）"
    return f"refund {r.refund_no} (booked from {'its after-sales case' if case else 'the refund export'}, to reconcile with Alipay)"


def refund_entries(refunds: list[Refund], entries: list[Entry], categories: list[Category],
                   accounts: list[Account], lang: str = "zh") -> tuple[list[Entry], list[Issue]]:
    """New ledger lines for refunds not booked yet (a refund's number in a line's note, or a
    line of the same order and amount out of the account, is booked)."""
    if not refunds:
        return [], []
    category = next((c.category for c in categories if c.direction is Direction.OUT  # an English shop's: Refunds
                     and ("退款" in c.category or "refund" in c.category.lower())), None)
    # where Taobao/Tmall refunds are paid from: the Alipay account, 支付宝 or Alipay as the sheet spells it
    account = account_name([a.account for a in accounts], lang=lang)
    if category is None or account not in {a.account for a in accounts}:
        what = "类别表里没有“退款”（支出）类别" if category is None else "账户表里没有“支付宝”"
        what_en = "the Categories sheet has no 'Refunds' category (out)" if category is None else \
            "the Accounts sheet has no 'Alipay' account"
        if all(r.via == "case" for r in refunds):  # the desk's proposals: no export to import again
            return [], [Issue("warning", f"{len(refunds)} 笔售后退款没有建议记账：{what}。加上后再运行 shopbook aftersales 店铺。",
                              f"No ledger line proposed for {en_count(len(refunds), 'after-sales refund')}: {what_en}. "
                              "Add it and run shopbook aftersales SHOP again.", sheet=Entry.zh)]
        return [], [Issue("warning", f"{len(refunds)} 笔退款没有记入流水账：{what}。加上后再导入一次退款导出。",
                          f"{en_count(len(refunds), 'refund')} {'was' if len(refunds) == 1 else 'were'} not booked in the ledger: {what_en}. Add it and import the "
                          "refund export again.", sheet=Entry.zh)]
    numbers = {r.refund_no for r in refunds if r.refund_no}
    noted: set[str] = set()  # refunds whose number a ledger line's note names: booked
    # lines out of the account that name none of these refunds (booked from the Alipay statement):
    # each stands for one refund of its order and amount; two refunds of ¥99 on one order are two
    unnamed: Counter = Counter()
    for e in entries:
        named = {n for n in numbers if e.note and n in e.note}
        noted |= named
        if not named and e.direction is Direction.OUT and e.account == account:
            unnamed[(e.order_no, e.amount)] += 1
    out = []
    for r in refunds:
        if r.refund_no in noted:
            continue
        if unnamed[(r.order_no, r.amount)] > 0:
            unnamed[(r.order_no, r.amount)] -= 1
            continue
        out.append(Entry.from_cells({"date": r.when, "direction": Direction.OUT, "category": category,
                                     "amount": r.amount, "account": account, "order_no": r.order_no,
                                     "note": note_of(r, lang)}))
        if r.refund_no:
            noted.add(r.refund_no)  # the same refund twice in one import (two files) is booked once
    return out, []
