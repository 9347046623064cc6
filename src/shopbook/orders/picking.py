"""Pick list, packing notes and waybill rows for approved orders not yet picked.

Pure: typed records in, the three documents' rows out. Gifts from active 满就送
promotions (order goods total at or over the threshold, within the dates) are
their own lines on the pick list and the packing note, with any staff typed in the
order's 赠品 cell. The gifts an order is picked with are kept in that cell: the scan
check expects those, whatever the 促销 sheet says by then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import Issue, at
from ..schema import OrderLine, OrderStatus, Product, Promotion, PromotionKind
from ..schema.orders import SEALED
from ..values import bin_order, fold_width
from .address import check_phone, places
from .marks import HELD, HELD_TYPED, RELEASED
from .shipping_fee import RateTable

DEFAULT_WEIGHT = Decimal("0.5")  # kg, for an SKU whose weight is not filled in
PACKAGING_WEIGHT = Decimal("0.1")


def order_words(lines: list[OrderLine], name: str, sep: str = "；") -> str | None:
    """An order's 买家留言 or 卖家备注 (`name`): its first row's, and what its other rows say besides (a note
    typed on the row a person was looking at, not the first), each once, `sep` between them."""
    first = getattr(lines[0], name)
    if len(lines) == 1:  # (most orders)
        return first
    said = [t for t in dict.fromkeys(getattr(ln, name) for ln in lines) if t]
    return sep.join(said) if said else first


@dataclass
class Item:
    sku: str
    qty: int
    gift: bool = False


@dataclass
class Parcel:
    """One order as the warehouse handles it."""

    order_no: str
    lines: list[OrderLine]
    gifts: list[Item] = field(default_factory=list)
    gift_cell: str = ""  # what its 赠品 cell holds once picked
    # the other orders of its batch to its receiver and address, by its courier (合并发货: one box, one waybill)
    together: tuple[str, ...] = ()

    @property
    def head(self) -> OrderLine:
        return self.lines[0]

    def counts(self) -> Iterator[tuple[str, int, bool]]:
        """(sku, qty, gift) of each of its lines, then of its gifts (10,000 parcels a morning)."""
        for ln in self.lines:
            yield ln.sku, ln.qty, False
        for it in self.gifts:
            yield it.sku, it.qty, it.gift

    def goods_total(self) -> Decimal:
        return sum(((ln.unit_price or Decimal(0)) * ln.qty for ln in self.lines), Decimal(0))


def gift_rules(promotions: list[Promotion]) -> list[Promotion]:
    return [p for p in promotions
            if p.kind is PromotionKind.GIFT_OVER and p.enabled is not False and p.gift_sku and p.threshold is not None]


def gifts_for(parcel: Parcel, rules: list[Promotion], today: dt.date) -> list[Item]:
    """满就送 applies to orders paid while the promotion ran, on the order's goods total."""
    if not rules:  # (no total to add up)
        return []
    on = parcel.head.paid_at.date() if parcel.head.paid_at else today
    total = parcel.goods_total()
    return [Item(p.gift_sku, p.gift_qty or 1, gift=True) for p in rules
            if total >= p.threshold and (p.start is None or p.start <= on) and (p.end is None or on <= p.end)]


NO_GIFT = {"无", "没有", "不送", "none", "no", "-", "—"}  # typed to give an order no gift
_GIFT_SEP = re.compile(r"[;；,，、\s]+")
_GIFT = re.compile(r"([^×*＊]+)(?:[×*＊](\d+)[件个]?)?")  # 'x' is no separator: it is in too many codes
# ... but a code, a space, then x and a count (GIFT-1 x2, GIFT-1 X 2: × typed as the letter) is that many of it:
# before, x2 was read as a second gift's code, on no 商品 row, and the order was picked with one GIFT-1, its cell
# written over with GIFT-1×1. A count of 1–99 without a leading 0: X100 and X01 beside a gift are gift codes
_X_COUNT = re.compile(r"(?<=\S)\s+[xX]\s*([1-9]\d?)[件个]?(?=$|\s|[;；,，、])")


def gifts_text(gifts: list[Item], lang: str = "zh") -> str:
    """A 赠品 cell as staff read it: GIFT-1×1；GIFT-2×2 (GIFT-1×1; GIFT-2×2 in an English shop)."""
    return ("；" if lang == "zh" else "; ").join(f"{g.sku}×{g.qty}" for g in gifts)


def read_gifts(text: str) -> list[Item]:
    """A 赠品 cell's gifts: codes, each with ×N (or *N) unless it is one, separated by
    ；, ，, 、 or spaces; 无 for none. ValueError names what does not read. Full width aside, as a SKU is
    read: GIFT－1 typed with the input method in full width is GIFT-1 (it was 'not on the Products sheet' and the
    order was picked without the gift its cell promised)."""
    if not text.isascii():
        text = fold_width(text)
    if text.strip().lower() in NO_GIFT:
        return []
    out = []
    text = _X_COUNT.sub(r"×\1", text.strip())
    for part in _GIFT_SEP.split(re.sub(r"\s*([×*＊])\s*", r"\1", text)):
        if not part:
            continue
        m = _GIFT.fullmatch(part)
        if m is None or (m.group(2) is not None and int(m.group(2)) == 0):
            raise ValueError(part)
        out.append(Item(m.group(1), int(m.group(2) or 1), gift=True))
    return out


def typed_gifts(lines: list[OrderLine]) -> str | None:
    """An order's 赠品 cell: the first line that has one (shopbook writes it on every line)."""
    return next((ln.gifts for ln in lines if ln.gifts), None)


def check_gifts(lines: list[OrderLine]) -> list[Issue]:
    """赠品 cells that do not read, one issue each."""
    out = []
    for ln in lines:
        if ln.gifts:
            try:
                read_gifts(ln.gifts)
            except ValueError as e:
                out.append(at(ln, "gifts", "error", f"赠品“{e}”看不懂：写成 编码×数量，如 GIFT-1×1，多个用；隔开。",
                              f"Gift '{e}' does not read: write code×qty, e.g. GIFT-1×1, several separated by ;."))
    return out


def order_gifts(parcel: Parcel, rules: list[Promotion], on: dt.date, lang: str = "zh") -> tuple[list[Item], str]:
    """An order's gifts before it is picked, and the 赠品 cell that keeps them, in the shop's
    language (无 / none when there are none: a blank cell on a picked order means an earlier
    shopbook picked it).
    The promotions' gifts, with what staff typed (a 收藏有礼 gift, a make-good) added, a
    typed code overriding the promotions' quantity of it; 无: none. What was typed stays
    word for word; gifts it does not name are added after it."""
    typed = typed_gifts(parcel.lines)
    promoted = gifts_for(parcel, rules, on)
    if not typed:
        return promoted, gifts_text(promoted, lang) or ("无" if lang == "zh" else "none")
    if typed.strip().lower() in NO_GIFT:
        return [], typed
    own = read_gifts(typed)
    mine = {g.sku for g in own}
    added = [g for g in promoted if g.sku not in mine]
    sep = "；" if lang == "zh" else "; "
    return added + own, (typed.rstrip("；;，,、 ") + sep + gifts_text(added, lang)) if added else typed


STANDARD_PROMISE = dt.timedelta(hours=48)  # what 淘宝, 拼多多 and 抖店 promise a buyer unless a listing says otherwise
_FAR = dt.datetime.max


def ship_due(ln: OrderLine) -> tuple[dt.datetime, dt.datetime, str]:
    """An order's turn for stock (its first row `ln`): by when it must ship, the platform's promise where the
    export carries one (承诺发货时间: a 预售 order's weeks away), else 48 hours after payment (the platforms'
    standard: orders without a promise keep payment order among themselves and beside the ones promised
    48 hours); then payment, then order number. No payment time: last."""
    paid = ln.paid_at or _FAR
    return ln.ship_by or (paid + STANDARD_PROMISE if ln.paid_at else _FAR), paid, ln.order_no


def parcels_to_pick(lines: list[OrderLine], promotions: list[Promotion], on: dt.date, lang: str = "zh"
                    ) -> list[Parcel]:
    """Approved orders without a batch, the one due first first (ship_due), each with its gifts
    (order_gifts). Assumes check_gifts found nothing."""
    by_order: dict[str, list[OrderLine]] = defaultdict(list)
    for ln in lines:
        if ln.status is OrderStatus.APPROVED and not ln.batch:
            by_order[ln.order_no].append(ln)
    rules = gift_rules(promotions)
    parcels = [Parcel(no, ls) for no, ls in sorted(by_order.items(), key=lambda kv: ship_due(kv[1][0]))]
    for p in parcels:
        p.gifts, p.gift_cell = order_gifts(p, rules, on, lang)
    return parcels


_SENT_CODE = re.compile(r"(?:^|\s)(\S+?)(?:（[^（）]*）| \([^()]*\))?$")  # an item's code: its last word, before its parcel


def sent_by_platform(ln: OrderLine) -> bool:
    """Whether order row `ln`, approved, is a line the platform shipped already: its order held for 部分发货
    (the 平台状态 shopbook wrote names the lines that went, 白衬衫 SH-WH-M（中通快递 7310…） 已发, each its title
    and code, ； apart) and its code among them. A person who released the order without deleting that row would
    have it packed again."""
    from .marks import COLON, PART_SHIPPED, SEMI, WENT_OUT

    text = ln.platform_status
    if not text or not PART_SHIPPED.begins(text):
        return False
    for lg in ("zh", "en"):
        head, tail = PART_SHIPPED.say(lg) + COLON.say(lg), WENT_OUT.say(lg)
        if text.startswith(head) and text.endswith(tail):
            items = text[len(head):-len(tail)].split(SEMI.say(lg))
            codes = {m.group(1) for it in items if (m := _SENT_CODE.search(it.strip()))}
            return ln.sku in codes or bool(ln.platform_code and ln.platform_code in codes)
    return False


def promised_gifts(lines: list[OrderLine], rules: list[Promotion], on: dt.date, picked_only: bool = False
                   ) -> Counter[str]:
    """Gift units approved orders not shipped yet hold, as their goods are held: a picked order's
    what its 赠品 cell says (its packing note's), an order not picked yet its order_gifts
    (`picked_only`: the picked ones alone). A cell that does not read counts none: validate and
    the pick list say it."""
    orders: dict[str, list[OrderLine]] = defaultdict(list)
    for ln in lines:  # (no promotion gives gifts: only a 赠品 cell holds any, 10k orders not walked for none)
        if ln.status is OrderStatus.APPROVED and (ln.batch or not picked_only) and (rules or ln.gifts):
            orders[ln.order_no].append(ln)
    out: Counter[str] = Counter()
    for no, ls in orders.items():
        for g in held_gifts(no, ls, rules, on):
            out[g.sku] += g.qty
    return out


def held_gifts(order_no: str, lines: list[OrderLine], rules: list[Promotion], on: dt.date) -> list[Item]:
    """An order's gifts as stock holds them: a picked order's 赠品 cell (its packing note's), else
    order_gifts; none where no promotion gives any and nothing is typed (the common case, at once),
    and none for a cell that does not read (validate and the pick list say it)."""
    if not rules and not any(ln.gifts for ln in lines):
        return []
    typed = typed_gifts(lines)
    try:
        return read_gifts(typed) if typed and lines[0].batch else order_gifts(Parcel(order_no, lines), rules, on)[0]
    except ValueError:
        return []


def gift_units(gifts: list[Item]) -> Counter[str]:
    """Gifts as the scan check counts them: units per SKU."""
    out: Counter[str] = Counter()
    for g in gifts:
        out[g.sku] += g.qty
    return out


def scan_gifts(parcel: Parcel, kept: set[int], batch: str, rules: list[Promotion], on: dt.date) -> list[Item]:
    """The gifts the scan check (ship) will expect of a parcel picked in `batch` whose 赠品 cells on
    rows `kept` hold a person's formula, left as they are: their values as read, the other cells
    its gift_cell as the pick list writes them (held_gifts, as ship reads them)."""
    lines = [ln.model_copy(update={"batch": batch} if ln.row in kept else {"batch": batch, "gifts": parcel.gift_cell})
             for ln in parcel.lines]
    return held_gifts(parcel.order_no, lines, rules, on)


def allot_gifts(parcels: list[Parcel], left: Counter[str], lang: str = "zh") -> dict[str, list[str]]:
    """Each parcel's gifts while `left` (the shelf, less what the parcels' goods take) has them,
    oldest payment first: a gift is not worth holding an order for, so a parcel whose gift ran
    out goes without it, its 赠品 cell saying what it is packed with (无 / none when nothing).
    Gift SKU → the orders that went without it. A code not on the 商品 sheet is not counted."""
    without: dict[str, list[str]] = defaultdict(list)
    for p in parcels:
        kept = []
        for g in p.gifts:
            if g.sku not in left or g.qty <= left[g.sku]:
                if g.sku in left:
                    left[g.sku] -= g.qty
                kept.append(g)
            else:
                without[g.sku].append(p.order_no)
        if len(kept) < len(p.gifts):
            p.gifts = kept
            p.gift_cell = gifts_text(kept, lang) or ("无" if lang == "zh" else "none")
    return dict(without)


_ALLOTTED_LAST = (*HELD, *HELD_TYPED, *RELEASED)  # (one startswith a parcel: 10,000 of them a morning)


def released_by_hand(parcel: Parcel) -> bool:
    """Approved by a person while its 审单结果 still says held, or says so (review.released_review): the review
    allotted it no stock."""
    return (parcel.head.review or "").startswith(_ALLOTTED_LAST)


def allot_goods(parcels: list[Parcel], left: Counter[str]) -> tuple[list[Parcel], dict[str, list[tuple[str, int, int]]]]:
    """The parcels whose goods are on the shelf, `left` (on-hand less what picked parcels hold)
    taken down as they are allotted, and the others: order no. → (sku, needed, available) of each
    SKU short. The review allotted stock to the order due first first (ship_due), so the orders it approved come
    first in that order; one released by hand (released_by_hand) takes what they leave. An SKU
    not on the 商品 sheet is not counted (the review holds it)."""
    kept, short = [], {}
    for p in sorted(parcels, key=released_by_hand):  # (stable: the one due first first within each)
        need: dict[str, int] = {}
        for ln in p.lines:
            need[ln.sku] = need.get(ln.sku, 0) + ln.qty
        lacking = [(sku, q, max(left[sku], 0)) for sku, q in need.items() if sku in left and q > left[sku]]
        if lacking:
            short[p.order_no] = lacking
            continue
        for sku, q in need.items():
            if sku in left:
                left[sku] -= q
        kept.append(p)
    order = {id(p): i for i, p in enumerate(parcels)}
    kept.sort(key=lambda p: order[id(p)])
    return kept, short


@dataclass
class PickLine:
    bin: str
    sku: str
    name: str
    colour: str
    size: str
    qty: int
    orders: int
    gift: bool


def pick_list(parcels: list[Parcel], products: list[Product]) -> list[PickLine]:
    """Aggregated by SKU (gifts apart), sorted by bin then SKU, SKUs with no bin last."""
    by_sku = {p.sku: p for p in products}
    qty: dict[tuple[str, bool], int] = defaultdict(int)
    orders: dict[tuple[str, bool], set[str]] = defaultdict(set)
    for parcel in parcels:
        no = parcel.order_no
        for sku, q, gift in parcel.counts():
            key = (sku, gift)
            qty[key] += q
            orders[key].add(no)
    out = []
    for (sku, gift), q in qty.items():
        p = by_sku.get(sku)
        out.append(PickLine(bin=(p.bin or "") if p else "", sku=sku, name=p.name if p else "?",
                            colour=(p.colour or "") if p else "", size=(p.size or "") if p else "",
                            qty=q, orders=len(orders[(sku, gift)]), gift=gift))
    out.sort(key=lambda x: (x.bin == "", bin_order(x.bin), x.sku, x.gift))  # (A-2 before A-10: the walk)
    return out


def parcel_weight(parcel: Parcel, products: dict[str, Product]) -> Decimal:
    return _weight(parcel.counts(), products)


def parcel_weights(order_no: str, lines: list, products: dict[str, Product]) -> list[tuple[str | None, Decimal]]:
    """(courier, estimated weight) of each parcel an order went in: where each line holds its own
    parcel, that parcel's lines; where one cell names several (T1/T2), the order's weight shared
    evenly (which goods went in which is not written down)."""
    return list(weights_by_parcel(order_no, lines, products).values()) or [
        (None, parcel_weight(Parcel(order_no, lines), products))]


def weights_by_parcel(order_no: str, lines: list, products: dict[str, Product], shared: bool = True
                      ) -> dict[str, tuple[str | None, Decimal]]:
    """parcel_weights by tracking number: what a courier's bill checks each parcel's billed weight by.
    Not `shared`: parcels whose goods are not written down each weigh the whole order (an upper bound,
    so no parcel is called too heavy by an even share of goods it may hold more of)."""
    from . import couriers as C

    parcels = C.of_order(lines)
    if len(parcels) <= 1:
        return {t: (c, parcel_weight(Parcel(order_no, lines), products)) for t, c in parcels.items()}
    own = [[t for t, _ in C.carriers(ln.courier, ln.tracking_no)] for ln in lines]
    if all(len(ts) == 1 for ts in own):
        in_parcel: dict[str, list] = {}
        for ln, (t,) in zip(lines, own):
            in_parcel.setdefault(t, []).append(ln)
        return {t: (parcels[t], parcel_weight(Parcel(order_no, ls), products)) for t, ls in in_parcel.items()}
    each = parcel_weight(Parcel(order_no, lines), products) / (len(parcels) if shared else 1)
    return {t: (c, each) for t, c in parcels.items()}


def _weight(counts: Iterable[tuple[str, int, bool]], products: dict[str, Product]) -> Decimal:
    """The packaging and each item's weight (Parcel.counts' (sku, qty, gift))."""
    w = PACKAGING_WEIGHT
    for sku, qty, _ in counts:
        p = products.get(sku)
        w += (p.weight_kg if p is not None and p.weight_kg is not None else DEFAULT_WEIGHT) * qty
    return w


@dataclass
class WaybillRow:
    order_no: str
    receiver: str
    phone: str
    province: str
    city: str
    district: str
    address: str
    items: str
    weight_kg: Decimal
    fee: Decimal | None


_SEALED_VALUES = frozenset(SEALED.values())
def hidden_by_platform(ln: OrderLine, phone: bool = True) -> bool:
    """The platform keeps this order's receiver to itself: 拼多多's current export seals it ((平台加密)),
    抖店's and Taobao's mask it (张**, 138****5678, 西湖区文三路****). A courier's software would print
    the stars; the platform's own tools print the real receiver. Without `phone`: the name or the
    address hidden (what tells two buyers apart)."""
    receiver, address = ln.receiver or "", ln.address or ""
    if receiver in _SEALED_VALUES or address in _SEALED_VALUES or "*" in receiver or "**" in address:
        return True
    return phone and ((number := ln.phone or "") in _SEALED_VALUES or "*" in number)


def platform_printed(parcels: list[Parcel]) -> list[str]:
    """The orders whose receiver the platform keeps to itself (hidden_by_platform): their waybills are
    printed in the platform's own tools, never from the waybill CSV."""
    return [p.order_no for p in parcels if hidden_by_platform(p.lines[0])]


def waybill_rows(parcels: list[Parcel], products: list[Product], rates: RateTable, courier: str | None,
                 lang: str = "zh") -> list[WaybillRow]:
    """The waybill CSV's rows; none for an order the platform prints (platform_printed): a courier's
    software would print "(平台加密)" as the receiver. A gift is marked (赠), (gift) in an English shop."""
    left_out = set(platform_printed(parcels))
    parcels = [p for p in parcels if p.order_no not in left_out]
    by_sku = {p.sku: p for p in products}
    gift = "(赠)" if lang == "zh" else "(gift)"
    # what the items of a parcel write (its summary, its weight) and a fee by province and weight:
    # made once each, where a morning's thousands of parcels hold the same few goods
    shapes: dict[tuple, tuple[str, Decimal]] = {}
    fees: dict[tuple[str, Decimal], Decimal | None] = {}
    out = []
    boxes = {p.order_no: p for p in parcels if p.together}  # 合并发货: one row for the box, its orders' numbers A,B
    for parcel, (province, city, district, detail) in zip(parcels, places([p.head.address for p in parcels])):
        items = tuple(parcel.counts())
        order_no = parcel.order_no
        if parcel.together:
            if order_no not in boxes:  # (in the row of the first of them)
                continue
            mates = [boxes.pop(n) for n in parcel.together if n in boxes]
            boxes.pop(order_no)
            order_no = ",".join([order_no, *(m.order_no for m in mates)])
            summed: dict[tuple[str, bool], int] = {}  # (one SKU in two of them: SKU×2, as one parcel's)
            for sku, qty, is_gift in (*items, *(c for m in mates for c in m.counts())):
                summed[sku, is_gift] = summed.get((sku, is_gift), 0) + qty
            items = tuple((sku, qty, is_gift) for (sku, is_gift), qty in summed.items())
        shape = shapes.get(items)
        if shape is None:
            shape = shapes[items] = (" ".join([f"{sku}×{qty}{gift}" if is_gift else f"{sku}×{qty}"
                                               for sku, qty, is_gift in items]), _weight(items, by_sku))
        summary, w = shape
        fee = None
        if province:
            fee = fees.get((province, w), fees)
            if fee is fees:
                fee = fees[province, w] = rates.fee(province, w, courier)
        head = parcel.head
        state, cleaned = check_phone(head.phone)  # the courier's software wants 13800138000
        out.append(WaybillRow(order_no, head.receiver, cleaned if state == "ok" else head.phone,
                              province, city, district, detail or head.address, summary, w, fee))
    return out


# the most orders put in one box: one buyer's several orders; more to one receiver and address (a warehouse or
# an agent's depot, each order its own parcel) are packed apart (the review's note names them by count, 等，另 N 个)
BOX_ORDERS = 10


def ship_together(parcels: list[Parcel], default: str = "", boxed: Collection[str] = ()) -> list[Parcel]:
    """The parcels with those that go to one receiver at one address by one courier side by side (the first of
    them where it was), each such parcel's `together` naming the others: the orders whose 审单结果 holds the
    review's 合并发货 note (建议合并发货, review.merge_suggested), said where the warehouse reads it, on their
    packing notes, and as one waybill row. An order without it (the rule off, approved without a review, the
    note taken out, 不建议合并发货 typed) is packed alone; one whose receiver, address or phone the platform hides
    (it prints their waybills) is never put together; more than BOX_ORDERS of them are packed apart. `default`:
    the courier of an order whose 快递公司 is blank, as by_courier takes it. `boxed`: orders packed by a pick list
    already (box_mates: one cancelled since, its 审单结果 rewritten), taken as carrying the note."""
    from .couriers import canonical, given
    from .review import boxes, merge_suggested, ship_place, ship_to, sold_on

    shown = [p for p in parcels if (p.order_no in boxed or merge_suggested(p.head.review))
             and not hidden_by_platform(p.head)]
    if len(shown) < 2:  # (most batches)
        return parcels
    written: dict[str, set[str]] = defaultdict(set)  # receiver → the ways its address is written
    tos = {id(p): ship_to(p.head) for p in shown}
    for receiver, address in tos.values():
        written[receiver].add(address)
    groups: dict[tuple, list[Parcel]] = defaultdict(list)
    for p in shown:
        to = tos[id(p)]
        groups[(ship_place(p.head) if len(written[to[0]]) > 1 else to,
                canonical(given(order_courier(p))) or default)].append(p)
    first: dict[int, list[Parcel]] = {}
    later: set[int] = set()
    for ps in (box for place in groups.values() for box in boxes(place, lambda p: sold_on(p.head))):
        if 1 < len(ps) <= BOX_ORDERS:  # (each platform's orders apart: review.boxes)
            for p in ps:
                p.together = tuple(q.order_no for q in ps if q is not p)
            first[id(ps[0])] = ps
            later.update(id(p) for p in ps[1:])
    if not first:
        return parcels
    return [q for p in parcels if id(p) not in later for q in first.get(id(p), [p])]


def order_courier(parcel: Parcel) -> str | None:
    """An order's 快递公司 as typed: its first row's, else the first of its rows that names one."""
    c = parcel.lines[0].courier
    return c if c or len(parcel.lines) == 1 else next((ln.courier for ln in parcel.lines if ln.courier), None)


def by_courier(parcels: list[Parcel], named: set[str | None], default: str) -> dict[str, list[Parcel]]:
    """The parcels of each courier (its one name: 顺丰速运 is 顺丰), each for a waybill CSV of its own (its
    software, its rates), the shop's `default` courier's first: an order's 快递公司 (order_courier), blank or
    无 the default's. `named`: every 快递公司 cell of the batch's rows, so that a batch of one courier (most)
    is not walked order by order. A batch whose orders all go by the default courier: {default: parcels}. An
    order the platform prints (hidden_by_platform) is in no CSV: it makes no file of its courier's."""
    from .couriers import canonical, given

    if len({canonical(given(c)) or default for c in named}) <= 1:
        return {canonical(given(next(iter(named), None))) or default: parcels}
    out: dict[str, list[Parcel]] = {default: []}
    for p in parcels:
        if not hidden_by_platform(p.head):
            out.setdefault(canonical(given(order_courier(p))) or default, []).append(p)
    return {c: ps for c, ps in out.items() if ps} or {default: []}
