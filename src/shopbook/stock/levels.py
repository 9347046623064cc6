"""On-hand, reserved and available per SKU: pure functions over typed records.

on-hand   = 期初库存 + 入库 + 退货 − 出库 ± 调整 (movements up to a date)
reserved  = quantities on approved orders that have not shipped
available = on-hand − reserved
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from ..schema import Movement, MovementType, OrderLine, OrderStatus, Product

SIGN = {MovementType.IN: 1, MovementType.RETURN: 1, MovementType.OUT: -1, MovementType.ADJUST: 1}
# orders whose goods are spoken for but still on the shelf
RESERVING = frozenset({OrderStatus.APPROVED})


def on_hand(products: Iterable[Product], movements: Iterable[Movement], as_of: dt.date | None = None
            ) -> Counter[str]:
    qty: Counter[str] = Counter({p.sku: p.opening_qty or 0 for p in products})
    for m in movements:
        if as_of is None or m.date <= as_of:
            qty[m.sku] += SIGN[m.type] * m.qty
    return qty


def reserved(lines: Iterable[OrderLine]) -> Counter[str]:
    out: Counter[str] = Counter()
    for ln in lines:
        if ln.status in RESERVING:
            out[ln.sku] += ln.qty
    return out


def available(products: Iterable[Product], movements: Iterable[Movement], lines: Iterable[OrderLine],
              as_of: dt.date | None = None) -> Counter[str]:
    have = on_hand(products, movements, as_of)
    have.subtract(reserved(lines))
    return have
