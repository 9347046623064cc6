"""The monthly settlement of an agent: pure arithmetic over typed records.

goods     = lines shipped in the month at the agent price (the order line's 单价; blank: the
            agent's price from the price book on the order's day (the 代理价 row in force then),
            which settle_month then writes into that blank cell so the month stays as settled)
shipping  = each shipped order's 运费, once, in the month its first line shipped
            (shopbook.toml's shipping_per_order when the order has none, which settle_month then
            writes into its blank 运费 cells)
returns   = goods that came back (退货 movements whose 单号 is the agent's order, or an after-sales
            case of it: `aftersales receive` posts the case number; not a 换货 case's, whose goods
            went back out free as its replacement), at most what was shipped on that order line, at
            the price billed
sales     = goods − returns
rebate    = the month's own sales (goods − the returns of goods shipped in the month) × the rate of the
            highest 返利 threshold they reach (on all of it), in the table in force that month (the
            latest 起始日期 in or before it); a month already settled keeps the rate it was settled at
            (its 代理结算汇总), said where the table now differs; less the rebate taken back on goods of
            an earlier month that came back in this one (their amount × the rate of the month they
            shipped in; where they take its sales under the threshold that rate needed, all it gave
            beyond what its sales now earn): the earlier month stays as settled, its rebate on goods
            returned is not kept
payments  = 收款 received in the month
brought forward = the same over every earlier month (each month with its own rebate)
balance   = brought forward + goods + shipping − returns − rebate − payments
            (what the agent owes at the end of the month; negative: we owe)
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..issues import Issue, at, few, own_row
from ..money.ledger import as_sent, month_before
from ..schema import (AfterSalesCase, Agent, CaseStatus, CaseType, Movement, MovementType, OrderLine, OrderSource, OrderStatus,
                      Payment, Rebate)
from ..values import by_code_key, code_key
from .prices import order_day

ZERO = Decimal("0.00")
FEN = Decimal("0.01")
SHIPPED = (OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def money(v: Decimal) -> Decimal:
    """To the fen, half up; a zero is 0.00, never -0.00 (a negated or ×0 zero keeps its sign)."""
    v = Decimal(v).quantize(FEN, rounding=ROUND_HALF_UP)
    return v if v else ZERO


@dataclass
class StatementLine:
    date: dt.date
    order_no: str
    sku: str
    qty: int
    price: Decimal
    amount: Decimal
    shipped: dt.date | None = None  # a return's: the day its goods shipped (which month's rebate they earned)


@dataclass
class AgentStatement:
    agent_id: str
    name: str
    month: str
    lines: list[StatementLine] = field(default_factory=list)
    fees: list[tuple[dt.date, str, Decimal]] = field(default_factory=list)  # (first shipped, order, 运费) of `shipping`
    returns: list[StatementLine] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    orders: int = 0
    shipping: Decimal = ZERO
    rebate_rate: Decimal = Decimal(0)
    rebate_threshold: Decimal | None = None
    brought_forward: Decimal = ZERO
    issues: list[Issue] = field(default_factory=list)  # lines left out or cut down, for finance
    earlier: dict = field(default_factory=dict)  # month → its own statement, of the months brought forward
    # returns of goods shipped in an earlier month: (that month, amount returned, its rate, rebate taken back)
    taken_back: list[tuple[str, Decimal, Decimal, Decimal]] = field(default_factory=list)
    # of those months, each whose sales, less its goods returned since, no longer reach the rate it was given:
    # month → (its sales now, the rate they reach): all it gave beyond that rate is taken back
    fell: dict = field(default_factory=dict)
    # (zh, en) for the agent: the 上期结余 is not what last month's statement was sent with (bf_note)
    bf_note: tuple[str, str] | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (zh, en) for the agent: what the figures leave out
    # the 等级 its blank 单价 lines were priced at: the agent's tier when settled (a month settled before: the tier
    # its record kept)
    tier: str | None = None

    @property
    def goods(self) -> Decimal:
        return money(sum((x.amount for x in self.lines), ZERO))

    @property
    def returned(self) -> Decimal:
        return money(sum((x.amount for x in self.returns), ZERO))

    @property
    def sales(self) -> Decimal:
        return money(self.goods - self.returned)

    @property
    def earlier_returned(self) -> Decimal:
        """Returns of goods shipped in an earlier month: their rebate is taken back, not this month's rate."""
        return money(sum((amount for _, amount, _, _ in self.taken_back), ZERO))

    @property
    def rebate_sales(self) -> Decimal:
        """The sales the month's own rate is on: its goods less those of them that came back in the month."""
        return money(self.sales + self.earlier_returned)

    @property
    def rebate_earned(self) -> Decimal:
        return money(self.rebate_sales * self.rebate_rate)

    @property
    def rebate_taken_back(self) -> Decimal:
        return money(sum((back for _, _, _, back in self.taken_back), ZERO))

    @property
    def rebate(self) -> Decimal:
        """The month's rebate, less what earlier months gave on goods that came back in it (may be negative)."""
        return money(self.rebate_earned - self.rebate_taken_back)

    @property
    def paid(self) -> Decimal:
        return money(sum((p.amount for p in self.payments), ZERO))

    @property
    def month_balance(self) -> Decimal:
        """This month's own figures, without what was brought forward."""
        return money(self.goods + self.shipping - self.returned - self.rebate - self.paid)

    @property
    def balance(self) -> Decimal:
        """本期应收: what is owed at the end of the month, earlier months included."""
        return money(self.brought_forward + self.month_balance)

    def to_json(self) -> dict:
        return {"agent_id": self.agent_id, "name": self.name, "month": self.month, "orders": self.orders,
                "brought_forward": str(self.brought_forward),
                "goods": str(self.goods), "shipping": str(money(self.shipping)), "returns": str(self.returned),
                "sales": str(self.sales), "rebate_rate": str(self.rebate_rate),
                "rebate_threshold": str(self.rebate_threshold) if self.rebate_threshold is not None else None,
                "rebate_sales": str(self.rebate_sales), "rebate_taken_back": str(self.rebate_taken_back),
                "rebate": str(self.rebate), "payments": str(self.paid), "month_balance": str(self.month_balance),
                "balance": str(self.balance)}


def case_orders(cases: list[AfterSalesCase], credited: bool = False) -> dict[str, str]:
    """售后单号 → 订单编号: `aftersales receive` posts a return under its case number. `credited`: only
    the cases whose goods back an agent's statement credits: not a 换货, whose goods went back out as
    its replacement (补发, no charge), so the agent keeps owing what it was billed."""
    return {c.case_no: c.order_no for c in cases if not (credited and c.type is CaseType.EXCHANGE)}


def refunds_only(cases: list[AfterSalesCase], lines: list[OrderLine], agent_id: str, first: dt.date, last: dt.date,
                 payments: list[Payment]) -> tuple[list[tuple[str, str]], list[Issue]]:
    """The 仅退款 cases of `agent_id`'s orders opened first…last: the agent refunded its buyer, no goods came
    back, and a statement credits goods back alone, so the statement credits nothing for them. (For the
    agent, zh/en) a note of each; for finance, a warning at its 类型 unless a 收款 备注 names the case (the
    compensation agreed, typed there as the statement credits it)."""
    notes, issues = [], []
    cases = [c for c in cases if c.type is CaseType.REFUND_ONLY and first <= c.opened_on <= last]
    if not cases:  # (most months: a year's order lines not walked again)
        return notes, issues
    mine = {ln.order_no for ln in lines if ln.source is OrderSource.AGENT and ln.agent_id == agent_id}
    noted = " ".join(p.note or "" for p in payments if p.agent_id == agent_id)
    for c in cases:
        if c.order_no not in mine:
            continue
        amt = f"，退款金额 {c.amount:,.2f}" if c.amount is not None else ""
        amt_en = f", refund {c.amount:,.2f}" if c.amount is not None else ""
        what = f"{c.order_no}" + (f" {c.sku}" if c.sku else "")
        notes.append((f"售后 {c.case_no}（订单 {what}{amt}）是仅退款：没有退回的货，本对账单不冲抵货款；店铺同意的补偿记在收款中。",
                      f"After-sales {c.case_no} (order {what}{amt_en}) is a refund without return: no goods came back, "
                      "so this statement credits nothing for it; any compensation the shop agreed is under payments."))
        if c.case_no not in noted:
            issues.append(at(c, "type", "warning",
                             f"代理 {agent_id} 的订单 {what} 仅退款（售后 {c.case_no}{amt}）：对账单只冲抵退回的货，这一笔没有冲抵。"
                             f"与代理商定补偿后，在 agents.xlsx 的收款表记一行（代理编号 {agent_id}，金额为补偿额，备注写 {c.case_no}）；"
                             "不补偿可不理。",
                             f"Agent {agent_id}'s order {what} is refunded without return (case {c.case_no}{amt_en}): the "
                             "statement credits only goods that came back, so nothing is credited for it. Once a "
                             f"compensation is agreed with the agent, add a row to the Payments sheet of agents.xlsx "
                             f"(agent {agent_id}, the amount, note {c.case_no}); if none, ignore this."))
    return notes, issues


def exchanged(agent_id: str, mine: list[OrderLine], lines: list[OrderLine], cases: list[AfterSalesCase], prices,
              tier: str | None, issues: list[Issue], first: dt.date, last: dt.date) -> list[StatementLine]:
    """A line per 换货 of an agent's order for another SKU (换货编码) whose replacement (补发单号, sent free) has
    shipped: the difference of the two agent prices on the order's day (the one sent less the one sent back)
    × the units, on the day the replacement shipped: its goods back are no credit (case_orders), so without
    it a dearer replacement went out at the cheaper one's price (and a cheaper one left the agent paying the
    dearer). Where the replacement has no agent price, nothing billed, warned in the month it shipped."""
    out: list[StatementLine] = []
    if prices is None or tier is None:
        return out
    own = {ln.order_no for ln in mine}
    cases = [c for c in cases if c.type is CaseType.EXCHANGE and c.order_no in own and c.exchange_sku]
    issues += unlinked_exchanges([c for c in cases if not c.resend_order], mine, lines, agent_id, last)
    cases = [c for c in cases if c.resend_order]
    if not cases:  # (most agents, most months: a year's order lines not walked again)
        return out
    wanted = {c.order_no for c in cases} | {c.resend_order for c in cases}
    by_order: dict[str, list[OrderLine]] = {}
    for ln in lines:
        if ln.order_no in wanted:
            by_order.setdefault(ln.order_no, []).append(ln)
    for c in cases:
        gone = [ln for ln in by_order.get(c.order_no, []) if ln.sku != c.exchange_sku and (not c.sku or ln.sku == c.sku)]
        sent = [ln for ln in by_order.get(c.resend_order, []) if ln.sku == c.exchange_sku and ln.status in SHIPPED
                and ln.shipped_on is not None]
        if not gone or not sent:
            continue
        for ln in gone:
            day = order_day(ln)
            was = prices.price(ln.sku, tier, day)
            was = was if was is not None else ln.unit_price
            now = prices.price(c.exchange_sku, tier, day)
            if now is None or was is None:
                if first <= min(x.shipped_on for x in sent) <= last:
                    issues.append(at(c, "exchange_sku", "warning",
                                     f"换货 {c.case_no}（订单 {c.order_no}，{ln.sku} 换 {c.exchange_sku}）：代理 {agent_id} 没有 "
                                     f"{c.exchange_sku if now is None else ln.sku} 的代理价，差价没有计入对账单。请在代理价表定价。",
                                     f"Exchange {c.case_no} (order {c.order_no}, {ln.sku} for {c.exchange_sku}): agent "
                                     f"{agent_id} has no agent price for {c.exchange_sku if now is None else ln.sku}, so the "
                                     "difference is not on the statement. Price it on the Agent prices sheet."))
                continue
            qty = c.qty if c.qty is not None and len(gone) == 1 else ln.qty
            if now != was:
                out.append(StatementLine(min(x.shipped_on for x in sent), c.resend_order, f"{ln.sku}→{c.exchange_sku}",
                                         qty, money(now - was), money((now - was) * qty)))
    return out


def exchange_differences(lines: list[OrderLine], cases: list[AfterSalesCase], prices) -> dict[str, Decimal]:
    """Replacement order (补发单号) → the difference of agent prices its agent's statement bills for it
    (exchanged), for every agent: the replacement is a 手工 order at 0, so a ledger that counts an
    order's takings from its lines alone would not count what the agent is billed for it."""
    if prices is None:
        return {}
    exchanges = [c for c in cases if c.type is CaseType.EXCHANGE and c.exchange_sku and c.resend_order]
    if not exchanges:
        return {}
    wanted = {c.order_no for c in exchanges}
    agents = {ln.agent_id for ln in lines if ln.order_no in wanted and ln.source is OrderSource.AGENT and ln.agent_id}
    out: dict[str, Decimal] = {}
    for agent in sorted(agents):
        mine = [ln for ln in lines if ln.source is OrderSource.AGENT and ln.agent_id == agent]
        for x in exchanged(agent, mine, lines, exchanges, prices, prices.tier_of(agent), [], dt.date.min, dt.date.max):
            out[x.order_no] = out.get(x.order_no, ZERO) + x.amount
    return out


def unlinked_exchanges(cases: list[AfterSalesCase], mine: list[OrderLine], lines: list[OrderLine], agent_id: str,
                       last: dt.date) -> list[Issue]:
    """A warning at the 补发单号 of each 换货 of an agent's order for another SKU marked 已完成 with that cell
    blank (a case typed and closed by hand): the replacement is no order the statement knows, so the
    difference of the two agent prices is billed nowhere. Said every month from the case's on, until
    the cell names the replacement's order (one numbered like it is named) or the case is 已关闭."""
    out = []
    for c in cases:
        if c.status is not CaseStatus.DONE or c.opened_on > last:
            continue
        was = [ln.sku for ln in mine if ln.order_no == c.order_no and (not c.sku or ln.sku == c.sku)]
        if not was or all(sku == c.exchange_sku for sku in was):
            continue  # the same item again: no difference to bill
        like = sorted({ln.order_no for ln in lines if ln.order_no.startswith(f"{c.order_no}-") and ln.sku == c.exchange_sku})
        hint_zh = f"（订单表里有 {'、'.join(like)}）" if like else ""
        hint_en = f" (the Orders sheet has {', '.join(like)})" if like else ""
        what = f"{c.order_no}，{'、'.join(dict.fromkeys(was))} 换 {c.exchange_sku}"
        what_en = f"{c.order_no}, {', '.join(dict.fromkeys(was))} for {c.exchange_sku}"
        out.append(at(c, "resend_order", "warning",
                      f"换货 {c.case_no}（订单 {what}）已完成，补发单号却是空的：代理 {agent_id} 的对账单没有计两者代理价的差价。"
                      f"请在补发单号填上发出 {c.exchange_sku} 的订单编号{hint_zh}，再结算；没有换成（买家改退货退款等）就把状态改成已关闭。",
                      f"Exchange {c.case_no} (order {what_en}) is done but its resend order is blank: agent {agent_id}'s "
                      f"statement bills no difference of the two agent prices. Enter the number of the order that sent "
                      f"the {c.exchange_sku}{hint_en} as its resend order and settle again; if the exchange did not "
                      "happen (the buyer took a refund instead), set the status to closed.", value=None))
    return out


def returns_not_posted(cases: list[AfterSalesCase], lines: list[OrderLine], movements: list[Movement],
                       first: dt.date, last: dt.date) -> list[tuple[str, Issue]]:
    """(agent, warning) at the 状态 of each 退货退款 case of an agent's orders marked 已完成 whose 退货 was never posted
    (aftersales.cases.never_posted: no 退货 or 调整 row under its case, 退货单号 or order number), opened in the month
    or the RECENT_DAYS before it: a statement credits the goods back that 出入库 holds alone, so it billed the
    agent in full for goods the shop agreed to take back, with ✓ (`validate` said the stock was short of them;
    the settlement, whose figures it moves, nothing)."""
    from ..aftersales.cases import RECENT_DAYS, never_posted

    since = first - dt.timedelta(days=RECENT_DAYS)
    cases = [c for c in cases if c.type is CaseType.RETURN and c.status is CaseStatus.DONE
             and c.opened_on is not None and since <= c.opened_on <= last]
    if not cases:  # (most months: a year's order lines and movements not walked again)
        return []
    # (every agent's at once: the year's order lines and movements walked once a month, not once an agent)
    agents_of: dict[str, list[str]] = defaultdict(list)  # order → its agents (one, unless a line's 代理编号 is typed wrong)
    for ln in lines:
        if ln.source is OrderSource.AGENT and ln.agent_id and ln.agent_id not in agents_of[ln.order_no]:
            agents_of[ln.order_no].append(ln.agent_id)
    refs = {code_key(m.ref) for m in movements if m.type in (MovementType.RETURN, MovementType.ADJUST) and m.ref}
    out = []
    for c in cases:
        if not agents_of.get(c.order_no) or not never_posted(c, refs):
            continue
        what = f"{c.order_no}" + (f" {c.sku}" if c.sku else "")
        out += [(agent_id, at(c, "status", "warning",
                      f"售后单 {c.case_no}（代理 {agent_id} 的订单 {what}，退货退款）已完成，但它的退货没有入库（stock.xlsx 的"
                      f"“{Movement.zh}”里没有单号为 {c.case_no} 或 {c.order_no} 的退货行）：对账单只冲抵入了库的退货，这一笔没有冲抵，"
                      f"代理仍按发出的货计费。货已退回的，运行 shopbook aftersales receive {c.case_no} 记退货入库，再结算；"
                      "买家没有退货的，把类型改为“仅退款”。",
                      f"After-sales case {c.case_no} (agent {agent_id}'s order {what}, a return) is done, but its "
                      f"return was never posted (no return row on the {Movement.en} sheet of stock.xlsx with ref "
                      f"{c.case_no} or {c.order_no}): a statement credits only the returns in stock, so nothing is "
                      "credited for it and the agent is billed for the goods as sent. If they came back, run shopbook "
                      f"aftersales receive {c.case_no} to post them, then settle again; if the buyer kept them, set "
                      "its type to refund only.")) for agent_id in agents_of[c.order_no]]
    return out


def returned_to(movements: list[Movement], orders: set[str], case_orders: dict[str, str]) -> list[tuple[Movement, str]]:
    """The 退货 movements that bring back goods of `orders`, each with its order: its 单号 is the
    order number, or the number of an after-sales case of it (`case_orders`: case → order).
    Matched by values.code_key (letter case and spaces aside, as a person may retype them)."""
    own = {code_key(no): no for no in orders}
    cases = {code_key(c): code_key(o) for c, o in case_orders.items()}
    out = []
    for m in movements:
        if m.type is MovementType.RETURN and m.ref:
            k = code_key(m.ref)
            no = own.get(k) or own.get(cases.get(k, ""))
            if no is not None:
                out.append((m, no))
    return out


def not_agent_sourced(lines: list[OrderLine]) -> list[Issue]:
    """A warning at the 来源 of each line with a 代理编号 whose 来源 is not 代理 (淘宝, 手工, blank):
    settlement bills only 代理 lines, so it is on no agent's statement, and which was meant is a person's."""
    out = []
    for ln in lines:
        if ln.agent_id and ln.source is not OrderSource.AGENT:
            zh, en = (ln.source.value, ln.source.en) if ln.source is not None else ("空", "blank")
            out.append(at(ln, "source", "warning",
                          f"订单 {ln.order_no}（{ln.sku}）填了代理编号 {ln.agent_id}，来源却是“{zh}”：这一行不计入代理 "
                          f"{ln.agent_id} 的月结。是代理的订单就把来源改成“代理”；不是就清空代理编号。",
                          f"Order {ln.order_no} ({ln.sku}) has agent id {ln.agent_id} but its source is '{en}': the line "
                          f"is on no agent's statement. If it is the agent's order, set the source to "
                          f"'{OrderSource.AGENT.en}'; if not, clear the agent id."))
    return out


def no_agent_named(lines: list[OrderLine]) -> list[Issue]:
    """A warning at the 代理编号 of each line of 来源 代理 whose 代理编号 is blank: settlement bills a
    line to the agent it names, so it is on no agent's statement (shipped, never billed)."""
    return [at(ln, "agent_id", "warning",
               f"订单 {ln.order_no}（{ln.sku}）的来源是“代理”，代理编号却是空的：这一行不计入任何代理的月结。"
               "请填上代理编号。",
               f"Order {ln.order_no} ({ln.sku}) has the source '{OrderSource.AGENT.en}' but no agent id: the line is "
               "on no agent's statement. Enter the agent id.")
            for ln in lines if ln.source is OrderSource.AGENT and not ln.agent_id]



def read_as_agents(records: list, agent_ids) -> tuple[list, list[tuple[str, Issue]]]:
    """`records` (收款 rows or order lines) with each 代理编号 that is no agent's id but one agent's alone
    once letter case, width and spaces are set aside (values.code_key: "dl003", " Ｄｌ003 " for DL003)
    as that id (a copy: records read are the cache's), so every match after it is exact; and, with its
    agent, a warning at each such cell naming the id it was read as, to tidy the sheet. An id two
    agents share that way stays as typed (check_references stops on it)."""
    ids = set(agent_ids)
    one = by_code_key(ids)
    out, said = [], []
    for r in records:
        v = r.agent_id
        hit = one.get(code_key(v)) if v and v not in ids else None
        if hit is None:
            out.append(r)
            continue
        said.append((hit, at(r, "agent_id", "warning",
                             f"代理编号“{v}”按 {hit} 读取（只差大小写、全半角或空格）：请改成 {hit}，统一写法。",
                             f"Agent id '{v}' was read as {hit} (it differs only in letter case, width or "
                             f"spaces): type {hit} to tidy the sheet.")))
        out.append(r.model_copy(update={"agent_id": hit}))
    return out, said


def payments_twice(payments: list[Payment]) -> list[tuple[str, Issue]]:
    """(agent id, a warning at the 金额) of each 收款 row of the same day, agent and amount as an earlier
    one (by row), naming it: typed twice, the agent is credited twice and owes that much less on every
    statement after. Not an error: two payments of one amount on one day can be real."""
    first: dict[tuple, Payment] = {}
    out = []
    for pm in sorted(payments, key=lambda pm: pm.row or 0):
        k = first.setdefault((pm.date, pm.agent_id, pm.amount), pm)
        if k is not pm:
            out.append((pm.agent_id, at(pm, "amount", "warning",
                        f"与第 {own_row(k.row)} 行是同一天（{pm.date}）、同一代理（{pm.agent_id}）、同样金额的收款：是否重复登记？"
                        "重复的话代理的应收少算了这一笔：请删掉这一行；确实收了两笔可不理。",
                        f"The same day ({pm.date}), agent ({pm.agent_id}) and amount as the payment on row {own_row(k.row)}: "
                        "typed twice? If so the agent's balance is short by it: delete this row; two payments "
                        "really: ignore this.")))
    return out

# a 备注 saying the money went back to the agent, or a bank fee the agent bears (1,000.00 paid, -5.00
# 手续费): a negative 收款 meant so
PAID_BACK = ("退", "返还", "手续费", "refund", "paid back", "repaid", "returned", "fee")


def payments_negative(payments: list[Payment]) -> list[tuple[str, Issue]]:
    """(agent id, a warning at the 金额) of each 收款 typed negative whose 备注 does not say the money went
    back to the agent or was a fee it bears (退款, 手续费, refund, fee): a payment received typed with a minus adds twice its amount to what
    the agent owes, and the statement shows it as received."""
    return [(pm.agent_id, at(pm, "amount", "warning",
                             f"收款金额是负数 {pm.amount:,.2f}：记作退给代理 {pm.agent_id} 的钱，代理的应收因此多了 "
                             f"{-pm.amount:,.2f}。如果是收到的货款，请去掉负号再结算；确实是退给代理的钱或代理承担的手续费，请在备注写明（退款、手续费）。",
                             f"The payment is negative, {pm.amount:,.2f}: counted as money paid back to agent "
                             f"{pm.agent_id}, which adds {-pm.amount:,.2f} to what the agent owes. If it was received, "
                             "remove the minus and settle again; if it was paid back, or is a fee the agent bears, say so in its "
                             "note ('refund', 'fee')."))
            for pm in payments if pm.amount < 0 and not any(w in (pm.note or "").lower() for w in PAID_BACK)]


def payments_ahead(payments: list[Payment], today: dt.date | None = None) -> list[tuple[str, Issue]]:
    """(agent id, a warning at the 日期) of each 收款 dated after today: 2027 typed for 2026, it is on no
    statement sent until that day comes, and the agent is billed for what it paid."""
    today = today or dt.date.today()
    return [(pm.agent_id, at(pm, "date", "warning",
                             f"收款日期 {pm.date} 在今天（{today}）之后：代理 {pm.agent_id} 的这笔 {pm.amount:,.2f} 元不在到今天的"
                             "任何对账单上，应收没有减去它。是不是年份或月份打错了？改正后再结算。",
                             f"The payment's date {pm.date} is after today ({today}): agent {pm.agent_id}'s "
                             f"{pm.amount:,.2f} yuan is on no statement up to today, and its balance does not take it off. Is "
                             "the year or month mistyped? Settle again once it is right."))
            for pm in payments if pm.date is not None and pm.date > today]


def payments_a_year_off(payments: list[Payment]) -> list[tuple[str, Issue]]:
    """(agent id, a warning at the 日期) of each 收款 dated a year off the rows around it on the sheet
    (periods.year_slips): 2026-01-05 typed for 2027-01-05 in the first days of a year, by habit. It counts
    in a month a year back, taken off the 上期结余 of every statement since, and on no statement of the
    month it was paid in."""
    from ..periods import year_slips

    out = []
    for pm, meant in year_slips(payments):
        out.append((pm.agent_id, at(pm, "date", "warning",
                                    f"收款日期“{pm.date}”和它上下的行差了一年：是不是 {meant}？代理 {pm.agent_id} 的这笔 "
                                    f"{pm.amount:,.2f} 元现在算在 {pm.date:%Y-%m}，不在 {meant:%Y-%m} 的对账单上。改正年份后再结算。",
                                    f"The payment's date '{pm.date}' is a year off the rows around it: is it {meant}? "
                                    f"Agent {pm.agent_id}'s {pm.amount:,.2f} yuan counts in {pm.date:%Y-%m} now, not on the "
                                    f"statement of {meant:%Y-%m}. Correct the year and settle again.")))
    return out


def stray_returns(movements: list[Movement], lines: list[OrderLine], case_orders: dict[str, str],
                  agent_ids) -> list[tuple[str, Issue]]:
    """退货 movements whose 单号 is no order's and no case's number but begins with an agent's id (the
    agents' orders are numbered DL001-…), or is an agent's order number without it (DL001-1101 typed
    1101, the agent's own number, as its customer's parcel shows it: the import names an agent's
    orders so): goods back that no statement credits. Each with that agent (the longest id it begins
    with; the one whose order it is) and a warning at its 单号 naming the agent's orders of that SKU
    nearest to it (the order it is)."""
    from ..schema.lists import did_you_mean

    exact = {ln.order_no for ln in lines} | set(case_orders)
    known = None  # every number as code_key: made only for a ref not typed exactly (a year's lines: 0.2 s)
    own: dict[str, dict[str, str]] | None = None  # an agent's own number, as code_key → agent → its order
    ids = sorted(((code_key(a), a) for a in agent_ids if a), key=lambda x: -len(x[0]))
    out = []
    for m in movements:
        if m.type is not MovementType.RETURN or not m.ref or m.ref in exact:
            continue
        k = code_key(m.ref)
        agent = next((a for key, a in ids if k.startswith(key)), None)
        mine: dict[str, str] = {}
        if agent is None:
            if own is None:  # (the agents' lines walked once, for a ref that is neither)
                own = {}
                for ln in lines:
                    if ln.agent_id and ln.order_no.startswith(f"{ln.agent_id}-"):
                        own.setdefault(code_key(ln.order_no[len(ln.agent_id) + 1:]), {})[ln.agent_id] = ln.order_no
            mine = own.get(k, {})
            if not mine:
                continue
        if known is None:
            known = {code_key(x) for x in exact}
        if k in known:
            continue
        if mine:
            agent, no = min(mine.items())
            out.append((agent, at(m, "ref", "warning",
                                  f"退货单号“{m.ref}”不是任何订单编号或售后单号，是代理 {agent} 的订单 {no} 去掉代理编号的写法："
                                  f"这 {m.qty} 件 {m.sku} 没有冲抵任何代理的货款。请把单号改成 {no}。",
                                  f"The return's ref '{m.ref}' is no order or after-sales case number, but agent "
                                  f"{agent}'s order {no} without the agent id: these {m.qty} × {m.sku} are credited to "
                                  f"no agent. Type {no} as its ref.")))
            continue
        near_zh, near_en = did_you_mean(m.ref, [ln.order_no for ln in lines if ln.agent_id == agent and ln.sku == m.sku],
                                        0.6)
        out.append((agent, at(m, "ref", "warning",
                              f"退货单号“{m.ref}”不是任何订单编号或售后单号，但像是代理 {agent} 的订单：这 {m.qty} 件 {m.sku} "
                              f"没有冲抵任何代理的货款。{near_zh}请把单号改成订单表里的订单编号（或售后单号）。",
                              f"The return's ref '{m.ref}' is no order or after-sales case number, but looks like agent "
                              f"{agent}'s order: these {m.qty} × {m.sku} are credited to no agent. "
                              f"{near_en + ' ' if near_en else ''}Type the order number as the Orders sheet has it "
                              "(or the case number).")))
    return out


def rebates_in_force(rebates: list[Rebate], last: dt.date) -> list[Rebate]:
    """The 返利 table of the month ending `last`: the rows of the latest 起始日期 in or before that
    month (blank: from the start). A new table, dated, leaves the months before it as settled."""
    begun = [r for r in rebates if r.start is None or r.start <= last]
    latest = max((r.start or dt.date.min for r in begun), default=None)
    return [r for r in begun if (r.start or dt.date.min) == latest]


def rebate_for(sales: Decimal, rebates: list[Rebate]) -> tuple[Decimal, Decimal | None]:
    """The rate of the highest threshold reached, and that threshold."""
    reached = [r for r in rebates if sales >= r.threshold]
    if not reached:
        return Decimal(0), None
    best = max(reached, key=lambda r: r.threshold)
    return best.rate, best.threshold


@dataclass(frozen=True)
class Settled:
    """What an agent's month was settled at, as its settlement kept it (the 代理结算汇总 workbook):
    the month's sales, the rebate rate and its threshold; `where`: that record, named to a person."""
    sales: Decimal | None
    rate: Decimal
    threshold: Decimal | None
    where: str
    # the month's figures as settled (FIGURES' names; those the record has): what a statement sent said
    figures: dict = field(default_factory=dict)
    tier: str | None = None  # the agent's 等级 it was settled at (None: a record made before it was kept)


# a statement's figures, as a settlement's record keeps them: (name, zh, en)
FIGURES = (("goods", "货款", "goods"), ("shipping", "运费", "shipping"), ("returned", "退货", "returns"),
           ("rebate", "返利", "rebate"), ("paid", "收款", "payments"))


def changed_since(st: "AgentStatement", settled: dict[str, Settled], moved: tuple | None) -> Issue | None:
    """A warning where the statement's 上期结余 is not the 本期应收 last month was settled and sent at
    (`moved`: bf_moved's), naming each earlier month kept whose figures now differ, figure by figure (a
    line or payment typed in late, a price or setting edited since): the agent reads a balance brought
    forward that is not the one last sent. None where they agree or last month was not kept."""
    if moved is None:
        return None
    last, was_bf, zh, en = moved
    return Issue("warning",
                 f"代理 {st.agent_id} 的上期结余 {st.brought_forward:,.2f} 不是 {last} 结算、发出时的本期应收 {was_bf:,.2f}"
                 + (f"（{zh}）" if zh else "") + "。请核对这些改动（后来补录的订单、退货或收款，改过的价格或设置）；"
                 "确实要改，请向代理说明。",
                 f"Agent {st.agent_id}'s balance brought forward, {st.brought_forward:,.2f}, is not the balance "
                 f"{last} was settled and sent at, {was_bf:,.2f}" + (f" ({en})" if en else "") + ". Check these "
                 "changes (an order, return or payment typed in late, a price or setting edited since); if they "
                 "are right, tell the agent.", book=settled[last].where)


class Billed(dict):
    """Order → what a statement billed it, net (statement_orders); `returns`: order → its goods returned on it (the
    statement's 退货明细), so that a return typed since is told from an order changed."""

    def __init__(self, net=(), returns: dict[str, Decimal] | None = None,
                 payments: list[tuple[dt.date, Decimal]] | None = None):
        super().__init__(net)
        self.returns = dict(returns or {})
        self.payments = payments  # its 收款明细, (date, amount) each; None: not read


def payments_moved(then: list[tuple[dt.date, Decimal]], now: list) -> tuple[str, str]:
    """(zh, en) naming each payment a month's statement as sent (`then`: its 收款明细) lacks, or has that the month now
    lacks (`now`: its Payments): a payment typed in late, or one taken off or changed since (before: only 'payments
    3,000.00 → 5,000.00', the agent left to find which). The first 5, then how many more."""
    was = Counter(then)
    got = Counter((p.date, money(p.amount)) for p in now)
    added, gone = sorted((got - was).elements()), sorted((was - got).elements())
    said = []  # (day, zh, en)
    for day in sorted({d for d, _ in added} | {d for d, _ in gone}):
        new = [a for d, a in added if d == day]
        old = [a for d, a in gone if d == day]
        if len(new) == 1 and len(old) == 1:  # (one payment of the day, its amount retyped)
            said.append((day, f"{day} 的收款 {old[0]:,.2f} 改成了 {new[0]:,.2f}",
                         f"the payment of {old[0]:,.2f} on {day} changed to {new[0]:,.2f}"))
            continue
        said += [(day, f"{day} 的收款 {a:,.2f} 是后来补录的", f"a payment of {a:,.2f} on {day} recorded since") for a in new]
        said += [(day, f"{day} 的收款 {a:,.2f} 已不在收款表里", f"the payment of {a:,.2f} on {day} is no longer on the "
                  "Payments sheet") for a in old]
    return few([z for _, z, _ in said], 5, [e for _, _, e in said], sep=("；", "; ")) if said else ("", "")


def statement_orders(st: "AgentStatement") -> Billed:
    """Order → what a statement bills it, net: its goods, its 运费, less its goods returned in the month."""
    out: dict[str, Decimal] = {}
    back: dict[str, Decimal] = {}
    for no, v in ([(x.order_no, x.amount) for x in st.lines] + [(no, f) for _, no, f in st.fees]
                  + [(x.order_no, -x.amount) for x in st.returns]):
        out[no] = out.get(no, ZERO) + v
    for x in st.returns:
        back[x.order_no] = back.get(x.order_no, ZERO) + x.amount
    return Billed({no: money(v) for no, v in out.items()}, {no: money(v) for no, v in back.items()})


def _return_said(no: str, back: Decimal, then: dict[str, Decimal], now: dict[str, Decimal],
                 returned: dict[str, Decimal], shipped: dict[str, str]) -> tuple[str, str] | None:
    """(zh, en) where all that moved order `no` since its month's statement was sent is its goods returned (`back`
    taken back, or added where a return was taken off): a return typed since, of goods the statement billed, of
    goods of an earlier month (`shipped`: order → the month its goods returned shipped, where not this one), or a
    second return of the order. None where its goods or 运费 moved too (an edit: said as changed)."""
    r_then = getattr(then, "returns", {}).get(no, ZERO)
    r_now = returned.get(no, ZERO)
    if then.get(no, ZERO) + r_then != now.get(no, ZERO) + r_now or r_now - r_then != back:
        return None
    if back < 0:  # (a return on the statement sent, less of it now: its row changed or deleted)
        return (f"的退货从 {r_then:,.2f} 变成 {r_now:,.2f}（退货行后来改过或删了）",
                f"'s returns went from {r_then:,.2f} to {r_now:,.2f} (a return row changed or deleted since)")
    if r_then:
        return (f"又有退货 {back:,.2f} 是后来补录的，共退 {r_now:,.2f}",
                f"had another return of {back:,.2f} recorded since, {r_now:,.2f} returned in all")
    if no not in then and no in shipped:  # (billed on that month's statement, returned in this one)
        return (f"是 {shipped[no]} 发货计费的，有退货 {back:,.2f} 是后来补录的",
                f", shipped and billed in {shipped[no]}, had a return of {back:,.2f} recorded since")
    if no in then:  # (all it returns now is what it takes back: the statement sent billed its goods in full)
        return f"有退货 {back:,.2f} 是后来补录的", f"had a return of {back:,.2f} recorded since"
    return None


def orders_moved(then: dict[str, Decimal], now: dict[str, Decimal], why: dict[str, tuple[str, str]],
                 known: set[str], returned: dict[str, Decimal] | None = None,
                 shipped: dict[str, str] | None = None) -> tuple[str, str]:
    """(zh, en) naming each order a month's statement as sent (`then`: statement_orders of it) billed otherwise
    than the month now does (`now`), with what it takes back or adds: an order cancelled after it was billed
    moves the agent's 上期结余, and the agent is told which and how much. `why`: order → its 状态 said, where no
    line of it is shipped now; `known`: the agent's orders on the Orders sheet; `returned`: order → its goods returned
    in the month now, where a return typed since (dated in that month) is all that moved it (before: 'was changed',
    the agent and the shop looking for an edit): a return of goods billed that month, a second return of the order
    (`then`'s returns: a Billed's), one of goods billed a month before (`shipped`: order → that month), each said
    as what it is (_return_said). The first 5, then how many more."""
    zh, en = [], []
    for no in sorted(set(then) | set(now)):
        back = money(then.get(no, ZERO) - now.get(no, ZERO))
        if not back:
            continue
        w_zh, w_en = (why[no] if no in why else ("已不在订单表里", "is no longer on the Orders sheet") if no not in known
                      else _return_said(no, back, then, now, returned or {}, shipped or {})
                      or (("改过", "was changed") if no in then else ("是后来补录的", "was recorded since")))
        gap = "" if w_en.startswith(("'s", ",")) else " "  # (order X's SKU is now …)
        zh.append(f"订单 {no} {w_zh}，" + (f"扣回 {back:,.2f}" if back > 0 else f"补计 {-back:,.2f}"))
        en.append(f"order {no}{gap}{w_en}: " + (f"{back:,.2f} taken back" if back > 0 else f"{-back:,.2f} added"))
    if not zh:
        return "", ""
    return few(zh, 5, en, sep=("；", "; "))


def bf_moved(st: "AgentStatement", settled: dict[str, Settled], sent: dict[str, dict[str, Decimal]] | None = None,
             why: dict[str, tuple[str, str]] | None = None, known: set[str] = frozenset()
             ) -> tuple[str, Decimal, str, str] | None:
    """(last month, the 本期应收 it was settled and sent at, the figures of earlier months that moved since
    in zh and en) where the statement's 上期结余 is not that balance; None where it is, or no record.
    `sent` (month → statement_orders of the statement sent): the orders that moved each month's figures are
    named, with the amount each takes back or adds (orders_moved; `why`, `known` as it takes them)."""
    y, m = map(int, st.month.split("-"))
    last = month_before(dt.date(y, m, 1))
    was_bf = settled[last].figures.get("balance") if last in settled else None
    if was_bf is None or was_bf == st.brought_forward:
        return None
    found = []
    for month in sorted(k for k in settled if k < st.month):
        now, rec = st.earlier.get(month), settled[month]
        out = [(f"{zh} {rec.figures[name]:,.2f} → {is_:,.2f}", f"{en} {rec.figures[name]:,.2f} → {is_:,.2f}")
               for name, zh, en in FIGURES if rec.figures.get(name) is not None
               for is_ in [getattr(now, name) if now is not None else ZERO] if is_ != rec.figures[name]]
        if out:
            back, shipped = {}, {}
            for x in now.returns if now is not None else ():
                back[x.order_no] = money(back.get(x.order_no, ZERO) + x.amount)
                if x.shipped is not None and f"{x.shipped:%Y-%m}" != month:  # (goods of a month before)
                    shipped[x.order_no] = f"{x.shipped:%Y-%m}"
            o_zh, o_en = (orders_moved(sent[month], statement_orders(now) if now is not None else {}, why or {}, known,
                                       back, shipped)
                          if sent and month in sent else ("", ""))
            if sent and month in sent and getattr(sent[month], "payments", None) is not None \
                    and rec.figures.get("paid") is not None and rec.figures["paid"] != (now.paid if now else ZERO):
                p_zh, p_en = payments_moved(sent[month].payments, now.payments if now is not None else [])
                o_zh, o_en = "；".join(z for z in (o_zh, p_zh) if z), "; ".join(e for e in (o_en, p_en) if e)
            found.append((f"{month}：" + "，".join(z for z, _ in out) + (f"（{o_zh}）" if o_zh else ""),
                          f"{month}: " + ", ".join(e for _, e in out) + (f" ({o_en})" if o_en else "")))
    return last, was_bf, "；".join(z for z, _ in found), "; ".join(e for _, e in found)


def bf_note(st: "AgentStatement", moved: tuple | None) -> tuple[str, str] | None:
    """What the agent reads (statement, e-mail) where its 上期结余 is not the balance last month's statement
    was sent with (`moved`: bf_moved's): both figures and what moved, so a changed balance never reaches
    the agent unexplained."""
    if moved is None:
        return None
    last, was_bf, zh, en = moved
    return (f"上期结余 {st.brought_forward:,.2f} 元与 {last} 对账单的本期应收 {was_bf:,.2f} 元不同：{last} 结算之后补录或更正了账目"
            + (f"（{zh}）" if zh else "") + "。",
            f"The balance brought forward, {st.brought_forward:,.2f} yuan, is not the {last} statement's balance due, "
            f"{was_bf:,.2f} yuan: entries were recorded or corrected after {last} was settled" + (f" ({en})" if en else "")
            + ".")


def rebate_changed(agent_id: str, month: str, sales: Decimal, was: Settled, now: Decimal,
                   table: list[Rebate]) -> Issue:
    """A warning that the 返利 table now gives `now` for a month settled at `was.rate`: at the row of the
    table in force then that gives `now` (else its lowest threshold; else the sheet): a row changed in
    place, where a new table with a 起始日期 was meant."""
    reached = [r for r in table if sales >= r.threshold]
    row = (max(reached, key=lambda r: r.threshold) if reached else
           min(table, key=lambda r: r.threshold) if table else None)
    zh = (f"返利表改过：{month} 已结算，代理 {agent_id} 当月销售额 {sales:,.2f} 按 {was.rate:.2%} 返利 "
          f"{money(sales * was.rate):,.2f}；按现在的返利表是 {now:.2%}（{money(sales * now):,.2f}）。已结算的月份照旧按 "
          f"{was.rate:.2%} 计。改返利政策请把这里改回原值，另加一组行并填上起始日期（从哪个月起用）；确实要按现在的重算 "
          f"{month}：删除 {was.where} 再结算 {month}。")
    en = (f"The rebate table has changed: {month} is settled, agent {agent_id}'s sales of {sales:,.2f} at "
          f"{was.rate:.2%} (rebate {money(sales * was.rate):,.2f}); the table now gives {now:.2%} "
          f"({money(sales * now):,.2f}). A settled month keeps {was.rate:.2%}. To change the policy, put this "
          "back as it was and add the new rows with a start date (the month they apply from); to settle "
          f"{month} again at today's table, delete {was.where} and settle {month} again.")
    if row is None:
        return Issue("warning", zh, en, sheet=Rebate.zh)
    return at(row, "rate" if reached else "threshold", "warning", zh, en)


def tier_on(kept_tiers: dict[str, str] | None, month: str, tier: str | None) -> str | None:
    """The tier an agent's `month` (YYYY-MM) is billed at: the one its kept settlement recorded (`kept_tiers`, month
    → 等级, where other than the agent's now), else `tier`, the agent's now."""
    return (kept_tiers or {}).get(month, tier)


@dataclass(frozen=True)
class TierChange:
    """An agent's 等级 dated (代理商's 等级起始日期, `since`): the tier `now` from that day; `before`, the tier its
    last month settled before it was settled at (None: no such record, so orders placed before it cannot be
    priced from a tier: stop and ask)."""
    since: dt.date
    now: str
    before: str | None


def line_tier(ln: OrderLine, kept_tiers: dict[str, str] | None, tier: str | None, change: TierChange | None
              ) -> tuple[str | None, bool]:
    """(the tier a blank 单价 of `ln` is priced at, whether it is the tier before a dated change): a line ordered
    (order_day) before the agent's 等级起始日期 at the tier before it (None where no record gives it); else
    the tier its month was settled at (tier_on; a dated change rules from its day on), else the agent's now."""
    day = order_day(ln)
    if change is not None and day is not None and day < change.since:
        before = (kept_tiers or {}).get(f"{ln.shipped_on:%Y-%m}") if ln.shipped_on is not None else None
        return (before or change.before), True
    if change is not None:
        return tier, False
    return tier_on(kept_tiers, f"{ln.shipped_on:%Y-%m}", tier), False


def settle(agent_id: str, name: str, month: str, first: dt.date, last: dt.date, lines: list[OrderLine],
           movements: list[Movement], payments: list[Payment], rebates: list[Rebate],
           shipping_per_order: Decimal, prices, case_orders: dict[str, str],
           settled: dict[str, Settled] | None = None, exchanges: list[AfterSalesCase] = (),
           kept_tiers: dict[str, str] | None = None, today: dt.date | None = None,
           sent: dict[str, dict[str, Decimal]] | None = None, change: TierChange | None = None) -> AgentStatement:
    """The statement for first…last (to `today` in a month not over, as its running note says: a
    shipment, return or payment dated after it waits for its day), with every earlier month brought
    forward. `prices` (a PriceBook knowing the agents, or None) prices lines whose 单价 is blank; `case_orders` (售后单号 → 订单编号)
    finds the order of a return posted under its case number, required: a caller that left it out
    would credit no return posted that way; `settled` (month → Settled): the months already settled,
    which keep the rebate rate they were settled at where the 返利 table now gives another (said);
    issues are left on the statement, located by sheet and row. `exchanges`: the after-sales cases, whose
    换货 of an agent's line for another SKU bills the difference of their agent prices (exchanged).
    `kept_tiers` (month → 等级): the months settled at another tier than the agent's now, whose blank 单价
    are priced at that one (a 等级 has no date: a settled month settled again keeps the tier it was settled at).
    `sent` (month → order → what that month's statement sent billed it, net: statement_orders): a 上期结余 that
    moved since names each order that moved it (an order cancelled after it was billed) and the amount. `change`:
    the agent's 等级 dated (代理商's 等级起始日期): a blank 单价 ordered before it is priced at the tier before
    (line_tier), said on the statement order by order; where no record gives that tier, an error at the 单价 (ask)."""
    issues: list[Issue] = []
    today = today or dt.date.today()
    upto = min(last, today)
    # (状态 and 发货日期 typed once, on an order's first row: its other rows shipped with it, as the ledger counts them)
    mine = as_sent([ln for ln in lines if ln.source is OrderSource.AGENT and ln.agent_id == agent_id])
    tier = prices.tier_of(agent_id) if prices is not None else None
    # left out, said in the month it shipped (validate says it every time)
    issues += not_agent_sourced([ln for ln in lines if ln.agent_id == agent_id and ln.status in SHIPPED
                                 and ln.shipped_on is not None and first <= ln.shipped_on <= last])

    billed: list[StatementLine] = []  # every month's; sliced below
    by_tier: dict[str, list[str]] = {}  # with a dated 等级: tier → the month's orders its blank 单价 were priced at
    # (order, sku) → a [qty that may still come back, price billed, qty shipped, day shipped] per line of it (a
    # SKU on two lines of an order: bought alone and in a bundle, two platform codes)
    left: dict[tuple[str, str], list[list]] = {}
    early: set[str] = set()  # orders said to have shipped before they were paid
    ahead: set[str] = set()  # orders said to ship after today (a month settled while it runs)
    for ln in mine:
        if ln.status not in SHIPPED:
            continue
        if ln.shipped_on is None:  # it belongs to no month: say so rather than never bill it
            issues.append(at(ln, "shipped_on", "warning",
                             f"代理 {agent_id} 的订单 {ln.order_no}（{ln.sku}）已发货但没有发货日期，没有计入任何月份的对账单。"
                             "请填写发货日期。",
                             f"Agent {agent_id}'s order {ln.order_no} ({ln.sku}) is shipped but has no ship date: it is "
                             "on no month's statement. Enter the ship date."))
            continue
        if ln.shipped_on > today and ln.order_no not in ahead:  # 12-14 typed for 11-14, or 2027 for 2026
            ahead.add(ln.order_no)
            issues.append(at(ln, "shipped_on", "warning",
                             f"代理 {agent_id} 的订单 {ln.order_no} 的发货日期 {ln.shipped_on} 在今天（{today}）之后：不在到今天的"
                             "对账单上，到那天才计入。是不是日期打错了？改正后再结算。",
                             f"Agent {agent_id}'s order {ln.order_no} has a ship date, {ln.shipped_on}, after today "
                             f"({today}): it is on no statement up to today, only from that day on. Is the date "
                             "mistyped? Settle again once it is right."))
        price = ln.unit_price
        at_tier, earlier = line_tier(ln, kept_tiers, tier, change)
        if price is None and earlier and at_tier is None:  # a tier changed mid-month, the one before on no record
            issues.append(at(ln, "unit_price", "error",
                             f"代理 {agent_id} 的等级从 {change.since} 起是“{change.now}”（{Agent.zh}表的等级起始日期），订单 "
                             f"{ln.order_no}（{ln.sku}）是 {order_day(ln)} 下的、单价空着：那之前的等级没有记录（它之前没有结算过的月份），"
                             f"不能按“{change.now}”计。请在这一格填上它下单时的代理价，再结算。",
                             f"Agent {agent_id}'s tier is '{change.now}' from {change.since} (the tier_from of the "
                             f"{Agent.en} sheet), and order {ln.order_no} ({ln.sku}) was placed on {order_day(ln)} with no "
                             "unit price: the tier before is on no record (no month settled before it), so it is not "
                             f"billed at '{change.now}'. Type the agent price it was ordered at here and settle again."))
            continue
        if price is None and at_tier is not None:  # the price the agent's price sheet showed that day
            price = prices.price(ln.sku, at_tier, order_day(ln))
            if change is not None and price is not None and first <= ln.shipped_on <= last:
                by_tier.setdefault(at_tier, []).append(ln.order_no)
        if price is None:
            issues.append(at(ln, "unit_price", "error",
                             f"订单 {ln.order_no} 的单价为空，也没有代理 {agent_id} 的 {ln.sku} 代理价，无法计费。",
                             f"Order {ln.order_no} has no unit price and agent {agent_id} has no agent price for "
                             f"{ln.sku}: it cannot be billed."))
            continue
        at_price = (prices.price(ln.sku, at_tier, order_day(ln)) if ln.unit_price == ZERO and at_tier is not None
                    and prices else None)
        if ln.unit_price == ZERO and first <= ln.shipped_on <= last and at_price != ZERO:
            # a 0 typed for a price not known yet (a blank is priced at the agent price) bills the goods at nothing:
            # said at its cell, the agent price it would be at (before: billed 0.00 with ✓); a sample sent free stays.
            # Not a blank cell priced 0 (a gift at 0 on the price sheet), nor a 0 its agent price is (written back)
            would = (f"（清空它就按代理价 {at_price:,.2f} 计）", f" (cleared, it is billed at the agent price, {at_price:,.2f})"
                     ) if at_price else ("", "")
            issues.append(at(ln, "unit_price", "warning",
                             f"代理 {agent_id} 的订单 {ln.order_no}（{ln.sku} × {ln.qty}）单价填的是 0：这几件没有计货款。"
                             f"是送的样品就不用改；不是的话请填上代理价，或清空单价{would[0]}，再结算。",
                             f"Agent {agent_id}'s order {ln.order_no} ({ln.sku} × {ln.qty}) has a unit price of 0: "
                             f"those goods are billed at nothing. If they were a free sample, leave it; if not, type "
                             f"the agent price or clear the cell{would[1]}, then settle again."))
        billed.append(StatementLine(ln.shipped_on, ln.order_no, ln.sku, ln.qty, price, money(price * ln.qty)))
        left.setdefault((ln.order_no, ln.sku), []).append([ln.qty, price, ln.qty, ln.shipped_on])
        paid = ln.paid_at.date() if ln.paid_at is not None else None
        if (paid is not None and ln.shipped_on < paid and ln.order_no not in early
                and (first <= ln.shipped_on <= last or first <= paid <= last)):
            # shipped before it was ordered: a mistyped date, which bills the order in another month (its
            # rebate and 上期结余 with it); said in either month, once an order
            early.add(ln.order_no)
            issues.append(at(ln, "shipped_on", "warning",
                             f"订单 {ln.order_no} 的发货日期 {ln.shipped_on} 早于它的付款时间 {paid}：代理 {agent_id} 的这一单按发货日期"
                             f"计入了 {ln.shipped_on:%Y-%m} 的对账单。请核对发货日期，改正后再结算。",
                             f"Order {ln.order_no}'s ship date {ln.shipped_on} is before its paid time {paid}: agent "
                             f"{agent_id} is billed for it in {ln.shipped_on:%Y-%m}, by its ship date. Check the ship "
                             "date, and settle again once it is right."))


    # shipping: per order, once, in the month its first line shipped; the order's own 运费 first
    fee: dict[str, Decimal] = {}
    for ln in mine:
        if ln.shipping_fee is not None:
            fee.setdefault(ln.order_no, ln.shipping_fee)
    started: dict[str, dt.date] = {}
    for x in billed:
        started[x.order_no] = min(started.get(x.order_no, x.date), x.date)
    charges = [(d, no, fee.get(no, shipping_per_order)) for no, d in started.items()]
    # 运费 is the order's, once: another on a later line of it is not charged; said in the month it is charged
    said_at: dict[str, OrderLine] = {}
    for ln in mine:
        if ln.shipping_fee is None or ln.order_no not in started or not first <= started[ln.order_no] <= last:
            continue
        one = said_at.setdefault(ln.order_no, ln)
        if ln.shipping_fee != one.shipping_fee:
            issues.append(at(ln, "shipping_fee", "warning",
                             f"订单 {ln.order_no} 的运费在第 {one.row} 行是 {one.shipping_fee:,.2f}，这一行是 "
                             f"{ln.shipping_fee:,.2f}：运费每单只收一次，代理 {agent_id} 按 {one.shipping_fee:,.2f} 计费。"
                             "这一单该收多少，请在它的每一行都填同一个运费。",
                             f"Order {ln.order_no}'s shipping fee is {one.shipping_fee:,.2f} on row {one.row} and "
                             f"{ln.shipping_fee:,.2f} on this one: shipping is charged once an order, so agent {agent_id} "
                             f"is charged {one.shipping_fee:,.2f}. Type the order's one fee on each of its lines."))
    # an exchange's difference, after the shipping: its replacement went out free of 运费 too
    billed += exchanged(agent_id, mine, lines, exchanges, prices, tier, issues, first, last)

    # returns: only against this agent's billed lines, never more than was shipped, in date order
    # so that a later return finds what an earlier one already took back
    credited: list[StatementLine] = []
    back = [(m, no) for m, no in returned_to(movements, {ln.order_no for ln in mine}, case_orders) if m.qty > 0]
    for m, no in sorted(back, key=lambda x: (x[0].date, x[0].row or 0)):
        rooms = left.get((no, m.sku), [])
        take = 0
        for room in rooms:  # its lines in turn, each at the price it was billed
            n = min(m.qty - take, room[0])
            if n:
                room[0] -= n
                take += n
                credited.append(StatementLine(m.date, no, m.sku, n, room[1], money(room[1] * n), room[3]))
        went = min((r[3] for r in rooms), default=None)
        if went is not None and m.date < went and (first <= m.date <= last or first <= went <= last):
            # back before it went out: a mistyped date (10-20 for 11-20), which credits it in a month the goods were
            # not yet sent, that month's balance brought forward and this month's rebate with it (before: said
            # nowhere, ✓). Credited as typed, as an order shipped before it was paid is billed; said in either month
            ref_zh, ref_en = (m.ref, m.ref) if no == m.ref else (f"{m.ref}，订单 {no}", f"{m.ref}, order {no}")
            issues.append(at(m, "date", "warning",
                             f"退货 {m.qty} 件 {m.sku}（单号 {ref_zh}）的日期 {m.date} 早于这一单的发货日期 {went}：货还没发出就"
                             f"退回了？代理 {agent_id} 的这笔退货按日期冲抵在 {m.date:%Y-%m}。请核对退货日期，改正后再结算。",
                             f"A return of {m.qty} × {m.sku} (ref {ref_en}) is dated {m.date}, before that order shipped "
                             f"on {went}: back before it went out? Agent {agent_id} is credited for it in "
                             f"{m.date:%Y-%m}, by its date. Check the return's date, and settle again once it is right."))
        if take < m.qty and first <= m.date <= last:
            shipped = sum(r[2] for r in rooms)
            before = shipped - sum(r[0] for r in rooms) - take  # returned by earlier movements
            # a line of it not shipped by its 状态 (已关闭 once the goods came back, as a platform closes a refunded
            # order): billed to no one, so nothing to credit; said as that, not as an order without the SKU
            held = next((ln for ln in mine if ln.order_no == no and ln.sku == m.sku and ln.status not in SHIPPED), None)
            st_zh, st_en = ((held.status.value, held.status.en) if held is not None and held.status is not None
                            else ("空", "blank"))
            # its SKU typed otherwise than the order's (ts01 for TS01): that SKU's return, which stock does not count as
            # it either (validate's error), not 'an SKU that order never shipped'
            alike = next((ln.sku for ln in mine if ln.order_no == no and ln.sku != m.sku
                          and code_key(ln.sku) == code_key(m.sku)), None) if not rooms else None
            why_zh, why_en = ((f"退货的商家编码“{m.sku}”与这一单的“{alike}”只差大小写、全角半角或空格，没有当作同一个商品（库存也不算）："
                               f"请在 stock.xlsx 把它改成“{alike}”，再结算",
                               f"the return's SKU '{m.sku}' differs from the order's '{alike}' only in letter case, width "
                               f"or spaces and is not taken for it (nor is it in stock): make it '{alike}' in stock.xlsx, "
                               "then settle again") if alike is not None else
                              ((f"该订单的这个商品状态是“{st_zh}”，没有计入货款，退货也就不冲抵；若它发出过，请把状态改为已发货或"
                                "已签收并填上发货日期"),
                               (f"that order's line of it is '{st_en}', billed to no one, so its return credits nothing; "
                                "if it did ship, set it to shipped or delivered with its ship date"))
                              if not rooms and held is not None else
                              ("该订单没有发出这个商品", "that order never shipped this SKU") if not rooms else
                              (f"该订单这个商品只发出 {shipped} 件" + (f"，此前已退 {before} 件" if before else ""),
                               f"that order shipped only {shipped} of it" + (f", {before} returned before" if before else "")))
            ref_zh, ref_en = (m.ref, m.ref) if no == m.ref else (f"{m.ref}，订单 {no}", f"{m.ref}, order {no}")
            issues.append(at(m, "qty" if alike is None else "sku", "warning",
                             f"退货 {m.qty} 件 {m.sku}（单号 {ref_zh}）{f'只有 {take} 件' if take else '没有'}冲抵代理 "
                             f"{agent_id} 的货款：{why_zh}。请核对。",
                             f"A return of {m.qty} × {m.sku} (ref {ref_en}): {f'only {take}' if take else 'nothing'} is "
                             f"credited to agent {agent_id}: {why_en}. Please check."))

    agent_payments = [p for p in payments if p.agent_id == agent_id]

    rates: dict[str, Decimal] = {}  # month → the rate it was settled at, as each period is worked out in order
    # month → (its sales for rebate, its table, the rebate it keeps so far, its goods returned since, its rate
    # kept by a record other than its table gives): a return that takes its sales under a threshold
    given: dict[str, list] = {}

    def period(st: AgentStatement, inside, end: dt.date) -> AgentStatement:
        start = end.replace(day=1)
        st.lines = sorted((x for x in billed if inside(x.date)), key=lambda x: (x.date, x.order_no, x.sku))
        st.returns = sorted((x for x in credited if inside(x.date)), key=lambda x: (x.date, x.order_no, x.sku))
        st.fees = sorted((d, no, money(f)) for d, no, f in charges if inside(d))
        st.orders, st.shipping = len(st.fees), money(sum((f for _, _, f in st.fees), ZERO))
        st.payments = [p for p in agent_payments if inside(p.date)]
        back: dict[str, Decimal] = {}  # goods of an earlier month back in this one: that month's rebate on them
        for x in st.returns:
            if x.shipped is not None and x.shipped < start:
                back[f"{x.shipped:%Y-%m}"] = back.get(f"{x.shipped:%Y-%m}", ZERO) + x.amount
        st.taken_back = []
        for k, v in sorted(back.items()):
            rate = rates.get(k, Decimal(0))
            take = money(v * rate)  # its rate on the goods back
            if k in given:
                sales, table_k, kept, gone, fixed = given[k]
                left = sales - gone - v  # that month's sales, less every return of its goods so far
                now = rebate_for(left, table_k)[0]
                if now != rate and not fixed:  # under its threshold now: it keeps only the rate they reach
                    plain, take = take, money(kept - money(max(left, ZERO) * now))
                    if take != plain:  # (all of it back: its rate on them is all it gave, said as that)
                        st.fell[k] = (money(left), now)
                given[k][2:4] = [kept - take, gone + v]
            st.taken_back.append((k, money(v), rate, take))
        table = rebates_in_force(rebates, end)
        st.rebate_rate, st.rebate_threshold = rebate_for(st.rebate_sales, table)
        was = (settled or {}).get(st.month)
        # the table gives the sales it was settled on another rate: changed since (not the sales: a line
        # typed late moves the month as any data does), so the month keeps the rate it was settled at
        fixed = False
        if (was is not None and was.sales is not None and rebate_for(was.sales, table)[0] != was.rate
                and was.rate != st.rebate_rate):
            issues.append(rebate_changed(agent_id, st.month, st.rebate_sales, was, st.rebate_rate, table))
            st.rebate_rate, st.rebate_threshold = was.rate, was.threshold
            fixed = True  # (its threshold is not the table's: its goods back take back its rate on them alone)
        rates[st.month] = st.rebate_rate
        given[st.month] = [st.rebate_sales, table, st.rebate_earned, ZERO, fixed]
        return st

    # every earlier month on its own, oldest first: each month's rebate depends on that month's sales, and
    # what a later one takes back of it on the goods returned, on the rate it gave
    earlier = {(d.year, d.month) for d in [x.date for x in billed + credited] + [d for d, _, _ in charges]
               + [p.date for p in agent_payments] if d < first}
    done = {f"{y:04d}-{m:02d}": period(AgentStatement(agent_id, name, f"{y:04d}-{m:02d}"),
                                       lambda d, y=y, m=m: d < first and (d.year, d.month) == (y, m),
                                       dt.date(y, m, calendar.monthrange(y, m)[1]))
            for y, m in sorted(earlier)}
    st = period(AgentStatement(agent_id, name, month), lambda d: first <= d <= upto, last)
    st.earlier = done
    st.tier = tier_on(kept_tiers, month, tier)
    st.brought_forward = money(sum((e.month_balance for e in st.earlier.values()), ZERO))
    # why an order billed then is billed otherwise now, for the agent: the 状态 of its lines no longer shipped
    # (all of them: the order's; else those SKUs'), or gone from the Orders sheet
    status: dict[str, list[OrderLine]] = {}
    for ln in mine:
        status.setdefault(ln.order_no, []).append(ln)
    why = {}
    for no, ls in status.items():
        off = [ln for ln in ls if ln.status not in SHIPPED]
        if not off:
            continue
        sts = sorted({ln.status for ln in off if ln.status is not None}, key=lambda x: x.value)
        st_zh, st_en = ((f"现在是“{'、'.join(x.value for x in sts)}”", f"is now '{', '.join(x.en for x in sts)}'") if sts
                        else ("状态是空的", "has a blank status"))
        skus = list(dict.fromkeys(ln.sku for ln in off))
        why[no] = ((st_zh, st_en) if len(off) == len(ls) else
                   (f"的 {'、'.join(skus)} {st_zh}", f"'s {', '.join(skus)} {st_en}"))
    moved = bf_moved(st, settled or {}, sent, why, set(status))
    said = changed_since(st, settled or {}, moved)
    st.issues = issues + ([said] if said else [])
    st.bf_note = bf_note(st, moved)
    if change is not None and change.before is not None and change.before != change.now and change.before in by_tier:
        st.notes.append(tier_split(change, by_tier))
    return st


def tier_split(change: TierChange, by_tier: dict[str, list[str]]) -> tuple[str, str]:
    """(zh, en) for the agent: its tier changed on `change.since`, and which of the month's orders (priced by
    shopbook, their 单价 blank) are at which tier (`by_tier`: tier → orders), the first 8 of each."""
    parts = []
    for t in sorted(by_tier, key=lambda t: t != change.before):
        zh, en = few(list(dict.fromkeys(by_tier[t])), 8, sep=("、", ", "))
        when = ("之前" if t == change.before else "起", "before it" if t == change.before else "from it")
        parts.append((f"{change.since} {when[0]}下的订单 {zh} 按“{t}”的代理价计",
                      f"orders placed {when[1]}, {en}, are priced at '{t}'"))
    return (f"等级 {change.since} 起由“{change.before}”改为“{change.now}”：" + "；".join(z for z, _ in parts) + "。",
            f"The tier changed from '{change.before}' to '{change.now}' on {change.since}: "
            + "; ".join(e for _, e in parts) + ".")
