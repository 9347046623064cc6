"""Staff performance pay (绩效), pure: the 绩效 rows, the order lines and the after-sales cases
in; each person's month and the salary ledger lines to propose out. Money is Decimal, each
amount rounded to the fen half-up once, where it is worked out.

- base: the 底薪 as typed.
- commission: the month's closed sales of the orders whose 客服 is the person (goods:
  单价 × 数量 of each line not cancelled or closed, of orders paid in the month, less what was
  refunded of them: a 退货退款 or 仅退款 case 已完成, or a return 已收到退货, at its 退款金额, else
  at its goods' price; never more than the order's lines counted) × 提成比例. A refunded order
  earns nothing, a partly refunded one earns on what the buyer kept.
- piece pay: per day, the parcels the person packed (打包员, 发货日期 in the month) above 每日定额;
  the sum of those × 计件单价. A parcel is a waybill (快递单号): orders shipped together (合并发货)
  under one are one box packed; an order without one is one parcel a day, however many lines it has. A line
  with its own 打包员, 发货日期 or 快递单号 (an order sent in two parts) is its own parcel, by them.
- top-seller bonus: the 销冠奖金 of the customer-service person with the month's highest
  closed sales (each of them on a tie; nobody when no one sold).
- deductions: 投诉扣款 × the complaints (售后 type 投诉, opened in the month, 客服 the
  person, not 已关闭: a closed complaint was not upheld).
- total = base + commission + piece pay + bonus − deductions.

A person's pay changed mid-month is a second row of their name with a 起始日期 (in_force): each day is paid at the
rates of the row in force that day (the sales paid that day at its 提成比例, the parcels packed that day against its
每日定额 at its 计件单价, a complaint at the 投诉扣款 of the day it was opened), the 底薪 by the days of the month each
row is in force, the 销冠奖金, role, account and 在职 as of the month's last day.

A 客服 or 打包员 is the person whose name it is as values.code_key compares (letter case, spaces and
full-width aside: a scan file's 打包员 ann is Ann); one that is nobody's is said, never dropped quietly."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..issues import Issue, at, few, row_beside
from ..money.ledger import as_sent
from ..orders.couriers import parcels
from ..values import by_code_key, code_key
from ..schema import (AfterSalesCase, CaseStatus, CaseType, Category, Direction, Entry, OrderLine, OrderStatus,
                      StaffMember, StaffRole)
from .typed import Typed, said_doubt, said_nobody_s, said_renamed, said_twice, said_typed, typed_pay

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
NOT_SALES = (OrderStatus.CANCELLED, OrderStatus.CLOSED)
SENT = (OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def fen(x: Decimal) -> Decimal:
    return x.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass
class PersonMonth:
    name: str
    role: StaffRole
    base: Decimal
    sales: Decimal = ZERO
    commission: Decimal = ZERO
    packed: int = 0
    above_quota: int = 0
    piece: Decimal = ZERO
    bonus: Decimal = ZERO
    complaints: int = 0
    deductions: Decimal = ZERO
    days: list[tuple[dt.date, int, int]] = field(default_factory=list)  # (day, packed, above quota)
    # a leaver's (离职日期 before the month's last day): their row, the 底薪 for the days worked only, and the advice
    # said at their 底薪 (_left_in), which once their pay is booked gives way to saying so (booked_leaver)
    leaver: StaffMember | None = field(default=None, repr=False)
    worked_base: Decimal | None = None
    # why worked_base is short of the month's (zh, en): a leaver's 离职日期, a rehire's days away (_rehired_base)
    off: tuple[str, str] | None = None
    advice: list[Issue] = field(default_factory=list, repr=False)

    def by_days(self, was: Decimal) -> bool:
        """Whether `was`, the pay booked, is the month's with the 底薪 for the days worked only (the advice followed:
        the base typed so, booked, then set back to the whole month's)."""
        return self.worked_base is not None and self.worked_base != self.base and \
            was == self.total - self.base + self.worked_base

    @property
    def total(self) -> Decimal:
        return self.base + self.commission + self.piece + self.bonus - self.deductions

    def said(self) -> tuple[str, str]:
        """The month as `staff pay` says it (zh, en): each part named as the report's columns name it
        (a part that is nought left out, the base always there), adding up to the total."""
        parts = [(self.commission, "提成", "commission"), (self.piece, "计件工资", "piece pay"),
                 (self.bonus, "销冠奖金", "top-seller bonus")]
        plus = [(f" + {zh} ¥{v:,.2f}", f" + {en} ¥{v:,.2f}") for v, zh, en in parts if v]
        if self.deductions:
            plus.append((f" − 投诉扣款 ¥{self.deductions:,.2f}", f" − deductions ¥{self.deductions:,.2f}"))
        return (f"{self.name} {self.role.value}：底薪 ¥{self.base:,.2f}{''.join(z for z, _ in plus)} = 合计 ¥{self.total:,.2f}",
                f"{self.name} ({self.role.en}): base ¥{self.base:,.2f}{''.join(e for _, e in plus)} = "
                f"total ¥{self.total:,.2f}")

    def to_json(self) -> dict:
        return {"person": self.name, "role": self.role.value, "role_en": self.role.en, "base": str(self.base),
                "sales": str(self.sales), "commission": str(self.commission), "packed": self.packed,
                "above_quota": self.above_quota, "piece": str(self.piece), "bonus": str(self.bonus),
                "complaints": self.complaints, "deductions": str(self.deductions), "total": str(self.total)}


@dataclass
class Payroll:
    month: str
    people: list[PersonMonth]
    ledger: list[Entry] = field(default_factory=list)  # proposed salary lines, not written
    issues: list[Issue] = field(default_factory=list)


def _in(d: dt.date | None, first: dt.date, last: dt.date) -> bool:
    return d is not None and first <= d <= last


# a later row's blank cell is the row before's: a change typed with what changed (计件单价 and 起始日期), its 每日定额
# left blank, paid every parcel of those days as above a quota of 0, and its 发薪账户 blank proposed no salary line.
# Not 在职 nor 离职日期: a new row is a person working from its 起始日期 (one rehired, the old row's 离职日期 carried
# over, was left out of the month's pay, unsaid)
CARRIED = ("commission_rate", "piece_rate", "daily_quota", "top_bonus", "complaint_deduction", "pay_account")


def dated(staff: list[StaffMember]) -> dict[str, list[StaffMember]]:
    """Each person's rows, by name, earliest 起始日期 first (a blank one: from the start); a later row's blank cells
    (CARRIED) as the row before has them."""
    out: dict[str, list[StaffMember]] = {}
    for s in staff:
        out.setdefault(s.name, []).append(s)
    for n, rows in out.items():
        rows.sort(key=lambda r: r.start or dt.date.min)
        for i in range(1, len(rows)):
            if blank := {f: v for f in CARRIED if getattr(rows[i], f) is None and (v := getattr(rows[i - 1], f)) is not None}:
                rows[i] = rows[i].model_copy(update=blank)
        _left_on_every_row(rows)
    return out


def _left_on_every_row(rows: list[StaffMember]) -> None:
    """A 离职日期 (and its 在职 否) typed on one row of a person's is the person's: on each of their rows begun by that
    day, blank there (a raise row of 11-10 under a first row saying 离职 11-20: before, the raise row, in force at
    the month's end, paid the whole month unsaid; a first row saying 离职 10-15 with a raise row of 09-01 paid
    November in full). Not on a row begun after it: someone who came back."""
    for r in [r for r in rows if r.left_on is not None]:
        for i, x in enumerate(rows):
            if x.left_on is None and (x.start is None or x.start <= r.left_on):
                rows[i] = x.model_copy(update={"left_on": r.left_on, **({"active": False} if r.active is False
                                                                         and x.active is None else {})})


def in_force(rows: list[StaffMember], day: dt.date) -> StaffMember:
    """The row of a person's (dated) in force on `day`: the latest 起始日期 on or before it; the earliest row for a
    day before all of them."""
    now = rows[0]
    for r in rows:
        if r.start is None or r.start <= day:
            now = r
    return now


def as_of(staff: list[StaffMember], day: dt.date) -> list[StaffMember]:
    """One row a person, the one in force on `day`, in the sheet's order of names; nobody whose first row starts
    after it (a newcomer of next month, typed in before this month's pay: paid this month's whole 底薪 before)."""
    return [in_force(rows, day) for rows in dated(staff).values() if rows[0].start is None or rows[0].start <= day]


def _base(rows: list[StaffMember], first: dt.date, last: dt.date) -> Decimal:
    """The month's 底薪: as typed where one 底薪 is in force all month, else each row's for the days it is in force."""
    days = [in_force(rows, first + dt.timedelta(n)).base for n in range((last - first).days + 1)]
    if len(set(days)) == 1:
        return days[0]
    return fen(sum(days, ZERO) / len(days))


def spelt(staff: list[StaffMember]):
    """The 绩效 sheet's name a 客服, 打包员 or 对方 cell means: its own where it is one, else the one name
    of the sheet it is as values.code_key compares (ann, Ann, ＡＮＮ), else as typed."""
    by_key = by_code_key(s.name for s in staff)
    names = {s.name for s in staff}
    seen: dict[str, str] = {}

    def name_of(who: str) -> str:
        if who in names:
            return who
        if who not in seen:  # (a month's orders name a few people many times)
            seen[who] = by_key.get(code_key(who), who)
        return seen[who]
    return name_of


# (a 每日定额 of −5 would pay 5 parcels a day more than were packed)
PAY_AMOUNTS = ("base", "piece_rate", "top_bonus", "complaint_deduction", "daily_quota")


def rule_issues(staff: list[StaffMember]) -> list[Issue]:
    """The 绩效 cells that read but would pay wrong: an error at each 提成比例 of 100 % (the whole of
    the sales closed paid again as commission: a bare 1 reads as 100 %, but it is a rate of 1 % typed
    without its % sign; 3 is refused for that doubt, 1 is not, being a fraction too), and at each
    amount below 0 (底薪 typed (2600) paid the person −2,600.00, and proposed no salary line)."""
    out = _twice(staff)
    out += [at(s, "commission_rate", "error",
              "提成比例是 100%：提成会等于这个人促成的全部销售额。若是 1%，请写 1%（或 0.01）。",
              "The commission rate is 100 %: the commission would be all the sales this person closed. For 1 % "
              "write 1% (or 0.01).")
           for s in staff if s.commission_rate is not None and s.commission_rate >= 1]
    # a row whose 离职日期 is before its own 起始日期: the row of one taken back, copied from their old row with its
    # 离职日期 still on it; the person read as gone since, their days back unpaid: a month after, left out unsaid
    out += [at(s, "left_on", "error",
               f"{s.name} 这一行从 {s.start} 起（起始日期），离职日期 {s.left_on} 却在那之前：{s.name} 会被当成那天已离职，"
               f"{s.start} 起的工资不算。是重新入职、从旧行复制的新行的话，请把这一行的离职日期清空、在职改为“是”（旧行的离职日期"
               "留着）；不是的话，请改正这两个日期。",
               f"{s.name}'s row is from {s.start} (its start date), but its leaving date {s.left_on} is before that: "
               f"{s.name} would be taken as gone since, and paid nothing from {s.start}. If this is the new row of one "
               "taken back, copied from their old row, clear its leaving date and set active to yes (keep the old "
               "row's leaving date); if not, correct the two dates.")
            for s in staff if s.start is not None and s.left_on is not None and s.left_on < s.start]
    for s in staff:
        for name in PAY_AMOUNTS:
            if (v := getattr(s, name)) is not None and v < 0:
                col, off = StaffMember.column(name).col, name == "complaint_deduction"
                out.append(at(s, name, "error", f"{col.zh}不能是负数：请填正数" + ("（绩效里会减去）。" if off else "。"),
                              f"The {col.en.replace('_', ' ')} cannot be negative: enter it as a positive number"
                              + (" (pay takes it off)." if off else ".")))
    return out


def _twice(staff: list[StaffMember]) -> list[Issue]:
    """A name on two rows of one 起始日期 (both blank): two people of one name, or a change of pay typed without the
    day it starts; whose orders and which rates are whose would be a guess (paid twice, once each row). One name
    spelt two ways (Mei, mei) on two rows likewise: the orders name them as one."""
    out, seen = [], {}
    for s in staff:
        key = code_key(s.name)
        if key not in seen:
            seen[key] = s
            continue
        was = seen[key]
        (zh_row, en_row), start = row_beside(was, s), s.start or was.start
        if was.name != s.name:
            out.append(at(s, "name", "error",
                          f"“{s.name}”和{zh_row}的“{was.name}”只差大小写、全角或空格，订单表里会当成同一个人：是同一个人的话，"
                          f"两行写成一样的名字（工资改了再填起始日期）；是两个人的话，请用不同的名字。",
                          f"'{s.name}' differs from '{was.name}' on {en_row} only in letter case, width or spaces, and "
                          "the orders name them as one: if one person, spell both rows alike (with a start date for a "
                          "change of pay); if two people, give them different names."))
        elif s.start == was.start:
            day_zh, day_en = (f"起始日期都是 {start}", f"both from {start}") if start else ("起始日期都空着", "neither with a start date")
            out.append(at(s, "name", "error",
                          f"重复的姓名“{s.name}”：{zh_row}已有（{day_zh}）。是这个人的工资标准改了的话，新的一行填上从哪天起的"
                          "起始日期（表里没有“起始日期”这一列的话，先在表头加上），旧的行留着；是两个同名的人的话，请把名字区分开"
                          f"（如 {s.name}A、{s.name}B），订单表的客服、打包员和售后表的客服也照这样写。",
                          f"Duplicate name '{s.name}': {en_row} has it already ({day_en}). If this person's pay changed, "
                          "give the new row the day it starts in its 'from' column (add that column to the header if the "
                          "sheet has none) and keep the old row; if two people share the name, tell them apart "
                          f"({s.name} A, {s.name} B), and write them so in the orders' cs and packer columns and the "
                          "after-sales staff column too."))
    return out


def month_pay(staff: list[StaffMember], lines: list[OrderLine], cases: list[AfterSalesCase], first: dt.date,
              last: dt.date, booked: Collection[str] = (),
              paid_on: dict[str, dt.date] | None = None) -> tuple[list[PersonMonth], list[Issue]]:
    """Each person's month; `booked`: the people whose pay for it the ledger holds (booked_pay), `paid_on`
    the day each one's was booked (paid): a refund whose case was opened after it is not taken off the pay
    already paid, said (a December sale returned in January, after December's pay left on 01-05). One
    whose 在职 is 否 is left out, but not from a month booked for them: they worked it (a leaver's last
    month, booked before 在职 was set to 否), and its report, top seller and orders stay theirs; so is one whose
    离职日期 is in the month. One whose 离职日期 is before it is left out though 在职 is still 是."""
    lines = as_sent(lines)  # a blank 状态 is its order's, as the ledger reads it
    left_typed = {(s.name, s.left_on): s for s in staff if s.left_on is not None}  # (the row a 离职日期 is typed on)
    rows_of = dated(staff)  # (a person's pay changed mid-month: each day at the rates of that day)
    staff = as_of(staff, last)
    # a leaver is paid for the month they leave in, whether or not 在职 was set to 否 since; one who left
    # before it is not (their 在职 still 是: the base would be paid for a month not worked)
    people = [s for s in staff if (s.active is not False and not _gone(s, first)) or s.name in booked
              or _leaves_in(s, first, last)]
    names = {s.name for s in people}
    by_name = {s.name: s for s in people}
    name_of = spelt(staff)
    issues: list[Issue] = []
    sales: dict[str, Decimal] = defaultdict(lambda: ZERO)
    at_rate: dict[str, dict[Decimal, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))  # person → rate → sales
    order_rate: dict[str, Decimal] = {}  # the 提成比例 in force the day an order was paid
    packed: dict[str, dict[dt.date, set]] = defaultdict(lambda: defaultdict(set))  # person → day → parcels
    seen_packed: set[str] = set()
    boxes: set[tuple] = set()  # the parcels counted: each packed once, by the first packer named on it
    # a 客服 / 打包员 not on 绩效 → their orders (order no. → the row and cell naming them), said with the orders
    unknown: dict[str, dict[str, tuple[OrderLine, str]]] = defaultdict(dict)
    heads: dict[str, OrderLine] = {}
    counted: list[OrderLine] = []  # the lines of sales counted: what refunds are taken back from
    order_cs: dict[str, str] = {}
    order_wide = ("cs", "packer", "paid_at", "shipped_on", "tracking_no")
    undated: dict[str, list[OrderLine]] = defaultdict(list)  # packer → the shipped orders with no 发货日期
    unrated: dict[str, dict] = defaultdict(dict)  # 客服 → their rows with 提成比例 blank → (row, order → sales)
    # a leaver's 离职日期 in the month, and the orders naming them paid (客服) or shipped (打包员) after it
    last_day = {s.name: s.left_on for s in people if _leaves_in(s, first, last)}
    after_left: dict[str, tuple[dict, dict]] = defaultdict(lambda: ({}, {}))
    # one taken back: the days between leaving and coming back (_away, not after their last row's 离职日期: that is
    # after_left), and the orders naming them paid (客服) or shipped (打包员) on those days, order → day, and the
    # complaints opened on them naming them (客服), case → day
    between = {n: days for n in names if len(rows_of[n]) > 1 and (days := _days_away(rows_of[n], first, last))}
    while_away: dict[str, tuple[dict, dict, dict]] = defaultdict(lambda: ({}, {}, {}))
    for ln in lines:
        if (h := heads.setdefault(ln.order_no, ln)) is not ln and any(
                getattr(h, f) is None and getattr(ln, f) is not None for f in order_wide):
            # typed on one row of the order, not its first: the order's still (never nobody's)
            heads[ln.order_no] = h.model_copy(update={f: getattr(h, f) or getattr(ln, f) for f in order_wide})
    for ln in lines:
        # the 客服, payment and packing are the order's (its first line's, else the first typed on any of
        # its rows); whether a line is a sale is its own 状态: one line of an order may be closed while the
        # rest ships (agents settle reads it so too); a blank one is its order's (as_sent: 状态 typed once, on
        # the order's first row, an order typed 已取消 there sold none of its rows)
        head = heads[ln.order_no]
        if head.cs and ln.status not in NOT_SALES and head.paid_at and _in(head.paid_at.date(), first, last):
            if (cs := name_of(head.cs)) in names:
                if cs in last_day and head.paid_at.date() > last_day[cs]:
                    after_left[cs][0].setdefault(ln.order_no, head)
                elif head.paid_at.date() in between.get(cs, ()):
                    while_away[cs][0].setdefault(ln.order_no, head.paid_at.date())
                sales[cs] += (ln.unit_price or ZERO) * ln.qty
                rule = in_force(rows_of[cs], head.paid_at.date())
                rate = order_rate.setdefault(ln.order_no, rule.commission_rate or ZERO)
                if rule.commission_rate is None:  # a blank 提成比例: paid 0 on it, said (blank_rates)
                    unrated[cs].setdefault(id(rule), (rule, {}))[1].setdefault(ln.order_no, ZERO)
                    unrated[cs][id(rule)][1][ln.order_no] += (ln.unit_price or ZERO) * ln.qty
                at_rate[cs][rate] += (ln.unit_price or ZERO) * ln.qty
                counted.append(ln)
                order_cs[ln.order_no] = cs
            else:
                unknown[cs].setdefault(ln.order_no, (head, "cs"))
        # the line's parcel: its own 打包员, 发货日期 and 快递单号 where typed (an order sent in two parts, the 预售 line
        # packed days later by someone else under a waybill of its own), else its order's; its waybills: two orders to
        # one receiver under one (合并发货) are one box, packed once, and an order's lines under none are one box a day
        who, day = ln.packer or head.packer, ln.shipped_on or head.shipped_on
        if who and _in(day, first, last) and not (box := {("waybill", code_key(t)) for t in parcels(
                ln.tracking_no or head.tracking_no)} or {("order", ln.order_no, day)}) <= boxes:
            seen_packed.add(ln.order_no)
            box -= boxes
            boxes |= box
            if (packer := name_of(who)) in names:
                if packer in last_day and day > last_day[packer]:
                    after_left[packer][1].setdefault(ln.order_no, head)
                elif day in between.get(packer, ()):
                    while_away[packer][1].setdefault(ln.order_no, day)
                packed[packer][day].update(box)
            else:
                unknown[packer].setdefault(ln.order_no, (ln if ln.packer else head, "packer"))
        elif (ln.order_no not in seen_packed and head.packer and head.shipped_on is None and head.paid_at
              and ln.status in SENT and _in(head.paid_at.date(), first, last)):
            # shipped, its packer typed by hand, its 发货日期 not: no day to count it on, said (never a quiet 0)
            seen_packed.add(ln.order_no)
            undated[name_of(head.packer)].append(head)
    for who, heads_of in undated.items():
        nos = [h.order_no for h in heads_of]
        zh_nos, en_nos = few(nos, 10)
        one = len(nos) == 1
        issues.append(at(heads_of[0], "shipped_on", "warning",
                         f"{who} 打包的 {len(nos)} 个已发货订单没有填发货日期（订单 {zh_nos}）：不知道是哪一天打包的，"
                         f"没有算进计件。请在订单表填上发货日期，再算绩效。",
                         f"{len(nos)} shipped order{'' if one else 's'} packed by {who} {'has' if one else 'have'} no "
                         f"ship date (order{'' if one else 's'} {en_nos}): the day {'it was' if one else 'they were'} "
                         "packed is not known, so piece pay does not count "
                         f"{'it' if one else 'them'}. Fill in the ship date on the Orders sheet, then work out pay again."))
    for who, (sold, packed_after) in after_left.items():
        issues += _after_leaving(who, last_day[who], sold, packed_after, by_name[who])
    from ..aftersales.cases import complaints_twice, refunds_done

    # a refund opened after the person's pay for the month was paid: that pay stood when paid, and taken off
    # now it read as booked wrong (✗, "correct the ledger line" of money the bank paid out)
    late = [c for c in cases if (who := order_cs.get(c.order_no)) in (paid_on or {}) and c.opened_on > paid_on[who]]
    if late:
        gone = set(map(id, late))
        cases = [c for c in cases if id(c) not in gone]
        for c in late:
            for _order, amount in refunds_done([c], lines, counted):
                who = order_cs[c.order_no]
                issues.append(at(c, "opened_on", "warning",
                                 f"{c.case_no}（订单 {c.order_no}）{c.opened_on} 才登记，{who} {first:%Y-%m} 的工资已在 "
                                 f"{paid_on[who]} 记账：这笔退款 ¥{amount:,.2f} 没有从那个月的提成里减去（已经发了）。"
                                 "要扣回的话，请在以后的工资里扣。",
                                 f"{c.case_no} (order {c.order_no}) was opened on {c.opened_on}, after {who}'s pay "
                                 f"for {first:%Y-%m} was booked on {paid_on[who]}: its refund of ¥{amount:,.2f} is not "
                                 "taken off that month's commission (it was paid). To take it back, do so in a later "
                                 "month's pay."))
    for order, amount in refunds_done(cases, lines, counted):
        sales[order_cs[order]] -= amount
        at_rate[order_cs[order]][order_rate[order]] -= amount
    for c in cases:  # a refund done whose amount nobody typed takes nothing off: said, not paid on quietly
        if (c.type is CaseType.REFUND_ONLY and c.status is CaseStatus.DONE and c.amount is None
                and c.order_no in order_cs):
            issues.append(at(c, "amount", "warning",
                             f"仅退款 {c.case_no}（订单 {c.order_no}）已完成，却没有填退款金额：{order_cs[c.order_no]} 的提成没有"
                             "减去这笔退款。请填上平台实际退款的金额，再算绩效。",
                             f"Refund-only case {c.case_no} (order {c.order_no}) is done but has no refund amount: "
                             f"{order_cs[c.order_no]}'s commission does not take it off. Type the amount refunded on "
                             "the platform, then work out pay again."))
    paid = [h for h in heads.values() if h.paid_at and _in(h.paid_at.date(), first, last)]
    shipped = [h for h in heads.values() if _in(h.shipped_on, first, last)]
    month = f"{first:%Y-%m}"
    if not paid and not shipped:  # (a month typed wrong, 2025-11 for 2026-11, would pay the base alone)
        issues.append(Issue("warning", f"订单表里没有 {month} 付款或发货的订单：提成和计件都是 0，只有底薪。请核对 --month。",
                            f"The Orders sheet has no order paid or shipped in {month}: no commission and no piece "
                            "pay, only the base pay. Check --month.", sheet=OrderLine.zh))
    # the month's orders name nobody (the 客服 or 打包员 column missing, or left blank): nobody's commission or
    # piece pay is anything, said once rather than as every person's quiet nought
    for rows, col, who, who_en, pays in ((paid, "cs", "客服", "cs", "commission_rate"),
                                         (shipped, "packer", "打包员", "packer", "piece_rate")):
        if rows and not any(getattr(h, col) for h in rows) and any(getattr(s, pays) for s in people):
            what, what_en = ("付款", "paid") if col == "cs" else ("发货", "shipped")
            pay, pay_en = ("提成", "commission") if col == "cs" else ("计件工资", "piece pay")
            one = len(rows) == 1
            issues.append(Issue("warning", f"{month} {what}的 {len(rows)} 个订单{'' if one else '都'}没有填“{who}”："
                                           f"没有人有{pay}。请在订单表的“{who}”列填上经手的人（没有这一列的话，先加上）。",
                                (f"The one order {what_en} in {month} does not have" if one else
                                 f"None of the {len(rows)} orders {what_en} in {month} has")
                                + f" its {who_en} filled in: nobody gets {pay_en}. Fill in the Orders sheet's "
                                f"{who_en} column (add the column if it is missing).", sheet=OrderLine.zh))
    # some of them with no 打包员 (a scan file without its 打包员 line, a parcel marked shipped by hand): packed by
    # someone, counted for nobody, said rather than a packer's quiet short day
    unpacked = [h for h in shipped if not h.packer]
    if unpacked and len(unpacked) < len(shipped) and any(s.piece_rate for s in people):
        (zh_nos, en_nos), n = few([h.order_no for h in unpacked], 10), len(unpacked)
        one = n == 1
        issues.append(at(unpacked[0], "packer", "warning",
                         f"{month} 发货的 {n} 个订单没有填打包员（订单 {zh_nos}）：没有算进任何人的计件。是本店打包的话，请在订单表"
                         "填上打包员（验货发货的扫描文件里写一行“打包员：名字”），再算绩效。",
                         f"{n} order{'' if one else 's'} shipped in {month} ha{'s' if one else 've'} no packer "
                         f"(order{'' if one else 's'} {en_nos}): counted in nobody's piece pay. If packed here, fill in "
                         "the packer on the Orders sheet (in a scan file, a line 'packer: NAME'), then work out pay "
                         "again."))
    left = {s.name: s for s in staff if s.active is False and s.name not in names}
    gone = {s.name: s for s in staff if s.name not in names and s.name not in left}
    for who in sorted(unknown):
        if who in gone:  # left before the month (离职日期), 在职 not set to 否
            issues.append(at(gone[who], "left_on", "warning",
                             f"“{who}”的离职日期在 {month} 之前：本月订单表里这个人经手的订单（客服/打包员）没有算进任何人的"
                             "绩效，这个人本月也没有工资。离职日期填错了的话，请改正。",
                             f"'{who}' left before {month} (leaving date): the orders this person handled this month "
                             "(cs/packer on the Orders sheet) count for nobody, and this person is paid nothing for the "
                             "month. If the leaving date is wrong, correct it."))
            continue
        if who in left:  # on the sheet, left out on purpose: said at the 在职 cell, not as a stranger
            issues.append(Issue(
                "warning", f"“{who}”在绩效表上，但“在职”填的是“否”：本月订单表里这个人经手的订单（客服/打包员）没有算进任何人的"
                "绩效，这个人本月也没有工资。如果本月做过一段时间：先把“在职”改为“是”，底薪改为本月应发的部分，算完并记账"
                "（--book）后再改回“否”。",
                f"'{who}' is on the Staff pay sheet but marked not active (active = no): the orders this person "
                "handled this month (cs/packer on the Orders sheet) count for nobody, and this person is paid "
                "nothing for the month. If they worked part of the month: set active to yes, set the base to the "
                "part of it due for the month, run staff pay with --book, then set active back to no.",
                sheet=StaffMember.zh, row=left[who].row, field="active", value="否", value_en="no"))
            continue
        # (which orders, at the first one's cell: before, the name alone, on no cell, and no order to find it by)
        (zh_nos, en_nos), n = few(list(unknown[who]), 10), len(unknown[who])
        line, col = next(iter(unknown[who].values()))
        # (the row it is typed on: the order's first row may be blank, the name on a later one, which the order's
        # merged head carries)
        line = next((x for x in lines if x.order_no == line.order_no and getattr(x, col)), line)
        one = n == 1
        issues.append(at(line, col, "warning",
                         f"“{who}”在订单表的客服/打包员里，但不在绩效表上：{n} 个订单（{zh_nos}）没有算进任何人的绩效。"
                         "名字写错了的话，请在订单表改成绩效表上的名字；是本店的人的话，把这个人加到 ledger.xlsx 的“绩效”表。"
                         "再算绩效。",
                         f"'{who}' is a cs/packer on the Orders sheet but not on the Staff pay sheet: {n} "
                         f"order{'' if one else 's'} ({en_nos}) count{'s' if one else ''} for nobody. If the name is "
                         "misspelt, change it on the Orders sheet to the name on the Staff pay sheet; if the person "
                         "works here, add them to the Staff pay sheet of ledger.xlsx. Then work out pay again."))
    complaints: Counter = Counter()
    deduct: dict[str, Decimal] = defaultdict(lambda: ZERO)  # at the 投诉扣款 of the day each was opened
    deducted: list[AfterSalesCase] = []
    for c in cases:
        if c.type is CaseType.COMPLAINT and c.status is not CaseStatus.CLOSED and _in(c.opened_on, first, last):
            if not c.staff:  # typed by hand with 客服 blank: deducted from nobody, said as a stranger's is
                cs = heads[c.order_no].cs if c.order_no in heads else None
                hint_zh, hint_en = (f"（订单 {c.order_no} 的客服是 {cs}）", f" (order {c.order_no}'s cs is {cs})") if cs else ("", "")
                issues.append(at(c, "staff", "warning",
                                 f"投诉 {c.case_no} 没有填客服：这个投诉没有扣任何人的绩效。请填上客服{hint_zh}。",
                                 f"Complaint {c.case_no} has no staff: it is deducted from nobody's pay. Fill in its "
                                 f"staff{hint_en}."))
            elif (who := name_of(c.staff)) in names:
                if c.opened_on in between.get(who, ()):
                    while_away[who][2].setdefault(c.case_no, c.opened_on)
                complaints[who] += 1
                deduct[who] += in_force(rows_of[who], c.opened_on).complaint_deduction or ZERO
                deducted.append(c)
            elif who not in left:  # (one who left is paid nothing: there is nothing to deduct from)
                issues.append(at(c, "staff", "warning",
                                 f"投诉 {c.case_no} 的客服“{c.staff}”不在绩效表上：这个投诉没有扣任何人的绩效。请改正客服，"
                                 "或把这个人加到 ledger.xlsx 的“绩效”表。",
                                 f"Complaint {c.case_no}: its staff '{c.staff}' is not on the Staff pay sheet: it is "
                                 "deducted from nobody's pay. Correct the name, or add the person to the Staff pay "
                                 "sheet of ledger.xlsx."))
    issues += complaints_twice(deducted, open_only=False)  # (each deducted this month: said, as deducted twice)
    for who, (sold, packed_away, complained) in while_away.items():
        issues += _while_away(who, rows_of[who], sold, packed_away, complained, first, last, left_typed)
    out = []
    for s in people:
        rows = rows_of[s.name]
        p = PersonMonth(s.name, s.role, _base(rows, first, last))
        # (booked: the leaver's pay is settled, whichever base it took)
        if (by_days := _worked_base(s, rows, p.base, first, last)) is not None:
            p.leaver, p.worked_base = s, by_days[2]
            p.off = (f"{s.left_on} 离职", f"left on {s.left_on}")
        elif (back := _rehired_base(rows, p.base, first, last)) is not None:
            # (a rehire's base for the days worked, as _rehired says it: a line booked at it is the month's, not
            # an error to correct by the days away)
            p.worked_base, p.off = back
        left = _left_in(s, rows, p.base, first, last) if s.name not in booked else []
        p.advice = left
        # (a leaver's base is said at their 底薪 by _left_in, worked out from these rows: not twice, two ways)
        issues += _changed(rows, p.base, first, last, base_said=bool(left))
        p.sales = fen(sales[s.name])
        p.commission = fen(sum((v * r for r, v in at_rate[s.name].items()), ZERO))
        piece, unpriced = ZERO, {}
        for day in sorted(packed[s.name]):
            n, rule = len(packed[s.name][day]), in_force(rows, day)
            p.days.append((day, n, above := max(0, n - (rule.daily_quota or 0))))
            piece += above * (rule.piece_rate or ZERO)
            if rule.piece_rate is None and above:
                unpriced.setdefault(id(rule), [rule, 0])[1] += above
        p.packed = sum(n for _, n, _ in p.days)
        p.above_quota = sum(a for _, _, a in p.days)
        p.piece = fen(piece)
        p.complaints = complaints[s.name]
        p.deductions = fen(deduct[s.name])
        out.append(p)
        issues += left
        issues += _blank_rates(s, unrated[s.name].values() if s.role is StaffRole.CS else (),
                               unpriced.values() if s.role is StaffRole.WAREHOUSE else ())
    sellers = [p for p in out if p.role is StaffRole.CS and p.sales > 0]
    if sellers:
        top = max(p.sales for p in sellers)
        rules = {s.name: s for s in people}
        for p in sellers:
            if p.sales == top:
                p.bonus = fen(rules[p.name].top_bonus or ZERO)
    return out, issues


def _worked_base(s: StaffMember, rows: list[StaffMember], base: Decimal, first: dt.date, last: dt.date
                 ) -> tuple[dt.date, int, Decimal] | None:
    """A leaver's (离职日期 in the month, before its last day) first day of the month, days worked and 底薪 for
    those days only, from their rows as typed; None for anyone else."""
    if not _leaves_in(s, first, last) or s.left_on >= last or not base:
        return None
    begun = _began(rows, first)
    on = _worked(rows, begun, s.left_on)
    return begun, len(on), _base_of_days(rows, on, first, last)


def _rehired_base(rows: list[StaffMember], base: Decimal, first: dt.date, last: dt.date
                  ) -> tuple[Decimal, tuple[str, str]] | None:
    """One taken back in the month (days away between a 离职日期 and a later row's 起始日期, _away), not leaving again
    in it: the 底薪 for the days worked only, as _rehired says it, and the days away (zh, en); None for anyone else."""
    if not base or not any(r.start is not None and first < r.start <= last and _away(rows, r.start - dt.timedelta(1))
                           for r in rows):
        return None
    on = _worked(rows, begun := _began(rows, first), last)
    on_set, spans, day = set(on), [], begun
    while day <= last:  # (the days away, each stretch of them from its first day to its last)
        if day not in on_set:
            end = day
            while end + dt.timedelta(1) <= last and end + dt.timedelta(1) not in on_set:
                end += dt.timedelta(1)
            spans.append((day, end))
            day = end
        day += dt.timedelta(1)
    zh = "、".join(f"{a:%m-%d} 至 {b:%m-%d}" if a != b else f"{a:%m-%d}" for a, b in spans)
    en = ", ".join(f"{a:%m-%d} to {b:%m-%d}" if a != b else f"{a:%m-%d}" for a, b in spans)
    return (_base_of_days(rows, on, first, last),
            (f"{zh} 没有上班", f"away {en}"))


def _base_of_days(rows: list[StaffMember], on: list[dt.date], first: dt.date, last: dt.date) -> Decimal:
    """The month's 底薪 for the days `on` only: each day at the row in force that day, over the month's days."""
    return fen(sum((in_force(rows, d).base for d in on), ZERO) / ((last - first).days + 1))


def _began(rows: list[StaffMember], first: dt.date) -> dt.date:
    """The day a person began, where that is in the month (one who starts on the 10th and leaves on the 20th worked
    11 days, not 20), else the month's first."""
    return first if any(r.start is None for r in rows) else max(first, min(r.start for r in rows))


def _worked(rows: list[StaffMember], begun: dt.date, until: dt.date) -> list[dt.date]:
    """The days from `begun` to `until` a person worked: not the days between an earlier leaving and coming back
    (_away), said at the row they came back on (_rehired)."""
    return [d for n in range((until - begun).days + 1) if not _away(rows, d := begun + dt.timedelta(n))]


def _left_in(s: StaffMember, rows: list[StaffMember], base: Decimal, first: dt.date, last: dt.date) -> list[Issue]:
    """A leaver whose 离职日期 is before the month's last day is paid its whole 底薪 (a note beside the one who starts
    in it says so, and a change of pay in it is worked out by the days): said at the 底薪, with the days worked
    and the 底薪 by those days, for a person to choose (before: the whole month's base paid and booked unsaid).
    The one thing to type for that is said: the figure, and on which rows. Where two rows share the month (a raise
    of 11-10, leaving 11-20), the base is worked out from both by their days: typing the figure on one row, as the
    advice said of 'the base', paid another figure (¥2,110.00 due, ¥2,377.00 paid); it goes on each of them."""
    if (by_days := _worked_base(s, rows, base, first, last)) is None:
        return []
    begun, worked, part = by_days
    days = (last - first).days + 1
    used: list[StaffMember] = []  # the rows the month's base is worked out from, each once
    for n in range(days):
        r = in_force(rows, first + dt.timedelta(n))
        if not any(r is u for u in used):
            used.append(r)
    if len(used) == 1:  # (two rows of one base too: the base is worked out from both, each by its days)
        paid_zh, paid_en = f"（按天折算是 ¥{part:,.2f}）", f" (by the days worked it is ¥{part:,.2f})"
        do_zh, do_en = f"请把底薪改为 ¥{part:,.2f}", f"set the base to ¥{part:,.2f}"
        back_zh, back_en, it = "再改回", "set it back", "it"
    else:
        where = [row_beside(r, s) for r in used]
        rows_zh, rows_en = "、".join(z for z, _ in where), " and ".join(e for _, e in where)
        paid_zh = f"（{rows_zh}的底薪各按本月用它的天数算），只算做了的天数是 ¥{part:,.2f}"
        paid_en = (f" (the bases of {rows_en}, each for the days of the month it is in force); for the days worked "
                   f"only it is ¥{part:,.2f}")
        do_zh = f"请把{rows_zh}的底薪都改为 ¥{part:,.2f}（只改一行的话，算出来不是这个数）"
        do_en = f"set the base of {rows_en} each to ¥{part:,.2f} (changing one alone works out to another figure)"
        back_zh, back_en, it = "再都改回", "set them back", "them"
    return [at(s, "base", "warning",
               f"{s.name} {s.left_on} 离职，本月 {days} 天做了 {worked} 天（{begun:%m-%d} 至 {s.left_on:%m-%d}），底薪按整月"
               f"发了 ¥{base:,.2f}{paid_zh}。只发做了的天数的话，{do_zh}，算完并记账（--book）后{back_zh}；已是本月应发的数，"
               "或整月照发的话，不用改。",
               f"{s.name} left on {s.left_on}, having worked {worked} of the month's {days} days ({begun:%m-%d} to "
               f"{s.left_on:%m-%d}), and is paid the base for the whole month, ¥{base:,.2f}{paid_en}. To pay the days "
               f"worked only, {do_en}, run staff pay with --book, then {back_en}; if it is that already, or the whole "
               f"month is paid, leave {it}.")]


def _blank_rates(s: StaffMember, unrated, unpriced) -> list[Issue]:
    """A 客服's 提成比例 or a 仓库 person's 计件单价 left blank on a row in force for sales closed or parcels packed
    above the quota: paid 0 on them, with no word (a rate not typed in yet read as no commission at all). Said
    at the cell; a 0 typed there is a person's word that none is paid, and is not said."""
    out = []
    for row, orders in unrated:
        n, amount = len(orders), fen(sum(orders.values(), ZERO))
        out.append(at(row, "commission_rate", "warning",
                      f"{s.name} 是客服，本月付款的 {n} 个订单（¥{amount:,.2f}）是 {s.name} 经手的，但提成比例空着：这些订单的提成"
                      "按 0 算了。请填上提成比例（如 1.5%）再算绩效；这个人不拿提成的话，填 0。",
                      f"{s.name} is customer service and handled {n} order{'' if n == 1 else 's'} paid this month "
                      f"(¥{amount:,.2f}), but the commission rate is blank: no commission was paid on "
                      f"{'it' if n == 1 else 'them'}. Fill in the rate (e.g. 1.5%) and work out pay again; if this "
                      "person earns no commission, enter 0."))
    for row, above in unpriced:
        out.append(at(row, "piece_rate", "warning",
                      f"{s.name} 本月打包超出每日定额的包裹有 {above} 个，但计件单价空着：计件工资按 0 算了。请填上计件单价再算"
                      "绩效；这个人不拿计件工资的话，填 0。",
                      f"{s.name} packed {above} parcel{'' if above == 1 else 's'} above the daily quota this month, but "
                      "the piece rate is blank: no piece pay was paid on them. Fill in the piece rate and work out pay "
                      "again; if this person earns no piece pay, enter 0."))
    return out


def _changed(rows: list[StaffMember], base: Decimal, first: dt.date, last: dt.date,
             base_said: bool = False) -> list[Issue]:
    """A note at each row of a person's whose 起始日期 falls inside the month (after its first day): the days paid at
    it, and the 底薪 worked out by the days of each row where it differs, so the pay is checked by hand (not where
    `base_said`: a leaver's, said with what to type at their 底薪)."""
    out = []
    for r in rows:
        if r.start is None or not first < r.start <= last:
            continue
        was = in_force(rows, r.start - dt.timedelta(days=1))
        if was is r:  # the person's first row (a newcomer's day typed there): the month's days before it are paid too
            out.append(at(r, "start", "note",
                          f"{r.name} 只有从 {r.start} 起的行：{first:%m-%d} 至 {r.start - dt.timedelta(days=1):%m-%d} 也按这一行"
                          f"算，底薪 ¥{r.base:,.2f} 是整月的。新来的人的话，底薪请填本月应发的部分。",
                          f"{r.name} has rows from {r.start} only: {first:%m-%d} to "
                          f"{r.start - dt.timedelta(days=1):%m-%d} are paid by this row too, and the base "
                          f"¥{r.base:,.2f} is the whole month's. For a newcomer, enter the part of the base due for the "
                          "month."))
            continue
        zh_row, en_row = row_beside(was, r)
        days = (last - first).days + 1
        if was.left_on is not None and was.left_on < r.start - dt.timedelta(days=1):
            out.append(_rehired(was, r, rows, base, first, last, base_said))
            continue
        zh_base = en_base = ""
        if was.base != r.base and not base_said:
            zh_base = (f"底薪按天折算：{first:%m-%d} 至 {last:%m-%d} 共 {days} 天，各行的底薪按它用的天数算，"
                       f"本月底薪 ¥{base:,.2f}。")
            en_base = (f" The base is by the days: of the {days} days from {first:%m-%d} to {last:%m-%d}, each row's base "
                       f"for the days it is in force, ¥{base:,.2f} for the month.")
        out.append(at(r, "start", "note",
                      f"{r.name} 从 {r.start} 起按这一行算（之前按{zh_row}）：这天起打包的计件、付款的订单的提成、登记的投诉扣款"
                      f"按这一行的标准。{zh_base}",
                      f"{r.name} is paid by this row from {r.start} (before, by {en_row}): the parcels packed, the "
                      f"orders paid and the complaints opened from that day at its rates.{en_base}"))
    return out


def _away(rows: list[StaffMember], day: dt.date) -> bool:
    """Whether `day` is after the 离职日期 of the row of a person's in force on it: days between leaving and
    coming back (a new row from a later 起始日期), not worked."""
    r = in_force(rows, day)
    return r.left_on is not None and r.left_on < day


def _rehired(was: StaffMember, r: StaffMember, rows: list[StaffMember], base: Decimal, first: dt.date,
             last: dt.date, base_said: bool) -> Issue:
    """A person who left (离职日期 on `was`) and came back some days later (`r`, from its 起始日期), in the month:
    the days between are paid at `was`'s 底薪 (a row is in force until the next one begins), the month's base
    blended from both rows, unsaid (before: a note that the later row is in force from its day, as for a raise).
    Said at `r`'s 底薪, with the days away, the base by the days worked only, and the one thing to type for it."""
    away_from, away_to = max(first, was.left_on + dt.timedelta(days=1)), r.start - dt.timedelta(days=1)
    gap = (away_to - away_from).days + 1
    worked = _worked(rows, _began(rows, first), last)
    part = _base_of_days(rows, worked, first, last)
    zh_was, en_was = row_beside(was, r)
    zh = (f"{r.name} {was.left_on} 离职、{r.start} 回来：{away_from:%m-%d} 至 {away_to:%m-%d} 这 {gap} 天没有上班，底薪却按"
          f"{zh_was}的 ¥{was.base:,.2f} 算了进去")
    en = (f"{r.name} left on {was.left_on} and came back on {r.start}: the {gap} day{'' if gap == 1 else 's'} "
          f"{away_from:%m-%d} to {away_to:%m-%d} away are paid in the base all the same, at {en_was}'s ¥{was.base:,.2f}")
    if base_said:  # (the base, leaving again in the month, is said with what to type at their 底薪)
        return at(r, "base", "warning", zh + "。", en + ".")
    # (the figure for the days worked only, for whoever decides, and no way to type it; a line booked at it, however
    # it was, is known by the check of a booked line (_rehired_base, PersonMonth.by_days), not an error to correct)
    return at(r, "base", "warning",
              f"{zh}，本月底薪 ¥{base:,.2f}；只算上班的 {len(worked)} 天是 ¥{part:,.2f}。那些天是否照发，请店长决定。",
              f"{en}, ¥{base:,.2f} for the month; for the {len(worked)} days worked only it is ¥{part:,.2f}. Whether "
              "those days are paid is the owner's decision.")


def _after_leaving(who: str, day: dt.date, sold: dict, packed: dict, member: StaffMember) -> list[Issue]:
    """The orders paid (客服) or shipped (打包员) after a leaver's last day that name them: counted as theirs (a
    sale they closed may be paid the day after), said at their 离职日期 cell, as a 旺旺 sub-account or a scan
    file's 打包员 line handed on to the next person still says the leaver's name."""
    out = []
    for orders, zh_what, en_what, zh_pay, en_pay, zh_col, en_col in (
            (sold, "付款", "paid", "提成", "commission", "客服", "cs"),
            (packed, "发货", "shipped", "计件", "piece pay", "打包员", "packer")):
        if not orders:
            continue
        zh_nos, en_nos = few(list(orders), 10)
        n = len(orders)
        out.append(at(member, "left_on", "warning",
                      f"{who} 的离职日期是 {day}，但有 {n} 个订单在那之后{zh_what}，{zh_col}还是 {who}（订单 {zh_nos}）：都算进了 "
                      f"{who} 的{zh_pay}。是接手的人经手的话，请在订单表把{zh_col}改成那个人，再算绩效。",
                      f"{who} left on {day}, but {n} order{'' if n == 1 else 's'} {en_what} after that still "
                      f"name{'s' if n == 1 else ''} {who} as {en_col} (order{'' if n == 1 else 's'} {en_nos}): all "
                      f"counted in {who}'s {en_pay}. If the person who took over handled them, change the {en_col} "
                      "on the Orders sheet to that person, then work out pay again."))
    return out


def _days_away(rows: list[StaffMember], first: dt.date, last: dt.date) -> set[dt.date]:
    """The days of the month a person was away between leaving and coming back (_away on a row before the one in
    force at the month's end: not the days after their last 离职日期, _after_leaving's)."""
    end = in_force(rows, last)
    return {d for n in range((last - first).days + 1)
            if (r := in_force(rows, d := first + dt.timedelta(n))) is not end and r.left_on is not None and r.left_on < d}


def _while_away(who: str, rows: list[StaffMember], sold: dict[str, dt.date], packed: dict[str, dt.date],
                complained: dict[str, dt.date], first: dt.date, last: dt.date,
                left_typed: dict[tuple[str, dt.date], StaffMember]) -> list[Issue]:
    """The orders paid (客服) or shipped (打包员) on the days a person was away, between leaving (离职日期) and coming
    back (a later row's 起始日期), that name them: counted as theirs, as a sale closed before leaving may be paid
    later (before: unsaid), said at the 离职日期 of the row they left on, with each order's day, for a person to
    decide whose they are; so are the complaints opened on those days naming them (客服), each deducted from their
    pay. `left_typed`: the row of the sheet each (name, 离职日期) is typed on."""
    out = []
    # (a 离职日期 is on each row of a person's begun by it, _left_on_every_row: said once, at the row it is typed on)
    for left_on in sorted({r.left_on for r in rows if r.left_on is not None}):
        was = left_typed.get((who, left_on)) or in_force(rows, left_on)
        back = next((r.start for r in rows if r.start is not None and r.start > left_on), None)
        if back is None:
            continue
        away = lambda kept: {no: d for no, d in kept.items() if left_on < d < back}  # noqa: E731 (orders or cases)
        days_zh = f"{max(first, left_on + dt.timedelta(1)):%m-%d} 至 {min(last, back - dt.timedelta(1)):%m-%d}"
        days_en = days_zh.replace(" 至 ", " to ")
        for orders, zh_what, en_what, zh_pay, en_pay, zh_col, en_col in (
                (away(sold), "付款", "paid", "提成", "commission", "客服", "cs"),
                (away(packed), "发货", "shipped", "计件", "piece pay", "打包员", "packer")):
            if not orders:
                continue
            n = len(orders)
            zh_nos, en_nos = few([f"{no}（{d:%m-%d}）" for no, d in orders.items()], 10,
                                 en=[f"{no} ({d:%m-%d})" for no, d in orders.items()])
            out.append(at(was, "left_on", "warning",
                          f"{who} {left_on} 离职、{back} 回来，{days_zh} 没有上班，但有 {n} 个订单在这些天{zh_what}、"
                          f"{zh_col}是 {who}：{zh_nos}。都算进了 {who} 的{zh_pay}。是别人经手的话，请在订单表把{zh_col}"
                          f"改成那个人，再算绩效；确是 {who} 的，不用改。",
                          f"{who} left on {left_on} and came back on {back}, away {days_en}, but {n} "
                          f"order{'' if n == 1 else 's'} {en_what} on those days name{'s' if n == 1 else ''} {who} as "
                          f"{en_col} (order{'' if n == 1 else 's'} {en_nos}): all counted in {who}'s {en_pay}. If "
                          f"someone else handled them, change the {en_col} on the Orders sheet to that person, then "
                          f"work out pay again; if {who} did, leave them."))
        if cases := away(complained):
            n = len(cases)
            zh_nos, en_nos = few([f"{no}（{d:%m-%d}）" for no, d in cases.items()], 10,
                                 en=[f"{no} ({d:%m-%d})" for no, d in cases.items()])
            out.append(at(was, "left_on", "warning",
                          f"{who} {left_on} 离职、{back} 回来，{days_zh} 没有上班，但有 {n} 个投诉在这些天登记、客服是 "
                          f"{who}：{zh_nos}。都从 {who} 的绩效里扣了投诉扣款。是别人经手的话，请在 orders.xlsx 的“售后”表把"
                          f"客服改成那个人，再算绩效；确是 {who} 的，不用改。",
                          f"{who} left on {left_on} and came back on {back}, away {days_en}, but {n} "
                          f"complaint{'' if n == 1 else 's'} opened on those days name{'s' if n == 1 else ''} {who} as "
                          f"staff (case{'' if n == 1 else 's'} {en_nos}): each deducted from {who}'s pay. If someone "
                          f"else handled them, change the staff on the After-sales sheet of orders.xlsx to that person, "
                          f"then work out pay again; if {who} did, leave them."))
    return out


def _gone(s: StaffMember, first: dt.date) -> bool:
    return s.left_on is not None and s.left_on < first


def _leaves_in(s: StaffMember, first: dt.date, last: dt.date) -> bool:
    return _in(s.left_on, first, last)


def pay_note(month: str, lang: str) -> str:
    """The salary line's note, in the shop's language: 绩效 2026-11 / staff pay 2026-11."""
    return f"绩效 {month}" if lang == "zh" else f"staff pay {month}"


def earliest_pay_day(staff: list[StaffMember], last: dt.date) -> dict[str, dt.date]:
    """The first day each person's pay of the month ending `last` can leave the account: its end, a leaver's
    离职日期 where it is in the month."""
    return {s.name: s.left_on if _leaves_in(s, last.replace(day=1), last) else last for s in staff}


def booked_pay(entries: list[Entry], month: str, staff: list[StaffMember] = ()) -> dict[str, list[Entry]]:
    """The ledger's salary lines of `month`, by person (the 对方 as the 绩效 sheet, `staff`, spells the
    name: a line retyped AMY is Amy's, never booked again): the note in either language (English
    shops were given 绩效 YYYY-MM)."""
    booked: dict[str, list[Entry]] = defaultdict(list)
    notes = (pay_note(month, "zh"), pay_note(month, "en"))
    name_of = spelt(list(staff))
    for e in entries:
        if e.note in notes and e.counterparty:
            booked[name_of(e.counterparty)].append(e)
    return booked


def booked_leaver(p: PersonMonth, was: Decimal, month: str, line: Entry | None = None) -> Issue:
    """A leaver's pay booked, said instead of the advice on their 底薪 (_left_in): once booked, that advice, worked
    out again from the 底薪 typed as it said, named a smaller figure still (¥333.33 after ¥1,000.00 was booked), and,
    the 底薪 set back as it said, the line booked was an error to correct (¥+2,000.00). `line`: the ledger line, booked
    before, whose amount is the month's with the 底薪 for the days worked; none: booked this run."""
    s = p.leaver
    if line is None:
        return at(s, "base", "note",
                  f"{p.name} {s.left_on} 离职：{month} 的工资已记账 ¥{was:,.2f}（底薪 ¥{p.base:,.2f}）。底薪是为了只发做了的天数"
                  "改的话，现在可以改回了；记过账的不会再变。",
                  f"{p.name} left on {s.left_on}: their pay for {month} is booked, ¥{was:,.2f} (base "
                  f"¥{p.base:,.2f}). If the base was changed to pay the days worked only, set it back now; what is "
                  "booked stays as it is.")
    off_zh, off_en = p.off
    return at(line, "amount", "note",
              f"{p.name} {month} 的工资已记账 ¥{was:,.2f}：底薪是按做了的天数算的 ¥{p.worked_base:,.2f}（{off_zh}），"
              f"绩效表上的底薪 ¥{p.base:,.2f} 是整月的。不用改。",
              f"{p.name}'s pay for {month} is booked, ¥{was:,.2f}: with the base for the days worked, "
              f"¥{p.worked_base:,.2f} ({off_en}); the base on the Staff pay sheet, ¥{p.base:,.2f}, is the "
              "whole month's. Nothing to correct.")


def salary_lines(people: list[PersonMonth], staff: list[StaffMember], categories: list[Category], entries: list[Entry],
                 month: str, last: dt.date, lang: str = "zh", booked: dict[str, list[Entry]] | None = None,
                 typed: Typed | None = None, account_names: Collection[str] | None = None,
                 pay_day: dt.date | None = None) -> tuple[list[Entry], list[Issue]]:
    """One 支出 line per person, dated `pay_day`: 流水 is kept by the day money leaves the account, and a
    month's pay leaves in the month after (November's on 12-05); dated the month's last day, the bank's 11-30
    余额核对 was off by the payroll and November's P&L held October's pay, paid 11-10, and November's. Without
    `pay_day` (a month not over: only a leaver is booked, paid on their last day, 离职日期) a leaver's is dated
    their 离职日期, anyone else's the month's last day. The note is the month of the work (pay_note), whatever
    the date, so a re-run finds it (booked_pay); (the 工资 category, the person's 发薪账户, the month's pay_note),
    unless the ledger holds it already (booked_pay of `entries`, or `booked` where the caller has it),
    or a line typed by hand holds it, or may (typed_pay: said at that line, nothing booked for them).
    `account_names`: the 账户 sheet's; a 发薪账户 none of them is (工商银行 for 银行卡) is said, no line proposed:
    booked, the P&L would stop at it."""
    from ..money.ledger import group_of

    category = next((c.category for c in categories if c.direction is Direction.OUT and group_of(c) == "salaries"),
                    None)
    if category is None:
        return [], [Issue("warning", "类别表里没有“工资”分组的支出类别：工资没有建议记账。",
                          "The Categories sheet has no out category in the salaries group: no salary lines "
                          "proposed.", sheet=Category.zh)]
    accounts = {s.name: s.pay_account for s in staff}
    by_account = by_code_key(account_names or ())  # (银行卡 typed ＹＨＫ or with a space: the account as its sheet spells it)
    paid_on = ({s.name: pay_day for s in staff} if pay_day else  # (a leaver before the month is over: their last day)
               {s.name: s.left_on for s in staff if _leaves_in(s, last.replace(day=1), last)})
    note = pay_note(month, lang)
    booked = booked_pay(entries, month, staff) if booked is None else booked
    typed = typed_pay(entries, categories, staff, month) if typed is None else typed
    out, issues = [], []
    held = [p.name for p in people if p.name not in booked and p.name not in typed.lines and p.total > 0
            and accounts.get(p.name)]
    issues += said_nobody_s(typed.doubts.get(None, []), held, month)
    # the month's pay booked by shopbook for a name no longer on the sheet (小美 renamed 林小美 since): whose it
    # is now cannot be told, so nobody's not booked yet is booked on top of it
    names = {s.name for s in staff}
    strays = [(who, e) for who, es in booked.items() if who not in names for e in es]
    issues += said_renamed(strays, held, month)
    for p in people:
        if p.name in booked and p.name in typed.lines:  # booked, then typed by hand as well when paid
            issues.append(said_twice(p.name, booked[p.name], typed.lines[p.name], month))
        if p.name in booked:
            # never booked twice, but a month that changed since (a complaint, a late order, a new base)
            # must not leave the ledger quietly at the old figure: said at the booked line, for a person
            was = sum((e.amount if e.direction is Direction.OUT else -e.amount for e in booked[p.name]), ZERO)
            if was != p.total and p.by_days(was):  # (the leaver's advice followed, the base set back since)
                issues.append(booked_leaver(p, was, month, booked[p.name][0]))
            elif was != p.total:
                diff = p.total - was
                issues.append(at(booked[p.name][0], "amount", "error",
                                 f"{p.name} {month} 的工资已记账 ¥{was:,.2f}，现在算出来是 ¥{p.total:,.2f}"
                                 f"（差 ¥{diff:+,.2f}）：没有再记账。请核对后改正流水里这一行的金额。",
                                 f"{p.name}'s pay for {month} was booked as ¥{was:,.2f}; it now works out at "
                                 f"¥{p.total:,.2f} ({diff:+,.2f}): nothing more was booked. Check it, then correct "
                                 "the amount of this ledger line."))
            continue
        if p.name in typed.lines:
            was = sum((e.amount for e in typed.lines[p.name]), ZERO)
            issues.append(said_typed(p.name, was if p.by_days(was) else p.total, typed.lines[p.name], month))
            continue
        if p.total <= 0:
            continue
        if p.name in typed.doubts:
            issues.append(said_doubt(p.name, typed.doubts[p.name], month))
            continue
        if None in typed.doubts or strays:  # (said once above, for all it holds back)
            continue
        if not accounts.get(p.name):
            issues.append(Issue("warning", f"{p.name} 没有填发薪账户：这个人的工资没有建议记账。",
                                f"{p.name} has no pay account: no salary line proposed.", sheet=StaffMember.zh,
                                value=p.name))
            continue
        account = accounts[p.name] if account_names is None else by_account.get(code_key(accounts[p.name]))
        if account is None:
            member = next(s for s in staff if s.name == p.name)
            issues.append(at(member, "pay_account", "warning",
                             f"{p.name} 的发薪账户“{accounts[p.name]}”不在“账户”表上：这个人的工资没有建议记账。请改成账户表上的"
                             "账户，或在账户表加上它。",
                             f"{p.name}'s pay account '{accounts[p.name]}' is not on the Accounts sheet: no salary line "
                             "proposed. Change it to an account on that sheet, or add it there."))
            continue
        out.append(Entry.from_cells({"date": paid_on.get(p.name, last), "direction": Direction.OUT, "category": category,
                                     "amount": p.total, "account": account, "counterparty": p.name,
                                     "note": note}))
    return out, issues

