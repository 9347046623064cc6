"""The order-line rules settle the common case at C speed (a year's 119,000 lines: daily's
validation after its reads) and look at each line only when something is wrong: the issues must
be those the line-by-line rules gave, word for word, on lines that break them every way."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from shopbook.issues import at
from shopbook.orders.picking import read_gifts
from shopbook.schema import OrderLine
from shopbook.schema.orders import Platform
from shopbook.validate import rules


# -- the rules as they were, line by line ----------------------------------------------------------

def old_unique(lines):
    first, platform_of, out = {}, {}, []
    for ln in lines:
        seen = platform_of.setdefault(ln.order_no, ln)
        if ln.platform and seen.platform and ln.platform is not seen.platform:
            out.append(at(ln, "platform", "error",
                          f"订单 {ln.order_no} 在第 {seen.row} 行是{seen.platform.value}订单，这一行却是{ln.platform.value}："
                          "同一个编号只能是一个订单。",
                          f"Order {ln.order_no} is a {seen.platform.en} order on row {seen.row} but {ln.platform.en} "
                          "here: one number is one order."))
        key = (ln.order_no, ln.sku)
        if key in first:
            out.append(at(ln, "sku", "error",
                          f"订单 {ln.order_no} 的商品 {ln.sku} 在第 {first[key]} 行已有：是否重复导入？请合并为一行。",
                          f"Order {ln.order_no} already has SKU {ln.sku} on row {first[key]}: imported twice? "
                          "Merge them into one line."))
        else:
            first[key] = ln.row
    return out


def old_lines(lines):
    out = []
    for ln in lines:
        if ln.qty <= 0:
            out.append(at(ln, "qty", "error", "数量必须是正整数。", "The quantity must be a positive whole number."))
        for name in ("unit_price", "shipping_fee"):
            v = getattr(ln, name, None)
            if v is not None and v < 0:
                out.append(at(ln, name, "error", "金额不能是负数。", "An amount cannot be negative."))
    return out


def old_gifts(lines, skus, fix_zh, fix_en):
    out = []
    for ln in lines:
        try:
            unknown = [g.sku for g in read_gifts(ln.gifts)] if ln.gifts else []
        except ValueError:
            continue
        unknown = [s for s in unknown if s not in skus]
        if unknown:
            out.append(at(ln, "gifts", "error", f"赠品编码“{'、'.join(unknown)}”不在商品表中。{fix_zh}",
                          f"Gift SKU '{', '.join(unknown)}' is not in the Products sheet. {fix_en}"))
    return out


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
            for new, old in ((rules.check_order_lines_unique(lines), old_unique(lines)),
                             (rules.check_order_lines(lines), old_lines(lines)),
                             (rules.check_gift_skus(lines, {"G1"}, "修", "fix"), old_gifts(lines, {"G1"}, "修", "fix"))):
                assert new == old, (wrong, n)
                said += len(new)
            if n == 600 and wrong - {"no platform first"}:  # (a first line naming none breaks nothing)
                assert (rules.check_order_lines_unique(lines) or rules.check_order_lines(lines)
                        or rules.check_gift_skus(lines, {"G1"}, "修", "fix")), wrong  # (each way breaks a rule)
    assert said > 50
