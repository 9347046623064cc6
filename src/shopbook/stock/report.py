"""The stock reports: summary, alerts and reorder, slow movers and stock age,
waiting list to call, supplies. Pure: records in, rows out."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from types import MappingProxyType

from ..issues import Issue, at, en_count
from ..schema import (Movement, MovementType, OrderLine, PoStatus, Product, ProductStatus, PurchaseLine, Supplier,
                      Supply, WaitlistEntry)
from ..values import by_code_key, code_key
from .levels import (SIGN, available, held_for_stock, last_dates, less_reserved, on_hand, on_order, on_order_today,
                     received_on_po, reserved, sales_per_day)


# Stock alerts and reorder quantities of a past day (purchase suggest --date, the daily report of an
# earlier day): orders.xlsx keeps only where each order stands now, not which were approved (reserving
# stock) or held that day, so today's would be taken for that day's; the waiting list is taken as
# registered by then. (Here, beside the alerts: the daily job says it without importing purchasing.)
PAST_ALERTS_NOTE = ("过去的日期：订单只记着现在的状态，看不出那天哪些已审核占用库存、哪些挂起等货，所以补货量没有算订单（可用按库存算），"
             "缺货登记只算那天及之前登记的",
             "a past date: the orders show only where they stand now, not which were approved (holding stock) or "
             "held for stock that day, so the reorder quantities leave orders out (available is what was on hand); "
             "the waiting list counts the entries registered by that day")

@dataclass
class StockRow:
    sku: str
    name: str
    colour: str
    size: str
    bin: str
    on_hand: int
    reserved: int | None  # None: a past day's (which orders held stock that day is not known)
    available: int | None
    cost: Decimal
    value: Decimal  # on-hand at cost
    last_sale: dt.date | None
    last_receipt: dt.date | None
    on_order: int = 0  # on open purchase orders (采购), not yet received

    def to_json(self) -> dict:
        d = asdict(self)
        d["cost"], d["value"] = str(self.cost), str(self.value)
        for k in ("last_sale", "last_receipt"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def summary(products: list[Product], movements: list[Movement], lines: list[OrderLine] | None,
            as_of: dt.date | None = None, purchases: list[PurchaseLine] = ()) -> list[StockRow]:
    """`lines` None: reserved and available are not given (a past day: the orders show only where
    they stand now, not which were approved and still on the shelf that day; nor are the PO lines sent with a
    下单日期 after it on order then)."""
    have = on_hand(products, movements, as_of)
    res = reserved(lines) if lines is not None else None
    coming = (on_order(purchases, movements, None) if as_of is None
              else on_order_today(purchases, movements, as_of, past=lines is None))
    sold = last_dates(movements, MovementType.OUT, as_of)
    got = last_dates(movements, MovementType.IN, as_of)
    # a last sale whose units came back (a 退货 on or after it) is none: the one before it, as `stock slow` says
    back = last_dates(movements, MovementType.RETURN, as_of)
    if undone := {sku for sku, d in back.items() if sku in sold and d >= sold[sku]}:
        sold.update(_kept_sales(movements, undone, as_of or dt.date.max))
    rows = []
    for p in products:
        h = have[p.sku]
        r = res[p.sku] if res is not None else None
        rows.append(StockRow(p.sku, p.name, p.colour or "", p.size or "", p.bin or "", h, r,
                             h - r if r is not None else None, p.cost, p.cost * h, sold.get(p.sku), got.get(p.sku),
                             coming[p.sku]))
    return rows


@dataclass
class Alert:
    """A SKU to restock (stock_alerts): its units available, safety stock, whether it is a main
    product (主推款), why it is alerted as (zh, en) pairs, and the quantity to reorder."""

    sku: str
    name: str
    available: int
    safety_stock: int
    main: bool
    reasons: list[tuple[str, str]]
    reorder_qty: int
    waiting: int  # orders held for stock plus customers on the waiting list
    on_order: int = 0  # already on open purchase orders: taken off reorder_qty
    # (zh, en) what its sales rate is of where that is not the plain days of sales (days it had none left out):
    # said after its reasons by `stock alerts` and the 库存预警 button, not among them (the daily report's 摘要
    # shows the reasons in a column of its own width)
    basis: tuple[str, str] | None = None

    def to_json(self) -> dict:
        d = asdict(self)
        d["reasons"] = [{"zh": a, "en": b} for a, b in self.reasons]
        d["basis"] = {"zh": self.basis[0], "en": self.basis[1]} if self.basis else None
        return d


NO_SUPPLIERS: Mapping[str, Supplier] = MappingProxyType({})


def lead_days(p: Product, suppliers: Mapping[str, Supplier]) -> int | None:
    """Days from ordering `p` to its arrival: its own 补货周期 where typed (the more specific),
    else its supplier's 交货周期; None when neither says. The reorder quantity and the PO's
    expected date both ask here, so what is ordered covers the wait the PO shows."""
    if p.lead_days is not None:
        return p.lead_days
    sup = suppliers.get(p.supplier) if p.supplier else None
    return sup.lead_days if sup else None


def covers_only_said(cover_days: int) -> tuple[str, str]:
    """(zh, en) what the reorder quantity of a product with no lead time at all covers: said by `stock alerts`
    and by `purchase suggest` at its 补货周期 cell, in these same words."""
    return (f"补货量只够卖 {cover_days} 天（shopbook.toml 的 cover_days）再加安全库存，没有算等货的天数，可能撑不到货到",
            (f"the reorder quantity covers only {en_count(cover_days, 'day')} of sales (cover_days in shopbook.toml) "
             "plus the safety stock, none of the wait for the goods, and may run out before they come"))


# products never reordered, each with (zh, en) what it is, as an alert says it: a 下架 one is no longer sold, a 过季
# one sells off what is left (the seeds' 过季的…宝贝可以下架). Neither is alerted for running low or out, only
# where orders or waiting customers are left waiting for goods that will not come, or a draft PO still buys it
# (zh, en, and how to take it back up: zh, en)
NOT_RESTOCKED = MappingProxyType({ProductStatus.DELISTED: ("已下架", "delisted", "要继续卖", "to sell it again"),
                                  ProductStatus.OUT_OF_SEASON: ("过季", "out of season", "要再进货", "to restock it")})


# a 过季 SKU whose stock is gone and none on order: DOMAIN's out-of-season items are candidates to delist
SOLD_OUT_OF_SEASON = ("过季，已售完：可以下架（在平台下架后，把“状态”改为下架）",
                      ("out of season, sold out: can be delisted (delist it on the platform, then set its status to "
                       "delisted)"))


@dataclass(frozen=True)
class MainFloor:
    """What the 主推 rule asks of one SKU of a main style (main_floors)."""
    floor: int  # units to fill this SKU up to: its share of the style's minimum; 0 when the style holds enough
    style: str  # the 款号 (the SKU itself where none is typed)
    total: int  # units of the style on hand
    skus: int  # its SKUs on sale


def main_floors(products: list[Product], have: Mapping[str, int], main_min: int) -> dict[str, MainFloor]:
    """The 主推 rule by style: DOMAIN's "主推款 (usually 2 styles) keep 30–50 units on hand" — the
    seed's 主推款式 平时库存…现货30-50个以上 is of the style, not of each colour and size (a T-shirt in 12
    SKUs holding 40 was alerted 12 times and reordered 240). A main style (the 主推 SKUs on sale of one
    款号, one SKU alone where none is typed) under `main_min` has each SKU filled up to its share of it
    (main_min ÷ its SKUs, rounded up), so that the style holds `main_min` again."""
    styles: dict[str, list[Product]] = {}
    for p in products:
        if p.main and p.status not in NOT_RESTOCKED and p.status is not ProductStatus.NO_STOCK:
            styles.setdefault(code_key(p.style) if p.style else "\0" + p.sku, []).append(p)
    out = {}
    for ps in styles.values():
        total = sum(max(have.get(p.sku, 0), 0) for p in ps)
        floor = math.ceil(main_min / len(ps)) if total < main_min else 0
        for p in ps:
            out[p.sku] = MainFloor(floor, ps[0].style or p.sku, total, len(ps))
    return out


def main_said(m: MainFloor, have: int, main_min: int) -> tuple[str, str]:
    """(zh, en) why a SKU of a main style is alerted: the style's units, beside the SKU's own where it has
    siblings."""
    if m.skus == 1:
        return f"主推款库存 {have} < {main_min}", f"main item: {have} on hand < {main_min}"
    return (f"主推款 {m.style} 共 {m.total} 件 < {main_min}（{m.skus} 个 SKU，每个补到 {m.floor}）",
            f"main style {m.style}: {m.total} on hand < {main_min} ({m.skus} SKUs, each filled to {m.floor})")


def reorder_qty(p: Product, avail: int, daily: Fraction, cover_days: int, main_min: int = 30, held: int = 0,
                suppliers: Mapping[str, Supplier] = NO_SUPPLIERS) -> int:
    """Average daily sales × (lead time + cover days) + safety stock − available, never negative;
    a 主推 item is filled up to at least `main_min` (its share of its style's minimum: main_floors); `held` units of
    orders (and of waiting-list customers the shelf cannot serve: waitlist_units) waiting for this SKU
    come on top. `suppliers` by name: their 交货周期 is the lead
    time of a product with no 补货周期 of its own. A 下架 product is never reordered (alerts skip it;
    SB_REORDER_QTY asks here too), nor a 过季 one (NOT_RESTOCKED); a 不备货 one is ordered for what waits for it
    alone (`held` − available)."""
    if p.status in NOT_RESTOCKED:
        return 0
    if p.status is ProductStatus.NO_STOCK:
        return max(held - avail, 0)
    target = math.ceil(daily * ((lead_days(p, suppliers) or 0) + cover_days)) + (p.safety_stock or 0)
    if p.main:
        target = max(target, main_min)
    return max(target + held - avail, 0)


def alerts(products: list[Product], movements: list[Movement], lines: list[OrderLine],
           waitlist: list[WaitlistEntry], today: dt.date, main_min: int = 30, window_days: int = 14,
           cover_days: int = 7, purchases: list[PurchaseLine] = (), suppliers: list[Supplier] = (),
           received: tuple[Counter, Counter] | None = None, past: bool = False) -> list[Alert]:
    """`received`: what was received on each PO line up to `today` and after it (levels.received_on_po),
    where the caller has it. `past`: `today` a day gone, whose POs ordered after it were not on order then; else
    one sent with its 下单日期 typed ahead is (levels.ordered_ahead)."""
    # as of `today`: alerts for a past day must not count receipts that came later
    by_name = {s.supplier: s for s in suppliers}
    have = on_hand(products, movements, today)
    avail = less_reserved(have, lines)  # available(), without summing the movements twice
    if received is None:
        later: Counter = Counter()
        received = received_on_po(movements, today, later), later
    coming = on_order_today(purchases, movements, today, received, past)  # never ordered twice
    spans: dict[str, int] = {}  # the days each SKU's sales are of: fewer in a new shop's first weeks
    short: dict[str, tuple[int, int]] = {}  # (days it had none to sell in them, days its rate is of)
    daily = sales_per_day(movements, today, window_days, {p.sku for p in products if p.opening_qty}, spans, have,
                          short)
    held, waiting = held_for_stock(lines, avail)
    floors = main_floors(products, have, main_min)
    asked_for = waitlist_skus(products, waitlist, lines)
    waiting.update(asked_for)
    asked = waitlist_units(asked_for, avail, held)
    out = []
    callers = Counter(asked_for)
    drafts: dict[str, list[PurchaseLine]] = {}  # a draft PO's lines (not sent), by SKU: one for a 下架 SKU is said
    for ln in purchases:
        if ln.status is PoStatus.DRAFT and (ln.order_date is None or ln.order_date <= today):
            drafts.setdefault(ln.sku, []).append(ln)
    def waiting_for(sku: str) -> list[tuple[str, str]]:
        """What waits for `sku` (orders held for it, customers on the waiting list), in each language."""
        who = [(f"挂起订单要 {held[sku]} 件", f"held orders need {held[sku]}")] if held[sku] else []
        if asked[sku]:
            who.append((f"缺货登记 {callers[sku]} 人在等", f"{en_count(callers[sku], 'customer')} waiting"))
        return who

    cleared = []  # 过季 SKUs sold out with nothing coming: to delist, said after the SKUs to restock
    for p in products:
        a, reasons = avail[p.sku], []
        if (kind := NOT_RESTOCKED.get(p.status)) is not None:
            # never reordered (reorder_qty): orders held for it and customers the shelf cannot serve wait for
            # goods that will not come, said here, where they were left out of every list (before: no alert)
            if who := waiting_for(p.sku):
                if coming[p.sku] >= max(held[p.sku] - max(a, 0), 0) + asked[p.sku]:  # on order serves them: no more
                    todo = (f"在途的 {coming[p.sku]} 件到了先给它们", f"the {coming[p.sku]} on order serve them when they come")
                else:  # what to do with what waits: the held orders, the customers registered, or both (before:
                    # both said always, "cancel or change those orders" of a SKU no order waits for)
                    acts = [x for x, there in ((("取消订单或改发别的款", "cancel or change those orders"), held[p.sku]),
                                               (("告知登记的客户", "tell the customers waiting"), asked[p.sku])) if there]
                    todo = (f"请{'、'.join(z for z, _ in acts)}；{kind[2]}，把“状态”改回在售",
                            f"{' and '.join(e for _, e in acts)}; {kind[3]}, set its status back to active")
                reasons.append((f"{kind[0]}，不补货：{'，'.join(z for z, _ in who)}：{todo[0]}",
                                f"{kind[1]}, not reordered: {', '.join(e for _, e in who)}: {todo[1]}"))
            if p.sku in drafts:  # drafted before it was delisted: sent as it is, it buys what is no longer stocked
                pos = list(dict.fromkeys(ln.po_no for ln in drafts[p.sku]))
                q = sum(ln.qty for ln in drafts[p.sku])
                reasons.append((f"{kind[0]}，草稿采购单 {'、'.join(pos)} 还订着 {q} 件：不再进货的话，发出前删掉这一行",
                                f"{kind[1]}, and draft PO {', '.join(pos)} still orders {q}: if no more is to be bought, "
                                "delete the line before sending it"))
            if reasons:
                out.append(Alert(p.sku, p.name, a, p.safety_stock or 0, bool(p.main), reasons, 0, waiting[p.sku],
                                 coming[p.sku]))
            elif p.status is ProductStatus.OUT_OF_SEASON and have[p.sku] <= 0 and not coming[p.sku]:
                # its stock cleared and none coming: the seeds' 过季的…宝贝可以下架 is due (before: said nowhere,
                # its listing left up with nothing to sell)
                cleared.append(Alert(p.sku, p.name, a, p.safety_stock or 0, bool(p.main), [SOLD_OUT_OF_SEASON], 0, 0))
            continue
        # every reason is said beside the alert's available figure (stock alerts' 可用 column, the daily report's
        # （可用 0，补货 16）), so none says it again (before: "挂起订单要 16 件，可用 0（可用 0，补货 16）")
        safety, sells, lead = p.safety_stock or 0, daily.get(p.sku, Fraction(0)), lead_days(p, by_name) or 0
        kept = p.status is not ProductStatus.NO_STOCK
        if not kept:  # none kept on the shelf: only what orders and customers wait for is to order
            if who := waiting_for(p.sku):
                reasons.append((f"不备货，按单订货：{'，'.join(z for z, _ in who)}",
                                f"no stock kept, ordered for what waits: {', '.join(e for _, e in who)}"))
        elif a <= 0:
            reasons.append(("缺货", "out of stock"))
        elif a <= safety:
            reasons.append((f"不高于安全库存 {safety}", f"at or below safety stock {safety}"))
        elif sells and lead and a + coming[p.sku] < sells * lead:
            # sold out before a delivery ordered today could come (at the last `window_days` days' sales,
            # what is on order counted): a fast seller above its safety stock was alerted only once it
            # was down to that stock, too late
            days = int(a / sells)
            left = (f"约 {days} 天卖完" if days else "不到 1 天就卖完", f"lasts about {en_count(days, 'day')}" if days
                    else "lasts less than a day")
            n = spans.get(p.sku, window_days)
            reasons.append((f"按近 {n} 天的销量{left[0]}，到货要 {lead} 天",
                            f"{left[1]} at the last {en_count(n, 'day')}' sales; a delivery takes {en_count(lead, 'day')}"))
        floor = floors[p.sku].floor if p.sku in floors else 0
        if floor and have[p.sku] < floor:
            reasons.append(main_said(floors[p.sku], have[p.sku], main_min))
        if held[p.sku] and kept:
            reasons.append((f"挂起订单要 {held[p.sku]} 件", f"held orders need {held[p.sku]}"))
        if reasons:
            qty = max(reorder_qty(p, a, daily.get(p.sku, Fraction(0)), cover_days, floor, held[p.sku] + asked[p.sku],
                                  by_name) - coming[p.sku], 0)
            basis = None
            if p.sku in short and kept:  # what its sales rate is of: the days it had goods to sell
                gap, n = short[p.sku]
                sold, w = int(sells * n), spans[p.sku]
                least = (f"，有货不到 {n} 天按 {n} 天算", f"; fewer days with goods count as {n}") if n > w - gap else ("", "")
                basis = (f"近 {w} 天里缺货的 {gap} 天不算进日均销量（{sold} 件 ÷ {n} 天{least[0]}）",
                         f"its {en_count(gap, 'day')} out of stock in the last {w} left out of its daily sales "
                         f"({en_count(sold, 'unit')} ÷ {en_count(n, 'day')}{least[1]})")
            if not qty and kept and a <= 0 and not coming[p.sku] and not sells and not safety:
                # out, never sold (a style just added) and no safety stock: the rule has nothing to work from, and
                # "缺货 补货 0" read as "nothing to order" (before: said so, and purchase suggest ordered none)
                col = Product.column("safety_stock").col
                reasons.append((f"没有销量，也没有填{col.zh}，补货量算不出：请在“{Product.zh}”表填上它的{col.zh}",
                                f"no sales and no {col.en} to work a reorder quantity from: fill in its {col.en} on "
                                f"the {Product.en} sheet"))
            out.append(Alert(p.sku, p.name, a, safety, bool(p.main), reasons, qty, waiting[p.sku], coming[p.sku],
                             basis))
    # out-of-stock items that people are waiting for first, then the emptiest
    out.sort(key=lambda x: (not (x.available <= 0 and x.waiting), -x.waiting, x.available - x.safety_stock, x.sku))
    return out + cleared


def events_in_sales(promotions: list, today: dt.date, window_days: int) -> list[tuple[str, dt.date, dt.date]]:
    """The 促销 sheet's 大促 rows (enabled, dated: Promotion.days) whose days fall in the `window_days` days of sales
    up to `today` the reorder averages: (name, first day, last day), by first day."""
    start = today - dt.timedelta(days=window_days - 1)
    out = {(p.name, *p.days) for p in promotions if p.days and p.days[0] <= today and p.days[1] >= start}
    return sorted(out, key=lambda e: (e[1], e[0]))


def events_in_sales_said(events: list[tuple[str, dt.date, dt.date]], window_days: int) -> tuple[str, str]:
    """(zh, en) that the reorder quantities average days of a 大促 (its extra sales taken as every day's)."""
    zh = "、".join(f"“{n}”（{a:%m-%d}{'' if a == b else f'～{b:%m-%d}'}）" for n, a, b in events)
    en = ", ".join(f"'{n}' ({a:%m-%d}{'' if a == b else f' to {b:%m-%d}'})" for n, a, b in events)
    return (f"近 {window_days} 天的销量里有大促{zh}：补货量按的日均销量含活动那几天多卖的，平常卖不了这么快，"
            "可能订多了；下单前按平常的销量核对一下",
            f"the last {en_count(window_days, 'day')}' sales hold big event {en}: the daily sales the reorder "
            "quantities are worked from count what it sold more as every day's, faster than ordinary days sell, "
            "and may order too much; check them against ordinary days' sales before ordering")


@dataclass
class SlowMover:
    sku: str
    name: str
    on_hand: int
    value: Decimal
    last_sale: dt.date | None
    days_since_sale: int | None
    # its sales since last_sale all came back (退货): no sale, as sales_per_day counts them (before, a shirt sold
    # and returned last week kept it off the list)
    returned: bool = False
    # its 款号, where another SKU of it sold within the days (style_sold: the latest such sale): the seeds delist
    # a 宝贝 (a listing, the style) after 30 days without a sale (30天无销量的宝贝可以下架), not one size of a style
    # that sells
    style: str | None = None
    style_sold: dt.date | None = None

    def advice(self) -> tuple[str, str]:
        """(zh, en) what to do with it: delist or clear, or, its style still selling, clear this SKU alone."""
        if self.style_sold:
            return (f"同款 {self.style} 还在卖（{self.style_sold:%Y-%m-%d}）：这个 SKU 清仓或不再补货，不用下架整款",
                    (f"style {self.style} still sells ({self.style_sold:%Y-%m-%d}): clear this SKU or stop "
                     "reordering it; the listing stays"))
        return "考虑下架或清仓", "delist or clear"

    def to_json(self) -> dict:
        d = asdict(self)
        d["value"] = str(self.value)
        d["last_sale"] = self.last_sale.isoformat() if self.last_sale else None
        d["style_sold"] = self.style_sold.isoformat() if self.style_sold else None
        return d


AGE_BUCKETS = ((0, 30, "0–30"), (31, 60, "31–60"), (61, 90, "61–90"), (91, 10**9, ">90"))


class StockAge(dict):
    """Stock value by age: bucket label → {"skus", "units", "value"}. A SKU whose units on hand are of two ages
    (a receipt of 5 days and opening stock) is counted in each bucket it has units in, so the buckets' SKUs add
    up to more than the SKUs in stock: `total` is the SKUs on hand each once, with all their units and value (the
    buckets' units and value add up to them), and `split` how many of those SKUs are in more than one bucket.
    (Before, the buckets alone were said: 2 + 1 + 0 + 2 SKUs of a shop holding 3, nothing saying why.)"""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.total = {"skus": 0, "units": 0, "value": Decimal(0)}
        self.split = 0


def slow_movers(products: list[Product], movements: list[Movement], today: dt.date, days: int = 30
                ) -> tuple[list[SlowMover], StockAge]:
    """Active SKUs with stock and no sale in `days` days, in stock for at least `days` days
    (opening stock since the books began, at the first movement; else since the first movement
    that brought some in); and stock value by age, first in first out: the units on hand are the
    latest received, each aged from its own receipt (入库), the rest (opening stock, units no
    receipt accounts for) the oldest. Before, every unit was aged from the SKU's last receipt: 25
    shirts of opening stock four months old were counted 0–30 days the day 4 more came in."""
    # one pass over the movements up to `today` for what on_hand, last_dates (出库, 入库) and the
    # first movement that brought stock in each give: a year's movements, walked once, not four times
    have: Counter[str] = Counter({p.sku: p.opening_qty or 0 for p in products})
    sold: dict[str, dt.date] = {}
    got: dict[str, list[tuple[dt.date, int]]] = {}  # each SKU's receipts (入库): day and units
    came: dict[str, dt.date] = {}
    began = today  # the first movement: no movement yet, the books begin today
    OUT, IN, BACK = MovementType.OUT, MovementType.IN, MovementType.RETURN
    edge = today - dt.timedelta(days=days)  # a sale on or after it is a recent one
    net: Counter[str] = Counter()  # units out since `edge`, less those returned since
    for m in movements:
        date = m.date
        if date <= today:
            if date < began:
                began = date
            sku, kind = m.sku, m.type
            q = SIGN[kind] * m.qty
            have[sku] += q
            if kind is OUT:
                d = sold.get(sku)
                if d is None or date > d:
                    sold[sku] = date
                if date >= edge:
                    net[sku] += m.qty
            elif kind is IN:
                got.setdefault(sku, []).append((date, m.qty))
            elif kind is BACK and date >= edge:
                net[sku] -= m.qty
            if q > 0 and (sku not in came or date < came[sku]):
                came[sku] = date
    # a recent sale whose units all came back is none: its last sale is the one before, a return taking back
    # the latest units sold before it (rare: walked again for those SKUs alone)
    undone = {sku for sku, n in net.items() if n <= 0 and sku in sold and sold[sku] >= edge}
    if undone:
        sold.update(_kept_sales(movements, undone, today))
    slow = []
    ages = StockAge({label: {"skus": 0, "units": 0, "value": Decimal(0)} for _, _, label in AGE_BUCKETS})
    # a SKU sold out and restocked since its last sale: its days without a sale are counted from the restock,
    # the days with none on the shelf sold nothing for want of stock (before: a jacket that sold its 10 in
    # 20 days, was out for 35 and came in again 5 days ago was listed "40 days, delist or clear"). Walked again
    # for those alone, in date order (rare)
    gap = {p.sku for p in products if have[p.sku] > 0 and p.status is not ProductStatus.DELISTED
           and (last := sold.get(p.sku)) is not None and (today - last).days > days}
    restocked = _restocked(movements, gap, {p.sku: p.opening_qty or 0 for p in products if p.sku in gap}, today) \
        if gap else {}
    oldest = AGE_BUCKETS[-1][2]
    for p in products:
        h = have[p.sku]
        if h > 0:
            left, held = h, Counter()  # units on hand by age bucket: the latest receipts first
            for day, q in sorted(got.get(p.sku, ()), reverse=True):
                if left <= 0:
                    break
                age = (today - day).days
                take = min(q, left)
                held[next(lb for lo, hi, lb in AGE_BUCKETS if lo <= age <= hi)] += take
                left -= take
            if left > 0:  # opening stock, or units no receipt accounts for: their age is not known, the oldest
                held[oldest] += left
            for label, units in held.items():
                ages[label]["skus"] += 1
                ages[label]["units"] += units
                ages[label]["value"] += p.cost * units
            ages.total["skus"] += 1
            ages.total["units"] += h
            ages.total["value"] += p.cost * h
            ages.split += len(held) > 1
        if p.status is ProductStatus.DELISTED or h <= 0:
            continue
        # opening stock is on the shelf since the books began: a shop whose books began last week
        # has not sold it yet, it has not failed to (every SKU "never sold: delist" on day one)
        since = began if p.opening_qty else came.get(p.sku)
        if p.sku in restocked:
            since = restocked[p.sku]
        if since is not None and (today - since).days < days:
            continue  # not on the shelf long enough to have missed `days` days of sales
        last = sold.get(p.sku)
        if last is None or (today - last).days > days:
            slow.append(SlowMover(p.sku, p.name, h, p.cost * h, last, (today - last).days if last else None,
                                  p.sku in undone))
    slow.sort(key=lambda s: (-(s.days_since_sale or 10**9), -s.value))
    if slow:  # (a few SKUs: their styles' other SKUs looked up, not every product's)
        members: dict[str, list[str]] = {}
        for p in products:
            if p.style:
                members.setdefault(code_key(p.style), []).append(p.sku)
        style_of = {p.sku: p.style for p in products if p.style}
        for s in slow:
            if (st := style_of.get(s.sku)) is not None:
                recent = [d for q in members[code_key(st)] if q != s.sku and (d := sold.get(q)) is not None
                          and (today - d).days <= days]
                if recent:
                    s.style, s.style_sold = st, max(recent)
    return slow, ages


def _restocked(movements: list[Movement], skus: set[str], opening: Mapping[str, int], today: dt.date
               ) -> dict[str, dt.date]:
    """SKU → the day its stock, sold out (none at a day's end), came back on the shelf for the last time up to
    `today`; none where it never ran out (`opening`: each SKU's 期初库存, its stock before the first movement)."""
    net: dict[str, Counter[dt.date]] = {sku: Counter() for sku in skus}
    for m in movements:
        if m.sku in skus and m.date <= today:
            net[m.sku][m.date] += SIGN[m.type] * m.qty
    out = {}
    for sku, days in net.items():
        h, gone = opening.get(sku, 0), opening.get(sku, 0) <= 0
        for day in sorted(days):
            h += days[day]
            if h <= 0:
                gone = True
            elif gone:
                gone, out[sku] = False, day
    return out


def _kept_sales(movements: list[Movement], skus: set[str], today: dt.date) -> dict[str, dt.date | None]:
    """SKU → the day of its last sale not returned (None: every one came back), each 退货 taking back the
    latest units sold up to its day."""
    OUT, BACK = MovementType.OUT, MovementType.RETURN
    moves = sorted((m.date, m.type is BACK, m.sku, m.qty) for m in movements
                   if m.sku in skus and m.date <= today and (m.type is OUT or m.type is BACK))
    stacks: dict[str, list[list]] = {sku: [] for sku in skus}  # [day, units still sold], oldest first
    for date, back, sku, qty in moves:
        stack = stacks[sku]
        if not back:
            stack.append([date, qty])
            continue
        while qty > 0 and stack:
            take = min(qty, stack[-1][1])
            stack[-1][1] -= take
            qty -= take
            if not stack[-1][1]:
                stack.pop()
    return {sku: stack[-1][0] if stack else None for sku, stack in stacks.items()}


def _size_key(size: str | None) -> str:
    """A size as compared: customer service writes the size as said, M码, L号, 27码, for the M, L, 27 of 商品."""
    k = code_key(size)
    if k in ONE_SIZE:  # (均码 typed for a one-size product whose 尺码 is blank, or the other way round)
        return ""
    return k[:-1] if len(k) > 1 and k[-1] in "码号" else k


# a size that is no size: one fits all (均码), as blank on the 商品 sheet
ONE_SIZE = frozenset({"均码", "均号", "均", "通码", "统码", "均码f", "f", "free", "freesize", "onesize", "os", "one-size"})


def _colour_key(colour: str | None) -> str:
    """A colour as compared: 白 for 白色, as customer service writes it short (黑, 藏青 for 黑色, 藏青色)."""
    k = code_key(colour)
    return k[:-1] if len(k) > 1 and k[-1] == "色" else k


# the seeds' 缺货登记 is for customers of 暂时缺货 and of 新款上架 alike: an entry naming a style (or code) not on
# 商品 yet waits for it, and is listed to call once the style is added and its goods come in (before, it was
# said never to be called, "correct it", as if it could only be a typo)
NEW_STYLE = ("是还没上架的新款的话，加进商品表并到货后，{} 会列在要通知里；",
             ("if it is a new style still to be listed, {} will be on the list to call once it is added there and "
              "its goods come in;"))


def waiting(products: list[Product], entries: list[WaitlistEntry], lines: list[OrderLine] = ()
            ) -> tuple[list[tuple[WaitlistEntry, str]], list[Issue]]:
    """Each not-yet-notified entry with the SKU it waits for (by code, or style + colour + size, or
    style + size where the style has that size in one colour: customer service notes the style no. and
    the size, 款号、码数); and a warning for each entry that matches no product, or a style + size
    that is in several colours, which nobody would otherwise call. A customer registered twice for one
    SKU waits once (the first row: waits() has the others); one who has ordered it since (`lines`) waits
    no more, said."""
    waits, issues = _waits(products, entries, lines)
    return [(e, sku) for e, sku, _ in waits], issues


def _waits(products: list[Product], entries: list[WaitlistEntry], lines: list[OrderLine] = ()
           ) -> tuple[list[tuple[WaitlistEntry, str, tuple[WaitlistEntry, ...]]], list[Issue]]:
    """waiting()'s, each wait with every not-notified row of that customer for that SKU (its own first)."""
    skus = {p.sku for p in products}
    by_attrs = {(code_key(p.style), _colour_key(p.colour), _size_key(p.size)): p.sku for p in products if p.style}
    by_style: dict[str, list[Product]] = {}
    for p in products:
        if p.style:
            by_style.setdefault(code_key(p.style), []).append(p)
    out, issues = [], []
    told: dict[tuple[str, str], dt.date] = {}  # (customer, SKU) → the latest registration marked 已通知
    alike: dict[str, str] = {}  # code_key → SKU, made at the first code not on 商品
    for e in entries:
        if e.sku:
            sku = e.sku if e.sku in skus else None
        else:
            sku = by_attrs.get((code_key(e.style), _colour_key(e.colour), _size_key(e.size)))
        # the style's SKUs of the colour and size typed (each only where typed): one of them is the SKU meant; a
        # one-size bag or hat is noted by its 款号 (and colour) alone, no size to type (before: "no style + size",
        # never called, where the style has that one SKU); several are said, with the colour or size to fill in
        same = [] if sku or e.sku or not e.style else [
            p for p in by_style.get(code_key(e.style), ())
            if (not e.colour or _colour_key(p.colour) == _colour_key(e.colour))
            and (not e.size or _size_key(p.size) == _size_key(e.size))]
        if len(same) == 1:
            sku = same[0].sku
        # (colours as told apart: a style of sizes alone, its 颜色 blank, is asked its size, never its SKUs as colours)
        colours = list({_colour_key(p.colour): p.colour for p in same if _colour_key(p.colour)}.values()) \
            if not e.colour else []
        sizes = list({_size_key(p.size): p.size for p in same if _size_key(p.size)}.values()) if not e.size else []
        if e.notified:
            k = (code_key(e.customer), sku)
            if sku and e.date and (k not in told or told[k] < e.date):
                told[k] = e.date
            continue
        if sku:
            out.append((e, sku))
        elif e.sku and (same := (alike := alike or by_code_key(skus)).get(code_key(e.sku))):
            # sh2605-bg-m typed for SH2605-BG-M: the code to type, as validate says it (before: "not in the Products
            # sheet: if it is a new style still to be listed…", of a product listed all along)
            issues.append(at(e, "sku", "warning", f"商家编码“{e.sku}”和“{same}”只差空格、全角半角或大小写：请改成“{same}”，"
                             f"否则 {e.customer} 不会收到到货通知。",
                             f"SKU '{e.sku}' differs from '{same}' only in spaces, full or half width or letter case: "
                             f"make it '{same}', or {e.customer} will not be called."))
        elif e.sku:  # a code of a new style to come (新款上架) is called once it is on 商品 with its goods in
            issues.append(at(e, "sku", "warning", f"商家编码“{e.sku}”不在商品表中：{NEW_STYLE[0].format(e.customer)}"
                             "写错了请改正编码。",
                             f"SKU '{e.sku}' is not in the Products sheet: {NEW_STYLE[1].format(e.customer)} "
                             "if the code is mistyped, correct it."))
        elif len(colours) > 1:  # (said at the blank 颜色 cell to fill in)
            issues.append(at(e, "colour", "warning",
                             (f"款号 {e.style} 的 {e.size} 码" if e.size else f"款号 {e.style} ")
                             + f"有 {len(colours)} 个颜色（{'、'.join(colours)}）：请填颜色"
                             + (f"和尺码（{'、'.join(sizes)}）" if len(sizes) > 1 else "")
                             + f"，否则 {e.customer} 不会收到到货通知。",
                             f"Style {e.style}" + (f" in size {e.size}" if e.size else "")
                             + f" comes in {len(colours)} colours ({', '.join(colours)}): give the colour"
                             + (f" and the size ({', '.join(sizes)})" if len(sizes) > 1 else "")
                             + f", or {e.customer} will not be called."))
        elif len(sizes) > 1:  # (said at the blank 尺码 cell to fill in)
            issues.append(at(e, "size", "warning",
                             f"款号 {e.style}" + (f" {e.colour}" if e.colour else "")
                             + f" 有 {len(sizes)} 个尺码（{'、'.join(sizes)}）：请填尺码，否则 {e.customer} 不会收到到货通知。",
                             f"Style {e.style}" + (f" in {e.colour}" if e.colour else "")
                             + f" comes in {len(sizes)} sizes ({', '.join(sizes)}): give the size, or {e.customer} "
                             "will not be called."))
        elif len(same) > 1:  # (told apart by neither colour nor size: by its code)
            skus_ = [p.sku for p in same]
            issues.append(at(e, "sku", "warning",
                             f"款号 {e.style} 有 {len(skus_)} 个商品（{'、'.join(skus_)}）：请填商家编码，否则 {e.customer} 不会收到到货通知。",
                             f"Style {e.style} has {len(skus_)} SKUs ({', '.join(skus_)}): give the SKU, or {e.customer} "
                             "will not be called."))
        elif not e.style:
            issues.append(at(e, "sku", "warning", f"没有商家编码，也没有款号：{e.customer} 不会收到到货通知。",
                             f"No SKU and no style: {e.customer} will not be called."))
        elif code_key(e.style) not in by_style:
            issues.append(at(e, "style", "warning", f"款号“{e.style}”不在商品表中：{NEW_STYLE[0].format(e.customer)}"
                             "写错了请改正，或填商家编码。",
                             f"Style '{e.style}' is not in the Products sheet: {NEW_STYLE[1].format(e.customer)} "
                             "if it is mistyped, correct it or give the SKU.", e.style))
        else:
            what = " ".join(v for v in (e.style, e.colour, e.size) if v)
            parts = [(z, n) for z, n, v in (("款号", "style", e.style), ("颜色", "colour", e.colour),
                                             ("尺码", "size", e.size)) if v]
            by = "+".join(z for z, _ in parts), " + ".join(n for _, n in parts)
            issues.append(at(e, "style", "warning",
                             f"没有{by[0]}为“{what}”的商品：{e.customer} 不会收到到货通知。请改正，或填商家编码。",
                             f"No product has the {by[1]} '{what}': {e.customer} will not be called. "
                             "Correct it, or give the SKU.", what))
    return _bought_since(_once_each(out, told), lines, issues), issues


def _once_each(pairs: list[tuple[WaitlistEntry, str]], told: Mapping[tuple[str, str], dt.date]
               ) -> list[tuple[WaitlistEntry, str, tuple[WaitlistEntry, ...]]]:
    """A customer registered twice for one SKU (asked again a week later) is one customer waiting, the first
    registration's (before: called twice, and counted as two waiting, two units to reorder); a row registered
    before one of theirs for that SKU marked 已通知 was served by that call (told of it after both were typed)."""
    rows: dict[tuple[str, str], list[WaitlistEntry]] = {}
    for e, sku in pairs:
        k = (code_key(e.customer), sku)
        if not (k in told and e.date and e.date <= told[k]):
            rows.setdefault(k, []).append(e)
    out = []
    for (_, sku), es in rows.items():
        es.sort(key=lambda e: (e.date or dt.date.min, e.row or 0))
        out.append((es[0], sku, tuple(es)))
    return out


def _bought_since(waits: list, lines: list[OrderLine], issues: list[Issue]) -> list:
    """The waits whose customer has not ordered their SKU since registering (their 旺旺 ID the order's 买家, or
    their phone its 手机; paid, not cancelled or closed): one who has bought it meanwhile is not called to be told
    it is back (before: listed to call, and counted waiting); said at the 已通知 cell, to mark."""
    if not waits or not lines:
        return waits
    from ..customers import account, phones_of
    from ..schema import OrderStatus

    wanted = {sku for _, sku, _ in waits}
    gone = (OrderStatus.CANCELLED, OrderStatus.CLOSED)
    bought: dict[str, list[OrderLine]] = {}
    for ln in lines:
        if ln.sku in wanted and ln.paid_at is not None and ln.status not in gone:
            bought.setdefault(ln.sku, []).append(ln)
    out = []
    for w in waits:
        e, sku, _ = w
        who, phones = code_key(e.customer), set(phones_of(e.contact))
        ln = min((ln for ln in bought.get(sku, ()) if (e.date is None or ln.paid_at.date() >= e.date) and (
            code_key(account(ln.buyer)) == who or phones.intersection(phones_of(ln.phone)))),
            key=lambda ln: ln.paid_at, default=None)
        if ln is None:
            out.append(w)
            continue
        day = ln.paid_at.date()
        issues.append(at(e, "notified", "warning",
                         f"{e.customer} 在 {day} 已经下单买了 {sku}（订单 {ln.order_no}）：不用再通知，在“已通知”填“是”。",
                         f"{e.customer} has ordered {sku} since, on {day} (order {ln.order_no}): no need to call; "
                         "type yes in their notified cell.", None))
    return out


def waitlist_skus(products: list[Product], entries: list[WaitlistEntry], lines: list[OrderLine] = ()) -> list[str]:
    return [sku for _, sku in waiting(products, entries, lines)[0]]


def waitlist_units(skus: list[str], avail: Mapping[str, int], held: Mapping[str, int]) -> Counter[str]:
    """Units the waiting list asks for that the shelf cannot give (`skus`: waitlist_skus', one a customer
    not yet called): what is available serves the first of them, unless held orders already want it all (`held`,
    held_for_stock's). The reorder quantity orders these on top of the sales rate, as it does the
    held orders' units: a size nobody could buy has sold nothing, and was never ordered for the three
    customers waiting for it."""
    out: Counter[str] = Counter()
    for sku, n in Counter(skus).items():
        free = 0 if held.get(sku) else max(avail.get(sku, 0), 0)
        if n > free:
            out[sku] = n - free
    return out


@dataclass
class CallBack:
    customer: str
    contact: str
    sku: str
    name: str
    available: int
    since: dt.date
    row: int | None
    # every row of the 缺货登记 this customer waits for the SKU on, where they were registered twice: each to mark
    rows: tuple[int, ...] = ()

    def to_json(self) -> dict:
        d = asdict(self)
        d["since"] = self.since.isoformat()
        d["rows"] = list(self.rows or ([self.row] if self.row else []))
        return d


def to_call(products: list[Product], movements: list[Movement], lines: list[OrderLine],
            entries: list[WaitlistEntry], as_of: dt.date | None = None) -> tuple[list[CallBack], list[Issue]]:
    """Customers waiting for a SKU that is available again (`as_of`: today, a stock-in dated after it
    not yet come); the list to call; and the entries that match no product, as warnings."""
    waits, issues = _waits(products, entries, lines)
    if not waits:  # nobody waits: no stock figure to work out (a year's movements)
        return [], issues
    avail = available(products, movements, lines, as_of)
    names = {p.sku: p.name for p in products}
    # a 下架 SKU with goods on the shelf: the customer cannot buy it, its listing is down (before: listed to call,
    # "it is back", for an item nobody can order); said at the 已通知 cell, with what to do either way
    off = {p.sku for p in products if p.status is ProductStatus.DELISTED}
    for e, sku, _ in waits:
        if sku in off and (n := avail.get(sku, 0)) > 0:
            issues.append(at(e, "notified", "warning",
                             f"{sku} 已下架，但还有 {n} 件可用：{e.customer} 在等它，平台上却买不到，所以没有列在要通知里。"
                             f"要卖给客户，先在平台重新上架，再把“{Product.zh}”表的“状态”改回在售（之后会列在要通知里）；"
                             "不再卖的话，告诉客户后在“已通知”填“是”。",
                             f"{sku} is delisted but {n} are available: {e.customer} waits for it and cannot buy it on "
                             "the platform, so they are not on the list to call. To sell it to them, list it again on "
                             f"the platform and set its status on the {Product.en} sheet back to active (they are then "
                             "on the list to call); if it is no longer sold, tell them, then type yes in their notified "
                             "cell.", None))
    out = [CallBack(e.customer, e.contact or "", sku, names.get(sku, ""), avail[sku], e.date, e.row,
                    tuple(x.row for x in rows if x.row) if len(rows) > 1 else ())
           for e, sku, rows in waits if avail.get(sku, 0) > 0 and sku not in off]
    return sorted(out, key=lambda c: (c.since, c.customer)), issues


def never_coming(products: list[Product], movements: list[Movement], lines: list[OrderLine],
                 entries: list[WaitlistEntry], as_of: dt.date | None, coming: Mapping[str, int]) -> list[Issue]:
    """A warning for each customer waiting for a 下架 or 过季 SKU (never reordered: reorder_qty) that the shelf
    cannot serve, none of it on order (`coming`, on_order's): the goods will not come (before: they waited on
    the list for them, said only by `stock alerts`, not on the list customer service reads)."""
    status = {p.sku: p.status for p in products}
    if not any(s in NOT_RESTOCKED for s in status.values()):
        return []
    mine = [(e, sku, kind) for e, sku in waiting(products, entries, lines)[0]
            if (kind := NOT_RESTOCKED.get(status.get(sku))) is not None and coming.get(sku, 0) <= 0]
    if not mine:  # (no stock figure to work out)
        return []
    avail = available(products, movements, lines, as_of)
    return [at(e, "notified", "warning",
               f"{sku} {kind[0]}，不补货：{e.customer} 等的货不会来了。告诉客户后在“已通知”填“是”；"
               f"{kind[2]}，把“{Product.zh}”表的“状态”改回在售。",
               f"{sku} is {kind[1]} and not reordered: what {e.customer} waits for will not come. "
               f"Tell them, then type yes in their notified cell; {kind[3]}, set its status on the "
               f"{Product.en} sheet back to active.", None)
            for e, sku, kind in mine if avail.get(sku, 0) <= 0]


@dataclass
class SupplyCheck:
    name: str
    on_hand: int
    daily_use: Decimal | None
    days_left: Decimal | None
    alert_days: int | None
    low: bool

    def to_json(self) -> dict:
        return {"name": self.name, "on_hand": self.on_hand,
                "daily_use": str(self.daily_use) if self.daily_use is not None else None,
                "days_left": str(self.days_left) if self.days_left is not None else None,
                "alert_days": self.alert_days, "low": self.low}


def unwatched_said(checks: list[SupplyCheck]) -> tuple[str, str] | None:
    """(zh, en) the supplies with no 日均用量 (blank): their days left are not known, so they are said low only once
    none is left, whatever 预警天数 was typed (before: "- 天" beside them, and a shop that typed 7 alert days for its
    tape was never told it would not be warned). None where every one has it."""
    names = [c.name for c in checks if c.daily_use is None and not c.on_hand <= 0]
    if not names:
        return None
    from ..issues import few

    zh, en = few(names)
    return (f"没有日均用量的耗材（{zh}）算不出还够几天，用完之前不会提醒：请在 stock.xlsx 的“{Supply.zh}”表填上日均用量（每天大约用几个）",
            f"no daily use for {en}: the days left are not known, and no warning comes before "
            f"{'it runs' if len(names) == 1 else 'they run'} out: fill in the daily use (about how many a day) on "
            f"the {Supply.en} sheet of stock.xlsx")


def check_supplies(supplies: list[Supply]) -> list[Issue]:
    return [at(s, "daily_use", "error", "日均用量不能是负数。", "The daily use cannot be negative.")
            for s in supplies if s.daily_use is not None and s.daily_use < 0]


def supplies_check(supplies: list[Supply]) -> list[SupplyCheck]:
    """Days left = 库存 ÷ 日均用量; low when below 预警天数 (the exact figure is compared:
    6.96 days is low against 7), and whenever none is left (库存 0: no waybill, no box for
    tomorrow's parcels, whether or not its use and alert days were typed). Shown to 0.1 day,
    rounded down so it never reads "7.0" while it is low. No figure without a positive 日均用量
    (a negative one is an error: check_supplies)."""
    out = []
    for s in supplies:
        exact = Decimal(s.on_hand) / s.daily_use if s.daily_use and s.daily_use > 0 else None
        low = s.on_hand <= 0 or exact is not None and s.alert_days is not None and exact < s.alert_days
        days = exact.quantize(Decimal("0.1"), ROUND_DOWN) if exact is not None else None
        out.append(SupplyCheck(s.name, s.on_hand, s.daily_use, days, s.alert_days, low))
    return sorted(out, key=lambda c: (not c.low, c.days_left if c.days_left is not None else Decimal(10**9)))
