"""The order-line rules settle the common case at C speed (a year's 119,000 lines: daily's
validation after its reads) and look at each line only when something is wrong: the issues must
be those the line-by-line walks (the rules as they were, kept for that case) give on every line,
word for word, on lines that break them every way."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from shopbook.schema import OrderLine
from shopbook.schema.orders import Platform
from shopbook.validate import rules


# -- lines ------------------------------------------------------------------------------------------

def sheet(rng: random.Random, n: int, wrong: set[str]) -> list[OrderLine]:
    """n lines of some orders; `wrong`: the ways some of them break the rules."""
    out = []
    for k in range(n):
        no = f"O{k // 3:05d}"
        platform = [Platform.TAOBAO, Platform.PINDUODUO, Platform.DOUYIN][(k // 3) % 3]
        if "no platform first" in wrong and k % 3 == 0 and k % 9 == 0:
            platform = None  # the first line of the order names none: the others are not compared with it
        if "two platforms" in wrong and rng.random() < 0.05:
            platform = rng.choice(list(Platform))
        sku = f"S{k % 3}"
        if "sku twice" in wrong and rng.random() < 0.05:
            sku = "S0"
        qty = 0 if "qty" in wrong and rng.random() < 0.03 else -2 if "qty" in wrong and rng.random() < 0.02 else 1 + k % 4
        price = Decimal("-1.50") if "money" in wrong and rng.random() < 0.03 else (
            None if k % 7 == 0 else Decimal(f"{k % 90}.90"))
        fee = Decimal("-0.01") if "money" in wrong and rng.random() < 0.02 else (None if k % 2 else Decimal("0"))
        gifts = ("G1*1" if k % 11 == 0 else "") + ("；X9*2" if "gift" in wrong and k % 22 == 0 else "")
        out.append(OrderLine(order_no=no, receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a",
                             sku=sku, qty=qty, unit_price=price, shipping_fee=fee, platform=platform, gifts=gifts or None,
                             paid_at=dt.datetime(2026, 11, 1) + dt.timedelta(hours=k)).model_copy(update={"row": k + 2}))
    return out


WAYS = [set(), {"no platform first"}, {"two platforms"}, {"sku twice"}, {"two platforms", "sku twice", "no platform first"},
        {"qty"}, {"money"}, {"qty", "money"}, {"gift"}]


def test_the_rules_say_what_the_line_by_line_rules_said():
    rng = random.Random(21)
    said = 0
    for wrong in WAYS:
        for n in (0, 1, 7, 600):
            lines = sheet(rng, n, wrong)
            for new, old in ((rules.check_order_lines_unique(lines), rules._order_lines_unique_walked(lines)),
                             (rules.check_order_lines(lines), rules._order_lines_walked(lines)),
                             (rules.check_gift_skus(lines, {"G1"}, "修", "fix"),
                              rules._gift_skus_walked(lines, {"G1"}, "修", "fix"))):
                assert new == old, (wrong, n)
                said += len(new)
            if n == 600 and wrong - {"no platform first"}:  # (a first line naming none breaks nothing)
                assert (rules.check_order_lines_unique(lines) or rules.check_order_lines(lines)
                        or rules.check_gift_skus(lines, {"G1"}, "修", "fix")), wrong  # (each way breaks a rule)
    assert said > 50
