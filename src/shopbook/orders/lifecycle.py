"""An order's life as the platforms' later exports tell it.

Pure: the orders shopbook has (订单 rows), what the files say (PlatformOrder, from any
platform's export, a refund export or a waybill tool's shipped file) in; the new rows, the
cells to change, the 出库 movements to post and every change, located, out.

- paid, waiting to ship, not in shopbook → 待审核 (a refund already asked for → 已挂起); one
  whose receiver, phone or address is blank (not all three: that is the platform's encryption)
  cannot ship → refused, located on the export's row, never a row with a required cell blank;
- closed, cancelled or fully refunded before shipping → 已取消 with the platform's reason;
  never picked; already picked → listed to be pulled (the pick list and the scan check say so);
- a refund or after-sale asked for on an unshipped order → 已挂起 with the reason, until a
  later export says how it ended (refund closed → 待审核 again, to be reviewed); some lines
  refunded, the rest waiting → 已挂起 (部分退款) once: a person who releases it has decided; so is
  a refund paid while the platform still has the order to ship (拼多多/抖店 待发货 beside 退款成功:
  a whole refund closes it), a person told to check the refund;
- partly shipped on the platform (淘宝 卖家部分发货, 抖店 some sub-orders shipped) → 已挂起 (部分发货)
  the same way, naming the lines shipped: no stock posted, never picked; the whole order shipped later
  → 已发货 as below;
- shipped on the platform or in a waybill tool but not in shopbook → 已发货 with courier and
  tracking number, and the 出库 movements `ship` posts, once per order and SKU; a waybill tool's
  file naming an order `ship` would refuse (held for any reason: a refund, 部分退款, 部分发货, the review;
  or not yet approved) is refused as `ship` refuses it, a loud error on its row: the tool is the
  shop's, and the parcel is to be stopped;
- a seller's note a later export has that the rows lack (written on the platform after the order came in) →
  added to 卖家备注 after what a person typed there; approved and not shipped → 已挂起 for a person to read it;
- delivered (交易成功, 已收货, 已完成) → 已签收;
- already 已发货 or 已签收 on the sheet, set by hand (no 出库 carries its number), and shipped on the export → its
  出库 posted once, as `ship` would have (hand_shipped);
- cancelled in shopbook (by a person, a refund) and still waiting to ship on the export → said at the export's
  row, never re-opened (_waiting_yet_gone);
- never backwards: a shipped order is never cancelled or re-opened here, a cancelled one never
  shipped (that is a loud error: a parcel went out that should not have). The same files
  imported twice change nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import Issue, en_count, row_cell
from ..schema import Movement, MovementType, OrderLine, OrderSource, OrderStatus, Platform, Product
from ..schema.orders import SEALED
from .address import split_postcode
from .bundles import SkuResolver, split_price
from .couriers import as_written, canonical, joined, parcels
from .marks import (ADDRESS, ADDRESS_EDITED, CANCELLED, CLOSED, COLON, COMMA, HELD, HELD_BY_HAND, LINES_UNSAID, LISTED,
                    PART_SHIPPED, PARTIAL, REFUND_CLOSED, REFUND_ONLY, REFUNDING, RETURN_DUE, RETURN_UNSAID, ROWS_SHORT, SEMI,
                    SHIPPED, SKU, UNMAPPED, WENT_OUT, Word, either, paren, says_held)
from .platforms import PLine, PlatformOrder, Stage
from .refunds import Refund
from .review import (REFUND_CLOSED_SAID, TYPED, hand_held_review, held_reasons, persons_words, quoted_words, review_held,
                     shipped_cells)

OPEN = frozenset({OrderStatus.NEW, OrderStatus.APPROVED, OrderStatus.HELD})
GONE = frozenset({OrderStatus.CANCELLED, OrderStatus.CLOSED})
# shopbook's own words in 平台状态 and 审单结果 (退款中, 部分退款, 已取消, 部分发货, 编码未对应, 平台改了地址,
# 平台改了规格 …) are orders/marks.py's, written in the shop's language and read back in either. A refund held
# (退款中) is released when the refund closes; 部分退款 and 部分发货 are held once: a person who releases the
# order has decided which lines still ship. 编码未对应: shipped on the platform, but a code of it is none of
# our SKUs nor in the SKU map: its stock cannot go out (a 出库 of a code that is no SKU breaks stock.xlsx, and
# the real SKUs never go out). Held until the map has it; the same export imported then ships it, posting the
# parts once. 平台改了地址/规格: the buyer changed the address (or SKU) on the platform after the order came
# in: held (and pulled, if picked: its packing note and waybill carry the old one) with the new one named; the
# 收货地址 (商家编码) cell stays the person's to change. Held once: released, it stays so
SOURCE = {Platform.TAOBAO: OrderSource.TAOBAO, Platform.PINDUODUO: OrderSource.PINDUODUO,
          Platform.DOUYIN: OrderSource.DOUYIN}
PLATFORM_OF_SOURCE = {v: k for k, v in SOURCE.items()}


def platform_of(head: OrderLine) -> Platform | None:
    """The platform an order on the sheet is of: its 平台, else its 来源's."""
    return head.platform or PLATFORM_OF_SOURCE.get(head.source)


def another_platforms(head: OrderLine, platform: Platform | None) -> bool:
    """Whether an export of `platform` naming the order whose first row is `head` names another order
    of the same number: the sheet's is another platform's, an agent's or typed by hand (手工). A row
    with neither 平台 nor 来源 (typed by hand) is taken as the platform's order."""
    have = platform_of(head)
    other = have is not None or head.source in (OrderSource.AGENT, OrderSource.MANUAL)
    return platform is not None and other and have != platform


KIND_ORDER = {"order": 0, "refund": 1, "tracking": 2}  # a refund or a shipment is applied after the order


def _in_turn(o: PlatformOrder) -> tuple:
    """When a file's word on an order is applied: a shipped file's last; a refund after the order, unless
    its export is older than the order list's (PlatformOrder.at): then the newer order list's word stands."""
    return o.kind == "tracking", o.at, KIND_ORDER[o.kind]


def _waybills_in_time(incoming: list[PlatformOrder], have: set[str]) -> list[PlatformOrder]:
    """`incoming` in turn (_in_turn), each waybill tool's shipment moved ahead of the first export of its order
    made after the parcel went (its 打印时间 / 发货时间, else its file's modified time, before the export's
    PlatformOrder.made): that export's 已取消 or 退款成功 came after the parcel left, so the order is recorded
    shipped (its stock out) and then closed after shipping, as when the files are imported one by one in the
    order they came, not cancelled as never shipped with the parcel on its way. Never ahead of the export that
    makes a new order (`have`: the orders there already): a shipment of an order not yet there is no shipment."""
    ahead: dict[int, list[PlatformOrder]] = {}  # id(export) → the shipments applied just before it
    moved: set[int] = set()
    first: dict[str, int] = {}
    for o in incoming:
        if o.kind != "tracking":
            first.setdefault(o.order_no, id(o))
    exports: dict[str, list[PlatformOrder]] = {}
    for o in incoming:
        if o.kind != "tracking":
            exports.setdefault(o.order_no, []).append(o)
        elif (went := o.shipped_at or o.made) is not None:  # (printed at, else the latest it can have been)
            later = next((x for x in exports.get(o.order_no, ()) if x.made is not None and x.made > went
                          and (o.order_no in have or id(x) != first[o.order_no])), None)
            if later is not None:
                ahead.setdefault(id(later), []).append(o)
                moved.add(id(o))
    if not moved:
        return incoming
    out = []
    for o in incoming:
        if id(o) not in moved:
            out += ahead.get(id(o), []) + [o]
    return out


@dataclass
class Change:
    order_no: str
    platform: str
    before: OrderStatus | None
    after: OrderStatus | None
    note_zh: str
    note_en: str
    file: str = ""

    def to_json(self) -> dict:
        return {"order_no": self.order_no, "platform": self.platform,
                "from": self.before.value if self.before else None, "to": self.after.value if self.after else None,
                "from_en": self.before.en if self.before else None, "to_en": self.after.en if self.after else None,
                "note_zh": self.note_zh, "note_en": self.note_en, "file": self.file}


@dataclass
class LifeResult:
    new_lines: list[OrderLine] = field(default_factory=list)
    cells: dict[int, dict] = field(default_factory=dict)  # sheet row → field → value
    moves: list[Movement] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    # picked, now cancelled or refunding: take the parcel out (order no. → the pick batch it is in)
    pull_batches: dict[str, str] = field(default_factory=dict)
    # picked, held on the platform (a parcel to pull), and back now (refund closed): order no. → its batch
    back_batches: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    refunds: list = field(default_factory=list)  # refunds.Refund: paid back, for the ledger
    # a parcel a file says went out for an order that must not ship (cancelled, held, not approved): an
    # error at its row, the order left as it is. That order is never picked, so the review and the pick
    # list of the others go on (`orders morning`, `daily`) while the file, kept, says it again
    parcels_refused: list[Issue] = field(default_factory=list)
    # orders first seen closed, cancelled or shipped, no row made: order no. → its export (orders/imported.py)
    unwritten: dict[str, str] = field(default_factory=dict)
    # an export older than one imported before (`stale`): its name → the orders it would have changed back
    kept: dict[str, list[str]] = field(default_factory=dict)
    # (platform, order no.) → (the export, the seller's note it had): what orders/imported.py remembers, so that a
    # note a person rewrote in 卖家备注 is not brought back by the next export (_note_added)
    notes: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # the orders on the sheet already that the files named and left as they were (the same export again)
    unchanged: list[str] = field(default_factory=list)

    @property
    def pull(self) -> list[str]:
        return list(self.pull_batches)


# the fields an order's life changes; compared before and after to find what changed
TRACKED = ("status", "review", "platform_status", "courier", "tracking_no", "shipped_on")


@dataclass
class _State:
    no: str
    platform: Platform | None
    lines: list[OrderLine]  # existing rows, or the new ones
    new: bool
    values: dict  # TRACKED field → value, as it stands after the steps so far
    before: dict
    note: tuple[str, str] = ("", "")
    file: str = ""
    ship_day: dt.date | None = None
    # the day the export says an order went that the sheet had 已发货 or 已签收 already, typed by hand (no 出库 posted):
    # its stock goes out at _finish where none carries its number (hand_shipped)
    hand_day: dt.date | None = None
    # the export that says an order cancelled in shopbook still waits to ship, where no later file of the import
    # says it closed: said at _finish (_waiting_yet_gone)
    gone_waiting: PlatformOrder | None = None
    # the export that says such an order has a refund in progress (退款中), the same way (_refunding_yet_gone)
    gone_refunding: tuple[PlatformOrder, str, str] | None = None  # (with the platform's words of it, zh and en)
    hand_post: bool = False  # (hand_shipped: its stock goes out at _finish)
    hand_export: PlatformOrder | None = None  # the order export that said so, if it was one
    hand_file: PlatformOrder | None = None  # the file's order that said so, whichever kind (where it is said)
    # (SKU, day) of 出库 typed without an order number since the order was paid: perhaps its own, typed by hand
    # (hand_shipped: then nothing posted, said at _finish)
    hand_loose: list[tuple[str, dt.date]] = field(default_factory=list)
    # our SKU → the units of it that shipped, where the export says some were refunded or cancelled before
    # it shipped (a line of the order 退款成功, the rest sent): the rows may still hold them
    shipped_units: dict[str, int] = field(default_factory=dict)
    # the address change (审单结果 and note words, zh and en) this step held the order for: a hold of the same export
    # for another reason (a refund, a part shipped) keeps them beside its own (_hold), or it shipped to the old address
    moved: tuple[str, str, str, str] | None = None
    # sheet row → its 卖家备注 now, where a later export brought a seller's note its rows lack (_note_added)
    notes: dict[int, str] = field(default_factory=dict)
    # (the export's file, zh, en) where it brought that note: a hold of the same export says it beside its own
    noted: tuple[str, str, str] | None = None
    # the seller's note an import before brought in for the order (orders/imported.py), as it was on the platform
    known_note: str | None = None

    @property
    def status(self) -> OrderStatus | None:
        return self.values["status"]


def apply(existing: list[OrderLine], incoming: list[PlatformOrder], resolver: SkuResolver,
          products: list[Product], posted: set[tuple[str, str]],
          gifts_of: Callable[[str, list[OrderLine]], list], today: dt.date, lang: str = "zh",
          voided: list[dict] = (), stale: Collection[str] = (), closed: Collection[str] = (),
          known_notes: dict[tuple[str, str], str] | None = None,
          posted_since: Callable[[], dt.date | None] | None = None,
          loose_outs: Callable[[], dict[str, list[list]]] | None = None) -> LifeResult:
    """Every incoming order applied to the orders there are; see the module's docstring.
    `posted` holds the (order no., SKU) of 出库 movements already there (it is added to);
    `gifts_of` gives the gifts an order ships with (its 赠品 cell, or the promotions'); `voided` a waybill
    tool's voided waybills (ImportResult.voided). `stale`: the order exports older than one imported before,
    `closed` the orders first seen closed or shipped then (orders/imported.py): never brought in by them,
    and an order there moved on by them only as _stale_word_counts says. `known_notes`: (platform, order no.) → the
    seller's note an import before brought in (orders/imported.py): the same note again is not added (_note_added).
    `posted_since`: gives the day of the first order whose 出库 carries its number (None: the shop's 出库 carry none),
    as validate's check_shipped_not_posted: an order set 已发货 by hand since then that an export says shipped has
    its stock posted out (hand_shipped). Asked only where there is such an order. `loose_outs`: gives each SKU's
    出库 typed without an order number, [day, units, taken] (a person's own stock-out of such an order, perhaps:
    none posted)."""
    res = LifeResult()
    res.issues += resolver.read_as_skus(incoming)  # "sku-001" typed on the platform: SKU-001, said
    by_no: dict[str, list[OrderLine]] = {}
    asked = {o.order_no for o in incoming} | {x["order_no"] for x in voided}  # (a year's 100k lines: only the orders the files name are indexed)
    for ln in existing:
        if ln.order_no in asked:
            by_no.setdefault(ln.order_no, []).append(ln)
    states: dict[str, _State] = {}
    prices = {p.sku: p.price for p in products}
    incoming = _waybills_in_time(sorted(incoming, key=_in_turn), set(by_no))
    # an order a newer order list brings in, its older refund export applied first: the order made from the list
    # first, then the refund, then the list's own word (its 退款关闭 releases the hold)
    makers = {}
    for o in incoming:
        if o.kind == "order" and o.at:
            makers.setdefault(o.order_no, o)
    made: set[int] = set()  # the makers whose order was made (or refused) ahead of their turn
    for o in incoming:
        if o.unread:  # judged by the lines that read, it would ship short or be cancelled with a line live
            res.issues.append(_unread(o))
            continue
        st = states.get(o.order_no)
        if st is not None and o.platform is not None and st.platform is not None and st.platform != o.platform:
            _said_once(res, _clash(o, st.lines[0], st.platform))  # two platforms' orders of one number, one import
            continue
        if st is None:
            lines = by_no.get(o.order_no)
            if lines is not None:
                head = lines[0]
                have = platform_of(head)
                if another_platforms(head, o.platform):
                    _said_once(res, _clash(o, head, have))  # (an order and its after-sale: one row, said once)
                    continue
                vals = {f: getattr(head, f) for f in TRACKED}
                known = (known_notes or {}).get((have.en if have else "", o.order_no))
                st = states[o.order_no] = _State(o.order_no, have, lines, False, vals, dict(vals), known_note=known)
                if o.items_short is not None:  # its rows are there already: the export's gap is only said
                    res.issues.append(o.items_short[2])
            elif o.file in stale and o.order_no in closed:  # a newer export saw it over: never brought back
                if o.settled_stage()[0] in (Stage.WAITING, Stage.REFUNDING):
                    res.kept.setdefault(o.file, []).append(o.order_no)
                continue
            else:
                maker = makers.get(o.order_no) if o.kind == "refund" else None
                if maker is not None and (maker.unread or id(maker) in made
                                          or maker.file in stale and maker.order_no in closed):
                    maker = None
                if id(o) in made:  # made (or refused) ahead of its turn, for an older refund export
                    continue
                if maker is not None:
                    made.add(id(maker))
                st = _create(maker or o, resolver, prices, res, lang)
                if st is None:
                    if maker is not None:  # the refund of an order not brought in: said as it was
                        _skip(res, o, "退款的订单不在订单表中", "the refunded order is not in the orders sheet")
                    continue
                states[o.order_no] = st
        if o.file in stale and not st.new:
            said = _export_stage(st, o)
            if not _stale_word_counts(st, o, said, resolver):
                _stale_step(st, o, res, lang, today, resolver)
                continue
            if said[0] is Stage.REFUNDING:  # held on an older export's word: said so, to be checked
                was = st.values["status"]
                _step(st, o, res, lang, today, resolver)
                if st.values["status"] is not was:
                    check = ("退款是否还在进行", "that the refund is still open") if said[2] is None else (
                        "这个订单现在的状态", "where the order stands now")
                    st.note = (st.note[0] + f"（{o.file} 比已导入的导出旧：请在平台核对{check[0]}）",
                               st.note[1] + f" ({o.file} is older than an export imported before: check on the "
                                            f"platform {check[1]})")
                continue
        _step(st, o, res, lang, today, resolver)
        if o.kind == "order" and o.platform is not None and o.file not in stale and (
                note := _flat(o.head.get("seller_note"))):
            res.notes[(o.platform.en, o.order_no)] = (o.file, note)
        if o.kind == "refund":
            res.refunds += [Refund(o.order_no, ln.refund["refund_no"], ln.refund["amount"],
                                   ln.refund["done_at"].date() if ln.refund.get("done_at") else today,
                                   ln.refund["reason"], platform=o.platform)
                            for ln in o.lines if ln.stage is Stage.CANCELLED and ln.refund and ln.refund["amount"]]
    for x in voided:
        _voided(x, states, by_no, res, lang)
    # (the orders whose 出库 is there: one set by hand posts none beside them; looked for only where one may be)
    refs = {ref for ref, _ in posted} if any(st.hand_day is not None and st.ship_day is None
                                             for st in states.values()) else set()
    hand = any(st.hand_day is not None and st.ship_day is None and st.no not in refs for st in states.values())
    since = posted_since() if hand and refs and posted_since is not None else None
    loose = loose_outs() if since is not None and loose_outs is not None else {}
    for st in states.values():
        st.hand_post = hand_shipped(st, refs, since, resolver, loose)
        _finish(st, res, posted, gifts_of, resolver, lang)
    res.issues += resolver.issues()
    return res


FINAL = frozenset({Stage.CANCELLED, Stage.SHIPPED, Stage.DELIVERED})  # what a platform never takes back


def _stale_word_counts(st: _State, o: PlatformOrder, said, resolver: SkuResolver) -> bool:
    """Whether an older export's word on an order there is taken: shipped, delivered or cancelled, never taken
    back; a hold on an order still open that no newer word settled (a newer export may not have named it: held,
    lest it ship): a refund asked for, some lines refunded and the rest waiting, part of it shipped
    (_export_stage), not where a refund closed since or its rows lack lines the export has (a newer export took
    them away, refunded). `said`: its _export_stage."""
    if said is None:
        return False
    if said[0] in FINAL:
        return True
    return said[0] is Stage.REFUNDING and st.values["status"] in OPEN \
        and not REFUND_CLOSED.begins(st.values["platform_status"]) and not _rows_short(st, o, resolver)


def _stale_step(st: _State, o: PlatformOrder, res: LifeResult, lang: str, today: dt.date,
                resolver: SkuResolver) -> None:
    """An older export's other word on an order there (待发货, a refund a newer word settled): not applied (it
    would release, hold, or call rows missing that a newer export's word took away); listed as kept where it would
    have changed the order."""
    from dataclasses import replace

    trial = replace(st, values=dict(st.values), shipped_units=dict(st.shipped_units), notes=dict(st.notes))
    _step(trial, o, LifeResult(), lang, today, resolver)
    if trial.values != st.values:
        res.kept.setdefault(o.file, []).append(o.order_no)


NAME_EN = {Platform.TAOBAO: "Taobao/Tmall", Platform.PINDUODUO: "Pinduoduo", Platform.DOUYIN: "Douyin"}


def _clash(o: PlatformOrder, head: OrderLine, have: Platform | None, sheet: str = "") -> Issue:
    """`o` refused: its number is `head`'s order, of another platform, an agent's or typed (`sheet`: the
    order sheet of this import `head` came from, not a row of the orders sheet)."""
    other = have.value if have else (head.source.value if head.source else "手工")
    other_en = NAME_EN[have] if have else (head.source.en if head.source else "manual")
    if sheet:
        where, where_en = f"本次导入的 {sheet} 第 {head.row} 行", f"{sheet} row {head.row}, in this import"
    else:
        where = f"订单表第 {head.row} 行" if head.row else "本次导入"
        where_en = f"Orders row {head.row}" if head.row else "this import"
    return _refused(o, f"订单编号 {o.order_no} 已有一个{other}订单（{where}）：这个{o.platform.value}订单没有导入。"
                       "同一个编号只能有一个订单，请核对。",
                    f"Order number {o.order_no} is already a {other_en} order ({where_en}): this "
                    f"{NAME_EN[o.platform]} order was not imported. One number is one order: please check.",
                    column="订单编号")


def typed_clashes(typed: list[OrderLine], orders: list[PlatformOrder], origin: dict[str, str]
                  ) -> tuple[list[PlatformOrder], list[Issue]]:
    """The platform orders of this import whose number an order sheet of the same import brings in too
    (typed by hand, an agent's): refused, as they are when that order is on the sheet already (one number,
    one order; both brought in, it was two orders' rows under one number, picked and shipped twice),
    each said once; the others."""
    heads: dict[str, OrderLine] = {}
    for ln in typed:
        heads.setdefault(ln.order_no, ln)
    kept, issues = [], []
    for o in orders:
        head = heads.get(o.order_no)
        if head is None:
            kept.append(o)
            continue
        i = _clash(o, head, platform_of(head), origin.get(o.order_no, "") or "?")
        if i not in issues:
            issues.append(i)
    return kept, issues


def _said_once(res: LifeResult, issue: Issue) -> None:
    if issue not in res.issues:
        res.issues.append(issue)


def _refused(o: PlatformOrder, zh: str, en: str, column: str = "") -> Issue:
    """What a file says of an order, refused: an error at the order's row of that file (an order
    number another platform's order has; a shipment of an order that must not ship)."""
    return Issue("error", zh, en, book=o.file.split(":")[0], cell=row_cell(o.row), column=column, value=o.order_no,
                 row=o.row)


def _parcel_refused(res: LifeResult, i: Issue) -> None:
    res.issues.append(i)
    res.parcels_refused.append(i)


def _skip(res: LifeResult, o: PlatformOrder, zh: str, en: str) -> None:
    res.skipped.append({"order_no": o.order_no, "file": o.file, "platform": o.platform.value if o.platform else "",
                        "reason_zh": zh, "reason_en": en})


def _create(o: PlatformOrder, resolver: SkuResolver, prices: dict, res: LifeResult, lang: str) -> _State | None:
    """A new order's rows, or None (not paid, already over, or a refund/shipment of an order
    shopbook does not have)."""
    if o.kind == "tracking":
        _skip(res, o, "发货文件里的这个订单不在订单表中", "this shipped order is not in the orders sheet")
        return None
    if o.kind == "refund":
        _skip(res, o, "退款的订单不在订单表中", "the refunded order is not in the orders sheet")
        return None
    stage, reason = o.settled_stage()
    if stage not in (Stage.WAITING, Stage.REFUNDING):
        if stage in FINAL and o.kind == "order":  # no row left of it: remembered, lest an older export bring it in
            res.unwritten.setdefault(o.order_no, o.file)
        _skip(res, o, f"订单状态是“{o.status_text}”，不是待发货", f"status is '{o.status_text}', not waiting to ship")
        return None
    if o.items_short is not None:  # brought in, it would be reviewed and picked short, and never made whole
        res.issues.append(_short(o.order_no, *o.items_short))
        return None
    for ln in o.lines:  # (said by the order's number: which of its items, named, and why)
        if ln.stage is Stage.CANCELLED and ln.codes:
            named = ln.codes[0] + (f"（{ln.title}）" if ln.title else " ")
            res.skipped.append({"order_no": o.order_no, "sku": ln.codes[0], "file": o.file,
                                "platform": o.platform.value if o.platform else "",
                                "reason_zh": f"商品 {named}没有导入：平台上这件已取消（{ln.reason}）",
                                "reason_en": f"item {ln.codes[0]}" + (f" ({ln.title})" if ln.title else "")
                                             + f" not imported: cancelled on the platform ({ln.said('en')})"})
    head = dict(o.head)
    head["changes"] = changes_said(o.head.get("changes"), lang)
    if not (head.get("receiver") or head.get("phone") or head.get("address")):
        # the platform keeps the buyer's details (拼多多's current export): said so, never left as a gap
        sealed = SEALED["zh" if lang == "zh" else "en"]
        head.update(receiver=sealed, phone=sealed, address=sealed)
    blank = [f for f in RECEIVER_FIELDS if not head.get(f)]
    if blank and o.live_lines():  # an order with nothing to ship left is only skipped, below
        res.issues.append(_unshippable(o, blank))
        return None
    if o.live_lines() and (lost := _phone_lost(o, head["phone"])) is not None:
        res.issues.append(lost)
        return None
    rows: dict[tuple[str, Decimal | None], dict] = {}
    for pl in o.live_lines():
        parts, mapped = resolver.resolve(o.platform, pl.codes, (pl.file or o.file, pl.row or o.row, o.order_no))
        if not parts:
            continue
        want = [(sku, pl.qty * n) for sku, n in parts]
        # a line the SKU map translated or expanded says which platform item it came from
        code = f"{mapped}×{pl.qty}" if mapped else None
        units: list[Decimal | None]
        if pl.unit_price is None:
            units = [None] * len(want)
        elif len(want) == 1 and want[0][1] == pl.qty:
            units = [pl.unit_price]
        else:
            units = split_price(pl.unit_price * pl.qty, want, prices) or [None] * len(want)
            if units[0] is None:  # said at the line's row, in its file (淘宝's: the item list, not the order list)
                book, _, sheet = (pl.file or o.file).partition(":")
                res.issues.append(Issue("warning", f"订单 {o.order_no}：组合装 {mapped} 的价格 {pl.unit_price} "
                                                   "无法按件分到分，单价留空。",
                                        f"Order {o.order_no}: the bundle {mapped}'s price {pl.unit_price} does not "
                                        "split to the fen over its parts: unit prices left blank.",
                                        book=book, sheet=sheet, row=pl.row, cell=row_cell(pl.row),
                                        value=mapped or ""))
        for (sku, qty), unit in zip(want, units):
            key = (sku, unit)
            if key in rows:  # one SKU twice at one price (two listings, or a bundle and the SKU alone)
                rows[key]["qty"] += qty
                if code:
                    rows[key]["platform_code"] = "；".join(x for x in (rows[key]["platform_code"], code) if x)
            else:
                rows[key] = {"sku": sku, "qty": qty, "unit_price": unit, "platform_code": code}
    if not rows:
        _skip(res, o, "订单里没有可发的商品行", "no item lines to ship in it")
        return None
    lines = [OrderLine.from_cells({**head, **r, "order_no": o.order_no, "platform": o.platform,
                                   "source": SOURCE.get(o.platform), "status": OrderStatus.NEW}) for r in rows.values()]
    vals = {f: getattr(lines[0], f) for f in TRACKED}
    return _State(o.order_no, o.platform, lines, True, vals, dict.fromkeys(TRACKED), file=o.file)


RECEIVER_FIELDS = ("receiver", "phone", "address")  # required on every 订单 row: an order without one cannot ship
RECEIVER_LABEL = {"receiver": ("收货人", "receiver"), "phone": ("手机", "phone"), "address": ("收货地址", "address")}


def _short(order_no: str, want: int, got: int, at: Issue) -> Issue:
    """A new order whose item list holds fewer units than the order (a line missing): refused at
    the order's count, so that the next import of whole files brings it in whole. Imported, its
    rows would be all it ever had: a later export's lines do not add rows to an order there."""
    from dataclasses import replace

    return replace(at, severity="error",
                   message_zh=f"订单 {order_no} 的宝贝总数量是 {want}，宝贝报表里只有 {got} 件：这个订单没有导入"
                              "（其他订单照常导入），以免少发。宝贝报表可能不完整（下载被截断，或与订单报表不是同一次导出）："
                              "请把两个文件重新下载后一起导入。",
                   message_en=f"Order {order_no} has {got} of its {en_count(want, 'item')} in the item list: it was not imported "
                              "(the other orders are imported), so that it does not ship short. The item list may "
                              "be incomplete (its download cut off, or not exported with the order list): download both "
                              "files again and import them together.")


def _unread(o: PlatformOrder) -> Issue:
    """An order a line of which did not read (its own error is at that line): refused whole, new or
    not, so that it neither comes in short nor moves on by the lines left; the file put right (or
    downloaded again) and imported again brings it in whole."""
    files = list(dict.fromkeys(f.split(":")[0] for f, _ in o.unread))
    rows = "、".join(str(r) for _, r in o.unread)
    rows_en = ", ".join(str(r) for _, r in o.unread)
    place = f"{files[0]} 第 {rows} 行" if len(files) == 1 else "、".join(f"{f} 第 {r} 行" for f, r in o.unread)
    place_en = f"{files[0]} row {rows_en}" if len(files) == 1 else ", ".join(f"{f} row {r}" for f, r in o.unread)
    return _refused(o, f"订单 {o.order_no} 有商品行没有读懂（{place}，错误见那一行）：这个订单没有导入，也没有改动，以免少发，"
                       "或只凭其余的行判断它。改正那一行（或重新下载导出）后再导入。",
                    f"Order {o.order_no} has an item line that did not read ({place_en}; its error is at that line): "
                    "the order was not imported or changed, so that it does not ship short or move on by its other "
                    "lines alone. Correct that line (or download the export again), then import it again.")


def _phone_lost(o: PlatformOrder, phone: str) -> Issue | None:
    """A new order whose phone the export holds as Excel made it a number (1.38123E+10, its last digits gone):
    refused on the export's cell, None for a phone that reads. As a row its 手机 would not read as a code, and
    every later import stops on it."""
    from ..values import BadValue, parse_code

    try:
        parse_code(phone)
        return None
    except BadValue as e:
        col = o.columns.get("phone") or RECEIVER_LABEL["phone"][0]
        book, _, sheet = o.file.partition(":")
        return Issue("error", f"订单 {o.order_no} 的“{col}”：{e.zh}这个订单没有导入（其他订单照常导入）。",
                     f"Order {o.order_no}'s '{col}' (phone): {e.en} The order was not imported (the other orders "
                     "are).", book=book, sheet=sheet, cell=row_cell(o.row), column=col, value=phone, row=o.row)


def _unshippable(o: PlatformOrder, blank: list[str]) -> Issue:
    """A new order whose receiver, phone or address is blank (the others given): refused on the
    export's cell, like a line that does not read. As a row it would leave a required cell of
    订单 blank, and every later import stops on it."""
    cols = [o.columns.get(f) or RECEIVER_LABEL[f][0] for f in blank]
    zh = "、".join(f"“{c}”" for c in cols)
    en = ", ".join(f"'{c}' ({RECEIVER_LABEL[f][1]})" for c, f in zip(cols, blank))
    book, _, sheet = o.file.partition(":")
    return Issue("error", f"订单 {o.order_no} 的{zh}是空的：无法发货，这个订单没有导入（其他订单照常导入）。"
                          "请在平台上核对买家的收货信息，重新导出后再导入。",
                 f"Order {o.order_no} has a blank {en}: it cannot ship, so it was not imported (the other orders "
                 "are imported). Check the buyer's details on the platform, export again and import that.",
                 book=book, sheet=sheet, cell=row_cell(o.row), column=cols[0], value="", row=o.row)


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


Said = Callable[[str], str]  # a text shopbook composes, in a language


def _refund_stage(o: PlatformOrder, st: _State) -> tuple[Stage, Said, Word | None, Said | None]:
    """What a refund export says of an order: a refund open → refunding; every line (or the
    whole order) refunded → cancelled; some lines refunded → a person decides (PARTIAL); all
    closed → nothing is refunded. The reason in a language, the person's mark if any, and that
    mark as it was worded before (a release of it stands)."""
    open_ = [ln for ln in o.lines if ln.stage is Stage.REFUNDING]
    if open_:
        return Stage.REFUNDING, lambda lang: SEMI.say(lang).join(dict.fromkeys(ln.said(lang) for ln in open_)), None, None
    done = [ln for ln in o.lines if ln.stage is Stage.CANCELLED]
    if not done:
        return Stage.WAITING, lambda lang: "", None, None
    ours = {ln.sku for ln in st.lines}
    refunded = {c for ln in done if not _some_units(ln, st.lines) for c in ln.codes}
    if any(ln.refund and ln.refund.get("whole") for ln in done) or ours <= refunded:
        return Stage.CANCELLED, lambda lang: SEMI.say(lang).join(dict.fromkeys(ln.said(lang) for ln in done)), None, None

    def partly(lang: str, coded: bool = True) -> str:  # each refund by its 商品编码: the line a person deletes
        return PARTIAL.say(lang) + COLON.say(lang) + SEMI.say(lang).join(dict.fromkeys(
            (ln.codes[0] + " " if coded and ln.codes else "") + ln.said(lang) for ln in done))

    return Stage.REFUNDING, partly, PARTIAL, lambda lang: partly(lang, False)


def _from_item_list(o: PlatformOrder) -> bool:
    """Whether a refund record is a 淘宝 item list's (its 退款状态 on a shipped order: platforms.taobao), which has no
    退款编号, not the 退款 export's (拼多多's and 抖店's records are keyed by their order or sub-order no.)."""
    return o.kind == "refund" and o.platform is Platform.TAOBAO and not any(
        ln.refund and ln.refund.get("refund_no") for ln in o.lines)


_CODE_EDGE = "A-Za-z0-9_-"  # a code is apart from the words around it: SH-BK-M is not in SH-BK-M2


def _same_refund(held: str | None, o: PlatformOrder) -> bool:
    """Whether 平台状态 `held`, a 部分退款 mark, names by code every line this export says was refunded, in whatever
    words: the refund export's (部分退款：SH-BK-M 退款成功：…) and the order list's (部分退款：黑衬衫 SH-BK-M（退款成功）)
    of one refund. Each export's rewording the other's re-held an order a person had released (已审核 after deciding
    what ships), and listed a change at every import."""
    if not PARTIAL.begins(held):
        return False
    done = [ln for ln in o.lines if ln.stage is Stage.CANCELLED or ln.refunded_part]
    return bool(done) and all(ln.codes and re.search(f"(?<![{_CODE_EDGE}]){re.escape(ln.codes[0])}(?![{_CODE_EDGE}])",
                                                    held) for ln in done)


def _some_units(ln: PLine, rows: list[OrderLine]) -> bool:
    """A refund of less than its line was bought for (1 shirt of 3): the rest of the line still ships,
    so the order is no more cancelled than it is when one line of two is refunded. Told by the amount
    against what the buyer paid and what the rows of its code are worth (a discount folded in: ¥270.00
    of a line of 3 × ¥99.00 the buyer paid ¥270.00 for is the whole line)."""
    r = ln.refund or {}
    if r.get("part"):  # the platform says part of it, of how much not (拼多多 已发货，待收货 beside 退款成功)
        return True
    # fewer units than the order's rows of its code hold: 抖店's two sub-orders of one SKU (one row of 2 here), one
    # refunded (a refund export's line counts none: 0)
    if not r.get("whole") and 0 < ln.qty < sum(x.qty for x in rows if x.sku in ln.codes):
        return True
    amount, paid = r.get("amount"), r.get("paid")
    if amount is None or r.get("whole") or (paid is not None and amount >= paid):
        return False
    worth = sum(x.unit_price * x.qty for x in rows if x.sku in ln.codes and x.unit_price is not None)
    return amount < worth


def _place(address: str) -> str:
    """An address as compared with the platform's: without its postcode and spaces (a person who typed the
    buyer's new one in, 广东省深圳市…, has the export's 广东省 深圳市 … (518000))."""
    return "".join(split_postcode(address)[0].split())


def _address_changed(st: _State, o: PlatformOrder, lang: str) -> None:
    """A later export saying the buyer changed the address (淘宝 修改后的收货地址, 抖店 是否修改过地址) of an
    order shopbook has, not shipped yet, to one its rows do not hold, or its SKU (淘宝 修改后的sku, a size
    changed for the buyer) to one its 修改记录 does not hold: held for a person, as its packing note and
    waybill carry the old ones."""
    v = st.values
    if st.new or o.kind != "order" or v["status"] not in OPEN:
        return
    marks: list[tuple[Word, str]] = []  # (the mark, what the platform has now)
    zh, en, note_zh, note_en = [], [], [], []
    new = (o.head.get("address") or "").strip()
    told = any(w is ADDRESS_EDITED for w, _ in o.head.get("changes") or ())
    # 拼多多's older export (收货人 … 街道) has no column saying the address was changed: one that differs is told so
    if new and (told or (o.platform is Platform.PINDUODUO and st.lines[0].address not in SEALED.values())) \
            and _place(new) != _place(st.lines[0].address or "") \
            and not (v["status"] is OrderStatus.HELD and not ADDRESS.begins(v["platform_status"])
                     and new in (v["review"] or "")):  # held for another reason, it said beside (_moved_too)
        marks.append((ADDRESS, new))
        if told:
            zh.append(f"买家在平台改了收货地址，新地址：{new}。核对后改好收货地址再审核")
            en.append(f"the buyer changed the address on the platform to: {new}. Check it, correct the address, then "
                      "approve")
            note_zh.append(f"买家在平台改了收货地址：{new}（挂起，订单表的地址未改）")
            note_en.append(f"the buyer changed the address on the platform to: {new} (held; the sheet's address is "
                           "unchanged)")
        else:
            zh.append(f"平台上的收货地址和订单表的不同（买家可能改了地址），平台上是：{new}。核对后改好收货地址再审核")
            en.append(f"the platform's address differs from the sheet's (the buyer may have changed it): {new}. Check "
                      "it, correct the address, then approve")
            note_zh.append(f"平台上的收货地址和订单表的不同：{new}（挂起，订单表的地址未改）")
            note_en.append(f"the platform's address differs from the sheet's: {new} (held; the sheet's address is "
                           "unchanged)")
    sku = o.sku_change.strip()
    if sku and sku not in (st.lines[0].changes or ""):  # known when it came in: its review held it for this
        marks.append((SKU, sku))
        zh.append(f"平台上改了商品规格（修改后的sku：{sku}）。核对后改好商家编码再审核")
        en.append(f"the item was changed on the platform (修改后的sku: {sku}). Check it, correct the SKU, then approve")
        note_zh.append(f"平台上改了商品规格：{sku}（挂起，订单表的商家编码未改）")
        note_en.append(f"the item was changed on the platform to {sku} (held; the sheet's SKU is unchanged)")
    if not marks:
        return

    def mark(lg: str) -> str:
        return SEMI.say(lg).join(w.say(lg) + COLON.say(lg) + what for w, what in marks)

    if v["platform_status"] in either(mark):
        return  # held for it already, or released by a person who has decided (in either language)
    _hold(st, o, mark(lang), lang, (HELD.zh + "；".join(zh), HELD.en + "; ".join(en)), ("；".join(note_zh), "; ".join(note_en)))
    if marks[0][0] is ADDRESS:
        st.moved = (zh[0], en[0], note_zh[0], note_en[0])


def _flat(text: str | None) -> str:
    """A note's words, its line breaks and spaces as Excel or the export keep them aside."""
    return " ".join((text or "").split())


def _note_added(st: _State, o: PlatformOrder, lang: str) -> None:
    """A later export's seller note (淘宝 订单备注/商家备忘, 拼多多 and 抖店 商家备注) that the rows of an order shopbook has,
    not shipped yet, do not hold: the 客服 wrote it on the platform after the order came in (改发黑色M, 先别发). Added to
    each row's 卖家备注 after what is there (a person's words kept; a note the platform's contains is taken whole), for
    the review, the packing note and the picker; an approved order the export still has waiting is held for a person to
    read it, as the review holds a new order with a note (its pick pulled, if picked). A note blanked on the platform
    leaves the rows' as they are; the same export again finds its note there and changes nothing. A note an import
    before brought in (st.known_note) is not new, whatever the cell holds now: a person who read it and rewrote the
    cell (已改发黑色M), or cleared it, has the last word, and the order they approved is not held again for it."""
    v = st.values
    if st.new or o.kind != "order" or v["status"] not in OPEN:
        return
    flat = _flat
    new = flat(o.head.get("seller_note"))
    if not new or new == st.known_note or any(new in flat(st.notes.get(ln.row, ln.seller_note)) for ln in st.lines):
        return
    for ln in st.lines:
        was = (st.notes.get(ln.row, ln.seller_note) or "").strip()
        st.notes[ln.row] = new if not was or flat(was) in new else was + SEMI.say(lang) + new
    said = (f"平台上新加了卖家备注“{new}”（已写入卖家备注）", f"a seller note was added on the platform: '{new}' (written "
            "into its seller note)")
    if v["status"] is OrderStatus.APPROVED and o.settled_stage()[0] is Stage.WAITING:
        v.update(status=OrderStatus.HELD,
                 review=_say(lang, f"{HELD.zh}卖家备注：{new}（审核后在平台上新加的）。看过备注、按它改好订单后再审核",
                             f"{HELD.en}seller note: {new} (added on the platform after the order was approved). Read "
                             "it, correct the order as it says, then approve"))
        said = (f"平台上新加了卖家备注“{new}”：挂起，请看过备注再审核", f"a seller note was added on the platform: '{new}': "
                "held, read it, then approve")
    # (held by this export for its address already: both said)
    st.note = (st.note[0] + "；" + said[0], st.note[1] + "; " + said[1]) if st.file == o.file and st.note[0] else said
    st.file = o.file
    st.noted = (o.file, *said)


def _moved_too(st: _State, review: tuple[str, str], note: tuple[str, str]) -> tuple[tuple[str, str], tuple[str, str]]:
    """A hold's words with the address change the same export held the order for (st.moved) beside them."""
    if st.moved is None:
        return review, note
    zh, en, note_zh, note_en = st.moved
    return (f"{review[0]}；另外，{zh}", f"{review[1]}; also, {en}"), (f"{note[0]}；{note_zh}", f"{note[1]}; {note_en}")


def _hold(st: _State, o: PlatformOrder, mark: str, lang: str, review: tuple[str, str], note: tuple[str, str],
          **more) -> None:
    """Held for a person: 平台状态 `mark`, 审单结果 `review` in the shop's language, the change noted
    (`more`: other cells the export fills, a courier and tracking number)."""
    if not ADDRESS.begins(mark):
        review, note = _moved_too(st, review, note)
    said = _say(lang, *review)
    if hand := _by_hand(st.values, lang, [ln.review for ln in st.lines[1:]]) or _typed_beside(st, lang):  # a person's hold under it: kept beside, for
        # when this one ends
        said += SEMI.say(lang) + hand
    st.values.update(status=OrderStatus.HELD, platform_status=mark, review=said, **more)
    if st.noted is not None and st.noted[0] == o.file:  # (a seller's note the same export brought: said too)
        note = (f"{note[0]}；{st.noted[1]}", f"{note[1]}; {st.noted[2]}")
    st.note = note
    st.file = o.file


# the import's words holding an order for a refund or a part the platform shipped, around its 平台状态 (held_for):
# (zh before, zh after, en before, en after), for _held_words; _appended reads a cell's end after them
_PART_SHIPPED_SAID = ("平台", "，其余未发。请人工决定还发哪些，但不要删行：其余的请在平台后台发货，订单保持挂起；导入平台说全部已发的导出时记为"
                      "已发货，每一行出库记一次", "the platform shipped part of it (", "). A person decides what still "
                      "ships, but not by deleting rows: ship the rest on the platform and leave the order held; the "
                      "export that says it all shipped marks it shipped and posts every row's stock once")
_PART_UNITS_SAID = ("平台", "，订单在平台仍是待发货，货还要发。请在平台核对这笔退款（退的是差价还是部分件数），再决定发多少（改数量或删行，再审核）",
                    "on the platform, ", ", and the order still waits to ship there: its goods still go out. Check "
                    "this refund on the platform (a price difference, or some of the units?), then decide what ships "
                    "(correct the quantity or delete the line, then approve)")
_PARTIAL_SAID = ("平台", "。请人工决定还发哪些（删去已退款的行或改数量，再审核）", "on the platform, ",
                 ". A person decides what still ships (delete the refunded lines or correct the quantity, then approve)")
_REFUND_SAID = ("平台", "", "on the platform, ", "")


def _held_words(said: tuple[str, str, str, str], held_for: Callable[[str], str]) -> tuple[str, str]:
    """The import's 审单结果 words of a refund's or part shipment's hold (`said`: one of the _…_SAID above), zh and en."""
    zb, za, eb, ea = said
    return f"{HELD.zh}{zb}{held_for('zh')}{za}", f"{HELD.en}{eb}{held_for('en')}{ea}"


# the address change a hold of the same export says beside its own (_moved_too): its words end as it asks to approve
_MOVED = re.compile(r"(?:；另外，|; also, ).*?(?:再审核|then approve)", re.S)


def _appended(review: str | None, held: str | None) -> str:
    """Words a person added after the import's own words of a refund's or part shipment's hold (自动挂起：平台退款中：
    买家不想要了；SH-BK-M … then ；已联系买家), '' where the cell ends as the import wrote it. The import's words are
    found whole by its 平台状态 `held` (they hold it, and may hold ；/; themselves, as a refund's reasons and its
    part shipment's advice do), never by splitting the cell; a person's hold the import keeps after them
    (；人工挂起：…) is _by_hand's."""
    r, held = (review or "").strip(), (held or "").strip()
    if not r or not held:
        return ""
    kinds = ((_PART_SHIPPED_SAID,) if PART_SHIPPED.begins(held) else (_PART_UNITS_SAID, _PARTIAL_SAID)
             if PARTIAL.begins(held) else (_REFUND_SAID,) if REFUNDING.begins(held) else ())
    for said in kinds:
        for ours in _held_words(said, lambda lg: held):
            if not r.startswith(ours):
                continue
            rest = r[len(ours):]
            if m := _MOVED.match(rest):
                rest = rest[m.end():]
            if any(rest.startswith(SEMI.say(lg) + HELD_BY_HAND.say(lg)) for lg in ("zh", "en")):
                return ""
            return rest.lstrip("；;，,。. \n").strip()
    if kinds or not held.startswith(_ASKED_HOLDS) or not r.startswith((HELD.zh, HELD.en)):
        return ""
    # an address, a SKU, rows short or a code unmapped: the import's words (one or more reasons, each with the
    # platform's own text) each end asking for the step (再审核 / then approve, 再导入 / import again); a person's
    # words are after the last of them (before: lost when the platform then cancelled the order)
    end = max((r.rfind(w) + len(w) for w in _ASKS if r.rfind(w) >= 0), default=-1)
    rest = r[end:].lstrip("；;，,。.） )\n").strip() if end > 0 else ""
    if any(rest.startswith(HELD_BY_HAND.say(lg)) for lg in ("zh", "en")):
        return ""
    return rest


# 平台状态 words of the import's own holds (a refund, a part refunded or shipped, a code, an address, rows missing)
_IMPORT_HOLDS = tuple(w for word in (REFUNDING, PARTIAL, PART_SHIPPED, UNMAPPED, ADDRESS, SKU, ROWS_SHORT) for w in word)
# those whose words end asking for a step (_appended), and those steps' words
_ASKED_HOLDS = tuple(w for word in (UNMAPPED, ADDRESS, SKU, ROWS_SHORT) for w in word)
_ASKS = ("再审核", "then approve", "再导入）", "then import again)")


def _by_hand(v: dict, lang: str, others: Iterable[str | None] = ()) -> str:
    """A person's hold of the order, as the import keeps it after its own hold's words in 审单结果 (人工挂起：their words,
    or 人工挂起 where they typed 已挂起 over the review's 通过 / 提示：…), so that the import's hold ending (a refund
    closed) leaves it held as they held it; one the import carries already, as it is. '' where the order is not
    held by a person: not held, held by the import (its 平台状态) or by the review (挂起：its own reasons, review_held)."""
    r = v["review"] or ""
    for lg in ("zh", "en"):
        at = r.find(SEMI.say(lg) + HELD_BY_HAND.say(lg))
        if at >= 0:
            return r[at + len(SEMI.say(lg)):]
    if v["status"] is not OrderStatus.HELD:
        return ""
    if (v["platform_status"] or "").startswith(_IMPORT_HOLDS):
        typed = _typed_over(v, others)  # their words typed over the import's hold: theirs, kept as their hold
        return HELD_BY_HAND.say(lang) + COLON.say(lang) + typed if typed else ""
    if kept := quoted_words(r):  # a person's note the review held the order on, quoted (先别发…): theirs, kept
        return HELD_BY_HAND.say(lang) + COLON.say(lang) + kept  # (written over, the order shipped once the hold ended)
    if review_held(r):
        return ""
    if HELD_BY_HAND.begins(r):
        return r
    # (their reason typed as the review words a hold, 挂起：先别发…: their words, without the word)
    words = "" if not r or hand_held_review(r, lang) is not None else held_reasons(r) if says_held(r) else r
    return HELD_BY_HAND.say(lang) + (COLON.say(lang) + words if words else "")


def _typed_over(v: dict, others: Iterable[str | None] = ()) -> str:
    """The words a person typed over the whole 审单结果 of an order the import holds (自动挂起：平台退款中 replaced by
    等买家回电话再说), or added after the import's words (；已联系买家: _appended), on any of its rows (`others`: the
    审单结果 of its rows after the first), '' where each cell is shopbook's own words (its holds, notes, 人工挂起 …:
    review.persons_words). Theirs: the import's hold ending (a refund closed), or another hold of it, never writes
    over them."""
    if v["status"] is not OrderStatus.HELD or not (v["platform_status"] or "").startswith(_IMPORT_HOLDS):
        return ""
    cells = [r for r in ((c or "").strip() for c in (v["review"], *others)) if r]
    # (typed over the whole cell, or added after the import's words: 自动挂起：平台退款中；已联系买家)
    typed = dict.fromkeys(w for w in (r if persons_words(r)[0] == r else _appended(r, v["platform_status"])
                                      for r in cells) if w)
    return "；".join(typed)


def _persons(v: dict, others: Iterable[str | None] = ()) -> list[str]:
    """A person's words in the 审单结果 of an order, on any of its rows (`others`: its rows after the first), each once:
    typed over the cell (先别发，等买家回复; 人工挂起：先别发), added after an import's hold (_appended), a person's hold the
    import keeps beside its own (；人工挂起：…: _hand_again), or quoted by the review (审单结果原写着：…); none of
    shopbook's own words (通过, 提示：…, its holds, a bare 人工挂起). For the platform's cancel, which writes the cell
    anew, to keep them beside its words (审单结果原写着：…: read back as a note if a person opens the order again)."""
    words: dict[str, None] = {}
    for c in (v["review"], *others):
        r = (c or "").strip()
        if not r:
            continue
        hand = _hand_again(r)
        for w in ((r if persons_words(r)[0] == r else ""), _appended(r, v["platform_status"]),
                  "" if hand in either(HELD_BY_HAND.say) else hand or "", quoted_words(r)):
            if w:
                words.setdefault(w)
                break
    return list(words)


def _typed_beside(st: _State, lang: str) -> str:
    """What a person typed in the 审单结果 of an order not held (待审核: 客户要求周五发, 先别发，等买家回复), on any of its
    rows, which the review would hold the order on (review.persons_words): kept after an import's hold's words as a
    person's hold (人工挂起：their words), as _by_hand keeps one. Before, the hold wrote over them, every row, and the
    person's words were gone; '' where no row holds any. Only for an order still 待审核: one a person approved may
    show the review's quoted words until the next review (自动挂起：审单结果原写着：先别发, released by 已审核), which
    are no hold of theirs any more."""
    if st.values["status"] is not OrderStatus.NEW:
        return ""
    typed = dict.fromkeys(w for w in (persons_words(r)[0] for r in (st.values["review"], *(ln.review for ln in
                                                                                            st.lines[1:]))) if w)
    return HELD_BY_HAND.say(lang) + COLON.say(lang) + SEMI.say(lang).join(typed) if typed else ""


def _hand_again(review: str | None) -> str | None:
    """The 审单结果 of an order a person held, back as it was once the import's hold under which _by_hand kept it ends:
    their own words (人工挂起 where they gave none); None where the cell keeps no person's hold."""
    r = review or ""
    for lg in ("zh", "en"):
        at = r.find(SEMI.say(lg) + HELD_BY_HAND.say(lg))
        if at >= 0:
            hand = r[at + len(SEMI.say(lg)):]
            words = hand[len(HELD_BY_HAND.say(lg)):]
            return words[len(COLON.say(lg)):] if words.startswith(COLON.say(lg)) and words[len(COLON.say(lg)):] \
                else hand
    return None


def _goods_back(o: PlatformOrder, was: str | None = None) -> tuple[Word, str, str]:
    """Whether goods come back from a refund on a shipped order, as its 平台状态 words and what to
    do: a return only when one is coming (是否需要退货), none for 仅退款, "if any" when the file
    does not say (拼多多, 抖店, an order export) and neither did the refund export before it (its word
    in the order's 平台状态 `was`: 退款中（已发货，仅退款）)."""
    said = [ln.refund.get("needs_return") for ln in o.lines if ln.refund]
    before = [w for w in (RETURN_DUE, REFUND_ONLY) if all(x is None for x in said) and was and any(
        paren(lg, SHIPPED.say(lg) + COMMA.say(lg) + w.say(lg)) in was for lg in ("zh", "en"))]
    if any(said) or before == [RETURN_DUE]:
        return RETURN_DUE, *_WHEN_BACK
    if (said and all(x is False for x in said)) or before == [REFUND_ONLY]:
        return REFUND_ONLY, "仅退款，不退货，库存不变", "refund only, no goods come back: stock unchanged"
    return RETURN_UNSAID, *_IF_BACK


# what a change on a shipped order refunded says to do of the goods coming back (_goods_back)
_WHEN_BACK = ("退货到了再扫描或录入退货入库", "enter the return when it arrives")
_IF_BACK = ("如有退货，到了再扫描或录入退货入库", "if goods come back, enter the return when they arrive")


def asks_return(c: Change) -> bool:
    """Whether change `c` says to scan or enter a return when it comes (_goods_back)."""
    return any(todo in c.note_zh for todo, _ in (_IF_BACK, _WHEN_BACK))


def back_already(changes: list[Change], back: dict[str, tuple[list[str], bool]], key: Callable[[str], str]) -> None:
    """The changes that say to scan or enter a return when it comes, of an order whose return is back already
    by its 售后 cases (`back`: the order's key → its case numbers and whether their 退货 is posted, as
    aftersales.cases.returns_back gives it; `key` makes an order number that key), said as they stand: a later
    refund export (退款成功) of a return received and posted told the warehouse to scan it again."""
    for c in changes:
        if (got := back.get(key(c.order_no))) is None:
            continue
        nos, posted = got
        if posted:
            zh = f"退货已收到并已入库（售后单 {'、'.join(nos)}），不用再扫描或录入"
            en = f"the return came back and was posted to stock (case {', '.join(nos)}), so nothing to scan or enter"
        else:
            zh = f"退货已收到（售后单 {'、'.join(nos)}），不用再扫描，运行 shopbook aftersales 记退货入库"
            en = f"the return came back (case {', '.join(nos)}): nothing to scan, run shopbook aftersales to post it to stock"
        for (todo, todo_en) in (_IF_BACK, _WHEN_BACK):
            if todo in c.note_zh:
                c.note_zh, c.note_en = c.note_zh.replace(todo, zh), c.note_en.replace(todo_en, en)
                break


def _line_named(ln: PLine) -> str:
    """A platform line as 平台状态 names it: its title and code (白衬衫 SH-WH-M)."""
    return " ".join(x for x in (ln.title, ln.codes[0] if ln.codes else "") if x)


def _partly_refunded(lines: list[PLine], lang: str, named: Callable[[PLine], str]) -> str:
    """部分退款's 平台状态 from an order export: the lines refunded, each with the platform's words."""
    return PARTIAL.say(lang) + COLON.say(lang) + SEMI.say(lang).join(f"{named(ln)}{paren(lang, ln.said(lang))}"
                                                                     for ln in lines)


def _part_shipped(o: PlatformOrder, shipped: list, lang: str) -> str:
    """部分发货's 平台状态: the lines the platform shipped (its courier and tracking no. where given)."""
    sep = SEMI.say(lang)
    items = sep.join(_line_named(ln) + (paren(lang, ln.shipped_by) if ln.shipped_by else "") for ln in shipped)
    if not items:
        parcel = ""
        if o.courier or o.tracking_no:
            parcel = (f"（{o.courier} {o.tracking_no}）".replace(" ）", "）") if lang == "zh"
                      else paren(lang, " ".join(x for x in (o.courier, o.tracking_no) if x)))
        items = LINES_UNSAID.say(lang) + parcel
    return PART_SHIPPED.say(lang) + COLON.say(lang) + items + WENT_OUT.say(lang)


def _words(o: PlatformOrder, reason: str, lang: str) -> str:
    """The platform's status (and the reason) as a change's note quotes it."""
    if lang == "zh":
        return f"“{o.status_text}”" + (f"（{reason}）" if reason else "")
    return f"'{o.status_text}'" + (f" ({reason})" if reason else "")


def _once(said: Said) -> Said:
    """`said`, each language's text made once."""
    made: dict[str, str] = {}

    def once(lang: str) -> str:
        if lang not in made:
            made[lang] = said(lang)
        return made[lang]

    return once


def _export_stage(st: _State, o: PlatformOrder) -> tuple[Stage, Said, Word | None, Said | None] | None:
    """An order export's word on the order, as _step takes it: (its stage, why, the person's mark it is held for,
    why as worded before). Some lines refunded and the rest waiting (部分退款), or part of it shipped by the
    platform (部分发货), is a hold for a person (REFUNDING with PARTIAL or PART_SHIPPED): settled_stage says
    WAITING for both. None: part shipped, of an order already further on (never backwards)."""
    stage, _ = o.settled_stage()
    why: Said = lambda lg: o.settled_stage(lg)[1]  # the platform's words, joined in the language
    person: Word | None = None
    why_before: Said | None = None
    # (a new order's refunded lines are only not brought in; one refunded in part comes in, held)
    partial = o.partly_refunded() if not st.new or any(ln.refunded_part for ln in o.lines) else []
    waiting = stage is Stage.WAITING
    if waiting and partial:
        stage, person = Stage.REFUNDING, PARTIAL
        # each line by title and code: the sizes of one listing share its title (白衬衫 M and L)
        why = lambda lg: _partly_refunded(partial, lg, _line_named)
        why_before = lambda lg: _partly_refunded(partial, lg, lambda ln: ln.title or ln.codes[0])
    shipped = o.shipped_part() if o.kind == "order" else None
    if waiting and shipped is not None:
        if st.status not in OPEN and st.status is not None:
            return None
        stage, person = Stage.REFUNDING, PART_SHIPPED  # held the way a refund holds, with the person's mark
        # part of it shipped and part refunded (抖店's 部分发货 on both sub-orders): both said, the parcel that went
        # first (held for the refund alone, a person told "its goods still go out" shipped the sent part again)
        why = (lambda lg: _part_shipped(o, shipped, lg) + SEMI.say(lg) + _partly_refunded(partial, lg, _line_named)) \
            if partial else (lambda lg: _part_shipped(o, shipped, lg))
        why_before = None
    return stage, why, person, why_before


def _step(st: _State, o: PlatformOrder, res: LifeResult, lang: str, today: dt.date, resolver: SkuResolver) -> None:
    if st.new and o.kind == "order" and o.plainly_waiting() and st.status is OrderStatus.NEW:
        return  # brought in as 待审核: no step to take (one an older refund export held: its list's word is taken)
    _address_changed(st, o, lang)
    _note_added(st, o, lang)
    v = st.values
    status = v["status"]
    person: Word | None = None  # held for a person (部分退款, 部分发货): once, a release stands
    why: Said
    why_before: Said | None = None  # a person's mark as it was worded before (a release of it stands)
    if o.kind == "refund":
        stage, why, person, why_before = _refund_stage(o, st)
    elif (said := _export_stage(st, o)) is None:
        return  # an older export of an order already further on: never backwards
    else:
        stage, why, person, why_before = said
    if stage is Stage.UNPAID:
        return
    if stage is Stage.WAITING:
        # released only where the export says the refund closed: one that says nothing of refunds (淘宝's
        # order list without 退款状态) or an older one (拼多多's 无售后或售后取消 before it was asked) is no word
        if _shipped_refund_closed(st, o, lang):
            pass
        elif status is OrderStatus.HELD and REFUNDING.begins(v["platform_status"]) and o.refund_closed() \
                and (hand := _hand_again(v["review"]) or _typed_over(v, [ln.review for ln in st.lines[1:]]) or None) \
                is not None:
            # a person held it before the refund was asked: their hold stands, as they held it
            v.update(platform_status=REFUND_CLOSED.say(lang), review=hand)
            st.note = ("退款已关闭；订单仍按人工挂起，放行由挂起的人决定", "refund closed; still held by hand, as a person held it "
                       "before the refund: theirs to release")
            st.file = o.file
        elif status is OrderStatus.HELD and REFUNDING.begins(v["platform_status"]) and o.refund_closed():
            v.update(status=OrderStatus.NEW, platform_status=REFUND_CLOSED.say(lang),
                     review=_say(lang, *REFUND_CLOSED_SAID))
            st.note = ("退款已关闭，回到待审核", "refund closed: back to new")
            st.file = o.file
            _address_changed(st, o, lang)  # (its address changed beside the refund: held for that now)
        elif status is OrderStatus.HELD and REFUNDING.begins(v["platform_status"]) and o.says_no_after_sale():
            # 拼多多 says 无售后或售后取消 both before a refund is asked and after the buyer withdraws it: not
            # released on it (it may be an older export), but said, so a withdrawn refund does not wait unseen
            res.issues.append(at_export(
                o, "warning", f"订单 {o.order_no}：{o.file} 说它没有售后（无售后或售后取消），shopbook 仍按退款挂起着它"
                f"（导出可能早于退款申请）。买家若已撤销退款，请在平台核对后把状态改回待审核。",
                f"Order {o.order_no}: {o.file} says it has no after-sale, and shopbook still holds it for a refund "
                "(the export may be older than the refund). If the buyer withdrew the refund, check it on the platform "
                "and set the status back to new."))
        elif status in (OrderStatus.NEW, OrderStatus.APPROVED) and o.kind == "order" and not st.new:
            _hold_rows_short(st, o, res, lang, resolver)
        elif status in GONE and o.kind == "order" and not st.new and not CANCELLED.begins(v["platform_status"] or ""):
            # said at _finish, unless a later word of this import closes it (its refund export); not where the
            # platform's own word cancelled it (平台状态 已取消：退款成功…: an older list imported again still says
            # 等待发货, and re-opening a refunded order is no advice)
            st.gone_waiting, st.gone_refunding = o, None
        return
    why = _once(why)  # (made in each language once: every order of a re-import that shipped comes here)
    reason = why(lang)
    words, words_en = _words(o, why("zh"), "zh"), _words(o, why("en"), "en")
    if stage is Stage.REFUNDING:
        def held_for(lg: str) -> str:
            r = why(lg)
            return r if person else REFUNDING.because(lg, r)

        def held_before(lg: str) -> str:  # as written before the word was said once (退款中：退款中)
            r = why(lg)
            if person:  # (部分退款：白衬衫（退款成功）, before its lines were named with their codes)
                return (why_before or why)(lg)
            return r if not r else REFUNDING.say(lg) + COLON.say(lg) + r

        mark = held_for(lang)
        if status in OPEN or status is None:
            if v["platform_status"] in (*either(held_for), *either(held_before)) and (
                    status is OrderStatus.HELD or person):
                # held for this already; a partial refund or shipment is settled on the platform and will not
                # change: a person who released the order has decided which lines ship
                return
            if person is PARTIAL and _same_refund(v["platform_status"], o):
                return  # the same lines refunded, in the other export's words: held for it, or released by a person
            if person is PART_SHIPPED:
                # deleting the shipped rows to have the rest picked leaves their stock never posted (ship posts
                # the rows it packs; the export saying all went finds the order shipped already): the rest goes
                # out on the platform and the export that says so posts every row once
                _hold(st, o, mark, lang, _held_words(_PART_SHIPPED_SAID, held_for),
                      (f"平台{words}：部分发货，挂起，请人工决定，未记出库",
                       f"platform says {words_en}: partly shipped, held for a person, no stock posted"))
                return
            if person is PARTIAL and any(ln.refunded_part for ln in o.lines):  # how much was refunded is unsaid
                _hold(st, o, mark, lang, _held_words(_PART_UNITS_SAID, held_for),
                      (f"平台{words}：部分退款，挂起，请人工决定还发哪些",
                       f"platform says {words_en}: partly refunded, held for a person to decide what still ships"))
                return
            if person is PARTIAL:  # settled on the platform: nothing more will come, a person decides
                _hold(st, o, mark, lang, _held_words(_PARTIAL_SAID, held_for),
                      (f"平台{words}：部分退款，挂起，请人工决定还发哪些",
                       f"platform says {words_en}: partly refunded, held for a person to decide what still ships"))
                return
            if status is OrderStatus.HELD and REFUNDING.begins(v["platform_status"]) and mark in either(REFUNDING.say):
                return  # held for the refund already, its reason and amount (the refund export's): a bare 退款中 adds none
            _hold(st, o, mark, lang, _held_words(_REFUND_SAID, held_for),
                  (f"平台{words}：挂起，等平台结果", f"platform says {words_en}: held until it settles"))
        elif status in GONE and person is not PART_SHIPPED and not CANCELLED.begins(v["platform_status"] or ""):
            # cancelled by a person (not the platform's own word: an older export's 退款中 of an order its refund
            # closed since): the buyer's refund still waits on the platform, said at _finish unless a later file of
            # this import closes it
            # some lines refunded and the rest waiting (部分退款): the rest still waits to ship there, whether or not
            # the refund is done (no refund may be left to agree to): said as an order waiting
            st.gone_refunding, st.gone_waiting = ((None, o) if person is PARTIAL else ((o, words, words_en), None))
        elif status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
            back, todo, todo_en = _goods_back(o, v["platform_status"])
            # some lines' or units' refund paid (the refund export's 部分退款) is done, not asked for: its word
            word = PARTIAL if person is PARTIAL else REFUNDING

            def refunding_shipped(lg: str) -> str:
                return word.because(lg, why(lg), paren(lg, SHIPPED.say(lg) + COMMA.say(lg) + back.say(lg)))

            def written_before(lg: str) -> str:  # (退款中（已发货，…）：退款中, before the word was said once)
                return REFUNDING.say(lg) + paren(lg, SHIPPED.say(lg) + COMMA.say(lg) + back.say(lg)) + COLON.say(lg) + why(lg)

            if word is REFUNDING and _from_item_list(o) and (v["platform_status"] or "").startswith(
                    either(lambda lg: REFUNDING.say(lg) + paren(lg, SHIPPED.say(lg) + COMMA.say(lg))[:-1])):
                # held as refunding already, in the 退款 export's words (its reason, amount, whether goods come back):
                # the item list's bare 退款中 adds nothing (before, each export rewrote the other's and listed the
                # refund as newly asked at every import)
                st.file = o.file
                return
            if v["platform_status"] not in (*either(refunding_shipped), *either(written_before)):
                v["platform_status"] = refunding_shipped(lang)
                st.note = ((f"已发货的订单部分退款{words}：{todo}", f"a shipped order partly refunded {words_en}: {todo_en}")
                           if person is PARTIAL else
                           (f"已发货的订单申请退款{words}：{todo}", f"a refund asked for on a shipped order {words_en}: {todo_en}"))
        st.file = o.file
        return
    if stage is Stage.CANCELLED:
        st.gone_waiting = st.gone_refunding = None  # (the order list's 等待发货, its refund export's 退款成功 after it)
        went = None
        if status in OPEN and o.went_then_closed():
            # every line closed with a parcel of its own (抖店 closes a sub-order once its after-sale is paid): it went
            # out first, shipped outside shopbook between two exports; recorded shipped (its stock out), then closed
            # after shipping, as a waybill file older than the export is (_waybills_in_time). Cancelled as never
            # shipped, its stock stayed in, and the return its case awaits would count it twice
            from dataclasses import replace

            _step(st, replace(o, stage=Stage.SHIPPED, lines=[replace(pl, stage=Stage.SHIPPED) for pl in o.lines]),
                  res, lang, today, resolver)
            status, went = v["status"], st.note
        if status in OPEN or status is None:
            cause = reason or o.status_text
            plain = cause == CANCELLED.zh  # the platform's own 已取消 and no reason: said once
            said = _say(lang, CANCELLED.zh if plain else f"已取消：{cause}", CANCELLED.en if plain else f"cancelled: {cause}")
            if typed := _persons(v, [ln.review for ln in st.lines[1:]]):  # theirs, quoted beside: never lost
                said += SEMI.say(lang) + TYPED[0 if lang == "zh" else 1] + SEMI.say(lang).join(typed)
            v.update(status=OrderStatus.CANCELLED,
                     platform_status=CANCELLED.say(lang) if plain else CANCELLED.say(lang) + COLON.say(lang) + cause,
                     review=said)
            st.note = (f"平台{words}：已取消，不再拣货发货", f"platform says {words_en}: cancelled, never picked or shipped")
        elif status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
            def closed_shipped(lg: str) -> str:
                return CLOSED.say(lg) + paren(lg, SHIPPED.say(lg)) + COLON.say(lg) + (why(lg) or o.status_text)

            if o.kind != "refund" and (v["platform_status"] or "").startswith(
                    either(lambda lg: CLOSED.say(lg) + paren(lg, SHIPPED.say(lg)))):
                # closed already by the refund export, which said whether goods come back: the order list's bare
                # 交易关闭 adds nothing (before, its note said 如有退货… of a refund the export said needs none)
                st.file = o.file
                return
            if v["platform_status"] not in either(closed_shipped):
                _, todo, todo_en = _goods_back(o, v["platform_status"])
                v["platform_status"] = closed_shipped(lang)
                st.note = (f"已发货的订单在平台关闭{words}：{todo}", f"a shipped order closed on the platform {words_en}: {todo_en}")
                if went:
                    st.note = (went[0] + "；" + st.note[0], went[1] + "; " + st.note[1])
        st.file = o.file
        return
    # shipped or delivered on the platform (or in a waybill tool)
    target = OrderStatus.DELIVERED if stage is Stage.DELIVERED else OrderStatus.SHIPPED
    if status in GONE:
        _parcel_refused(res, _refused(o, f"订单 {o.order_no} 在 shopbook 里已取消，{o.file} 却说它已发货"
                                         f"（{o.tracking_no or o.status_text}）：请追回这个包裹，或核对订单。",
                                      f"Order {o.order_no} is cancelled in shopbook but {o.file} says it shipped "
                                      f"({o.tracking_no or o.status_text}): pull the parcel back, or check the order."))
        return
    if o.kind == "tracking" and status is OrderStatus.HELD and (REFUNDING.begins(v["platform_status"])
                                                                or PARTIAL.begins(v["platform_status"])):
        # a waybill tool's word is the shop's own, not the platform's: refused as `ship` refuses it
        parcel, held = " ".join(filter(None, (o.courier, o.tracking_no))), v["platform_status"]
        if PARTIAL.begins(held):  # settled on the platform: a person decides what still ships
            zh = (f"订单 {o.order_no} 部分退款，已挂起等人决定还发哪些（{held}），{o.file} 却说它已发货（{parcel}）：先不要发，"
                  "把这个包裹拦下来。删去已退款的行或改数量并审核后，再导入这个文件。")
            en = (f"Order {o.order_no} is held after a partial refund ({held}) for a person to decide what still "
                  f"ships, but {o.file} says it shipped ({parcel}): do not ship it, stop this parcel. Delete the "
                  "refunded lines or correct the quantity and approve it, then import this file again.")
        else:
            zh = (f"订单 {o.order_no} 因退款已挂起（{held}），{o.file} 却说它已发货（{parcel}）：先不要发，把这个包裹拦下来。"
                  "退款有了结果（平台的新导出）后，再导入这个文件。")
            en = (f"Order {o.order_no} is held for a refund ({held}) but {o.file} says it shipped ({parcel}): do not "
                  "ship it, stop this parcel. Import this file again once the refund is settled (the platform's "
                  "next export).")
        _parcel_refused(res, _refused(o, zh, en))
        return
    if o.kind == "tracking" and status in OPEN | {None} and status is not OrderStatus.APPROVED \
            and not (status is OrderStatus.HELD and UNMAPPED.begins(v["platform_status"])):
        # only an approved order ships, as the scan check has it: one held (for its address, its stock, a
        # buyer's request, a part the platform shipped …) or never reviewed is refused, the parcel to be stopped.
        # Held for a code not in the SKU map is a shipment's own hold: the map given, the same file ships it
        parcel = " ".join(filter(None, (o.courier, o.tracking_no)))
        if status is OrderStatus.HELD and PART_SHIPPED.begins(v["platform_status"]) and o.tracking_no and all(
                t in v["platform_status"] for t in o.tracking_no.split("/") if t):
            return  # the parcel of the part the platform shipped (淘宝's 发货报表, 千牛's 发货 list): known, nothing new
        if status is OrderStatus.HELD:
            from .review import held_reasons, why_held

            # (without its 挂起：, said here; held by hand, its cell still 通过: 已挂起, never 已挂起（通过）)
            held = v["platform_status"] or held_reasons(why_held(None, v["review"]))
            said, said_en = (f"已挂起（{held}）" if held else "已挂起"), (f"is held ({held})" if held else "is held")
            todo = "若这个包裹该发，先在订单表把它改为已审核，再导入这个文件"
            todo_en = "If it is to go, set its status to approved in the orders sheet first, then import this file again"
        else:
            said, said_en = f"是“{status.value if status else '空'}”，还没有审核", \
                f"is '{status.en if status else 'blank'}', not reviewed yet"
            todo = "先审单（shopbook orders review），审核通过后再导入这个文件"
            todo_en = "Review it first (shopbook orders review); once approved, import this file again"
        _parcel_refused(res, _refused(
            o, f"订单 {o.order_no} {said}，{o.file} 却说它已发货（{parcel}）：只有已审核的订单能发货（扫描核对也这样拒绝），"
               f"没有记为已发货，也没有出库。先不要发，把这个包裹拦下来；{todo}。",
            f"Order {o.order_no} {said_en} but {o.file} says it shipped ({parcel}): only approved orders ship (the "
            f"scan check refuses it too), so it was not marked shipped and no stock went out. Do not ship it, stop "
            f"this parcel. {todo_en}."))
        return
    if status in OPEN or status is None:
        unknown = _not_ours(st.lines, st.platform, resolver)
        if unknown:
            _hold_unmapped(st, o, unknown, res, lang)
            return
        if o.kind == "order" and not st.new and (short := _rows_short(st, o, resolver)):
            said, said_en = _units_said(short)
            res.issues.append(at_export(
                o, "warning", f"订单 {o.order_no} 在平台已发货，平台上它还有 {said}，订单表里没有：出库只按订单表的行记了。"
                "请核对包裹里有没有这些：没有就联系买家补发；有就在订单表补上这些行，并在出入库表补记它们的出库（单号填订单编号）。",
                f"Order {o.order_no} shipped on the platform, which has {said_en} in it that the orders sheet lacks: "
                "stock went out for the sheet's rows only. Check whether the parcel held them: if not, contact the "
                "buyer and send them; if it did, add those rows to the orders sheet and their stock-out on the "
                "movements sheet (ref: the order number)."))
        day = o.shipped_at.date() if o.shipped_at else today
        undecided = v["platform_status"] if status is OrderStatus.HELD and PARTIAL.begins(v["platform_status"]) else ""
        said = len(res.issues)
        v.update(status=target, courier=o.courier or v["courier"], tracking_no=o.tracking_no or v["tracking_no"],
                 shipped_on=day)
        v.update(shipped_cells(v["platform_status"], v["review"], lang))  # 部分发货, 挂起 no more
        st.ship_day = day
        parcel = " ".join(x for x in (o.courier, o.tracking_no) if x)  # (none given: 无需物流, a blank or null cell)
        st.note = (f"平台/面单工具已发货{paren('zh', parcel) if parcel else ''}：出库已记账",
                   f"shipped on the platform or in a waybill tool{paren('en', parcel) if parcel else ''}: stock posted out")
        st.file = o.file
        if o.kind == "order":
            _refunded_before_shipping(st, o, res, resolver)
        if undecided and len(res.issues) == said:  # (a line refunded whole is said above, by its units)
            # held for a person to decide what still ships after a refund of part of it, shipped on the platform
            # before anyone did (never picked by shopbook): its rows' units went out as posted, perhaps too many
            units = "、".join(f"{ln.sku} {ln.qty} 件" for ln in st.lines)
            units_en = ", ".join(f"{ln.sku} ×{ln.qty}" for ln in st.lines)
            res.issues.append(at_export(
                o, "warning", f"订单 {o.order_no} 因部分退款挂起着，等人决定还发哪些（{undecided}），平台却说它已发货：出库按订单表的行"
                f"记了（{units}）。请核对包裹里实际发了多少：少发的，在出入库表补一行“调整”（正数，单号填订单编号）冲回，"
                "并改小订单表的数量。",
                f"Order {o.order_no} was held after a partial refund for a person to decide what still ships "
                f"({undecided}), but the platform says it shipped: stock went out for its rows ({units_en}). Check what "
                "the parcel held: for units that did not go, add an adjustment (positive, ref: the order number) on "
                "the movements sheet and lower the quantity on the orders sheet."))
    elif status is OrderStatus.SHIPPED and target is OrderStatus.DELIVERED:
        v["status"] = target
        v.update(shipped_cells(v["platform_status"], v["review"], lang))  # (shipped before shopbook said so)
        st.note = ("已签收", "delivered")
        st.file = o.file
    if st.before["status"] in (OrderStatus.SHIPPED, OrderStatus.DELIVERED) and not st.new and st.ship_day is None \
            and st.hand_day is None:  # 已发货 on the sheet before this import: its 出库 looked for at _finish
        st.hand_day = v["shipped_on"] or (o.shipped_at.date() if o.shipped_at else today)
        st.file = st.file or o.file
        st.hand_export = o if o.kind == "order" else None  # (its lines refunded before it went: not posted)
        st.hand_file = o
    _shipped_refund_closed(st, o, lang)
    if o.tracking_no and v["status"] in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        have = parcels(v["tracking_no"])  # (A/B as shopbook joins them; A,B as a platform's export may write them)
        more = [t for t in parcels(o.tracking_no) if t not in have]
        if more and have and o.kind == "tracking":  # a waybill tool's second parcel: every number counts
            # and its courier, when another carried it (each parcel is on its own courier's bill)
            v["courier"], v["tracking_no"] = joined(as_written(v["courier"], "/".join(have))
                                                    + [p for p in as_written(o.courier, o.tracking_no) if p[0] in more])
            st.note = (f"又一个包裹：{'/'.join(more)}", f"another parcel: {'/'.join(more)}")
            st.file = o.file
        elif more:  # the platform's parcels are the order's: all of them (抖店 ships sub-orders apart), not
            # only the ones the sheet lacked, which dropped the parcel a scan had written. Each number keeps the
            # courier that carried it (a 圆通 number beside the scan's 中通 is checked against the wrong bill):
            # the platform's, in the sheet's spelling where the sheet has that number by the same courier
            was = " ".join(x for x in (v["courier"], v["tracking_no"]) if x)
            ours = dict(as_written(v["courier"], v["tracking_no"]))
            pairs = []
            for t, c in as_written(o.courier, o.tracking_no):
                mine = ours.get(t)
                pairs.append((t, mine if mine and (not c or canonical(mine) == canonical(c)) else c or mine
                               or v["courier"]))
            v["courier"], v["tracking_no"] = joined(pairs)
            v["courier"] = v["courier"] or None
            now = " ".join(x for x in (v["courier"], v["tracking_no"]) if x)
            said = (f"快递单号按平台改为 {now}（原 {was}）", f"tracking no. as the platform has it: {now} (was {was})") \
                if was else (f"快递单号按平台填为 {now}", f"tracking no. from the platform: {now}")
            if v["status"] is not status and st.note[0]:  # delivered in this step too: both said
                said = (st.note[0] + "；" + said[0], st.note[1] + "; " + said[1])
            st.note = said
            st.file = o.file


def _voided(x: dict, states: dict[str, _State], by_no: dict[str, list[OrderLine]], res: LifeResult, lang: str) -> None:
    """A waybill the tool voided or recycled (作废, 已回收): no parcel went out on it. Only listed, unless a
    shipped order's 快递单号 holds it: then it is taken off where the order has another parcel's number (a
    label printed again: 7310…881 已回收, 7310…882 使用中), else a person is told plainly what to do (the
    number on the courier's bill and in the follow-ups is none; the goods may not have gone)."""
    no, number, state = x["order_no"], x["tracking"], x["state"]
    st = states.get(no)
    if st is None and no in by_no:
        head = by_no[no][0]
        vals = {f: getattr(head, f) for f in TRACKED}
        st = states[no] = _State(no, platform_of(head), by_no[no], False, vals, dict(vals))
    v = st.values if st is not None else {}
    have = parcels(v.get("tracking_no"))
    if st is None or v["status"] not in (OrderStatus.SHIPPED, OrderStatus.DELIVERED) or number not in have:
        res.skipped.append({"order_no": no, "file": x["file"], "platform": "",
                            "reason_zh": f"面单 {number} {state}，不是发出的包裹",
                            "reason_en": f"waybill {number}: '{state}' (voided), no parcel went out"})
        return
    if len(have) > 1:
        was = st.before["tracking_no"] or v["tracking_no"]  # (as the sheet had it: the file's new parcel besides)
        v["courier"], v["tracking_no"] = joined([p for p in as_written(v["courier"], v["tracking_no"]) if p[0] != number])
        st.note = (f"面单 {number} {state}，没有包裹：快递单号由 {was} 改为 {v['tracking_no']}",
                   f"waybill {number} '{state}' (voided), no parcel: tracking no. {was} is now {v['tracking_no']}")
        st.file = x["file"]
        return
    book = x["file"].split(":")[0]
    res.issues.append(Issue(
        "warning", f"订单 {no} 已发货，快递单号是 {number}，但这个面单在 {book} 里是“{state}”：这个单号没有包裹发出，"
        "快递对账和查件都对不上。请查这个包裹实际贴的面单，把订单表的快递单号改成那个单号；若包裹其实没有发出，"
        "把状态改回已审核，并在出入库表补一行“调整”（正数，单号填订单编号）冲回它的出库。",
        f"Order {no} shipped with tracking no. {number}, but {book} says that waybill is '{state}' (voided): no "
        "parcel went out on it, so the courier's bill and the tracking follow-up will not find it. Find the waybill "
        "on the parcel that went and put its number in the orders sheet; if the parcel never went, set the status "
        "back to approved and add an adjustment (positive, ref: the order number) on the movements sheet to undo "
        "its stock-out.", book=book, sheet=x["file"].partition(":")[2], cell=row_cell(x["row"]),
        column="面单状态", value=state, row=x["row"]))


def _waiting_yet_gone(o: PlatformOrder, status: OrderStatus) -> Issue:
    """An order cancelled in shopbook (by a person, a refund, an export before) that the export says still waits
    to ship: never re-opened here, but said at the export's row, as the platform will count it shipped late."""
    return at_export(
        o, "warning", f"订单 {o.order_no} 在订单表里是“{status.value}”，{o.file} 却说它在平台上还在等待发货"
        f"（{o.status_text}）：shopbook 没有重新打开它，不会拣货发货。若买家仍要这个订单，请在订单表把状态改回待审核；"
        "若它不再发，请在平台取消或退款，以免平台按超时未发货处理。",
        f"Order {o.order_no} is '{status.en}' on the orders sheet, but {o.file} says it still waits to ship on the "
        f"platform ({o.status_text}): shopbook did not re-open it and will not pick or ship it. If the buyer still "
        "wants it, set its status back to new on the orders sheet; if it is not to go, cancel or refund it on the "
        "platform, or the platform counts it as shipped late.")


def _refunding_yet_gone(o: PlatformOrder, words: str, words_en: str, status: OrderStatus) -> Issue:
    """An order a person cancelled in shopbook that the export says has a refund in progress on the platform (退款中;
    `words`: the platform's, as a change quotes them): never re-opened, but said at the export's row, as the buyer's
    refund waits on the seller there."""
    return at_export(
        o, "warning", f"订单 {o.order_no} 在订单表里是“{status.value}”，{o.file} 却说它在平台上退款中：{words}。"
        "平台上这笔退款还没有完成。若它不再发，请在平台同意退款；若买家撤销了退款、仍要这个订单，请在订单表把状态改回待审核。",
        f"Order {o.order_no} is '{status.en}' on the orders sheet, but {o.file} says a refund of it is in progress on "
        f"the platform: {words_en}. The refund is not done there yet. If it is not to go, agree to the refund "
        "on the platform; if the buyer withdrew the refund and still wants it, set its status back to new on the "
        "orders sheet.")


def _shipped_refund_closed(st: _State, o: PlatformOrder, lang: str) -> bool:
    """A shipped order's 退款中（已发货…） the file says closed (退款关闭: the refund export's, or an item line's):
    its 平台状态 says so, and nobody waits for goods or money that will not come. Whether it did."""
    v = st.values
    if v["status"] not in (OrderStatus.SHIPPED, OrderStatus.DELIVERED) or not REFUNDING.begins(v["platform_status"]) \
            or not o.refund_closed():
        return False
    v["platform_status"] = REFUND_CLOSED.say(lang)
    zh, en = "已发货订单的退款已关闭", "the shipped order's refund closed"
    st.note = (st.note[0] + "；" + zh, st.note[1] + "; " + en) if st.note[0] else (zh, en)
    st.file = o.file
    return True


def changes_said(changes, lang: str) -> str | None:
    """The export's word that the buyer changed the order ((mark, what it is now), as the readers give
    it) as its 修改记录 cell says it, in the shop's language: 地址已修改；SKU已修改：TS-XL."""
    return SEMI.say(lang).join(w.say(lang) + (COLON.say(lang) + now if now else "") for w, now in changes or ()) or None


def _not_ours(lines: list[OrderLine], platform: Platform | None, resolver: SkuResolver) -> list[str]:
    """The codes of the rows that are none of our SKUs and that the SKU map does not translate."""
    return list(dict.fromkeys(ln.sku for ln in lines if ln.sku not in resolver.skus
                              and not resolver.maps.get((ln.platform or platform, ln.sku))
                              and not resolver.maps.get((None, ln.sku))))


def _in_skus(lines: list[OrderLine], platform: Platform | None, resolver: SkuResolver) -> list[OrderLine]:
    """The rows as our SKUs: a row kept with a platform's code (imported before the SKU map had it)
    counts as the parts the map gives now."""
    out = []
    for ln in lines:
        hit = None if ln.sku in resolver.skus else (resolver.maps.get((ln.platform or platform, ln.sku))
                                                     or resolver.maps.get((None, ln.sku)))
        out += [ln.model_copy(update={"sku": sku, "qty": ln.qty * n}) for sku, n in hit] if hit else [ln]
    return out


def _refunded_before_shipping(st: _State, o: PlatformOrder, res: LifeResult, resolver: SkuResolver) -> None:
    """An order shipped with some of its lines refunded or cancelled before it shipped (抖店 one sub-order
    已发货, the other 已关闭 after a refund; 淘宝 卖家已发货 with a line 退款成功): the units that went are the
    export's live lines, not the rows, which may still hold the refunded ones. Those units post no 出库 (they
    are on the shelf), said with a warning at the line: the row is the person's to delete or correct."""
    # (a line closed with a parcel of its own, 抖店's, went out first: refunded after, its return is a 退货)
    gone = [pl for pl in o.lines if (pl.stage or o.stage) is Stage.CANCELLED and not pl.shipped_by]
    if not gone:
        return
    sent: Counter[str] = Counter()
    back: Counter[str] = Counter()
    out = {id(pl) for pl in gone}  # (by identity: two lines of one order may be equal)
    for pl in o.lines:
        for sku, n in resolver.resolve(o.platform, pl.codes, count=False)[0]:
            (back if id(pl) in out else sent)[sku] += pl.qty * n
    st.shipped_units = {sku: sent[sku] for sku in back}
    rows: Counter[str] = Counter()
    for ln in _in_skus(st.lines, st.platform, resolver):
        rows[ln.sku] += ln.qty
    over = {sku: rows[sku] - sent[sku] for sku in back if rows[sku] > sent[sku]}
    if not over:  # the rows hold what shipped already (a person deleted the refunded ones)
        return
    said = "、".join(f"{sku} {n} 件" for sku, n in over.items())
    said_en = ", ".join(f"{sku} ×{n}" for sku, n in over.items())
    pl = gone[0]
    res.issues.append(Issue(
        "warning", f"订单 {o.order_no} 已发货，但平台说 {said} 已退款或取消（{pl.reason or pl.title}）：按发货前退款处理，"
        "这些没有记出库（还在货架上）。请在订单表删去或改小这些行的数量，否则它们仍算作卖出；若它们其实已发出"
        "（发货后才退款），请在出入库表补记它们的出库（单号填订单编号）。",
        f"Order {o.order_no} shipped, but the platform says {said_en} was refunded or cancelled ({pl.reason or pl.title}): "
        "taken as refunded before it shipped, no stock went out for them (they are on the shelf). Delete those rows in "
        "the orders sheet or lower their quantity, or they still count as sold; if they did go out (refunded after "
        "shipping), add their stock-out on the movements sheet (ref: the order number).",
        book=(pl.file or o.file).split(":")[0], row=pl.row or o.row, cell=row_cell(pl.row or o.row),
        value=pl.codes[0] if pl.codes else o.order_no))


def _capped(lines: list[OrderLine], units: dict[str, int]) -> list[OrderLine]:
    """The rows with no more of each SKU in `units` than it says shipped."""
    if not units:
        return lines
    left, out = dict(units), []
    for ln in lines:
        if ln.sku in left:
            n = min(ln.qty, left[ln.sku])
            left[ln.sku] -= n
            if n:
                out.append(ln.model_copy(update={"qty": n}))
        else:
            out.append(ln)
    return out


def _rows_short(st: _State, o: PlatformOrder, resolver: SkuResolver) -> dict[str, int]:
    """Our SKU → the units of it the platform's live lines hold beyond the order's rows, where the export holds
    more units than the rows in all (an order brought in from an export cut at its row limit, or filtered by
    status while a sub-order was elsewhere: a later export's lines add no rows). {} where the rows hold them all:
    a SKU a person changed on the sheet (the same units) is theirs, not missing."""
    live = [(pl.qty, resolver.resolve(o.platform, pl.codes, count=False)[0]) for pl in o.lines
            if (pl.stage or o.stage) is not Stage.CANCELLED and not pl.refunded_part]
    # the units on each side first, as counts: a re-import's thousands of orders, all there (no row copied)
    skus, maps = resolver.skus, resolver.maps
    have_units = 0
    for ln in st.lines:
        hit = None if ln.sku in skus else maps.get((ln.platform or st.platform, ln.sku)) or maps.get((None, ln.sku))
        have_units += ln.qty * sum(n for _, n in hit) if hit else ln.qty
    if sum(qty * n for qty, parts in live for _, n in parts) <= have_units:
        return {}
    want: Counter[str] = Counter()
    for qty, parts in live:
        for sku, n in parts:
            want[sku] += qty * n
    have: Counter[str] = Counter()
    for ln in _in_skus(st.lines, st.platform, resolver):
        have[ln.sku] += ln.qty
    return {sku: n - have[sku] for sku, n in want.items() if n > have[sku]}


def _units_said(units: dict[str, int]) -> tuple[str, str]:
    return "、".join(f"{sku} {n} 件" for sku, n in units.items()), ", ".join(f"{sku} ×{n}" for sku, n in units.items())


def _hold_rows_short(st: _State, o: PlatformOrder, res: LifeResult, lang: str, resolver: SkuResolver) -> None:
    """An order waiting to ship whose platform lines hold units its rows lack: held once for a person to add
    them (picked from its rows, it would ship short), said at the export's row. Released, it stays so."""
    short = _rows_short(st, o, resolver)
    if not short:
        return
    said, said_en = _units_said(short)

    def mark(lg: str) -> str:
        return ROWS_SHORT.say(lg) + COLON.say(lg) + (said if lg == "zh" else said_en)

    if st.values["platform_status"] in either(mark):
        return  # held for it already, or released by a person who has decided
    res.issues.append(at_export(
        o, "warning", f"订单 {o.order_no} 在平台上还有 {said}，订单表里没有（最初导入的导出不完整：被截断，或按状态筛选过）："
        "订单已挂起，以免少发。请在订单表补上这些行，再审核。",
        f"Order {o.order_no} has {said_en} on the platform that the orders sheet lacks (the export it came in from "
        "was incomplete: cut off, or filtered by status): the order is held so that it does not ship short. Add "
        "those rows to the orders sheet, then approve it."))
    _hold(st, o, mark(lang), lang, (f"{HELD.zh}平台上还有 {said}，订单表里没有。补上这些行再审核",
                                    f"{HELD.en}the platform has {said_en} that the orders sheet lacks: add those rows, then approve"),
          (f"平台上还有 {said}，订单表里没有：挂起", f"the platform has {said_en} the orders sheet lacks: held"))


def at_export(o: PlatformOrder, severity: str, zh: str, en: str, value: str | None = None) -> Issue:
    """An issue said at order `o`'s row of the export it came in (the file, and the row's cell), quoting
    `value`: its order number unless another is given."""
    return Issue(severity, zh, en, book=o.file.split(":")[0], row=o.row, cell=row_cell(o.row),
                 value=o.order_no if value is None else value)


def _hold_unmapped(st: _State, o: PlatformOrder, codes: list[str], res: LifeResult, lang: str) -> None:
    v = st.values

    def mark(lg: str) -> str:
        return UNMAPPED.say(lg) + COLON.say(lg) + LISTED.say(lg).join(codes)

    parcel = " ".join(x for x in (o.courier, o.tracking_no) if x)
    res.issues.append(at_export(
        o, "warning",
        f"订单 {o.order_no} 在平台已发货（{parcel or o.status_text}），但编码“{'、'.join(codes)}”不是我们的商家编码，"
        "商品映射表里也没有：没有记出库，订单挂起。请在 商品映射 表加一行（平台、平台编码、商家编码、数量），"
        "再导入这个文件：出库记一次。",
        f"Order {o.order_no} shipped on the platform ({parcel or o.status_text}), but the code "
        f"'{', '.join(codes)}' is none of our SKUs nor in the SKU map: no stock was posted out and the order is "
        "held. Add a row to the SKU map (platform, code, SKU, quantity), then import this file again: the stock "
        "goes out once.", codes[0]))
    if v["status"] is OrderStatus.HELD and v["platform_status"] in either(mark):
        return  # held for this already: the same export again changes nothing
    _hold(st, o, mark(lang), lang, (f"{HELD.zh}平台已发货，编码 {'、'.join(codes)} 未对应商家编码（在商品映射表补上后再导入）",
                                    f"{HELD.en}shipped on the platform, code {', '.join(codes)} is none of our SKUs (add "
                                    "it to the SKU map, then import again)"),
          (f"平台已发货，但编码 {'、'.join(codes)} 未对应：挂起，未记出库",
           f"shipped on the platform, but code {', '.join(codes)} is unmapped: held, no stock posted"),
          courier=o.courier or v["courier"], tracking_no=o.tracking_no or v["tracking_no"])


def hand_shipped(st: _State, posted_refs: Collection[str], since: dt.date | None, resolver: SkuResolver,
                 loose: dict[str, list[list]] | None = None) -> bool:
    """Whether an order the sheet had 已发货 or 已签收 (typed by hand: no 出库 carries its number) is
    said shipped by it: its stock is to go out now, once (a rerun, or `ship` after, finds the 出库). Only where the
    shop's 出库 carry order numbers and the order is of a day since the first of them (`since`), as validate's
    check_shipped_not_posted says such an order: the orders of the days before are not its to post; nor where a code
    of it is none of our SKUs (a 出库 of it would break stock.xlsx); nor where a 出库 of one of its SKUs was typed
    without an order number since it was paid, of as many units as the order has of it, that no order before took
    (`loose`: SKU → [day, units, taken]): perhaps the person's own of it, posted twice otherwise (st.hand_loose, said
    at _finish). A 出库 of other units (samples, a market stall's sale) is none of its."""
    if st.hand_day is None or st.ship_day is not None or since is None or st.no in posted_refs:
        return False
    head = st.lines[0]
    day = head.paid_at.date() if head.paid_at is not None else head.shipped_on
    if day is None or day < since or _not_ours(st.lines, st.platform, resolver):
        return False
    units: Counter = Counter()
    for ln in st.lines:
        units[ln.sku] += ln.qty
    for sku, n in units.items():
        row = next((r for r in (loose or {}).get(sku, ()) if not r[2] and r[0] >= day and r[1] == n), None)
        if row is not None:
            row[2] = True  # (one row is one order's at most)
            st.hand_loose.append((sku, row[0]))
    return not st.hand_loose


def _hand_loose_said(st: _State) -> Issue:
    """An order set 已发货 by hand that the export says went, whose stock-out is not posted: a 出库 of its SKU typed
    without an order number since it was paid may be the person's own of it."""
    sku, day = st.hand_loose[0]
    status = st.before["status"]
    return at_export(
        st.hand_file, "warning",
        f"订单 {st.no} 在订单表里是“{status.value}”（手工改的），出入库里没有单号为它的出库；但 {day:%Y-%m-%d} 有一笔 {sku} 的出库"
        f"没填单号，可能就是它的：没有再记出库。是它的，请把那一行的单号填为 {st.no}；不是，请在出入库手工记这笔出库（单号 {st.no}）。",
        f"Order {st.no} is '{status.en}' on the orders sheet (set by hand) and no stock-out bears its number; but a "
        f"stock-out of {sku} on {day:%Y-%m-%d} has no ref and may be its own: no stock-out was posted. If it is, type "
        f"{st.no} as that row's ref; if not, enter this order's stock-out by hand (ref {st.no}).")


def _finish(st: _State, res: LifeResult, posted: set[tuple[str, str]], gifts_of, resolver: SkuResolver,
            lang: str = "zh") -> None:
    v = st.values
    platform = st.platform.value if st.platform else ""
    if st.gone_waiting is not None and v["status"] in GONE:
        _said_once(res, _waiting_yet_gone(st.gone_waiting, v["status"]))
    if st.gone_refunding is not None and v["status"] in GONE:
        _said_once(res, _refunding_yet_gone(*st.gone_refunding, v["status"]))
    hand = st.hand_post
    if st.hand_loose and st.hand_file is not None:
        _said_once(res, _hand_loose_said(st))
    if hand:
        if st.hand_export is not None:  # a line refunded before it went (淘宝 卖家已发货 beside a line's 退款成功): not out
            _refunded_before_shipping(st, st.hand_export, res, resolver)
        v["shipped_on"] = v["shipped_on"] or st.hand_day  # (a blank 发货日期: the day its stock went out)
        # (the file's own word for it: 卖家已发货, 交易成功, a waybill tool's shipped file …)
        word = st.hand_file.status_text if st.hand_file is not None and st.hand_file.status_text else ""
        said = (f"订单表里已是“{st.before['status'].value}”（手工改的，没有出库），{st.file or '导出文件'} 说它已发出"
                f"{f'（{word}）' if word else ''}：出库已按订单的行记账",
                f"already '{st.before['status'].en}' on the orders sheet (set by hand, no stock-out), and "
                f"{st.file or 'the export'} says it went{f' ({word})' if word else ''}: stock posted out for its rows")
        st.note = (st.note[0] + "；" + said[0], st.note[1] + "; " + said[1]) if st.note[0] else said
    if st.new:
        if v["status"] is not OrderStatus.NEW:
            res.changes.append(Change(st.no, platform, None, v["status"], *st.note, st.file))
    else:
        diff = {f: v[f] for f in TRACKED if v[f] != st.before[f]}
        if not diff and not st.notes and not hand:
            res.unchanged.append(st.no)
            return
        for ln in st.lines:
            res.cells.setdefault(ln.row, {}).update(diff)
            if ln.row in st.notes:
                res.cells[ln.row]["seller_note"] = st.notes[ln.row]
        res.changes.append(Change(st.no, platform, st.before["status"], v["status"], *st.note, st.file))
        if v["status"] in (OrderStatus.CANCELLED, OrderStatus.HELD) and st.before["status"] in OPEN \
                and any(ln.batch for ln in st.lines):
            res.pull_batches[st.no] = next(ln.batch for ln in st.lines if ln.batch)
        elif v["status"] in (OrderStatus.NEW, OrderStatus.APPROVED) and st.before["status"] is OrderStatus.HELD \
                and any(ln.batch for ln in st.lines):  # its parcel was to be pulled: pulled or not, a person says
            res.back_batches[st.no] = next(ln.batch for ln in st.lines if ln.batch)
    if st.ship_day is not None or hand:  # what ships (SKUs, quantities, gifts) is the rows' as they were
        res.moves += shipment_moves(st.no, _capped(_in_skus(st.lines, st.platform, resolver), st.shipped_units),
                                    gifts_of(st.no, st.lines), posted, st.ship_day or st.hand_day, lang)
    if st.new:  # rows _create made, held nowhere else: what model_copy(update=v) gives, made in place
        for ln in st.lines:
            ln.__dict__.update(v)
            ln.__pydantic_fields_set__.update(v)
        res.new_lines += st.lines


def shipment_moves(no: str, lines: list[OrderLine], gifts: list, posted: set[tuple[str, str]], day: dt.date,
                   lang: str = "zh") -> list[Movement]:
    """The 出库 movements of one shipped order: its lines and gifts per SKU (an order may hold
    one SKU twice: two rows, or a gift of it), none for an (order, SKU) already posted. `ship`
    and the import post through here, so an order's stock goes out once whichever saw it first."""
    items: Counter[str] = Counter()
    for sku, qty in [(ln.sku, ln.qty) for ln in lines] + [(g.sku, g.qty) for g in gifts]:
        items[sku] += qty
    out = []
    for sku, qty in items.items():
        if (no, sku) not in posted:
            out.append(Movement.from_cells({"date": day, "sku": sku, "type": MovementType.OUT, "qty": qty,
                                            "ref": no, "note": _say(lang, "发货", "shipped")}))
            posted.add((no, sku))
    return out
