"""QA: 在途 as of a past day took the POs' status of today: a PO 已到货 now was not on order on any
day, so `stock summary --as-of` a day between its order and its delivery said 在途 0 for goods that
were on their way (and `purchase suggest --date` that day would have ordered them again).

Now, as of a past day, a line 已到货 now that received goods after that day was still open then:
quantity − what it had received by that day.

The test_purchasing shop: CG20261020-01 甲厂 A×20, ordered 10-20, 已到货 (20 on 11-01);
CG20261110-01 乙厂 C×24, ordered 11-10, 部分到货 (10 on 11-16).
  as of 10-25: A 20 on order (before: 0)      as of 11-01 and today: A 0
  as of 11-12: C 24 (open anyway, nothing in yet); as of 11-20: C 14
"""

from __future__ import annotations

from shopbook.stock import workflow as SW

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def on_order(shop, day):  # noqa: F811
    return {r.sku: r.on_order for r in SW.stock_summary(shop, as_of=day, today=TODAY) if r.on_order}


def test_a_po_received_since_was_on_order_that_day(shop):  # noqa: F811
    assert on_order(shop, d("10-19")) == {}  # not yet ordered
    assert on_order(shop, d("10-25")) == {"A": 20}
    assert on_order(shop, d("11-01")) == {}
    assert on_order(shop, d("11-12")) == {"C": 24}
    assert on_order(shop, d("11-20")) == {"C": 14}
    assert on_order(shop, None) == {"C": 14}
