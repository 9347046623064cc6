"""Customers from the orders of every platform: new and returning buyers per day and month,
the repeat-purchase rate, each customer's orders and spend, the VIP list.

Pure: order lines in, figures out. A customer is the platform's buyer account (买家) on that
platform (one it masks, t**3, is none: every t**3 alike); an order without one is its phone (unless
the platform sealed it), else its receiver and address. The 平台 column keeps two platforms'
customers apart; without it every order is one platform's. An order counts once it is paid and neither closed nor cancelled;
its value is its goods plus the shipping charged, as the sales figures count it. An agent's order
(来源 代理) is none of the shop's: its receiver is the agent's customer (each parcel an agent
drop-ships made a "new customer", a VIP at agent prices); it is left out, and counted to say so.
The after-sales desk's resends (the 售后 sheet's 补发单号: a parcel sent again at no charge) are no
purchase: left out (each made its buyer a new customer of ¥0, or a repeat buyer); nor is an order
refunded in full (closed on the platform after it shipped, or its goods all refunded on the 售后
sheet): it made a buyer who sent it all back a repeat buyer, on the way to VIP.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from operator import attrgetter, countOf
from pathlib import Path

from .io.reader import filled_sheets_beside, gc_paused
from .issues import en_count
from .money.ledger import as_sent
from .orders.address import clean_phone, privacy_number
from .orders.picking import hidden_by_platform
from .schema import OrderLine, OrderSource, OrderStatus, Platform
from .schema.orders import SEALED
from .values import fold_width

ZERO = Decimal(0)
_DROPPED = (OrderStatus.CLOSED, OrderStatus.CANCELLED)
_SENT = (OrderStatus.SHIPPED, OrderStatus.DELIVERED)
_AGENT = OrderSource.AGENT
# a platform's label by the member's id: an enum member hashes through Python code, and a year
# of orders asks 300,000 times
_LABEL = {id(p): p.value for p in Platform}
_SEALED = set(SEALED.values())
SEALED_KIND = "order"  # customer_key's kind for a buyer the platform keeps to itself
MASKED_KIND = "masked"  # … for one whose name or address it masks (张**, 粤海街道 ****)


@dataclass(slots=True)
class Order:
    key: tuple  # (platform, order number)
    customer: tuple
    date: dt.date
    value: Decimal
    units: int
    name: str = ""
    phone: str = ""


@dataclass(slots=True, eq=False)  # one object per customer: hashed by identity, fast in a Counter
class Customer:
    key: tuple
    platform: str
    name: str  # the buyer account, else the receiver: how staff know them
    phone: str
    first: dt.date
    last: dt.date
    orders: int = 0
    spend: Decimal = ZERO
    units: int = 0
    vip_since: dt.date | None = None  # a VIP's: the day of the order that took their spend to the threshold

    def to_json(self) -> dict:
        return {"platform": self.platform, "name": self.name, "phone": self.phone, "first": self.first.isoformat(),
                "last": self.last.isoformat(), "orders": self.orders, "spend": str(self.spend), "units": self.units}


@dataclass
class Period:
    label: str
    buyers: int = 0
    new: int = 0
    returning: int = 0  # bought before this period too
    repeat: int = 0  # bought at least twice within the period
    orders: int = 0
    sales: Decimal = ZERO

    @property
    def repeat_rate(self) -> Decimal | None:
        """复购率: buyers with two or more orders in the period ÷ its buyers."""
        return Decimal(self.repeat) / Decimal(self.buyers) if self.buyers else None

    @property
    def returning_share(self) -> Decimal | None:
        return Decimal(self.returning) / Decimal(self.buyers) if self.buyers else None

    def to_json(self) -> dict:
        rr, share = self.repeat_rate, self.returning_share
        return {"period": self.label, "buyers": self.buyers, "new": self.new, "returning": self.returning,
                "repeat": self.repeat, "repeat_rate": str(rr) if rr is not None else None,
                "returning_share": str(share) if share is not None else None, "orders": self.orders,
                "sales": str(self.sales)}


@dataclass
class CustomerReport:
    customers: list[Customer]  # by spend, highest first
    days: list[Period]
    months: list[Period]
    vip: list[Customer]
    vip_spend: Decimal
    repeat_customers: int = 0  # customers with two or more orders, ever
    # agents' orders left out (来源 代理, by an order's first line): all of them, and those in the period's days
    agent_orders: int = 0
    agent_orders_in: int = 0
    span: tuple[dt.date, dt.date] | None = None  # the days' and months' first and last day, where given
    # customers known by a phone (no account) whose orders went to receivers of different names: a family's
    # one phone, or one buyer's names? counted as one, all the names listed
    shared_phones: int = 0
    # sheets with the order sheet's headers not read beside it (2025订单 beside 2026订单): their orders are not
    # in the figures, and their buyers back this year counted new
    unread: tuple[str, ...] = ()
    read: str = ""  # the order sheet read (订单, or the one read as it: 2026订单)
    # the 售后 sheet's errors (a mistyped 类型 header leaves every row unread): their refunds are not taken off
    cases_unread: tuple = ()

    def _in_span(self, kind: str) -> int:
        """The customers of `kind` (one order each) whose order is in the period's days."""
        lo, hi = self.span or (dt.date.min, dt.date.max)
        return sum(1 for c in self.customers if c.key[1] == kind and lo <= c.first <= hi)

    def _part(self, n: int, kind: str, zh: bool) -> str:
        """How many of `n` orders of `kind` are in the period ("" where all are): its 新客 counts those."""
        inside = self._in_span(kind) if self.span else n
        if inside == n:
            return ""
        return f"（其中期内 {inside} 单）" if zh else f" ({inside} in the period)"

    @property
    def unknown(self) -> int:
        """Customers who are one order each, their buyer sealed by the platform (customer_key)."""
        return sum(1 for c in self.customers if c.key[1] == SEALED_KIND)

    @property
    def masked(self) -> int:
        """Customers who are one order each, their receiver masked by the platform (customer_key)."""
        return sum(1 for c in self.customers if c.key[1] == MASKED_KIND)

    def masked_said(self, zh: bool) -> str:
        """Why masked receivers may be more customers than there are ("" where there are none)."""
        n = self.masked
        if not n:
            return ""
        part = self._part(n, MASKED_KIND, zh)
        return (f"{n} 个订单{part}的收货人被平台打了码（名字或地址里有 *），认不出是不是同一位买家：每单算作一位新客户（复购和 VIP 可能少算）"
                if zh else
                (f"1 order's receiver{part} is masked by the platform (* in the name or address) and cannot be told "
                 "apart: it counts as a new customer" if n == 1 else
                 f"{n} orders' receivers{part} are masked by the platform (* in the name or address) and cannot be told "
                 "apart: each counts as a new customer") + " (repeat buyers and VIPs may be undercounted)")

    def unknown_said(self, zh: bool) -> str:
        """Why the counts may hold more customers than there are, where they do ("" otherwise)."""
        n = self.unknown
        if not n:
            return ""
        part = self._part(n, SEALED_KIND, zh)
        return (f"{n} 个订单{part}的买家信息由平台加密，认不出是谁：每单算作一位新客户（复购和 VIP 可能少算）" if zh else
                (f"1 order's buyer{part} is sealed by the platform and cannot be told apart: it counts as a new customer"
                 if n == 1 else f"{n} orders' buyers{part} are sealed by the platform and cannot be told apart: each "
                 "counts as a new customer") + " (repeat buyers and VIPs may be undercounted)")

    def agents_said(self, zh: bool) -> str:
        """That agents' orders are not in the figures, and how many ("" where there are none)."""
        n, inside = self.agent_orders, self.agent_orders_in
        if not n:
            return ""
        if zh:
            part = f"，其中期内 {inside} 单" if inside != n else ""
            return f"代理订单（{n} 单{part}）不计入客户统计：代理的收件人是代理的客户"
        part = f" ({inside} in the period)" if inside != n else ""
        return (f"{en_count(n, 'agent order')}{part} {'is' if n == 1 else 'are'} not in the customer figures: "
                "an agent's receivers are the agent's customers")

    def notes(self, zh: bool) -> list[str]:
        """What the figures leave out or cannot tell, wherever they are shown (the screen, the
        report, the review's sheet and its e-mail): sealed or masked buyers, a phone of several
        receivers, agents' orders."""
        return [n for n in (self.unread_said(zh), self.cases_said(zh), self.unknown_said(zh), self.masked_said(zh),
                            self.shared_said(zh), self.agents_said(zh)) if n]

    def unread_said(self, zh: bool) -> str:
        """That sheets of orders were not read, which ("" where all were)."""
        if not self.unread:
            return ""
        one = len(self.unread) == 1
        if zh:
            it = "它" if one else "它们"
            return (f"“{'”、“'.join(self.unread)}”的表头和“{self.read}”一样，没有读取：{it}的订单不在客户统计里，新客、复购和 "
                    f"VIP 可能不准（把{it}的行移到“{self.read}”里）")
        return (f"{', '.join(repr(n) for n in self.unread)} {'has' if one else 'have'} the headers of '{self.read}' "
                f"and {'was' if one else 'were'} not read: {'its' if one else 'their'} orders are not in the customer "
                f"figures, so new buyers, repeat buyers and VIPs may be wrong (move {'its' if one else 'their'} rows "
                f"into '{self.read}')")

    def cases_said(self, zh: bool) -> str:
        """That 售后 rows did not read, where the first is ("" where all did)."""
        if not self.cases_unread:
            return ""
        from .issues import issue_said

        _, at_zh, at_en = issue_said(self.cases_unread[0])
        n = len(self.cases_unread)
        if zh:
            return (f"“售后”表有 {n} 处读不出来（shopbook validate 列出全部）：那些售后的退款没有从消费里减去，客户、复购和 VIP "
                    f"可能不准。第一处：{at_zh}")
        return (f"{en_count(n, 'error')} on the After-sales sheet (shopbook validate lists them all): those cases' refunds "
                f"are not taken off the spend, so customers, repeat buyers and VIPs may be wrong. The first: {at_en}")

    def shared_said(self, zh: bool) -> str:
        """That customers known by a phone were sent to several names ("" where none were)."""
        n = self.shared_phones
        if not n:
            return ""
        if zh:
            return (f"{n} 位客户没有买家账号，同一个手机号的订单收货人却不同（可能是一家人共用一个手机）：按手机号算作一位客户，"
                    "客户名列出每个收货人，用 / 隔开")
        return (f"{en_count(n, 'customer')} without a buyer account {'has' if n == 1 else 'have'} orders to different "
                "receivers on one phone (a family sharing a phone?): counted as one customer by the phone, named "
                "by every receiver, split by /")

    @property
    def repeat_rate(self) -> Decimal | None:
        return Decimal(self.repeat_customers) / Decimal(len(self.customers)) if self.customers else None

    def month(self, label: str) -> Period | None:
        return next((m for m in self.months if m.label == label), None)

    def to_json(self, top: int | None = None) -> dict:
        rr = self.repeat_rate
        return {"customers": len(self.customers), "repeat_customers": self.repeat_customers,
                "sealed_orders": self.unknown, "masked_orders": self.masked, "agent_orders": self.agent_orders,
                "sealed_orders_in_period": self._in_span(SEALED_KIND), "masked_orders_in_period": self._in_span(MASKED_KIND),
                "shared_phones": self.shared_phones, "unread_sheets": list(self.unread),
                "after_sales_unread": len(self.cases_unread),
                "agent_orders_in_period": self.agent_orders_in,
                "repeat_rate": str(rr) if rr is not None else None, "vip_spend": str(self.vip_spend),
                "vip": [c.to_json() | {"vip_since": c.vip_since.isoformat()} for c in self.vip], "months": [m.to_json() for m in self.months],
                "days": [d.to_json() for d in self.days],
                "top": [c.to_json() for c in self.customers[:top or len(self.customers)]]}


def platform_word(label: str, lang: str) -> str:
    """A customer's platform as the shop's language names it (淘宝 → taobao in an English shop):
    the label is the 平台 value, kept in Chinese to tell customers apart."""
    p = Platform._value2member_map_.get(label)
    return p.en if p is not None and lang != "zh" else label


def platform_of(ln: OrderLine) -> str:
    """The 平台 label ("" without the column: all one platform)."""
    return _LABEL.get(id(ln.platform), "")


# between two numbers typed in one 手机 cell (13800138000/13900139000, 138…，139…, 138… 或 139…); a space
# only between two whole mobile numbers (a number typed 138 0013 8000 has spaces too)
_PHONE_SEP = re.compile(r"[/／,，、;；|｜或]|(?<=\d{11})\s+(?=1\d{10})")


def phones_of(phone: str | None) -> list[str]:
    """The numbers a 手机 cell holds, each as clean_phone writes it (most hold one); none where the
    platform hides the buyer's (138****8000, a privacy number 17012345678-1234: a new one each order)."""
    if not phone or phone in _SEALED or "*" in phone or privacy_number(phone) is not None:
        return []
    return [p for part in _PHONE_SEP.split(phone) if (p := clean_phone(part.strip()))]


def account(buyer: str | None) -> str:
    """The buyer's account on the platform ("" where there is none to know them by): a name the platform
    masks (t**3, 小**: 淘宝's export of late) or seals ((平台加密)) is every such buyer's alike, never one. Its
    full-width letters and digits as half-width (ｔｂ_123, an order typed by hand with the input method's
    full-width on, is tb_123 of the export: before, a second customer, new, the VIP spend split in two)."""
    return _folded(buyer) if buyer and buyer not in _SEALED and "*" not in buyer else ""


def _folded(buyer: str) -> str:
    return buyer.strip() if buyer.isascii() else _folded_wide(buyer)  # (the common case: no normalizing asked)


@functools.lru_cache(maxsize=65536)
def _folded_wide(buyer: str) -> str:
    """A buyer name with Chinese in it (most of a Taobao shop's) folded once however many orders it has."""
    return fold_width(buyer).strip()


def phone_aliases(lines: list[OrderLine]) -> dict[str, str]:
    """Number → the number its customer is known by, where a buyer without an account typed two in one
    cell (13800138000/13900139000): the orders under either number are that one customer's (and so are
    the orders of a third number typed beside either). Empty when no cell holds two (nearly every shop)."""
    parent: dict[str, str] = {}

    def root(p: str) -> str:
        while (q := parent.get(p, p)) != p:
            parent[p] = parent.get(q, q)
            p = q
        return p

    for ln in lines:
        phone = ln.phone
        if phone and not account(ln.buyer) and _PHONE_SEP.search(phone):
            ps = phones_of(phone)
            for p in ps[1:]:
                a, b = root(ps[0]), root(p)
                if a != b:
                    parent[b] = a
    return {p: root(p) for p in parent} | {p: p for p in set(parent.values()) if p not in parent}


def customer_key(ln: OrderLine, platform: str | None = None, aliases: dict[str, str] | None = None) -> tuple:
    """(platform, how the customer is known, …); `aliases`, phone_aliases' of the lines (two numbers in
    one cell: one customer by either)."""
    platform = platform_of(ln) if platform is None else platform
    if buyer := account(ln.buyer):
        return (platform, "buyer", buyer)
    phone = ln.phone
    if phone and phone not in _SEALED and "*" not in phone and privacy_number(phone) is None:
        # (a privacy number is the platform's, a new one each order: never who the buyer is)
        # as typed by hand: 138 0000 0001, 138-0000-0001 and +86 13800000001 are one buyer's
        first = (phones_of(phone) or [clean_phone(phone.strip())])[0] if aliases else clean_phone(phone.strip())
        return (platform, "phone", aliases.get(first, first) if aliases else first)
    receiver, address = (ln.receiver or "").strip(), (ln.address or "").strip()
    if (receiver in _SEALED or not receiver) and (address in _SEALED or not address):
        # nothing tells this buyer apart (拼多多's current export seals all of it): the order is a
        # customer of its own; one key for them all made every such buyer one VIP who always came back
        return (platform, SEALED_KIND, ln.order_no)
    if hidden_by_platform(ln, phone=False):
        # 张** at 粤海街道 ****: every 张 of the street alike; never merged, as the review never merges them
        return (platform, MASKED_KIND, ln.order_no)
    # (文三路 1 号 and 文三路1号, a space or a full-width letter typed: one buyer's address, as orders import reads it)
    return (platform, "receiver", "".join(fold_width(receiver).split()), "".join(fold_width(address).split()))


@gc_paused()  # a year's orders make 300,000 small objects: no cycles for the collector to find
def customers_report(lines: list[OrderLine], vip_spend: Decimal, first: dt.date | None = None,
                     last: dt.date | None = None, as_of: dt.date | None = None,
                     resends: Collection[str] = frozenset(), cases: list = ()) -> CustomerReport:
    """Every customer over all the orders (a customer is new once, on the day of the first order
    ever); the days and months between `first` and `last` (all, when not given). With `as_of`,
    the customers as they stood at the end of that day: an order paid later is not counted, so a
    month's review made weeks after it shows that month's VIPs, not today's. An agent's order
    (来源 代理 on its first line) is no customer's: left out, and counted (agent_orders); nor is a
    resend (`resends`, resend_orders: its order numbers). A customer's spend is less what was refunded
    (the 售后 `cases`, aftersales.cases.refunds_done, opened by `as_of`), and so are its order's day's sales: a
    buyer who sent ¥2,000 of goods back is no ¥2,000 customer, nor a VIP by it; the order still counts as one they placed, unless all of its
    goods came back (or the platform closed it after it shipped: 平台状态 交易关闭（已发货）, as orders import
    writes it): then it is none, as a cancelled one is. A line's blank 状态
    is its order's (as_sent, as the ledger reads it): an order typed 已取消 on its first row alone is no order."""
    lines = as_sent(lines)
    people: dict[tuple, Customer] = {}
    lo, hi = first or dt.date.min, last or dt.date.max
    # a datetime to compare paid_at with: cheaper than paid.date() on every line
    after = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()) if as_of else dt.datetime.max
    # per day in range: its orders' customers (a Counter turns them into orders per buyer)
    day_buyers: dict[dt.date, list[Customer]] = {}
    day_sales: dict[dt.date, Decimal] = {}
    # one pass over the lines (a year of three platforms is 300,000): an order is counted at its
    # first line, its goods at every line; an order's lines mostly come together, so the order
    # last seen is tried before the dict
    seen: dict[tuple, tuple] = {}
    get, label = seen.get, _LABEL.get
    fields = attrgetter("paid_at", "status", "platform", "order_no", "unit_price", "qty")
    last_no = last_platform = known = None
    fee_open, fee_pending = False, set()  # orders whose 运费 is not yet given: the current one's, all
    # an agent's order, or a resend: its lines' goods go to this customer of no report (the loop stays as it was)
    agents = Customer(("",), "", "", "", dt.date.min, dt.date.min)
    agent_orders = agent_orders_in = 0
    aliases = phone_aliases(lines)
    back, whole = _refunds(lines, cases, as_of)
    whole |= _closed_after_shipping(lines)
    receivers: dict[tuple, dict[str, str]] = {}  # a customer known by the phone → its orders' receivers
    for ln in lines:
        paid, status, platform, no, price, qty = fields(ln)
        if paid is None or status in _DROPPED or paid >= after:
            continue
        if no != last_no or platform is not last_platform:
            last_no, last_platform = no, platform
            key = (label(id(platform), ""), no)
            known = get(key)
            fee_open = known is not None and key in fee_pending
            if known is None:
                name = key[0]
                d = paid.date()
                if no in resends:
                    seen[key] = known = (agents, d, False)
                    continue
                if ln.source is _AGENT:
                    agent_orders += 1
                    agent_orders_in += lo <= d <= hi
                    seen[key] = known = (agents, d, False)
                    continue
                if no in whole:
                    seen[key] = known = (agents, d, False)  # refunded in full: no purchase
                    continue
                buyer = ln.buyer  # the common case inline (account): customer_key for the others
                if buyer and buyer not in _SEALED and "*" not in buyer:
                    k = (name, "buyer", buyer.strip() if buyer.isascii() else _folded_wide(buyer))  # (_folded, inline)
                else:
                    k = customer_key(ln, name, aliases)
                    if k[1] == "phone":  # (whose receivers they were: one phone, several people?)
                        who = (ln.receiver or "").strip()  # (张 伟 and ＺＨＡＮＧ typed twice: one name)
                        receivers.setdefault(k, {}).setdefault(fold_width(who).replace(" ", ""), who)
                c = people.get(k)
                if c is None:
                    c = people[k] = Customer(k, name, account(buyer) or ln.receiver or "", ln.phone or "", d, d)
                elif d < c.first:
                    c.first = d
                if d > c.last:
                    c.last = d
                c.orders += 1
                fee = ln.shipping_fee
                if fee:
                    c.spend += fee
                elif fee is None:  # its 运费 may be on a later row (agents.prices.postage: the first given)
                    fee_open = True
                    fee_pending.add(key)
                inside = lo <= d <= hi
                seen[key] = known = (c, d, inside)
                if inside:
                    buyers = day_buyers.get(d)
                    if buyers is None:
                        buyers = day_buyers[d] = []
                        day_sales[d] = ZERO
                    buyers.append(c)
                    if fee:
                        day_sales[d] += fee
        c, d, inside = known
        if fee_open and (fee := ln.shipping_fee) is not None:
            fee_open = False
            fee_pending.discard(key)
            c.spend += fee
            if inside:
                day_sales[d] += fee
        c.units += qty
        if price is not None:
            value = price if qty == 1 else price * qty
            c.spend += value
            if inside:
                day_sales[d] += value
    if back:  # a partial refund: off the buyer's spend and off its order's day, as a whole one is
        for (_, no), (c, d, inside) in seen.items():
            if no in back and c is not agents:
                c.spend -= back[no]
                if inside:
                    day_sales[d] -= back[no]
    shared = 0
    for k, typed in receivers.items():
        if len(names := [r for r in typed.values() if r and "*" not in r and r not in _SEALED]) > 1:
            people[k].name = " / ".join(names)  # 张伟 / 张丽: whose the orders were, for staff to tell
            shared += 1
    firsts: dict[dt.date, int] = defaultdict(int)  # customers whose first order ever was that day
    for c in people.values():
        firsts[c.first] += 1

    def period(label: str, dates: list[dt.date]) -> Period:
        counts = Counter(day_buyers[dates[0]]) if len(dates) == 1 else Counter(
            chain.from_iterable(day_buyers[d] for d in dates))
        p = Period(label, buyers=len(counts), orders=sum(len(day_buyers[d]) for d in dates),
                   sales=sum((day_sales[d] for d in dates), ZERO))
        p.new = sum(firsts[d] for d in dates)  # their first order is in the period: they are among its buyers
        p.returning = p.buyers - p.new
        p.repeat = p.buyers - countOf(counts.values(), 1)
        return p

    dates = sorted(day_buyers)
    days = [period(d.isoformat(), [d]) for d in dates]
    by_month: dict[str, list[dt.date]] = defaultdict(list)
    for d in dates:
        by_month[f"{d:%Y-%m}"].append(d)
    months = [period(m, ds) for m, ds in sorted(by_month.items())]
    everyone = sorted(people.values(), key=attrgetter("spend"), reverse=True)  # stable: ties by first order
    vip = [c for c in everyone if c.spend >= vip_spend]
    if vip:
        _vip_since(vip, lines, seen, back, vip_spend, after)
    return CustomerReport(everyone, days, months, vip, vip_spend, len(everyone) - countOf(map(attrgetter("orders"), everyone), 1),
                          agent_orders, agent_orders_in, (lo, hi) if first or last else None, shared)


def _vip_since(vip: list[Customer], lines: list[OrderLine], seen: dict, back: dict[str, Decimal], vip_spend: Decimal,
               after: dt.datetime) -> None:
    """Sets each VIP's vip_since: the day of the order that took their spend (each order less its refunds,
    by day) to `vip_spend`, the day the VIP price is theirs from. The VIPs' orders alone are summed again
    (a few among a year's): the main pass keeps no order's value."""
    mine = set(vip)  # (hashed by identity)
    orders = {key: (c, d) for key, (c, d, _) in seen.items() if c in mine}
    wanted = {no for _, no in orders}
    value: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    fee_given: set[tuple] = set()
    for ln in [ln for ln in lines if ln.order_no in wanted]:
        key = (platform_of(ln), ln.order_no)
        if key not in orders or ln.paid_at is None or ln.status in _DROPPED or ln.paid_at >= after:
            continue
        if ln.unit_price is not None:
            value[key] += ln.unit_price * ln.qty
        if ln.shipping_fee is not None and key not in fee_given:  # (the first 运费 given, as the spend counts it)
            fee_given.add(key)
            value[key] += ln.shipping_fee
    spent: dict[Customer, Decimal] = defaultdict(lambda: ZERO)
    for key, (c, d) in sorted(orders.items(), key=lambda kv: kv[1][1]):
        if c.vip_since is None:
            spent[c] += value[key] - back.get(key[1], ZERO)
            if spent[c] >= vip_spend:
                c.vip_since = d
    for c in vip:  # (all of them sum to the spend: only ever a rounding's safety)
        c.vip_since = c.vip_since or c.last


def _closed_after_shipping(lines: list[OrderLine]) -> set[str]:
    """The shipped orders the platform closed, every line (orders import's 交易关闭（已发货）：…, as
    aftersales.cases.closed_orders reads them): refunded in full. Only lines with a 平台状态 are looked at
    first (most have none)."""
    from .orders.marks import CLOSED

    said = [ln for ln in lines if ln.platform_status is not None]
    closed = {ln.order_no for ln in said if ln.status in _SENT and CLOSED.begins(ln.platform_status)}
    if not closed:
        return closed
    for ln in [ln for ln in lines if ln.order_no in closed]:  # (a line it did not close: no refund in full)
        if not (ln.status in _DROPPED or ln.status in _SENT and CLOSED.begins(ln.platform_status)):
            closed.discard(ln.order_no)
    return closed


def _refunds(lines: list[OrderLine], cases: list, as_of: dt.date | None) -> tuple[dict[str, Decimal], set[str]]:
    """Order → what its buyer got back of its goods (aftersales.cases.refunds_done), of cases opened by `as_of`;
    and the orders whose goods all came back (no purchase)."""
    from .aftersales.cases import REFUNDED, refunds_done

    cases = [c for c in cases if c.type in REFUNDED and (as_of is None or c.opened_on <= as_of)]
    if not cases:
        return {}, set()
    wanted = {c.order_no for c in cases}
    counted = [ln for ln in lines if ln.order_no in wanted and ln.status not in _DROPPED and ln.paid_at is not None]
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for no, amount in refunds_done(cases, lines, counted):
        out[no] += amount
    goods: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for ln in counted:
        goods[ln.order_no] += (ln.unit_price or ZERO) * ln.qty
    whole = {no for no, amount in out.items() if amount >= goods[no] > 0}
    return {no: amount for no, amount in out.items() if no not in whole}, whole


def resend_orders(orders_wb) -> frozenset[str]:
    """The order numbers of the after-sales desk's resends: the 售后 sheet's 补发单号 (a row of it that
    does not read is validate's and aftersales' to say, not a reason to stop the figures)."""
    from .io.reader import record_fields
    from .schema import AfterSalesCase

    sd = orders_wb.sheets.get(AfterSalesCase)
    return frozenset(no for (no,) in record_fields(sd, "resend_order") if no) if sd is not None and sd.present \
        else frozenset()


# --- the shop-level operation: `shopbook customers` ------------------------------------

def shop_customers(shop, month: str | None = None) -> tuple[CustomerReport, Path]:
    """The report for a shop, written as reports/客户-<date or month>.xlsx: over every order, or
    with `month` that month's days, and its customers and VIPs as they stood at its end (as the
    monthly review counts them: a month looked at weeks later shows that month's VIPs)."""
    from .io.reader import read_workbook
    from .issues import stop_on
    from .money.ledger import month_or_stop
    from .schema import ORDERS
    from .shop import month_given, shop_given

    shop = shop_given(shop)
    first = last = None
    if month:
        month = month_given(month)
        first, last = month_or_stop(month)
    from .schema import AfterSalesCase

    ow = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine, AfterSalesCase))
    # a line that does not read would drop a customer's order without a word: fix it first
    stop_on(ow.errors_in(OrderLine), "无法统计客户", "Cannot count the customers")
    rep = customers_report(ow.rows(OrderLine), shop.config.customers.vip_spend, first, last, as_of=last,
                           resends=resend_orders(ow), cases=ow.rows(AfterSalesCase))
    sd = ow.sheets[OrderLine]
    # (the reader's warning, which this command does not print; or a sheet beside the 订单 it read by name)
    rep.unread, rep.read = sd.unread or filled_sheets_beside(shop.path(ORDERS), sd.sheet, OrderLine), sd.sheet
    rep.cases_unread = tuple(ow.errors_in(AfterSalesCase))
    return rep, write_customers(shop, rep, month)


def write_customers(shop, rep: CustomerReport, month: str | None) -> Path:
    from .io.files import write_atomic
    from .io.xlsx_patch import NewSheet, write_new_workbook
    from .schema import ORDERS

    zh = shop.lang == "zh"
    pct = "0.0%"

    def periods(ps: list[Period]) -> list[list]:
        return [[p.label, p.buyers, p.new, p.returning, p.returning_share, p.repeat, p.repeat_rate, p.orders, p.sales]
                for p in ps]

    phead = (["期间", "买家数", "新客", "老客", "老客占比", "复购买家", "复购率", "订单数", "销售额"] if zh else
             ["Period", "Buyers", "New", "Returning", "Returning share", "Repeat buyers", "Repeat rate", "Orders",
              "Sales"])
    chead = (["平台", "客户", "手机", "首单", "最近一单", "订单数", "件数", "消费金额"] if zh else
             ["Platform", "Customer", "Phone", "First order", "Last order", "Orders", "Units", "Spend"])

    def crow(c: Customer) -> list:
        return [platform_word(c.platform, shop.lang), c.name, c.phone, c.first, c.last, c.orders, c.units, c.spend]

    # a VIP's row says since when the VIP price is theirs (a new one this month is one to tell)
    vhead = chead[:4] + (["成为VIP"] if zh else ["VIP since"]) + chead[4:]

    def vrow(c: Customer) -> list:
        row = crow(c)
        return row[:4] + [c.vip_since] + row[4:]

    fmts_p = {4: pct, 6: pct, 8: "#,##0.00"}
    fmts_c = {3: "yyyy-mm-dd", 4: "yyyy-mm-dd", 7: "#,##0.00"}
    # under the months' figures, as the screen says it: what they leave out or cannot tell
    notes = [[]] + [[("注：" if zh else "Note: ") + n] for n in rep.notes(zh)] if rep.notes(zh) else []
    sheets = [
        NewSheet("按月" if zh else "Months", [phead] + periods(rep.months) + notes, widths=[12] * 9, formats=fmts_p),
        NewSheet("按天" if zh else "Days", [phead] + periods(rep.days), widths=[12] * 9, formats=fmts_p),
        NewSheet(f"VIP（消费≥{rep.vip_spend}）" if zh else f"VIP (spend ≥ ¥{rep.vip_spend:,})",
                 [vhead] + [vrow(c) for c in rep.vip], widths=[10, 16, 14, 12, 12, 12, 8, 8, 12],
                 formats={3: "yyyy-mm-dd", 4: "yyyy-mm-dd", 5: "yyyy-mm-dd", 8: "#,##0.00"}),
        NewSheet("客户" if zh else "Customers", [chead] + [crow(c) for c in rep.customers],
                 widths=[10, 16, 14, 12, 12, 8, 8, 12], formats=fmts_c),
    ]
    name = f"{'客户' if zh else 'customers'}-{month or dt.date.today().isoformat()}.xlsx"
    # (names and phones: no more readable than orders.xlsx)
    return write_atomic(shop.reports / name, lambda p: write_new_workbook(p, sheets), keep_backup=False,
                        like=shop.path(ORDERS), report=True)
