"""Agent prices: the 代理价 row if there is one, else 售价 × the tier's 折扣, rounded
as shopbook.toml says (to the fen, jiao or yuan), half up as a receipt would be.
A floor retail price is a minimum, so it is rounded up: never below its share of list."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from ..issues import at, en_count, few
from ..schema import Agent, AgentPrice, OrderLine, OrderSource, Product, ProductStatus, Tier
from ..values import by_code_key, code_key

STEPS = {"fen": Decimal("0.01"), "jiao": Decimal("0.1"), "yuan": Decimal("1")}
DEFAULT_FLOOR = Decimal("0.7")
ZERO = Decimal(0)


def round_price(v: Decimal, rounding: str = "fen", up: bool = False) -> Decimal:
    return v.quantize(STEPS[rounding], rounding=ROUND_CEILING if up else ROUND_HALF_UP).quantize(Decimal("0.01"))


class PriceBook:
    """Agent price of any SKU at any tier."""

    def __init__(self, products: list[Product], tiers: list[Tier], overrides: list[AgentPrice],
                 rounding: str = "fen", floor_default: Decimal = DEFAULT_FLOOR, agents: list[Agent] = ()):
        self.agents = {a.agent_id: a for a in agents}
        # values.code_key of each id → its agent; none where two ids share it (which was meant is a person's)
        self.by_key: dict[str, Agent] = {k: self.agents[i] for k, i in by_code_key(self.agents).items()}
        self.products: dict[str, Product] = {}
        for p in products:  # a duplicated SKU is a validation error: its first row counts
            self.products.setdefault(p.sku, p)
        self.tiers = {t.tier: t for t in tiers}
        self.overrides: dict[tuple[str, str], list[tuple[dt.date | None, Decimal]]] = {}  # (sku, tier) → (from, price)
        self.ends: dict[tuple[str, str, dt.date | None], dt.date] = {}  # (sku, tier, from) → its 结束日期
        for o in overrides:
            self.overrides.setdefault((o.sku, o.tier), []).append((o.start, o.price))
            if o.end is not None:  # (a date twice is a validation error: its first row counts, as below)
                self.ends.setdefault((o.sku, o.tier, o.start), o.end)
        self.rounding = rounding
        self.floor_default = floor_default
        # agent id → its 等级 dated (settlement.TierChange: 等级起始日期, the tier before it as the last month
        # settled before recorded it): set by money.workflow.agent_prices, for billed_price
        self.dated: dict = {}

    def override(self, sku: str, tier: str, on: dt.date | None = None) -> Decimal | None:
        """The 代理价 row in force on day `on` (today unless given): of those begun by then and not ended
        (结束日期, the day included), the latest 起始日期 (blank: from the start); a date twice is a
        validation error, its first row counts."""
        day = on or dt.date.today()
        begun = [(start or dt.date.min, price) for start, price in self.overrides.get((sku, tier), ())
                 if (start is None or start <= day) and not self.ended(sku, tier, start, day)]
        return max(begun, key=lambda x: x[0])[1] if begun else None

    def ended(self, sku: str, tier: str, start: dt.date | None, day: dt.date) -> bool:
        """Whether the 代理价 row of that 起始日期 ended before `day` (its 结束日期 is its last day)."""
        end = self.ends.get((sku, tier, start))
        return end is not None and end < day

    def turns(self, sku: str, tier: str) -> list[dt.date]:
        """The days a 代理价 row may change the price on: each 起始日期, and the day after each 结束日期
        (the 双12 price over, the price before it back)."""
        rows = self.overrides.get((sku, tier), ())
        return sorted({s for s, _ in rows if s is not None}
                      | {e + dt.timedelta(days=1) for (k, t, _), e in self.ends.items() if (k, t) == (sku, tier)})

    def changes(self, sku: str, tier: str, on: dt.date | None = None) -> list[tuple[dt.date, Decimal]]:
        """Each day after `on` (today unless given) a dated 代理价 row changes the price, with the price from
        then, in order: a 双12 price from 12-10 and the old one back from 12-13 are two changes (a sheet
        saying the first alone tells the agent the 双12 price stays)."""
        day = on or dt.date.today()
        out, was = [], self.price(sku, tier, day)
        for start in (s for s in self.turns(sku, tier) if s > day):
            now = self.price(sku, tier, start)
            if now is not None and now != was:
                out.append((start, now))
            was = now
        return out

    def price(self, sku: str, tier: str, on: dt.date | None = None) -> Decimal | None:
        """The agent price on day `on` (today unless given: what a price sheet made now shows)."""
        own = self.override(sku, tier, on)
        if own is not None:
            return own
        p, t = self.products.get(sku), self.tiers.get(tier)
        if p is None or t is None:
            return None
        return round_price(p.price * t.discount, self.rounding)

    def tier_of(self, agent_or_tier: str) -> str | None:
        """An agent id gives its tier; a tier name is itself. An id typed in another letter case, width
        or with spaces ("dl003") is the one agent's it can be, as settlement.read_as_agents reads it."""
        if agent_or_tier in self.agents:
            return self.agents[agent_or_tier].tier
        if agent_or_tier in self.tiers:
            return agent_or_tier
        agent = self.by_key.get(code_key(agent_or_tier or ""))
        return agent.tier if agent is not None else None

    def tier_on(self, agent_id: str, day: dt.date | None) -> str | None:
        """The tier `agent_id`'s line ordered on `day` is priced at, as `agents settle` prices it
        (settlement.line_tier): before its 等级起始日期, the tier before (where `dated` knows it); else its 等级."""
        tier = self.tier_of(agent_id)
        agent = self.agents.get(agent_id) or self.by_key.get(code_key(agent_id or ""))
        change = self.dated.get(agent.agent_id) if agent is not None else None
        if change is not None and day is not None and day < change.since and change.before is not None:
            return change.before
        return tier

    def tier_unrecorded(self, agent_id: str, day: dt.date | None):
        """The agent's dated 等级 (settlement.TierChange) where a line ordered on `day`, before its 等级起始日期, is
        priced at the tier now (tier_on) for want of the tier before (no month settled before it records one):
        a price that may be wrong, said where it is counted. None where the line's tier is known."""
        agent = self.agents.get(agent_id) or self.by_key.get(code_key(agent_id or ""))
        change = self.dated.get(agent.agent_id) if agent is not None else None
        if change is not None and day is not None and day < change.since and change.before is None:
            return change
        return None

    def floor_price(self, sku: str, tier: str) -> Decimal | None:
        p, t = self.products.get(sku), self.tiers.get(tier)
        if p is None:
            return None
        share = t.floor if t is not None and t.floor is not None else self.floor_default
        # up, not half up: 99 × 0.7 = 69.3 must not become 69 (below 7 折)
        return round_price(p.price * share, self.rounding, up=True)


def billed_price(ln: OrderLine, prices: PriceBook | None) -> Decimal:
    """What a line sold at: its 单价; an agent's line (来源 代理) typed with it blank, the agent's price
    on its order's day (`prices`, agents.xlsx's; order_day), as `agents settle` bills it and then
    writes it in: the ledger's margin, the monthly review and the days the daily report fills from the
    orders count it so, settled or not. 0 where neither is known."""
    if ln.unit_price is not None or ln.source is not OrderSource.AGENT or prices is None or not ln.agent_id:
        return ln.unit_price or ZERO
    day = order_day(ln)
    tier = prices.tier_on(ln.agent_id, day)  # ordered before its 等级 changed: the tier before, as settled
    return (prices.price(ln.sku, tier, day) if tier is not None else None) or ZERO


def order_day(ln: OrderLine) -> dt.date | None:
    """The day an agent's line is priced at (the 代理价 row in force then): its 付款时间, when the agent
    ordered; else its 发货日期; else today."""
    return ln.paid_at.date() if ln.paid_at is not None else ln.shipped_on


def sold_at(ln: OrderLine, prices=None) -> Decimal:
    """billed_price, with `prices` (a function giving the PriceBook, cached by the caller) asked only
    for an agent's line with a blank 单价: agents.xlsx is read for such a line alone (most shops'
    orders have none; the daily job is measured)."""
    if ln.unit_price is not None:
        return ln.unit_price
    return billed_price(ln, prices() if prices is not None and ln.source is OrderSource.AGENT else None)


def postage(ls: list[OrderLine], shipping_per_order: Decimal = ZERO) -> Decimal:
    """What an order (its lines) charged for shipping: its 运费, once, as the first of its rows that has one
    gives it (an order-level cell, repeated on each line or typed on one: 8.00 on its second row alone was
    lost); an agent's order with none, shopbook.toml's shipping_per_order, as the agent's statement bills it
    (agents.settlement): the ledger's margin, the courier check, the monthly review and the days the daily
    report fills from the orders count it so, settled or not (`agents settle` then writes that fee into the
    blank 运费). Rows that give two fees: postage_differs says each other one."""
    fee = next((ln.shipping_fee for ln in ls if ln.shipping_fee is not None), None)
    if fee is not None:
        return fee
    return shipping_per_order if ls[0].source is OrderSource.AGENT else ZERO


def postage_differs(ls: list[OrderLine]) -> list:
    """A warning at each row of an order (its lines) whose 运费 is not the one postage counts (the first
    typed): the order's postage is counted once, and which of the two is right is the person's to say."""
    one = next((ln for ln in ls if ln.shipping_fee is not None), None)
    return [at(ln, "shipping_fee", "warning",
               f"订单 {ln.order_no} 的运费在第 {one.row} 行是 {one.shipping_fee:,.2f}，这一行是“{ln.shipping_fee:,.2f}”："
               f"运费每单只算一次，按 {one.shipping_fee:,.2f} 算。这一单收了多少运费，请在它的每一行都填同一个数。",
               f"Order {ln.order_no}'s shipping fee is {one.shipping_fee:,.2f} on row {one.row} and "
               f"'{ln.shipping_fee:,.2f}' on this one: an order's shipping counts once, at {one.shipping_fee:,.2f}. "
               "Type the fee the order was charged on each of its lines.")
            for ln in ls if one is not None and ln.shipping_fee is not None and ln.shipping_fee != one.shipping_fee]


def priced_skus(products: list[Product], lines: list[OrderLine] = ()) -> set[str]:
    """The SKUs whose agent price is used: those on the price sheets (every product but a 下架 one)
    and those of an agent's line typed with a blank 单价 (billed at the price book's price)."""
    return ({p.sku for p in products if p.status is not ProductStatus.DELISTED}
            | {ln.sku for ln in lines if ln.unit_price is None and ln.source is OrderSource.AGENT})


def check_prices(pb: "PriceBook", override_rows: list[AgentPrice], tier_rows: list[Tier],
                 skus: set[str] | None = None) -> list:
    """Agent price below cost, and a floor retail price below the agent price, are errors:
    located on the 代理价 row for overrides, on the 等级 row (with the SKUs named) for
    prices that come from a tier's discount. `skus`: only those (priced_skus; None: every SKU), so
    that a 下架 product, or one no line a settlement bills is priced at, stops no one."""
    from ..issues import at

    out = [at(o, "end", "error", f"结束日期 {o.end} 早于起始日期 {o.start}：这一行的代理价一天也不会用。请改正其中一个日期。",
              f"The end date {o.end} is before the start date {o.start}: this agent price would never be used. "
              "Correct one of the two dates.") for o in override_rows
           if o.end is not None and o.start is not None and o.end < o.start]
    today = dt.date.today()
    for o in override_rows:
        p = pb.products.get(o.sku)
        if p is None or (skus is not None and o.sku not in skus):
            continue
        if o.end is not None and o.end < today or any(
                s is not None and (o.start is None or s > o.start) and s <= today and not pb.ended(o.sku, o.tier, s, today)
                for s, _ in pb.overrides[(o.sku, o.tier)]):
            continue  # a row ended or a later one replaced: the price of past orders, checked against today's cost no more
        floor = pb.floor_price(o.sku, o.tier)
        if o.price < p.cost:
            out.append(at(o, "price", "error", f"代理价 {o.price} 低于成本价 {p.cost}。", f"Agent price {o.price} is below the cost {p.cost}."))
        elif floor is not None and floor < o.price:
            out.append(at(o, "price", "error", f"最低零售价 {floor} 低于代理价 {o.price}：代理卖不出利润。"
                          f"请降低代理价，或在“{Tier.zh}”表提高等级“{o.tier}”的最低零售折扣。",
                          f"The floor retail price {floor} is below the agent price {o.price}: the agent cannot sell "
                          f"at a profit. Lower the agent price, or raise the floor of tier '{o.tier}' on the {Tier.en} "
                          "sheet."))
    for t in tier_rows:
        below_cost, below_floor = [], []
        for sku, p in pb.products.items():
            if pb.override(sku, t.tier) is not None or (skus is not None and sku not in skus):
                continue
            price = pb.price(sku, t.tier)
            floor = pb.floor_price(sku, t.tier)
            if price is None:
                continue
            if price < p.cost:
                below_cost.append(sku)
            elif floor is not None and floor < price:
                below_floor.append(sku)
        if below_cost:  # the first 8, then how many more: a cut list says so
            zh, en = few(below_cost, 8, sep=(", ", ", "))
            out.append(at(t, "discount", "error",
                          f"等级“{t.tier}”的折扣让 {len(below_cost)} 个 SKU 的代理价低于成本：{zh}。请提高折扣或在“代理价”表单独定价。",
                          f"Tier '{t.tier}': the discount puts {en_count(len(below_cost), 'SKU')} below cost: {en}. "
                          "Raise the discount or set their price on the Agent prices sheet."))
        if below_floor:
            zh, en = few(below_floor, 8, sep=(", ", ", "))
            out.append(at(t, "floor", "error",
                          f"等级“{t.tier}”的最低零售折扣低于代理折扣（{len(below_floor)} 个 SKU：{zh}）：代理卖不出利润。"
                          "请提高最低零售折扣或降低折扣。",
                          f"Tier '{t.tier}': the floor retail price is below the agent price for "
                          f"{en_count(len(below_floor), 'SKU')}: {en}; the agent cannot sell at a profit. Raise the "
                          "floor or lower the discount."))
    return out


def check_tier_floors(tiers: list[Tier], floor_default: Decimal = DEFAULT_FLOOR) -> list:
    """A warning at the 最低零售折扣 of each tier whose floor is below 7 折 (its own, or shopbook.toml's
    floor_discount where blank): the price sheets would let its agents sell below 70 % of list, which
    the shop never does outside the platform's big events."""
    from ..issues import at

    out = []
    for t in tiers:
        share = t.floor if t.floor is not None else floor_default
        if not (0 < share < DEFAULT_FLOOR):  # (0 or above 1: check_tiers' error)
            continue
        zhe = f"{(share * 10).normalize():f}"
        whence_zh, whence_en = (("", "") if t.floor is not None else
                                ("（空着，按 shopbook.toml 的 [agents] floor_discount）",
                                 " (blank: shopbook.toml's [agents] floor_discount)"))
        out.append(at(t, "floor", "warning",
                      f"等级“{t.tier}”的最低零售折扣 {share}{whence_zh or ' '}是 {zhe} 折，低于 7 折：代理价格表上的最低零售价会低于"
                      "售价的 7 折，而平时售价不能低于 7 折（淘金币、双11、双12 等大促除外）。请改为 0.7 或以上。",
                      f"Tier '{t.tier}': its floor {share}{whence_en} is below 0.7: the price sheets would let its "
                      "agents sell below 70 % of the list price, which the shop never does outside the platform's big "
                      "events (Taobao Coins, Double 11, Double 12). Set it to 0.7 or above.", value=t.floor))
    return out


def check_price_tiers(rows: list[AgentPrice], tiers: set[str], agents: list[Agent]) -> list:
    """The 等级 of each 代理价 row checked against the tiers (`tiers`: their keys, validate.check_references'
    error for one that does not exist), but for one that is an agent's id or 名称 (values.code_key) and no
    tier: the shop meant that agent's own price, which a 代理价 row set per tier never gives (adding a tier
    of that name, as the plain error says, would leave the agent billed at its own tier's price, unsaid).
    That one's error says so, and how an agent gets prices of its own."""
    from ..issues import at
    from ..validate.rules import FIX_TIER, check_references

    from ..schema.lists import suggest

    who = {code_key(k): a for a in agents for k in (a.agent_id, a.name) if k}
    held = {a.tier for a in agents}  # the tiers agents have (one that does not exist: their own error)
    keys = {code_key(str(t)) for t in tiers}  # (one typed with a full-width letter or a space: check_references')
    out, rest, near = [], [], {}
    for r in rows:
        a = who.get(code_key(r.tier or "")) if r.tier not in tiers else None
        if a is None:
            if r.tier and r.tier not in tiers and r.tier not in held and code_key(r.tier) not in keys:
                # no tier and no agent's: most likely the tier renamed (金牌 → 金牌代理) with its 代理价 rows left
                # behind, which the plain error's "add it to 等级" made a tier of no agent's, the price never billed
                if r.tier not in near:
                    near[r.tier] = suggest(r.tier, sorted(map(str, tiers)), 0.6)  # (铜牌 is no 金牌)
                if len(near[r.tier]) == 1:
                    h = near[r.tier][0]
                    out.append(at(r, "tier", "error",
                                  f"等级“{r.tier}”不存在，也没有代理是这个等级：是不是改名成了“{h}”？是的话请把这一行的等级改成“{h}”"
                                  f"（在“{Tier.zh}”表加回“{r.tier}”的话，这个代理价不会用在“{h}”的代理身上）。",
                                  f"Tier '{r.tier}' does not exist and no agent has it: was it renamed '{h}'? If so, "
                                  f"change this row's tier to '{h}' (adding '{r.tier}' back on the {Tier.en} sheet "
                                  f"would leave this price off the agents of '{h}')."))
                    continue
            rest.append(r)
            continue
        what_zh, what_en = ("编号", "id") if code_key(r.tier) == code_key(a.agent_id) else ("名称", "name")
        out.append(at(r, "tier", "error",
                      f"等级“{r.tier}”是代理 {a.agent_id} 的{what_zh}，不是等级：代理价按等级定，这一行不会用在 {a.agent_id} 的订单上。"
                      f"要给 {a.agent_id} 单独定价，请在“{Tier.zh}”表加一个只给它用的等级（折扣照它现在的“{a.tier}”填），"
                      f"把 {a.agent_id} 的等级改成它，再在这里填那个等级。",
                      f"Tier '{r.tier}' is agent {a.agent_id}'s {what_en}, not a tier: agent prices are set per tier, so "
                      f"this row would never price {a.agent_id}'s orders. To give {a.agent_id} prices of its own, add a "
                      f"tier for it alone on the {Tier.en} sheet (its discount as its present tier '{a.tier}' has it), "
                      f"set {a.agent_id}'s tier to it, and type that tier here."))
    return out + check_references(rest, "tier", tiers, "等级", "Tier", *FIX_TIER)
