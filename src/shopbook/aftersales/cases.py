"""After-sales cases (售后), pure: the orders, cases and movements in; the cases to open, the
cells to set, the resend lines, the 退货 movements and each case's next step out.

A case opens itself from a refund export (one per refund number), a held order and a parcel
that failed the scan check (one open 问题件 per order); staff type the others. An exchange,
a resend and a lost parcel get their new order line (待审核: it goes through review and
picking like any order); a return marked received posts its 退货 movement once (its 单号 is
the case number)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..issues import Issue, at, own_row, show_value
from ..orders.couriers import by_number, parcels
from ..orders.marks import CANCELLED, CLOSED, HELD_BY_HAND, REFUND_CLOSED, SEMI, Word, says_held
from ..orders.review import held_by_hand, held_reasons, order_status
from ..schema import (AfterSalesCase, CaseStatus, CaseType, Movement, MovementType, OrderLine, OrderSource,
                      OrderStatus, Platform)
from ..schema.lists import did_you_mean
from ..schema.orders import platform_word
from ..values import code_key, normalize_text, yuan

# days a case may take before it is overdue: a return waits for the parcel, a complaint not at all
DUE_DAYS = {CaseType.RETURN: 7, CaseType.EXCHANGE: 7, CaseType.REFUND_ONLY: 2, CaseType.RESEND: 2,
            CaseType.COMPLAINT: 1, CaseType.LOST: 3, CaseType.PROBLEM: 1}
GOODS_BACK = (CaseType.RETURN, CaseType.EXCHANGE)
NEEDS_RESEND = (CaseType.EXCHANGE, CaseType.RESEND, CaseType.LOST)
REFUNDED = (CaseType.RETURN, CaseType.REFUND_ONLY)


def is_open(c: AfterSalesCase) -> bool:
    return c.status not in (CaseStatus.DONE, CaseStatus.CLOSED)


def due_on(c: AfterSalesCase) -> dt.date:
    """A case's 截止日期, or, left blank (a case typed by hand), its type's days from 登记日期: a
    complaint typed without one is still overdue after a day."""
    return c.due or due_of(c.type, c.opened_on)


def is_overdue(c: AfterSalesCase, today: dt.date) -> bool:
    return is_open(c) and due_on(c) < today


def due_of(kind: CaseType, opened: dt.date) -> dt.date:
    return opened + dt.timedelta(days=DUE_DAYS[kind])


class Numbers:
    """Case numbers SH<day>-<n>, never one already used."""

    def __init__(self, cases: list[AfterSalesCase], taken: set[str] = frozenset()):
        self.used = {c.case_no for c in cases} | set(taken)

    def next(self, day: dt.date) -> str:
        n = 1
        while f"SH{day:%Y%m%d}-{n}" in self.used:
            n += 1
        no = f"SH{day:%Y%m%d}-{n}"
        self.used.add(no)
        return no


@dataclass
class RefundRecord:
    """One line of a refund export, as the after-sales desk needs it."""

    order_no: str
    refund_no: str
    sku: str | None = None
    amount: Decimal | None = None
    reason: str = ""
    needs_return: bool | None = False  # None: the file does not say (拼多多, 抖店 售后状态)
    done: bool = False  # the platform paid it
    paid: Decimal | None = None  # what the buyer paid (淘宝 买家实际支付金额): a refund of less is of some units
    whole: bool = False  # the export says the whole order is refunded (全部退款)
    return_tracking: str | None = None  # the parcel the buyer sent back (淘宝 退货物流单号)
    platform: Platform | None = None  # the export's platform: a case is its order's on that platform alone
    part: bool = False  # the export says it is of part of the order, not how much (拼多多 已发货，待收货 beside 退款成功)
    # the refund's status where it ended unpaid (退款关闭, 卖家拒绝退款), or an exchange's where it is done (退款关闭):
    # no case to open for it
    ended: str = ""
    exchange: bool = False  # an exchange, not a refund (Tmall's 售后类型 换货): a replacement goes out


# a case's 所需材料 when the export cannot say how many units of a line come back: a person counts the parcel
UNITS = Word("退回件数", "units coming back")
# a case's 所需材料 while the return's tracking number is to come: done once 退货单号 is typed
RETURN_NO = Word("退货单号", "return tracking no.")
# a case's 所需材料 where the export does not say whether goods come back (拼多多's 售后处理中, 抖店's 售后中): a person
# looks on the platform; the case takes a return meanwhile, so that a parcel that comes back is received
RETURN_ASK = Word("是否退货（见平台；不退货的改为仅退款）", "whether goods come back (see the platform; none: make it refund only)")


def refund_records(platform_orders) -> list[RefundRecord]:
    """The refund export's lines (orders.platforms PlatformOrder, kind "refund") as records."""
    from ..orders.platforms import Stage

    out = []
    for o in platform_orders:
        if getattr(o, "kind", "") != "refund":
            continue
        for ln in o.lines:
            r = ln.refund or {}
            if not r.get("refund_no"):
                continue
            out.append(RefundRecord(o.order_no, r["refund_no"], ln.codes[0] if ln.codes else None, r.get("amount"),
                                    r.get("reason") or "", r.get("needs_return"), ln.stage is Stage.CANCELLED,
                                    r.get("paid"), bool(r.get("whole")), r.get("return_tracking"), o.platform,
                                    bool(r.get("part")), r.get("status", "") if ln.refund_closed or (
                                        r.get("exchange") and "关闭" in r.get("status", "")) else "",
                                    bool(r.get("exchange"))))
    return out


def _lines_of(lines: list[OrderLine]) -> dict[str, list[OrderLine]]:
    out: dict[str, list[OrderLine]] = {}
    for ln in lines:
        out.setdefault(ln.order_no, []).append(ln)
    return out


NEAR_LIMIT = 5_000  # "did you mean" searched among at most this many SKUs (as validate's references)
ASKS_OTHER = ("码", "色", "size", "colour", "color")  # an exchange whose 买家诉求 names another size or colour


def units_asked(c: AfterSalesCase) -> bool:
    """A case whose count of units back is for a person to type (a partial refund's): none posted till then."""
    return c.qty is None and UNITS.within(c.needs)


def units_back(r: RefundRecord, line: OrderLine) -> int | None:
    """How many units of its line a refund's goods are. The export has no count, and Taobao folds
    discount differences into the amount: the whole line when the refund is the whole order's or all
    the buyer paid, or the line holds one; else the one whole number of units the amount is at the
    line's price (or at what the buyer paid a unit); None when it is no such number: a person counts."""
    if line.qty > 1 and r.amount is None and (r.part or r.needs_return is None and not r.whole):
        return None  # part of the line (or an after-sale the export does not size): how many, a person counts
    if line.qty <= 1 or r.whole or r.amount is None or (r.paid is not None and r.amount >= r.paid):
        return line.qty
    each = {p for p in (line.unit_price, r.paid / line.qty if r.paid else None) if p}
    counts = {n for n in (r.amount / p for p in each) if n == n.to_integral_value() and 0 < n <= line.qty}
    return int(counts.pop()) if len(counts) == 1 else None


def _refund_units(r: RefundRecord, hit: list[OrderLine]) -> int | None:
    """How many units a refund of a SKU brings back, `hit` the order's lines of it: `units_back` of
    its one line; of a SKU on several lines (typed, and from a bundle), of the one line whose price the
    amount is a whole number of its units at. None when no line, or more than one, fits: which line
    is not known, and a person counts."""
    if len(hit) == 1:
        return units_back(r, hit[0])
    if r.amount is None:
        return None
    fits = [n for ln in hit if ln.unit_price
            for n in [r.amount / ln.unit_price] if n == n.to_integral_value() and 0 < n <= ln.qty]
    return int(fits[0]) if len(fits) == 1 else None


def _case_lines(c: AfterSalesCase, orders: dict[str, list[OrderLine]]) -> list[OrderLine]:
    """The order lines a case is about: its SKU's, or the whole order's when it names none."""
    return [ln for ln in _with_gift(c, orders.get(c.order_no, [])) if not c.sku or ln.sku == c.sku]


def _with_gift(c: AfterSalesCase, ls: list[OrderLine]) -> list[OrderLine]:
    """An order's lines as a case naming a SKU takes them: with a line of the gift it was packed with
    (its 赠品 cell, what its packing note and the scan check said) where the case names that gift and
    no line of the order is of it: a gift sent back, or resent (少发赠品), is of the order, at no price."""
    if not c.sku or not ls or any(ln.sku == c.sku for ln in ls):
        return ls
    from ..orders.picking import read_gifts, typed_gifts

    try:
        gifts = read_gifts(typed_gifts(ls) or "")
    except ValueError:  # (validate says the cell)
        return ls
    qty = sum(g.qty for g in gifts if g.sku == c.sku)
    return ls + [ls[0].model_copy(update={"sku": c.sku, "qty": qty, "unit_price": Decimal(0), "platform_code": None})] \
        if qty else ls


def _goods(c: AfterSalesCase, ls: list[OrderLine]) -> list[tuple[str, int]]:
    """The SKUs and quantities a case's goods are, as its 退货 posts them: its SKU and quantity
    (the order's units of it when blank, on however many lines), or every line of the order for a
    case of the whole order; none while a person is to count them (`units_asked`)."""
    if units_asked(c):
        return []
    if c.sku:
        return [(c.sku, c.qty or sum(ln.qty for ln in ls if ln.sku == c.sku) or 1)]
    if c.qty and len(one := {ln.sku for ln in ls}) == 1:  # (an order of one SKU: its 数量 of it, not all its units)
        return [(one.pop(), c.qty)]
    return [(ln.sku, ln.qty) for ln in ls]


def which_goods(c: AfterSalesCase, ls: list[OrderLine]) -> Issue | None:
    """An error at the 商家编码 of a return or exchange that names no SKU, its order of several, and a 数量 that is
    not the order's units: which goods came back is not known (before: every unit of the order was posted back,
    the one shirt returned of a shirt and trousers posted as both)."""
    skus = list(dict.fromkeys(ln.sku for ln in ls))
    units = sum(ln.qty for ln in ls)
    if c.sku or not c.qty or len(skus) < 2 or c.qty == units:
        return None
    return at(c, "sku", "error",
              f"订单 {c.order_no} 有 {len(skus)} 种商品（{'、'.join(skus)}，共 {units} 件），这个售后单的商家编码是空的，数量却是 "
              f"{c.qty}：不知道退回的是哪件。请填上退回的商家编码（退回几种商品的，每种一行售后单）。",
              f"Order {c.order_no} holds {len(skus)} SKUs ({', '.join(skus)}, {units} units in all), but this case's "
              f"SKU is blank and its quantity {c.qty}: which goods come back is not known. Fill in the SKU that comes "
              "back (goods of several SKUs: a case row for each).", value=None)


def case_issues(cases: list[AfterSalesCase], lines: list[OrderLine], skus: set | None = None,
                movements: list[Movement] = (), order_nos: Collection[str] = ()) -> list[Issue]:
    """售后 rows checked against their orders and the 商品 sheet (`skus`, when read): a quantity
    that is not positive, a SKU that is not the order's, goods back beyond what the order holds
    less what earlier cases (by row, not closed) take back, a 换货编码 that is no SKU, an exchange
    for another size or colour with 换货编码 blank, a return typed twice (`_same_return`; with the
    调整 that takes back what the repeat posted, by the 出入库 `movements`). An error here is a 退货
    or a resend that would be wrong: the after-sales desk refuses that case until it is right (`refused`).
    `order_nos`: the 订单 sheet's order numbers, of rows that did not read too (validate's keys): such an
    order is on the sheet, its row's own error said, never "not on the Orders sheet" besides."""
    out = row_issues(cases, lines, skus, movements, order_nos)
    # (a row wrong already, a return of more than the order holds, is not said again for its money)
    return out + refunds_twice(cases, lines) + refunds_over(cases, lines, {i.row for i in out if i.is_error})


def row_issues(cases: list[AfterSalesCase], lines: list[OrderLine], skus: set | None = None,
               movements: list[Movement] = (), order_nos: Collection[str] = ()) -> list[Issue]:
    """case_issues' checks of each row against its order and the 商品 sheet, without the refunds'
    (the desk says those itself, and says these warnings too: a typo in 订单编号 is told at the desk)."""
    orders = _lines_of([ln for ln in lines if ln.order_no in {c.order_no for c in cases}])
    listed: list[str] = []
    out: list[Issue] = []

    def unknown(c, name, what_zh, what_en, severity):
        nonlocal listed
        v = getattr(c, name)
        if len(skus) <= NEAR_LIMIT:
            listed = listed or sorted(map(str, skus))
            near_zh, near_en = did_you_mean(str(v), listed, 0.6)
        else:
            near_zh = near_en = ""
        out.append(at(c, name, severity, f"{what_zh}“{v}”不在商品表中。{near_zh}请改正编码，或先在 stock.xlsx 的“商品”表中添加它。",
                      f"{what_en} '{v}' is not in the Products sheet. {near_en + ' ' if near_en else ''}Correct the "
                      "code, or add it to the Products sheet of stock.xlsx first."))

    taken: dict[tuple[str, str], list[tuple[str, int]]] = {}  # (order, SKU) → earlier cases' (case no., qty)
    net = _posted(movements)
    same = _same_return(cases, net)
    for c in sorted(cases, key=lambda c: c.row or 0):
        goods = c.type in GOODS_BACK or c.type in NEEDS_RESEND  # the case moves stock: a wrong SKU is an error
        ls = _with_gift(c, orders.get(c.order_no, []))
        if c.qty is not None and c.qty <= 0:
            out.append(at(c, "qty", "error", "数量必须是正整数。", "The quantity must be a positive whole number."))
            continue
        if c.amount is not None and c.amount < 0:  # (typed as money out: proposed to the ledger as --15.00)
            out.append(at(c, "amount", "error", f"退款金额填正数（退给买家多少钱），如 {-c.amount}。",
                          f"Enter the refund amount as a positive number (what the buyer gets back), e.g. {-c.amount}."))
        if (first := same.get(c.row)) is not None:
            out.append(_repeat_issue(c, first, net))
            continue
        if is_open(c) and len(named := _platforms(orders.get(c.order_no, []))) > 1:
            out.append(_two_orders(c, named))
            continue
        if not ls and lines and is_open(c) and (c.type in NEEDS_RESEND or not c.refund_no) \
                and c.order_no not in order_nos:
            # a typo in 订单编号: a resend has no receiver to go to (an error that holds it, as a wrong
            # 换货编码 does); another case is only linked to nothing (a refund export's may predate the sheet)
            resend = c.type in NEEDS_RESEND and not c.resend_order
            out.append(at(c, "order_no", "error" if resend else "warning",
                          f"订单 {c.order_no} 不在“订单”表里{'，没有收货人可补发' if resend else ''}。请改正订单编号。",
                          f"Order {c.order_no} is not on the Orders sheet{': no receiver to resend to' if resend else ''}. "
                          "Correct the order number."))
        if skus is not None and c.exchange_sku and c.exchange_sku not in skus:
            unknown(c, "exchange_sku", "换货编码", "The exchange SKU", "error")
        if c.sku and skus is not None and c.sku not in skus:
            unknown(c, "sku", "商家编码", "The SKU", "error" if goods else "warning")
            continue
        if c.sku and ls and all(ln.sku != c.sku for ln in ls):
            has = "、".join(dict.fromkeys(ln.sku for ln in ls))
            out.append(at(c, "sku", "error" if goods else "warning",
                          f"订单 {c.order_no} 里没有商品 {c.sku}（订单里有：{has}）。",
                          f"Order {c.order_no} has no line of {c.sku} (it has: {has.replace('、', ', ')})."))
            continue
        if (c.type is CaseType.EXCHANGE and not c.exchange_sku and not c.resend_order and is_open(c)
                and any(w in (c.wants or "").lower() for w in ASKS_OTHER)):
            out.append(at(c, "exchange_sku", "warning",
                          f"买家要“{c.wants}”，换货编码却是空的：补发的会是原来的商品。请填换成的商家编码（同款同码可不理）。",
                          f"The buyer asks for '{c.wants}' but the exchange SKU is blank: the resend would be the "
                          "same item. Fill in the SKU sent instead (the same item again: ignore this).", value=None))
        if (c.type in (CaseType.RESEND, CaseType.LOST) and is_open(c) and not c.resend_order
                and (ls0 := orders.get(c.order_no)) and (st := order_status(ls0)) in NOT_SENT):
            # nothing has gone out to be lost or short: a resend would be a second parcel beside the order itself
            out.append(at(c, "order_no", "error",
                          f"订单 {c.order_no} 还没有发货（{st.value}）：没有可补发的包裹。发货后再登记；少了东西的话，直接改这个订单。",
                          f"Order {c.order_no} {NOT_SENT_EN} ({st.en}): there is no parcel to resend. Type the case "
                          "once it has shipped; for an item missing, change the order itself."))
            continue
        if c.type in (CaseType.RESEND, CaseType.LOST) and c.qty and ls and is_open(c) and not c.resend_order:
            # the resend sends 数量 of each SKU: more than the order held is a typo (11 for 1), sent free
            bought = Counter()
            for ln in ls:
                if not c.sku or ln.sku == c.sku:
                    bought[ln.sku] += ln.qty
            if short := [(sku, n) for sku, n in bought.items() if c.qty > n]:
                sku, n = short[0]
                out.append(at(c, "qty", "error",
                              f"补发 {sku} × {c.qty}，但订单 {c.order_no} 只有 {n} 件。请改正数量。",
                              f"{c.qty} × {sku} {TOO_MANY_EN} {c.order_no} has {n}. Correct the quantity."))
                continue
        if c.type not in GOODS_BACK or c.status is CaseStatus.CLOSED or not ls:
            continue
        if is_open(c) and (i := which_goods(c, ls)) is not None:
            out.append(i)
            continue
        over = []
        for sku, qty in _goods(c, ls):
            bought = sum(ln.qty for ln in ls if ln.sku == sku)
            before = taken.get((c.order_no, sku), [])
            if qty > bought - sum(q for _, q in before):
                over.append((sku, qty, bought, before))
        if over:
            sku, qty, bought, before = over[0]
            earlier_zh = f"，之前的售后单 {'、'.join(n for n, _ in before)} 已登记退回 {sum(q for _, q in before)} 件" if before else ""
            earlier_en = (f", and earlier {'case' if len(before) == 1 else 'cases'} {', '.join(n for n, _ in before)} "
                          f"{'takes' if len(before) == 1 else 'take'} back {sum(q for _, q in before)}" if before else "")
            out.append(at(c, "qty" if c.sku else "sku", "error",
                          f"退回 {sku} × {qty}，但订单 {c.order_no} 只有 {bought} 件{earlier_zh}。请改正数量，或关闭重复的售后单。",
                          f"{qty} × {sku} back, but order {c.order_no} has {bought}{earlier_en}. Correct the quantity, "
                          "or close the duplicate case."))
            continue
        for sku, qty in _goods(c, ls):
            taken.setdefault((c.order_no, sku), []).append((c.case_no, qty))
    return out


def refunds_over(cases: list[AfterSalesCase], lines: list[OrderLine], wrong: set[int] = frozenset()) -> list[Issue]:
    """A warning at each 退款金额 typed by hand (no 退款编号: the export's are what the platform paid; not
    closed; not an agent's order) where the refunds of its order so far (by row) come to more than the
    buyer paid (`_refund_over`); none at a row in `wrong` (its error says what to put right first)."""
    wanted = {c.order_no for c in cases if c.type in REFUNDED and c.amount}
    orders = _lines_of([ln for ln in lines if ln.order_no in wanted]) if wanted else {}
    refunds: dict[str, list[AfterSalesCase]] = {}  # order → its refunds typed by hand so far
    out = []
    for c in sorted(cases, key=lambda c: c.row or 0):
        if (c.type in REFUNDED and c.amount and c.amount > 0 and not c.refund_no and c.status is not CaseStatus.CLOSED
                and (ls := orders.get(c.order_no)) and not agent_of(c, orders)):
            refunds.setdefault(c.order_no, []).append(c)
            if c.row not in wrong and (said := _refund_over(c, ls, refunds[c.order_no])) is not None:
                out.append(said)
    return out


def refunds_done(cases: list[AfterSalesCase], lines: list[OrderLine], counted) -> list[tuple[str, Decimal]]:
    """(order, amount) the buyers got back of the goods of `counted`, the lines a figure counts as sales
    (staff pay's commission, the customers' spend; 单价 × 数量 of each): each 退货退款 or 仅退款 case
    已完成, and each return 已收到退货 (the refund is due), at its 退款金额, else at its goods' 单价 × 数量
    (a 仅退款 typed without one: nothing known, none); never more than what is left counted of its SKU (a
    line closed on the platform counts for nothing already) or of its order."""
    kept: dict[tuple[str, str | None], Decimal] = defaultdict(Decimal)  # (order, SKU) and (order, None) → goods
    units: Counter = Counter()  # (order, SKU) → its units counted
    for ln in counted:
        v = (ln.unit_price or Decimal(0)) * ln.qty
        kept[ln.order_no, ln.sku] += v
        kept[ln.order_no, None] += v
        units[ln.order_no, ln.sku] += ln.qty
    wanted = [c for c in cases if c.type in REFUNDED and (c.order_no, None) in kept
              and (c.status is CaseStatus.DONE or (c.type is CaseType.RETURN and c.status is CaseStatus.RETURNED))]
    if not wanted:
        return []
    closed = [c for c in wanted if c.status is CaseStatus.RETURNED and c.refund_no]
    if closed:  # back, but its refund closed on the platform unpaid: no refund due
        orders = _lines_of([ln for ln in lines if (ln.order_no, None) in kept])
        wanted = [c for c in wanted if not (c.status is CaseStatus.RETURNED and c.refund_no and refund_closed(c, orders))]
    left = dict(kept)
    on_line = {(ln.order_no, ln.sku) for ln in lines if (ln.order_no, None) in kept}
    skus: dict[str, set[str]] = defaultdict(set)  # order → the SKUs of its lines counted
    for order, sku in units:
        skus[order].add(sku)
    out = []
    for c in wanted:
        # a case naming no SKU of an order of one SKU is of that SKU, as its 退货 posts it (_goods): 1 of 3 back is
        # refunded at 1 × its 单价 (before: the whole order, ¥90 for one ¥30 tee, its buyer taken for one who sent
        # everything back and left out of the customers)
        sku = c.sku or (next(iter(one)) if len(one := skus.get(c.order_no, ())) == 1 else None)
        amount = c.amount
        if amount is None and c.type is CaseType.RETURN:
            # its units at what its lines counted are worth a unit (A×2 at ¥30 beside A×1 at ¥0, a gift: ¥20 each;
            # before, the last line's 单价 alone: ¥0, nothing refunded), to the fen
            n = units.get((c.order_no, sku)) if sku and c.qty else None
            amount = ((kept[c.order_no, sku] * c.qty / n).quantize(Decimal("0.01"), ROUND_HALF_UP) if n
                      else Decimal(0) if sku and c.qty  # (a SKU of no line counted: nothing of it counted to take back)
                      else left.get((c.order_no, c.sku), Decimal(0)))  # (no count: all of its SKU, or the whole order)
        if not amount or amount < 0:
            continue
        # a SKU on no line of the order (the gift it was packed with, its 赠品 cell: ¥15 back for a gift left
        # out) is capped by the order alone; before, by its line of ¥0, so the refund counted for nothing
        line = bool(sku) and (c.order_no, sku) in on_line
        take = min(amount, left[c.order_no, None], left.get((c.order_no, sku), Decimal(0)) if line else amount)
        if take > 0:
            left[c.order_no, None] -= take
            if line:
                left[c.order_no, sku] -= take
            out.append((c.order_no, take))
    return out


def _refund_over(c: AfterSalesCase, ls: list[OrderLine], so_far: list[AfterSalesCase]) -> Issue | None:
    """A warning at the 退款金额 of case `c` where the refunds typed by hand of its order (`so_far`, by row,
    `c` last) come to more than the buyer paid (its lines' 单价 × 数量 and its 运费): ¥1,234.50 typed for
    ¥12.50 is agreed on the platform and proposed to the ledger as typed. Nothing said where a line has
    no price (what was paid is not known)."""
    if any(ln.unit_price is None for ln in ls):
        return None
    from ..agents.prices import postage  # its 运费 on whichever of its rows it was typed

    paid = sum((ln.unit_price * ln.qty for ln in ls), Decimal(0)) + postage(ls)
    total = sum((k.amount for k in so_far), Decimal(0))
    if total <= paid:
        return None
    before = so_far[:-1]
    with_zh = f"，加上之前的售后单 {'、'.join(k.case_no for k in before)} 共 ¥{total:,.2f}" if before else ""
    with_en = (f", with earlier {'case' if len(before) == 1 else 'cases'} {', '.join(k.case_no for k in before)} "
               f"¥{total:,.2f} in all" if before else "")
    return at(c, "amount", "warning",
              f"售后单 {c.case_no} 退款 ¥{c.amount:,.2f}{with_zh}，多于订单 {c.order_no} 买家实付的 ¥{paid:,.2f}（商品加运费）："
              "是否多打了数字？请核对退款金额（确实要多退，如赔付：可不理）。",
              f"Case {c.case_no} refunds ¥{c.amount:,.2f}{with_en}, more than the ¥{paid:,.2f} the buyer paid for "
              f"order {c.order_no} (goods and shipping): a digit too many? Check the refund amount (more refunded "
              "on purpose, e.g. compensation: ignore this).")


def _platforms(ls: list[OrderLine]) -> dict[Platform, OrderLine]:
    """The platforms an order number's rows name, each with its first row."""
    out: dict[Platform, OrderLine] = {}
    for ln in ls:
        if ln.platform:
            out.setdefault(ln.platform, ln)
    return out


NOT_SENT = (OrderStatus.NEW, OrderStatus.APPROVED, OrderStatus.HELD)
NOT_SENT_EN = "has not shipped yet"  # (a resend or lost-parcel case of an order not sent: holds the resend alone)
TOO_MANY_EN = "to resend, but order"  # (a resend of more than the order held: holds the resend alone)
TWO_ORDERS_EN = "names orders of two platforms"  # (refused: this 订单编号 error holds the whole case)


def _two_orders(c: AfterSalesCase, named: dict[Platform, OrderLine]) -> Issue:
    """A case on a number that orders of two platforms have (typed by hand: validate's error at the
    second's 平台): whose goods come back and whose receiver a resend goes to is not known, and both
    orders' would be taken: the case waits until the numbers are told apart."""
    from ..orders.lifecycle import NAME_EN

    zh = "、".join(f"{p.value}订单（订单表第 {ln.row} 行）" for p, ln in named.items())
    en = ", ".join(f"a {NAME_EN[p]} order (Orders row {ln.row})" for p, ln in named.items())
    return at(c, "order_no", "error",
              f"订单编号 {c.order_no} 有两个平台的订单：{zh}，不知道这个售后单是哪一个的（退回的货、补发的收货人）。"
              "请先在订单表把两个订单的编号区分开（改掉手工录入的那个，例如加个后缀），再把这一行的订单编号改成它说的"
              "那个订单的编号。",
              f"Order number {c.order_no} {TWO_ORDERS_EN}: {en}; which one this case is about (the goods back, the "
              "receiver of a resend) is not known. Tell the two orders' numbers apart on the Orders sheet first "
              "(change the one typed by hand, e.g. add a suffix), then correct this row's order number to the order "
              "it is about.")


def _same_return(cases: list[AfterSalesCase], net: dict[str, Counter] | None = None) -> dict[int, AfterSalesCase]:
    """售后 row → the case it repeats: a return or exchange typed twice (the same order, SKU, type and
    退货单号, compared as values.code_key compares codes: YT1 and yt1 are one parcel; not closed) is
    one parcel, to be received, posted and refunded once. The one kept is the one received already,
    else the first row. Two refunds of the export (two 退款编号: a SKU on two
    lines of the order) are two cases even in one parcel. A closed case repeats the one kept too
    where both have goods in stock under their numbers (`net`, `_posted`'s): the parcel was posted
    twice (before this check was made), and closing the repeat took none of it back."""
    net = net or {}
    first: dict[tuple, AfterSalesCase] = {}
    out = {}
    for c in sorted(cases, key=lambda c: (c.status is CaseStatus.CLOSED,
                                          c.status not in (CaseStatus.RETURNED, CaseStatus.DONE), c.row or 0)):
        if c.type not in GOODS_BACK or not c.return_tracking:
            continue
        key = (c.order_no, c.sku, c.type, code_key(c.return_tracking))
        if c.status is CaseStatus.CLOSED:
            k = first.get(key)
            if (k is None or not any(net.get(code_key(c.case_no), {}).values())
                    or not any(net.get(code_key(k.case_no), {}).values())):
                continue
        else:
            k = first.setdefault(key, c)
        if k is not c and not (k.refund_no and c.refund_no and k.refund_no != c.refund_no):
            out[c.row] = k
    return out


def refunds_twice(cases: list[AfterSalesCase], lines: list[OrderLine]) -> list[Issue]:
    """A warning at each 仅退款 row, or 退货退款 row with no 退货单号, of the same type, order, SKU and
    amount as an earlier one (by row; not closed, one of them open; not two refunds of the export, which
    are two by their 退款编号), naming it: typed twice, it is agreed twice and, where the desk proposes
    both to the ledger (`_proposed`), booked twice. (A return's parcel tells two returns apart, and the
    same parcel twice is _repeat_issue's.) Not an error: two partial refunds of one amount can be real."""
    wanted = {c.order_no for c in cases if c.type in REFUNDED}
    orders = _lines_of([ln for ln in lines if ln.order_no in wanted]) if wanted else {}
    first: dict[tuple, AfterSalesCase] = {}
    out = []
    for c in sorted(cases, key=lambda c: c.row or 0):
        if (c.type not in REFUNDED or c.amount is None or c.status is CaseStatus.CLOSED
                or (c.type is CaseType.RETURN and c.return_tracking)):
            continue
        k = first.setdefault((c.type, c.order_no, c.sku, c.amount), c)
        if k is c or not (is_open(c) or is_open(k)) or (k.refund_no and c.refund_no and k.refund_no != c.refund_no):
            continue
        what = f"订单 {c.order_no}、{f'商家编码 {c.sku}、' if c.sku else ''}{yuan(c.amount)}"
        what_en = f"order {c.order_no}, {f'SKU {c.sku}, ' if c.sku else ''}{yuan(c.amount)}"
        twice = _proposed(c, orders) and _proposed(k, orders)
        out.append(at(c, "amount", "warning",
                      f"售后单 {c.case_no} 与第 {own_row(k.row)} 行的售后单 {k.case_no} 是同一笔{c.type.value}（{what}）：是否重复登记？"
                      "重复的话会在平台上同意两次退款"
                      + ("，流水账也会按两个售后单各建议记一笔退款（记两次）" if twice else "")
                      + "。重复的：请把这一行状态改为“已关闭”；确实是两笔退款：可不理。",
                      f"Case {c.case_no} is the same {c.type.en} as case {k.case_no} on row {own_row(k.row)} ({what_en}): typed "
                      "twice? If so the refund is agreed on the platform twice"
                      + (", and a ledger refund line is proposed for each case (booked twice)" if twice else "")
                      + ". A duplicate: set this row's status to closed; two refunds really: ignore this."))
    return out


def complaints_twice(cases: list[AfterSalesCase], open_only: bool = True) -> list[Issue]:
    """A warning at each 投诉 row of the same order, 客服 (as values.code_key compares names) and 登记日期
    as an earlier one (by row; neither closed; with `open_only`, one of them open), naming it: typed twice,
    it is deducted from that person's pay twice (staff pay). Not an error: a buyer may complain twice."""
    first: dict[tuple, AfterSalesCase] = {}
    out = []
    for c in sorted(cases, key=lambda c: c.row or 0):
        if c.type is not CaseType.COMPLAINT or c.status is CaseStatus.CLOSED:
            continue
        k = first.setdefault((c.order_no, code_key(c.staff), c.opened_on), c)
        if k is c or (open_only and not (is_open(c) or is_open(k))):
            continue
        who_zh, who_en = (f"、同一客服 {c.staff}", f" and staff {c.staff}") if c.staff else ("", "")
        out.append(at(c, "order_no", "warning",
                      f"投诉 {c.case_no} 与第 {own_row(k.row)} 行的投诉 {k.case_no} 是同一天登记的同一订单 {c.order_no}{who_zh}：是否重复登记？"
                      "两个投诉都会扣绩效（投诉扣款）。重复的：请把这一行状态改为“已关闭”；确实是两次投诉：可不理。",
                      f"Complaint {c.case_no} is about the same order {c.order_no}{who_en}, opened the same day, as "
                      f"complaint {k.case_no} on row {own_row(k.row)}: typed twice? Each complaint is deducted from pay. A duplicate: set this row's "
                      "status to closed; two complaints really: ignore this."))
    return out


def _proposed(c: AfterSalesCase, orders: dict[str, list[OrderLine]]) -> bool:
    """Whether the desk proposes a ledger line for the refund of case `c` (refund_proposals: typed by
    hand, not the export's, which books its own; not an agent's order)."""
    return (c.type in REFUNDED and bool(c.amount) and not c.refund_no and c.status is not CaseStatus.CLOSED
            and not agent_of(c, orders))


def _repeat_issue(c: AfterSalesCase, first: AfterSalesCase, net: dict[str, Counter]) -> Issue:
    """Case `c` is the same return as `first`: to be closed; and where both have goods in stock under
    their numbers (`net`, `_posted`'s), the parcel came back twice: what `c` posted is to be taken back
    with a 调整 under its number."""
    what = f"订单 {c.order_no}、{f'商家编码 {c.sku}、' if c.sku else ''}退货单号 {c.return_tracking}"
    what_en = f"order {c.order_no}, {f'SKU {c.sku}, ' if c.sku else ''}return tracking no. {c.return_tracking}"
    zh = f"售后单 {c.case_no} 与第 {own_row(first.row)} 行的售后单 {first.case_no} 是同一个{c.type.value}（{what}）：一个包裹只收一次、只退一次款。"
    en = (f"Case {c.case_no} is the same {c.type.en} as case {first.case_no} on row {own_row(first.row)} ({what_en}): one "
          "parcel is received and refunded once.")
    back = [(sku, q) for sku, q in net.get(code_key(c.case_no), {}).items() if q]
    if not back or not any(net.get(code_key(first.case_no), {}).values()):
        return at(c, "return_tracking", "error",
                  zh + "请把重复的一行状态改为“已关闭”（同一包裹里确有两份：合成一行，数量相加）。",
                  en + " Set the duplicate's status to closed (two lots really in one parcel: make them one row, "
                       "quantities added).")
    closed = c.status is CaseStatus.CLOSED
    posted_zh = "、".join(f"{sku} × {q}" for sku, q in back)
    posted_en = ", ".join(f"{q} × {sku}" for sku, q in back)
    rows_zh = "；".join(f"类型“调整”，商家编码 {sku}，数量 {-q}，单号 {c.case_no}" for sku, q in back)
    rows_en = "; ".join(f"type adjust, SKU {sku}, quantity {-q}, ref {c.case_no}" for sku, q in back)
    n_zh, n_en = ("一行", "a row") if len(back) == 1 else (f" {len(back)} 行", f"{len(back)} rows")
    return at(c, "return_tracking", "error",
              zh + f"这个包裹在售后单 {first.case_no} 下已退货入库，在售后单 {c.case_no} 下又入库了 {posted_zh}：库存多记了。"
                   f"请在 stock.xlsx 的“出入库”表加{n_zh}：{rows_zh}"
                   + ("。" if closed else "；再把这一行状态改为“已关闭”。"),
              en + f" It was posted back to stock under case {first.case_no}, and again under case {c.case_no} "
                   f"({posted_en}): stock is over. Add {n_en} to the Movements sheet of stock.xlsx: {rows_en}"
                   + ("." if closed else "; then set this row's status to closed."))


def _posted(movements: list[Movement]) -> dict[str, Counter]:
    """Case number (its code_key: th-1 retyped TH-1 is one case) → SKU → what is in stock under it:
    its 退货 and the 调整 typed under it, for the numbers with a 退货 posted (the desk posts a
    return's 退货 with the case number as 单号)."""
    posted = {code_key(m.ref) for m in movements if m.type is MovementType.RETURN and m.ref}
    net: dict[str, Counter] = defaultdict(Counter)
    for m in movements:
        if m.ref and m.type in (MovementType.RETURN, MovementType.ADJUST) and (k := code_key(m.ref)) in posted:
            net[k][m.sku] += m.qty
    return net


def refused(issues: list[Issue], resend: bool = False) -> set[int]:
    """The 售后 rows with an error of `case_issues`: the desk neither receives nor resends them.
    A wrong 换货编码 or 订单编号 holds the resend alone (`resend`): the goods that came back are right."""
    return {i.row for i in issues if i.is_error and i.sheet == AfterSalesCase.zh and i.row
            and (resend or not holds_resend_alone(i))}


def holds_resend_alone(i: Issue) -> bool:
    """An error that holds a case's resend alone: a 换货编码 that is no SKU, an order not on the sheet or
    not shipped yet, a resend of more than the order held; not a number two platforms' orders have
    (`_two_orders`: the goods back would be both orders')."""
    return (i.field == "exchange_sku" or (i.field == "order_no" and TWO_ORDERS_EN not in i.message_en)
            or (i.field == "qty" and TOO_MANY_EN in i.message_en))


def open_cases_from_refunds(records: list[RefundRecord], cases: list[AfterSalesCase], lines: list[OrderLine],
                            today: dt.date, lang: str = "zh", closed: Collection[str] = ()) -> list[AfterSalesCase]:
    """A case per refund number not on the sheet yet: 退货退款 waiting for the parcel when the
    goods come back, else 仅退款 (done when the platform has paid it: the export says so, or the order is
    in `closed`, closed_orders', an older export imported after the newer order list). None for a refund of another
    platform's order of the same number as one on the sheet (the import refuses that order and says
    so): the case would be of our order, its goods and its 客服."""
    from ..orders.lifecycle import another_platforms
    known = {c.refund_no for c in cases if c.refund_no}
    if all(r.refund_no in known for r in records):  # (an import without refunds: no index of a year's lines)
        return []
    typed = typed_cases(records, cases, lines)  # a refund the 客服 typed already is that case (amounts_now links it),
    known |= typed.found.keys() | typed.unsure.keys()  # or may be one of two: said there, for a person to tell
    numbers = Numbers(cases)
    wanted = {r.order_no for r in records}
    orders = _lines_of([ln for ln in lines if ln.order_no in wanted])
    out = []
    for r in records:
        if r.refund_no in known:
            continue
        known.add(r.refund_no)
        if r.ended:  # closed or refused unpaid before a case was opened: nothing to refund, nothing comes back
            continue
        ls = orders.get(r.order_no, [])
        if ls and another_platforms(ls[0], r.platform):
            continue
        hit = [ln for ln in ls if r.sku and ln.sku == r.sku]
        unsaid = r.needs_return is None  # (said "仅退款", a parcel that came back was refused at receive)
        kind = _kind(r)
        qty = _refund_units(r, hit) if hit else None
        needs = [RETURN_NO.say(lang)] if r.needs_return and not r.return_tracking else []
        if unsaid:
            needs.append(RETURN_ASK.say(lang))
        if hit and qty is None and (r.needs_return or unsaid):
            needs.append(UNITS.say(lang))
        # paid and no goods to come back: done; whether goods come back unknown: open, for a person to see
        done = r.done or r.order_no in closed
        status = CaseStatus.WAITING_RETURN if r.needs_return else (
            CaseStatus.DONE if done and r.needs_return is not None else CaseStatus.OPEN)
        money = f" ¥{r.amount}" if r.amount is not None else ""
        out.append(AfterSalesCase.model_construct(
            case_no=numbers.next(today), opened_on=today, order_no=r.order_no, sku=hit[0].sku if hit else r.sku,
            qty=qty, type=kind, reason=r.reason or None,
            wants=((r.reason if unsaid else kind.label(lang)) + money) or None,  # (unsaid: the platform's words)
            needs=SEMI.say(lang).join(needs) or None,
            return_tracking=r.return_tracking, amount=r.amount, exchange_sku=None, resend_order=None, status=status,
            due=due_of(kind, today), staff=ls[0].cs if ls else None, refund_no=r.refund_no,
            note=_opened_from(r, lang), row=0))
    return out


def _opened_from(r: RefundRecord, lang: str) -> str:
    """A case's 处理记录 as the import opens it: from the refund export (淘宝's 退款 export), or, for 拼多多 and 抖店,
    which have none, from their order export's 售后状态 (the file a person looks in)."""
    if r.platform in (Platform.PINDUODUO, Platform.DOUYIN):
        return (f"{r.platform.value}订单导出登记（售后状态）" if lang == "zh" else
                f"opened from the {platform_word(r.platform.value, 'en').strip()} order export (its after-sale status)")
    return "退款导出登记" if lang == "zh" else "opened from the refund export"


def _kind(r: RefundRecord) -> CaseType:
    """The type of the case a refund export's line opens (its goods back unsaid: a return, for a person to see)."""
    return CaseType.EXCHANGE if r.exchange else CaseType.RETURN if r.needs_return or r.needs_return is None \
        else CaseType.REFUND_ONLY


REFUND_KINDS = (CaseType.RETURN, CaseType.EXCHANGE, CaseType.REFUND_ONLY)  # a refund's case, whichever a person chose


@dataclass
class Typed:
    """The cases people typed before the refund export came, as its refunds find them (typed_cases)."""

    found: dict[str, AfterSalesCase] = field(default_factory=dict)  # refund no. → the case that is it
    unsure: dict[str, list[AfterSalesCase]] = field(default_factory=dict)  # refund no. → the cases it may be
    records: dict[str, RefundRecord] = field(default_factory=dict)  # refund no. → its line of the export


def typed_cases(records: list[RefundRecord], cases: list[AfterSalesCase], lines: list[OrderLine] = ()) -> Typed:
    """The case a person typed for each refund before the export came (no 退款编号, not closed, of its order):
    first one of its type, SKU (or none typed) and amount (or none typed; a case done: its amount too); else
    the one case of a refund type (仅退款, 退货退款, 换货: the person may have chosen another than the buyer did
    on the platform) whose SKU is the refund's, none, or none of the order's lines (one line: it is that line,
    mistyped), amount as above, that no other refund of the order may be either. A refund two typed cases may be
    (or a case two refunds), or one of another amount not done (Taobao folds 优惠差额 into it; a part agreed), is
    `unsure`: no case is opened for it nor filled, a person says which it is.
    Opening another case beside the typed one would list the refund twice: agreed again, counted twice off the
    客服's sales and the stock once both are done."""
    out = Typed()
    if not records:  # (an order export's import: no refunds)
        return out
    typed = [c for c in cases if c.row and not c.refund_no and c.status is not CaseStatus.CLOSED
             and c.type in REFUND_KINDS]
    if not typed:
        return out
    known = {c.refund_no for c in cases if c.refund_no}
    by_order: dict[str, list[AfterSalesCase]] = defaultdict(list)
    for c in sorted(typed, key=lambda c: c.row):
        by_order[code_key(c.order_no)].append(c)
    asked: dict[str, list[RefundRecord]] = defaultdict(list)
    for r in records:
        if (r.refund_no not in known and r.refund_no not in out.records and not r.ended
                and code_key(r.order_no) in by_order):
            out.records[r.refund_no] = r
            asked[code_key(r.order_no)].append(r)
    if not asked:
        return out
    wanted = {r.order_no for rs in asked.values() for r in rs}
    skus: dict[str, set[str]] = defaultdict(set)  # order → its lines' SKUs (a typed one none of them: mistyped)
    for ln in lines:
        if ln.order_no in wanted and ln.sku:
            skus[code_key(ln.order_no)].add(code_key(ln.sku))

    def amount_fits(r: RefundRecord, c: AfterSalesCase) -> bool:  # (done: an older refund, unless its amount)
        return c.amount == r.amount if c.status is CaseStatus.DONE else \
            c.amount is None or r.amount is None or c.amount == r.amount

    def sku_fits(r: RefundRecord, c: AfterSalesCase, key: str) -> bool:
        return not c.sku or r.sku is None or code_key(c.sku) == code_key(r.sku) or code_key(c.sku) not in skus[key]

    for key, rs in asked.items():
        left = by_order[key]
        rest = []
        for r in rs:  # as typed: its type, its SKU or none
            c = next((c for c in left if c.type is _kind(r) and (not c.sku or (
                r.sku is not None and code_key(c.sku) == code_key(r.sku))) and amount_fits(r, c)), None)
            if c is None:
                rest.append(r)
                continue
            out.found[r.refund_no] = c
            left.remove(c)
        may = {r.refund_no: [c for c in left if sku_fits(r, c, key) and amount_fits(r, c)] for r in rest}
        for r in rest:
            cs = may[r.refund_no]
            if len(cs) == 1 and sum(cs[0] in v for v in may.values()) == 1:
                out.found[r.refund_no] = cs[0]
                left.remove(cs[0])
            elif cs:
                out.unsure[r.refund_no] = cs
        for r in rest:  # one typed of another amount, not done: Taobao folds 优惠差额 into it, or a part was agreed
            near = [c for c in left if r.refund_no not in out.found and r.refund_no not in out.unsure
                    and sku_fits(r, c, key) and c.status is not CaseStatus.DONE]
            if near:
                out.unsure[r.refund_no] = near
    return out


def closed_orders(*sheets: list[OrderLine]) -> set[str]:
    """The orders the platform has closed in any of `sheets` (an order's rows as orders import wrote them:
    已取消：… before it shipped, 交易关闭（已发货）：… after): a paid order the platform closes is refunded,
    so a refund of it is paid, whatever an older export imported since says. A person's 已取消 typed in 状态
    is not: the refund may still be theirs to agree on the platform."""
    def by_platform(ln: OrderLine) -> bool:
        return ((ln.status is OrderStatus.CANCELLED and CANCELLED.begins(ln.platform_status))
                or (ln.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED) and CLOSED.begins(ln.platform_status)))

    return {no for ls in sheets for no, rows in _lines_of(ls).items() if all(map(by_platform, rows))}


def return_numbers(records: list[RefundRecord], cases: list[AfterSalesCase]) -> dict[int, dict]:
    """The 退货单号 cells to fill: a case on the sheet whose refund a later export names with the
    tracking number of the parcel coming back, where the cell is blank (a number typed there is
    never replaced)."""
    tracking = {r.refund_no: r.return_tracking for r in records if r.return_tracking}
    return {c.row: {"return_tracking": tracking[c.refund_no]} for c in cases
            if c.row and c.refund_no in tracking and not c.return_tracking}


def return_numbers_differ(records: list[RefundRecord], cases: list[AfterSalesCase]) -> list[Issue]:
    """A case still waiting for its parcel whose 退货单号 is not the one a later export names (the buyer sent another:
    the first refused or lost, or a number typed wrong): said at the cell with both, never replaced (a person may
    have typed it), so that the parcel that comes is not scanned as one nobody registered. A cell naming the export's
    number among others (YT1 / YT2: the return in two parcels) or with a remark beside it (YT1 已签收) names it: none
    said (before: "set this cell to YT1", on every import, to lose the second parcel's number)."""
    tracking = {r.refund_no: r.return_tracking for r in records if r.return_tracking}
    return [_parcel_differs(c, c.refund_no, tracking[c.refund_no]) for c in cases
            if c.row and c.refund_no in tracking and c.return_tracking and c.type in GOODS_BACK
            and c.status in (CaseStatus.OPEN, CaseStatus.WAITING_RETURN, None)
            and code_key(tracking[c.refund_no]) not in _return_keys(c)]


def _parcel_differs(c: AfterSalesCase, no: str, now: str) -> Issue:
    return at(c, "return_tracking", "warning",
              f"售后单 {c.case_no} 的退货单号是 {c.return_tracking}，退款导出说买家寄回的包裹是 {now}（退款 {no}）：没有替换。"
              f"买家另寄了一个包裹的话，把这一格改成 {now}，包裹到了扫它；也可以扫售后单号。",
              f"After-sales case {c.case_no}'s return tracking no. is {c.return_tracking}, the refund export says the "
              f"buyer sent parcel {now} back (refund {no}): not replaced. If the buyer sent another parcel, set this "
              f"cell to {now} and scan it when it comes, or scan the case number.")


RESENDS = (CaseType.RESEND, CaseType.LOST, CaseType.COMPLAINT)  # a case the desk may settle by sending goods again


def resent_and_refunded(records: list[RefundRecord], cases: list[AfterSalesCase],
                        lines_of: Callable[[set[str]], list[OrderLine]]) -> list[Issue]:
    """A warning at the 补发单号 of each case that sends the buyer goods again (补发, 丢件, or a 投诉 with a 补发单号;
    its resend made and not called off, or, open, still to be made) whose order the export refunds (open or paid,
    not ended unpaid; an exchange is none): the buyer would have both, the goods and the money. Matched as
    typed_cases matches (the order however spaced or widened, not another platform's of that number). A 投诉
    without a resend takes nothing again: not said. `lines_of`: the 订单 sheet's rows of the order numbers given (the
    import reads only the orders its files name; a resend's rows are asked for only when a case is found)."""
    live = [r for r in records if not r.ended and not r.exchange]
    if not live:  # (an import without refunds)
        return []
    from ..orders.lifecycle import another_platforms

    asked: dict[str, list[RefundRecord]] = defaultdict(list)
    for r in live:
        asked[code_key(r.order_no)].append(r)
    sends = [c for c in cases if c.row and c.type in RESENDS and code_key(c.order_no) in asked
             and (c.resend_order or (c.type is not CaseType.COMPLAINT and is_open(c)))]
    if not sends:
        return []
    keys = {code_key(c.order_no) for c in sends}
    named = {r.order_no for k in keys for r in asked[k]} | {c.order_no for c in sends}
    orders = _lines_of(lines_of(named | {c.resend_order for c in sends if c.resend_order}))
    heads = {code_key(no): ls[0] for no, ls in orders.items() if code_key(no) in keys}
    known = {c.refund_no for c in cases if c.refund_no}
    out = []
    for c in sends:
        status = order_status(orders[c.resend_order]) if c.resend_order in orders else None
        if status in (OrderStatus.CLOSED, OrderStatus.CANCELLED) or (
                c.status is CaseStatus.CLOSED and status not in (OrderStatus.SHIPPED, OrderStatus.DELIVERED)):
            continue  # called off (a closed case's resend not gone yet: called_off says it)
        settled = not is_open(c) and status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED)
        head = heads.get(code_key(c.order_no))
        for r in asked[code_key(c.order_no)]:
            if head is not None and another_platforms(head, r.platform):
                continue
            if settled and r.refund_no in known:  # said when the refund first came; the case done since: not again
                continue                          # on every import of an export of the month's refunds
            out.append(_resent_refunded(c, r, status))
    return out


def _resent_refunded(c: AfterSalesCase, r: RefundRecord, status: OrderStatus | None) -> Issue:
    money, money_en = (f" {yuan(r.amount)}", f" of {yuan(r.amount)}") if r.amount is not None else ("", "")
    paid, paid_en = ("已退款", "paid") if r.done else ("还在进行", "under way")
    if not c.resend_order:
        sent = "要补发（补发单还没生成）"
        sent_en = "is to resend goods (its resend not made yet)"
        stop = "不再补发的话把这个售后单改为已关闭"
        stop_en = "if it is not to go, set this case to closed"
    elif status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        sent = f"已补发，补发单号 {c.resend_order} 已发出（{status.value}）"
        sent_en = f"resent goods: resend {c.resend_order} has gone out ({status.en})"
        stop, stop_en = "", ""
    else:
        now, now_en = (f"（{status.value}）", f" ({status.en})") if status else ("", "")
        sent = f"补发了货，补发单号 {c.resend_order}{now}"
        sent_en = f"resends goods, resend {c.resend_order}{now_en}"
        stop = f"补发单还没发出的话先停下：在订单表把补发单 {c.resend_order} 的状态改为“已关闭”（已拣货的，从包裹里撤下）"
        stop_en = (f"if the resend has not left, stop it: set resend {c.resend_order}'s status to closed on the Orders "
                   "sheet (pull it from the parcels if picked)")
    both, both_en = ("买家货和钱都拿到了", "the buyer got both") if r.done and status in (
        OrderStatus.SHIPPED, OrderStatus.DELIVERED) else ("买家会货和钱都拿到", "the buyer would get both")
    return at(c, "resend_order", "warning",
              f"订单 {c.order_no} 的退款 {r.refund_no}{money} {paid}（退款导出），售后单 {c.case_no}（{c.type.value}）却{sent}："
              f"{both}。请在平台上和买家核对，请买家退回其中一样（退回补发的货，或撤回退款）"
              f"{'；' + stop if stop else ''}。",
              f"Order {c.order_no}'s refund {r.refund_no}{money_en} is {paid_en} (refund export), but after-sales case "
              f"{c.case_no} ({c.type.en}) {sent_en}: {both_en}, the goods and the money. Check with the "
              f"buyer on the platform and ask them to return one (the resent goods, or the refund)"
              f"{'; ' + stop_en if stop_en else ''}.")


def closed_now(records: list[RefundRecord], cases: list[AfterSalesCase]) -> tuple[dict[int, dict], list[Issue]]:
    """A case the import opened for a refund that a later export says closed (退款关闭, 售后关闭: final, unlike a
    seller's 拒绝, which the buyer may take further), still open and waiting as it was opened: closed (the cells
    to set), each said at its row. Left open, its next step said to agree a refund the platform closed. A return
    the buyer has sent (its tracking number known) stays waiting, said: the parcel comes all the same."""
    ended = {r.refund_no: r.ended for r in records if r.ended and "关闭" in r.ended and not r.exchange}
    cells: dict[int, dict] = {}
    issues = []
    live = {r.refund_no: r for r in records if not r.ended and not r.exchange}  # (an exchange done says 关闭 too)
    parcel = {r.refund_no: r.return_tracking for r in records if r.return_tracking}  # (the buyer's, as the export says)
    for c in cases:
        if c.row and c.status is CaseStatus.CLOSED and c.refund_no in live:
            issues.append(_open_again(c, live[c.refund_no]))
            continue
        if c.row and c.refund_no in ended and c.status is CaseStatus.RETURNED and c.type in GOODS_BACK:
            # the parcel is in (its 退货 posted), the money not paid: the buyer has neither, a person's to settle
            issues.append(at(c, "status", "warning",
                             f"售后单 {c.case_no}：退货已收到入库，平台上这笔退款却已“{ended[c.refund_no]}”（退款 "
                             f"{c.refund_no}），没有退款。{STEPS['refund_closed'][0]}。",
                             f"After-sales case {c.case_no}: the return is back in stock, but the platform's refund "
                             f"{c.refund_no} ended unpaid ({ended[c.refund_no]}). {STEPS['refund_closed'][1].capitalize()}."))
            continue
        if not (c.row and c.refund_no in ended and c.status in (CaseStatus.OPEN, CaseStatus.WAITING_RETURN, None)):
            continue
        if c.type in GOODS_BACK and (sent := c.return_tracking or parcel.get(c.refund_no)):
            # the buyer has sent the goods (a tracking number): they come whatever the platform says; closed, the
            # parcel would be turned away at receive and sit unposted. Received as any return, then settled as above
            issues.append(at(c, "status", "warning",
                             f"售后单 {c.case_no}：平台上这笔退款已“{ended[c.refund_no]}”（退款 {c.refund_no}），没有退款，"
                             f"但买家已寄回退货（退货单号 {sent}）：售后单仍等退货。包裹到了照常扫描收货（shopbook "
                             f"aftersales receive 店铺 {sent}），然后与买家核对：把货寄回给买家，或在平台重新退款。",
                             f"After-sales case {c.case_no}: the platform's refund {c.refund_no} ended unpaid "
                             f"({ended[c.refund_no]}), but the buyer has sent the goods back (return tracking {sent}): "
                             "the case still waits for them. Receive the parcel as usual when it comes (shopbook "
                             f"aftersales receive SHOP {sent}), then settle it with the buyer: send the goods back or "
                             "refund again on the platform."))
            continue
        cells[c.row] = {"status": CaseStatus.CLOSED}
        issues.append(at(c, "status", "warning",
                         f"售后单 {c.case_no}：平台上这笔退款已“{ended[c.refund_no]}”（退款 {c.refund_no}），没有退款、"
                         "也不用等退货：售后单改为已关闭。若买家另有诉求，请在平台核对。",
                         f"After-sales case {c.case_no}: the platform's refund {c.refund_no} ended unpaid "
                         f"({ended[c.refund_no]}): nothing to refund and no return to wait for, so the case was "
                         "closed. If the buyer still wants something, check it on the platform."))
    return cells, issues


def _typed_said(typed: Typed) -> tuple[dict[int, dict], list[Issue], list[Issue]]:
    """The cases people typed that are a refund of the export (typed_cases): their blank cells take its number,
    amount and parcel (a cell a person typed is never replaced), said at 退款编号; a type or SKU the export says
    otherwise is said at that cell, both as they are, for a person to set right; a refund two cases may be is
    said at the first of them, none filled (the last list: a person's to decide, the import says how many)."""
    cells: dict[int, dict] = {}
    issues, unsure = [], []
    for no, c in typed.found.items():
        r = typed.records[no]
        cells[c.row] = {"refund_no": no} | ({"amount": r.amount} if c.amount is None and r.amount is not None
                                            else {}) | (
            {"return_tracking": r.return_tracking} if not c.return_tracking and r.return_tracking else {})
        issues.append(at(c, "refund_no", "note",
                         f"售后单 {c.case_no} 就是退款导出的退款 {no}：填上了退款编号，没有另开售后单。",
                         f"After-sales case {c.case_no} is the refund export's refund {no}: its refund no. was "
                         "filled in, and no second case opened.", value=None))
        if c.return_tracking and r.return_tracking and code_key(r.return_tracking) not in _return_keys(c) \
                and c.type in GOODS_BACK and c.status in (CaseStatus.OPEN, CaseStatus.WAITING_RETURN, None):
            issues.append(_parcel_differs(c, no, r.return_tracking))
        kind = _kind(r)
        if c.type is not kind and r.needs_return is not None:  # (拼多多's, 抖店's 售后状态 may not say: no other)
            issues.append(at(c, "type", "warning",
                             f"售后单 {c.case_no} 的类型是“{c.type.value}”，退款导出说这笔退款 {no} 是“{kind.value}”："
                             "算作同一笔售后，没有另开售后单，类型没有改。是否寄回货、补发新货、退多少钱都看类型："
                             "请在平台上核对买家申请的是哪种，把这一格改成对的。",
                             f"After-sales case {c.case_no} says {c.type.en}, the refund export says its refund {no} "
                             f"is {kind.en}: taken as the same case, no second one opened, its type left as typed. "
                             "Whether goods come back, a replacement goes out and how much is refunded follow the type: "
                             "check on the platform which the buyer asked for and set this cell to it."))
        if c.sku and r.sku and code_key(c.sku) != code_key(r.sku):
            issues.append(at(c, "sku", "warning",
                             f"售后单 {c.case_no} 的商家编码是 {c.sku}，退款导出说这笔退款 {no} 是 {r.sku}：算作同一笔售后，"
                             "没有另开售后单，商家编码没有改。退回入库的是这一格的商品：请核对订单和退回的包裹，把这一格改成对的。",
                             f"After-sales case {c.case_no} says SKU {c.sku}, the refund export says its refund {no} "
                             f"is of {r.sku}: taken as the same case, no second one opened, its SKU left as typed. "
                             "A return is put back in stock under this cell's SKU: check the order and the parcel "
                             "and set this cell right."))
    for no, cs in typed.unsure.items():
        r = typed.records[no]
        what = f"{r.sku or ''} {yuan(r.amount)}" if r.amount is not None else r.sku or ""
        names = "、".join(f"{c.case_no}{f'（退款金额 {yuan(c.amount)}）' if c.amount is not None else ''}" for c in cs)
        names_en = ", ".join(f"{c.case_no}{f' (refund {yuan(c.amount)})' if c.amount is not None else ''}" for c in cs)
        may, may_en = (f"可能就是售后单 {names}，看不出是不是", f"may be after-sales case {names_en}, which cannot be told") \
            if len(cs) == 1 else (f"可能是售后单 {names} 中的一个，看不出是哪个",
                                  f"may be any of after-sales cases {names_en}, which one cannot be told")
        unsure.append(at(cs[0], "order_no", "warning",
                         f"退款导出的退款 {no}（订单 {r.order_no}{'，' + what if what else ''}）{may}：没有另开售后单，"
                         f"也没有填哪一行。请在是它的那一行的“退款编号”填上 {no}（都不是就另登记一行，填上它），再导入一次"
                         "退款导出。",
                         f"The refund export's refund {no} (order {r.order_no}{', ' + what if what else ''}) {may_en}: "
                         f"no case opened for it and none filled in. Type {no} in the refund no. of the row that is it "
                         "(none: add a row for it with that number) and import the refund export again.",
                         value=cs[0].order_no))
    return cells, issues, unsure


def _open_again(c: AfterSalesCase, r: RefundRecord) -> Issue:
    """A case closed (by a person, or by an import for a refund closed then) whose refund the export says open or
    paid: the buyer asked again, or the platform pays it at its deadline. Said at its 状态, left as it is (whether the
    case goes on is a person's to say); closed, it is off the desk, its refund off the 客服's sales and its return
    refused at receive."""
    money = f" {yuan(r.amount)}" if r.amount is not None else ""
    if r.done:
        now, now_en = f"已退款{money}（流水账按退款导出记）", f"paid{money} (the ledger books it from the export)"
    else:
        now, now_en = "还在进行，没有关闭（买家重新申请，或卖家不处理平台会到期自动退款）", \
            "still open, not closed (asked again, or paid by the platform at its deadline unless answered)"
    return at(c, "status", "warning",
              f"售后单 {c.case_no} 是已关闭，退款导出说它的退款 {c.refund_no} {now}：请在平台核对，退款要退的把状态改回"
              "处理中（要寄回货的改等退货），已退款又不退货的改为已完成；确实不退的在平台上拒绝。",
              f"After-sales case {c.case_no} is closed, but the refund export says its refund {c.refund_no} is "
              f"{now_en}: check it on the platform; a refund going ahead: set the case back to open (waiting for "
              "return if goods come back), or done if paid with no goods back; one that should not: refuse it on "
              "the platform.")


_WANTS = re.compile(r"(.+) ¥(\d+(?:\.\d+)?)")  # 买家诉求 as a refund export's case writes it: 退货退款 ¥48.90


def amounts_now(records: list[RefundRecord], cases: list[AfterSalesCase], lines: list[OrderLine] = ()
                ) -> tuple[dict[int, dict], list[tuple[str, Decimal, Decimal]], list[Issue], list[Issue]]:
    """A case on the sheet whose refund a later export names with another amount (¥48.90 asked, ¥45.57
    paid): its 退款金额 and 买家诉求 cells set to it where both are still as the export's case wrote them
    (the cells to set, and (case no., was, now) to say); a case whose cells a person changed is left as
    it is, the two amounts said as a warning at its 退款金额. Last, apart: the refunds a person must say
    the typed case of (_typed_said), none opened or filled."""
    amount = {r.refund_no: r.amount for r in records if r.amount is not None}
    said = []
    cells, issues, unsure = _typed_said(typed_cases(records, cases, lines))  # a case typed by hand for the refund
    for c in cases:
        now = amount.get(c.refund_no) if c.row and c.refund_no else None
        if now is None or c.amount is None or now == c.amount:
            continue
        m = _WANTS.fullmatch((c.wants or "").strip())
        if m and m[1] in (c.type.value, c.type.en) and Decimal(m[2]) == c.amount:
            cells[c.row] = {"amount": now, "wants": f"{m[1]} ¥{now}"}
            said.append((c.case_no, c.amount, now))
        else:
            issues.append(at(c, "amount", "warning",
                             f"售后单 {c.case_no} 的退款金额是 {yuan(c.amount)}，退款导出说 {yuan(now)}（退款 {c.refund_no}）："
                             "这个售后单有人改过，没有替换，请核对。",
                             f"After-sales case {c.case_no} says a refund of {yuan(c.amount)}, the refund export {yuan(now)} "
                             f"(refund {c.refund_no}): the case was changed by hand, so it was left as it is. Please "
                             "check it."))
    return cells, said, issues, unsure


def _problem(no: str, ls: list[OrderLine], reason: str, numbers: Numbers, today: dt.date,
             note: str) -> AfterSalesCase:
    return AfterSalesCase.model_construct(
        case_no=numbers.next(today), opened_on=today, order_no=no, sku=None, qty=None, type=CaseType.PROBLEM,
        reason=reason or None, wants=None, needs=None, return_tracking=None, amount=None, exchange_sku=None,
        resend_order=None, status=CaseStatus.OPEN, due=due_of(CaseType.PROBLEM, today),
        staff=ls[0].cs if ls else None, refund_no=None, note=note, row=0)


def _has_problem_case(cases: list[AfterSalesCase], no: str) -> bool:
    # a resend is its case's own order: held, the case says why (next_step), no second case opens
    return any((c.order_no == no and (c.type is CaseType.PROBLEM or is_open(c)))
               or (c.resend_order == no and is_open(c)) for c in cases)


def open_cases_from_held(lines: list[OrderLine], cases: list[AfterSalesCase], today: dt.date,
                         lang: str = "zh") -> list[AfterSalesCase]:
    """A 问题件 per held order with no case of its own yet (one a person closed is not opened again);
    none for the resend of an open case, whose next step says the hold instead."""
    numbers = Numbers(cases)
    out: list[AfterSalesCase] = []
    for no, ls in _lines_of(lines).items():
        if ls[0].status is not OrderStatus.HELD or _has_problem_case(cases + out, no):
            continue
        out.append(_problem(no, ls, _why_held(ls[0]), numbers, today, "订单挂起" if lang == "zh" else "order held"))
    return out


def _why_held(ln: OrderLine, notes: bool = True) -> str:
    """Why an order is held, as a case says it: the platform's word (a refund), else its 审单结果
    without the "挂起：" before each reason (the case says the order is held already); without
    `notes`, the reasons alone."""
    return ln.platform_status or held_reasons(ln.review or "", notes)


def open_cases_from_scans(checks, lines: list[OrderLine], cases: list[AfterSalesCase], today: dt.date,
                          lang: str = "zh") -> list[AfterSalesCase]:
    """A 问题件 per order whose parcel failed the scan check (orders.scan ParcelCheck)."""
    numbers = Numbers(cases)
    orders = _lines_of(lines)
    out: list[AfterSalesCase] = []
    for chk in checks:
        if chk.ok or chk.already_shipped or not chk.order_no or chk.order_no not in orders:
            continue
        if any(c.order_no == chk.order_no and is_open(c) for c in cases + out):
            continue
        why = ("；" if lang == "zh" else "; ").join(zh if lang == "zh" else en for zh, en in chk.problems)
        out.append(_problem(chk.order_no, orders[chk.order_no], why, numbers, today,
                            "验货不过" if lang == "zh" else "failed the scan check"))
    return out


@dataclass
class Resends:
    lines: list[OrderLine] = field(default_factory=list)
    cells: dict[int, dict] = field(default_factory=dict)  # 售后 row → field → value
    issues: list[Issue] = field(default_factory=list)


def resend_lines(cases: list[AfterSalesCase], lines: list[OrderLine], today: dt.date, lang: str = "zh",
                 refused: set[int] = frozenset()) -> Resends:
    """The new order line of every exchange whose return came back, and of every open resend
    and lost-parcel case, not made yet: the order's receiver, the case's SKU (换货编码 for an
    exchange), no charge, 待审核. Its number is the order's with -R1, -R2 … (the case's 补发单号 links
    them; no 卖家备注, which the review rule 留言备注 would hold for a person). A case in `refused`
    (rows `case_issues` found wrong: an unknown 换货编码) gets none until it is put right."""
    res = Resends()
    orders = _lines_of(lines)
    taken = set(orders)
    for c in cases:
        if c.type not in NEEDS_RESEND or not is_open(c) or c.resend_order or c.row in refused:
            continue
        if c.type is CaseType.EXCHANGE and c.status is not CaseStatus.RETURNED:
            continue  # the new size goes once the old one is back
        ls = _with_gift(c, orders.get(c.order_no, []))
        if not ls:
            res.issues.append(Issue("error", f"售后单 {c.case_no} 的订单 {c.order_no} 不在订单表里：无法补发。",
                                    f"Case {c.case_no}: order {c.order_no} is not on the Orders sheet: nothing to "
                                    "resend.", sheet=AfterSalesCase.zh, row=c.row or None, field="order_no",
                                    value=c.order_no))
            continue
        # one line per SKU sent: a SKU on two rows of the order (typed, and from a bundle) is one line of
        # its units (the case's quantity where it says one), whether the case names the SKU or the whole order
        sent: dict[str, list[OrderLine]] = {}
        for ln in [ln for ln in ls if not c.sku or ln.sku == c.sku] or ls:
            sent.setdefault(c.exchange_sku or ln.sku, []).append(ln)
        k = 1
        while f"{c.order_no}-R{k}" in taken:
            k += 1
        no = f"{c.order_no}-R{k}"
        taken.add(no)
        for sku, same in sent.items():
            res.lines.append(same[0].model_copy(update={
                "order_no": no, "source": OrderSource.MANUAL, "platform": None, "agent_id": None,
                "paid_at": dt.datetime.combine(today, dt.time()), "sku": sku,
                "qty": c.qty or sum(ln.qty for ln in same), "unit_price": Decimal("0"), "platform_code": None,
                "shipping_fee": Decimal("0"), "buyer_message": None, "seller_note": None,
                "status": OrderStatus.NEW, "courier": None, "tracking_no": None, "shipped_on": None,
                "review": None, "batch": None, "gifts": None, "changes": None, "platform_status": None,
                "packer": None, "row": 0}))
        res.cells[c.row] = {"resend_order": no}
    return res


def resends_named(named) -> tuple[dict, dict]:
    """The 补发单号 the 售后 sheet names, (resend order, case status, what names it) each: those still to
    go and those called off, each resend order → what names it. Called off: named by closed cases alone
    (the parcel found, the buyer changed their mind). A case 已完成 sends it still, as an open one does:
    the shop finished that case with its resend (the desk says to mark it done once the resend went)."""
    going, off = {}, {}
    for order, status, who in named:
        if order:
            (off if status is CaseStatus.CLOSED else going)[order] = who
    return going, {no: who for no, who in off.items() if no not in going}


def resends_retyped(named) -> dict:
    """The 补发单号 of open cases that send nothing now (an exchange made a 退货退款 once its resend was
    made), from (resend order, case status, case type, case no.) each: resend order → (case no., type);
    not one another open exchange, resend or lost parcel still sends."""
    open_ = [(order, kind, who) for order, status, kind, who in named
             if order and kind is not None and status is not CaseStatus.CLOSED]
    sent = {order for order, kind, _ in open_ if kind in NEEDS_RESEND}
    return {order: (who, kind) for order, kind, who in open_ if kind not in NEEDS_RESEND and order not in sent}


def called_off(cases: list[AfterSalesCase], lines: list[OrderLine]) -> list[Issue]:
    """A warning at each closed case whose resend has not gone yet (待审核 or 已审核; `resends_named`):
    the review holds a 待审核 one, but one approved already is picked and shipped unless a person
    closes it too. And at each case that takes no resend now (an exchange whose new size is out of
    stock made a refund, 退货退款, once its resend was made) whose resend has not gone (held too: released
    once the stock comes, it would ship free goods to a buyer refunded)."""
    made = resends_named((c.resend_order, c.status, c) for c in cases)[1]
    kept = {c.resend_order: c for c in cases if c.resend_order and c.type not in NEEDS_RESEND and c.status is not
            CaseStatus.CLOSED and c.resend_order not in made}
    if not made and not kept:
        return []
    out = []
    for no, ls in _lines_of([ln for ln in lines if ln.order_no in made or ln.order_no in kept]).items():
        status = order_status(ls)
        if (c := kept.get(no)) is not None and status in NOT_SENT:
            out.append(at(c, "resend_order", "warning",
                          f"售后单 {c.case_no} 现在是“{c.type.value}”，不补发，它的补发单 {no} 却还没发出（{status.value}）："
                          f"不再补发的话，请在订单表把补发单 {no} 的状态改为“已关闭”（已拣货的，从包裹里撤下）；还要补发：把类型"
                          "改回换货、补发或丢件。",
                          f"Case {c.case_no} is now a {c.type.en} case, which sends nothing, but its resend {no} has "
                          f"not shipped ({status.en}): if it is not to go, set resend {no}'s status to closed on the "
                          "Orders sheet (pull it from the parcels if picked); if it still goes, set the case's type "
                          "back to exchange, resend or lost parcel."))
        elif status in (OrderStatus.NEW, OrderStatus.APPROVED) and (c := made.get(no)) is not None:
            out.append(at(c, "resend_order", "warning",
                          f"售后单 {c.case_no} 已关闭，它的补发单 {no} 还没发出（{status.value}）：不再补发的话，请在订单表"
                          f"把补发单 {no} 的状态改为“已关闭”（已拣货的，从包裹里撤下）；确实还要发：可不理。",
                          f"Case {c.case_no} is closed, but its resend {no} has not shipped ({status.en}): if it is not "
                          f"to go, set resend {no}'s status to closed on the Orders sheet (pull it from the parcels if "
                          "picked); if it still goes, ignore this."))
    return out


def return_moves(cases: list[AfterSalesCase], movements: list[Movement], lines: list[OrderLine],
                 today: dt.date, refused: set[int] = frozenset(), lang: str = "zh", received: set[int] = frozenset()
                 ) -> tuple[list[Movement], list[Issue]]:
    """A 退货 movement per return or exchange marked received whose goods are not posted yet
    (a 退货 row with the case number as 单号 is posted, and so is one a person typed under its
    退货单号: said for the rows `received` this run); none for a case in `refused` (a quantity
    or SKU the order does not back: the movement would be wrong)."""
    posted = {code_key(m.ref) for m in movements if m.type is MovementType.RETURN and m.ref}  # (th-1 is TH-1)
    orders = _lines_of(lines)
    moves, issues = [], []
    # a return posted, then its 数量 or 商家编码 put right (the parcel held fewer): the stock is off until
    # a person adjusts it; what the case's number posted (退货 and 调整 under it) against what it now says
    net = _posted(movements)
    back = _returned(movements)
    # a return typed twice and posted twice, the repeat closed since: its 退货 is still in stock (the
    # open repeat's error is case_issues', which refuses it)
    by_row = {c.row: c for c in cases}
    by_parcel = typed_by_parcel(cases, movements)
    alike = Counter(code_key(c.order_no) for c in cases if c.type in GOODS_BACK and c.status is not CaseStatus.CLOSED)
    issues += [_repeat_issue(by_row[row], k, net) for row, k in _same_return(cases, net).items()
               if by_row[row].status is CaseStatus.CLOSED]
    for c in cases:
        if (c.type in GOODS_BACK and code_key(c.case_no) in net and c.row not in refused and c.status is not CaseStatus.CLOSED
                and not units_asked(c)):
            ls = _case_lines(c, orders)
            if c.sku or ls:
                # (a parcel of two typed by hand: its units are in stock, the rest posted under the case's number)
                says = Counter(dict(_goods(c, ls)))
                says.subtract(typed_part(c, _typed_by_hand(c, by_parcel, alike[code_key(c.order_no)] == 1)))
                issues += _posted_off(c, net[code_key(c.case_no)], dict(says), back.get(code_key(c.case_no), {}))
    for c in cases:
        if (c.type not in GOODS_BACK or c.status is not CaseStatus.RETURNED or code_key(c.case_no) in posted
                or c.row in refused):
            continue
        ls = _case_lines(c, orders)
        if not ls and not c.sku:
            issues.append(Issue("error", f"售后单 {c.case_no}：不知道退回的是什么商品，请填商家编码和数量。",
                                f"Case {c.case_no}: which goods came back is unknown: fill in its SKU and "
                                "quantity.", sheet=AfterSalesCase.zh, row=c.row or None, field="sku"))
            continue
        goods = None
        if hand := _typed_by_hand(c, by_parcel, alike[code_key(c.order_no)] == 1):  # typed in: posted once
            m = hand[0]
            # a return in two parcels, one typed in by hand: the rest of the case's 数量 is posted now (before:
            # nothing, stock short by the other parcel's units)
            part = typed_part(c, hand)
            rest = [(sku, q - part[sku]) for sku, q in _goods(c, ls) if q - part[sku] > 0] if part else []
            # posted in the run that receives the case only: one marked 已收到退货 before (by hand, an older
            # version) may have its other parcel typed in too, under no number the desk knows (before: posted
            # again on a plain run, stock over by it)
            goods = rest if c.row in received else []
            rows = "、".join(dict.fromkeys(str(own_row(x.row)) for x in hand))
            typed_zh = "、".join(f"{x.sku} × {x.qty}（单号 {x.ref}）" for x in hand)
            typed_en = ", ".join(f"{x.qty} × {x.sku} (ref {x.ref})" for x in hand)
            if rest and not goods:
                rest_zh, rest_en = "、".join(f"{k} × {q}" for k, q in rest), ", ".join(f"{q} × {k}" for k, q in rest)
                issues.append(at(c, "status", "warning",
                                 f"售后单 {c.case_no} 已标记收到退货，它的退货只有一部分在 stock.xlsx 的“出入库”第 {rows} 行手工入库"
                                 f"（{m.date:%Y-%m-%d}，{typed_zh}），其余的 {rest_zh} 没有入库记录，这次没有自动入库"
                                 f"（另一个包裹可能已手工入库，单号空着或填了别的）。其余的货已经入库的：把它入库的那一行的单号改为 {c.case_no}；"
                                 f"还没有入库的：在“出入库”加一行，类型“退货”，"
                                 + "、".join(f"商家编码 {k}，数量 {q}" for k, q in rest) + f"，单号 {c.case_no}。",
                                 f"Case {c.case_no} is marked returned, but only part of its return was typed in by hand "
                                 f"on row {rows} of the Movements sheet of stock.xlsx ({m.date:%Y-%m-%d}, {typed_en}); "
                                 f"the rest, {rest_en}, has no movement and was not posted now (the other parcel may "
                                 f"have been typed in by hand with a blank or other ref). If the rest is in stock "
                                 f"already: set the ref of the row it was typed on to {c.case_no}; if not: add a row to the Movements "
                                 "sheet: type return, " + "; ".join(f"SKU {k}, quantity {q}" for k, q in rest)
                                 + f", ref {c.case_no}."))
            elif c.row in received:  # (said as it is received, not on every run after)
                now_zh = (f"这次入库其余的 {'、'.join(f'{k} × {q}' for k, q in goods)}（单号 {c.case_no}）。" if goods
                          else "没有再入库。")
                now_en = (f"the rest, {', '.join(f'{q} × {k}' for k, q in goods)}, posted now (ref {c.case_no})."
                          if goods else "not posted again.")
                issues.append(at(c, "return_tracking", "warning",
                                 f"售后单 {c.case_no} 的退货已在 stock.xlsx 的“出入库”第 {rows} 行手工入库（{m.date:%Y-%m-%d}，"
                                 f"{typed_zh}）：{now_zh}",
                                 f"Case {c.case_no}: its return was posted by hand on row {rows} of the Movements sheet "
                                 f"of stock.xlsx ({m.date:%Y-%m-%d}, {typed_en}): {now_en}"))
            if not goods:
                continue
        if units_asked(c):  # a partial refund's parcel is back: only the units in it come back to stock
            issues.append(Issue("error", f"售后单 {c.case_no}：退货已收到，请在“数量”填上退回了几件，才记退货入库"
                                         "（部分退款，平台没有说退几件）。",
                                f"Case {c.case_no}: the return is back; type how many units came back in its "
                                "quantity (qty) to post it (a partial refund: the platform does not say how many).",
                                sheet=AfterSalesCase.zh, row=c.row or None, field="qty"))
            continue
        for sku, qty in _goods(c, ls) if goods is None else goods:
            moves.append(Movement.model_construct(date=today, sku=sku, type=MovementType.RETURN, qty=qty,
                                                  ref=c.case_no, note=f"{c.order_no} {c.type.value if lang == 'zh' else c.type.en}",
                                                  row=0))
        posted.add(code_key(c.case_no))
    return moves, issues


def returns_back(cases: list[AfterSalesCase], movements: list[Movement]) -> dict[str, tuple[list[str], bool]]:
    """The orders (code_key of the number) whose goods are back by their 售后 cases: each return or exchange of
    the order not closed is 已收到退货, or 已完成 with its 退货 posted (under its number, or typed by hand under
    its 退货单号 or, its order's one such case, the order's number); → their case numbers and whether every one's
    退货 is posted (an 已收到退货 not yet: the desk posts it). An order with one still coming, or 已完成 with none
    posted (typed in done: its goods never came into stock), is none."""
    posted = {code_key(m.ref) for m in movements if m.type is MovementType.RETURN and m.ref}
    by_parcel = typed_by_parcel(cases, movements)
    of: dict[str, list[AfterSalesCase]] = defaultdict(list)
    for c in cases:
        if c.type in GOODS_BACK and c.status is not CaseStatus.CLOSED and c.order_no:
            of[code_key(c.order_no)].append(c)
    out = {}
    for no, cs in of.items():
        done = [code_key(c.case_no) in posted or bool(_typed_by_hand(c, by_parcel, len(cs) == 1)) for c in cs]
        if all(c.status is CaseStatus.RETURNED or (c.status is CaseStatus.DONE and d) for c, d in zip(cs, done)):
            out[no] = ([c.case_no for c in cs], all(done))
    return out


RECENT_DAYS = 30  # a 退货退款 typed 已完成 with no 退货 posted is said this long after it was opened


def never_posted(c: AfterSalesCase, refs: Collection[str]) -> bool:
    """Whether `c` is a 退货退款 or 换货 marked 已完成 with nothing posted for it: no 退货 or 调整 row (`refs`: their
    单号, by code_key) under its case number, its 退货单号 or its order's number, of whatever SKU (a return the
    warehouse typed in by hand is in stock, its SKU right or not)."""
    return c.type in GOODS_BACK and c.status is CaseStatus.DONE and c.opened_on is not None and not any(
        k in refs for k in ({code_key(c.case_no), code_key(c.order_no)} | _return_keys(c)) if k)


def never_sent(c: AfterSalesCase, resends: Collection[str]) -> bool:
    """Whether `c` is a 换货 marked 已完成 whose new goods never went: its 补发单号 blank and no order on the sheet
    numbered as its resend would be (<order>-R1, -R2 …) that another case does not name (`resends`: those order
    numbers, by code_key; one a person typed in by hand is sent)."""
    return (c.type is CaseType.EXCHANGE and c.status is CaseStatus.DONE and c.opened_on is not None
            and not c.resend_order and bool(c.order_no) and code_key(c.order_no) not in resends)


# done_not_posted's command lines ({receive}, {desk}: zh, en), and as a box in Excel says them (zh, en): the buttons
DONE_COMMANDS = {
    "receive": ("运行 shopbook aftersales receive {no} ", "run shopbook aftersales receive {no}",
                "扫描它的退货单号（或在扫描文件里写上售后单号 {no}），再按“{b[btnAftersalesReceive]}”选那个文件",
                "scan its return's tracking no. (or put the case number {no} in a scan file), then press "
                "{b[btnAftersalesReceive]} and choose that file"),
    "desk": ("运行 shopbook aftersales ", "run shopbook aftersales", "按“{b[btnAftersales]}”", "press {b[btnAftersales]}"),
}


def done_not_posted(cases: list[AfterSalesCase], movements: list[Movement], today: dt.date,
                    lines: list[OrderLine] = (), boxed: bool = False) -> list[Issue]:
    """A warning at each 退货退款 or 换货 case a person set (or typed straight in) 已完成 whose 退货 was never posted
    (`never_posted`), and at each such 换货 whose new goods never went (`never_sent`: no resend made, `lines` the
    订单 rows), opened within RECENT_DAYS of `today`: the desk posts the 退货 of a return marked received only,
    and makes an exchange's resend while it is open, so the goods back were never in stock, the buyer never sent
    what they asked for. (An older one is the shop's books before this check: left as it is.)"""
    refs = {code_key(m.ref) for m in movements if m.type in (MovementType.RETURN, MovementType.ADJUST) and m.ref}
    named = {code_key(c.resend_order) for c in cases if c.resend_order}
    resent = {code_key(no.rpartition("-R")[0]) for no in {ln.order_no for ln in lines if ln.order_no}
              if re.fullmatch(r".+-R\d+", no) and code_key(no) not in named}
    out = []
    for c in cases:
        if c.opened_on is None or c.opened_on < today - dt.timedelta(days=RECENT_DAYS):
            continue
        back, sent, no = not never_posted(c, refs), not never_sent(c, resent), c.case_no
        if back and sent:
            continue
        # ({receive}, {desk}: the command lines, said as the buttons to press by a box in Excel: DONE_COMMANDS)
        if c.type is CaseType.RETURN:
            zh = ("售后单 {no} 是已完成的退货退款，但它的退货从没有入库（stock.xlsx 的“出入库”里没有它的退货行），库存少了退回的货。"
                  "货已退回的，{receive}记退货入库；还没到的，把状态改回“等退货”；"
                  "买家不退货的，把类型改为“仅退款”。")
            en = ("Case {no} is a return marked done, but its return was never posted (the Movements sheet of "
                  "stock.xlsx has no return row for it), so stock is short of the goods that came back. If they "
                  "are back, {receive} to post them; if they are still on the way, set "
                  "its status back to waiting for return; if the buyer sends nothing back, set its type to refund "
                  "only.")
        elif sent:
            zh = ("售后单 {no} 是已完成的换货，但它的退货从没有入库（stock.xlsx 的“出入库”里没有它的退货行），库存少了退回的货。"
                  "货已退回的，{receive}记退货入库；还没到的，把状态改回“等退货”。")
            en = ("Case {no} is an exchange marked done, but its return was never posted (the Movements sheet of "
                  "stock.xlsx has no return row for it), so stock is short of the goods that came back. If they are "
                  "back, {receive} to post them; if they are still on the way, set its "
                  "status back to waiting for return.")
        elif back:
            zh = ("售后单 {no} 是已完成的换货，它的退货已入库，但换的货从没有补发（“补发单号”是空的，订单表里也没有它的补发单），"
                  "买家没有收到要换的货。要补发的，把状态改回“已收到退货”，再{desk}生成补发单；"
                  "已另外发出的，在“补发单号”填上那张订单的编号。")
            en = ("Case {no} is an exchange marked done and its return is posted, but the replacement was never sent "
                  "(its resend order is blank and the Orders sheet has no resend of it), so the buyer never got what "
                  "they asked for. To send it, set its status back to returned and {desk}, which "
                  "makes the resend; if it went another way, type that order's number in its resend order.")
        else:
            zh = ("售后单 {no} 是已完成的换货，但它的退货从没有入库（stock.xlsx 的“出入库”里没有它的退货行），换的货也从没有补发"
                  "（“补发单号”是空的，订单表里也没有它的补发单）。货已退回的，把状态改回“已收到退货”，再{desk}"
                  "记退货入库并生成补发单；还没到的，把状态改回“等退货”；换的货已另外发出的，在“补发单号”填上那张订单的编号。")
            en = ("Case {no} is an exchange marked done, but its return was never posted (the Movements sheet of "
                  "stock.xlsx has no return row for it) and the replacement was never sent (its resend order is blank "
                  "and the Orders sheet has no resend of it). If the goods are back, set its status back to returned "
                  "and {desk}, which posts the return and makes the resend; if they are still on the "
                  "way, set its status back to waiting for return; if the replacement went another way, type that "
                  "order's number in its resend order.")
        said = [t.format(no=no, **{k: w[lg].format(no=no) for k, w in DONE_COMMANDS.items()}) for lg, t in enumerate((zh, en))]
        issue = at(c, "status", "warning", *said)
        if boxed:  # (the desk's, which a box in Excel shows; validate's words are the command line's)
            issue = issue.with_(by_button=tuple(t.format(no=no, **{k: w[2 + lg].format(no=no, b=_labels(("zh", "en")[lg]))
                                                                   for k, w in DONE_COMMANDS.items()})
                                                for lg, t in enumerate((zh, en))))
        out.append(issue)
    return out


def typed_by_parcel(cases: list[AfterSalesCase], movements: list[Movement]) -> dict[str, list[Movement]]:
    """The 退货 rows a person typed under a parcel's tracking number or an order's number (not a case number: the
    desk's own), by their 单号 (code_key): what _typed_by_hand looks in."""
    numbers = {code_key(c.case_no) for c in cases}
    by_parcel: dict[str, list[Movement]] = defaultdict(list)
    for m in movements:
        if m.type is MovementType.RETURN and m.ref and code_key(m.ref) not in numbers:
            by_parcel[code_key(m.ref)].append(m)
    return by_parcel


def _typed_by_hand(c: AfterSalesCase, by_parcel: dict[str, list[Movement]], by_order: bool = False) -> list[Movement]:
    """The 退货 rows typed by hand under case `c`'s 退货单号 (yt1 is YT1), or, `by_order` (no other case of
    the order takes goods back: whose the row is would not be known), under its order's number,
    as the warehouse often types a parcel back, of its SKU (any, for a case of the whole order): the parcel
    in stock already. (Two cases of one parcel, a SKU each: each its own.) A cell of two parcels' numbers (YT1 / YT2)
    or one with a remark (YT1（破损）): a row under any of its numbers (before: none found, posted a second time)."""
    keys = sorted(_return_keys(c))
    if by_order:
        keys.append(code_key(c.order_no))
    return [m for k in dict.fromkeys(keys) for m in by_parcel.get(k, ()) if not c.sku or m.sku == c.sku]


def typed_part(c: AfterSalesCase, hand: list[Movement]) -> Counter:
    """SKU → units of case `c` typed in by hand (`hand`: _typed_by_hand's rows) where they are a part of it: its
    退货单号 cell names two parcels or more (YT1 / YT2) and the rows are under some of those numbers, not all (the
    others' units are still to post, under the case's number). Empty otherwise (the rows are the whole return)."""
    nos = {code_key(n) for n in return_numbers_of(c)}
    refs = {code_key(m.ref) for m in hand}
    # (rows under its order's number, as _typed_by_hand takes them: a parcel typed in as the warehouse often types
    # one; before, taken for the whole return, the rest never posted)
    if len(nos) < 2 or not refs or nos <= refs or not refs <= nos | {code_key(c.order_no)}:
        return Counter()
    out = Counter()
    for m in hand:
        out[m.sku] += m.qty
    return out


def _returned(movements: list[Movement]) -> dict[str, Counter]:
    """Case number (its code_key) → SKU → the units its 退货 rows posted back, without the 调整 under it."""
    out: dict[str, Counter] = defaultdict(Counter)
    for m in movements:
        if m.ref and m.type is MovementType.RETURN:
            out[code_key(m.ref)][m.sku] += m.qty
    return out


def _posted_off(c: AfterSalesCase, net: dict[str, int], says: dict[str, int],
                returned: dict[str, int] | None = None) -> list[Issue]:
    """The 调整 each SKU needs where the 退货 posted under case `c` is not what the case now says.
    `returned`: the units its 退货 rows alone posted: where they hold what the case says, units a 调整 under
    its number took off since are the return's quality check (the seeds' 质量回检: goods not fit to sell
    again, written off), never a miscount to put back (before: "stock is 1 short, add 1", the torn shirt
    back on the shelf)."""
    out = []
    for sku in dict.fromkeys([*net, *says]):
        have, want = net.get(sku, 0), says.get(sku, 0)
        if have == want or 0 <= have < want <= (returned or {}).get(sku, 0):
            continue
        back = (returned or {}).get(sku, 0)
        if have < 0 and want <= back:  # written off past what came back: back to none under it, not to the count
            out.append(Issue(
                "error", f"售后单 {c.case_no} 退回 {sku} × {back}，出入库在这个单号下调整掉了 {back - have} 件：多调了 {-have} 件。"
                         f"请在 stock.xlsx 的“出入库”表加一行：类型“调整”，商家编码 {sku}，数量 {-have}，单号 {c.case_no}"
                         "（或改正那几行调整）。",
                f"Case {c.case_no}: {back} × {sku} came back, and adjustments under its number took off {back - have}: "
                f"{-have} too many. Add a row to the Movements sheet of stock.xlsx: type adjust, SKU {sku}, "
                f"quantity {-have}, ref {c.case_no} (or correct those adjustments).",
                sheet=AfterSalesCase.zh, row=c.row or None, field="qty", value=show_value(c.qty)))
            continue
        d = want - have
        out.append(Issue(
            "error", f"售后单 {c.case_no} 已退货入库 {sku} × {have}，售后表现在是 × {want}：库存{'少' if d > 0 else '多'}记了 "
                     f"{abs(d)} 件。请在 stock.xlsx 的“出入库”表加一行：类型“调整”，商家编码 {sku}，数量 {d}，单号 {c.case_no}"
                     "（或改正售后表的数量）。",
            f"Case {c.case_no}: {have} × {sku} was posted back to stock, but the case now says {want}: stock is "
            f"{abs(d)} {'short' if d > 0 else 'over'}. Add a row to the Movements sheet of stock.xlsx: type adjust, "
            f"SKU {sku}, quantity {d}, ref {c.case_no} (or correct the case's quantity).",
            sheet=AfterSalesCase.zh, row=c.row or None, field="qty", value=show_value(c.qty)))
    return out


PAST_RETURN = (CaseStatus.RETURNED, CaseStatus.DONE, CaseStatus.CLOSED)  # no return to wait for any more


_RUNS = re.compile(r"[A-Za-z0-9]+")  # (a 退货单号 cell's runs of letters and digits: its numbers, the words beside them not)


def return_numbers_of(c: AfterSalesCase) -> tuple[str, ...]:
    """The tracking numbers (code_key) of the parcels a case's 退货单号 cell names: the runs in it of a courier's
    number shape (couriers.by_number: YT…, SF…, 75…), so "YT1 / YT2", "YT1，YT2" (the buyer sent the return in
    two parcels) are two and "YT1 已签收", "YT1（破损）" (a remark beside it) one; a cell with no such run is its
    whole, as typed (a small courier's number, a test's YT1). As written (half-width); compared by code_key. Worked
    out once a case (match_returns' index)."""
    return _numbers_in(c.return_tracking) if c.return_tracking else ()


@functools.lru_cache(maxsize=1 << 14)
def _numbers_in(cell: str) -> tuple[str, ...]:
    """return_numbers_of a cell (kept: the desk asks of each case more than once a run, a year of them)."""
    if not code_key(cell):
        return ()
    # (no courier's number is shorter than 10 characters: EA123456789CN, DPK…)
    shaped = {code_key(t): t for t in _RUNS.findall(normalize_text(cell)) if len(t) >= 10 and by_number(t)}
    return tuple(shaped.values()) or (cell.strip(),)


def _return_keys(c: AfterSalesCase, numbers: tuple[str, ...] | None = None) -> set[str]:
    """What a scan of a case's return parcel may be (code_key): the 退货单号 cell as typed, and each number in it."""
    return ({code_key(c.return_tracking)} | set(map(code_key, return_numbers_of(c) if numbers is None else numbers))
            ) - {""}


def _parcels(found: list[AfterSalesCase]) -> int:
    """How many parcels an order's open returns are: one per 退货单号 typed (a cell of two numbers, the buyer's
    two parcels of one case, is one case to receive); the rows of one type with
    it blank, one (a return typed a row per SKU), unless two of them name one SKU (a return typed
    twice, or two parcels of that SKU: either way one scan is not both)."""
    typed, blank = set(), {}  # (blank: type → the SKUs of its rows)
    for c in found:
        if code_key(c.return_tracking):
            typed.add(frozenset(map(code_key, return_numbers_of(c))))
        else:
            blank.setdefault(c.type, []).append(c.sku)
    return len(typed) + sum(1 if len(set(skus)) == len(skus) else len(skus) for skus in blank.values())


def match_returns(codes: list[str], cases: list[AfterSalesCase], refused: set[int] = frozenset(),
                  same: list[tuple[str, str, AfterSalesCase]] | None = None,
                  parts: list[tuple[str, AfterSalesCase, tuple[str, ...]]] | None = None,
                  posted: Collection[str] = frozenset()) -> tuple[dict[int, dict], list[str], list[str], list[tuple[str, AfterSalesCase]],
                             list[tuple[str, AfterSalesCase]], list[tuple[str, list[AfterSalesCase]]]]:
    """Received parcels, each code a case number, the return's tracking number or the order
    number: the cells that mark their cases received, the codes matched, the codes that name no
    case, (code, case) for each case the code names that waits for no return any more (received
    before, or closed), (code, case) for a case it names that takes no goods back (投诉, 仅退款),
    and (code, cases) for an order number whose open returns are several parcels (`_parcels`: which
    one came is not known): nothing to mark, each said as such. A
    case in `refused` stays as it is (its 退货 would be wrong; the issue at its row says why). The
    cases are not changed (they are the read's, which the parsed-sheet cache keeps). Codes are
    compared as values.code_key compares them: a courier's tracking number scanned as yt1 is the
    case's YT1 (letter case, spaces and full-width aside), and so are case and order numbers. `same`, where
    given, gets (code, the code scanned before it, case) for a code naming only cases an earlier code of this
    scan marked (the parcel's return tracking no., then its case no.): one parcel, not received twice (before:
    both said ✓ received, as if two parcels had come). A 退货单号 cell may name two parcels (return_numbers_of: YT1 /
    YT2, the buyer's return in two boxes): either scanned receives the case, both receive it once (its 数量 posted
    once); `parts`, where given, gets (code, case, the cell's numbers) for each code naming a case so. By the
    order number, where a code of this scan (anywhere in it) names one of the order's cases by its own number or its
    parcel's, the order number is that parcel again (its label, then the slip's order barcode: `same`), never the
    order's other return (before: that one was received too, its goods posted with no parcel back), whatever that
    case's status (received in an earlier run: the same scan pressed again). Otherwise a case received
    in an earlier run is no candidate: its status says so, or its 退货 is posted under its number (`posted`,
    code_key: a run that wrote stock.xlsx and stopped before orders.xlsx, its status left 等退货)."""
    cells, hit, missed, again, no_return, several = {}, [], [], [], [], []
    by: dict[int, str] = {}  # a case's row → the code of this scan that marked it
    index: dict[str, list[int]] = defaultdict(list)  # a code_key → the cases (their place) it names, each split once
    numbers: list[tuple[str, ...]] = []
    own: list[set[str]] = []  # each case's own keys: its number and its parcels' (not its order's)
    for i, c in enumerate(cases if codes else ()):
        numbers.append(return_numbers_of(c))
        own.append(({code_key(c.case_no)} | _return_keys(c, numbers[-1])) - {""})
        for k in own[-1] | {code_key(c.order_no)}:
            if k:
                index[k].append(i)
    scanned: dict[str, str] = {}  # a parcel scanned twice in one go (yt1, YT1) is one parcel, said as first scanned
    for code in codes:
        if code.strip() and (key := code_key(code)):
            scanned.setdefault(key, code.strip())
    # a case's row → the first code of this scan (anywhere in it) naming it by its own number or parcel's: the
    # order number of that parcel's slip is that parcel again, never its order's other return; whatever its status
    # (before: one received in an earlier run, the same scan pressed again, left the slip's order number to the
    # other return, its goods posted with no parcel back)
    named_by: dict[int, str] = {}
    for key, code in scanned.items():
        for i in index.get(key, ()):
            c = cases[i]
            if key in own[i] and c.type in GOODS_BACK and c.row not in refused:
                named_by.setdefault(c.row, code)
    for key, code in scanned.items():
        places = index.get(key, [])
        any_case = [cases[i] for i in places]
        named = [c for c in any_case if c.type in GOODS_BACK]
        found = [c for c in named if c.status not in PAST_RETURN]
        if not found:
            again += [(code, c) for c in named]
            if not named and any_case:
                no_return.append((code, any_case[0]))
            elif not named:
                missed.append(code)
            continue
        by_own = {cases[i].row for i in places if key in own[i]}
        split = [(code, cases[i], numbers[i]) for i in places if len(numbers[i]) > 1 and key in map(code_key, numbers[i])
                 and cases[i].type in GOODS_BACK and cases[i].status not in PAST_RETURN]
        if parts is not None:
            parts += split
        # by the order number, an order waiting for two parcels (an exchange and a return): the one
        # scanned is not known, and marking both would post goods not back and resend early; one this scan
        # marked already is in, no candidate
        if not any(c.row in by_own for c in found):
            # by the order number: a case a code of this scan names is the parcel scanned (its label, then the
            # order barcode on its slip: before, the order's other return was received too, its goods posted with
            # no parcel back, and again on a rerun after a crash); one received in an earlier run is no candidate
            # (its status says so, or its 退货 is posted under its number: a run stopped before orders.xlsx)
            if ones := [c for c in found if c.row in named_by] or [c for c in named if c.row in named_by]:
                if same is not None:
                    same.append((code, named_by[ones[0].row], ones[0]))
                continue
            left = [c for c in found if c.row not in by and code_key(c.case_no) not in posted]
            if _parcels(left) > 1:
                several.append((code, left))
                continue
            found = left or found
        found = [c for c in found if c.row not in refused]
        if found and all(c.row in by for c in found):
            if same is not None and not split:  # (a case's other parcel: said in `parts`)
                same.append((code, by[found[0].row], found[0]))
            continue
        if found:
            hit.append(code)
        for c in found:
            cells[c.row] = {"status": CaseStatus.RETURNED}
            by.setdefault(c.row, code)
    return cells, hit, missed, again, no_return, several


def refund_proposals(cases: list[AfterSalesCase], entries, categories, accounts, lang: str = "zh",
                     lines: list[OrderLine] = (), refused: set[int] = frozenset()):
    """Ledger lines for the refunds of cases typed by hand that the ledger does not hold (a
    case with a 退款编号 came from the refund export, which books its refund at import once the
    platform has paid it: never proposed here, before it is paid). None for an agent's order
    (`lines`): its return is credited on the agent's statement, a refund booked too would pay twice;
    none for a case in `refused` (a return typed twice would be refunded twice)."""
    from ..orders.refunds import Refund, order_platform, refund_entries

    orders = _lines_of(lines)
    wanted = [c for c in cases if _proposed(c, orders) and c.row not in refused]
    # an order number not on the 订单 sheet (a digit dropped or swapped): no account to tell, and a line under
    # that number would match no Alipay row; said at its cell, never as an order typed by hand
    stray = [c for c in wanted if lines and c.order_no not in orders]
    # paid back from the account the order's money came in by (its platform's; not told for one typed by hand)
    refunds = [Refund(c.order_no, c.case_no, c.amount, c.opened_on, c.reason or "", via="case",
                      platform=order_platform(orders.get(c.order_no, [None])[0]))
               for c in wanted if c not in stray]
    out, issues = refund_entries(refunds, entries, categories, accounts, lang)
    said = [(f"售后单 {c.case_no} 的订单 {c.order_no} 不在“订单”表里：退款 {yuan(c.amount)} 没有建议记账。",
             f"Case {c.case_no}'s order {c.order_no} is not on the Orders sheet: no ledger line was proposed "
             f"for its refund of {yuan(c.amount)}.") for c in stray]
    b = {lg: _labels(lg)["btnAftersales"] for lg in ("zh", "en")} if stray else {}
    return out, [at(c, "order_no", "warning", zh + "请改正订单编号，再运行 shopbook aftersales 店铺。",
                    en + " Correct the order number, then run shopbook aftersales SHOP again.").with_(
                     by_button=(zh + f"请改正订单编号，再按“{b['zh']}”。",
                                en + f" Correct the order number, then press {b['en']} again."))
                 for c, (zh, en) in zip(stray, said)] + issues


STEPS = {
    # (a column named as the shop's own sheet heads it: 退货单号 / return_tracking, 数量 / qty)
    "return_no": ("向买家要退货单号，填在“退货单号”", "ask the buyer for the return's tracking no. (return_tracking)"),
    "needs": ("收齐：{needs}", "collect: {needs}"),
    "await": ("退货到了扫描：shopbook aftersales receive 店铺 {ref}", "scan the return when it comes: "
              "shopbook aftersales receive SHOP {ref}"),
    "refund": ("在平台上同意退款{amount}，然后改为已完成", "agree the refund{amount} on the platform, then mark it done"),
    # typed by hand with no 退款金额: the ledger's refund line is proposed from the amount (_proposed)
    "refund_amount": ("在平台上同意退款，把退款金额填在“退款金额”（流水账据此记退款），然后改为已完成",
                      "agree the refund on the platform and type its amount (amount: the ledger books the refund "
                      "from it), then mark it done"),
    "refunded": ("平台已退款{amount}（流水账已记）：改为已完成", "refunded{amount} on the platform (in the ledger): mark it done"),
    # the ledger did not read (the self-check of a damaged ledger.xlsx): whether the platform has paid it is not known
    "refund_unsure": ("先在平台上查退款{amount}：流水账读不出，不知道付了没有；没付的同意退款，然后改为已完成",
                      "look the refund{amount} up on the platform first: the ledger does not read, so whether it is "
                      "paid is not known; if it is not, agree it; then mark it done"),
    # an agent's order is paid for on the agent's monthly statement, not through the platform
    "agent_return": ("代理 {agent} 的订单：不在平台退款，退回的货在代理月结中冲抵货款（shopbook agents settle）：改为已完成",
                     "agent {agent}'s order: no refund on the platform; the goods back are credited on the agent's "
                     "monthly statement (shopbook agents settle): mark it done"),
    "agent_refund": ("代理 {agent} 的订单：不在平台退款，代理月结只冲抵退回的货：与代理商定怎么补偿，然后改为已完成",
                     "agent {agent}'s order: no refund on the platform, and the monthly statement credits only goods "
                     "that came back: agree any compensation with the agent, then mark it done"),
    "resend": ("补发单 {resend}：审单、拣货、发货（shopbook daily）", "resend {resend}: review, pick, ship (shopbook daily)"),
    "resend_held": ("补发单 {resend} 已挂起：{held}。处理好后在订单表改为已审核（或改回待审核再审单）",
                    "resend {resend} is held: {held}. Once settled, set it to approved on the Orders sheet (or back "
                    "to new to review it again)"),
    "resent": ("补发单 {resend} 已发出：确认后改为已完成", "resend {resend} shipped: confirm, then mark it done"),
    # the resend closed or cancelled on the Orders sheet (the parcel turned up): nothing goes out for the case
    # the resend's rows deleted from the Orders sheet: nothing to pick, and none made again while the cell names it
    "resend_gone": ("补发单 {resend} 不在订单表里（被删了？）：还要补发的话，清空“补发单号”再运行 shopbook aftersales 店铺 重新生成；"
                    "不再补发：把这个售后单改为已关闭",
                    "resend {resend} is not on the Orders sheet (deleted?): if it still goes, clear the resend_order "
                    "cell and run shopbook aftersales SHOP to make it again; if not, set this case to closed"),
    "resend_off": ("补发单 {resend} {off}，没有发出：不再补发的话，把这个售后单改为已关闭；还要补发：把补发单改回待审核",
                   "resend {resend} is {off_en}, never shipped: if nothing is to go, set this case to closed; if it "
                   "still goes, set the resend back to new"),
    "make_resend": ("运行 shopbook aftersales 店铺 生成补发单", "run shopbook aftersales SHOP to make the resend"),
    "complaint": ("联系买家处理投诉，记下结果后改为已完成", "call the buyer about the complaint, note the outcome, mark it done"),
    "problem": ("查看并处理：{reason}；处理后改为已完成", "look into it: {reason}; then mark it done"),
    # a parcel that failed the scan check, put right, scanned again and shipped since: nothing left to look into
    "problem_shipped": ("验货不过（{reason}）的包裹之后重新验货通过，订单已发货（快递单号 {tracking}）：确认后改为已完成",
                        "the parcel that failed the scan check ({reason}) has since passed it and the order shipped "
                        "(tracking no. {tracking}): confirm, then mark it done"),
    "returned": ("退货已收到：改为已完成", "the return is back: mark it done"),
    # received, then the platform closed the refund unpaid (the import's 退款关闭 on its order): never "agree it"
    "refund_closed": ("与买家核对：把货寄回给买家（记出库，单号写售后单号），或在平台重新退款；处理完改为已关闭",
                      "settle it with the buyer: send the goods back (post an out movement, ref the case number) or "
                      "refund again on the platform; then set the case to closed"),
    "count": ("退货已收到：在“数量”填上退回几件（记退货入库）", "the return is back: type how many units came (qty) to post it"),
}


# The steps of STEPS that name a command line, as a box in Excel says them: the ribbon's button to press (its label,
# {b[control]}, as the ribbon of the shop's language has it: addin.build.ribbon_labels), not a command to type.
BY_BUTTON = {
    "await": ("退货 {parcel} 到了：扫描，再按“{b[btnAftersalesReceive]}”选扫描文件收货",
              "when the return {parcel} comes: scan it, then press {b[btnAftersalesReceive]} and choose the scan file"),
    "agent_return": ("代理 {agent} 的订单：不在平台退款，退回的货在代理月结中冲抵货款（按“{b[btnAgentSettle]}”）：改为已完成",
                     "agent {agent}'s order: no refund on the platform; the goods back are credited on the agent's "
                     "monthly statement ({b[btnAgentSettle]}): mark it done"),
    "resend": ("补发单 {resend}：审单、拣货、发货（按“{b[btnMorning]}”，再按“{b[btnShip]}”）",
               "resend {resend}: review, pick, ship (press {b[btnMorning]}, then {b[btnShip]})"),
    "resend_gone": ("补发单 {resend} 不在订单表里（被删了？）：还要补发的话，清空“补发单号”再按“{b[btnAftersales]}”重新生成；"
                    "不再补发：把这个售后单改为已关闭",
                    "resend {resend} is not on the Orders sheet (deleted?): if it still goes, clear the resend_order "
                    "cell and press {b[btnAftersales]} to make it again; if not, set this case to closed"),
    "make_resend": ("按“{b[btnAftersales]}”生成补发单", "press {b[btnAftersales]} to make the resend"),
}
_BUTTONS = ("btnAftersalesReceive", "btnAgentSettle", "btnMorning", "btnShip", "btnAftersales")  # BY_BUTTON's


def _labels(lang: str) -> dict[str, str]:
    from ..addin.build import button_label

    return {k: button_label(k)[0 if lang == "zh" else 1] for k in _BUTTONS}


_NOTED_REFUND = re.compile(r"(?:退款|refund) (\S+?)(?:（| \(|$)")  # orders/refunds.note_of's line


def refunds_paid(cases: list[AfterSalesCase], entries) -> frozenset[str]:
    """The 退款编号 of `cases` whose refund a ledger line's note names: the refund export books a
    refund once the platform has paid it (orders/refunds.note_of)."""
    asked = {c.refund_no for c in cases if c.refund_no}
    if not asked:
        return frozenset()
    return frozenset(asked & {m.group(1) for e in entries if e.note and (m := _NOTED_REFUND.match(e.note))})


def next_step(c: AfterSalesCase, lines: list[OrderLine], lang: str = "zh", paid: frozenset[str] | None = frozenset(),
              by_button: bool = False):
    """What to do next with an open case, in the shop's language; `paid`: refunds_paid's numbers
    (a refund the platform has paid is not to be agreed again; None: the ledger did not read). `by_button`: (the step, the step as a box in Excel
    says it: BY_BUTTON's button to press where the step names a command line)."""
    orders = _lines_of(lines)
    amount = f" ¥{c.amount:,.2f}" if c.amount is not None else ""  # (as the screen says money: ¥1,015.00)
    if c.status is CaseStatus.RETURNED and units_asked(c):
        key = "count"
    elif c.needs and c.status is not CaseStatus.RETURNED and not (c.return_tracking and RETURN_NO.within(c.needs)):
        key = "needs"
    elif c.type in GOODS_BACK and c.status is not CaseStatus.RETURNED:
        key = "await" if c.return_tracking else "return_no"
    elif c.type in NEEDS_RESEND:
        if not c.resend_order:
            key = "make_resend"
        else:
            head = orders.get(c.resend_order, [None])[0]
            key = "resent" if head is not None and head.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED) \
                else "resend_held" if head is not None and head.status is OrderStatus.HELD \
                else "resend_off" if head is not None and head.status in (OrderStatus.CLOSED, OrderStatus.CANCELLED) \
                else "resend_gone" if head is None else "resend"
    elif c.status is CaseStatus.RETURNED and c.refund_no and refund_closed(c, orders):
        key = "refund_closed"
    elif c.type in REFUNDED and agent_of(c, orders):
        key = "agent_return" if c.type in GOODS_BACK else "agent_refund"
    elif c.type in REFUNDED:
        key = ("refund_unsure" if paid is None and c.refund_no else
               "refunded" if c.refund_no and c.refund_no in paid else
               "refund_amount" if c.amount is None and not c.refund_no else "refund")
    elif c.type is CaseType.COMPLAINT:
        key = "complaint"
    elif c.type is CaseType.PROBLEM:
        sent = [ln for ln in orders.get(c.order_no, []) if ln.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED)]
        key = "problem_shipped" if sent and c.note and ("验货" in c.note or "scan" in c.note) else "problem"
    else:
        key = "returned"
    text = STEPS[key][0 if lang == "zh" else 1]
    held = ""
    if key == "resend_held":  # held by hand, its 审单结果 may be blank, or still say the review passed it
        held = (HELD_BY_HAND.say(lang) if not head.platform_status and held_by_hand(head.review)
                and not says_held(head.review) else _why_held(head, notes=False)) or (
            "原因见订单表的“审单结果”" if lang == "zh" else "see its review cell on the Orders sheet")
    off = head.status if key == "resend_off" else None
    # the code to scan, as a command takes it: the one number of the 退货单号 cell (not a remark beside it: "YT… 已签收"
    # was two codes, the second "no case"), its case number for a cell of several parcels (either receives it)
    nums = return_numbers_of(c)
    parcel = ("、" if lang == "zh" else ", ").join(nums) or c.case_no  # (as a person reads it, on a box)
    values = dict(needs=c.needs or "", ref=nums[0] if len(nums) == 1 else c.case_no, parcel=parcel, amount=amount,
                  resend=c.resend_order or "", reason=c.reason or "", held=held, agent=agent_of(c, orders) or "",
                  tracking="/".join(dict.fromkeys(t for ln in orders.get(c.order_no, []) for t in parcels(ln.tracking_no))),
                  off=off.value if off else "", off_en=off.en if off else "")
    step = text.format(**values)
    if not by_button:
        return step
    if key not in BY_BUTTON:
        return step, step
    return step, BY_BUTTON[key][0 if lang == "zh" else 1].format(b=_labels(lang), **values)


def refund_closed(c: AfterSalesCase, orders: dict[str, list[OrderLine]]) -> bool:
    """Whether the import left the case's order 退款关闭 (its 平台状态, either language): the platform
    closed the refund unpaid (a later refund asked for says 退款中 there again)."""
    ls = [ln for ln in orders.get(c.order_no, []) if not c.sku or ln.sku == c.sku] or orders.get(c.order_no, [])
    return bool(ls) and all(REFUND_CLOSED.begins(ln.platform_status) for ln in ls)


def agent_of(c: AfterSalesCase, orders: dict[str, list[OrderLine]]) -> str | None:
    """The agent whose order the case is about (its 代理编号), or None: an agent's buyer is refunded
    by the agent, and the shop credits the agent on the monthly statement."""
    head = orders.get(c.order_no, [None])[0]
    return head.agent_id if head is not None and head.agent_id and head.source is OrderSource.AGENT else None
