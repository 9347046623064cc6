"""The 商品映射 sheet: a platform's product/SKU id or merchant code → our SKU × quantity.
A code with several rows is a bundle (组合装/套餐): it is expanded into its SKUs when the
order comes in, so that the review's stock check, the pick list, the scan check and the
stock movements all see the parts, and nothing downstream needs to know about bundles.

Pure: mapping rows and the SKUs we have in, expansions and one issue per unmapped code out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import Issue, en_count
from ..schema import Platform, Product, SkuMap

FEN = Decimal("0.01")


@dataclass
class SkuResolver:
    maps: dict[tuple[Platform | None, str], list[tuple[str, int]]]
    skus: set[str]
    unmapped: dict[tuple[Platform | None, str], int] = field(default_factory=dict)  # code → lines that had it
    # code → where it was first met: (file, row, order number)
    first_met: dict[tuple[Platform | None, str], tuple[str, int, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: list[SkuMap], products: list[Product]) -> "SkuResolver":
        maps: dict[tuple[Platform | None, str], list[tuple[str, int]]] = defaultdict(list)
        for r in rows:
            if r.qty > 0:  # validate locates a row of 0 or less; it maps nothing
                maps[(r.platform, r.code)].append((r.sku, r.qty))
        return cls(dict(maps), {p.sku for p in products})

    def resolve(self, platform: Platform | None, codes: list[str], where: tuple[str, int, str] | None = None,
                count: bool = True) -> tuple[list[tuple[str, int]], str | None]:
        """Our SKUs × units per platform item for a line's codes (tried in order: the mapping
        for this platform, the mapping for every platform, then a code that is our SKU), and
        the code that the SKU map translated (None when none did). A line no code resolves
        keeps its first code and is counted as unmapped (unless not `count`: asked again of a line
        already counted), `where` it was (file, row, order number) kept for the first such line."""
        for code in codes:
            hit = self.maps.get((platform, code)) or self.maps.get((None, code))
            if hit:
                return hit, code
        for code in codes:
            if code in self.skus:
                return [(code, 1)], None
        if codes and not count:
            return [(codes[0], 1)], None
        if codes:
            key = (platform, codes[0])
            self.unmapped[key] = self.unmapped.get(key, 0) + 1
            if where is not None:
                self.first_met.setdefault(key, where)
            return [(codes[0], 1)], None
        return [], None

    def issues(self) -> list[Issue]:
        """One per code, however many lines had it."""
        out = []
        for (platform, code), n in sorted(self.unmapped.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            where = f"{platform.value} " if platform else ""
            where_en = f"{platform.en} " if platform else ""
            met = self.first_met.get((platform, code))
            first = f"，第一处：{met[0]} 第 {met[1]} 行，订单 {met[2]}" if met else ""
            first_en = f"; first in {met[0]}, row {met[1]}, order {met[2]}" if met else ""
            out.append(Issue("warning",
                             f"{where}编码“{code}”不是我们的商家编码，商品映射表里也没有（{n} 行{first}）：订单照样导入，"
                             "审单会挂起。请在 商品映射 表里加一行（平台、平台编码、商家编码、数量）。",
                             f"The {where_en}code '{code}' is not one of our SKUs nor in the SKU map "
                             f"({en_count(n, 'line')}{first_en}): the orders are imported and the review holds them. "
                             "Add a row to the SKU map (platform, code, SKU, quantity).", sheet=SkuMap.zh, value=code))
        return out


def split_price(total: Decimal, parts: list[tuple[str, int]], weights: dict[str, Decimal]
                ) -> list[Decimal | None] | None:
    """A bundle's price over its parts (each part's total qty given), in proportion to their
    list prices, exact to the fen: the parts' unit price × qty add up to `total` exactly.
    None when no such split exists (a remainder no part's quantity divides)."""
    if len(parts) == 1:
        sku, q = parts[0]
        u = (total / q).quantize(FEN)
        return [u] if u * q == total else None
    # a part without a list price weighs as ¥1; a ¥0 gift in the set weighs nothing (it sold for
    # nothing), unless every part is ¥0
    w = [Decimal(1) if (x := weights.get(sku)) is None else x for sku, _ in parts]
    if not any(w):
        w = [Decimal(1)] * len(parts)
    whole = sum(wi * q for wi, (_, q) in zip(w, parts))
    units = [((total * wi / whole)).quantize(FEN) for wi in w]  # a unit price each, rounded
    rest = total - sum(u * q for u, (_, q) in zip(units, parts))
    # the rounding rest goes to a part whose quantity divides it (one of quantity 1 always does),
    # a part with a price first: a gift stays at ¥0
    for i in sorted(range(len(parts)), key=lambda i: (not w[i], parts[i][1])):
        q = parts[i][1]
        if (rest / q).quantize(FEN) * q == rest and units[i] + rest / q >= 0:
            units[i] += (rest / q).quantize(FEN)
            return units
    return None


def expand_line(line, resolver: SkuResolver, weights: dict[str, Decimal]) -> list:
    """An order line typed with a mapped code (an agent's sheet, a hand-made file) as the lines
    of its SKUs; a line whose code the map does not hold stays as it is."""
    hit = resolver.maps.get((line.platform, line.sku)) or resolver.maps.get((None, line.sku))
    if not hit:
        return [line]
    want = [(sku, line.qty * n) for sku, n in hit]
    units = [None] * len(want)
    if line.unit_price is not None:
        units = split_price(line.unit_price * line.qty, want, weights) or units
    code = f"{line.sku}×{line.qty}"
    return [line.model_copy(update={"sku": sku, "qty": qty, "unit_price": unit, "platform_code": code})
            for (sku, qty), unit in zip(want, units)]

