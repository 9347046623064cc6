"""On-hand, reserved and available per SKU: pure functions over typed records.

on-hand   = 期初库存 + 入库 + 退货 − 出库 ± 调整 (movements up to a date)
reserved  = quantities on approved orders that have not shipped
available = on-hand − reserved
on order  = quantities on open purchase orders (采购) not yet received
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from fractions import Fraction
from itertools import compress
from operator import attrgetter

from ..schema import Movement, MovementType, OrderLine, OrderStatus, PoStatus, Product, PurchaseLine

SIGN = {MovementType.IN: 1, MovementType.RETURN: 1, MovementType.OUT: -1, MovementType.ADJUST: 1}
# orders whose goods are spoken for but still on the shelf
RESERVING = frozenset({OrderStatus.APPROVED})


def on_hand(products: Iterable[Product], movements: Iterable[Movement], as_of: dt.date | None = None
            ) -> Counter[str]:
    qty: Counter[str] = Counter({p.sku: p.opening_qty or 0 for p in products})
    sign = SIGN
    if as_of is None:
        for m in movements:
            qty[m.sku] += sign[m.type] * m.qty
    else:
        for m in movements:
            if m.date <= as_of:
                qty[m.sku] += sign[m.type] * m.qty
    return qty


# purchase order lines whose unreceived quantity is on its way (a draft too: it is the need
# already written down, and counting it is what keeps the next suggestion from ordering it again)
OPEN_PO = frozenset({PoStatus.DRAFT, PoStatus.ORDERED, PoStatus.PARTLY})


def ordered_ahead(purchases: Iterable[PurchaseLine], today: dt.date) -> list[PurchaseLine]:
    """The PO lines sent to the supplier (已下单, 部分到货) whose 下单日期 is after `today`: a date mistyped (12-15
    for 12-05, 2027 for 2026), the goods ordered all the same. Today's stock alerts count them on order (before: left
    out until that day, the SKU told to be reordered, the goods ordered twice) and say each at its date."""
    return [ln for ln in purchases if ln.status in (PoStatus.ORDERED, PoStatus.PARTLY)
            and ln.order_date is not None and ln.order_date > today]


def on_order_today(purchases: Iterable[PurchaseLine], movements: Iterable[Movement], today: dt.date,
                   received: tuple[Counter, Counter] | None = None, past: bool = False) -> Counter[str]:
    """on_order as of `today`, with the lines sent whose 下单日期 is after it (ordered_ahead: a date mistyped, the
    goods ordered all the same), unless `today` is a day gone (`past`: those were not ordered then). What stock
    alerts, purchase suggest, the waitlist, the summary, the agents' price sheets and SB_ON_ORDER count on order
    (before, the first two alone: the waitlist told a customer goods on order would never come)."""
    out = on_order(purchases, movements, today, received)
    if not past:
        out.update(on_order(ordered_ahead(purchases, today), movements, None, received))
    return out


def po_key(po: str) -> str:
    """A PO number as it is compared: without spaces, full-width folded (NFKC), upper case (cg20261122-01 typed by
    hand is CG20261122-01)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", po)).upper()


def received_on_po(movements: Iterable[Movement], as_of: dt.date | None = None,
                   later: Counter[tuple[str, str]] | None = None) -> Counter[tuple[str, str]]:
    """Units received per (PO number as compared: po_key, SKU): the 入库 movements carrying the PO number in 单号
    (one typed by hand in lower case or with a space is that PO's: before, its goods stayed on order, the reorder
    short of them). Looked up as got[po_key(ln.po_no), ln.sku]. `later`: where those dated after `as_of` are
    counted, in the same pass (got + later: all of them)."""
    got: Counter[tuple[str, str]] = Counter()
    for m in movements:
        if m.type is MovementType.IN and m.ref:
            if as_of is None or m.date <= as_of:
                got[(po_key(m.ref), m.sku)] += m.qty
            elif later is not None:
                later[(po_key(m.ref), m.sku)] += m.qty
    return got


def open_on(ln: PurchaseLine, later: Counter, as_of: dt.date | None = None) -> bool:
    """Whether PO line `ln` was open on day `as_of` (None: now): open now, or 已到货 now with goods
    received after the day (`later`: received_on_po's, past it; a line received in full, or closed
    short, is open until its last receipt); never one ordered after the day."""
    return ((ln.status in OPEN_PO or (ln.status is PoStatus.RECEIVED and later[(po_key(ln.po_no), ln.sku)] > 0))
            and (as_of is None or ln.order_date is None or ln.order_date <= as_of))


def on_order(purchases: Iterable[PurchaseLine], movements: Iterable[Movement], as_of: dt.date | None = None,
             received: tuple[Counter, Counter] | None = None) -> Counter[str]:
    """Units per SKU ordered and not yet received: quantity − received on each open PO line
    (an over-delivery on one line does not cancel what another still owes). As of a past day, a
    line 已到货 now that received goods after it was still open then. `received`: received_on_po's
    figures as of `as_of` and after it, where the caller has them."""
    lines = [ln for ln in purchases
             if (ln.status in OPEN_PO or (as_of is not None and ln.status is PoStatus.RECEIVED))
             and (as_of is None or ln.order_date is None or ln.order_date <= as_of)]
    out: Counter[str] = Counter()
    if not lines:  # nothing on order: the movements need not be walked
        return out
    if received is None:
        later: Counter[tuple[str, str]] = Counter()
        received = received_on_po(movements, as_of, later), later
    got, later = received
    for ln in (ln for ln in lines if open_on(ln, later, as_of)):
        rest = ln.qty - got[(po_key(ln.po_no), ln.sku)]
        if rest > 0:
            out[ln.sku] += rest
    return out


def reserved(lines: Iterable[OrderLine]) -> Counter[str]:
    """Units per SKU that approved orders hold (a row's blank 状态 its order's: money.ledger.as_sent)."""
    from ..money.ledger import as_sent

    out: Counter[str] = Counter()
    for ln in as_sent(list(lines)):
        if ln.status in RESERVING:
            out[ln.sku] += ln.qty
    return out


def held_for_stock(lines: Iterable[OrderLine], avail: Counter[str]) -> tuple[Counter[str], Counter[str]]:
    """Units and orders per SKU held (已挂起) while the SKU is short: its available stock is
    below what the held orders ask. Decided from status and stock, never from the review
    text, which is in the shop's language and names other reasons too."""
    want: Counter[str] = Counter()
    orders: dict[str, set[str]] = defaultdict(set)
    from ..money.ledger import as_sent

    for ln in as_sent(list(lines)):  # (a row's blank 状态 its order's)
        if ln.status is OrderStatus.HELD:
            want[ln.sku] += ln.qty
            orders[ln.sku].add(ln.order_no)
    short = [sku for sku, q in want.items() if avail.get(sku, 0) < q]
    return Counter({s: want[s] for s in short}), Counter({s: len(orders[s]) for s in short})


def available(products: Iterable[Product], movements: Iterable[Movement], lines: Iterable[OrderLine],
              as_of: dt.date | None = None) -> Counter[str]:
    return less_reserved(on_hand(products, movements, as_of), lines)


def less_reserved(have: Counter[str], lines: Iterable[OrderLine]) -> Counter[str]:
    """On-hand stock `have` less what open orders reserve: available(), from an on_hand the
    caller already has (a new Counter; `have` stays as it is)."""
    out = have.copy()
    out.subtract(reserved(lines))
    return out


def last_dates(movements: Iterable[Movement], kind: MovementType, as_of: dt.date | None = None) -> dict[str, dt.date]:
    """The latest date of a movement of `kind` per SKU (出库: last sale; 入库: last receipt)."""
    out: dict[str, dt.date] = {}
    for m in movements:
        if m.type is kind and (as_of is None or m.date <= as_of):
            d = out.get(m.sku)
            if d is None or m.date > d:
                out[m.sku] = m.date
    return out


# the fewest days a new shop's (or a new SKU's) sales are averaged over: its first day's sales (a launch, one
# buyer's 10) are not taken as every day's; a week holds a weekend and its weekdays
MIN_SELLING_DAYS = 7


def sales_per_day(movements: Iterable[Movement], as_of: dt.date, days: int, from_the_start: Collection[str] = (),
                  spans: dict[str, int] | None = None, have: Counter[str] | None = None,
                  short: dict[str, tuple[int, int]] | None = None) -> dict[str, Fraction]:
    """Average units out per day (returns count back) over the days ending `as_of` the SKU has been selling, at
    most `days`: since the books began (the first movement) for an SKU in `from_the_start` (期初库存: on the shelf
    from the first day), else since its own first movement; never fewer than MIN_SELLING_DAYS. A new shop's first
    week's sales over 14 days were half what it sells a day (a reorder too small, "sold out before delivery" too
    late). As an exact fraction: 20 units in 14 days × 14 days must give 20, not 20.000000000000004. `spans`:
    where each SKU's days are put (what an alert says its sales are of; not for one sold out, whose alert is 缺货).
    `have`: each SKU's on-hand; one with none (or none but what buyers returned in the days) and no sale in the
    days sold none because there was none to sell,
    not because nobody wanted it: its rate is of the days up to its last sale (a T-shirt sold out three weeks ago
    was alerted 缺货 with 补货 0, and `purchase suggest` said nothing was to be ordered).
    With `have`, the days in them a SKU that sold had none to sell (none on the shelf all day, none sold) are not
    days it failed to sell: its rate is of the others (still never fewer than MIN_SELLING_DAYS); before, a dress
    that sold 40 in 4 days and was out for the next 10 was reordered at 40 ÷ 14 a day. Not where its book stock
    is below zero in them (a stock-in never entered: which days were empty is not known). `short`: where each
    such SKU's (days it had none, days its rate is of) are put, for the alert to say what was done."""
    start = as_of - dt.timedelta(days=days - 1)
    out: Counter[str] = Counter()
    # units returned in the last MIN_SELLING_DAYS: stock that has had no time to sell (older returns on the shelf
    # unsold are stock nobody bought: a rate of 0, as before)
    back: Counter[str] = Counter()
    fresh = as_of - dt.timedelta(days=MIN_SELLING_DAYS - 1)
    first: dict[str, dt.date] = {}  # each SKU's first movement up to as_of
    OUT, RETURN = MovementType.OUT, MovementType.RETURN
    recent: list[Movement] = []  # the movements in the days: which of them each SKU had stock on
    for m in movements:
        d = m.date
        if d > as_of:
            continue
        f = first.get(m.sku)
        if f is None or d < f:
            first[m.sku] = d
        if d >= start:
            recent.append(m)
            if m.type is OUT:
                out[m.sku] += m.qty
            elif m.type is RETURN:
                out[m.sku] -= m.qty
                if d >= fresh:
                    back[m.sku] += m.qty
    began = min(first.values(), default=as_of)
    least = min(days, MIN_SELLING_DAYS)

    def span(sku: str, end: dt.date) -> int:  # the days a rate up to `end` is over
        return max(min(days, (end - (began if sku in from_the_start else first[sku])).days + 1), least)

    def since(sku: str) -> dt.date:  # the first of the days a rate up to as_of is over (before the floor)
        return max(start, began if sku in from_the_start else first[sku])

    empty = _days_empty(recent, {s: since(s) for s, q in out.items() if q > 0}, have, as_of) if have else {}
    rates = {}
    for sku, q in out.items():
        n = span(sku, as_of)
        if gap := empty.get(sku):
            if (kept := max((as_of - since(sku)).days + 1 - gap, least)) < n:
                if short is not None:
                    short[sku] = (gap, kept)
                n = kept
        rates[sku] = Fraction(max(q, 0), n)
        if spans is not None:
            spans[sku] = span(sku, as_of)
    # sold out, no sale in the days: their movements walked again (picked out at C speed: daily is timed); one whose
    # only stock is what buyers sent back in the last week too (before: a hoodie sold out at 1 a day, one returned,
    # was reordered for none sold, 2 where 20 were due); returns on the shelf a week or more unsold are not
    if gone := {s for s, n in (have or {}).items() if n - back[s] <= 0 and s in first and out.get(s, 0) <= 0}:
        mine = list(compress(movements, map(gone.__contains__, map(attrgetter("sku"), movements))))
        last = last_dates(mine, OUT, as_of)
        then: Counter[str] = Counter()  # units out in the `days` up to each one's last sale, less those back
        for m in mine:
            if m.sku in last and last[m.sku] - dt.timedelta(days=days - 1) <= m.date <= last[m.sku]:
                then[m.sku] += m.qty if m.type is OUT else -m.qty if m.type is RETURN else 0
        for sku, d in last.items():
            rates[sku] = Fraction(max(then[sku], 0), span(sku, d))
    return rates


def _days_empty(recent: list[Movement], since: dict[str, dt.date], have: Counter[str], as_of: dt.date
                ) -> dict[str, int]:
    """SKU (of `since`, each with the first day to look at) → the days from then to `as_of` it had none to sell:
    none on hand at the day's start and at its end, and none sold that day; walked back from its stock `have` at
    the end of `as_of` over `recent` (the movements of those days). None for a SKU whose book stock is below zero
    on one of the days (which days were empty is not known)."""
    net: dict[str, Counter[dt.date]] = {sku: Counter() for sku in since}
    sold: dict[str, set[dt.date]] = {sku: set() for sku in since}
    for m in recent:
        if m.sku in since:
            net[m.sku][m.date] += SIGN[m.type] * m.qty
            if m.type is MovementType.OUT:
                sold[m.sku].add(m.date)
    out = {}
    one = dt.timedelta(days=1)
    for sku, lo in since.items():
        moves, days_sold = net[sku], sold[sku]
        end, day, gap = have.get(sku, 0), as_of, 0
        while day >= lo and end >= 0:
            begin = end - moves.get(day, 0)
            if begin <= 0 and end <= 0 and day not in days_sold:
                gap += 1
            end, day = begin, day - one
        if end >= 0 and gap:
            out[sku] = gap
    return out
