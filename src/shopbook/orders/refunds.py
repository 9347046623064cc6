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

from ..issues import Issue, en_count, few
from ..money.reconcile import account_name
from ..schema import LEDGER, Account, Category, Direction, Entry, OrderLine, OrderSource, Platform
from ..schema.orders import platform_word


@dataclass
class Refund:
    order_no: str
    refund_no: str
    amount: Decimal
    when: dt.date
    reason: str = ""
    via: str = "export"  # the refund export's, or "case": an after-sales case typed by hand (its number)
    # where the order's money came in, so where the refund goes out: its platform's account (淘宝: Alipay;
    # 拼多多, 抖店: their own); None where nobody can tell (typed by hand: WeChat, a transfer, cash …)
    platform: Platform | None = Platform.TAOBAO


def order_platform(head: OrderLine | None) -> Platform | None:
    """The platform an order's money came in by: its 平台, else its 来源's; with neither, the shop's own 淘宝
    (the 来源 a Taobao shop leaves blank on orders it types in, as the margin's platform fee counts them);
    None for an order typed as sold by hand (手工: WeChat, a transfer, cash), an agent's, or one not on the
    sheet (`head`: its first line)."""
    if head is None:
        return None
    if head.platform is None and head.source is None:
        return Platform.TAOBAO
    return head.platform or {OrderSource.TAOBAO: Platform.TAOBAO, OrderSource.PINDUODUO: Platform.PINDUODUO,
                             OrderSource.DOUYIN: Platform.DOUYIN}.get(head.source)


# a platform's own account (拼多多's 货款账户, 抖店's) as a shop names it on its 账户 sheet
PLATFORM_ACCOUNT_WORDS = {Platform.PINDUODUO: ("拼多多", "pinduoduo", "多多"), Platform.DOUYIN: ("抖店", "抖音", "douyin")}


def paid_from(platform: Platform | None, accounts: list[str], alipay: str) -> str | None:
    """The account of the shop's 账户 sheet a refund of an order of `platform` is paid from, or None."""
    if platform is Platform.TAOBAO:
        return alipay if alipay in accounts else None
    words = PLATFORM_ACCOUNT_WORDS.get(platform, ())
    return next((a for a in accounts if any(w in a.lower() for w in words)), None)


def note_of(r: Refund, lang: str = "zh", alipay: bool = True) -> str:
    """The booked line's note, in the shop's language; the refund's number in it is how a later
    import knows the refund is booked. `alipay`: paid from the Alipay account, to reconcile with it."""
    case = r.via == "case"
    if lang == "zh":
        return f"退款 {r.refund_no}（{'售后单' if case else '退款导出'}记入{'，待支付宝对账' if alipay else ''}）"
    return (f"refund {r.refund_no} (booked from {'its after-sales case' if case else 'the refund export'}"
            f"{', to reconcile with Alipay' if alipay else ''})")


def refund_entries(refunds: list[Refund], entries: list[Entry], categories: list[Category],
                   accounts: list[Account], lang: str = "zh") -> tuple[list[Entry], list[Issue]]:
    """New ledger lines for refunds not booked yet (a refund's number in a line's note, or a
    line of the same order and amount out of the account, is booked)."""
    if not refunds:
        return [], []
    category = next((c.category for c in categories if c.direction is Direction.OUT  # an English shop's: Refunds
                     and ("退款" in c.category or "refund" in c.category.lower())), None)
    # where Taobao/Tmall refunds are paid from: the Alipay account, 支付宝 or Alipay as the sheet spells it
    names = [a.account for a in accounts]
    alipay = account_name(names, lang=lang)
    issues = []
    stop = refunds if category is None else [r for r in refunds if r.platform is Platform.TAOBAO] \
        if alipay not in names else []
    if stop:
        # (where to add it: ledger.xlsx's 类别 or 账户 sheet; the warning named the 流水 sheet of no workbook)
        where = dict(book=LEDGER.filename, sheet=(Category if category is None else Account).zh if lang == "zh" else
                     (Category if category is None else Account).en)
        what = "类别表里没有“退款”（支出）类别" if category is None else "账户表里没有“支付宝”"
        what_en = "the Categories sheet has no 'Refunds' category (out)" if category is None else \
            "the Accounts sheet has no 'Alipay' account"
        if all(r.via == "case" for r in stop):  # the desk's proposals: no export to import again
            issues.append(Issue("warning", f"{len(stop)} 笔售后退款没有建议记账：{what}。加上后再运行 shopbook aftersales 店铺。",
                                f"No ledger line proposed for {en_count(len(stop), 'after-sales refund')}: {what_en}. "
                                "Add it and run shopbook aftersales SHOP again.", **where))
        else:
            issues.append(Issue("warning", f"{len(stop)} 笔退款没有记入流水账：{what}。加上后再导入一次退款导出。",
                                f"{en_count(len(stop), 'refund')} {'was' if len(stop) == 1 else 'were'} not booked in "
                                f"the ledger: {what_en}. Add it and import the refund export again.", **where))
        refunds = [r for r in refunds if all(r is not x for x in stop)]
    numbers = {r.refund_no for r in refunds if r.refund_no}
    noted: set[str] = set()  # refunds whose number a ledger line's note names: booked
    # lines out that name none of these refunds (booked from the Alipay statement, or by hand): each
    # stands for one refund of its order and amount out of its account; two refunds of ¥99 on one order are two
    unnamed: Counter = Counter()
    for e in entries:
        named = {n for n in numbers if e.note and n in e.note}
        noted |= named
        if not named and e.direction is Direction.OUT:
            unnamed[(e.account, e.order_no, e.amount)] += 1
    out, untold = [], []
    for r in refunds:
        if r.refund_no in noted:
            continue
        account = paid_from(r.platform, names, alipay)
        # where it cannot be told (an order typed by hand: WeChat, a transfer, cash; another platform's
        # with no account of its own on the sheet): a line out of its order and amount on any account is it
        keys = [(account, r.order_no, r.amount)] if account else \
            [k for k, n in unnamed.items() if n > 0 and k[1:] == (r.order_no, r.amount)][:1]
        if keys and unnamed[keys[0]] > 0:
            unnamed[keys[0]] -= 1
            continue
        if account is None:  # said, never put on the Alipay account
            untold.append(r)
            continue
        out.append(Entry.from_cells({"date": r.when, "direction": Direction.OUT, "category": category,
                                     "amount": r.amount, "account": account, "order_no": r.order_no,
                                     "note": note_of(r, lang, account == alipay)}))
        if r.refund_no:
            noted.add(r.refund_no)  # the same refund twice in one import (two files) is booked once
    return out, issues + ([_not_told(untold)] if untold else [])


def _not_told(refunds: list[Refund]) -> Issue:
    """The refunds whose account cannot be told (see Refund.platform), each by its order and number."""
    zh_list, en_list = few([f"订单 {r.order_no}（{r.refund_no}）" for r in refunds],
                           en=[f"order {r.order_no} ({r.refund_no})" for r in refunds])
    own = sorted({r.platform for r in refunds}, key=lambda p: p.value if p else "")
    if None not in own:  # 拼多多's, 抖店's: their own account, not on the sheet
        zh = "、".join(p.value for p in own)
        en = ", ".join(platform_word(p.value, "en").strip() for p in own)
        why = f"{zh}订单的钱进的是{zh}自己的账户，账户表里没有它（名称含“{zh}”的账户）"
        why_en = f"{en} orders' money came into {en}'s own account, which the Accounts sheet lacks (one named so)"
    else:
        why = "看不出订单的钱是从哪个账户收的（手工录入或没有平台、来源的订单：微信、转账、现金……）"
        why_en = ("which account the order's money came into cannot be told (an order typed by hand, or of no "
                  "platform or source: WeChat, a transfer, cash …)")
    case = all(r.via == "case" for r in refunds)
    return Issue("warning", f"{len(refunds)} 笔{'售后' if case else ''}退款没有{'建议记账' if case else '记入流水账'}，"
                            f"不按支付宝记：{zh_list}：{why}。请按退款实际付出的账户自己记一行（支出，类别“退款”）。",
                 f"{en_count(len(refunds), 'refund')}: no ledger line {'proposed' if case else 'booked'}, and none "
                 f"on the Alipay account: {en_list}: {why_en}. Book each yourself, on the account it was paid from "
                 "(out, category Refunds).", sheet=Entry.zh)
