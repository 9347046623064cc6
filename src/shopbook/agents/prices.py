"""Agent prices: the 代理价 row if there is one, else 售价 × the tier's 折扣, rounded
as shopbook.toml says (to the fen, jiao or yuan), half up as a receipt would be."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..schema import Agent, AgentPrice, Product, Tier

STEPS = {"fen": Decimal("0.01"), "jiao": Decimal("0.1"), "yuan": Decimal("1")}
DEFAULT_FLOOR = Decimal("0.7")


def round_price(v: Decimal, rounding: str = "fen") -> Decimal:
    return v.quantize(STEPS[rounding], rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


class PriceBook:
    """Agent price of any SKU at any tier."""

    def __init__(self, products: list[Product], tiers: list[Tier], overrides: list[AgentPrice],
                 rounding: str = "fen", floor_default: Decimal = DEFAULT_FLOOR, agents: list[Agent] = ()):
        self.agents = {a.agent_id: a for a in agents}
        self.products = {p.sku: p for p in products}
        self.tiers = {t.tier: t for t in tiers}
        self.overrides = {(o.sku, o.tier): o.price for o in overrides}
        self.rounding = rounding
        self.floor_default = floor_default

    def price(self, sku: str, tier: str) -> Decimal | None:
        if (sku, tier) in self.overrides:
            return self.overrides[(sku, tier)]
        p, t = self.products.get(sku), self.tiers.get(tier)
        if p is None or t is None:
            return None
        return round_price(p.price * t.discount, self.rounding)

    def tier_of(self, agent_or_tier: str) -> str | None:
        """An agent id gives its tier; a tier name is itself."""
        if agent_or_tier in self.agents:
            return self.agents[agent_or_tier].tier
        return agent_or_tier if agent_or_tier in self.tiers else None

    def floor_price(self, sku: str, tier: str) -> Decimal | None:
        p, t = self.products.get(sku), self.tiers.get(tier)
        if p is None:
            return None
        share = t.floor if t is not None and t.floor is not None else self.floor_default
        return round_price(p.price * share, self.rounding)
