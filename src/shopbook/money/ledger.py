"""The ledger's arithmetic: running balances per account, balance checks, the P&L.
Pure functions over typed records; every sum is Decimal, exact to the fen."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import ROW_SPAN, DataStop, Issue, at, en_count, few, own_row
from ..schema import Account, BalanceCheck, Category, Direction, Entry, OrderLine, OrderStatus
from ..values import BadValue, years_on, yuan

ZERO = Decimal("0.00")
SUSPECTS_SHOWN = 3  # the rows a failing 余额核对 names as its likely cause; how many more fit is said
# P&L groups in report order, and the words a 分组 cell may use for each
GROUPS = {
    "sales": ("销售", "sales"), "refunds": ("退款", "refunds"), "cost of goods": ("商品成本", "cost of goods"),
    "shipping": ("快递运费", "shipping"), "advertising": ("推广", "advertising"), "salaries": ("工资", "salaries"),
    "packaging": ("包装耗材", "packaging"), "agent settlements": ("代理结算", "agent settlements"),
    "other": ("其他", "other"),
    # money moved between the shop's own accounts (Alipay withdrawn to the bank, the bank topping
    # up WeChat): it changes balances, never the P&L
    "transfers": ("内部转账", "转账", "transfers"),
}
NOT_PNL = {"transfers"}
# the plain words people type for a group (快递, courier): offered as it when typed, never read as it — a
# group outside the list stays validate's error for a person to settle (运费 may be income or cost), but its
# "did you mean" names the group meant, not the nearest spelling (courier: 'other')
GROUP_HINTS = {
    "cost of goods": ("进货", "进货成本", "采购", "采购成本", "货款", "cogs", "purchases"),
    "shipping": ("快递", "运费", "物流", "快递费", "邮费", "courier", "postage", "delivery", "logistics", "freight"),
    "advertising": ("广告", "推广费", "直通车", "ads", "marketing", "promotion"),
    "salaries": ("薪资", "人工", "工资奖金", "wages", "payroll", "staff"),
    "packaging": ("包装", "耗材", "supplies", "packing"),
    "sales": ("销售收入", "收入", "revenue", "income"),
}
_GROUP_WORDS = {w.lower(): k for k, names in GROUPS.items() for w in (*names, k)}


def entry_sheets(wd) -> tuple[str, ...]:
    """The 流水 sheets read as one (2025流水 beside 流水), as the rows' numbers count them; () for one sheet."""
    sd = wd.sheets.get(Entry)
    return tuple(p.sheet for p in sd.parts) if sd is not None else ()


def group_of(category: Category | None) -> str:
    if category is None or not category.group:
        return "other"
    return _GROUP_WORDS.get(category.group.strip().lower(), "other")


def signed(e: Entry) -> Decimal:
    return e.amount if e.direction is Direction.IN else -e.amount


def balances(accounts: list[Account], entries: list[Entry], as_of: dt.date | None = None) -> dict[str, Decimal]:
    """Each account's balance at the end of `as_of` (all entries when None)."""
    bal = {a.account: a.opening_balance for a in accounts}
    for e in entries:
        if e.account in bal and (as_of is None or e.date <= as_of):
            bal[e.account] += signed(e)
    return bal


def _suspects(c: BalanceCheck, diff: Decimal, mine: list[Entry], others: list[Entry],
              since: dt.date | None, transfers: set[str]) -> list[tuple[Entry, str, str]]:
    """The entries whose amount explains a check's gap (stated − computed), each with what to
    do: a number of balance to search by hand tells the bookkeeper nothing about which line.
    差额正好等于某行金额（或两倍）时，那一行最可能是原因：直接指出行号，不让人逐行去找。
    `since`: the day of the account's last check that agreed (a line before it is not the cause)."""
    def fresh(e: Entry) -> bool:
        return (since is None or e.date > since) and e.date <= c.date

    out = []
    for e in mine:
        if e.date > c.date and signed(e) == diff:  # 日期填晚了（或填成了将来的年份） / dated late
            out.append((e, f"日期 {e.date} 在核对日之后；若钱在 {c.date} 前已动，改正日期",
                        f"dated {e.date}, after this check; if the money moved by {c.date}, correct its date"))
        elif fresh(e) and signed(e) == -diff:  # 日期记早了、重复、记错账户 / dated early, booked twice, wrong account
            # most often a day early: a Taobao sale typed the day the buyer paid reaches Alipay when the buyer
            # confirms receipt; never told to delete what is most likely a real sale
            moved, moved_en, why, why_en = (("到账", "came in", "（如买家确认收货那天才到账）",
                                             " (a sale reaches Alipay the day the buyer confirms receipt)")
                                            if signed(e) > 0 else ("付出", "went out", "", ""))
            out.append((e, (f"填的余额里没有这笔：若钱是 {c.date} 之后才{moved}的{why}，把日期改成{moved}那天；"
                            "若是重复记录或记错了账户，删除或改正它"),
                        (f"the stated balance lacks it: if its money {moved_en} after {c.date}{why_en}, correct its "
                         "date to that day; if it is booked twice or in the wrong account, delete or correct it")))
        elif fresh(e) and signed(e) * 2 == -diff:  # 收支记反了，差额是金额的两倍 / direction reversed
            out.append((e, "收支可能填反了（差额是它的两倍）", "its direction may be reversed (the gap is twice it)"))
    # several lines typed a year late (late December's "12-30" typed in January: Excel gives it this year),
    # together the gap where no one line is: the first named, with the others' rows
    late = [e for e in mine if e.date > c.date and (b := years_on(e.date, -1)) is not None and b <= c.date
            and (since is None or b > since)]
    if len(late) > 1 and not out and sum((signed(e) for e in late), ZERO) == diff:
        rows = "、".join(str(own_row(e.row)) for e in late[1:])
        zh = f"日期在核对日之后，正好晚一年；它和第 {rows} 行（共 {len(late)} 行，都是这样）合起来正好是差额：是不是年份写错了？改正这些行的年份"
        en = (f"dated after this check, a year late; with rows {rows.replace('、', ', ')} ({len(late)} in all, each so) "
              "it makes the gap exactly: is the year mistyped? Correct these rows' year")
        out.append((late[0], zh, en))
    if not out:
        # several lines of one day and category that together make the gap: a month's pay booked on its last
        # day (staff pay --book) and paid from the bank on the 5th, a batch typed twice (before: "look for a
        # missing or wrong entry", the 5 lines that explain it unnamed)
        days: dict[tuple[dt.date, str], list[Entry]] = defaultdict(list)
        for e in mine:
            if fresh(e):
                days[e.date, e.category].append(e)
        for (day, cat), es in days.items():
            if len(es) > 1 and sum((signed(e) for e in es), ZERO) == -diff:
                rows = "、".join(str(own_row(e.row)) for e in es[1:])
                moved, moved_en = ("到账", "came in") if diff < 0 else ("付出", "went out")
                out.append((es[0], (f"它和第 {rows} 行（共 {len(es)} 行 {day} {cat}）合起来正好是差额：若这些钱是 {c.date} 之后才"
                                   f"{moved}的（如下个月才发的工资），把它们的日期改成{moved}那天；若是重复记录或记错了账户，删除或改正它们"),
                            (f"with rows {rows.replace('、', ', ')} ({len(es)} lines of {cat} on {day}) it makes the gap "
                            f"exactly: if their money {moved_en} after {c.date} (pay paid the next month), correct their "
                            "date to that day; if they are booked twice or in the wrong account, delete or correct them")))
                break
    for e in others:  # 内部转账只记了一边 / a transfer booked on one side only
        if e.category in transfers and fresh(e) and signed(e) == -diff:
            out.append((e, f"是{e.account}的内部转账：这边少记了对应的一行（{c.account} {e.date} {yuan(diff, True)}）",
                        f"a transfer in {e.account}: its other side is missing here ({c.account} {e.date} {yuan(diff, True)})"))
    return out


def unsure_entries(entries: list[Entry], unreadable: list[Entry], known: set[str]) -> list[Entry]:
    """The 流水 lines a balance check cannot count on (check_balances' `unreadable`): those that do not read,
    those naming an account the 账户 sheet lacks, and those whose 金额 is negative (-99 typed on a 支出 row:
    which way the money went is not known; before, the check's gap, twice it, named two rows of the right amount
    as 'reversed' or 'not in the balance'). validate and the self-check pass the same: a check either
    disagreed with by such a line is that line's error, never a mismatch of its own."""
    return [*unreadable, *(e for e in entries if e.account not in known or e.amount < 0)]


def sheet_of(row: int | None, sheets: tuple[str, ...]) -> str | None:
    """The sheet a row of 流水 read as one is on, where it is kept a sheet a year (`sheets`: entry_sheets, 2025流水
    and 流水); None where it is one sheet."""
    return sheets[(row or 0) // ROW_SPAN] if len(sheets) > 1 else None


def entry_at(e: Entry, sheets: tuple[str, ...] = ()) -> tuple[str, str]:
    """Where an entry is, said (zh, en): 流水第 4 行, or, where 流水 is kept a sheet a year and read as one
    (`sheets`: 2025流水, 流水), “2025流水”第 4 行: row 4 of 流水 is another row."""
    r, sheet = own_row(e.row or 0), sheet_of(e.row, sheets)
    if sheet is None:
        return f"流水第 {r} 行", f"Entries row {r}"
    return f"“{sheet}”第 {r} 行", f"row {r} of '{sheet}'"


def check_balances(accounts: list[Account], entries: list[Entry], checks: list[BalanceCheck],
                   unreadable: list[Entry] = (), known: set[str] | None = None,
                   categories: list[Category] = (), sheets: tuple[str, ...] = ()) -> list[Issue]:
    """Every 余额核对 row against the running balance (opening + entries up to and
    including that day): a mismatch names the stated and computed balance and the difference,
    and the entries whose amount explains it (`categories`: which are transfers).
    A check that an `unreadable` entry (a typo in its amount, or in its account: one not in
    `known`) may count in is left alone: that typo is its one error, not a mismatch on every
    check after it."""
    by_account: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_account[e.account].append(e)
    opening = {a.account: a for a in accounts}
    transfers = {c.category for c in categories if group_of(c) in NOT_PNL}
    moved = [e for e in entries if e.category in transfers]  # (a 200k-line ledger: searched once, not per check)
    out = []
    agreed: dict[str, dt.date] = {}
    for c in sorted(checks, key=lambda c: (c.account, c.date)):
        a = opening.get(c.account)
        if a is None:
            continue  # an unknown account is reported by the reference check
        if any((u.account in (None, c.account) or (known is not None and u.account not in known))
               and (u.date is None or u.date <= c.date) for u in unreadable):
            continue
        computed = a.opening_balance + sum((signed(e) for e in by_account[c.account] if e.date <= c.date), ZERO)
        if computed != c.balance:
            diff = c.balance - computed
            every = _suspects(c, diff, by_account[c.account], [e for e in moved if e.account != c.account],
                              agreed.get(c.account), transfers)
            found, rest = every[:SUSPECTS_SHOWN], every[SUSPECTS_SHOWN:]
            zh = "".join(f"{entry_at(e, sheets)[0]}（{e.account} {e.date} {e.direction.value} {yuan(e.amount)} {e.category}）：{w}。"
                         for e, w, _ in found)
            en = "".join(f" {entry_at(e, sheets)[1]} ({e.account} {e.date} {e.direction.en} {yuan(e.amount)} {e.category}): {w}."
                         for e, _, w in found)
            if rest:  # (before: the first three alone, and a fourth, the row that was the cause, never named)
                rows_zh, rows_en = few([entry_at(e, sheets)[0] for e, _, _ in rest], shown=10,
                                       en=[entry_at(e, sheets)[1] for e, _, _ in rest], unit="行")
                zh += f"另有 {len(rest)} 行的金额也对得上差额：{rows_zh}。"
                en += f" {en_count(len(rest), 'more row')} {'fit' if len(rest) > 1 else 'fits'} the gap as well: {rows_en}."
            out.append(at(c, "balance", "error",
                          f"{c.account} 在 {c.date} 的余额核对不符：填的是 {yuan(c.balance)}，按流水算是 {yuan(computed)}，相差 {yuan(diff, True)}。"
                          + (f"可能的原因：{zh}" if found else "请查找漏记或记错的流水。"),
                          f"{c.account} on {c.date}: the stated balance {yuan(c.balance)} differs from the computed "
                          f"{yuan(computed)} by {yuan(diff, True)}." + (f" Likely cause:{en}" if found else " Look for a missing or wrong entry.")))
        else:
            agreed[c.account] = c.date
    return out


@dataclass
class AccountMonth:
    account: str
    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal


@dataclass
class PnL:
    month: str
    lines: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # group → category → signed amount
    accounts: list[AccountMonth] = field(default_factory=list)
    # the 余额核对 up to the month's end that disagree (check_balances, located; money.workflow.ledger_report
    # fills it): an entry missing or wrong there is missing or wrong in this P&L too
    balance_issues: list[Issue] = field(default_factory=list)
    # the reader's word on the sheets read (流水 blank, its rows in 流水2026 beside it; a copy 流水 (2)): the
    # P&L counts what the sheet read holds, and without it a P&L of nothing looks like a quiet month
    sheet_warnings: list[Issue] = field(default_factory=list)
    entries: int = 0  # the month's 流水 rows: none, and its zeros are no quiet month (ledger_said says so)
    # of a month under way: the day it is made, and how many of its rows are dated after it (rent typed ahead)
    today: dt.date | None = None
    ahead: int = 0

    def so_far(self) -> tuple[str, str]:
        """What the P&L's title adds for a month not over (zh, en), else ('', ''): its figures are to today, and
        rows dated after today, which it counts, are said (a title 'to today' would pass them off as done)."""
        if self.today is None:
            return "", ""
        n = self.ahead
        return (f"（本月还没有结束：到 {self.today} 为止" + (f"；含 {n} 笔日期在这之后的流水" if n else "") + "）",
                f" (the month is not over: to {self.today}" + (f"; with {n} {'entry' if n == 1 else 'entries'} "
                                                                f"dated after it" if n else "") + ")")

    def group_total(self, group: str) -> Decimal:
        return sum(self.lines.get(group, {}).values(), ZERO)

    @property
    def income(self) -> Decimal:
        return sum((v for g in self.lines.values() for v in g.values() if v > 0), ZERO)

    @property
    def expense(self) -> Decimal:
        return -sum((v for g in self.lines.values() for v in g.values() if v < 0), ZERO)

    @property
    def net(self) -> Decimal:
        return sum((v for g in self.lines.values() for v in g.values()), ZERO)

    def to_json(self) -> dict:
        return {"month": self.month,
                "groups": {g: {"total": str(self.group_total(g)), "categories": {k: str(v) for k, v in cats.items()}}
                           for g, cats in self.lines.items()},
                "income": str(self.income), "expense": str(self.expense), "net": str(self.net), "entries": self.entries,
                "accounts": [{"account": a.account, "opening": str(a.opening), "income": str(a.income),
                              "expense": str(a.expense), "closing": str(a.closing)} for a in self.accounts]}


SENT = (OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def ship_days(ls: list[OrderLine]) -> list[dt.date | None]:
    """The day each line of an order (`ls`, its rows in sheet order) shipped (None: not shipped). A line's
    own 状态 and 发货日期; a row a person left blank takes the order's (状态 typed on its first row,
    发货日期 on any): the one rule the ledger's margin, the courier check and the agents' statements
    count a line by."""
    typed = [ln.shipped_on for ln in ls if ln.shipped_on is not None and (ln.status or ls[0].status) in SENT]
    return [(ln.shipped_on or min(typed)) if typed and (ln.status or ls[0].status) in SENT else None for ln in ls]


def as_sent(lines: list[OrderLine]) -> list[OrderLine]:
    """`lines` with each blank 状态 and 发货日期 read as its order's (ship_days), in the same order: a line
    typed in full is the same record, one filled a copy at its own row (a record read is never changed)."""
    # only the orders with a row to fill are grouped: the monthly review and the day figures call this on a
    # 100k-line shop, where most orders are typed in full (one pass of two attribute reads, not a dict of lists)
    sent = SENT
    wanted = {ln.order_no for ln in lines if ln.status is None or ln.shipped_on is None and ln.status in sent}
    if not wanted:
        return lines
    orders: dict[str, list[OrderLine]] = {}
    for ln in lines:
        if ln.order_no in wanted:
            orders.setdefault(ln.order_no, []).append(ln)
    from ..io.sheet_edit import _copy_with  # (model_copy's per-call cost: 0.5 s for 50k rows typed once)

    filled: dict[int, OrderLine] = {}
    for ls in orders.values():
        if ls[0].status is None and all(ln.status is None for ln in ls):
            continue  # no row says it: nothing to fill
        for ln, day in zip(ls, ship_days(ls)):
            status = ln.status or ls[0].status
            if status is not ln.status or day != ln.shipped_on and day is not None:
                filled[id(ln)] = _copy_with(ln, {"status": status, "shipped_on": day or ln.shipped_on})
    return [filled.get(id(ln), ln) for ln in lines] if filled else lines


def not_signed_for(lines: list[OrderLine], today: dt.date, days: int) -> list[OrderLine]:
    """Each order shipped `days` or more days before `today` and not 已签收 yet, by its first line
    (a blank 状态 or 发货日期 read as the order's: as_sent), oldest first: the parcels customer
    service chases (催单), in `orders follow-up` and the self-check alike; a day's by order number."""
    seen: set[str] = set()
    late = []
    for ln in as_sent(lines):
        if ln.order_no in seen:
            continue
        seen.add(ln.order_no)
        if ln.status is OrderStatus.SHIPPED and ln.shipped_on and (today - ln.shipped_on).days >= days:
            late.append(ln)
    return sorted(late, key=lambda h: (h.shipped_on, h.order_no))  # (however the rows are sorted)


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """'2026-11' and nothing else (no spaces, tabs or newlines: the month ends up in file names).
    BadValue (a ValueError) says which: the form, or a month that is not 01–12."""
    if not isinstance(month, str) or not re.fullmatch(r"\d{4}-\d{2}", month):
        raise BadValue(f"月份格式应为 YYYY-MM，例如 2026-11：{month}", f"The month must be YYYY-MM, e.g. 2026-11: {month}")
    y, m = map(int, month.split("-"))
    if not 1 <= m <= 12:
        raise no_such_month(month, m)
    return _month(y, m)


def _month(y: int, m: int) -> tuple[dt.date, dt.date]:
    """The first and last day of month `m` of year `y`."""
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return dt.date(y, m, 1), nxt - dt.timedelta(days=1)


def whole_months(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of `first`'s month and the last of `last`'s: the months a statement's days fall in."""
    return _month(first.year, first.month)[0], _month(last.year, last.month)[1]


def no_such_month(typed: str, m: int) -> BadValue:
    return BadValue(f"月份“{typed}”不存在：没有 {m} 月，月份是 01–12，例如 2026-11。",
                    f"The month '{typed}' does not exist: there is no month {m}; months are 01 to 12, e.g. 2026-11.")


def month_or_stop(month: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """month_bounds for a command's --month: a month that does not read, or that has not begun
    (a P&L, a settlement or a month's pay of days to come: figures of nothing, with a ✓), stops it,
    saying why. The month under way is a month so far."""
    try:
        first, last = month_bounds(month)
    except BadValue as e:
        raise DataStop(e.zh, e.en) from None
    today = today or dt.date.today()
    if first > today:
        raise DataStop(f"--month {month} 还没有开始（今天是 {today}）：请给一个已经开始的月份。",
                            f"--month {month} has not begun (today is {today}): give a month that has.")
    return first, last


def month_before(day: dt.date) -> str:
    """The month before `day`'s, as --month takes it (YYYY-MM): what the monthly jobs default to."""
    return f"{day.replace(day=1) - dt.timedelta(days=1):%Y-%m}"


def shop_began(lines, *more: dt.date | None) -> dt.date | None:
    """The shop's first dated record: an order line's 付款时间 or 发货日期, or the earliest of `more`
    (the agents' payments, the 日报 rows); None when nothing is dated yet."""
    days = [d.date() if isinstance(d, dt.datetime) else d for ln in lines for d in (ln.paid_at, ln.shipped_on)]
    return min((d for d in (*days, *more) if d is not None), default=None)


def not_before(month: str, last: dt.date, days, since: tuple[str, str], nothing: tuple[str, str],
               path: object = None) -> None:
    """Stop a --month that ends before the first of `days` (the shop's data for the job: its first
    order, the books' opening): 2025-01 typed for 2026-01 would make a statement or a P&L of nothing
    with a ✓. `since` names that first day's kind ("{began}" in it is the day), `nothing` what there
    is not to make (zh, en). A month after it, however quiet, is made as ever."""
    began = min((d for d in days if d is not None), default=None)
    if began is not None and began > last:  # a month its staff typed: said in the shop's language, as "not begun"
        # (a button (利润表, 代理月结) takes last month, typed by nobody: a shop in its first month pressing it was
        # told "--month 2026-11 …请检查年份和月份")
        raise DataStop(f"--month {month} 在{since[0].format(began=began)}之前：{nothing[0]}。请检查年份和月份。",
                       f"--month {month} ends before {since[1].format(began=began)}: {nothing[1]}. Check the "
                       "year and the month.", path,
                       by_button=(f"这个按钮做上个月（{month}）的，它在{since[0].format(began=began)}之前：{nothing[0]}。"
                                  f"{began:%Y-%m} 过完以后再按。",
                                  f"This button works on last month ({month}), which ends before "
                                  f"{since[1].format(began=began)}: {nothing[1]}. Press it again once {began:%Y-%m} "
                                  "is over."))


def pnl(month: str, entries: list[Entry], categories: list[Category], accounts: list[Account],
        today: dt.date | None = None) -> PnL:
    """The month's P&L by category group, and each account's opening and closing balance.
    One pass over the entries. `today`: where the month is not over by then, its figures are so far."""
    first, last = month_bounds(month)
    cats = {c.category: c for c in categories}
    groups = {name: group_of(c) for name, c in cats.items()}
    out = PnL(month, today=today if today is not None and last >= today else None)
    # an account the books open after the month (the bank added in November) had no balance of ours in it:
    # its opening balance shown as October's opening and closing was a balance nobody had stated for then
    opening = {a.account: a.opening_balance for a in accounts if a.opening_date <= last}
    inc = dict.fromkeys(opening, ZERO)
    exp = dict.fromkeys(opening, ZERO)
    lines: dict[str, dict[str, Decimal]] = {}
    for e in entries:
        if e.date < first:
            if e.account in opening:
                opening[e.account] += e.amount if e.direction is Direction.IN else -e.amount
        elif e.date <= last:
            out.entries += 1
            if out.today is not None and e.date > out.today:
                out.ahead += 1
            v = e.amount if e.direction is Direction.IN else -e.amount
            group = groups.get(e.category, "other")
            if group not in NOT_PNL:
                g = lines.setdefault(group, {})
                g[e.category] = g.get(e.category, ZERO) + v
            if e.account in inc:
                if v > 0:
                    inc[e.account] += v
                else:
                    exp[e.account] -= v
    order = list(GROUPS)
    out.lines = dict(sorted(lines.items(), key=lambda kv: order.index(kv[0])))
    out.accounts = [AccountMonth(a, opening[a], inc[a], exp[a], opening[a] + inc[a] - exp[a]) for a in opening]
    return out


# what a person reads for each P&L group and gross-margin figure, in the shop's language
MARGIN_LABELS = {"revenue": ("发货收入", "revenue"), "cost": ("商品成本", "cost of goods"),
                 "courier_cost": ("快递成本", "courier cost"), "platform_fee": ("平台扣点", "platform fee"),
                 "gross_margin": ("毛利", "gross margin")}


def group_label(group: str, lang: str) -> str:
    names = GROUPS.get(group)
    return (names[0] if lang == "zh" else names[-1]) if names else group


def margin_label(key: str, lang: str) -> str:
    names = MARGIN_LABELS.get(key)
    return (names[0] if lang == "zh" else names[1]) if names else key
