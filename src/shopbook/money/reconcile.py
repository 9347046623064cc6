"""Reconciliation (对账): Alipay statement lines against ledger entries, a courier's
bill against shipped orders. Pure: records in, matched / differing / one-sided out."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..issues import own_row
from ..schema import Category, Direction, Entry
from .alipay import ORDER_PREFIX, Statement, StatementLine
from ..values import years_on
from .ledger import NOT_PNL, ZERO, group_of, sheet_of, signed, whole_months

# Alipay 业务类型/账务类型 (and WeChat Pay 交易类型) words → what a line missing from the ledger is; and
# the kinds an English shop's WeChat trade-bill lines get (money/wechat.py KINDS)
# 交易分账 (profit sharing: the platform's commission, 淘宝客's, taken from a payment) is a fee, never the
# sale its word 交易 would make it
KIND_CATEGORIES = (("退款", "refund"), ("分账", "fee"), ("服务费", "fee"), ("手续费", "fee"), ("佣金", "fee"), ("收款", "sale"),
                   ("提现", "transfer"), ("充值", "transfer"), ("转账", "other_out"), ("在线支付", "sale"),
                   ("交易", "sale"), ("收费", "fee"), ("Refund", "refund"), ("Fee", "fee"), ("Payment", "sale"))
# the category proposed for each, (zh, en): as the shop's 类别 sheet spells it when it has either
# word, else in the shop's language (an English shop's ledger gets no Chinese category)
PROPOSED_CATEGORIES = {"sale": ("销售收入", "Sales"), "refund": ("退款", "Refunds"), "fee": ("平台服务费", "Platform fees"),
                       "other_in": ("其他收入", "Other income"), "other_out": ("其他支出", "Other expenses")}
# a fee given back (WeChat's on a refund, a 分账 returned): money in, which the fee category (支出) cannot
# take; the shop's own category for it where its 类别 sheet has one, else other income (said)
FEE_BACK = ("手续费返还", "Fee refunds")


# the P&L group (ledger.GROUPS) and direction of the kinds whose group says what they are: a shop that
# names its sales 淘宝销售 (分组 销售) books the statement's sales there, never under a 销售收入 to add
KIND_GROUPS = {"sale": ("sales", Direction.IN), "refund": ("refunds", Direction.OUT)}


def category_names(categories=(), lang: str = "zh") -> dict[str, str]:
    """PROPOSED_CATEGORIES by kind, each as the shop names it (`categories`: its 类别 sheet, the rows or
    their names), else, for a kind of KIND_GROUPS, the sheet's one category of its group and direction
    (淘宝销售 in 销售); "fee_back" the shop's FEE_BACK category, else its other income."""
    rows = [c for c in categories if c]
    have = {str(getattr(c, "category", c) or "").strip().lower(): getattr(c, "category", c) for c in rows}
    names = {k: have.get(zh.lower()) or have.get(en.lower()) or (zh if lang == "zh" else en)
             for k, (zh, en) in PROPOSED_CATEGORIES.items()}
    for kind, (group, way) in KIND_GROUPS.items():
        zh, en = PROPOSED_CATEGORIES[kind]
        own = [c.category for c in rows if getattr(c, "direction", None) is way and c.group and group_of(c) == group]
        if not (have.get(zh.lower()) or have.get(en.lower())) and len(own) == 1:  # (two: which is not ours to say)
            names[kind] = own[0]
    names["fee_back"] = have.get(FEE_BACK[0].lower()) or have.get(FEE_BACK[1].lower()) or names["other_in"]
    return names


# the ledger's account a statement is reconciled against, (zh, en): as the shop's 账户 sheet spells
# it when it has either word, else in the shop's language (an English shop's sheet says Alipay)
ALIPAY_NAMES = ("支付宝", "Alipay")
WECHAT_NAMES = ("微信", "WeChat")


def account_name(accounts=(), names: tuple[str, str] = ALIPAY_NAMES, lang: str = "zh") -> str:
    """The account `names` (zh, en) as the shop names it (`accounts`: its 账户 sheet's names)."""
    have = {a.strip().lower(): a for a in accounts if a}
    zh, en = names
    return have.get(zh.lower()) or have.get(en.lower()) or (zh if lang == "zh" else en)



def _order_of(e: Entry) -> str | None:
    """An entry's order number as the statement gives it: a person who copied the statement's 商户订单号 into
    订单编号 (T200P3515…, Alipay's number for a Taobao order) typed the order 3515…, and its line is that entry's
    (before: the line 'Alipay only', a possible repeat, and the entry 'ledger only')."""
    return ORDER_PREFIX.sub("", e.order_no) if e.order_no else e.order_no

@dataclass
class Pair:
    line: StatementLine
    entry: Entry


def ledger_row(res: Reconciliation, e: Entry) -> tuple[str, str]:
    """Where a ledger row is, said (zh, en): 流水账第 4 行, or, where 流水 is kept a sheet a year and read as one,
    流水账“2025流水”第 4 行: row 4 of 流水 is another row."""
    r, sheet = own_row(e.row or 0), sheet_of(e.row, res.sheets)
    if sheet is None:
        return f"流水账第 {r} 行", f"ledger row {r}"
    return f"流水账“{sheet}”第 {r} 行", f"ledger row {r} of '{sheet}'"


@dataclass
class Reconciliation:
    matched: list[Pair] = field(default_factory=list)
    amount_differs: list[Pair] = field(default_factory=list)
    alipay_only: list[StatementLine] = field(default_factory=list)
    ledger_only: list[Entry] = field(default_factory=list)
    grouped: list[tuple[Entry, list[StatementLine]]] = field(default_factory=list)  # a day's total against its lines
    # matched by number to an entry dated outside the statement's days (booked the day it showed):
    # the same money, never booked again; the day differs, which the balance check by day will say
    dated_apart: list[Pair] = field(default_factory=list)
    # a line only in the statement of the day and amount of an entry only in the ledger: probably
    # the same money under another number, for a person to look at, never booked
    doubtful: list[Pair] = field(default_factory=list)
    # a line whose own 账务流水号 the ledger has under another account (typed under 银行): the same money,
    # never booked again here; a person moves it to the right account
    other_account: list[Pair] = field(default_factory=list)
    proposed: list[Entry] = field(default_factory=list)
    proposed_from: list[StatementLine] = field(default_factory=list)  # each proposed entry's line
    # the statement's lines whose money has not moved yet (a WeChat refund still processing): never
    # paid nor booked; those the ledger has a row of already (booked ahead of the money), with it
    pending: list[StatementLine] = field(default_factory=list)
    pending_booked: list[Pair] = field(default_factory=list)
    # the ledger's 流水 sheets read as one (2025流水 beside 流水): a row said names its sheet (ledger_row)
    sheets: tuple[str, ...] = ()
    # where --json says each line and row is: the statement's file; the ledger's workbook and its 流水 sheet
    book: str = ""
    ledger_book: str = ""
    ledger_sheet: str = ""
    # an order's refund paid in parts across the statement's edge (100.00 on 11-30, 50.00 on 12-01) booked as one
    # row of the whole (150.00): pairs of amount_differs or doubtful, each with the side the rest lies on ("after":
    # the next month's statement, "before": the last's); the row is split, never 'corrected' to one part
    across: list[tuple[Pair, str]] = field(default_factory=list)
    # id(line) of such a pair → the order's other refund lines of this statement the row holds too (100.00 on 11-28,
    # 30.00 on 11-30, the rest on 12-01): held with it (in doubtful), never booked beside the row
    across_parts: dict[int, list[StatementLine]] = field(default_factory=dict)
    # lines matched to a row of their sum booked by hand a day or few off their day without a number (NEAR_DAYS): in
    # matched and dated_apart too, said as such a row
    near_day: list[Pair] = field(default_factory=list)
    # id(line) → the rows without a number within NEAR_DAYS of a line held because it cannot be told which is its
    # (two rows near it, or its row near another line of the sum too), and the other lines near those rows
    near_held: dict[int, NearRows] = field(default_factory=dict)
    # id(line) of a line held (in doubtful, with that row) whose one row a day or few off lies in another month (a charge
    # of 10-31 booked 11-02): counted as booked, its money would be in the row's month's profit and loss, not the line's
    near_month: set[int] = field(default_factory=set)
    # the statement's first and last days (None: a bill that says none): a held row outside them is said so
    days: tuple[dt.date, dt.date] | None = None

    @property
    def pending_rows(self) -> list[int]:
        """The statement's rows of money not yet moved (a refund and its fee are one row)."""
        return sorted({x.line for x in self.pending} | {p.line.line for p in self.pending_booked})

    def lines_json(self) -> dict:
        """Each difference and what --apply would book, line by line (the counts say how many)."""
        def line(x: StatementLine) -> dict:
            return {"book": self.book or None, "line": x.line, "txn_no": x.txn_no, "order_no": x.order_no or None,
                    "date": str(x.date), "amount": str(x.amount), "kind": x.kind or None}

        def entry(e: Entry) -> dict:
            # the row as its sheet numbers it, and that sheet (2025流水 where 流水 is kept a sheet a year beside 流水)
            sheet = (sheet_of(e.row, self.sheets) if e.row else None) or self.ledger_sheet or None
            return {"book": self.ledger_book or None, "sheet": sheet, "row": own_row(e.row) if e.row else e.row,
                    "date": str(e.date), "category": e.category, "amount": str(signed(e)), "txn_no": e.txn_no,
                    "order_no": e.order_no}

        # a refund paid in parts across the statement's edge, its row the whole: said on its pair, so that a script
        # splits the row as the person is told to, never 'corrects' it to one part ("after": the rest is on the next
        # statement, "before": on the last); the order's other parts here held with it, in their pairs too
        across = {id(p.line): side for p, side in self.across}
        across.update({id(y): across[x] for x, ys in self.across_parts.items() for y in ys})

        def near(p: Pair) -> dict:
            # a line held for rows of its sum without numbers a day or few off (NEAR_DAYS): those rows and their days,
            # whether one lies in another month than the line's (its money in that month's profit and loss: near_month,
            # or one of several) or outside the statement's days, and the other lines near them, each with ITS rows
            x, held = p.line, self.near_held.get(id(p.line))
            rows, n = (held.rows, held.n_rows) if held is not None else ([p.entry], 1)

            def outside(e: Entry) -> bool:
                return self.days is not None and not self.days[0] <= e.date <= self.days[1]

            def month(e: Entry) -> str:
                return f"{e.date:%Y-%m}"

            months = sorted({month(e) for e in rows if month(e) != f"{x.date:%Y-%m}"})
            return {"another_month": bool(months), "months": months,
                    "outside_statement_days": any(map(outside, rows)),
                    "rows": [{"book": self.ledger_book or None, "sheet": entry(e)["sheet"], "row": entry(e)["row"],
                              "date": str(e.date), "outside_statement_days": outside(e)} for e in rows],
                    "n_rows": n,
                    "other_lines": [{"line": y.line, "txn_no": y.txn_no, "date": str(y.date),
                                     "rows": [entry(e)["row"] for e in es], "n_rows": k}
                                    for y, (es, k) in zip(held.others, held.shared)] if held is not None else [],
                    "n_other_lines": held.n_others if held is not None else 0}

        def pair(p: Pair) -> dict:
            side = across.get(id(p.line))
            held = id(p.line) in self.near_held or id(p.line) in self.near_month
            return {"statement": line(p.line), "ledger": entry(p.entry),
                    **({"refund_split_across_edge": side} if side else {}),
                    **({"held_near_days": near(p)} if held else {})}

        return {"amount_differs": [pair(p) for p in self.amount_differs],
                "statement_only": [line(x) for x in self.alipay_only],
                "ledger_only": [entry(e) for e in self.ledger_only],
                "probable_duplicates": [pair(p) for p in self.doubtful],
                "booked_on_another_day": [{"statement": line(p.line), "ledger": entry(p.entry)}
                                          for p in self.dated_apart],
                "on_another_account": [{"statement": line(p.line), "ledger": {**entry(p.entry), "account": p.entry.account}}
                                       for p in self.other_account],
                "proposed": [{"date": str(e.date), "direction": e.direction.en, "category": e.category,
                              "amount": str(e.amount), "txn_no": e.txn_no} for e in self.proposed],
                "pending": [{"statement": line(x), "ledger": None} for x in self.pending]
                + [{"statement": line(p.line), "ledger": entry(p.entry)} for p in self.pending_booked]}

    def counts(self) -> dict:
        # (lines: a line booked as rows of its parts is one pair a row)
        return {"matched": len({id(p.line) for p in self.matched}) + sum(len(g) for _, g in self.grouped),
                "amount_differs": len(self.amount_differs), "alipay_only": len(self.alipay_only),
                "ledger_only": len(self.ledger_only), "probable_duplicates": len(self.doubtful),
                "on_another_account": len(self.other_account), "proposed": len(self.proposed)}


def line_kind(x: StatementLine) -> str | None:
    """What KIND_CATEGORIES makes of a line's kind words (None: words it does not know)."""
    return next((k for word, k in KIND_CATEGORIES if word in (x.kind or "")), None)


def named_category(x: StatementLine, ways: dict[str, Direction]) -> str | None:
    """The shop's category that the line's 商品名称 names, of the line's direction (the longest, of two
    characters or more): Alipay pays 直通车, 钻展 and 淘宝客 to alimama as 转账 named so."""
    way = Direction.IN if x.amount > 0 else Direction.OUT
    return max((c for c, d in ways.items() if d is way and len(c.strip()) >= 2 and c.strip() in (x.name or "")),
               key=lambda c: len(c.strip()), default=None)


def propose_entry(x: StatementLine, account: str, transfer_out: str | None = None,
                  names: dict[str, str] | None = None, lang: str = "zh", transfer_in: str | None = None,
                  ways: dict[str, Direction] | None = None) -> Entry:
    """The ledger line a statement line missing from the ledger calls for. A withdrawal (提现) and
    a top-up from the shop's bank card (充值) go to the shop's transfer categories (分组 内部转账,
    `transfer_out` and `transfer_in`) when it has them: they are no expense and no income. Money in
    of a kind not known (余额宝's interest: 其他) is other income, never a sale.
    A fee or a line of no kind that names one of the shop's categories in its 商品名称 (`ways`: each
    category's direction) goes to that category, never 其他支出 beside the shop's own 直通车.
    `names`: category_names(the shop's categories, its language)."""
    names = names or category_names(lang=lang)
    kind = line_kind(x)
    own = None  # the shop's transfer category, for money moved between its own accounts
    if kind == "transfer":
        own = transfer_out if x.amount < 0 else transfer_in
    if own is None:
        # the word names the kind, the sign says which way the money went: money in that is no sale
        # (a transfer received, a supplier's refund, 余额宝's interest) is other income, and money out
        # of no kind it knows (a purchase) other expenses
        if x.amount > 0 and kind != "sale":
            kind = "fee_back" if kind == "fee" else "other_in"
        elif x.amount < 0 and kind in (None, "sale", "transfer"):
            kind = "other_out"
    if own is None and kind in ("fee", "other_in", "other_out"):  # (a sale's or refund's name is its goods')
        own = named_category(x, ways or {})
    what = f"{x.kind}{'退回' if lang == 'zh' else ' given back'}" if kind == "fee_back" else x.kind  # (under 其他收入)
    note = f"对账补录 {what} {x.name}" if lang == "zh" else f"added by reconciliation: {what} {x.name}"
    return Entry.from_cells({
        "date": x.date, "direction": Direction.IN if x.amount > 0 else Direction.OUT,
        "category": own or names[kind], "amount": abs(x.amount), "account": account,
        "order_no": x.order_no or None, "txn_no": x.txn_no, "counterparty": x.counterparty or None,
        "note": note.strip()})


def reconcile_alipay(st: Statement, entries: list[Entry], account: str, transfer_out: str | None = None,
                     categories=(), lang: str = "zh", transfer_in: str | None = None,
                     ways: dict[str, Direction] | None = None) -> Reconciliation:
    """Any payment statement (Alipay; WeChat Pay read into the same lines by money/wechat.py)
    against the ledger's `account`. Match by 流水号 (账务流水号 or 业务流水号 = the entry's 流水号), then by order number,
    then by day and amount; what is left, one entry against the same day's lines (or that day's
    lines of one kind) when they sum to it (a daily total booked as one line), then against all the
    lines of one kind (a month's fees booked as one line). A number is the same money whatever day
    it was booked on: it is matched among all the account's entries (dated_apart where the entry's
    day lies outside the statement's), the rest among the statement's days."""
    res = Reconciliation()
    first, last = st.start, st.end
    res.days = (first, last) if first is not None else None
    mine = [e for e in entries if e.account == account]
    # a line the bill lists on a day before or after its own period (December's bill, from 12-01, with a
    # fee of 11-30 23:59 entered on 12-01) is matched among that day's rows too: else the fee booked on
    # 11-30 was "Alipay only" and booked again; that day's other rows are the other bill's, never "ledger only"
    outside = {x.date for x in st.lines if first is not None and not first <= x.date <= last}
    pool = [e for e in mine if first is not None and (first <= e.date <= last or e.date in outside)]
    by_txn: dict[str, list[Entry]] = defaultdict(list)  # any day's: a line's own number is its money's alone
    by_biz: dict[str, list[Entry]] = defaultdict(list)  # the statement's days': a 业务流水号 is shared (a payment's
    by_order: dict[str, list[Entry]] = defaultdict(list)  # refund and fees carry it), never matched across months
    for e in mine:
        if e.txn_no:
            by_txn[e.txn_no].append(e)
    for e in pool:
        if e.txn_no:
            by_biz[e.txn_no].append(e)
        if e.order_no:
            by_order[_order_of(e)].append(e)
    # an order's money booked without a number on a day outside the statement's (a refund the refund
    # export dates 10-31 that Alipay paid on 11-01): the same money at the same amount, never booked again
    by_order_apart: dict[str, list[Entry]] = defaultdict(list)
    for e in mine:
        if e.order_no and first is not None and not (first <= e.date <= last):
            by_order_apart[_order_of(e)].append(e)
    used: set[int] = set()
    # a line whose money has not moved (a refund still processing) takes first the ledger's row of it,
    # by one of its numbers or its order at its amount: no other line of the order pairs with that row
    for x in st.pending:
        e = next((e for n in (x.txn_no, *x.aliases) for e in by_txn.get(n, ()) if id(e) not in used), None)
        if e is None and x.order_no:
            e = next((e for e in by_order.get(x.order_no, ()) if id(e) not in used and not e.txn_no
                      and signed(e) == x.amount), None)
        if e is None:
            res.pending.append(x)
        else:
            used.add(id(e))
            res.pending_booked.append(Pair(x, e))

    def numbered(x: StatementLine) -> list[Entry]:
        if not (x.txn_no or x.biz_no):
            return []
        return [e for n in (x.txn_no, *x.aliases) for e in by_txn.get(n, [])] + by_biz.get(x.biz_no, [])

    def ordered(x: StatementLine) -> list[Entry]:
        # an entry that carries a number is that number's line's: never another line's by the order
        own = {x.txn_no, x.biz_no, *x.aliases}
        return [e for e in by_order.get(x.order_no, ()) if not e.txn_no or e.txn_no in own] if x.order_no else []

    def ordered_apart(x: StatementLine) -> list[Entry]:
        # (numbered: only with one of the line's own numbers, the payment's 交易号 a refund carries)
        own = {x.txn_no, x.biz_no, *x.aliases}
        return [e for e in by_order_apart.get(x.order_no, ()) if not e.txn_no or e.txn_no in own] if x.order_no else []

    # an order's sale, fee and refund share its numbers: every line takes an entry of its own amount
    # before any takes one of another (a fee line took the refund's entry, and --apply booked the
    # refund again); then the nearest amounts of the same sign pair up (an amount typed wrong)
    taken: dict[int, Entry] = {}  # id(line) → its entry
    # each line's own day's row first, by every line, then another day's, the nearest: an order's two refunds of one sum
    # (99.00 on 11-16 and 11-25, newest first on the statement) took the order's one row in the statement's order, 11-25's
    # the row of 11-16, and 11-16's, its row taken, was booked again by --apply beside the row of 11-25 booked by hand
    for cands_of in (numbered, ordered, ordered_apart):  # (another day's: at its exact amount only)
        for own_day in (True, False):
            for x in st.lines:
                if id(x) not in taken:
                    # (its own day's first: an order's sale and its refund typed 收入 are both +99.00)
                    same = [e for e in cands_of(x) if id(e) not in used and signed(e) == x.amount]
                    e = next((e for e in same if e.date == x.date), None) if own_day else \
                        min(same, key=lambda e: abs((e.date - x.date).days), default=None)
                    if e is not None:
                        used.add(id(e))
                        taken[id(x)] = e
    # an order's refund paid in parts (100.00, then 50.00) booked as one row of the whole (150.00): that row answers
    # for those lines together (before: the row an amount that differs from the first part, and the second
    # part 'only in the statement', which --apply booked beside the whole, the refund counted 50.00 twice)
    summed: set[int] = set()  # id(line) of those lines
    lines_of: dict[str, list[StatementLine]] = defaultdict(list)  # (by order: a statement of 10k lines walked once)
    for x in st.lines:
        if x.order_no:
            lines_of[x.order_no].append(x)
    for no, es in by_order.items():
        for e in es:
            if id(e) in used or no not in lines_of:
                continue
            open_ = [x for x in lines_of[no] if id(x) not in taken and (x.amount > 0) == (signed(e) > 0)]
            if e.txn_no and e.txn_no not in {n for x in open_ for n in (x.txn_no, *x.aliases)}:
                continue  # (a row numbered is its number's: --apply numbers such a row with its first part's)
            kinds: dict[str | None, list[StatementLine]] = defaultdict(list)
            for x in open_:
                kinds[line_kind(x)].append(x)
            # the lines of one kind (the refund's parts, not its fee beside them), else all of them
            part = next((g for g in [*kinds.values(), open_] if len(g) > 1
                         and sum((x.amount for x in g), ZERO) == signed(e)), None)
            if part is not None:
                used.add(id(e))
                res.grouped.append((e, part))
                for x in part:
                    taken[id(x)] = e
                    summed.add(id(x))
    # the other way: an order's one payment booked as rows of its parts (the goods 140.00 and the 运费 10.00 of one
    # payment of 150.00, each a row with the order): those rows together are its line (before: one of them an amount
    # that differs, to be 'corrected' to the whole, the other 'only in the ledger'); --apply numbers each with it
    split: dict[int, list[Entry]] = {}  # id(line) → its rows
    for x in st.lines:
        if id(x) in taken or not x.order_no or line_kind(x) == "fee":
            continue
        es = [e for e in ordered(x) if id(e) not in used and (signed(e) > 0) == (x.amount > 0)]
        if len(es) > 1 and sum((signed(e) for e in es), ZERO) == x.amount:
            used.update(id(e) for e in es)
            taken[id(x)] = es[0]
            split[id(x)] = es
    for cands_of in (numbered, ordered):
        # (a fee of an order, its 交易分账 commission, is never its refund typed wrong: by its own number only)
        near = sorted(((abs(signed(e) - x.amount), k, e) for k, x in enumerate(st.lines) if id(x) not in taken
                       and not (cands_of is ordered and line_kind(x) == "fee")
                       for e in cands_of(x) if id(e) not in used and (signed(e) > 0) == (x.amount > 0)),
                      key=lambda t: t[:2])
        for _, k, e in near:
            if id(st.lines[k]) not in taken and id(e) not in used:
                used.add(id(e))
                taken[id(st.lines[k])] = e
    # a row of the line's number or order at its amount with 收支 reversed (a refund typed 收入): that line's,
    # said as an amount that differs, never "only in the ledger" beside the line booked again
    for cands_of in (numbered, ordered):
        for x in st.lines:
            if id(x) not in taken and not (cands_of is ordered and line_kind(x) == "fee"):
                e = next((e for e in cands_of(x) if id(e) not in used and signed(e) == -x.amount), None)
                if e is not None:
                    used.add(id(e))
                    taken[id(x)] = e
    elsewhere: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.account != account and e.txn_no:
            elsewhere[e.txn_no].append(e)
    left: list[StatementLine] = []
    for x in st.lines:
        if id(x) in summed:  # (answered for together by one row: res.grouped)
            continue
        if id(x) in split:  # (its rows together: a pair each)
            res.matched += [Pair(x, e) for e in split[id(x)]]
            continue
        e = taken.get(id(x))
        if e is None:
            o = next((o for n in (x.txn_no, *x.aliases) for o in elsewhere.get(n, ())
                      if (signed(o) > 0) == (x.amount > 0)), None)
            if o is not None:
                res.other_account.append(Pair(x, o))
            else:
                left.append(x)
        elif signed(e) == x.amount:
            res.matched.append(Pair(x, e))
        else:
            res.amount_differs.append(Pair(x, e))
        if e is not None and first is not None and not (first <= e.date <= last) and e.date != x.date:
            res.dated_apart.append(Pair(x, e))
    # by day and amount, for entries booked without numbers: an entry whose 流水号 matched no
    # line, or whose order number is another, is a different payment (a line booked twice)
    free = defaultdict(list)
    for e in pool:
        if id(e) not in used and not e.txn_no:
            free[(e.date, signed(e))].append(e)
    still: list[StatementLine] = []
    for x in left:
        cands = free.get((x.date, x.amount), [])
        e = next((c for c in cands if id(c) not in used and (not c.order_no or not x.order_no
                                                              or _order_of(c) == x.order_no)), None)
        if e is not None:
            used.add(id(e))
            res.matched.append(Pair(x, e))
        else:
            still.append(x)
    # a day's total: one unnumbered entry = the sum of that day's remaining lines of the same sign
    by_day = defaultdict(list)
    for x in still:
        by_day[(x.date, x.amount > 0)].append(x)
    grouped_lines: set[int] = set()
    for e in pool:
        if id(e) in used or e.txn_no or e.order_no:
            continue
        key = (e.date, signed(e) > 0)
        group = by_day.get(key, [])
        kinds: dict[str | None, list[StatementLine]] = defaultdict(list)
        for x in group:
            kinds[line_kind(x)].append(x)
        # a withdrawal (提现) and its 服务费 summed in one row (100.10 as WeChat's 金额 says it): the row is the
        # transfer's, at what reached the bank card, and the fee a line of its own (before: both matched as the
        # day's total, the fee inside a transfer the P&L leaves out). Never a transfer and P&L money as one total
        # (two withdrawals of a day, each booked with its fee: each row is the one its line and own fee make up)
        mixed = "transfer" in kinds and len(kinds) > 1
        moved = next((t for t in kinds.get("transfer", ()) if (own := [f for f in kinds.get("fee", ()) if f.biz_no
                      and f.biz_no == t.txn_no]) and t.amount + sum((f.amount for f in own), ZERO) == signed(e)), None)
        if moved is None and mixed and len(kinds["transfer"]) == 1 \
                and sum((x.amount for x in group), ZERO) == signed(e):
            moved = kinds["transfer"][0]
        if moved is not None:
            used.add(id(e))
            res.amount_differs.append(Pair(moved, e))
            by_day[key] = [x for x in group if x is not moved]
            grouped_lines.add(id(moved))
            continue
        # all of the day's lines, else those of one kind (the day's sales total, beside a fee given back)
        part = next((g for g in [*(() if mixed else (group,)), *(kinds.values() if len(kinds) > 1 else ())]
                     if g and sum((x.amount for x in g), ZERO) == signed(e)), None)
        if part is not None:
            used.add(id(e))
            taken_now = {id(x) for x in part}
            by_day[key] = [x for x in group if id(x) not in taken_now]  # the day's lines answer for one entry
            res.grouped.append((e, part))
            grouped_lines |= taken_now
    # a withdrawal (提现) or top-up (充值) booked on the day the bank showed it (a 零钱提现 of 11-28 booked 11-29, or
    # 12-01 for one of 11-30), under the shop's transfer category, unnumbered: that row is the line's, at its amount
    # or with the line's own fee in it (before: 'ledger only' beside the line, and --apply booked it again)
    moves = {transfer_out, transfer_in} - {None} | {c.category for c in categories if isinstance(c, Category)
                                                    and group_of(c) in NOT_PNL}
    free_moves = [e for e in mine if not e.txn_no and not e.order_no and e.category in moves]  # (looked at once)
    fees_of: dict[str, list[StatementLine]] = defaultdict(list)  # a line's own fee lines, by its number
    for f in still:
        if f.biz_no and line_kind(f) == "fee":
            fees_of[f.biz_no].append(f)
    # each row the nearest line's, paired nearest first over the whole statement (line by line, in the bill's
    # newest-first order, a later line took the row an earlier one was booked as, the earlier one went
    # unmatched, and --apply booked it again); a row dated on or after its line alone (the bank shows the money
    # that day or later): one dated before it is another line's, last month's
    pairs = []
    for n, x in enumerate(still if free_moves else ()):
        if id(x) in grouped_lines or line_kind(x) != "transfer":
            continue
        fees = [f for f in fees_of.get(x.txn_no, ()) if id(f) not in grouped_lines]
        own_fee = sum((f.amount for f in fees), ZERO)
        pairs += [((e.date - x.date).days, n, e.row or 0, k, x, e, fees) for k, e in enumerate(free_moves)
                  if id(e) not in used and 0 < (e.date - x.date).days <= MOVED_DAYS
                  and signed(e) in {x.amount, x.amount + own_fee}]
    for _, _, _, _, x, e, fees in sorted(pairs, key=lambda p: p[:4]):
        if id(x) in grouped_lines or id(e) in used:
            continue
        used.add(id(e))
        grouped_lines.add(id(x))
        (res.matched if signed(e) == x.amount else res.amount_differs).append(Pair(x, e))
        res.dated_apart.append(Pair(x, e))
        for f in fees if signed(e) == x.amount else ():  # its fee, booked on that day too
            o = next((o for o in mine if id(o) not in used and not o.txn_no and not o.order_no
                      and o.date == e.date and signed(o) == f.amount and o.category not in moves), None)
            if o is not None and id(f) not in grouped_lines:
                used.add(id(o))
                grouped_lines.add(id(f))
                res.matched.append(Pair(f, o))
                res.dated_apart.append(Pair(f, o))
    # a period's total: one unnumbered entry for all the statement's remaining lines (two or more) of one
    # kind and its sign (WeChat's fees booked once a month as one line), dated within the months the
    # statement's days fall in: the month's last day may lie after the bill's last line
    if first is not None:
        by_kind: dict[tuple[str | None, bool], list[StatementLine]] = defaultdict(list)
        for x in still:
            if id(x) not in grouped_lines:
                by_kind[(line_kind(x), x.amount > 0)].append(x)
        since, until = whole_months(first, last)
        # each kind's sum added up once (before: again for every row not matched, and the fees sorted, a year's
        # statement beside a year of rows booked without numbers took minutes)
        totals = {k: sum((x.amount for x in g), ZERO) for k, g in by_kind.items()}
        for e in mine:
            if id(e) in used or e.txn_no or e.order_no or not since <= e.date <= until:
                continue
            key = next((k for k, g in by_kind.items() if k[1] == (signed(e) > 0) and len(g) > 1
                        and totals[k] == signed(e)), None)
            # else the fees net of those given back (a refund's on WeChat), as WeChat's 手续费总金额 says them:
            # 0.59 + 1.19 + 0.30 charged, 1.19 back, booked as one 0.89
            if key is None and ("fee", True) in by_kind and ("fee", False) in by_kind \
                    and totals[("fee", True)] + totals[("fee", False)] == signed(e):
                both = sorted(by_kind[("fee", True)] + by_kind[("fee", False)], key=lambda x: x.line)
                used.add(id(e))
                res.grouped.append((e, both))
                grouped_lines |= {id(x) for x in both}
                del by_kind[("fee", True)], by_kind[("fee", False)]
            elif key is not None:
                used.add(id(e))
                res.grouped.append((e, by_kind[key]))
                grouped_lines |= {id(x) for x in by_kind.pop(key)}
    res.alipay_only = [x for x in still if id(x) not in grouped_lines]
    res.ledger_only = [e for e in pool if id(e) not in used and first <= e.date <= last]
    spare = defaultdict(list)  # each entry answers for one line at most
    for e in res.ledger_only:
        spare[(e.date, signed(e))].append(e)
    for x in res.alipay_only:
        if spare.get((x.date, x.amount)):
            res.doubtful.append(Pair(x, spare[(x.date, x.amount)].pop(0)))
    doubtful = {id(p.line) for p in res.doubtful}
    # (a line of an order is left to its order's rows while one of its sign is left for it: else its row, booked by hand
    # without numbers a day or few off, is looked for as any line's)
    # (and the rows just outside the statement's days: a charge of 11-29 booked by hand on 12-01, held, never matched)
    edge = dt.timedelta(NEAR_DAYS)
    # (a transfer's row is a withdrawal's or top-up's: never a charge's, whatever its sum)
    beyond = [e for e in mine if first is not None and (first - edge <= e.date < first or last < e.date <= last + edge)
              and not e.txn_no and not e.order_no and e.category not in moves] if first is not None else []
    _near_days(res, used, doubtful, lambda x: [*ordered(x), *ordered_apart(x)], beyond)
    # a line of an order whose ledger row lies on another day at another amount (a refund the refund
    # export booked at 155.00 on 10-31, paid 150.00 on 11-01): probably the same money, for a person
    for x in res.alipay_only:
        o = None if id(x) in doubtful else next((e for e in ordered_apart(x) if id(e) not in used
                                                 and (signed(e) > 0) == (x.amount > 0)), None)
        if o is not None:
            used.add(id(o))
            res.doubtful.append(Pair(x, o))
            doubtful.add(id(x))
    # a line whose ledger row was typed a month (or a year) ahead or behind, with no number: the 直通车 of 11-06 typed
    # 12-06, or 10-06. Before, the line was 'only in the statement' and --apply booked it again under a ✓, the money
    # twice in the books (the row ahead 'only in the ledger' a month later); now it is probably that row, for a person
    typo: dict[tuple[Decimal, dt.date], list[Entry]] = {}  # (sum, day) → the rows (looked up, not walked: a year)
    for e in mine:
        if first is not None and not first <= e.date <= last and id(e) not in used and not e.txn_no \
                and not e.order_no:
            typo.setdefault((signed(e), e.date), []).append(e)
    booked = {(signed(e), e.date) for e in mine} if typo else set()
    # a sum on more than one of the lines not booked (the 0.59 fee of each 99.00 sale) is no one charge's: a row of
    # it a month off is as likely that month's own, and every such fee was held for a person, none booked. (Of the
    # lines not booked: a second 直通车 top-up of the same sum, booked with its number, leaves the first one's row
    # typed a month off its one candidate.) A line of an order (商户订单号) is a sale's or a refund's, whose rows are
    # found by the order (ordered_apart): a row of the same sum a month off is that month's own sale
    many = {a for a, n in Counter(x.amount for x in res.alipay_only).items() if n > 1} if typo else set()
    for x in res.alipay_only if typo else ():
        o = None if id(x) in doubtful or x.amount in many or x.order_no else next((e for d in (*typed_ahead(x.date), *typed_behind(x.date))
                                                 for e in typo.get((x.amount, d), ()) if id(e) not in used), None)
        if o is not None:
            # the same sum a month before the two days, or after them, too: a charge of every month (a subscription)
            # booked on its own month's day, not a typo (11-06's line, 10-06 and 09-06 booked: October's and September's)
            early, late = min(x.date, o.date), max(x.date, o.date)
            if early.year == late.year or (early.month, late.month) == (12, 1):  # (a month apart, not a year)
                if (x.amount, day_a_month_before(early)) in booked or (x.amount, day_a_month_after(late)) in booked:
                    o = None
            elif {(x.amount, d) for d in (day_a_month_before(x.date), day_a_month_before(o.date), day_a_month_after(o.date),
                                          years_on(early, -1), years_on(late, 1)) if d is not None} & booked:
                # a year apart: a charge of every year (its row the year before too), or of every month (the row's
                # month before or after it booked: this month's own row forgotten, not the year typed one off)
                o = None
        if o is not None:
            used.add(id(o))
            res.doubtful.append(Pair(x, o))
            doubtful.add(id(x))
    res.across = _refunds_across(res, first, last, mine)
    for p, side in res.across:  # (the order's other parts here: the row holds them too, never booked beside it)
        x, e = p.line, p.entry
        # (near the same edge: a refund of the order early in the month, 20.00 of postage on 11-05, is no part of
        # a row of 11-29's, and was held with it, unbooked)
        more = [y for y in res.alipay_only if y is not x and id(y) not in doubtful and y.order_no == x.order_no
                and line_kind(y) == "refund" and (y.amount < 0) == (x.amount < 0)
                and ((last - y.date).days if side == "after" else (y.date - first).days) <= EDGE_DAYS]
        if more and abs(x.amount + sum((y.amount for y in more), ZERO)) < abs(signed(e)):
            res.doubtful += [Pair(y, e) for y in more]
            doubtful |= {id(y) for y in more}
            res.across_parts[id(x)] = more
    names = category_names(categories, lang)
    # booked oldest first, as a person's ledger runs (Alipay lists newest first: 11-03 above 10-28)
    when = {id(x): k for k, x in enumerate(st.in_time_order)}
    res.proposed_from = sorted((x for x in res.alipay_only if id(x) not in doubtful), key=lambda x: when.get(id(x), 0))
    res.proposed = [propose_entry(x, account, transfer_out, names, lang, transfer_in, ways) for x in res.proposed_from]
    return res


def typed_ahead(day: dt.date) -> list[dt.date]:
    """`day` with its month or its year typed one too many: 12-06 for 11-06, 2027-01-06 for 2026-12-06 (January's
    month typed for December's), 2027-11-06 for 2026; none a calendar lacks (02-30 for 01-30)."""
    return _month_or_year_off(day, 1)


def typed_behind(day: dt.date) -> list[dt.date]:
    """`day` with its month or its year typed one too few: 10-06 for 11-06, 2026-12-06 for 2027-01-06 (December's
    month typed for January's), 2025-11-06 for 2026; none a calendar lacks (02-31 for 03-31)."""
    return _month_or_year_off(day, -1)


def _month_or_year_off(day: dt.date, by: int) -> list[dt.date]:
    """`day` with its month, then its year, `by` (1 or -1) off: those days a calendar has."""
    return [d for d in (_months_on(day, by, clamp=False), years_on(day, by)) if d is not None]


def _months_on(day: dt.date, by: int, clamp: bool = True) -> dt.date | None:
    """The same day `by` months on (back where negative); where that month has no such day, its last day
    (`clamp`: a charge of the 31st falls on the 30th of a month of 30), else None."""
    year, month = divmod(day.year * 12 + day.month - 1 + by, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last)) if clamp or day.day <= last else None


def day_a_month_before(day: dt.date) -> dt.date:
    """The same day of the month before, or that month's last day where it has none."""
    return _months_on(day, -1)


def day_a_month_after(day: dt.date) -> dt.date:
    """The same day of the month after, or that month's last day where it has none."""
    return _months_on(day, 1)


NEAR_DAYS = 3  # a row without a number this near a line's day, at its sum: booked a day or few off (a weekend, a holiday)
NEAR_SHOWN = 5  # the rows (and other lines) near a line held for them named on its message


@dataclass
class NearRows:
    """The rows without a number near a line held for them (reconcile.NEAR_DAYS), the first NEAR_SHOWN of them and how
    many in all; the other lines of the sum near those rows, the same."""
    rows: list[Entry]
    n_rows: int
    others: list[StatementLine]
    n_others: int
    # for each of `others`, the rows of this line's near IT (the first NEAR_SHOWN) and how many: a line is said with the
    # rows it shares, never as if every row named were near it (11-28's line and 12-02's row are 4 days apart)
    shared: list[tuple[list[Entry], int]] = field(default_factory=list)


def _near_days(res: Reconciliation, used: set[int], doubtful: set[int],
               order_rows: Callable[[StatementLine], list[Entry]], beyond: list[Entry] = ()) -> None:
    """The lines left 'only in the statement' whose row, booked by hand without a number, lies within NEAR_DAYS of the
    line's own day at its sum (the charge of every month Alipay took on 11-06, 10-06 the month before, booked 11-05):
    before, the line was held as October's row typed a month behind, or booked again by --apply beside the row 'only in
    the ledger'. Only rows of the statement's own days that matched no line (res.ledger_only: a row matched to its own
    line on its day, or last month's row, is never taken), one pass per sum, each line's rows and each row's lines
    looked up by day (bisect: a year of a fee's rows, never lines × rows). A line with one such row, that row near no
    other line of the sum, is matched (and dated_apart); a line with more, or whose row is near another line too, is
    held (doubtful, with a row of its own where one is left) and nothing of it booked: which is whose is not guessed.
    A line's one such row in another month (a charge of 10-31 booked 11-02) is held (near_month), never matched: the
    month's profit and loss hangs on that row's date. A line near none of those rows whose one such row lies just outside
    the statement's days (`beyond`: a charge of 11-29 booked 12-01, of 11-01 booked 10-30) is held the same way (near_month),
    never matched: that row is in another statement's days, whose own line of the sum (the next month's charge of 12-01)
    may be its; two such rows near it are other money. A line of an order is left to its order's rows (`order_rows`) while one of the line's sign is not matched yet; else
    (its sale's row matched, its refund's booked by hand without numbers a day late; a 商户单号 of no order of ours, the
    courier's for a 寄件 paid on WeChat) it is looked at as any line."""
    from bisect import bisect_left, bisect_right

    spared = {id(p.entry) for p in res.doubtful}
    rows: dict[Decimal, list[Entry]] = defaultdict(list)
    for e in res.ledger_only:
        if not e.txn_no and not e.order_no and id(e) not in spared:
            rows[signed(e)].append(e)
    apart: dict[Decimal, list[Entry]] = defaultdict(list)  # the rows just outside the statement's days, by sum
    for e in beyond:
        if id(e) not in used and id(e) not in spared and not e.txn_no and not e.order_no:
            apart[signed(e)].append(e)
    lines: dict[Decimal, list[StatementLine]] = defaultdict(list)
    # (a line of an order of ours with a row of its sign left: found by the order; a withdrawal's or top-up's, on or
    # after its day: MOVED_DAYS)
    for x in res.alipay_only if rows or apart else ():
        if id(x) not in doubtful and (x.amount in rows or x.amount in apart) and line_kind(x) != "transfer" and not any(
                id(e) not in used and id(e) not in spared and (signed(e) > 0) == (x.amount > 0) for e in order_rows(x)):
            lines[x.amount].append(x)
    near = dt.timedelta(NEAR_DAYS)
    done: set[int] = set()
    for amount, xs in lines.items():
        es = sorted(rows.get(amount, ()), key=lambda e: (e.date, e.row or 0))
        days = [e.date for e in es]
        xs.sort(key=lambda x: (x.date, x.line))
        xdays = [x.date for x in xs]
        held: set[int] = set()
        for x in xs:
            lo, hi = bisect_left(days, x.date - near), bisect_right(days, x.date + near)
            if lo == hi:
                continue
            doubtful.add(id(x))
            # the lines near those rows: every line within NEAR_DAYS of the first to the last (no two of the rows, all
            # within NEAR_DAYS of x, lie more than twice NEAR_DAYS apart)
            olo, ohi = bisect_left(xdays, days[lo] - near), bisect_right(xdays, days[hi - 1] + near)
            # (its one row, in its own month: a row across the month's end is held, below)
            if hi - lo == 1 and ohi - olo == 1 and (es[lo].date.year, es[lo].date.month) == (x.date.year, x.date.month):
                e = es[lo]
                used.add(id(e))
                done.add(id(x))
                pair = Pair(x, e)
                res.matched.append(pair)
                res.dated_apart.append(pair)
                res.near_day.append(pair)
                continue
            # held with its own row where one is left: the nearest not held with another line, else the nearest
            at = bisect_left(days, x.date, lo, hi)
            order = sorted(range(lo, hi), key=lambda k: (abs((days[k] - x.date).days), k)) if hi - lo <= 2 * NEAR_SHOWN \
                else sorted(range(max(lo, at - NEAR_SHOWN), min(hi, at + NEAR_SHOWN)), key=lambda k: (abs((days[k] - x.date).days), k))
            k = next((k for k in order if id(es[k]) not in held), order[0])
            held.add(id(es[k]))
            res.doubtful.append(Pair(x, es[k]))
            if hi - lo == 1 and ohi - olo == 1:  # (its one row, in another month)
                res.near_month.add(id(x))
                continue
            others = [y for y in xs[olo:min(ohi, olo + NEAR_SHOWN + 1)] if y is not x][:NEAR_SHOWN]
            shared = []
            for y in others:
                klo, khi = max(lo, bisect_left(days, y.date - near)), min(hi, bisect_right(days, y.date + near))
                shared.append((es[klo:min(khi, klo + NEAR_SHOWN)], khi - klo))
            res.near_held[id(x)] = NearRows(es[lo:min(hi, lo + NEAR_SHOWN)], hi - lo, others, ohi - olo - 1, shared)
    # a line near no row of the statement's days whose rows of the sum lie just outside them: held with them, never
    # booked (one such row, no other line near it: near_month; more rows, or lines sharing a row: near_held, each
    # named), the rows kept from any other check (a month's typo) until all are looked at (before: a line with two
    # such rows was booked again beside its own; one row held every line near it, each said as if it were the one).
    # A sum on more lines or rows there than a person sorts by hand (NEAR_SHOWN: the 0.59 fee of every sale beside
    # next month's own fee rows) is no one charge's: booked as before, as the month-typo check leaves it ('many')
    out: dict[int, Entry] = {}
    for amount, xs in lines.items():
        if amount not in apart:
            continue
        es_all = sorted(apart[amount], key=lambda e: (e.date, e.row or 0))
        days = [e.date for e in es_all]
        near_x: dict[int, list[Entry]] = {}
        row_lines: dict[int, list[StatementLine]] = defaultdict(list)
        for x in xs:
            if id(x) in doubtful:
                continue
            lo, hi = bisect_left(days, x.date - near), bisect_right(days, x.date + near)
            if lo < hi:  # (nearest first: the row the held pair names)
                near_x[id(x)] = sorted(es_all[lo:hi], key=lambda e: abs((e.date - x.date).days))
                for e in es_all[lo:hi]:
                    row_lines[id(e)].append(x)
        if not near_x or len(near_x) > NEAR_SHOWN or len(row_lines) > NEAR_SHOWN:
            continue
        for x in xs:
            if (es := near_x.get(id(x))) is None:
                continue
            others = list({id(y): y for e in es for y in row_lines[id(e)] if y is not x}.values())
            doubtful.add(id(x))
            res.doubtful.append(Pair(x, es[0]))
            if len(es) == 1 and not others:
                res.near_month.add(id(x))
            else:
                # (named by day, as the rows of the statement's days are)
                shown = sorted(es[:NEAR_SHOWN], key=lambda e: (e.date, e.row or 0))
                shared = [[e for e in shown if any(z is y for z in row_lines[id(e)])] for y in others[:NEAR_SHOWN]]
                res.near_held[id(x)] = NearRows(shown, len(es), others[:NEAR_SHOWN], len(others),
                                                [(s, len(s)) for s in shared])
            out.update((id(e), e) for e in es)
    used.update(out)
    if done:
        gone = {id(p.entry) for p in res.near_day}
        res.alipay_only = [x for x in res.alipay_only if id(x) not in done]
        res.ledger_only = [e for e in res.ledger_only if id(e) not in gone]


# a withdrawal or top-up booked this many days from the statement's line (the day the bank showed it): its row
MOVED_DAYS = 3
EDGE_DAYS = 3  # a refund's part this near the statement's first or last day: its other part may be across it


def _refunds_across(res: Reconciliation, first: dt.date | None, last: dt.date | None,
                    mine: list[Entry]) -> list[tuple[Pair, str]]:
    """The refunds of res.amount_differs and res.doubtful whose ledger row of their order holds more than the line
    (the same way), the line near the statement's edge: the row is the whole refund, its rest paid on the other side
    of that edge (the next month's statement, or the last's). "after" or "before", as the row's day and the line's
    tell it. Not where a row of the order on that side (`mine`: the account's rows) holds the rest already: that
    part is booked (last month's reconcile booked the 11-30 part beside a row of 12-01), and splitting the row would
    book it twice."""
    if first is None:
        return []
    beyond: dict[str, list[Entry]] = defaultdict(list)  # an order's rows outside the statement's days
    for e in mine:
        if e.order_no and not first <= e.date <= last:
            beyond[_order_of(e)].append(e)
    out = []
    for p in [*res.amount_differs, *res.doubtful]:
        x, e = p.line, p.entry
        if line_kind(x) != "refund" or not e.order_no or _order_of(e) != x.order_no or not (
                (signed(e) < 0) == (x.amount < 0) and abs(signed(e)) > abs(x.amount)):
            continue
        near_end, near_start = (last - x.date).days <= EDGE_DAYS, (x.date - first).days <= EDGE_DAYS
        if e.date < first or e.date > last:  # (the row on the rest's side: booked when the rest was paid)
            side = "before" if e.date < first and near_start else "after" if e.date > last and near_end else None
        else:  # (the row on the line's day, or near: booked when the first part was paid, or the whole at once)
            side = "after" if near_end and (e.date >= x.date or not near_start) else "before" if near_start else None
        rest = signed(e) - x.amount
        if side is not None and not any(o is not e and signed(o) == rest and (o.date < first) == (side == "before")
                                        for o in beyond.get(x.order_no, ())):
            out.append((p, side))
    return out


# --- courier bills -----------------------------------------------------------------

@dataclass
class BillLine:
    line: int
    tracking_no: str
    weight: Decimal | None
    province: str
    fee: Decimal
    date: dt.date | None = None
    charges: Decimal = ZERO  # what the line costs beside its freight (保价费 …): in the bill's amount, not checked
    returned: bool = False  # the line says the parcel went back (业务类型 退回件, 备注 拒收退回): a trip of its own
    # a cell of the line did not read (its error says which): the parcel is on the bill, its money unknown
    unread: bool = False


@dataclass
class CourierCheck:
    billed_not_shipped: list[BillLine] = field(default_factory=list)
    shipped_not_billed: list[tuple[str, str]] = field(default_factory=list)  # (order no, tracking no)
    # shipped on the bill's last day or the day after and not on it: collected later, on the next bill
    # (not a difference yet); the next bill's check takes them up again from this report, (order, tracking, day)
    next_bill: list[tuple[str, str, dt.date]] = field(default_factory=list)
    heavy: list[tuple[BillLine, Decimal]] = field(default_factory=list)  # (line, our estimate)
    fee_differs: list[tuple[BillLine, Decimal]] = field(default_factory=list)  # (line, fee by our rates)
    billed_twice: list[BillLine] = field(default_factory=list)  # a tracking number's second (third …) line
    # a parcel of ours billed on its way back to us (refused, undeliverable: the bill's 退回件 line of its
    # number), (line, order no); and a buyer's return the 售后 sheet names by its 退货单号, (line, case no)
    returned: list[tuple[BillLine, str]] = field(default_factory=list)
    returns: list[tuple[BillLine, str]] = field(default_factory=list)
    unread: list[BillLine] = field(default_factory=list)  # a parcel's line a cell of which did not read: money unknown
    # a parcel of an order our books never shipped (待审核, 已审核, 已挂起, 已取消): (line, order no, its status)
    not_marked: list[tuple[BillLine, str, str]] = field(default_factory=list)
    # the courier's credits on a parcel (a line below 0: 重复计费冲销, 调账), each with the line it cancels
    # (billed twice, or not ours, at its amount; or the parcel's own) or corrects (its price put right by
    # part of it), None when it settles none
    credits: list[tuple[BillLine, BillLine | None]] = field(default_factory=list)
    # a parcel's second line of another amount that makes its fee up to the rates' (续重补收, 补差价): (line, the
    # parcel's first line), the courier charging the rest, not billing it twice
    topped_up: list[tuple[BillLine, BillLine]] = field(default_factory=list)
    # a parcel of ours whose fee was checked against nothing (no weight on its line, no price for its courier or
    # province): the check did part of its job, never a ✓ (why: the bill's warnings)
    unchecked: list[BillLine] = field(default_factory=list)
    # a parcel whose goods have no 重量(kg) on 商品 (or are on no 商品 row), with those SKUs: its billed weight was
    # not judged against a weight made up for them (0.5 kg each), never called heavy or right by it
    unweighed: list[tuple[BillLine, list[str]]] = field(default_factory=list)
    billed_total: Decimal = ZERO  # every charge of the bill: its freight and other_charges
    other_charges: Decimal = ZERO
    charged_to_buyers: Decimal = ZERO
    courier: str | None = None  # whose bill it was taken for (None: no courier could be told)
    told_by: str = ""  # how: "option" (--courier), "name" (the bill's), "parcels" (ours it names), "numbers" (their shape)
    book: str = ""  # the bill's file, and the sheet of a workbook its lines are on: where each line is
    sheet: str = ""
    # where each parcel of shipped_not_billed and next_bill is in our books: tracking no → (workbook, sheet, row)
    # of its order's first line, as --json says it beside each (the bill has no line of it)
    shipped_at: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    report: Path | None = None  # the reconciliation's workbook (reports/对账-快递-…xlsx)

    @property
    def margin(self) -> Decimal:
        return self.charged_to_buyers - self.billed_total

    def part_credits(self, b: BillLine) -> list[BillLine]:
        """The credits that take part of line `b`'s fee back (调账 -1.00 of its 8.00), none of them the whole line."""
        return [c for c, x in self.credits if x is b and b.fee + b.charges + c.fee + c.charges]

    def net_fee(self, b: BillLine) -> Decimal:
        """Line `b`'s freight less what its part credits take back: the fee the courier charges the parcel, the
        one judged against the rates (8.00 billed, 调账 -1.00: 7.00)."""
        return b.fee + sum((c.fee + c.charges for c in self.part_credits(b)), ZERO)

    def to_json(self) -> dict:
        # each parcel said where a person finds it: its bill's line (file, sheet, line), or our order's row
        def at(b: BillLine) -> dict:
            return {"book": self.book, "sheet": self.sheet or None, "line": b.line}

        def ours(t: str) -> dict:
            book, sheet, row = self.shipped_at.get(t, (None, None, None))
            return {"book": book, "sheet": sheet, "row": row}

        return {"courier": self.courier, "courier_told_by": self.told_by,
                # each with what a person takes up with the courier: the parcel, its day and money, where it is
                "billed_not_shipped": [{"tracking_no": b.tracking_no, "date": str(b.date) if b.date else None,
                                        "amount": str(b.fee + b.charges), **at(b)} for b in self.billed_not_shipped],
                "shipped_not_billed": [{"order_no": o, "tracking_no": t, **ours(t)} for o, t in self.shipped_not_billed],
                "next_bill": [{"order_no": o, "tracking_no": t, "shipped_on": str(d), **ours(t)}
                              for o, t, d in self.next_bill],
                "heavy": [{"tracking_no": b.tracking_no, **at(b), "billed_kg": str(b.weight), "estimated_kg": str(w)}
                          for b, w in self.heavy],
                # (billed: the fee net of the credits on the line, each named with its line)
                "fee_differs": [{"tracking_no": b.tracking_no, **at(b), "billed": str(self.net_fee(b)), "by_rates": str(f),
                                 **({"line_fee": str(b.fee), "credits": [{"line": c.line, "amount": str(c.fee + c.charges)}
                                                                          for c in cs]} if (cs := self.part_credits(b)) else {})}
                                for b, f in self.fee_differs],
                "billed_twice": [{"tracking_no": b.tracking_no, **at(b), "fee": str(b.fee + b.charges)}
                                 for b in self.billed_twice],
                "returned": [{"tracking_no": b.tracking_no, **at(b), "order_no": o, "fee": str(b.fee + b.charges)}
                             for b, o in self.returned],
                "returns": [{"tracking_no": b.tracking_no, **at(b), "case_no": c, "fee": str(b.fee + b.charges)}
                            for b, c in self.returns],
                "unread_lines": [b.line for b in self.unread],
                "fee_not_checked": [{"tracking_no": b.tracking_no, **at(b)} for b in self.unchecked],
                "weight_not_checked": [{"tracking_no": b.tracking_no, **at(b), "skus": skus}
                                       for b, skus in self.unweighed],
                "billed_not_marked_shipped": [{"tracking_no": b.tracking_no, **at(b), "order_no": o, "status": st}
                                              for b, o, st in self.not_marked],
                "credits": [{"tracking_no": c.tracking_no, **at(c), "amount": str(c.fee + c.charges),
                             "cancels_line": b.line if b and not b.fee + b.charges + c.fee + c.charges else None,
                             # (调账: the line's price put right, the line stands at the rest)
                             "corrects_line": b.line if b and b.fee + b.charges + c.fee + c.charges else None}
                            for c, b in self.credits],
                "topped_up": [{"tracking_no": x.tracking_no, **at(x), "amount": str(x.fee + x.charges),
                               "adds_to_line": b.line} for x, b in self.topped_up],
                "report": self.report and str(self.report),
                "billed_total": str(self.billed_total), "other_charges": str(self.other_charges), "charged_to_buyers": str(self.charged_to_buyers),
                "courier_margin": str(self.margin)}
