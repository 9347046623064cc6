"""The stock reports: summary, alerts and reorder, slow movers and stock age,
waiting list to call, supplies. Pure: records in, rows out."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction

from ..schema import Movement, MovementType, OrderLine, OrderStatus, Product, ProductStatus, Supply, WaitlistEntry
from .levels import available, last_dates, on_hand, reserved, sales_per_day


@dataclass
class StockRow:
    sku: str
    name: str
    colour: str
    size: str
    bin: str
    on_hand: int
    reserved: int
    available: int
    cost: Decimal
    value: Decimal  # on-hand at cost
    last_sale: dt.date | None
    last_receipt: dt.date | None

    def to_json(self) -> dict:
        d = asdict(self)
        d["cost"], d["value"] = str(self.cost), str(self.value)
        for k in ("last_sale", "last_receipt"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def summary(products: list[Product], movements: list[Movement], lines: list[OrderLine],
            as_of: dt.date | None = None) -> list[StockRow]:
    have = on_hand(products, movements, as_of)
    res = reserved(lines)
    sold = last_dates(movements, MovementType.OUT, as_of)
    got = last_dates(movements, MovementType.IN, as_of)
    rows = []
    for p in products:
        h = have[p.sku]
        rows.append(StockRow(p.sku, p.name, p.colour or "", p.size or "", p.bin or "", h, res[p.sku], h - res[p.sku],
                             p.cost, p.cost * h, sold.get(p.sku), got.get(p.sku)))
    return rows


@dataclass
class Alert:
    sku: str
    name: str
    available: int
    safety_stock: int
    main: bool
    reasons: list[tuple[str, str]]
    reorder_qty: int
    waiting: int  # orders held for stock plus customers on the waiting list

    def to_json(self) -> dict:
        d = asdict(self)
        d["reasons"] = [{"zh": a, "en": b} for a, b in self.reasons]
        return d


def reorder_qty(p: Product, avail: int, daily: Fraction, cover_days: int) -> int:
    """Average daily sales × (lead time + cover days) + safety stock − available, never negative."""
    need = math.ceil(daily * ((p.lead_days or 0) + cover_days)) + (p.safety_stock or 0) - avail
    return max(need, 0)


def alerts(products: list[Product], movements: list[Movement], lines: list[OrderLine],
           waitlist: list[WaitlistEntry], today: dt.date, main_min: int = 30, window_days: int = 14,
           cover_days: int = 7) -> list[Alert]:
    avail = available(products, movements, lines)
    have = on_hand(products, movements)
    daily = sales_per_day(movements, today, window_days)
    waiting: Counter[str] = Counter()
    for ln in lines:
        if ln.status is OrderStatus.HELD and ln.review and "库存不足" in ln.review:
            waiting[ln.sku] += 1
    for sku in waitlist_skus(products, waitlist):
        waiting[sku] += 1
    out = []
    for p in products:
        if p.status is ProductStatus.DELISTED:
            continue
        a, reasons = avail[p.sku], []
        safety = p.safety_stock or 0
        if a <= 0:
            reasons.append(("缺货", "out of stock"))
        elif a <= safety:
            reasons.append((f"可用 {a} ≤ 安全库存 {safety}", f"available {a} ≤ safety stock {safety}"))
        if p.main and have[p.sku] < main_min:
            reasons.append((f"主推款库存 {have[p.sku]} < {main_min}", f"main item: {have[p.sku]} on hand < {main_min}"))
        if reasons:
            out.append(Alert(p.sku, p.name, a, safety, bool(p.main), reasons,
                             reorder_qty(p, a, daily.get(p.sku, Fraction(0)), cover_days), waiting[p.sku]))
    # out-of-stock items that people are waiting for first, then the emptiest
    out.sort(key=lambda x: (not (x.available <= 0 and x.waiting), -x.waiting, x.available - x.safety_stock, x.sku))
    return out


@dataclass
class SlowMover:
    sku: str
    name: str
    on_hand: int
    value: Decimal
    last_sale: dt.date | None
    days_since_sale: int | None

    def to_json(self) -> dict:
        d = asdict(self)
        d["value"] = str(self.value)
        d["last_sale"] = self.last_sale.isoformat() if self.last_sale else None
        return d


AGE_BUCKETS = ((0, 30, "0–30"), (31, 60, "31–60"), (61, 90, "61–90"), (91, 10**9, ">90"))


def slow_movers(products: list[Product], movements: list[Movement], today: dt.date, days: int = 30
                ) -> tuple[list[SlowMover], dict[str, dict]]:
    """Active SKUs with stock and no sale in `days` days; and stock value by age
    (days since the last receipt; never received counts as the oldest)."""
    have = on_hand(products, movements, today)
    sold = last_dates(movements, MovementType.OUT, today)
    got = last_dates(movements, MovementType.IN, today)
    slow = []
    ages = {label: {"skus": 0, "units": 0, "value": Decimal(0)} for _, _, label in AGE_BUCKETS}
    for p in products:
        h = have[p.sku]
        if h > 0:
            age = (today - got[p.sku]).days if p.sku in got else 10**9
            label = next(lb for lo, hi, lb in AGE_BUCKETS if lo <= age <= hi)
            ages[label]["skus"] += 1
            ages[label]["units"] += h
            ages[label]["value"] += p.cost * h
        if p.status is ProductStatus.DELISTED or h <= 0:
            continue
        last = sold.get(p.sku)
        if last is None or (today - last).days > days:
            slow.append(SlowMover(p.sku, p.name, h, p.cost * h, last, (today - last).days if last else None))
    slow.sort(key=lambda s: (-(s.days_since_sale or 10**9), -s.value))
    return slow, ages


def waiting(products: list[Product], entries: list[WaitlistEntry]) -> list[tuple[WaitlistEntry, str]]:
    """Each not-yet-notified entry with the SKU it waits for (by code, or style + colour + size)."""
    by_attrs = {(p.style, p.colour, p.size): p.sku for p in products if p.style}
    out = []
    for e in entries:
        sku = None if e.notified else (e.sku or by_attrs.get((e.style, e.colour, e.size)))
        if sku:
            out.append((e, sku))
    return out


def waitlist_skus(products: list[Product], entries: list[WaitlistEntry]) -> list[str]:
    return [sku for _, sku in waiting(products, entries)]


@dataclass
class CallBack:
    customer: str
    contact: str
    sku: str
    name: str
    available: int
    since: dt.date
    row: int | None

    def to_json(self) -> dict:
        d = asdict(self)
        d["since"] = self.since.isoformat()
        return d


def to_call(products: list[Product], movements: list[Movement], lines: list[OrderLine],
            entries: list[WaitlistEntry]) -> list[CallBack]:
    """Customers waiting for a SKU that is available again: the list to call."""
    avail = available(products, movements, lines)
    names = {p.sku: p.name for p in products}
    out = [CallBack(e.customer, e.contact or "", sku, names.get(sku, ""), avail[sku], e.date, e.row)
           for e, sku in waiting(products, entries) if avail.get(sku, 0) > 0]
    return sorted(out, key=lambda c: (c.since, c.customer))


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


def supplies_check(supplies: list[Supply]) -> list[SupplyCheck]:
    """Days left = 库存 ÷ 日均用量; low when below 预警天数."""
    out = []
    for s in supplies:
        days = (Decimal(s.on_hand) / s.daily_use).quantize(Decimal("0.1")) if s.daily_use else None
        low = days is not None and s.alert_days is not None and days < s.alert_days
        out.append(SupplyCheck(s.name, s.on_hand, s.daily_use, days, s.alert_days, low))
    return sorted(out, key=lambda c: (not c.low, c.days_left if c.days_left is not None else Decimal(10**9)))
