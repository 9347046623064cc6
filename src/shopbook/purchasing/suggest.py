"""What to order from whom: the stock alerts' reorder quantities (already less what is on
order), grouped by supplier, raised to each supplier's minimum and whole packs; and what
the shop's receipts say about each supplier's real lead time. Pure: records in, results out."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..issues import Issue, at, en_count, few
from ..schema import Movement, PoStatus, Product, ProductStatus, PurchaseLine, Supplier
from ..stock.levels import open_on, po_key, received_on_po
from ..stock.report import Alert, covers_only_said, lead_days
from ..values import code_key


@dataclass
class Suggestion:
    sku: str
    name: str
    supplier_code: str  # the supplier's own code, where the 商品 sheet gives one
    need: int  # the alert's reorder quantity (what is on order already taken off)
    qty: int  # to order: need raised to the minimum, in whole packs
    unit_cost: Decimal
    on_order: int
    last: PurchaseLine | None = None  # the last PO line of this SKU from this supplier (last_paid), if any

    @property
    def paid_on(self) -> PurchaseLine | None:
        """The PO line whose 单价 unit_cost is; None: it is the 成本价."""
        return self.last if self.last is not None and self.last.unit_cost is not None else None

    def price_said(self) -> tuple[str, str]:
        """(zh, en) where the 单价 comes from, for the draft's 备注: a person checks it before sending."""
        if self.last is not None and self.paid_on is None:  # its 单价 left blank: paid at the 成本价 then too
            return (f"单价按成本价（上次 {self.last.po_no} 的单价空着，也按成本价）",
                    f"unit cost is the product's cost (the last PO, {self.last.po_no}, left it blank: the cost too)")
        if self.paid_on is None:
            return ("单价按成本价（没有向这个供应商买过这个 SKU 的单价）",
                    "unit cost is the product's cost (no price paid to this supplier for this SKU)")
        ln = self.paid_on
        day = f"，{ln.order_date:%Y-%m-%d}" if ln.order_date else ""
        day_en = f", {ln.order_date:%Y-%m-%d}" if ln.order_date else ""
        return (f"单价按上次向这个供应商的进价（{ln.po_no}{day}）", f"unit cost as last paid to this supplier ({ln.po_no}{day_en})")

    @property
    def amount(self) -> Decimal:
        return self.unit_cost * self.qty


@dataclass
class SupplierOrder:
    supplier: str | None  # None: products with no 供应商 (listed, never written)
    po_no: str | None
    lines: list[Suggestion]
    order_date: dt.date
    expected_date: dt.date | None
    lead_days: int | None  # its slowest line's (stock.report.lead_days: the wait its quantities cover)
    measured: LeadTime | None = None
    contact: str = ""

    @property
    def total(self) -> Decimal:
        return sum((x.amount for x in self.lines), Decimal(0))

    def to_json(self) -> list[dict]:
        return [{"supplier": self.supplier, "po_no": self.po_no, "sku": x.sku, "supplier_code": x.supplier_code or None,
                 "quantity": x.qty, "need": x.need, "on_order": x.on_order, "unit_cost": str(x.unit_cost),
                 "unit_cost_from": x.paid_on.po_no if x.paid_on else "cost",  # the PO last paid at, or the 成本价
                 "amount": str(x.amount), "order_date": self.order_date.isoformat(),
                 "expected_date": self.expected_date.isoformat() if self.expected_date else None}
                for x in self.lines]


RECENT = 3  # the last POs a supplier's lead time now is judged by


@dataclass
class LeadTime:
    supplier: str
    declared: int | None
    days: Decimal | None  # average days from 下单日期 to the first receipt, to 0.1 day
    orders: int  # how many POs it is measured from
    recent: Decimal | None = None  # the same over its last RECENT POs (by 下单日期)
    recent_orders: int = 0

    @property
    def slow(self) -> bool:
        """Its last POs came clearly later than its 交货周期 says (two or more of them, on average at
        least 3 days and 30 % over): the reorder quantities, which cover the declared wait, run short."""
        if self.declared is None or self.recent is None or self.recent_orders < 2:
            return False
        return self.recent - self.declared >= max(3, Decimal(self.declared) * Decimal("0.3"))

    def slow_said(self) -> tuple[str, str]:
        """(zh, en): what slow means for the shop, the quantities left as they are."""
        n, x, d = self.recent_orders, f"{self.recent.normalize():f}", self.declared
        return (f"供应商“{self.supplier}”最近 {n} 次平均 {x} 天到货，设置的交货周期是 {d} 天：补货量按 {d} 天算，"
                f"可能撑不到货到。请核对“供应商”表的交货周期（补货量没有因此改动）",
                f"supplier '{self.supplier}': its last {n} POs came in {x} days on average, its lead time says "
                f"{en_count(d, 'day')}: the reorder quantities cover {en_count(d, 'day')} and may run out before the "
                "goods come. Check its lead "
                "time on the Suppliers sheet (the quantities were not changed for it)")

    def to_json(self) -> dict:
        return {"supplier": self.supplier, "declared": self.declared,
                "measured": str(self.days) if self.days is not None else None, "orders": self.orders,
                "recent": str(self.recent) if self.recent is not None else None,
                "recent_orders": self.recent_orders, "slower_than_declared": self.slow}


@dataclass
class Plan:
    orders: list[SupplierOrder] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def to_json(self) -> list[dict]:
        return [row for o in self.orders for row in o.to_json()]


def order_qty(need: int, min_qty: int | None, pack: int | None) -> int:
    """`need` raised to the supplier's minimum per SKU, then up to whole packs."""
    q = max(need, min_qty or 0)
    if pack and pack > 1:
        q = math.ceil(q / pack) * pack
    return q


def next_po_numbers(existing: set[str], day: dt.date, n: int) -> list[str]:
    """n new PO numbers CGyyyymmdd-01, -02 …, after any of that day already used, however typed
    (cg20261122-01, ＣＧ20261122-01: the same PO to receive, which a new one must not be taken for)."""
    prefix = f"CG{day:%Y%m%d}-"
    used = [int(m[1]) for po in existing if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", po_key(po)))]
    start = max(used, default=0) + 1
    return [f"{prefix}{k:02d}" for k in range(start, start + n)]


def lead_times(suppliers: list[Supplier], purchases: list[PurchaseLine], movements: list[Movement]
               ) -> dict[str, LeadTime]:
    """Each supplier's real lead time: the average, over its POs with a 下单日期 and a receipt (one
    cancelled since too), of the days to the first 入库 carrying the PO number; beside the declared 交货周期."""
    first: dict[str, dt.date] = {}  # by the PO number as compared (an 入库 typed cg20261122-01 by hand is that PO's)
    for m in movements:
        if m.ref and m.type.value == "入库" and ((ref := po_key(m.ref)) not in first or m.date < first[ref]):
            first[ref] = m.date
    po: dict[str, tuple[str, dt.date]] = {}
    for ln in purchases:  # a PO cancelled after part came counts: that part took its days (one never sent has no 入库)
        if ln.order_date:
            po.setdefault(ln.po_no, (ln.supplier, ln.order_date))
    days: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for no, (sup, ordered) in po.items():
        if (no := po_key(no)) in first:
            days[sup].append((ordered, (first[no] - ordered).days))
    declared = {s.supplier: s.lead_days for s in suppliers}

    def mean(d: list[int]) -> Decimal | None:
        return (Decimal(sum(d)) / len(d)).quantize(Decimal("0.1"), ROUND_HALF_UP) if d else None

    out = {}
    for sup in [*declared, *sorted(set(days) - set(declared))]:  # the 供应商 sheet's order first
        d = [n for _, n in sorted(days.get(sup, []))]
        last = d[-RECENT:]
        out[sup] = LeadTime(sup, declared.get(sup), mean(d), len(d), mean(last), len(last))
    return out


PAID = (PoStatus.ORDERED, PoStatus.PARTLY, PoStatus.RECEIVED)  # a price agreed with the supplier (not a draft)


def last_paid(purchases: list[PurchaseLine], today: dt.date) -> dict[tuple[str, str], PurchaseLine]:
    """(supplier, SKU) → the PO line of the last 单价 paid for it, ordered up to `today`: the latest
    下单日期, the lower row on a day (a line with none: before any dated one); drafts and cancelled
    lines give none, but a line cancelled after goods came on it (已收数量): those were paid at its 单价;
    a blank 单价 was paid at the 成本价 (as receiving pays it). A draft priced at it asks what the
    supplier charges now."""
    out: dict[tuple[str, str], tuple[tuple, PurchaseLine]] = {}
    for i, ln in enumerate(purchases):
        if (ln.status not in PAID and not (ln.status is PoStatus.CANCELLED and ln.received)
                or (ln.order_date and ln.order_date > today)):
            continue
        key, rank = (ln.supplier.strip(), ln.sku), (ln.order_date or dt.date.min, i)
        if key not in out or rank > out[key][0]:
            out[key] = (rank, ln)
    return {k: ln for k, (_, ln) in out.items()}


def suggest(alerts: list[Alert], products: list[Product], suppliers: list[Supplier], purchases: list[PurchaseLine],
            movements: list[Movement], today: dt.date, cover_days: int | None = None) -> Plan:
    """One draft PO per supplier for every alert with something left to order. `cover_days`: the days of
    sales the alerts' quantities cover after a delivery (said of a product with no lead time at all)."""
    plan = Plan()
    by_sku = {p.sku: p for p in products}
    known = {s.supplier: s for s in suppliers}
    measured = lead_times(suppliers, purchases, movements)
    paid = last_paid(purchases, today)
    groups: dict[str | None, list[Suggestion]] = defaultdict(list)
    unknown: dict[str, list[Product]] = defaultdict(list)  # a supplier not on the 供应商 sheet → its products ordered
    for a in alerts:
        p = by_sku.get(a.sku)
        if p is None or a.reorder_qty <= 0:
            continue
        sup = known.get(p.supplier) if p.supplier else None
        if p.supplier and sup is None:
            unknown[p.supplier].append(p)
        qty = order_qty(a.reorder_qty, sup.min_qty if sup else None, sup.pack if sup else None)
        if p.status is ProductStatus.NO_STOCK and qty != a.reorder_qty:
            # ordered for the orders and customers waiting alone (before: raised to the 起订量 and packs, 37 of a
            # made-to-order dress's 40 ordered to sit on a shelf the shop keeps none on): said, the supplier to agree
            plan.warnings.append(_made_to_order(p, sup, a.reorder_qty, qty))
            qty = a.reorder_qty
        # priced as last paid to this supplier (before: always the 成本价, a draft at ¥20 of what costs ¥18.50 now)
        last = paid.get((p.supplier.strip(), p.sku)) if p.supplier else None
        groups[p.supplier or None].append(Suggestion(p.sku, p.name, p.supplier_code or "", a.reorder_qty, qty,
                                                     last.unit_cost if last and last.unit_cost is not None
                                                     else p.cost, a.on_order, last))
    names = [s.supplier for s in suppliers]
    plan.warnings += [_not_on_sheet(name, ps, names) for name, ps in unknown.items()]
    # a product on sale whose 供应商 is not on the sheet (its 简称 typed for the sheet's 全称) and has no 补货周期 of its
    # own has no lead time: its running out before a delivery is never alerted, so it is in no PO (before: said
    # nowhere, by suggest or alerts)
    unseen: dict[str, list[Product]] = defaultdict(list)
    ordered = {x.sku for g in groups.values() for x in g}
    for p in products:
        if (p.supplier and p.supplier not in known and p.sku not in ordered and p.lead_days is None
                and p.status in (ProductStatus.ACTIVE, None)):
            unseen[p.supplier].append(p)
    plan.warnings += [_not_on_sheet_unjudged(name, ps, names) for name, ps in unseen.items()]
    plan.warnings += delisted_drafts(purchases, by_sku, today)
    # a supplier ordered from whose last deliveries came clearly later than its 交货周期: said at that cell
    plan.warnings += [at(known[k], "lead_days", "warning", *measured[k].slow_said())
                      for k in groups if k in known and k in measured and measured[k].slow]
    plan.warnings += [_no_lead_time(known[k], skus, measured.get(k), len(skus) < len(groups[k])) for k in groups
                      if k in known and known[k].lead_days is None
                      and (skus := [x.sku for x in groups[k] if by_sku[x.sku].lead_days is None])]
    if cover_days is not None and (alone := [by_sku[x.sku] for x in groups.get(None, ())
                                             if by_sku[x.sku].lead_days is None]):
        plan.warnings.append(_no_supplier_nor_lead(alone, cover_days))
    place = {s.supplier: i for i, s in enumerate(suppliers)}  # in the 供应商 sheet's order
    named = sorted((k for k in groups if k is not None), key=lambda k: (place.get(k, len(place)), k))
    numbers = iter(next_po_numbers({ln.po_no for ln in purchases}, today, len(named)))
    for sup_name in named + ([None] if None in groups else []):
        lines = sorted(groups[sup_name], key=lambda x: x.sku)
        sup = known.get(sup_name) if sup_name else None
        # each line's lead time as its reorder quantity took it: the PO comes when its slowest line does
        lead = max((n for x in lines if (n := lead_days(by_sku[x.sku], known)) is not None), default=None)
        contact = " ".join(v for v in ((sup.contact or "", sup.phone or "") if sup else ()) if v)
        plan.orders.append(SupplierOrder(sup_name, next(numbers) if sup_name else None, lines, today,
                                         today + dt.timedelta(days=lead) if lead is not None else None, lead,
                                         measured.get(sup_name) if sup_name else None, contact))
    return plan


def delisted_drafts(purchases: list[PurchaseLine], by_sku: dict[str, Product], today: dt.date) -> list[Issue]:
    """A draft PO line (草稿, not sent yet) for a product 下架 (or 过季: stock.report.NOT_RESTOCKED) since it was
    drafted, said at its 商家编码 cell: sent as it is, it buys goods the shop no longer sells (before: said nowhere;
    its units on order)."""
    from ..stock.report import NOT_RESTOCKED

    return [at(ln, "sku", "warning",
               f"草稿采购单 {ln.po_no} 还订着 {ln.sku} {ln.qty} 件，这个商品{NOT_RESTOCKED[p.status][0]}："
               f"不再进货的话，发出前删掉这一行；{NOT_RESTOCKED[p.status][2]}，把“{Product.zh}”表里它的状态改回在售",
               f"draft PO {ln.po_no} still orders {ln.qty} of {ln.sku}, which is {NOT_RESTOCKED[p.status][1]}: if no "
               f"more is to be bought, delete the line before sending it; {NOT_RESTOCKED[p.status][3]}, set its status "
               f"back to active on the {Product.en} sheet")
            for ln in purchases if ln.status is PoStatus.DRAFT and (ln.order_date is None or ln.order_date <= today)
            and (p := by_sku.get(ln.sku)) is not None and p.status in NOT_RESTOCKED]


def _no_lead_time(sup: Supplier, skus: list[str], measured: LeadTime | None, dated: bool):
    """A supplier ordered from whose 交货周期 is blank, for products with no 补货周期 of their own, said at
    that cell: their quantities cover the days after a delivery and none of the wait for it, and the PO
    has no expected date unless another of its products has its own (`dated`) (before: said nowhere but
    a '预计到货 -')."""
    lead, col = Product.column("lead_days").col, Product.column("supplier").col
    zh, en = few(skus, where=(f"其余的都在“{Product.zh}”表{col.zh}是它、{lead.zh}空着的行里",
                              f"the rest are among the rows of the {Product.en} sheet with it as {col.en} and "
                              f"{lead.en} blank"))
    seen = (f"（收货记录显示实际约 {measured.days.normalize():f} 天）" if measured and measured.days is not None else "",
            f" (its receipts show about {en_count(measured.days.normalize(), 'day')})"
            if measured and measured.days is not None else "")
    return at(sup, "lead_days", "warning",
              f"供应商“{sup.supplier}”没有填交货周期，{zh} 也没有填补货周期：补货量没有算等货的天数，可能撑不到货到"
              + ("" if dated else "，采购单也没有预计到货日期") + f"。请填上交货周期{seen[0]}",
              f"supplier '{sup.supplier}' has no lead time, nor do {en} of their own: their quantities leave out the "
              "days waiting for the goods and may run out before they come" + ("" if dated else
                                                                                ", and the PO has no expected date")
              + f". Fill in its lead time{seen[1]}")


def _no_supplier_nor_lead(products: list[Product], cover_days: int):
    """Products to order with no supplier and no 补货周期, said once at the first one's 补货周期 cell: their
    quantities cover `cover_days` of sales and none of the wait for a delivery (before: said nowhere, the
    quantity read as the full need)."""
    lead, col = Product.column("lead_days").col, Product.column("supplier").col
    zh, en = few([p.sku for p in products], where=(f"其余的都在“{Product.zh}”表{col.zh}和{lead.zh}都空着的行里",
                                                   f"the rest are among the rows of the {Product.en} sheet with "
                                                   f"{col.en} and {lead.en} both blank"))
    covers = covers_only_said(cover_days)
    return at(products[0], "lead_days", "warning",
              f"{zh} 没有供应商，也没有填{lead.zh}：{covers[0]}。请在“{Product.zh}”表填上供应商（它的交货周期在供应商表），"
              f"或填{lead.zh}",
              f"{en} {'has' if len(products) == 1 else 'have'} no supplier and no {lead.en}: {covers[1]}. Fill in the "
              f"supplier on the {Product.en} sheet (its lead time is on the Suppliers sheet), or {lead.en}")


def _made_to_order(p: Product, sup: Supplier, need: int, raised: int) -> Issue:
    """A 不备货 product ordered for what waits for it (`need`), not the `raised` the supplier's 起订量 and packs
    would make it, said at its 状态 cell: the rest would be stock it keeps none of."""
    rule_zh = "、".join(x for x in (f"起订量 {sup.min_qty}" if sup.min_qty else "",
                                    f"每包 {sup.pack} 件" if sup.pack and sup.pack > 1 else "") if x)
    rule_en = " and ".join(x for x in (f"minimum of {sup.min_qty}" if sup.min_qty else "",
                                       f"packs of {sup.pack}" if sup.pack and sup.pack > 1 else "") if x)
    return at(p, "status", "warning",
              f"{p.sku} 不备货：只按等它的订单和客户订 {need} 件，没有凑供应商“{sup.supplier}”的{rule_zh}（凑够要订 {raised} 件，"
              f"多出的 {raised - need} 件会成为库存）。供应商不接单的话，和它商量，或把数量改成 {raised}",
              f"{p.sku} is no stock kept: {need} ordered, for the orders and customers waiting for it alone, not raised "
              f"to supplier '{sup.supplier}''s {rule_en} ({raised}, of which {raised - need} would be stock). If the "
              f"supplier will not take it, agree with them, or change the quantity to {raised}")


def _same_name(name: str, names: list[str]) -> str | None:
    """The one name on the 供应商 sheet `name` differs from only in spaces, full or half width and letter case (ＡＢＣ服装厂,
    abc服装厂 for ABC服装厂: an input method's width, typed by hand), else None."""
    hits = [n for n in names if code_key(n) == code_key(name)]
    return hits[0] if len(hits) == 1 else None


def _full_name(name: str, names: list[str]) -> tuple[str, str]:
    """('是不是“…”？', "Did you mean '…'?") where `name` is one name on the 供应商 sheet shortened or lengthened (杭州丝绸
    for 杭州丝绸有限公司), or typed otherwise in width or case (ＡＢＣ服装厂 for ABC服装厂; before: not offered, and only
    "add a row" said, a second row for the same factory), else empty strings: another factory merely alike (丙厂,
    甲厂) is not offered."""
    if (same := _same_name(name, names)) is not None:
        return (f"和“{same}”只差空格、全角半角或大小写，是不是它？",
                f"it differs from '{same}' only in spaces, full or half width or letter case: is it that one?")
    k = code_key(name)
    hits = [n for n in names if (m := code_key(n)) and (k in m or m in k)]
    return (f"是不是“{hits[0]}”？", f"Did you mean '{hits[0]}'?") if len(hits) == 1 else ("", "")


def _change_to(name: str, names: list[str]) -> tuple[str, str]:
    """What to do about a supplier not on the sheet (zh, en): a name of the sheet's typed otherwise is changed to it,
    never added as a row of its own (the same factory twice, its POs split); another, changed or added."""
    if (same := _same_name(name, names)) is not None:
        return (f"请把供应商改成“{same}”（起订量、每包件数和交货周期才按它算，和它的其他商品同一张采购单）",
                f"Change the supplier to '{same}' (its minimum, packs and lead time then apply, on one PO with its "
                "other products)")
    return ("请把供应商改成供应商表里的名称，或在供应商表加一行",
            "Change the supplier to its name on the Suppliers sheet, or add a row for it there")


def _not_on_sheet_unjudged(name: str, products: list[Product], names: list[str]):
    """Products of a supplier not on the 供应商 sheet, none to order now and none with a 补货周期 of its own, said
    once at the first one's 供应商 cell: without a lead time, whether they sell out before a delivery could come is
    not worked out, so they are ordered only once at their safety stock or out."""
    zh, en = few([p.sku for p in products])
    near, one = _full_name(name, names), len(products) == 1
    return at(products[0], "supplier", "warning",
              f"供应商“{name}”不在供应商表里{near[0] and f'（{near[0]}）'}：{zh} 没有交货周期，算不出到货前会不会卖完，"
              f"要到安全库存或卖完才会建议补货。{_change_to(name, names)[0]}",
              f"Supplier '{name}' is not on the Suppliers sheet{near[1] and f' ({near[1]})'}: {en} "
              f"{'has' if one else 'have'} no lead time, so whether {'it sells' if one else 'they sell'} out before "
              f"a delivery could come is not worked out, and {'it is' if one else 'they are'} suggested only at "
              f"{'its' if one else 'their'} safety stock or out. {_change_to(name, names)[1]}")


def _not_on_sheet(name: str, products: list[Product], names: list[str] = ()):
    """A supplier that is not on the 供应商 sheet, said once, at a product's 供应商 cell: no minimum or
    pack, and the lead time as lead_days takes it: a product's own 补货周期 where typed, none where
    not (before: "no lead time is used" also of a product whose own 补货周期 was). At the first
    product with none, the one whose order is short of a lead time, else the first."""
    own = [p for p in products if p.lead_days is not None]
    none = [p for p in products if p.lead_days is None]
    where = (none or own)[0]
    if not none:  # every one has its own
        zh = "按无起订量处理，交货周期用商品自己填的补货周期"
        en = "no minimum is used; the lead time is the product's own lead_days"
    elif not own:
        zh = "按无起订量、无交货周期处理（商品也没有填补货周期）"
        en = "no minimum and no lead time are used (the product has no lead_days of its own either)"
    else:
        skus_zh, skus_en = few([p.sku for p in none])
        zh = f"按无起订量处理；填了补货周期的商品用自己的，没填的（{skus_zh}）无交货周期"
        en = f"no minimum is used; a product with its own lead_days uses it, those without ({skus_en}) have no lead time"
    near = _full_name(name, names)  # its 简称 typed for the sheet's 全称: a PO of its own, without its minimum
    return at(where, "supplier", "warning",
              f"供应商“{name}”不在供应商表里{near[0] and f'（{near[0]}）'}：{zh}。"
              + (f"{_change_to(name, names)[0]}。" if near[0] else "请在供应商表加一行。"),
              f"Supplier '{name}' is not on the Suppliers sheet{near[1] and f' ({near[1]})'}: {en}. "
              + (f"{_change_to(name, names)[1]}." if near[1] else "Add a row for it there."))


def draft_lines(order: SupplierOrder, lang: str = "zh") -> list[PurchaseLine]:
    """The 采购 rows of a draft PO, each 备注 saying where its 单价 comes from."""
    return [PurchaseLine.from_cells({"po_no": order.po_no, "supplier": order.supplier, "sku": x.sku, "qty": x.qty,
                                     "unit_cost": x.unit_cost, "order_date": order.order_date,
                                     "expected_date": order.expected_date, "status": PoStatus.DRAFT,
                                     "note": x.price_said()[lang == "en"]})
            for x in order.lines]


@dataclass
class Overdue:
    po_no: str
    supplier: str
    expected_date: dt.date
    days_late: int
    outstanding: int  # units not yet received
    draft: bool = False  # still 草稿: never marked sent, yet its units count as on order
    from_lead: bool = False  # no 预计到货 typed: its 下单日期 plus the lead time (expected_on)

    def to_json(self) -> dict:
        return {"po_no": self.po_no, "supplier": self.supplier, "expected_date": self.expected_date.isoformat(),
                "expected_from": "lead_time" if self.from_lead else "typed",
                "days_late": self.days_late, "outstanding": self.outstanding, "draft": self.draft}

    def expected_said(self) -> tuple[str, str]:
        """(zh, en) "预计 2026-11-11", saying where a date nobody typed comes from."""
        if not self.from_lead:
            return f"预计 {self.expected_date}", f"expected {self.expected_date}"
        return f"预计 {self.expected_date}（下单日期 + 交货周期）", f"expected {self.expected_date} (order date + lead time)"


def expected_on(ln: PurchaseLine, products: dict[str, Product], suppliers: dict[str, Supplier]) -> dt.date | None:
    """A PO line's 预计到货; where none is typed (a PO typed by hand), its 下单日期 plus the lead time its reorder
    quantity was worked out with (lead_days): before, such a PO was never overdue, a month late or not."""
    if ln.expected_date or not ln.order_date:
        return ln.expected_date
    p = products.get(ln.sku)
    sup = suppliers.get(ln.supplier)
    lead = lead_days(p, suppliers) if p is not None else None
    if lead is None and sup is not None:  # a product of no supplier and no 补货周期: the PO's own supplier's
        lead = sup.lead_days
    return ln.order_date + dt.timedelta(days=lead) if lead is not None else None


def overdue(purchases: list[PurchaseLine], movements: list[Movement], today: dt.date,
            products: list[Product] = (), suppliers: list[Supplier] = ()) -> list[Overdue]:
    """POs whose 预计到货 (expected_on) has passed with units still to come: sent ones (已下单, 部分到货) to
    chase, and drafts (草稿, `draft`), which were perhaps never sent: their units count as on order all the same,
    so a forgotten draft kept its SKUs from being suggested again, unsaid. As of `today`: a line 已到货
    now whose goods came after it was still owed then (before: `--date` a past day counted what came
    since, and left out the POs received since, which were late that day), one ordered after it was not."""
    later: Counter = Counter()
    got = received_on_po(movements, today, later)
    late: dict[str, Overdue] = {}
    by_sku, by_name = {p.sku: p for p in products}, {s.supplier: s for s in suppliers}
    for ln in purchases:
        expected = expected_on(ln, by_sku, by_name)
        if not open_on(ln, later, today) or not expected or expected >= today:
            continue
        rest = ln.qty - got[(po_key(ln.po_no), ln.sku)]
        if rest <= 0:
            continue
        o = late.get(ln.po_no)
        if o is None:
            o = late[ln.po_no] = Overdue(ln.po_no, ln.supplier, expected, 0, 0, draft=True)
        if expected <= o.expected_date:
            o.from_lead = not ln.expected_date
        o.expected_date = min(o.expected_date, expected)
        o.outstanding += rest
        o.draft = o.draft and ln.status is PoStatus.DRAFT  # one line sent: the PO was sent
    for o in late.values():
        o.days_late = (today - o.expected_date).days
    return sorted(late.values(), key=lambda o: (-o.days_late, o.po_no))
