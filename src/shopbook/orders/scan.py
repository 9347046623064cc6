"""The scan check (验货): what the scanner read for each parcel against the order.

Scanner output, one parcel after another, either as text or CSV:

    3515131473293579,中通,73100012345678     ← order no. (or tracking no.), courier, tracking no.
    6901234567892                             ← then one barcode (or SKU code) per scan
    6901234567892

or one row per scan with the headers 订单编号, 快递公司, 快递单号, 条码 (English:
order_no, courier, tracking_no, barcode; also as 订单号, 运单号, Tracking No … HEADS, the code column as 条形码,
商家编码 … CODE_HEADS)
and optionally 打包员 (packer). Fields may be
separated by commas, tabs or spaces. In the text form a line `打包员,张三` (打包员：张三, `packer,Ann`)
names who packs the parcels after it (piece pay counts them).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from .. import values as V
from ..io.reader import header_key
from ..issues import ShopbookError
from ..schema import OrderLine, OrderStatus, Product
from .couriers import as_written, joined, parcels
from .couriers import parcels as numbers_of  # (within parse_scans, `parcels` is its list)
from .marks import HELD_BY_HAND
from .picking import Item, gift_units


def _head(cell: str) -> str:
    """A scan file's header as compared: header_key without the marks a header's words are joined or ended with
    (order_no, Order No., 订单号：)."""
    return re.sub(r"[._\-#:：]", "", header_key(cell))


# a scan's code column as the 商品 sheet heads its barcode or SKU, or as people write them (条形码, 商品编码): before,
# a scanner's CSV headed 条形码 was read as parcel lines, its header a parcel, every item "missing"
CODE_HEADS = {_head(h): "code" for c in (Product.column("barcode").col, Product.column("sku").col)
              for h in (c.zh, c.en, *c.said)}
# the parcel's columns as a scanner app or a person heads them (订单号, 运单号, Tracking No): before, any but the
# words above was no header, the header row read as a parcel ("找不到订单或快递单号 订单号", exit 1 on every good
# file) or, its 运单号 column unknown, each parcel's scanned number lost ("没有快递单号")
# (ORDER_HEADS, TRACKING_HEADS and BARCODE_HEADS: the returns' scan file reads its code column by them too,
# aftersales.workflow._CODE_HEADS, one list for both: before, that file kept its own copy of them, apart)
ORDER_HEADS = ("订单编号", "订单号", "主订单编号", "订单", "order_no", "order", "order number", "order id")
TRACKING_HEADS = ("快递单号", "运单号", "物流单号", "面单号", "tracking_no", "tracking", "tracking number", "waybill",
                  "waybill no")
BARCODE_HEADS = (Product.column("barcode").col.zh, Product.column("barcode").col.en, *Product.column("barcode").col.said)
HEADS = {**{_head(h): k for k, hs in (
    ("order", ORDER_HEADS),
    ("courier", ("快递公司", "快递", "物流公司", "courier", "carrier")),
    ("tracking", TRACKING_HEADS),
    ("packer", ("打包员", "packer"))) for h in hs}, **CODE_HEADS}


_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PACKER = re.compile(r"(打包员|packer)\s*[:\s]\s*(\S.*)", re.I)  # (text NFKC'd: ： is :)


@dataclass
class ScannedParcel:
    ref: str  # order no. or tracking no. as scanned
    courier: str
    tracking_no: str
    codes: list[str] = field(default_factory=list)
    line: int = 0
    packer: str = ""


def scan_rows(text: str, path=None) -> list[tuple[int, list[str]]]:
    """A scan file's lines that hold something, as (file line number, fields: _field's): a CSV (quoted fields; a Tab
    read as a comma), what the scan check and the returns' scan file (aftersales.codes_scanned) both read."""
    # full-width → half-width (NFKC), as the sheets' readers do: a line typed with ， or a code
    # with ６９６… (an input method left in full-width) reads as what was meant
    text = unicodedata.normalize("NFKC", text)
    # control characters a scanner may frame each scan with (STX … ETX), which print as nothing: no part of a code
    # (before: "条码 6900000000011 不属于任何商品" for the very code on the product). NUL stays: a file misread
    text = _CONTROL.sub("", text)
    # numbered before blank lines are dropped, so a problem names its real line; \r, \n and \r\n all end a line
    # (newline=None): a scanner or an old Mac tool may save CR alone
    try:
        return [(n, [_field(c) for c in r])
                for n, r in enumerate(csv.reader(io.StringIO(text.replace("\t", ","), newline=None)), start=1)
                if any(c.strip() for c in r)]
    except csv.Error as e:  # a field of megabytes (csv's limit), a NUL byte
        raise ShopbookError(f"扫描文件的格式有误，无法读取：{e}。", f"The scan file is malformed and cannot be read ({e}).",
                            path) from None


_TITLE_LINES = 3  # (the most lines of title looked past for a header)


def parse_scans(text: str, path=None, starts=None) -> list[ScannedParcel]:
    """The parcels of a scan file. `starts`: the order a line of one code starts a parcel of, where the code is an
    order or tracking no. (the packing note's order no. scanned alone, its waybill's number typed on the order when
    it was printed) and no barcode, else None; None: no such line."""
    rows = scan_rows(text, path)
    if not rows:
        return []
    # a title line or two above the header (验货记录 2026-12-06, as an app or a person heads its export): the header
    # is the first line naming the order column, and what is above it, a field a line, no parcel (before: the title
    # one parcel and the header another, the file failing with the goods of none)
    if (k := next((i for i, (_, r) in enumerate(rows[:_TITLE_LINES + 1])
                   if "order" in {HEADS.get(_head(c)) for c in r}), 0)) \
            and all(sum(1 for c in r if c.strip()) <= 1 for _, r in rows[:k]):
        rows = rows[k:]
    head = [_head(c) for c in rows[0][1]]
    cols = {HEADS[h]: i for i, h in enumerate(head) if h in HEADS}
    parcels: list[ScannedParcel] = []
    if {"order", "code"} <= cols.keys():  # one row per scan, with headers
        # a parcel's rows follow one another; its order scanned again after another parcel's is the parcel put
        # right and checked again, as a second parcel line is in the text form (before: its codes added to the
        # first check's, the parcel failing "多了" and a 问题件 opened for an order that went out right)
        p = None
        for n, r in rows[1:]:
            get = lambda k: r[cols[k]].strip() if k in cols and cols[k] < len(r) else ""  # noqa: E731
            ref = get("order")
            if p is None or p.ref != ref:
                p = ScannedParcel(ref, get("courier"), get("tracking"), line=n, packer=get("packer"))
                parcels.append(p)
            elif get("tracking") and get("tracking") not in numbers_of(p.tracking_no):
                # the order's next parcel, under its own waybill: one check of the goods of both, each number kept
                # (before: the second parcel's number was lost, the order recorded as sent in one)
                p.courier, p.tracking_no = joined(as_written(p.courier, p.tracking_no) + [(get("tracking"),
                                                                                            get("courier"))])
            if get("code"):
                p.codes.append(get("code"))
        return parcels
    current, packer = None, ""
    inline = False  # `current` began on a line that held its codes too, and no code line followed it
    if "order" in cols:  # the text form headed as its parcel lines are (订单编号,快递公司,快递单号): not a parcel
        rows = rows[1:]
    for n, r in rows:
        fields = [c.strip() for c in r if c.strip()]
        if len(fields) == 1 and (said := _PACKER.fullmatch(fields[0])):  # 打包员：张三, 打包员 张三, packer: Ann
            fields = [said.group(1), said.group(2)]  # (before: a code of the parcel above, which then failed)
        if len(fields) == 2 and header_key(fields[0]) in ("打包员", "packer"):
            packer, current = fields[1], None
            continue
        if len(fields) == 1 and len(fields[0].split()) >= 3:
            fields = fields[0].split()
        if len(fields) > 3 and inline and current is not None \
                and (current.ref, current.courier, current.tracking_no) == tuple(fields[:3]):
            # the parcel's next scan, on a line of its own headed by the parcel again (a CSV of a row a scan
            # without its header row): the same parcel, not the parcel scanned again
            current.codes += _codes(fields[3:])
        elif len(fields) >= 3:
            # the codes after the parcel on its line: a scanner whose suffix is a Tab or a comma, not Enter, puts
            # a parcel's scans on one line; a CSV of a row a scan without its header row (before: all taken for
            # nothing, the parcel "少了 …，扫到 0 件" and a 问题件 opened for a parcel packed right)
            current = ScannedParcel(fields[0], fields[1], fields[2], _codes(fields[3:]), line=n, packer=packer)
            parcels.append(current)
            inline = len(fields) > 3
        elif len(fields) == 1 and starts is not None and (no := starts(fields[0])) is not None and (
                current is None or (fields[0] not in (current.ref, *numbers_of(current.tracking_no))
                                    and no != starts(current.ref))):
            # an order (or waybill) no. alone, not the parcel's own scanned to close it: the next parcel, its courier
            # and number the order's own (check_parcel), as a CSV row's blank 快递单号 is (before: a barcode of the
            # parcel above, "条码 3515… 不属于任何商品", that parcel failing with this one's goods, or "no parcel line
            # above it")
            current = ScannedParcel(fields[0], "", "", line=n, packer=packer)
            parcels.append(current)
            inline = False
        elif len(fields) == 1 and current is not None:
            current.codes.append(fields[0])
            inline = False
        else:  # reported as unreadable, with the codes after it: they are not the parcel before's
            current = ScannedParcel("", "", "", [",".join(fields)], line=n)
            parcels.append(current)
    return parcels


def _field(cell: str) -> str:
    """A scan file's field as the code it holds: ="3515…" as a waybill or order tool writes a long number into
    its CSV (and Taobao's own exports), and a character that shows as nothing, taken off (values.parse_code: the
    order was "not found"); one Excel put in scientific notation kept as it is, for the check to say so."""
    try:
        return V.parse_code(cell)
    except ValueError:
        return cell.strip()


@dataclass
class ParcelCheck:
    ref: str
    order_no: str | None
    ok: bool
    problems: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)
    already_shipped: bool = False
    courier: str = ""
    tracking_no: str = ""
    line: int = 0
    # a parcel of an order shipped already, scanned under a waybill it does not have (a new label): kept as it was
    unrecorded: str = ""
    recorded: tuple[str, ...] = ()  # an order shipped already: its parcels' numbers then (A/B: two parcels)

    def shipped_said(self) -> tuple[str, str, str]:
        """(mark, zh, en) of a parcel of an order shipped already (before, or higher up this file), as what it is:
        one of the order's parcels (A/B) by its number, the same parcel scanned again, or a number the order does
        not hold (a second parcel, or a new label: not recorded, a person says which). Before, a second parcel
        read "已发过", as a parcel scanned twice does, and its number was never written down."""
        no, t, have = self.order_no, self.tracking_no, self.recorded
        if t and len(have) > 1 and t in have:
            k = have.index(t) + 1
            return ("–", f"{no}：订单的第 {k} 个包裹（共 {len(have)} 个，快递单号 {t}），订单已发货，没有再出库",
                    (f"{no}: parcel {k} of {len(have)} of the order (tracking no. {t}), which has shipped; "
                     "nothing posted again"))
        new = [x for x in parcels(t) if x not in have]  # (an order's parcels scanned one after the other: A/B)
        if not t or t in have or not new:
            return ("–", f"{no}：已发过（快递单号 {t} 的包裹又扫了一次），没有再出库" if t else f"{no}：已发过（又扫了一次），没有再出库",
                    (f"{no}: already shipped (the parcel of tracking no. {t} scanned again); nothing posted again" if t
                     else f"{no}: already shipped (scanned again); nothing posted again"))
        t = "/".join(new)
        now, own = f"{self.courier} {t}".strip(), "/".join(have)
        if not have:
            return ("!", f"{no}：订单已发货，订单表没有它的快递单号；这次扫的 {now} 没有记上：请在订单表填上 {t}（平台上也填）",
                    (f"{no}: the order has shipped with no tracking no. on the Orders sheet; the {now} scanned now was "
                     f"not recorded: type {t} there (and on the platform)"))
        return ("!", (f"{no}：又扫到这个订单的一个包裹 {now}，没有记上：订单已按快递单号 {own} 发货。是它的第 {len(have) + 1} 个包裹："
                      f"在订单表把快递单号写成 {own}/{t}；是换了面单：改成 {t}（平台上也改）"),
                (f"{no}: another parcel of the order, {now}, not recorded: the order shipped under tracking no. {own}. "
                 f"If it is parcel {len(have) + 1} of the order, write {own}/{t} in its tracking no. cell; if the "
                 f"label was replaced, write {t} (and on the platform)"))

    def to_json(self) -> dict:
        return {"scanned": self.ref, "order_no": self.order_no, "ok": self.ok,
                "already_shipped": self.already_shipped, "courier": self.courier, "tracking_no": self.tracking_no,
                "line": self.line, "problems": [{"zh": a, "en": b} for a, b in self.problems],
                **({"tracking_not_recorded": self.unrecorded} if self.unrecorded else {})}


class ProductCodes(NamedTuple):
    """What a scanned code can be, made once for a scan file (not per parcel: 5,000 products):
    a barcode (each form: values.by_barcode), a SKU, a SKU label the scanner sent in lower case."""

    by_barcode: dict[str, Product]
    by_sku: dict[str, Product]
    by_label: dict[str, Product]


def product_codes(products: list[Product]) -> ProductCodes:
    # 0614141000012 finds a 条码 Excel stored as 614141000012
    return ProductCodes(V.by_barcode(products), {p.sku: p for p in products}, {p.sku.upper(): p for p in products})


def check_parcel(scanned: ScannedParcel, orders: dict[str, list[OrderLine]], by_tracking: dict[str, str],
                 codes: ProductCodes, expected_gifts: dict[str, list[Item]]) -> ParcelCheck:
    order_no = scanned.ref if scanned.ref in orders else by_tracking.get(scanned.ref)
    chk = ParcelCheck(scanned.ref, order_no, False, courier=scanned.courier,
                      tracking_no=scanned.tracking_no or (scanned.ref if order_no != scanned.ref else ""),
                      line=scanned.line)
    if not scanned.ref:
        chk.problems.append(_unreadable(scanned.line, scanned.codes[0] if scanned.codes else ""))
        return chk
    if order_no is None:
        chk.problems.append(_in_excel("订单编号或快递单号", "order or tracking no.", scanned.ref)
                            or _framed_ref(scanned.ref, lambda r: r if r in orders else by_tracking.get(r))
                            or (f"找不到订单或快递单号 {scanned.ref}", f"no order or tracking no. {scanned.ref}"))
        return chk
    from .review import order_status, why_held

    lines = orders[order_no]
    status = order_status(lines)
    if status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        shipped_already(chk, order_parcels(lines))
        return chk
    if status in (OrderStatus.CANCELLED, OrderStatus.CLOSED):  # cancelled or refunded on the platform after the pick
        why = why_held(lines[0].platform_status, lines[0].review) or status.value, \
            why_held(lines[0].platform_status, lines[0].review) or status.en
        chk.problems.append((f"！！订单已取消（{why[0]}）：不要发，把这个包裹拿出来",
                             f"!! the order is cancelled ({why[1]}): do not ship, pull this parcel"))
    elif status is OrderStatus.HELD and any(ln.batch for ln in lines):
        why = why_held(lines[0].platform_status, lines[0].review) or HELD_BY_HAND.zh, \
            why_held(lines[0].platform_status, lines[0].review) or HELD_BY_HAND.en
        chk.problems.append((f"！！订单已挂起（{why[0]}）：先不要发，把这个包裹拿出来",
                             f"!! the order is held ({why[1]}): do not ship, pull this parcel"))
    elif status is not OrderStatus.APPROVED:
        chk.problems.append((f"订单状态是“{status.value if status else '空'}”，只有已审核的订单能发货",
                             f"the order is '{status.en if status else 'blank'}': only approved orders ship"))
    # a scanner CSV's blank 快递单号 or 快递公司: the order's own, typed when its waybill was printed (before:
    # written over with a blank)
    chk.tracking_no = chk.tracking_no or next((ln.tracking_no for ln in lines if ln.tracking_no), "")
    chk.courier = chk.courier or next((ln.courier for ln in lines if ln.courier), "")
    if not chk.tracking_no:  # (before: shipped with none, nothing for the buyer or a follow-up to track)
        chk.problems.append(("没有快递单号：请把面单上的快递单号扫进“快递单号”一栏，再运行 ship",
                             ("no tracking no.: scan the tracking no. on the waybill into the tracking no. column, "
                              "then run ship again")))
    by_barcode, by_sku, by_label = codes

    def product_of(code: str):  # a scanned code's product: by its barcode, its SKU or the label printed
        return by_barcode.get(code) or by_sku.get(code) or by_label.get(code.upper())

    # each parcel's number (an order sent in two, scanned one after the other: A/B)
    for tn in parcels(scanned.tracking_no) if len(parcels(scanned.tracking_no)) > 1 else [scanned.tracking_no]:
        waybill = tn and product_of(tn)
        if tn and (mangled := _in_excel("快递单号", "tracking no.", tn)):  # (before: shipped, 7.31E+13 its tracking no.)
            chk.problems.append(mangled)
        elif waybill:  # the goods' barcode scanned for the waybill's: before, shipped with it as the tracking no.
            chk.problems.append((f"快递单号 {tn} 是商品 {waybill.sku} 的条码，不是面单上的单号：请扫面单上的快递单号，再运行 ship",
                                 f"tracking no. {tn} is the barcode of {waybill.sku}, not the waybill's number: scan "
                                 "the tracking no. on the waybill, then run ship again"))
        elif tn and tn in orders:  # the packing note's order no. scanned twice: not a number any courier tracks
            chk.problems.append((f"快递单号 {tn} 是订单编号，不是面单上的单号：请扫面单上的快递单号，再运行 ship",
                                 f"tracking no. {tn} is an order no., not the waybill's number: scan the tracking "
                                 "no. on the waybill, then run ship again"))
    tn = scanned.tracking_no
    got: Counter[str] = Counter()
    # the parcel's own waybill or note scanned again among its goods (closing it)
    own = {scanned.ref, tn, order_no, *parcels(tn), *parcels(chk.tracking_no)}  # (the order's own, none scanned)
    for code in scanned.codes:
        p = product_of(code)
        if p is None and code in own:  # (before: 条码 7310… 不属于任何商品, and a 问题件 for a parcel packed right)
            continue
        if p is None:
            chk.problems.append(
                _in_excel("条码", "barcode", code) or _framed(code, product_of)
                or ((f"{code} 不是商品的条码，是面单上的快递单号吗？是的话请把它扫进“快递单号”一栏",
                     (f"{code} is no product's barcode: if it is the waybill's tracking no., scan it into the "
                      "tracking no. column")) if not tn and not chk.tracking_no  # the waybill in the code column
                    else (f"条码 {code} 不属于任何商品", f"barcode {code} belongs to no SKU")))
        else:
            got[p.sku] += 1
    want: Counter[str] = Counter()
    for ln in lines:
        want[ln.sku] += ln.qty
    gifts = gift_units(expected_gifts.get(order_no, []))
    for sku in sorted(set(want) | set(got) | set(gifts)):
        w, g = want[sku] + gifts[sku], got[sku]
        if g < want[sku]:
            swap = _same_style_swap(sku, got - want, by_sku)
            if swap:
                chk.problems.append((f"颜色/尺码不对：应为 {sku}，扫到 {swap}", f"wrong colour/size: {sku} expected, {swap} scanned"))
            else:
                chk.problems.append((f"少了 {sku}：应 {want[sku]} 件，扫到 {g} 件", f"missing {sku}: {want[sku]} expected, {g} scanned"))
        elif g < w:  # the packing note promises the gift: a parcel without it is not ready
            chk.problems.append((f"少了赠品 {sku}：应 {w} 件（含赠品 {gifts[sku]} 件），扫到 {g} 件",
                                 f"missing gift {sku}: {w} expected ({gifts[sku]} free), {g} scanned"))
        elif g > w and not _is_swap_target(sku, want - got, by_sku):
            chk.problems.append((f"多了 {sku}：应 {w} 件，扫到 {g} 件", f"extra {sku}: {w} expected, {g} scanned"))
    chk.ok = not chk.problems
    return chk


def parcels_of_one_order(scanned: list[ScannedParcel], check) -> list[ScannedParcel]:
    """`scanned` with an order sent in several parcels, scanned one after the other each under its own waybill
    and its goods shared between them, as one parcel of them all: their goods checked together, every number
    kept (A/B). Only where no parcel of them passes alone and together they do: a parcel put right and scanned
    again (under its own waybill or a new one) is checked alone, as before. `check`: a ScannedParcel's
    ParcelCheck. (Before: each parcel failed, "少了" the goods in the other, and a 问题件 was opened for an order
    packed right.)"""
    out: list[ScannedParcel] = []
    i = 0
    while i < len(scanned):
        first, together, k = scanned[i], None, i + 1
        head = check(first)
        if not head.ok and head.order_no and first.tracking_no and not parcels(first.tracking_no)[1:]:
            run = [first]
            while k < len(scanned) and (nxt := scanned[k]).tracking_no \
                    and nxt.tracking_no not in [p.tracking_no for p in run]:
                alone = check(nxt)
                if alone.ok or alone.order_no != head.order_no or parcels(nxt.tracking_no)[1:]:
                    break
                run.append(nxt)
                k += 1
                courier, numbers = joined([(p.tracking_no, p.courier) for p in run])
                one = ScannedParcel(first.ref, courier, numbers, [c for p in run for c in p.codes], first.line,
                                    first.packer)
                if check(one).ok:
                    together = one
                    break
        if together is not None:
            out.append(together)
            i = k
        else:
            out.append(first)
            i += 1
    return out


def box_waybill(scanned: list[ScannedParcel], check, mates_of) -> list[ScannedParcel]:
    """`scanned` with a box mate's packing note scanned in its box (合并发货: one box, one waybill, the packing notes
    say so), right after the box's first order and its goods, and followed by its own goods, under no waybill number
    of its own (none scanned, none on the sheet): under the box's waybill, as its packing note told the packer.
    (Before: the first order shipped, and the mate failed "no tracking no." and was opened a 问题件, its goods packed
    right in the box that had gone.) `check`: a ScannedParcel's ParcelCheck; `mates_of`: an order → the orders packed
    in its box with it."""
    out: list[ScannedParcel] = []
    box = None  # (the check of the parcel that opened the box, its waybill number)
    for sp in scanned:
        chk = check(sp)
        if box is not None and not sp.tracking_no and not chk.tracking_no and chk.order_no and not chk.already_shipped \
                and chk.order_no in mates_of(box[0].order_no):
            sp = replace(sp, tracking_no=box[1], courier=sp.courier or box[0].courier)
        elif chk.ok and chk.order_no and (tracking := chk.tracking_no or sp.tracking_no) and mates_of(chk.order_no):
            # (a box whose first order failed its check is pulled to be packed again: no mate ships under its
            # waybill, which the packer may put a new one over)
            box = (chk, tracking)
        else:
            box = None
        out.append(sp)
    return out


def parcels_of_one_box(scanned: list[ScannedParcel], check, mates_of, sku_of, want_of) -> list[ScannedParcel]:
    """`scanned` with a box of orders packed together (合并发货: one box, one waybill, as the pick list packs them,
    picking.ship_together) scanned as one parcel, under one of its orders' numbers (or its waybill's) and with every
    order's goods, as a parcel of each of its orders under that waybill, each with its own goods (a box mate's packing
    note scanned among them left out). Only where the box fails as one order's parcel and passes as its orders': a box
    packed wrong fails as before. `check`: a ScannedParcel's ParcelCheck; `mates_of`: an order → the orders packed in
    its box with it, () for none; `sku_of`: a scanned code → its SKU, None for no product's; `want_of`: an order → its
    units a SKU, gifts too (a Counter). (Before: the box packed as its packing notes said failed "多了" the other
    orders' goods, and a 问题件 was opened for its order.)"""
    out: list[ScannedParcel] = []
    checks = [check(sp) for sp in scanned]
    # the orders of the file's parcels: a box mate scanned as a parcel of its own (above or below) is not in this box
    # (its goods here are extra, to be said: split, they passed as its second parcel and a unit left unposted)
    alone = Counter(c.order_no for c in checks if c.order_no)
    for sp, chk in zip(scanned, checks):
        mates = () if chk.ok or chk.already_shipped or not chk.order_no else mates_of(chk.order_no)
        if any(alone[m] for m in mates):
            mates = ()
        split = _split_box(sp, chk, mates, sku_of, want_of) if mates else None
        out.extend(split if split and all(check(p).ok for p in split) else [sp])
    return out


def _split_box(sp: ScannedParcel, chk, mates, sku_of, want_of) -> list[ScannedParcel] | None:
    """The box `sp` of order chk.order_no as a parcel of it and one of each of `mates`, each code to the first of them
    still short of its SKU; a code none wants stays with the first (to fail it). None where a mate gets nothing."""
    want = {no: Counter(want_of(no)) for no in (chk.order_no, *mates)}
    parts: dict[str, list[str]] = {no: [] for no in want}
    for code in sp.codes:
        if code in want:  # a box mate's packing note scanned among the goods
            continue
        sku = sku_of(code)
        to = next((no for no, w in want.items() if sku is not None and w[sku] > 0), chk.order_no)
        want[to][sku] -= 1
        parts[to].append(code)
    if not all(parts[no] for no in mates):
        return None
    tracking = chk.tracking_no or sp.tracking_no
    return [ScannedParcel(sp.ref if no == chk.order_no else no, sp.courier or chk.courier, tracking, codes, sp.line,
                          sp.packer) for no, codes in parts.items()]


def order_parcels(lines: list[OrderLine]) -> tuple[str, ...]:
    """The tracking numbers an order's rows hold, once each in the order written (A/B, or a row a parcel)."""
    return tuple(dict.fromkeys(t for ln in lines for t in parcels(ln.tracking_no)))


def shipped_already(chk: ParcelCheck, recorded: tuple[str, ...]) -> None:
    """`chk` as a parcel of an order that has shipped under `recorded` (before this scan file, or higher up it):
    nothing ships or posts again, its goods were checked with the parcel that shipped it. A number the order does
    not hold is said (ParcelCheck.shipped_said), the order's own kept."""
    chk.already_shipped, chk.ok, chk.problems, chk.recorded = True, True, [], recorded
    if not chk.tracking_no and len(recorded) == 1:  # (a scanner CSV's blank 快递单号: the order's own)
        chk.tracking_no = recorded[0]
    if chk.tracking_no and not set(parcels(chk.tracking_no)) <= set(recorded):
        chk.unrecorded = "/".join(recorded)  # the order's own, said beside the one scanned


def _in_excel(what_zh: str, what_en: str, code: str) -> tuple[str, str] | None:
    """The problem of a number a scan file holds as Excel left it, in scientific notation (7.31E+13: the file
    opened and saved in Excel), its last digits lost; None for any other code."""
    try:
        V.parse_code(code)
        return None
    except ValueError:
        return (f"{what_zh} {code} 是科学计数法（扫描文件用 Excel 打开后保存过），后几位已丢失：请用扫描枪导出的原始文件，"
                "或在扫描文件里改回完整的号码，再运行 ship",
                f"{what_en} {code} is in scientific notation (the scan file was opened and saved in Excel) and has "
                "lost its last digits: use the file as the scanner saved it, or type the full number back into it, "
                "then run ship again")


def _framed(code: str, product_of) -> tuple[str, str] | None:
    """The problem of a code that is a product's barcode or SKU with a few characters before or after it (a
    scanner set to add a prefix or suffix: ]E0 before every EAN-13, a # after it), said as such; None for any
    other code. Never taken as the product: the scanner is to be set right."""
    for cut in range(1, 5):
        for pre in range(cut + 1):
            core = code[pre:len(code) - (cut - pre)]
            p = product_of(core) if len(core) >= 6 else None
            if p is not None:
                extra = "、".join(f"“{x}”" for x in (code[:pre], code[len(code) - (cut - pre):]) if x)
                extra_en = " and ".join(f"'{x}'" for x in (code[:pre], code[len(code) - (cut - pre):]) if x)
                return ((f"条码 {code} 不属于任何商品：去掉多出的 {extra} 是商品 {p.sku} 的 {core}，扫描枪加了前缀或"
                         "后缀。请在扫描枪的设置里关掉前缀/后缀，再扫这个包裹"),
                        (f"barcode {code} belongs to no SKU: without the extra {extra_en} it is {core} of {p.sku}; "
                         "the scanner adds a prefix or suffix. Turn it off in the scanner's settings, then scan this "
                         "parcel again"))
    return None


def _framed_ref(ref: str, order_of) -> tuple[str, str] | None:
    """The problem of a parcel's order or tracking no. with a few characters before or after it (the scanner's
    prefix or suffix, as _framed says of a barcode), said as such; None for any other. `order_of`: the order a
    number is, or None. Before: "找不到订单或快递单号 3515…#", nothing said of the scanner, every parcel failing
    alike. Never taken as the order: the scanner is to be set right, and its codes carry the suffix too."""
    for cut in range(1, 5):
        for pre in range(cut + 1):
            core = ref[pre:len(ref) - (cut - pre)]
            # (digits alone extra: a number typed a digit long, not a scanner's doing)
            no = order_of(core) if len(core) >= 6 and not (ref[:pre] + ref[len(ref) - (cut - pre):]).isdigit() else None
            if no is not None:
                extra = "、".join(f"“{x}”" for x in (ref[:pre], ref[len(ref) - (cut - pre):]) if x)
                extra_en = " and ".join(f"'{x}'" for x in (ref[:pre], ref[len(ref) - (cut - pre):]) if x)
                what = (f"订单 {no}", f"order {no}") if core == no else (f"订单 {no} 的快递单号 {core}",
                                                                       f"tracking no. {core} of order {no}")
                return ((f"找不到订单或快递单号 {ref}：去掉多出的 {extra} 是{what[0]}，扫描枪加了前缀或后缀。"
                         "请在扫描枪的设置里关掉前缀/后缀，再扫这个包裹"),
                        (f"no order or tracking no. {ref}: without the extra {extra_en} it is {what[1]}; the scanner "
                         "adds a prefix or suffix. Turn it off in the scanner's settings, then scan this parcel again"))
    return None


def _unreadable(n: int, held: str) -> tuple[str, str]:
    """A line that starts no parcel and is no scan of one: where, what it holds, what to do."""
    if re.fullmatch(r"[0-9A-Za-z._-]+", held):  # a code with no parcel line above it
        return (f"扫描文件第 {n} 行“{held}”前面没有包裹行：每个包裹先扫一行 订单编号,快递公司,快递单号，"
                "再扫它的条码。补上这个包裹的第一行后再运行 ship。",
                f"line {n} of the scan file, '{held}', has no parcel line above it: each parcel starts with a "
                "line order no.,courier,tracking no., then its barcodes. Add the parcel's first line and run ship again.")
    return (f"扫描文件第 {n} 行看不懂：“{held}”。包裹的第一行应是 订单编号,快递公司,快递单号（用逗号、Tab 或空格隔开），"
            "之后每行一个条码。改好这一行后再运行 ship。",
            f"line {n} of the scan file does not read: '{held}'. A parcel's first line is order no.,courier,"
            "tracking no. (separated by commas, tabs or spaces), then one barcode a line. Correct this line and "
            "run ship again.")


def _same_style_swap(sku: str, extra: Counter[str], by_sku: dict[str, Product]) -> str | None:
    p = by_sku.get(sku)
    if p is None or not p.style:
        return None
    return next((s for s in extra if by_sku.get(s) and by_sku[s].style == p.style), None)


def _is_swap_target(sku: str, missing: Counter[str], by_sku: dict[str, Product]) -> bool:
    p = by_sku.get(sku)
    return bool(p and p.style and any(by_sku.get(s) and by_sku[s].style == p.style for s in missing))


# what a scanner app or the packing bench's scale writes after the waybill on a parcel's line, never a barcode: a
# weight (1.25kg, 1.25, 800g) or the scan's day and time (2026-11-22 17:00:00); before they were read as codes of the
# parcel, "条码 1.25kg 不属于任何商品", and a parcel packed right failed with a 问题件 opened for it
_NOT_A_CODE = re.compile(r"\d+\.\d+|\d+(?:\.\d+)?\s*(?:kg|g|公斤|千克|克|斤)|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
                         r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?", re.IGNORECASE)


def _codes(fields: list[str]) -> list[str]:
    """The barcodes among the fields after a parcel's waybill on its line (_NOT_A_CODE left out)."""
    return [f for f in fields if not _NOT_A_CODE.fullmatch(f)]
