"""The monthly settlement of an agent: pure arithmetic over typed records.

goods     = lines shipped in the month at the agent price (the order line's 单价)
shipping  = charged per shipped order, by the rule in shopbook.toml
returns   = goods that came back (退货 movements whose 单号 is the agent's order) at the agent price
sales     = goods − returns
rebate    = sales × the rate of the highest 返利 threshold the month's sales reach (on all of it)
payments  = 收款 received in the month
balance   = goods + shipping − returns − rebate − payments  (what the agent still owes; negative: we owe)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..schema import Movement, MovementType, OrderLine, OrderSource, OrderStatus, Payment, Rebate

ZERO = Decimal("0.00")
FEN = Decimal("0.01")


@dataclass
class StatementLine:
    date: dt.date
    order_no: str
    sku: str
    qty: int
    price: Decimal
    amount: Decimal


@dataclass
class AgentStatement:
    agent_id: str
    name: str
    month: str
    lines: list[StatementLine] = field(default_factory=list)
    returns: list[StatementLine] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    orders: int = 0
    shipping: Decimal = ZERO
    rebate_rate: Decimal = Decimal(0)
    rebate_threshold: Decimal | None = None

    @property
    def goods(self) -> Decimal:
        return sum((x.amount for x in self.lines), ZERO)

    @property
    def returned(self) -> Decimal:
        return sum((x.amount for x in self.returns), ZERO)

    @property
    def sales(self) -> Decimal:
        return self.goods - self.returned

    @property
    def rebate(self) -> Decimal:
        return (self.sales * self.rebate_rate).quantize(FEN, rounding=ROUND_HALF_UP)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def balance(self) -> Decimal:
        return self.goods + self.shipping - self.returned - self.rebate - self.paid

    def to_json(self) -> dict:
        return {"agent_id": self.agent_id, "name": self.name, "month": self.month, "orders": self.orders,
                "goods": str(self.goods), "shipping": str(self.shipping), "returns": str(self.returned),
                "sales": str(self.sales), "rebate_rate": str(self.rebate_rate),
                "rebate_threshold": str(self.rebate_threshold) if self.rebate_threshold is not None else None,
                "rebate": str(self.rebate), "payments": str(self.paid), "balance": str(self.balance)}


def rebate_for(sales: Decimal, rebates: list[Rebate]) -> tuple[Decimal, Decimal | None]:
    """The rate of the highest threshold reached, and that threshold."""
    reached = [r for r in rebates if sales >= r.threshold]
    if not reached:
        return Decimal(0), None
    best = max(reached, key=lambda r: r.threshold)
    return best.rate, best.threshold


def settle(agent_id: str, name: str, month: str, first: dt.date, last: dt.date, lines: list[OrderLine],
           movements: list[Movement], payments: list[Payment], rebates: list[Rebate],
           shipping_per_order: Decimal) -> AgentStatement:
    st = AgentStatement(agent_id, name, month)
    mine = [ln for ln in lines if ln.source is OrderSource.AGENT and ln.agent_id == agent_id]
    price_of = {(ln.order_no, ln.sku): ln.unit_price or ZERO for ln in mine}
    shipped_orders = set()
    for ln in mine:
        if ln.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED) and ln.shipped_on and first <= ln.shipped_on <= last:
            price = ln.unit_price or ZERO
            st.lines.append(StatementLine(ln.shipped_on, ln.order_no, ln.sku, ln.qty, price, price * ln.qty))
            shipped_orders.add(ln.order_no)
    st.orders = len(shipped_orders)
    st.shipping = shipping_per_order * st.orders
    for m in movements:
        if m.type is MovementType.RETURN and m.ref and (m.ref, m.sku) in price_of and first <= m.date <= last:
            price = price_of[(m.ref, m.sku)]
            st.returns.append(StatementLine(m.date, m.ref, m.sku, m.qty, price, price * m.qty))
    st.payments = [p for p in payments if p.agent_id == agent_id and first <= p.date <= last]
    st.rebate_rate, st.rebate_threshold = rebate_for(st.sales, rebates)
    st.lines.sort(key=lambda x: (x.date, x.order_no, x.sku))
    return st
