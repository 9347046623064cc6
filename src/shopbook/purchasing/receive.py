"""Receiving goods against a purchase order (采购到货): what came, counted against what
was ordered and what earlier deliveries brought. Pure apart from reading the count.

The count is either what the scanner typed (one code per scan, as for `ship`; a line
`CODE,QTY` counts QTY; lines of three fields such as a box's PO number, courier and
tracking number are headings and count nothing), or a sheet (CSV or .xlsx) with code
columns (商家编码, 条码, 供应商货号, or SKU, Barcode, Supplier code: each row read by the one it
fills) and a quantity column (实收数量 / Received, 实盘数量 / Counted, else 数量 / Qty)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..io.reader import header_key
from ..schema import Direction, Entry, Movement, MovementType, PoStatus, Product, PurchaseLine, StocktakeCount
from ..schema.lists import is_total_label
from .. import values as V
from ..stock.levels import po_key  # (re-exported: the PO number as compared, here and by the stock levels)
from .po_columns import HEAD as PO_HEAD


def _key(h: object) -> str:
    """A count's header as compared: header_key, and no underscores, so that shopbook's PO
    'Supplier code', the 商品 sheet's supplier_code and a person's 'supplier code' are one."""
    return header_key(h).replace("_", "")


# the code columns as the 商品 sheet and shopbook's own PO head them (either language), the headers people
# write for them (商品编码, 条形码), short forms, and 货号 as a supplier's delivery note heads its own code
# (every code is looked up as a SKU, a barcode and a supplier's code alike: the column only finds it)
CODE_KEYS = {**{_key(h): c.name for c in map(Product.column, ("sku", "barcode", "supplier_code"))
                for h in (c.col.zh, c.col.en, *c.col.said)},
             **{_key(h): f for f, *heads in PO_HEAD if f in ("sku", "supplier_code") for h in heads},
             _key("编码"): "sku", _key("code"): "sku",
             **{_key(h): "supplier_code" for h in ("货号", "商品货号", "供货商货号", "厂家货号", "item no", "item code")}}
# the quantity column, the first of these a count has: what came (实收), or a stocktake count sheet's
# 实盘数量 / Counted; a bare 数量 / Qty last (on a PO printout it is what was ordered)
_counted = StocktakeCount.column("counted").col
QTY_KEYS = tuple(dict.fromkeys(_key(h) for h in (
    "实收数量", "实收", "收货数量", "到货数量", "实到数量", "实收件数", "到货件数", "received", "received qty",
    "qty received", "received quantity", "quantity received", _counted.zh, _counted.en, "count", "件数", "数量", "qty",
    "quantity")))


# a quantity column's header with its unit in brackets (实收数量(件), Received (pcs)) is that column: before,
# not found, each row counted 1 (20 received posted as 1). Only a unit of single pieces: 实收数量(箱) counts
# boxes, not units: refused at its header (_boxed_rank)
_UNIT = re.compile(r"[(\[【](?:件|个|只|条|双|套|pcs?|units?|pieces?)[)\]】]$")


# a quantity a factory's note types with its unit of single pieces (20件, 12 pcs): that many pieces, as the
# header 实收数量(件) is read (before: refused, each line of the note to be typed again); never 2箱 or 3打
_PIECES = re.compile(r"(\d+)\s*(?:件|个|只|条|双|套|pcs?|units?|pieces?)", re.IGNORECASE)


def _qty_key(h: object) -> str:
    return _UNIT.sub("", _key(h)) if h is not None else ""


def _boxed_rank(h: object) -> int | None:
    """A quantity column headed with another unit (实收数量(箱), Received (cartons)): its rank among
    QTY_KEYS, None for any other header. No sheet says how many pieces a box holds, so it does not read."""
    k = _key(h) if h is not None else ""
    if not _NOTE.search(k) or _UNIT.search(k):
        return None
    base = _NOTE.sub("", k)
    return QTY_KEYS.index(base) if base in QTY_KEYS else None


# a delivery note's price column: the supplier's 单价 on a line, set against the PO's (Receipt.prices)
# (not a bare 价格 or price: a note may list the 吊牌价, the retail price, under it)
PRICE_KEYS = {_key(h) for h in ("单价", "进价", "采购单价", "采购价", "供货价", "出厂价", "批发价", "unit price", "unit cost")}
# a delivery note's unit column: a row whose 单位 is 箱 counts cartons, not pieces (_count_rows)
UNIT_KEYS = {_key(h) for h in ("单位", "计量单位", "unit", "uom")}
_QTY_LIKE = re.compile(r"(?:数|数量|qty|quantity)$")  # 送货数量, 箱数: a header for a quantity, not one read
_NOTE = re.compile(r"[(\[【][^)\]】]*[)\]】]$")  # 商品编码(SKU), 条码(69码): a code column with a note after its name

# a factory's delivery note names a SKU by its style, colour and size in three columns (款号 | 颜色 | 尺码), no code
# of the shop's: read as the 商品 sheet's 款号 (or that supplier's 货号) + 颜色 + 尺码 (before: no code column found,
# every line read as a scan, the note's title said as a quantity that does not read)
STYLE_KEYS = {_key(h) for h in ("款号", "款式", "款式编号", "款式编码", "style", "style no", "style no.")}
COLOUR_KEYS = {_key(h) for h in ("颜色", "颜色名称", "色号", "colour", "color")}
SIZE_KEYS = {_key(h) for h in ("尺码", "尺寸", "码数", "码", "size")}
# colour and size in one cell (规格 红色/M, 黑色 XL): the size its last word, the colour the words before it
SPEC_KEYS = {_key(h) for h in ("规格", "颜色尺码", "颜色/尺码", "颜色分类", "销售属性", "spec", "variant")}
_SPEC_SPLIT = re.compile(r"[/;,、\s_-]+")


def _spec(cell: object) -> tuple[object, object]:
    """(colour, size) of a 规格 cell: 红色/M → (红色, M); M alone is the size."""
    words = [w for w in _SPEC_SPLIT.split(V.fold_width(str(cell)).strip()) if w] if not V.is_blank(cell) else []
    return (" ".join(words[:-1]) or None, words[-1]) if words else (None, None)


def style_code(style: object, colour: object, size: object) -> str:
    """The code a style + colour + size stands for, as counted and as looked up (case and width ignored; a part a
    note does not have left blank): A23 / 红色 / M."""
    return " / ".join("" if V.is_blank(x) else V.fold_width(str(V.parse_code(x))).strip().upper()
                      for x in (style, colour, size))


def _style_cols(keys: list[str], style: int | None = None) -> tuple[int, int | None, int | None] | None:
    """(style, colour, size) columns of a header with a style column (or `style`, the 货号 one) and a colour or
    size one (or a 规格 one holding both: its size -1), else None."""
    find = lambda ks: next((i for i, h in enumerate(keys) if h in ks), None)
    style, colour, size = find(STYLE_KEYS) if style is None else style, find(COLOUR_KEYS), find(SIZE_KEYS)
    if (colour, size) == (None, None) and (spec := find(SPEC_KEYS)) is not None:
        return (style, spec, -1) if style is not None else None  # (-1: the size is in the colour's cell, _spec)
    return (style, colour, size) if style is not None and (colour, size) != (None, None) else None


@dataclass
class Counted:
    """A count read from a file: units per code as written (not yet matched to products)."""

    codes: Counter = field(default_factory=Counter)
    lines: dict = field(default_factory=dict)  # code → first line (row) it is on, for the report
    every: dict = field(default_factory=dict)  # code → every line it is on
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (line, zh, en): not counted
    headings: list[str] = field(default_factory=list)  # first field of each heading line (a PO number …)
    aliases: tuple[str, ...] = ()  # other ids this count may have been posted under (see read_count)
    unread: dict = field(default_factory=dict)  # code → the lines whose quantity of it did not read
    boxes: tuple[int, int, str] | None = None  # (line, column, header) of a quantity column in boxes: not read
    # (line, column, header) of a column named like a quantity that is no quantity column shopbook knows (送货数量),
    # in a sheet with none it knows: not read (before: each row counted 1)
    qty_like: tuple[int, int, str] | None = None
    prices: dict = field(default_factory=dict)  # code → (line, the 单价 the note gives it first)


# the lines a count's header is looked for in: a supplier's 送货单 heads it with its name, address, phone, bank, the
# customer, the date and its own number, a dozen lines or so (before: the first 10 alone, a note with 11 read as scans,
# its 开户行 and 备注 lines said as unknown codes and every shirt 未到)
HEADER_ROWS = 30


def _count_rows(rows: list[tuple[int, list]], out: Counted) -> Counted:
    """Rows (line number, cells) of a count: with a header row among the first rows, by
    its columns; otherwise scanner lines."""
    for k, (_, r) in enumerate(rows[:HEADER_ROWS]):
        keys = [_key(c) if c is not None else "" for c in r]
        code_cols = [i for i, h in enumerate(keys) if h in CODE_KEYS or h and _NOTE.sub("", h) in CODE_KEYS]
        # a style column, or the supplier's 货号 (its style no.), beside a colour or size column: the three name the SKU
        only_huohao = code_cols and all(CODE_KEYS.get(_NOTE.sub("", keys[i])) == "supplier_code" for i in code_cols)
        parts = _style_cols(keys, code_cols[0] if only_huohao else None) if not code_cols or only_huohao else None
        if parts:
            code_cols = [parts[0]]
        if code_cols:
            out.headings += [str(c) for _, r0 in rows[:k] for c in r0 if not V.is_blank(c)]  # a title: 收货单 CG…
            qty_keys = [_qty_key(c) for c in r]
            qty_col = next((ks.index(q) for q in QTY_KEYS for ks in (keys, qty_keys) if q in ks), None)
            # a count in boxes (实收数量(箱)) before any count in pieces: before, each row was read as 1 piece
            rank = next((j for j, q in enumerate(QTY_KEYS) if q in keys or q in qty_keys), len(QTY_KEYS))
            boxed = [(b, i) for i, c in enumerate(r) if (b := _boxed_rank(c)) is not None and b < rank]
            if boxed:
                out.boxes = (rows[k][0], min(boxed)[1], str(r[min(boxed)[1]]))
                return out
            like = next((i for i, h in enumerate(keys) if qty_col is None and i not in code_cols and _QTY_LIKE.search(h)),
                        None)
            if like is not None:
                out.qty_like = (rows[k][0], like, str(r[like]))
                return out
            above = 0  # the quantities of the rows counted so far: a row of their sum alone is a totals row
            unit_col = next((i for i, h in enumerate(keys) if h in UNIT_KEYS), None)
            price_col = next((i for i, h in enumerate(keys) if i not in code_cols and _NOTE.sub("", h) in PRICE_KEYS), None)
            for n, row in rows[k + 1:]:
                # each row by the code it has: a delivery note gives some items a barcode, others only a SKU
                codes = [row[i] for i in code_cols if i < len(row) and not V.is_blank(row[i])]
                if any(map(is_total_label, codes or row)):  # (a person's 合计 row under the count: no goods)
                    continue
                # the header again at the top of a delivery note's second page (货号 | 品名 | 数量): no goods (before:
                # said as a code 货号 whose quantity 数量 does not read, the good note to be corrected)
                if codes and all(i < len(row) and not V.is_blank(row[i]) and _key(row[i]) == keys[i]
                                 for i in (*code_cols, *([qty_col] if qty_col is not None else []))):
                    continue
                qty = row[qty_col] if qty_col is not None and qty_col < len(row) else 1
                if not codes:
                    formula = isinstance(qty, str) and qty[:1] in ("=", "#")  # (=SUM(…) uncalculated: a total)
                    if qty_col is not None and not formula and _quantity(qty) not in (0, above):  # goods, no code: said
                        h, qty = r[qty_col], int(qty) if isinstance(qty, float) and qty.is_integer() else qty
                        out.problems.append((n, f"第 {n} 行 {h} {qty} 没有编码（{'、'.join(str(r[i]) for i in code_cols)}"
                                                f"都是空的）：没有入库",
                                             f"line {n}: {h} {qty} has no code ({', '.join(str(r[i]) for i in code_cols)} "
                                             "all blank): not posted"))
                    continue
                code = next((c for c in codes if _reads(c)), codes[0])
                if parts and _reads(code):
                    cells = [row[i] if i is not None and 0 <= i < len(row) else None for i in parts[1:]]
                    code = style_code(code, *(_spec(cells[0]) if parts[2] == -1 else cells))
                unit = row[unit_col] if unit_col is not None and unit_col < len(row) else None
                if V.counts_packs(unit) and _quantity(qty):  # 2 in a row whose 单位 is 箱: 2 cartons, not 2 pieces
                    _packs(out, n, code, _quantity(qty), str(unit).strip())
                    continue
                above += _add(out, n, code, qty)  # a blank 实收: 0
                if price_col is not None and price_col < len(row) and _reads(code):
                    _price(out, n, V.parse_code(code), row[price_col])
            return out
    # a header with a quantity column and no code column shopbook knows (品名,数量): a sheet it cannot read, refused
    # naming the columns it needs (before: read as scans, its header said as a quantity that does not read and each
    # product name as an unknown code)
    # (a header's row holds words alone: 数量,12 under a file of scans is a count of them, no header, which was
    # refused once headers were looked for over 30 lines)
    if any(any(_qty_key(c) in QTY_KEYS for c in r if isinstance(c, str)) and not any(_numeric(c) for c in r)
           for _, r in rows[:HEADER_ROWS]):
        return out
    for n, r in rows:
        cells = [c for c in r if not V.is_blank(c)]
        if len(cells) == 1 and isinstance(cells[0], str) and len(cells[0].split()) >= 2:
            cells = cells[0].split()
        if cells and is_total_label(cells[0]):  # 合计 25 under the scans: no code
            continue
        if len(cells) == 1:
            _add(out, n, cells[0], 1)
        elif len(cells) == 2:
            _add(out, n, cells[0], cells[1])
        elif len(cells) >= 3:
            out.headings.append(str(cells[0]))
    return out


def _numeric(cell) -> bool:
    """Whether a cell holds a number (12, "12", 12.0): a count's, never a header's."""
    return isinstance(cell, int | float) and not isinstance(cell, bool) or isinstance(cell, str) and V.fold_width(
        cell).strip().replace(".", "", 1).isdigit()


def _packs(out: Counted, n: int, code, qty: int, unit: str) -> None:
    """Line `n` counts `qty` packs (its 单位 箱, 打): not posted, said with what to type (no sheet says how many
    pieces a carton holds; a dozen is 12)."""
    c = V.parse_code(code) if _reads(code) else str(code)
    dozen = V.dozens(unit)
    pieces = (f"（{qty} {unit} = {qty * dozen} 件）" if dozen else "", f" ({qty} {unit} = {qty * dozen})" if dozen else "")
    zh = f"第 {n} 行 {c} 的单位是“{unit}”：{qty} 是{unit}数，不是件数，没有入库；请把数量改成件数{pieces[0]}、单位改成“件”，再收一次"
    en = (f"line {n}: the unit of {c} is '{unit}': {qty} counts packs, not pieces: not posted; change the quantity to "
          f"the pieces{pieces[1]} and the unit to pcs, then receive it again")
    out.problems.append((n, zh, en))
    out.unread.setdefault(c, []).append(n)


def _price(out: Counted, n: int, code: str, cell) -> None:
    """The note's 单价 of `code` on line `n`, its first that reads (a blank or a word is no price to compare)."""
    if code in out.prices or V.is_blank(cell):
        return
    try:
        out.prices[code] = (n, V.parse_money(cell))
    except (V.BadValue, ValueError, ArithmeticError):
        pass


def _quantity(qty) -> int | None:
    """A count's quantity cell as _add reads it (blank: 0), None where it does not read."""
    try:
        return 0 if V.is_blank(qty) else V.parse_int(qty)
    except V.BadValue:
        return None


def _reads(code) -> bool:
    try:
        V.parse_code(code)
    except V.BadValue:
        return False
    return True


def _add(out: Counted, n: int, code, qty) -> int:
    """Line `n`'s count of `code` added; the quantity counted (0 where the line was said as a problem)."""
    try:
        c = V.parse_code(code)
    except V.BadValue as e:
        out.problems.append((n, f"第 {n} 行的编码读不出：{e.zh}", f"line {n}: the code does not read: {e.en}"))
        return 0
    try:
        if isinstance(qty, str) and qty[:1] == "#":  # an error a formula gave (read_count)
            raise V.BadValue(f"公式错误 {qty}：请修正公式或在这里填件数", f"formula error {qty}: fix the formula or enter the "
                             "pieces here")
        if isinstance(qty, str) and qty[:1] == "=":  # a formula with no value (read_count)
            raise V.BadValue(f"“{qty}”是公式，没有算出的结果（这个文件由程序生成，没有在 Excel 或 WPS 里打开保存过）：请用 Excel 或 "
                             "WPS 打开并保存它，或在这里填件数",
                             f"'{qty}' is a formula with no calculated value (the file was written by a program and "
                             "never opened and saved in Excel or WPS): open and save it in Excel or WPS, or enter the "
                             "pieces here")
        pieces = _PIECES.fullmatch(V.fold_width(qty).strip()) if isinstance(qty, str) else None
        q = 0 if V.is_blank(qty) else int(pieces[1]) if pieces else V.parse_int(qty)
    except V.BadValue as e:
        out.problems.append((n, f"第 {n} 行 {c} 的数量读不出：{e.zh}", f"line {n}: the quantity of {c} does not read: {e.en}"))
        out.unread.setdefault(c, []).append(n)
        return 0
    if q < 0:
        out.problems.append((n, f"第 {n} 行 {c} 的数量是负数：{q}", f"line {n}: the quantity of {c} is negative: {q}"))
        return 0
    out.codes[c] += q
    out.lines.setdefault(c, n)
    out.every.setdefault(c, []).append(n)
    return q


def count_from_text(text: str) -> Counted:
    text = unicodedata.normalize("NFKC", text)  # a scanner typing ，and ６９… in full-width: as ship reads it
    rows = [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text.replace("\t", ","))), start=1)
            if any(c.strip() for c in r)]
    return _count_rows(rows, Counted())


def count_from_rows(rows: list[list]) -> Counted:
    """A sheet's rows (first sheet of an .xlsx), numbered as Excel numbers them."""
    return _count_rows([(n, r) for n, r in enumerate(rows, start=1) if any(not V.is_blank(c) for c in r)], Counted())


@dataclass
class ReceiptLine:
    sku: str
    name: str
    ordered: int
    before: int  # received by earlier deliveries
    now: int  # in this delivery, posted now
    unit_cost: Decimal
    status: PoStatus  # the line's status after this delivery
    earlier: int = 0  # in this file, but posted already by an earlier count of the same delivery
    was_received: bool = False  # the line was 已到货 before this delivery
    unread: list[int] = field(default_factory=list)  # the count's lines of this SKU whose quantity did not read

    @property
    def after(self) -> int:
        return self.before + self.now

    @property
    def short(self) -> int:
        return max(self.ordered - self.after, 0)

    @property
    def over(self) -> int:
        return max(self.after - self.ordered, 0) - max(self.before - self.ordered, 0)

    @property
    def result(self) -> str:
        if self.over:
            return "over"
        if not self.short:
            return "complete"
        if not self.now and not self.earlier:  # (a quantity of 十 or 5箱 is not goods that did not come: said as what
            return "unread" if self.unread else "missing"  # it is; nor what this delivery's earlier count posted)
        return "short"

    def to_json(self) -> dict:
        return {"sku": self.sku, "ordered": self.ordered, "received_before": self.before, "received_now": self.now,
                "posted_earlier_same_delivery": self.earlier,
                "short": self.short, "over": self.over, "result": self.result, "unit_cost": str(self.unit_cost),
                "quantity_unread_lines": self.unread,
                "status": self.status.en}


@dataclass
class WrongItem:
    code: str
    sku: str | None  # None: no product has this code
    qty: int
    line: int
    cancelled: bool = False  # on the PO, on a line that is 已取消
    # the PO's lines of the same 款号 still owed after this delivery, (SKU, units, what differs: zh, en): a size or
    # colour sent for another (before: said only as "not on the PO", beside that line's 未到, two problems unlinked)
    instead: list[tuple[str, int, str, str]] = field(default_factory=list)
    # the supplier's other open POs still owed this SKU, (PO, units): a box of two POs' goods (before: "not on the PO",
    # and the advice to add it to this one: ordered twice, the other PO's units on order and overdue for good)
    elsewhere: list[tuple[str, int]] = field(default_factory=list)
    # owed on none, but posted on another PO of the supplier, (PO, units in): the box received there already, this
    # count of it another (before: the advice to add it to this PO, the goods posted twice)
    posted_elsewhere: list[tuple[str, int]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"code": self.code, "sku": self.sku, "qty": self.qty, "line": self.line, "cancelled": self.cancelled,
                "same_style_owed": [{"sku": s, "owed": n} for s, n, _, _ in self.instead],
                "on_other_pos": [{"po_no": po, "owed": n} for po, n in self.elsewhere],
                "posted_on_other_pos": [{"po_no": po, "received": n} for po, n in self.posted_elsewhere]}


def _elsewhere_said(w: WrongItem, zh: bool) -> str:
    """The other POs the wrong item is owed on, as said in its ✗ line: ；在采购单 CG…-02（还差 12 件）上; or posted on:
    ；已在采购单 CG…-02 入库 12 件"""
    if not w.elsewhere:
        if zh:
            return "；已在采购单 " + "、".join(f"{po} 入库 {n} 件" for po, n in w.posted_elsewhere)
        return "; posted on " + ", ".join(f"PO {po} ({n} in)" for po, n in w.posted_elsewhere)
    if zh:
        return "；在采购单 " + "、".join(f"{po}（还差 {n} 件）" for po, n in w.elsewhere) + "上"
    return f"; on PO{'s' if len(w.elsewhere) > 1 else ''} " + ", ".join(f"{po} ({n} still owed)" for po, n in w.elsewhere)


def _instead_said(w: WrongItem, zh: bool) -> str:
    """The PO's lines of the wrong item's style still owed, as said in its ✗ line: 单上同款的 B 还差 10 件：是不是发错了尺码？"""
    owed = ("、" if zh else ", ").join(f"{s} {'还差' if zh else 'owes'} {n}{' 件' if zh else ''}" for s, n, _, _ in w.instead)
    kinds = {(z, e) for _, _, z, e in w.instead}
    what = next(iter(kinds)) if len(kinds) == 1 else ("颜色或尺码", "colour or size")
    return (f"；单上同款的 {owed}：是不是发错了{what[0]}？" if zh else
            f"; the PO's {owed} of the same style: a wrong {what[1]} sent?")


def _wrong_item_advice(wrong: list[WrongItem], po: str) -> list[tuple[str, str, str]]:
    """What a person does with the count's lines that were not posted: a receipt posts only what
    the PO orders, and the same count file received again posts nothing (a count posts once)."""
    out = []
    if any(w.cancelled for w in wrong):  # (adding it to the PO again would be the same SKU twice on it: an error)
        out.append(("", f"  采购单上已取消的货：退给供应商；要留下的，把 stock.xlsx 的“{PurchaseLine.zh}”表里 {po} 它那一行的状态"
                        "改回“已下单”，再收一个只有这几行的收货文件",
                    f"  items whose line of the PO is cancelled: return them to the supplier; to keep one, set the status "
                    f"of its line of {po} on the {PurchaseLine.en} sheet of stock.xlsx back to ordered, then receive a "
                    "count file of just those lines"))
    if other := [w for w in wrong if w.sku and not w.cancelled and w.elsewhere]:
        pos = list(dict.fromkeys(p for w in other for p, _ in w.elsewhere))
        out.append(("", f"  在这个供应商别的采购单上的货（{'、'.join(f'{w.sku} → {w.elsewhere[0][0]}' for w in other)}）：多半是几张单的货"
                        f"一起送来了。用那张采购单再收一个只有这几行的收货文件（{'；'.join(f'--po {p}' for p in pos)}）；不要把它加进 {po}："
                        "那张单上的会一直算在途，还会重复订货",
                    f"  items on another PO of this supplier ({', '.join(f'{w.sku} → {w.elsewhere[0][0]}' for w in other)}): "
                    f"most likely several POs' goods sent together. Receive a count file of just those lines on that PO "
                    f"({'; '.join(f'--po {p}' for p in pos)}); do not add them to {po}: the other PO's units would stay on order and be "
                    "ordered twice"))
    if done := [w for w in wrong if w.sku and not w.cancelled and not w.elsewhere and w.posted_elsewhere]:
        pos = list(dict.fromkeys(p for w in done for p, _ in w.posted_elsewhere))
        items = ", ".join(f"{w.sku} → {w.posted_elsewhere[0][0]}" for w in done)
        out.append(("", f"  已在这个供应商别的采购单入过库的货（{items.replace(', ', '、')}）：若是同一箱货又点了一次，不用再入库；"
                        f"若又到了一批，在那张采购单上收（{'；'.join(f'--po {p} --new-delivery' for p in pos)}）。不要把它加进 {po}",
                    f"  items already posted on another PO of this supplier ({items}): if it is the same box counted "
                    f"again, nothing is to post; if more came, receive them on that PO "
                    f"({'; '.join(f'--po {p} --new-delivery' for p in pos)}). Do not add them to {po}"))
    if any(w.sku and not w.cancelled and not w.instead and not w.elsewhere and not w.posted_elsewhere for w in wrong):
        out.append(("", f"  不在采购单上的货：退给供应商；要留下的，先在 stock.xlsx 的“{PurchaseLine.zh}”表把它加进 {po}，"
                        f"再收一个只有这几行的收货文件（或在“{Movement.zh}”表手工记一笔入库，单号填 {po}）",
                    f"  items not on the PO: return them to the supplier; to keep one, add it to {po} in the "
                    f"{PurchaseLine.en} sheet of stock.xlsx, then receive a count file of just those lines (or enter "
                    f"the stock-in by hand in the {Movement.en} sheet, ref {po})"))
    if swapped := [w for w in wrong if w.sku and not w.cancelled and w.instead]:
        # a size or colour sent for the one ordered: the PO's line still waits for it (its 未到 keeps it on order)
        w, col = swapped[0], PurchaseLine.column("sku").col
        out.append(("", f"  发错了的：退给供应商，让它补发单上的那一款；要收下它代替的（如 {w.sku} 代替 {w.instead[0][0]}），"
                        f"把 stock.xlsx 的“{PurchaseLine.zh}”表里 {po} 的 {w.instead[0][0]} 那一行的“{col.zh}”改成 {w.sku}，"
                        "再收一个只有这几行的收货文件",
                    f"  one sent wrong: return it to the supplier for the one the PO orders; to keep it instead (as "
                    f"{w.sku} for {w.instead[0][0]}), change the {col.en} of {po}'s {w.instead[0][0]} line in the "
                    f"{PurchaseLine.en} sheet of stock.xlsx to {w.sku}, then receive a count file of just those lines"))
    if any(not w.sku and _styled(w) for w in wrong):  # a colour or size the style does not come in: sent wrong
        st, co, si = (Product.column(f).col for f in ("style", "colour", "size"))
        out.append(("", f"  没有这个款号、颜色和尺码的商品：发错了颜色或尺码的，退给供应商；是我们的商品的，在“{Product.zh}”表填上它的"
                        f"“{st.zh}”“{co.zh}”“{si.zh}”（和送货单上写的一样），再收一个只有这几行的收货文件",
                    f"  no product of that style, colour and size: one sent in a wrong colour or size goes back to the "
                    f"supplier; for one of our products, fill in its {st.en}, {co.en} and {si.en} on the {Product.en} "
                    "sheet as the delivery note writes them, then receive a count file of just those lines"))
    if any(not w.sku and not _styled(w) for w in wrong):
        # (a code is looked up as a SKU, a barcode and a supplier's 货号 alike: a delivery note's 货号 goes in
        # 供应商货号, not 条码, where it would be taken for a barcode)
        bc, sc = Product.column("barcode").col, Product.column("supplier_code").col
        out.append(("", f"  不认识的编码：核对扫描的条码或送货单上的货号；是我们的商品的，在“{Product.zh}”表填上它"
                        f"（条码填“{bc.zh}”列，供应商的货号填“{sc.zh}”列），再收一个只有这几行的收货文件",
                    f"  unknown codes: check the code scanned or the supplier's item no. on the delivery note; for one "
                    f"of our products, put it on the {Product.en} sheet (a barcode in column {bc.en}, the supplier's "
                    f"item no. in column {sc.en}), then receive a count file of just those lines"))
    return out


def _styled(w: WrongItem) -> bool:
    """A line counted by style, colour and size (style_code), not by a code."""
    return " / " in w.code


RESULT_WORDS = {"complete": ("到齐", "complete"), "short": ("少到", "short"), "missing": ("未到", "not delivered"),
                "unread": ("数量读不出", "quantity does not read"),
                "over": ("多到", "over")}


@dataclass
class Receipt:
    po_no: str
    supplier: str
    lines: list[ReceiptLine]
    wrong: list[WrongItem]
    problems: list[tuple[int | None, str, str]]  # count lines that did not read: nothing posted for them
    movements: list[Movement]
    closed: bool  # every line is now 已到货
    already_posted: bool = False  # this very count was posted before: nothing done
    posted_on: list[dt.date] = field(default_factory=list)  # already_posted: the days it was posted
    owed: Decimal = Decimal(0)  # goods received up to the ordered quantity, at the PO's unit cost
    booked: Decimal = Decimal(0)  # already in the ledger against this PO
    payment: Entry | None = None  # the ledger line proposed for the rest
    payment_written: bool = False
    calls: list = field(default_factory=list)  # waiting-list customers of the SKUs this delivery brought
    calls_unknown: tuple[str, str] | None = None  # why the calls were not worked out (the orders do not read)
    cells: dict = field(default_factory=dict)  # 采购 row → {status, received}
    same_delivery: list[str] = field(default_factory=list)  # receipts of this PO on this date before this one
    # the 出入库 rows of 入库 of this PO on this date typed in by hand (no count of shopbook's): the same delivery,
    # posted already (before: posted again on top of them, the book and the payment above what came)
    typed_same_day: list[int] = field(default_factory=list)
    day: dt.date | None = None  # the delivery's day (the count's --date)
    # (line, SKU, the note's 单价, the PO's): a price the supplier changed, which the payment does not follow
    prices: list[tuple[int, str, Decimal, Decimal]] = field(default_factory=list)
    # already_posted on another day, onto lines of the PO still owed: (SKU, units still owed). The same quantities
    # as an earlier delivery's count: the same file again, or a second box alike, which --new-delivery posts
    owed_again: list[tuple[str, int]] = field(default_factory=list)

    @property
    def onto_received(self) -> list[ReceiptLine]:
        """Lines already 已到货 that this file would post more onto: a file posted again
        (another name, another day) far more often than a second delivery."""
        return [x for x in self.lines if x.now and x.was_received]

    @property
    def nothing_new(self) -> bool:
        """Read and matched, but nothing to post or set: what it counts is in already (the same
        delivery counted again the same day), or it counts nothing."""
        return not self.already_posted and not self.movements and not self.cells

    @property
    def complete(self) -> bool:
        """Everything ordered came, nothing else: the only receipt that earns a ✓."""
        return (not self.already_posted and not self.wrong and not self.problems and not self.prices
                and all(x.result == "complete" or (x.now == 0 and not x.short and not x.over) for x in self.lines))

    @property
    def ok(self) -> bool:
        """Nothing for a person to look at (the CLI's exit 0, the button's quiet box): everything
        came, or the count was posted before or posts nothing new, and every line of it read and
        is the PO's (what it refused the first time it refuses again: still to return or post)."""
        return (self.complete or (self.already_posted or self.nothing_new) and not self.wrong
                and not self.problems and not self.prices and not self.owed_again)

    def same_day_said(self) -> tuple[str, str]:
        """(zh, en) what posted this PO's goods earlier on the delivery's day: shopbook's counts (their receipt
        ids) and 入库 rows typed in by hand (出入库 rows); "" where neither."""
        rows = self.typed_same_day
        zh = "、".join([*self.same_delivery, *([f"出入库第 {'、'.join(map(str, rows))} 行手工录入的入库"] if rows else [])])
        en = ", ".join([*self.same_delivery, *([f"the stock-in{'s' if len(rows) > 1 else ''} typed on Movements "
                                                f"row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))}"]
                                              if rows else [])])
        return zh, en

    def said(self, shown: int | None = None, file: str | None = None) -> list[tuple[str, str, str]]:
        """What `purchase receive` prints and the 采购收货 button shows (mark, zh, en): what was posted
        (or why nothing was), each PO line, the count's lines not posted, the payment, the customers
        to call; each list the first `shown` (None: all), then how many more and where."""
        from ..issues import en_count, first

        po, out = self.po_no, []
        if self.already_posted:
            days = "、".join(map(str, self.posted_on)), ", ".join(map(str, self.posted_on))
            if self.closed:  # --close on a count posted before: the PO is closed, nothing posted again
                out.append(("✓", f"采购单 {po} 已关闭（--close）；这个收货文件已于 {days[0]} 入过库，没有再入库",
                            f"PO {po} closed (--close); this count was posted on {days[1]} and is not posted again"))
            again = self._owed_again_said(days)
            if not self.payment_written:
                if not self.closed:
                    out.append(("!" if again else "–", f"没有入库：这个收货文件已于 {days[0]} 在 {po} 入过库，没有改动",
                                f"nothing posted: this count was posted on {po} on {days[1]}; nothing changed"))
                return out + again + self._refused(shown, file) + self._priced(shown)
            # the goods were in; only the payment it proposed then is booked now (no ✓ while lines
            # of the count are still refused: they are said again below)
            return (out + [("!" if self.wrong or self.problems or self.prices or self.owed_again else "✓",
                            f"这个收货文件已于 {days[0]} 在 {po} 入过库，货物没有再入库；货款 ¥{self.payment.amount:,.2f} "
                            "已写入流水",
                            f"this count was posted on {po} on {days[1]}, the goods are not posted again; the "
                            f"payment ¥{self.payment.amount:,.2f} is written to the ledger")]
                    + again + self._refused(shown, file) + self._priced(shown))
        units = sum(m.qty for m in self.movements)
        # never a ✓ or a tally of 0 for a run that posted nothing (a draft's lines set 已下单 by a count whose
        # quantities did not read: "入库 0 件，0 行" before)
        if self.nothing_new or not self.movements:
            # (posted by the same delivery's earlier count only where this file counts lines of the PO)
            same = self.same_day_said()
            why = ((f"：这个文件点的货已由 {po} 在 {self.day} 的收货（{same[0]}）入过库",
                    f": what this file counts was posted by the count of {self.day} ({same[1]})")
                   if same[0] and any(x.earlier for x in self.lines) else
                   ("：这个文件点的货都不在这张采购单上", ": nothing this file counts is on this PO") if self.wrong else
                   ("：这个文件里读得出的行没有要入库的数量（读不出的行见下）",
                    ": the lines of this file that read count nothing to post (those that do not read below)")
                   if self.problems else
                   ("：这个文件里没有要入库的数量", ": this file counts nothing to post"))
            # --close with nothing posted: the supplier sends no more ("入库 0 件，0 行，采购单已关闭" before)
            # (a PO closed because every line not cancelled had come is no --close: before, said as one)
            closed = ("", "") if not self.closed else (
                "；采购单已关闭（--close），没到的货不再等", "; the PO is closed (--close): what did not come "
                "is no longer awaited") if any(x.after < x.ordered for x in self.lines) else (
                "；采购单已关闭：没取消的货都到了", "; the PO is closed: everything not cancelled has come")
            out.append(("–" if self.ok else "!", f"{po} {self.supplier}：没有新入库{why[0]}{closed[0]}",
                        f"{po} {self.supplier}: nothing new posted{why[1]}{closed[1]}"))
        else:
            out.append(("✓" if self.complete else "!",
                        f"{po} {self.supplier}：入库 {units} 件，{len(self.movements)} 行" + ("，采购单已关闭" if self.closed else ""),
                        f"{po} {self.supplier}: posted {en_count(units, 'unit')}, {en_count(len(self.movements), 'line')}"
                        + (", PO closed" if self.closed else "")))
        same = self.same_day_said()
        # counted again: only what it adds was posted. Said only where a line of this file was taken as posted by
        # the earlier one (x.earlier): a file of other SKUs posted whole, and --new-delivery would post it twice
        # (before: said beside "posted 5 units" of a box of B when A alone was typed that day)
        if same[0] and any(x.earlier for x in self.lines) and not self.movements:
            out.append(("", f"  这张采购单当天已收过货（{same[0]}）：这个文件当作同一批货重新清点，"
                            "只入库比上次多的；确实是另一批到货，请加 --new-delivery 再收",
                        f"  this PO already received goods that day ({same[1]}): this file is "
                        "taken as the same delivery counted again and posts only what it adds; for another "
                        "delivery, receive it again with --new-delivery"))
        elif same[0] and any(x.earlier for x in self.lines):  # part of it posted now: --new-delivery would post
            # that part twice (a box of A×3 and B×5 after A×5 that day: B posted, A×3 taken as counted before)
            out.append(("", f"  这张采购单当天已收过货（{same[0]}）：文件里标着“上次已入库”的件数当作同一批货重新清点，"
                            f"没有再入库，其余的已入库；那几件确实是另一批到货的，请在 stock.xlsx 的“{Movement.zh}”表手工记入库"
                            "（不要加 --new-delivery 再收这个文件：已入库的会再入一次）",
                        f"  this PO already received goods that day ({same[1]}): the units marked as posted by the "
                        "earlier count were taken as the same delivery counted again and not posted, the rest were; "
                        f"if they are another delivery, type them into the {Movement.en} sheet of stock.xlsx by hand (do not "
                        "receive this file again with --new-delivery: what was posted now would be posted twice)"))

        def line(x: ReceiptLine, zh: bool) -> str:
            t = (lambda a, b: a) if zh else (lambda a, b: b)
            # 少到 2, 多到 3, 未到 20: said once; a quantity that did not read, at its line (then still owed: 少到 15)
            extra = "" if x.result == "unread" else f" {x.short}" if x.short else f" {x.over}" if x.over else ""
            rows = "、".join(map(str, x.unread)) if zh else ", ".join(map(str, x.unread))
            unread = ((f"（第 {rows} 行）" if zh else f" (line {rows})") if x.result == "unread" else
                      (f"（第 {rows} 行的数量读不出，没有算进本次）" if zh else
                       f" (the quantity on line {rows} does not read: not in this delivery)") if x.unread else "")
            return (f"  {x.sku:<18} {t('订', 'ordered')} {x.ordered:>4}  {t('之前', 'before')} {x.before:>4}  "
                    f"{t('本次', 'now')} {x.now:>4}  {RESULT_WORDS[x.result][0 if zh else 1]}{extra}{unread}"
                    + (t(f"（文件里的 {x.earlier} 件上次已入库）", f" ({x.earlier} of this count posted by the earlier one)")
                       if x.earlier else ""))

        out += first([("", line(x, True), line(x, False)) for x in self.lines], shown, ("行", "more lines"),
                   ("全部在 stock.xlsx 的“采购”表", "all of them are in the Purchases sheet of stock.xlsx"))
        out += self._refused(shown, file)
        out += self._priced(shown)
        if over := [x for x in self.lines if x.over]:
            # posted (they are on the shelf) but not owed: the supplier's note bills them, the payment does not
            # (before: said nowhere but 多到 2 on the line, the ledger short of what was paid for the extra kept)
            qty = PurchaseLine.column("qty").col
            out.append(("", f"  多到的货没有算进货款（{'、'.join(f'{x.sku} 多 {x.over} 件' for x in over)}）：留下并要付款的，"
                            f"把 stock.xlsx 的“{PurchaseLine.zh}”表里它那一行的“{qty.zh}”改成实收数，再用同样的命令收一次这个文件"
                            "（加 --pay 记货款）；不要的退给供应商",
                        f"  the units over the order are not in the payment ({', '.join(f'{x.sku} {x.over} over' for x in over)}):"
                        f" for those kept and paid for, change {qty.en} on its line of the {PurchaseLine.en} sheet of "
                        "stock.xlsx to the units received, then receive this file again with the same command (--pay "
                        "books the payment); return the others to the supplier"))
        if self.payment is not None:
            state = ("已写入流水", "written to the ledger") if self.payment_written else (
                "建议（--pay 写入）", "proposed (--pay writes it)")
            p = self.payment
            out.append(("", f"  货款：¥{p.amount:,.2f} {p.category} · {p.account} — {state[0]}"
                            f"（应付 ¥{self.owed:,.2f}，已记 ¥{self.booked:,.2f}）",
                        f"  payment: ¥{p.amount:,.2f} {p.category} · {p.account} — {state[1]}"
                        f" (owed ¥{self.owed:,.2f}, booked ¥{self.booked:,.2f})"))
        out += first([("", f"  ☎ {c.customer}  {c.contact}  {c.sku} {c.name}（可用 {c.available}）",
                     f"  ☎ {c.customer}  {c.contact}  {c.sku} {c.name} (available {c.available})") for c in self.calls],
                   shown, ("位到货通知", "more to call"), ("shopbook stock waitlist 列出全部", "shopbook stock waitlist lists them all"))
        if self.calls_unknown:  # the goods are in; who to call waits for orders that read
            out.append(("!", f"到货通知没有算出：{self.calls_unknown[0]}", f"whom to call was not worked out: "
                                                                      f"{self.calls_unknown[1]}"))
        return out

    def _owed_again_said(self, days: tuple[str, str]) -> list[tuple[str, str, str]]:
        """A count posted on another day with the PO still owing its SKUs: a second box of the same quantities is
        taken for the first one's file again (before: "–", exit 0, the box never posted and nothing said how)."""
        if not self.owed_again:
            return []
        zh = "、".join(f"{sku} {n} 件" for sku, n in self.owed_again)
        en = ", ".join(f"{n} of {sku}" for sku, n in self.owed_again)
        return [("", f"  {self.po_no} 还差 {zh}没到：这个文件点的件数和 {days[0]} 收的那一批一模一样，当作同一个文件，没有入库。"
                     f"如果是又到了一批（件数碰巧相同），请加 --new-delivery 再收一次（shopbook purchase receive 店铺 文件 "
                     f"--po {self.po_no} --new-delivery）",
                 f"  {self.po_no} still owes {en}: this file counts exactly what the delivery of {days[1]} counted and "
                 "was taken as that file again, nothing posted. If another delivery came (the same quantities by "
                 f"chance), receive it again with --new-delivery (shopbook purchase receive SHOP FILE --po {self.po_no} "
                 "--new-delivery)")]

    def _priced(self, shown: int | None) -> list[tuple[str, str, str]]:
        """The note's lines priced otherwise than the PO (!): the payment is the PO's, and how to take the new price."""
        from ..issues import first

        po, col = self.po_no, PurchaseLine.column("unit_cost").col
        return first([("!", f"送货单第 {n} 行 {sku} 单价 ¥{p:,.2f}，采购单 {po} 是 ¥{c:,.2f}：货款按采购单的单价算。供应商改了价、你也认的话，"
                            f"把 stock.xlsx 的“{PurchaseLine.zh}”表里 {po} {sku} 的“{col.zh}”改成 {p:f}，再用同样的命令收一次这个文件"
                            "（加 --pay 记货款；货不会重复入库）",
                       f"line {n} of the delivery note prices {sku} at ¥{p:,.2f}, PO {po} at ¥{c:,.2f}: the payment is "
                       f"worked out at the PO's price. If the supplier changed it and you accept it, change the {col.en} "
                       f"of {sku} on {po} in the {PurchaseLine.en} sheet of stock.xlsx to {p:f}, then receive this file "
                       "again with the same command (--pay books the payment; the goods are not posted again)")
                      for n, sku, p, c in self.prices], shown, ("行单价不同", "more lines priced otherwise"),
                     ("全部在送货单里", "all of them are in the delivery note"))

    def _refused(self, shown: int | None, file: str | None) -> list[tuple[str, str, str]]:
        """The count's lines not posted (each ✗, the first `shown`, then how many more and where)
        and what to do with them."""
        from ..issues import first

        def item(w: WrongItem) -> str:  # a barcode or 货号 scanned: the code on the line, and the SKU it is
            return w.code if w.code == w.sku else f"{w.code} = {w.sku}"

        refused = [("✗", f"第 {w.line} 行：{item(w)}（{'采购单上这一行已取消' if w.cancelled else '不在采购单上'}"
                         f"{_elsewhere_said(w, True) if w.elsewhere or w.posted_elsewhere else ''}"
                         f"{_instead_said(w, True) if w.instead else ''}） × {w.qty} 没有入库"
                    if w.sku else f"第 {w.line} 行：{w.code}（{'商品表里没有这个款号、颜色和尺码' if _styled(w) else '不认识的编码'}）"
                                  f" × {w.qty} 没有入库",
                    f"line {w.line}: {item(w)} ({'its line of the PO is cancelled' if w.cancelled else 'not on the PO'}"
                    f"{_elsewhere_said(w, False) if w.elsewhere or w.posted_elsewhere else ''}"
                    f"{_instead_said(w, False) if w.instead else ''}) × {w.qty} not posted" if w.sku else
                    f"line {w.line}: {w.code} ({'no product of this style, colour and size' if _styled(w) else 'unknown code'})"
                    f" × {w.qty} not posted") for w in self.wrong]
        refused += [("✗", zh, en) for _, zh, en in self.problems]
        day = self.day or (self.posted_on[0] if self.posted_on else None)
        # a line that did not read (18件): corrected, the same file received again that day posts it alone
        # (before: nothing said how; the next day, without --date, the file was refused as posted already)
        fix = [("", f"  改正收货文件里读不出的行，再用 --date {day} 收一次这个文件：已入库的不会重复入库，只入库改正的行",
                f"  correct the lines that do not read in the count file, then receive it again with --date {day}: "
                "what was posted is not posted again, only the corrected lines are")] \
            if day and any(n is not None for n, _, _ in self.problems) else []
        return (first(refused, shown, ("行没有入库", "more lines not posted"),
                      (f"全部在 {file or '收货文件'} 里", f"all of them are in {file or 'the count file'}"))
                + fix + _wrong_item_advice(self.wrong, self.po_no))

    def to_json(self) -> dict:
        return {"po_no": self.po_no, "supplier": self.supplier, "closed": self.closed,
                "already_posted": self.already_posted, "posted_on": [d.isoformat() for d in self.posted_on],
                "nothing_new": self.nothing_new, "same_delivery": self.same_delivery,
                "still_owed_if_new_delivery": [{"sku": s, "owed": n} for s, n in self.owed_again],
                "typed_same_day": self.typed_same_day,
                "lines": [x.to_json() for x in self.lines],
                "wrong_items": [w.to_json() for w in self.wrong],
                "problems": [{"line": n, "zh": zh, "en": en} for n, zh, en in self.problems],
                "prices_differ": [{"line": n, "sku": sku, "note_price": str(p), "po_price": str(c)}
                                  for n, sku, p, c in self.prices],
                "movements": len(self.movements), "owed": str(self.owed), "booked": str(self.booked),
                "payment": None if self.payment is None else {
                    "date": self.payment.date.isoformat(), "category": self.payment.category,
                    "amount": str(self.payment.amount), "account": self.payment.account,
                    "counterparty": self.payment.counterparty, "order_no": self.payment.order_no,
                    "written": self.payment_written},
                "calls": [c.to_json() for c in self.calls]}


def _code_map(products: list[Product], supplier: str | set[str], shared: dict[str, list[str]] | None = None,
              codes: Iterable[str] = ()) -> dict[str, str]:
    """Code → SKU: a SKU, a barcode, or this supplier's own code (货号) where it names one product
    (`shared`: _shared_codes, when the caller has them); and each of the `codes` counted that is a SKU
    in another letter case."""
    shared = _shared_codes(products, supplier) if shared is None else shared
    by_code = {p.supplier_code: p.sku for p in products
               if p.supplier_code and _theirs(p, supplier) and p.supplier_code not in shared}
    # a barcode as typed before a supplier's code, as ever; its other form (0614141000012 for a 条码 Excel
    # stored as 614141000012) only where no supplier's code is that
    by_code.update({p.barcode: p.sku for p in products if p.barcode})
    for code, p in V.by_barcode(products).items():
        by_code.setdefault(code, p.sku)
    by_code.update({p.sku: p.sku for p in products})
    by_code.update(_style_map(products, supplier))
    # a SKU label a scanner sent in lower case (t100-bk-l), as ship finds it (orders.scan.product_codes): before,
    # an unknown code not posted, with the advice to add it to 商品. Not where two SKUs differ only so.
    labels: dict[str, str | None] = {}
    for p in products:
        labels[p.sku.upper()] = None if labels.get(p.sku.upper(), p.sku) != p.sku else p.sku
    # and this supplier's 货号 typed in another case off its delivery note (ja-100-m for JA-100-M): before, an unknown
    # code, its 12 shirts not posted and said 未到. Not where it is another product's SKU or 货号 in another case
    # (a 货号 two products share, JX-1 of a style's two sizes, holds its fold too: jx-1 is neither, nor a third
    # product's JX-1 typed so)
    for p in products:
        if p.supplier_code and _theirs(p, supplier):
            k = V.fold_width(p.supplier_code).upper()
            labels[k] = None if p.supplier_code in shared or labels.get(k, p.sku) != p.sku else p.sku
    for code in codes:
        if code not in by_code and (sku := labels.get(V.fold_width(code).upper())):
            by_code[code] = sku
    return by_code


def _style_map(products: list[Product], supplier: str | set[str]) -> dict[str, str]:
    """style_code → SKU for a note by 款号 + 颜色 + 尺码: the 款号, or this supplier's 货号, with the colour and size,
    or with one of them where the note has no column for the other; a code two SKUs share is none's."""
    skus: dict[str, set[str]] = {}
    for p in products:
        for style in {p.style, p.supplier_code if _theirs(p, supplier) else None} - {None}:
            for c, z in ((p.colour, p.size), (None, p.size), (p.colour, None)):
                if c is not None or z is not None:
                    skus.setdefault(style_code(style, c, z), set()).add(p.sku)
    return {code: next(iter(ss)) for code, ss in skus.items() if len(ss) == 1}


def _theirs(p: Product, supplier: str | set[str]) -> bool:
    """The product is the supplier's (`supplier`: its names), or no one's."""
    return p.supplier is None or p.supplier in ({supplier} if isinstance(supplier, str) else supplier)


def _shared_codes(products: list[Product], supplier: str | set[str]) -> dict[str, list[str]]:
    """This supplier's codes typed for two or more of its products (its style number HZ-88 on the M and the L): a
    count by such a code cannot say which it is (before: every unit posted to the last of them, the M's as L's)."""
    skus: dict[str, list[str]] = {}
    for p in products:
        if p.supplier_code and _theirs(p, supplier):
            skus.setdefault(p.supplier_code, []).append(p.sku)
    return {code: ss for code, ss in skus.items() if len(ss) > 1}


def sku_of_code(by_code: dict[str, str], code: str) -> str | None:
    """A delivery note's code as our SKU (_code_map); a 货号 + 颜色 + 尺码 no SKU has (颜色 typed 红 for 红色): the 货号
    alone, where it names one product."""
    return by_code.get(code, by_code.get(code.split(" / ")[0]) if " / " in code else None)


def match_codes(counted: Counted, by_code: dict[str, str]) -> tuple[Counter, list[WrongItem]]:
    """Codes → SKUs through `by_code` (_code_map: a SKU, a barcode, or this supplier's own code)."""
    got: Counter = Counter()
    unknown = []
    for code, q in counted.codes.items():
        sku = sku_of_code(by_code, code)
        if sku is None:
            if q:  # (a code counted 0 brought nothing: the 送货人：老王 under a delivery note, a blank row of it)
                unknown.append(WrongItem(code, None, q, counted.lines.get(code, 0)))
        else:
            got[sku] += q
    return got, unknown


RECEIPT_NOTE = re.compile(r"(?:采购收货|PO receipt) (R[0-9a-f]{8})")


def plan_receipt(po_no: str, po_lines: list[PurchaseLine], products: list[Product], movements: list[Movement],
                 counted: Counted, receipt_id: str, today: dt.date, close: bool = False, lang: str = "zh",
                 new_delivery: bool = False, aliases: tuple[str, ...] = (),
                 others: Iterable[PurchaseLine] = ()) -> Receipt:
    """What a delivery does to a PO: 入库 movements carrying the PO number for every unit of
    a SKU the PO orders (over-deliveries too: they are on the shelf), nothing for a SKU it
    does not order (a wrong item is reported, to return or post by hand); each line's status
    and 已收数量; the PO closed when every line has come in full (or `close`: the supplier
    will send no more).

    A delivery is the PO and the day it came: a count of this PO posted earlier the same day
    is the same delivery counted again (a typo fixed, the file re-saved or renamed), so this
    one posts only what it counts beyond that, never taking anything back. The same count
    (`receipt_id`, or an older version's id in `aliases`) posted on any day posts nothing.
    `new_delivery`: a second delivery on the same day, or a count identical to an earlier one:
    all of it is posted. `others`: the shop's other PO lines, where a SKU not on this PO is still owed on
    another open PO of the supplier (WrongItem.elsewhere)."""
    by_sku = {p.sku: p for p in products}
    supplier = po_lines[0].supplier
    note = f"采购收货 {receipt_id}" if lang == "zh" else f"PO receipt {receipt_id}"
    before: Counter = Counter()
    earlier: Counter = Counter()  # posted by this delivery's earlier counts
    same_day: list[str] = []
    typed: list[int] = []  # the 出入库 rows of this PO's 入库 that day typed in by hand
    posted_on: dict[str, set[dt.date]] = {}  # receipt id → the days its movements carry
    key = po_key(po_no)
    for m in movements:
        # an 入库 typed by hand with the PO number as a person types it (cg20261122-01, a space copied with it): this
        # PO's (before: not counted, its goods said 未到, posted again as owed and the payment proposed short of them)
        if m.type is MovementType.IN and m.ref and po_key(m.ref) == key:
            before[m.sku] += m.qty
            rid = RECEIPT_NOTE.match(m.note or "")
            if rid:
                posted_on.setdefault(rid.group(1), set()).add(m.date)
                if m.date == today and not new_delivery:
                    earlier[m.sku] += m.qty
                    if rid.group(1) not in same_day:
                        same_day.append(rid.group(1))
            elif m.date == today and not new_delivery and m.qty > 0:
                # typed in by hand from the delivery note that day, then its count received: the same delivery, as
                # a count of shopbook's that day is (before: posted again on top, 10 shirts booked and paid as 20)
                earlier[m.sku] += m.qty
                typed.append(m.row)
    live = [ln for ln in po_lines if ln.status is not PoStatus.CANCELLED]

    def cost_of(ln: PurchaseLine) -> Decimal:
        return ln.unit_cost if ln.unit_cost is not None else by_sku[ln.sku].cost if ln.sku in by_sku else Decimal(0)

    # goods received on a line cancelled since (the supplier sent 10 of 30, then could send no more) are owed as
    # any others: before, left out of what is owed, the payment proposed was short by them
    owed_cancelled = sum((cost_of(ln) * min(before[ln.sku], ln.qty) for ln in po_lines
                          if ln.status is PoStatus.CANCELLED), Decimal(0))
    days = {d for i in (receipt_id, *aliases) for d in posted_on.get(i, ())}
    # the supplier as the PO names it, and as the 商品 sheet names the PO's products: a supplier renamed there since
    # (义乌针织厂 → 义乌针织有限公司) is the same factory, its 货号 its own (before: every one an unknown code)
    names = {supplier} | {by_sku[ln.sku].supplier for ln in po_lines if ln.sku in by_sku and by_sku[ln.sku].supplier}
    shared, refused = _shared_codes(products, names), list(counted.problems)
    by_code = _code_map(products, names, shared, counted.codes)
    got, wrong = match_codes(counted, by_code)
    # not unknown: known as several products (by its 货号 with a 颜色 and 尺码 no SKU has: the 货号's lines together)
    base = {w.code: w.code.split(" / ")[0] for w in wrong}
    for code in dict.fromkeys(b for b in base.values() if b in shared):
        ws = [w for w in wrong if base[w.code] == code]
        for w in ws:
            wrong.remove(w)
        rows = sorted(n for w in ws for n in counted.every.get(w.code, [w.line]))
        w = WrongItem(code, None, sum(w.qty for w in ws), rows[0])
        zh, en = "、".join(shared[w.code]), ", ".join(shared[w.code])
        lines_zh, lines_en = "、".join(map(str, rows)), f"line{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))}"
        refused.append((w.line, (f"第 {lines_zh} 行：{w.code} 是 {zh} 共用的供应商货号，分不出是哪一个：{w.qty} 件没有入库；"
                                 f"请把收货文件里它的编码改成商家编码或条码，并在“{Product.zh}”表给每个 SKU 填它自己的供应商货号"),
                        (f"{lines_en}: {w.code} is the supplier code of {en} alike, which one is not known: {w.qty} not "
                         "posted; change its code in the count file to the SKU or barcode, and give each SKU its own "
                         f"supplier code on the {Product.en} sheet")))
    on_po = {ln.sku for ln in live}
    cancelled = {ln.sku for ln in po_lines if ln.status is PoStatus.CANCELLED}
    for sku, q in sorted(got.items()):
        # a SKU counted 0 (the other SKUs of a stocktake count sheet, left blank) brought nothing to return or post
        if sku not in on_po and q:  # named by the code scanned (a barcode, a 货号), on the line it was first scanned
            code = min((c for c in counted.codes if by_code.get(c) == sku), key=lambda c: counted.lines.get(c, 0))
            wrong.append(WrongItem(code, sku, q, counted.lines.get(code, 0), sku in cancelled))
    wrong.sort(key=lambda w: (w.line, w.code))
    _owed_elsewhere(wrong, po_no, names, others, movements)
    # the note's 单价 of a line of the PO that is not the PO's: the payment proposed is the PO's (before: said nowhere,
    # ¥1,507.00 proposed, and booked with --pay, for a note billing ¥1,527.00)
    po_cost = {ln.sku: cost_of(ln) for ln in live}
    prices = sorted((n, sku, p, po_cost[sku]) for c, (n, p) in counted.prices.items()
                    if (sku := sku_of_code(by_code, c)) in po_cost
                    and p != po_cost[sku])
    if not new_delivery and days:
        # nothing to post; what is owed still stands, so a second run with --pay can book it
        owed = sum((cost_of(ln) * min(before[ln.sku], ln.qty) for ln in live), owed_cancelled)
        # `close` is still done: the supplier sends no more, whichever count says so
        cells = {ln.row: {"status": PoStatus.RECEIVED, "received": before[ln.sku]} for ln in live
                 if close and ln.row is not None and ln.status is not PoStatus.RECEIVED}
        # posted on another day, its SKUs still owed: perhaps a second box alike (said, never posted unasked)
        again = [] if close or today in days else _owed_again(live, got, before)
        # (what it refused then it refuses still: said again, the goods still to return or post by hand)
        return Receipt(po_no, supplier, [], wrong, refused, [], bool(cells), already_posted=True,
                       posted_on=sorted(days), owed=owed, cells=cells, prices=prices, owed_again=again)
    problems = refused
    lines, moves, cells = [], [], {}
    for ln in live:
        cost = cost_of(ln)
        said, done = got.get(ln.sku, 0), earlier[ln.sku]
        if ln.sku in got and said < done:  # a recount that finds fewer: what is on the shelf is the stocktake's to say
            problems.append((None, f"{ln.sku} 这次点了 {said} 件，同一批货今天已入库 {done} 件：没有冲回，请核对后用盘点更正",
                             f"{ln.sku}: counted {said}, but this delivery already posted {done} today: nothing is "
                             "taken back; check, then correct it with a stocktake"))
        now = max(said - done, 0)
        x = ReceiptLine(ln.sku, by_sku[ln.sku].name if ln.sku in by_sku else "", ln.qty, before[ln.sku], now, cost,
                        PoStatus.ORDERED, earlier=min(said, done),
                        unread=sorted(n for c, ns in counted.unread.items() if by_code.get(c) == ln.sku for n in ns),
                        # by an earlier delivery: this one's own first count may have completed it
                        was_received=before[ln.sku] - done >= ln.qty or (ln.status is PoStatus.RECEIVED and not done))
        x.status = (PoStatus.RECEIVED if x.after >= x.ordered else PoStatus.PARTLY if x.after > 0
                    else PoStatus.ORDERED if ln.status is PoStatus.DRAFT else ln.status)
        lines.append(x)
        if now:
            moves.append(Movement.from_cells({"date": today, "sku": ln.sku, "type": MovementType.IN, "qty": now,
                                              "ref": po_no, "note": note}))
    closed = close or all(x.status is PoStatus.RECEIVED for x in lines)
    for ln, x in zip(live, lines):
        if closed:
            x.status = PoStatus.RECEIVED
        if ln.row is not None and (x.status, x.after) != (ln.status, ln.received or 0):  # no rewrite for nothing
            cells[ln.row] = {"status": x.status, "received": x.after}
    owed = sum((x.unit_cost * min(x.after, x.ordered) for x in lines), owed_cancelled)
    if not close:  # (closed by --close: nothing is owed any more, nor sent again)
        _same_style_owed(wrong, lines, by_sku)
    r = Receipt(po_no, supplier, lines, wrong, problems, moves, closed,
                owed=owed, cells=cells, same_delivery=same_day, day=today, prices=prices,
                typed_same_day=sorted(r for r in typed if r is not None))
    return r


def _owed_again(live: list[PurchaseLine], got: dict[str, int], before: Counter) -> list[tuple[str, int]]:
    """A count posted on another day that a second box of the same quantities could be: (SKU, units still owed) of
    each SKU it counts, where the PO's open lines still owe every one of them at least its count; else none (a PO
    closed, or a SKU of the count in already: --new-delivery would post those goods twice)."""
    from ..stock.levels import OPEN_PO

    owed: Counter = Counter()
    for ln in live:
        if ln.status in OPEN_PO:
            owed[ln.sku] += ln.qty
    counted = {sku: q for sku, q in got.items() if q > 0 and sku in {ln.sku for ln in live}}
    left = {sku: owed[sku] - before[sku] for sku in counted}
    return [(sku, n) for sku, n in sorted(left.items())] if counted and all(
        left[sku] >= q for sku, q in counted.items()) else []


def _owed_elsewhere(wrong: list[WrongItem], po_no: str, names: set[str], others: Iterable[PurchaseLine],
                    movements: list[Movement]) -> None:
    """Each wrong item of a product not on the PO: the supplier's (`names`) other open POs still owing it
    (WrongItem.elsewhere), each by what its 入库 bearing its number have not yet brought."""
    from ..stock.levels import OPEN_PO, received_on_po

    skus = {w.sku for w in wrong if w.sku and not w.cancelled}
    lines = [ln for ln in others if ln.sku in skus and ln.po_no != po_no and ln.status is not PoStatus.CANCELLED
             and ln.supplier in names] if skus else []
    if not lines:
        return
    got = received_on_po(movements)  # (by the PO number as compared: an 入库 typed cg… by hand is that PO's)
    for w in wrong:
        if w.sku in skus:
            mine = [(ln, got[(po_key(ln.po_no), ln.sku)]) for ln in lines if ln.sku == w.sku]
            w.elsewhere = [(ln.po_no, n) for ln, g in mine if ln.status in OPEN_PO and (n := ln.qty - g) > 0]
            # (only a PO that took as many as counted here: the same box counted again; an older PO's lot of it
            # is no word on these, still to return or add)
            w.posted_elsewhere = [] if w.elsewhere else list(dict.fromkeys(
                (ln.po_no, g) for ln, g in mine if g == w.qty))


def _same_style_owed(wrong: list[WrongItem], lines: list[ReceiptLine], by_sku: dict[str, Product]) -> None:
    """Each wrong item of a product not on the PO: the PO's lines of its 款号 still owed after this delivery, and
    whether the two differ in size or colour (WrongItem.instead)."""
    code_key = V.code_key
    for w in wrong:  # (one owed on another of the supplier's POs is that PO's, no size sent wrong)
        p = by_sku.get(w.sku) if w.sku and not w.cancelled and not w.elsewhere and not w.posted_elsewhere else None
        if p is None or not p.style:
            continue
        for x in lines:
            q = by_sku.get(x.sku)
            if q is None or q.sku == p.sku or not q.style or code_key(q.style) != code_key(p.style):
                continue
            if (owed := x.ordered - x.after) > 0:
                same_colour, same_size = code_key(q.colour) == code_key(p.colour), code_key(q.size) == code_key(p.size)
                what = (("尺码", "size") if same_colour and not same_size else
                        ("颜色", "colour") if same_size and not same_colour else ("颜色或尺码", "colour or size"))
                w.instead.append((x.sku, owed, *what))


def propose_payment(r: Receipt, entries: list[Entry], category: str, account: str, today: dt.date,
                    lang: str = "zh") -> None:
    """The supplier payment the receipt calls for: what is owed for goods received (up to
    the ordered quantity: an over-delivery is not owed unless agreed) less what the ledger
    already has against this PO (流水 lines 支出 with the PO number in 订单编号)."""
    # the PO number as a person types it in 流水 (cg20261128-1, a space copied with it): before, a deposit so typed
    # was not counted, and --pay paid it again
    po = po_key(r.po_no)
    r.booked = sum((e.amount for e in entries if e.order_no and po_key(e.order_no) == po
                    and e.direction is Direction.OUT), Decimal(0))
    rest = r.owed - r.booked
    if rest > 0:
        r.payment = Entry.from_cells({
            "date": today, "direction": Direction.OUT, "category": category, "amount": rest, "account": account,
            "order_no": r.po_no, "counterparty": r.supplier,
            "note": f"采购单 {r.po_no} 到货货款" if lang == "zh" else f"PO {r.po_no}: goods received"})


def po_as_on_sheet(typed: str, numbers: set[str]) -> str:
    """The 采购 sheet's PO number for one typed on the command line, a button's box or a box's
    heading: copied from a chat or a paper PO it comes with spaces (" CG20261122-01", "CG
    20261122-01"), in lower case or from a full-width input method; the movements must carry the
    sheet's own. As typed when it is no one PO's."""
    if typed in numbers:
        return typed
    same = [n for n in numbers if po_key(n) == po_key(typed)]
    return same[0] if len(same) == 1 else typed


def po_named(counted: Counted, po_numbers: set[str]) -> str | None:
    """The PO a count names in a heading (a box's first line, a sheet's title), if one (written
    as the warehouse writes it: cg20261122-01, ＣＧ…)."""
    for h in counted.headings:
        for word in h.replace("：", " ").replace(":", " ").split():
            word = po_as_on_sheet(word, po_numbers)
            if word in po_numbers:
                return word
    # typed with a space inside it (CG 20261122-01, as a chat or a paper PO breaks it): before, no PO named, the
    # button said the file named none and a note of another PO was posted on the one given
    keys = {po_key(n): n for n in po_numbers}
    for h in counted.headings:
        flat = po_key(h)
        hits = [(m.start(), n) for k, n in keys.items()
                if (m := re.search(rf"(?<![A-Z0-9]){re.escape(k)}(?![A-Z0-9])", flat))]
        if hits:
            return min(hits)[1]
    return None
