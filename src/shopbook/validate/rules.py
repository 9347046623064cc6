"""The shop's rules over typed records: pure functions from records to issues.

Each check takes the records it needs and returns located issues (sheet, row,
field); it never reads a file. `check_all` runs every check over whatever sheets
a shop has.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal
from itertools import chain, compress, repeat
from operator import and_, attrgetter, is_, itemgetter, lt, ne

from ..agents.prices import order_day
from ..agents.settlement import (case_orders, no_agent_named, not_agent_sourced, payments_ahead, payments_negative,
                                 payments_twice, read_as_agents, stray_returns)
from ..config import IMPLAUSIBLE_QTY
from ..issues import Issue, at, few, row_beside
from ..schema import (Account, AfterSalesCase, Agent, AgentPrice, BalanceCheck, Category, DailyKpi, Entry, Movement,
                      MovementType, OrderLine, OrderSource, OrderStatus, Payment, Product, Promotion, PromotionKind, Rebate, ReviewRule, SheetModel,
                      StaffMember, StocktakeCount, SkuMap, Supply, Target, Tier, WaitlistEntry, WORKBOOKS)
from ..schema import PurchaseLine, Supplier
from ..orders.picking import check_gifts, read_gifts
from ..staff.pay import rule_issues
from ..schema.lists import did_you_mean, key as key_of
from ..stock.levels import OPEN_PO, SIGN, on_hand, po_key, received_on_po
from ..stock.report import check_supplies, waiting
from ..stock.stocktake import is_count_mark
from ..values import by_barcode, by_code_key, code_key, to_fen

# what to do about a reference to nothing, shared by every check that finds one
FIX_SKU = ("请先在 stock.xlsx 的“商品”表中添加它，或改正编码。", "Add it to the Products sheet of stock.xlsx first, or correct the code.")
FIX_TIER = ("请在“等级”表中添加它。", "Add it to the Tiers sheet.")
FIX_AGENT = ("请在“代理商”表中添加它。", "Add it to the Agents sheet.")
# "did you mean": searched among at most this many keys, for this many different wrong values
NEAR_LIMIT, NEAR_VALUES = 5_000, 50
TOLERANCE = Decimal("0.005")  # derived KPI figures may differ from the computed ones by 0.5 %

# workbooks none of whose sheets any rule below reads together with another workbook's: each
# can be checked by itself with the same issues (validate reads a big one in a second process).
# A rule that joins one of these to another workbook must take it out of this set.
SELF_CONTAINED = frozenset({"ledger.xlsx"})

Rows = Callable[[type[SheetModel]], list]
REMOTE_NAMES = {key_of(w) for w in ("偏远地区", "remote area", "remote")}  # the rule whose parameter is provinces
Keys = Callable[[type[SheetModel], str], set]  # a column's values, of rows that could not be read too


def _same_word(col, v):
    """A value as a key of what it says: a word of a fixed list as the word it stands for (其他, 其它
    and other are one fallback province), any other text without its letter case."""
    if not isinstance(v, str):
        return v
    if col.same_as:
        return (col.same_as(v) or v).lower()
    if col.one_of:
        from ..schema.lists import key, words

        shown = words(col.one_of).get(key(v))
        if shown is not None:
            return shown[0]
    return v.lower()


def check_unique(records: list, model: type[SheetModel]) -> list[Issue]:
    """A value on two rows of a column declared unique, and the same pair of a unique_together.
    Both compare what a cell says (_same_word): a word of a fixed list and its other-language
    word (偏远地区, remote area) are one value, so which row counts is never a guess."""
    out = []
    for col in model.columns():
        if not col.col.unique:
            continue
        first: dict = {}
        for r in records:
            v = getattr(r, col.name, None)
            if v is None:
                continue
            key = _same_word(col.col, v)
            if key in first:
                seen, was = first[key]
                row = row_beside(seen, r)  # (第 4 行; of a kind kept a sheet a year, the other sheet's said as such)
                # the first row spelt it otherwise (偏远地区 for remote area): say so, or "row 2 has it" puzzles
                as_zh, as_en = (f"（写作“{was}”，是同一个{col.col.zh}）", f" (as '{was}', the same {col.col.en})") \
                    if isinstance(v, str) and col.col.one_of and was != v else ("", "")
                out.append(at(r, col.name, "error",
                              f"重复的{col.col.zh}“{v}”，{row[0]}已有{as_zh}。每个{col.col.zh}只能出现一次："
                              "保留一行，改正或删除另一行。",
                              f"Duplicate {col.col.en} '{v}': {row[1]} has it already{as_en}. Each must be unique: "
                              "keep one row, and correct or delete the other."))
            else:
                first[key] = (r, v)
    cols = {c.name: c.col for c in model.columns()}
    for names in model.unique_together:  # the same pair twice: which one counts would be a guess
        seen: dict = {}
        for r in records:
            vals = [getattr(r, n, None) for n in names]
            if any(v is None and n not in model.blank_is_a_value for n, v in zip(names, vals)):
                continue
            key = tuple(v if v is None else _same_word(cols[n], v) for n, v in zip(names, vals))
            if key in seen:
                shown = "+".join(f"“{'空' if v is None else v}”" for v in vals)
                shown_en = " + ".join("blank" if v is None else repr(str(v)) for v in vals)
                where = next(n for n, v in reversed(list(zip(names, vals))) if v is not None)  # not a blank cell
                # a column whose blank is a value tells rows apart (a 代理价 from a date on): say so
                dated = [cols[n] for n in names if n in model.blank_is_a_value][:1]
                zh = "".join(f"，除非新的一行填上{c.zh}（从那天起改用）" for c in dated)
                en = "".join(f", unless the new row has a date in its '{c.en}' column (a change from that day on)"
                             for c in dated)
                out.append(at(r, where, "error",
                              f"{'+'.join(cols[n].zh for n in names)} {shown} 在{row_beside(seen[key], r)[0]}已有，只能有一行{zh}。",
                              f"{' + '.join(cols[n].en for n in names)} {shown_en} "
                              f"is on {row_beside(seen[key], r)[1]} already: one row each{en}."))
            else:
                seen[key] = r
    return out


def check_order_lines_unique(lines: list[OrderLine]) -> list[Issue]:
    lines = list(lines)
    # the common case settled at C speed (a year's 119,000 lines: 0.07 s walked one by one): no
    # order with a SKU twice, none naming two platforms; else the walk says where
    nos = list(map(attrgetter("order_no"), lines))
    if len(set(zip(nos, map(attrgetter("sku"), lines), map(attrgetter("platform_code"), lines)))) == len(lines):
        named = set(filter(itemgetter(1), zip(nos, map(attrgetter("platform"), lines))))
        heads = set(zip(nos, *(map(attrgetter(f), lines) for f in ORDER_HEAD)))
        if len(named) == len(set(map(itemgetter(0), named))) and len(heads) == len(set(nos)):
            return []
    return _order_lines_unique_walked(lines)


# what the platforms repeat on each line of an order: one order, one buyer and one parcel's receiver
# (the review, the waybill and the customers' figures take its first line's)
ORDER_HEAD = ("buyer", "receiver", "phone", "address")


def _order_lines_unique_walked(lines: list[OrderLine]) -> list[Issue]:
    """check_order_lines_unique's issues, each line looked at in turn."""
    first: dict[tuple[str, str, str | None], int | None] = {}
    platform_of: dict[str, OrderLine] = {}  # one number is one order: its rows name one platform
    out = []
    for ln in lines:
        seen = platform_of.setdefault(ln.order_no, ln)
        for f in ORDER_HEAD:  # (a blank line of it says nothing other)
            mine, theirs = getattr(ln, f), getattr(seen, f)
            if mine and theirs and mine != theirs:
                head = OrderLine.column(f).col.zh
                out.append(at(ln, f, "warning",
                              f"订单 {ln.order_no} 的{head}在第 {seen.row} 行是“{theirs}”，这一行是“{mine}”：一个订单的行应当"
                              "一样。审单、面单和客户统计都用第一行的，请改成一样的。",
                              f"Order {ln.order_no}'s {OrderLine.column(f).col.en} is '{theirs}' on row {seen.row} "
                              f"but '{mine}' here: the lines of one order should agree. The review, the waybill and the "
                              "customer figures take the first line's: make them the same."))
        if ln.platform and seen.platform and ln.platform is not seen.platform:
            out.append(at(ln, "platform", "error",
                          f"订单 {ln.order_no} 在第 {seen.row} 行是{seen.platform.value}订单，这一行却是{ln.platform.value}："
                          "同一个编号只能是一个订单。",
                          f"Order {ln.order_no} is a {seen.platform.en} order on row {seen.row} but {ln.platform.en} "
                          "here: one number is one order."))
        # a SKU on two rows from different platform codes (bought alone, and in a bundle) is two
        # lines the import made, not one imported twice: they cannot be merged
        key = (ln.order_no, ln.sku, ln.platform_code)
        if key in first:
            out.append(at(ln, "sku", "error",
                          f"订单 {ln.order_no} 的商品 {ln.sku} 在第 {first[key]} 行已有：是否重复导入？请合并为一行。",
                          f"Order {ln.order_no} already has SKU {ln.sku} on row {first[key]}: imported twice? "
                          "Merge them into one line."))
        else:
            first[key] = ln.row
    return out


def _not_none(v) -> bool:
    return v is not None


def check_references(records: Iterable, name: str, known: set, what_zh: str, what_en: str,
                     fix_zh: str, fix_en: str, barcodes: dict | None = None,
                     mapped: dict | None = None, named: dict | None = None,
                     supplier_codes: dict | None = None) -> list[Issue]:
    """References to nothing. `known` holds the keys of rows that could not be read as well
    (WorkbookData.keys): a product with a typo in its price is one error, not one per movement.
    `barcodes` (barcode → SKU): a barcode scanned where the SKU goes names its SKU (sku_of_barcode).
    `mapped` (a platform code → its [(SKU, qty)], skus_of_map): a 商品映射 code typed where our SKU
    goes names what it stands for (a bundle: the lines to type), not "add it to 商品". `named` (a name, as
    values.code_key reads it → its key, agent_of_name): a name typed where the key goes names the key.
    `supplier_codes` (a 供应商货号, as values.code_key reads it → its one SKU, sku_of_supplier_code): the code on the
    supplier's delivery note typed where the SKU goes names that SKU (before: "did you mean" another product's SKU
    alike in its letters, which typed in would move the stock of the wrong product)."""
    out = []
    records = list(records)
    try:
        values = set(map(attrgetter(name), records))
        values.discard(None)
        if values <= known:  # the common case, settled at C speed: every value known
            return out
    except AttributeError:  # a record without the field: each looked at below
        pass
    near: dict = {}
    listed: list[str] = []
    alike: dict | None = None  # a known key as code_key reads it → that key, once a value is missing
    for r in records:
        v = getattr(r, name, None)
        if v is not None and v not in known:
            if alike is None:
                alike = by_code_key(map(str, known))
            same = alike.get(code_key(str(v)))
            if same is not None and same != str(v):  # 支付宝 with a zero-width space copied in looks like 支付宝
                out.append(at(r, name, "error", f"{what_zh}“{v}”和“{same}”只差空格、全角半角、大小写或看不见的字符（从网页等处"
                                                f"复制来的），shopbook 不把它们当作同一个：请改成“{same}”。",
                              f"{what_en} '{v}' differs from '{same}' only in spaces, full or half width, letter case "
                              "or characters that cannot be seen (copied in from a web page or the like), and shopbook "
                              f"does not take them for one: make it '{same}'."))
                continue
            if v not in near:  # the nearest known keys, once per value, for the first few values:
                # each search goes through the whole list
                if len(known) <= NEAR_LIMIT and len(near) < NEAR_VALUES:
                    listed = listed or sorted(map(str, known))
                    near[v] = did_you_mean(str(v), listed, 0.6)  # 铜牌 is no typo of 金牌
                else:
                    near[v] = ("", "")
            key = (named or {}).get(code_key(str(v)))
            if key is not None:  # the agent's name where its id goes: adding it would make a second agent
                key, of_zh, of_en = key if isinstance(key, tuple) else (key, "名称", "name")
                out.append(at(r, name, "error", f"{what_zh}“{v}”是 {key} 的{of_zh}，不是编号：请改填 {key}。",
                              f"{what_en} '{v}' is the {of_en} of {key}, not its id: type {key} instead."))
                continue
            sku = (barcodes or {}).get(v)
            if sku is not None:  # scanned, not typed: adding it to 商品 would make a second product
                out.append(at(r, name, "error", f"{what_zh}“{v}”是 {sku} 的条码：请改填 {sku}。",
                              f"{what_en} '{v}' is the barcode of {sku}: type {sku} instead."))
                continue
            sku = (supplier_codes or {}).get(code_key(str(v)))
            if sku is not None:  # copied from the supplier's delivery note
                out.append(at(r, name, "error", f"{what_zh}“{v}”是 {sku} 的供应商货号，不是商家编码：请改填 {sku}。",
                              f"{what_en} '{v}' is the supplier code of {sku}, not a SKU: type {sku} instead."))
                continue
            parts = (mapped or {}).get(v)
            if parts:  # the platform's code (a bundle's): our stock knows its parts, never it
                zh = "、".join(f"{k} × {q}" for k, q in parts)
                en = ", ".join(f"{q} × {k}" for k, q in parts)
                do_zh, do_en = ((f"请改填 {parts[0][0]}。", f"Type {parts[0][0]} instead.") if len(parts) == 1 and
                                parts[0][1] == 1 else (f"请拆成这几行：{zh}（数量按件数乘上）。",
                                                       f"Type it as these lines instead: {en} (times its quantity)."))
                out.append(at(r, name, "error", f"{what_zh}“{v}”是“商品映射”表里的平台编码（= {zh}），不是我们的商家编码。{do_zh}",
                              f"{what_en} '{v}' is a platform code on the SKU map (= {en}), not one of our SKUs. {do_en}"))
                continue
            near_zh, near_en = near[v]
            out.append(at(r, name, "error", f"{what_zh}“{v}”不存在。{near_zh}{fix_zh}",
                          f"{what_en} '{v}' does not exist. {near_en + ' ' if near_en else ''}{fix_en}"))
    return out


_BRACKETED = re.compile(r"\s*[（(【\[][^（()）【】\[\]]*[）)】\]]\s*$")  # a name's (杭州) at its end


def agent_of_name(agents: Iterable) -> dict[str, str | tuple[str, str, str]]:
    """An agent's 名称 (values.code_key) → its 代理编号, for check_references: a name typed for the id; and its
    联系人 → (id, 联系人, contact), one agent's alone and no agent's name (a payment typed with who sent it)."""
    agents = [a for a in agents if a.agent_id]
    out: dict = {}
    for a in agents:
        if getattr(a, "contact", None):
            out[k] = None if (k := code_key(a.contact)) in out else (a.agent_id, "联系人", "contact person")
    # a 名称 with its place in brackets, 张三（杭州）, typed short, 张三 (one agent's alone): "add 张三 to
    # 代理商" would make a second agent of the first's orders and payments
    for a in agents:
        if a.name and (k := code_key(_BRACKETED.sub("", a.name))) and k != code_key(a.name):
            if k not in out:
                out[k] = (a.agent_id, f"名称（{a.name}）", f"name ({a.name})")
            elif out[k] is not None and out[k][0] != a.agent_id:  # (its own 联系人 besides: that one says it)
                out[k] = None
    out = {k: v for k, v in out.items() if v is not None}
    return out | {code_key(a.name): a.agent_id for a in agents if a.name}


def skus_of_map(rows: Iterable) -> dict[str, list[tuple[str, int]]]:
    """A 商品映射 code → the SKUs and quantities it stands for (every platform's rows of it), for check_references."""
    out: dict[str, list[tuple[str, int]]] = {}
    for m in rows:
        if m.code and m.sku and (m.sku, m.qty) not in out.setdefault(m.code, []):
            out[m.code].append((m.sku, m.qty))
    return out


def sku_of_barcode(products: Iterable) -> dict[str, str]:
    """Barcode → SKU, for check_references: each form of each barcode (values.by_barcode)."""
    return {code: p.sku for code, p in by_barcode(products).items()}


def sku_of_supplier_code(products: Iterable) -> dict[str, str]:
    """供应商货号 (values.code_key) → SKU, for check_references: a code of one SKU alone (a 货号 a style's SKUs share,
    or two suppliers use, names none of them)."""
    skus: dict[str, set[str]] = {}
    for p in products:
        if code := getattr(p, "supplier_code", None):
            skus.setdefault(code_key(code), set()).add(p.sku)
    return {k: next(iter(v)) for k, v in skus.items() if len(v) == 1}


def check_products(products: list[Product]) -> list[Issue]:
    out = []
    for p in products:
        if p.cost < 0 or p.price < 0:
            out.append(at(p, "cost" if p.cost < 0 else "price", "error",
                          "价格不能是负数。", "A price cannot be negative."))
        elif p.price < p.cost:  # a warning: a gift (赠品) or a clearance item sells below cost on purpose
            out.append(at(p, "price", "warning",
                          f"售价 {p.price} 低于成本价 {p.cost}。请核对两个价格（赠品、清仓可不理）。",
                          f"The price {p.price} is below the cost {p.cost}. Check both prices (a gift or a "
                          "clearance item may be)."))
        for name in ("safety_stock", "opening_qty", "lead_days"):
            v = getattr(p, name, None)
            if v is not None and v < 0:
                out.append(at(p, name, "error", "不能是负数。", "Cannot be negative."))
    return out


def check_movements(movements: list[Movement]) -> list[Issue]:
    out = []
    for m in movements:
        if m.type is MovementType.ADJUST:
            if m.qty == 0 and not is_count_mark(m):  # (a posted count that matched: its mark)
                out.append(at(m, "qty", "warning", "调整数量为 0，这一行没有作用。", "An adjustment of 0 does nothing."))
            elif m.qty and not m.note and not m.ref:
                # units gone or found with no word of why (盘亏, 报损, 退供应商…): the one movement nobody can trace
                # later (before: taken silently; a stocktake's posting, a case's, carry their 单号 and 备注)
                n = f"+{m.qty}" if m.qty > 0 else str(m.qty)
                out.append(at(m, "note", "warning",
                              f"调整 {n} 件没有写原因：请在“备注”写上为什么（如 盘亏、报损、退供应商、盘点更正），"
                              "或在“单号”填相关的单据号，以后对账才查得到。",
                              f"An adjustment of {n} with no reason: write why in its note (e.g. stocktake loss, "
                              "damaged, returned to supplier, count correction), or the document it belongs to in its "
                              "ref, so it can be traced later.", None))
        elif m.qty <= 0:
            # which way the goods went is the 类型's to say, the 数量 is the units: a minus typed there reads either
            # way, so both are said (before: "must be positive", and a return typed 出库 -1 made 出库 1, a sale)
            n = -m.qty if m.qty < 0 else "件数"
            n_en = -m.qty if m.qty < 0 else "the units"
            way = {MovementType.OUT: (f"退回来的货，类型改为“退货”、数量填 {n}；确实是发出去的，数量填 {n}",
                                      f"goods that came back: make the type 'return' and the quantity {n_en}; goods "
                                      f"that went out: the quantity {n_en}"),
                   MovementType.IN: (f"退给供应商的货，类型改为“调整”、数量填 -{n}、备注写 退供应商；确实是到货，数量填 {n}",
                                     f"goods sent back to the supplier: make the type 'adjust', the quantity -{n_en} "
                                     f"and the note 'returned to supplier'; goods received: the quantity {n_en}"),
                   # (and the one a 退货 typed minus most often is: goods sent back to the supplier, an 调整, never a 退货)
                   MovementType.RETURN: (f"客户退回来的货，数量填 {n}（退回的件数）；退给供应商的货，类型改为“调整”、数量填 -{n}、"
                                         f"备注写 退供应商；是发给客户的货，类型改为“出库”、数量填 {n}",
                                         f"goods a customer sent back: the quantity {n_en} (the units back); goods sent "
                                         f"back to the supplier: make the type 'adjust', the quantity -{n_en} and the "
                                         f"note 'returned to supplier'; goods sent to a customer: make the type 'out' "
                                         f"and the quantity {n_en}")}[m.type] \
                if m.qty < 0 else ("数量 0 这一行没有作用：请填件数，或删掉这一行", "a quantity of 0 does nothing: type "
                                   "the units, or delete the row")
            out.append(at(m, "qty", "error",
                          f"{m.type.value}数量必须是正数（只有“调整”可以为负）：{way[0]}。",
                          f"The quantity of a movement '{m.type.en}' must be positive (only 'adjust' may be negative): "
                          f"{way[1]}."))
    return out


def check_negative_stock(products: list[Product], movements: list[Movement], unread: list[Movement] = ()
                         ) -> list[Issue]:
    """A warning for each product whose book stock is below zero after all its movements (no shelf
    holds −360: an adjustment typed −400 for −4, a stock-in never entered), at the movement from
    which it stays below zero (in date order), where it is to be looked for. Not of a SKU with an
    `unread` movement (a 入库 whose 数量 is typed 十): its book stock is not known, and that row's
    error is the one to put right, not a stock-in to enter."""
    end = on_hand(products, movements)
    unsure = {m.sku for m in unread if m.sku}
    below = {p.sku for p in products if end[p.sku] < 0 and p.sku not in unsure}
    if not below:  # (one plain pass: the date-ordered walk only for the SKUs that end below zero)
        return []
    have = {p.sku: p.opening_qty or 0 for p in products if p.sku in below}
    went: dict[str, Movement] = {}
    for m in sorted((m for m in movements if m.sku in have), key=lambda m: (m.date, m.row or 0)):
        q = have[m.sku]
        have[m.sku] = q + SIGN[m.type] * m.qty
        if q >= 0 > have[m.sku]:
            went[m.sku] = m
    return [at(m, "qty", "warning",
               f"{m.sku} 的账面库存是 {have[m.sku]}（负数），从这一行（{m.type.value} {m.qty}）起变成负数：请核对数量和类型"
               "（调整的正负号、多打的 0），或补记漏掉的入库；账面确实不对的，盘点一次更正。",
               f"{m.sku}'s book stock is {have[m.sku]} (below zero) from this row on ({m.type.en} {m.qty}): check "
               "the quantity and type (an adjustment's sign, extra zeros), or enter the stock-in that was missed; "
               "where the book is wrong, correct it with a stocktake.")
            for sku, m in went.items() if have[sku] < 0]


SHIPPED_OR_DELIVERED = frozenset({OrderStatus.SHIPPED, OrderStatus.DELIVERED})


def check_shipped_not_posted(lines: list[OrderLine], movements: list[Movement], unread: list[Movement] = ()
                             ) -> list[Issue]:
    """A warning at the 状态 cell of each order 已发货 or 已签收 with no 出库 carrying its number, where
    the shop's 出库 carry order numbers (`ship` and the import post them so): 已发货 typed by hand posts
    nothing, and the stock stays overstated. Only orders paid since the first order whose 出库 carries
    its number (发货日期 where there is no 付款时间): orders of the days before the shop posted by order
    are not its to say. A shop whose 出库 never carry an order number gets none. An `unread` movement (a
    row with a cell that does not read, its one error the reader's) carrying the order number, of type
    出库 or one that did not read, is that order's: not said missing as well."""
    out_refs = {m.ref for m in movements if m.type is MovementType.OUT and m.ref}
    out_refs |= {m.ref for m in unread if m.ref and m.type in (MovementType.OUT, None)}
    if not out_refs:
        return []
    # the orders said, looked for first: most shops have none, and the day of every line (a year's 97k:
    # 0.15 s of validate and daily) is then never worked out
    unposted = [ln for ln in lines if ln.status in SHIPPED_OR_DELIVERED and ln.order_no not in out_refs]
    if not unposted:
        return []
    since = min((d for ln in lines if ln.order_no in out_refs and (d := order_day(ln)) is not None), default=None)
    if since is None:
        return []
    out, seen = [], set()
    for ln in unposted:
        if ln.order_no in seen:
            continue
        seen.add(ln.order_no)
        if (d := order_day(ln)) is None or d < since:
            continue
        out.append(at(ln, "status", "warning",
                      f"订单 {ln.order_no} 是“{ln.status.value}”，但“{Movement.zh}”表里没有单号为 {ln.order_no} 的出库："
                      "库存还算着它的货（在订单表里手工改成已发货不记出库）。请用 shopbook ship 扫描发货，或在"
                      f"“{Movement.zh}”表补记它的出库（单号填订单编号）。",
                      f"Order {ln.order_no} is '{ln.status.en}', but the {Movement.en} sheet has no stock-out with "
                      f"ref {ln.order_no}: stock still counts its goods (setting it shipped by hand in the orders "
                      f"sheet posts nothing). Ship it with shopbook ship (the scan check), or add its stock-out on "
                      f"the {Movement.en} sheet (ref: the order number)."))
    return out


def check_po_received(purchases: list[PurchaseLine], movements: list[Movement],
                      got: Counter | None = None, unread: list[Movement] = ()) -> list[Issue]:
    """A warning at each open PO line's 已收数量 that differs from the 入库 carrying its PO number in
    单号: what is on order is counted from those alone (stock.levels.on_order), so a stock-in typed
    with a blank 单号 beside a 已收数量 typed by hand stayed on order, and its SKU was ordered short.
    Not of a line an `unread` movement carrying its PO number may be of (its 数量 typed 十): that
    row's error is the one to put right."""
    unsure = {(m.ref, m.sku) for m in unread if m.ref}
    typed = [ln for ln in purchases if ln.received is not None and ln.status in OPEN_PO
             and (ln.po_no, ln.sku) not in unsure and (ln.po_no, None) not in unsure]
    if not typed:
        return []
    got = received_on_po(movements) if got is None else got  # (`got`: all of them, where the caller has it)
    return [at(ln, "received", "warning",
               f"已收数量 {ln.received}，但“{Movement.zh}”表里单号为 {ln.po_no} 的 {ln.sku} 入库共 {g} 件：在途按 "
               f"{max(ln.qty - g, 0)} 件算（未到数量只按带采购单号的入库算）。请在这批入库的“单号”填 {ln.po_no}，"
               "或改正已收数量。",
               f"received {ln.received}, but the stock-ins of {ln.sku} with ref {ln.po_no} on the {Movement.en} "
               f"sheet add up to {g}: {max(ln.qty - g, 0)} is counted on order (what is still to come is counted "
               f"from the stock-ins carrying the PO number only). Put {ln.po_no} in the ref of those stock-ins, or "
               "correct received.")
            for ln in typed if (g := got[(po_key(ln.po_no), ln.sku)]) != ln.received]


def check_po_refs(movements: list[Movement], purchases: list[PurchaseLine]) -> list[Issue]:
    """A warning at each 入库's 单号 that is a PO number written otherwise (cg20261120-01 for CG20261120-01): its units
    are counted received on that PO (levels.received_on_po compares po_key), and the number is to be typed as the 采购
    sheet has it, for a person or a filter looking for it."""
    pos = {ln.po_no for ln in purchases}
    if not pos:
        return []
    by_key: dict[str, set[str]] = defaultdict(set)
    for po in pos:
        by_key[po_key(po)].add(po)
    out = []
    for m in movements:
        if m.type is MovementType.IN and m.ref and m.ref not in pos and len(same := by_key.get(po_key(m.ref), ())) == 1:
            po = next(iter(same))
            out.append(at(m, "ref", "warning",
                          f"单号“{m.ref}”是采购单 {po} 吧：这 {m.qty} 件已算作这张采购单的到货；请写成和“{PurchaseLine.zh}”表"
                          f"一样的 {po}，按单号查找、筛选时才找得到。",
                          f"The ref '{m.ref}' is PO {po}, surely: these {m.qty} are counted as received on it; write it "
                          f"{po} as the {PurchaseLine.en} sheet does, so that looking or filtering by the number finds "
                          "them."))
    return out


def check_returns_to_supplier(movements: list[Movement], purchases: list[PurchaseLine]) -> list[Issue]:
    """A warning at each 退货 or 出库 whose 单号 is a PO number: 退货 is a customer's return and adds to the stock,
    while goods sent back to the supplier leave it, so 3 faulty units returned to the factory typed 退货 3
    against the PO put the book 6 above the shelf. They leave as 调整 −3: an 出库 counts as a sale (the
    reorder's sales rate, the last sale)."""
    pos = {ln.po_no for ln in purchases}
    if not pos:
        return []
    return [at(m, "type", "warning",
               f"退货单号 {m.ref} 是采购单号：“退货”是客户退回，会增加库存；退给供应商的货请记“调整”，数量填 -{m.qty}"
               f"（单号照填 {m.ref}；记“出库”会算成卖出）。确实是客户退货的，请把单号改成订单编号。",
               f"The return's ref {m.ref} is a PO number: a 'return' is a customer's, and adds to the stock; goods "
               f"sent back to the supplier are an 'adjust' of -{m.qty} (ref {m.ref} as it is; an 'out' would count "
               "as sold). If a customer did return them, put the order number in the ref.")
            for m in movements if m.type is MovementType.RETURN and m.ref in pos] + [
        # goods sent back typed 出库 against the PO: the book is right, but they are sold units to the reorder
        # (its sales rate: more ordered of what went back faulty) and the slow movers (a last sale)
        at(m, "type", "warning",
           f"出库单号 {m.ref} 是采购单号：“出库”算成卖出（补货按销量算）；退给供应商的货请记“调整”，数量填 -{m.qty}"
           f"（单号照填 {m.ref}）。确实是卖出的，请把单号改成订单编号。",
           f"The stock-out's ref {m.ref} is a PO number: an 'out' counts as sold (the reorder goes by sales); goods "
           f"sent back to the supplier are an 'adjust' of -{m.qty} (ref {m.ref} as it is). If they were sold, put "
           "the order number in the ref.")
        for m in movements if m.type is MovementType.OUT and m.ref in pos]


# the quantity columns a slip of extra zeros would turn into stock no shop holds
QTY_COLUMNS = ((OrderLine, "qty"), (Movement, "qty"), (StocktakeCount, "counted"), (PurchaseLine, "qty"),
               (Product, "opening_qty"))


def check_implausible(records: list, name: str, limit: int) -> list[Issue]:
    """A warning at each quantity of `limit` units or more (either sign: an adjustment may be
    negative): the column's largest is found at C speed, and rows are looked at only when it
    is that large, so a sheet of 100k plain rows costs one pass."""
    if max(map(abs, filter(None, map(attrgetter(name), records))), default=0) < limit:
        return []
    return [at(r, name, "warning",
               f"数量 {v:,} 大得不像真的（{limit:,} 件以上）：是不是多打了 0，或把单号、条码填进了这一格？请核对；"
               f"确实是这么多就不用理会（上限是 shopbook.toml 的 [stock] implausible_qty）。",
               f"The quantity {v:,} is implausibly large ({limit:,} or more): extra zeros, or an order no. or "
               "barcode in this cell? Check it; if it is right, leave it (the limit is [stock] implausible_qty in "
               "shopbook.toml).")
            for r in records if (v := getattr(r, name)) is not None and abs(v) >= limit]


def check_counts(counts: list[StocktakeCount]) -> list[Issue]:
    # a negative count is most often the difference typed (盘亏 3 as −3): the posting works that out
    return [at(c, "counted", "error", "实盘数量不能是负数：请填货架上数到的件数（一件也没有填 0），不是盘亏数，盘盈盘亏过账时会算出来。",
               "A counted quantity cannot be negative: type the units counted on the shelf (0 for none), not the "
               "difference: posting works out the gain or loss.")
            for c in counts if c.counted < 0]


def check_waitlist(entries: list[WaitlistEntry]) -> list[Issue]:
    # style + size is what customer service notes (款号、码数); the colour only where the style has several, the
    # size only where it has several (a one-size bag or hat: its 款号 alone; stock.report.waiting says which to fill)
    return [at(e, "sku", "error", "请填商家编码，或者 款号+尺码（这款有几个颜色时再填颜色；均码的款只填款号也行）。",
               "Give the SKU, or the style + size (and the colour where the style comes in several; a one-size "
               "style: its style alone will do).")
            for e in entries if not e.sku and not e.style]


def check_order_lines(lines: list[OrderLine]) -> list[Issue]:
    lines = list(lines)
    if not lines or (min(map(attrgetter("qty"), lines)) > 0 and all(
            min(filter(_not_none, map(attrgetter(name), lines)), default=0) >= 0
            for name in ("unit_price", "shipping_fee"))):
        return []  # (settled at C speed; else each line is looked at)
    return _order_lines_walked(lines)


def _order_lines_walked(lines: list[OrderLine]) -> list[Issue]:
    """check_order_lines's issues, each line looked at in turn."""
    out = []
    for ln in lines:
        if ln.qty <= 0:
            out.append(at(ln, "qty", "error", "数量必须是正整数。", "The quantity must be a positive whole number."))
        for name in ("unit_price", "shipping_fee"):
            v = getattr(ln, name, None)
            if v is not None and v < 0:
                out.append(at(ln, name, "error", "金额不能是负数。", "An amount cannot be negative."))
    return out


ZERO = Decimal(0)
SHOP_FLOOR = Decimal("0.7")  # 不低于 7 折: the lowest share of its list price a shop's own line sells at
CENT = Decimal("0.01")  # the least price a platform lists an item at: a gift for the buyer to add to the cart


def check_floor_prices(lines: list[OrderLine], products: list[Product], promotions: list[Promotion],
                       today: dt.date | None = None) -> list[Issue]:
    """A warning at each 单价 of the shop's own lines below 7 折 of its 售价 outside the days of the
    platform's big events the 促销 sheet declares (类型 大促). Not an agent's line (its 单价 is the
    agent price), nor one at 0 (a gift, a make-good), nor one at 0.01 of a 促销 row's 赠品编码 (a gift
    listed at the platform's least price for the buyer to add); the 单价 is the item's price, before any coupon
    or 红包 (those are the platform's and the buyer's, not the shop's price). Lines of this month and
    last (and any without a day) alone: today's 售价 is no measure of a price of long ago, and a year of
    past events' orders, beyond changing, would bury the warnings of a listing left at 5 折 now."""
    floor = {p.sku: (p.price * SHOP_FLOOR).quantize(Decimal("0.01"), ROUND_CEILING) for p in products if p.price > 0}
    prices = list(map(attrgetter("unit_price"), lines))  # (settled at C speed: a blank or a 0 is no price)
    below = list(compress(compress(range(len(lines)), prices), map(
        lt, compress(prices, prices), compress(map(floor.get, map(attrgetter("sku"), lines), repeat(ZERO)), prices))))
    if not below:
        return []
    events = [p.days for p in promotions if p.days]
    gifts = {p.gift_sku for p in promotions if p.gift_sku}  # (a ¥0.01 gift listing: no price of the item's)
    listed = {p.sku: p.price for p in products if p.price > 0}  # (as `floor`: a SKU twice, its same row)
    first = (today or dt.date.today()).replace(day=1)
    since = (first - dt.timedelta(days=1)).replace(day=1)
    out = []
    for k in below:
        ln = lines[k]
        day = order_day(ln)
        if (ln.unit_price < ZERO  # (an error already: no 折 of it is a price to weigh)
                or ln.agent_id or ln.source is OrderSource.AGENT or (day and day < since)
                or (day and any(a <= day <= b for a, b in events)) or (ln.unit_price == CENT and ln.sku in gifts)):
            continue
        zhe = (ln.unit_price * 10 / listed[ln.sku]).quantize(Decimal("0.1"), ROUND_DOWN)
        on_zh, on_en = (f"{day} " if day else "", f" on {day}" if day else "")
        # a bundle's part: its 单价 is the bundle's price shared by list prices (orders.bundles.split_price)
        set_zh, set_en = ((f"（这一行由 {ln.platform_code} 拆出，单价是套装价格按售价比例分摊的：套装卖得低于各件售价合计的 7 折）",
                           (f" (this line is split from {ln.platform_code}: its price is the bundle's, shared by list "
                            "prices, so the bundle sells below 70 % of its parts' list prices)"))
                          if ln.platform_code else ("", ""))
        out.append(at(ln, "unit_price", "warning",
                      f"单价 {ln.unit_price:,.2f} 是售价 {listed[ln.sku]:,.2f} 的 {zhe} 折，低于 7 折（{floor[ln.sku]:,.2f}）{set_zh}："
                      f"{on_zh}不是大促日，平时售价不能低于 7 折。请核对单价；如果这天是平台大促（淘金币、双11、双12），"
                      f"在 orders.xlsx 的“{Promotion.zh}”表加一行类型“{PromotionKind.BIG_EVENT.value}”，填上它的开始和结束日期。",
                      f"The unit price {ln.unit_price:,.2f} is {zhe * 10:.0f} % of the list price {listed[ln.sku]:,.2f}, below "
                      f"the 70 % floor ({floor[ln.sku]:,.2f}){set_en}: no big event ran{on_en}, and outside one the price stays at "
                      "70 % of list or above. Check the price; if the platform's big event (Taobao Coins, Double 11, "
                      f"Double 12) ran that day, add a row of kind '{PromotionKind.BIG_EVENT.en}' with its start and "
                      f"end dates to the {Promotion.en} sheet of orders.xlsx."))
    return out


def check_orders_without_status(lines: list[OrderLine], unread: Iterable[OrderLine] = (),
                                said: Collection[int] = ()) -> list[Issue]:
    """One warning for the orders whose every line has 状态 blank (typed in by hand, the column left empty):
    no review, pick list or scan check takes such an order (only 待审核 is reviewed), and nothing said
    so. A blank on an order's later lines is its first line's (as_sent): no issue; nor an order with a
    row that did not read (`unread`) or whose 状态 was said already (`said`, rows: 已审合, a word not on
    its list, read as blank, is that cell's one error)."""
    statuses = list(map(attrgetter("status"), lines))
    if None not in statuses:
        return []  # (the common case, at C speed)
    # a year's orders typed with 状态 on their first row alone, settled at C speed too: only an order one of whose
    # runs of rows begins with a blank can be one, and such orders' lines alone are looked at
    nos = list(map(attrgetter("order_no"), lines))
    begins = map(and_, map(ne, nos, chain((None,), nos)), map(is_, statuses, repeat(None)))
    maybe = {nos[k] for k in compress(range(len(nos)), begins)}
    if not maybe:
        return []
    lines = list(compress(lines, map(maybe.__contains__, nos)))
    statuses = list(map(attrgetter("status"), lines))
    keys = list(zip(map(attrgetter("platform"), lines), map(attrgetter("order_no"), lines)))
    blank = set(compress(keys, map(is_, statuses, repeat(None)))) - set(compress(keys, statuses))
    if blank and (unread or said):
        blank -= {(ln.platform, ln.order_no) for ln in unread}
        blank -= {(ln.platform, ln.order_no) for ln in lines if ln.row in said}
    if not blank:
        return []
    orders = [ln for key, ln in zip(keys, lines) if key in blank and not blank.discard(key)]  # (each order's first)
    zh, en = few([ln.order_no for ln in orders])
    n = len(orders)
    return [at(orders[0], "status", "warning",
               f"{n} 个订单的状态是空的（{zh}）：审单、拣货和扫描核对都不会处理它们。要发货的填“待审核”，"
               "已经发了的填它的状态（已发货、已签收…）。",
               f"{n} {'order has' if n == 1 else 'orders have'} a blank status ({en}): no review, pick list or scan "
               "check takes them. Type 'new' for one to ship, or its status (shipped, delivered …) for one sent.")]


def check_gift_skus(lines: list[OrderLine], skus: set[str], fix_zh: str, fix_en: str) -> list[Issue]:
    # the few lines with gifts, found at C speed
    return _gift_skus_walked(compress(lines, map(attrgetter("gifts"), lines)), skus, fix_zh, fix_en)


def _gift_skus_walked(lines: Iterable[OrderLine], skus: set[str], fix_zh: str, fix_en: str) -> list[Issue]:
    """check_gift_skus's issues, each line looked at in turn."""
    out = []
    for ln in lines:
        try:
            unknown = [g.sku for g in read_gifts(ln.gifts)] if ln.gifts else []
        except ValueError:  # check_gifts reports it
            continue
        unknown = [s for s in unknown if s not in skus]
        if unknown:
            out.append(at(ln, "gifts", "error", f"赠品编码“{'、'.join(unknown)}”不在商品表中。{fix_zh}",
                          f"Gift SKU '{', '.join(unknown)}' is not in the Products sheet. {fix_en}"))
    return out


def _other_way(e: Entry, categories: list[Category]) -> tuple[str, str]:
    """What to do with a line whose 收支 is not its category's (zh, en): a transfer's other side takes the
    transfer category of its way (内部转入 beside 内部转出), one the sheet may lack; another line its 收支
    corrected, or a category of its way."""
    from ..money.ledger import NOT_PNL, group_of

    cat = next((c for c in categories if c.category == e.category), None)
    if cat is None or group_of(cat) not in NOT_PNL:
        return (f"改正“收支”，或换一个{e.direction.value}类别。",
                f"Correct the direction, or take a category whose direction is '{e.direction.en}'.")
    other = next((c.category for c in categories if group_of(c) in NOT_PNL and c.direction is e.direction), None)
    if other is not None:
        return (f"内部转账的这一边是{e.direction.value}：类别请改为“{other}”。",
                f"This side of the transfer is {e.direction.en}: set its category to '{other}'.")
    return (f"内部转账的两边要两个类别：请在类别表加一个{e.direction.value}类别（分组填 内部转账，如 "
            f"{'内部转入' if e.direction.value == '收入' else '内部转出'}），把这一行的类别改成它。",
            f"A transfer's two sides take two categories: add a category of direction '{e.direction.en}' to the Categories sheet "
            f"(group: transfers, e.g. {'Transfer in' if e.direction.en == 'in' else 'Transfer out'}) and set this "
            "line's category to it.")


def amount_not_positive(entries: list[Entry]) -> list[Issue]:
    """The 流水 rows whose 金额 is not positive (-99 typed for a refund of 支出): their sign is the 收支's,
    so a row of -99 支出 counts as money in. Reconciliation stops on them as the P&L does (before: it
    called such a row 'direction reversed' and told the person to change a 收支 that was right)."""
    return [at(e, "amount", "error", "金额填正数，收入或支出看“收支”列。",
               "Enter the amount as a positive number; the direction column says in or out.")
            for e in entries if e.amount <= 0]


def check_entries(entries: list[Entry], categories: list[Category], accounts: list[Account]) -> list[Issue]:
    out = amount_not_positive(entries)
    cat_dir = {c.category: c.direction for c in categories}
    opened = {a.account: a.opening_date for a in accounts}
    for e in entries:
        d = cat_dir.get(e.category)
        if d is not None and d is not e.direction:
            zh, en = _other_way(e, categories)
            out.append(at(e, "direction", "error",
                          f"类别“{e.category}”是{d.value}，这一行却是{e.direction.value}。{zh}",
                          f"The category '{e.category}' is {d.en}, but this line is {e.direction.en}. {en}"))
        if e.account in opened and e.date < opened[e.account]:
            out.append(at(e, "date", "error",
                          f"日期早于账户“{e.account}”的期初日期 {opened[e.account]}。",
                          f"The date is before the opening date {opened[e.account]} of account '{e.account}'."))
    # 同一账户里一个流水号就是一笔钱：同号同额的两行是记了两次，利润表和余额都会多算一遍；
    # 另一账户的同号不算（内部转账两边常记同一个号）。
    # One number in one account is one payment: the same amount twice is a line booked twice (counted
    # twice in the P&L), an error; another amount a copied number or a split, a warning.
    seen: dict[tuple[str, str], Entry] = {}
    for e in entries:
        if not e.txn_no:
            continue
        first = seen.setdefault((e.account, e.txn_no), e)
        if first is e:
            continue
        there, there_en = row_beside(first, e)
        if first.direction is e.direction and first.amount == e.amount and first.category == e.category:
            out.append(at(e, "txn_no", "error",
                          f"流水号“{e.txn_no}”在{there}已有，账户、收支、金额、类别都相同：同一笔记了两次，"
                          "利润表和余额会多算一遍。请删除重复的一行。",
                          f"Txn no. '{e.txn_no}' is on {there_en} already, with the same account, direction, "
                          "amount and category: one payment booked twice, counted twice in the P&L and the balance. "
                          "Delete one of the rows."))
        else:
            out.append(at(e, "txn_no", "warning",
                          f"流水号“{e.txn_no}”在{there}已有（同一账户{e.account}）：一个流水号是一笔钱。"
                          "若是两笔，请改正流水号（对账时按流水号匹配）；若是一笔分到几个类别，可不理会。",
                          f"Txn no. '{e.txn_no}' is on {there_en} already (the same account {e.account}): one number "
                          "is one payment. If these are two payments, correct the number (reconciliation matches by it); "
                          "if one payment is split across categories, ignore this."))
    return out


def _near(stated: Decimal, computed: Decimal) -> bool:
    if computed == 0:
        return abs(stated) <= TOLERANCE
    return abs(stated - computed) <= abs(computed) * TOLERANCE


def conversion_agrees(stated: Decimal, buyers: int, visitors: int) -> bool:
    """A 转化率 that is the row's buyers ÷ visitors, as 生意参谋 rounds it: what validate takes (and
    `kpi import` checks a download's against, never to write what validate calls an error)."""
    computed = Decimal(buyers) / Decimal(visitors)
    # 生意参谋 shows "2.37%": two decimals of a percent, so half of 0.01 % either way is rounding
    return _near(stated, computed) or abs(stated - computed) <= Decimal("0.00005")


def after_today(rows: list, today: dt.date | None = None) -> list[Issue]:
    """A warning at each row's 日期 that lies after today: 2027 typed for 2026 (a 日报 day counts in no
    report, a 出入库 row in no stock figure of today, a 流水 row in no month's P&L yet)."""
    today = today or dt.date.today()
    return [at(r, "date", "warning", f"日期 {r.date} 在今天（{today}）之后：是不是年份或月份打错了？",
               f"The date {r.date} is after today ({today}): is the year or month mistyped?")
            for r in rows if r.date is not None and r.date > today]


_KPI_FIGURES = ("page_views", "visitors", "buyers", "orders", "sales", "units", "ad_spend")
_DSR_SCORES = ("dsr", "dsr_description", "dsr_logistics", "dsr_service")


def check_kpi(days: list[DailyKpi], today: dt.date | None = None) -> list[Issue]:
    today = today or dt.date.today()
    out = []
    for d in days:
        out += after_today([d], today)
        negative = [n for n in _KPI_FIGURES if (v := getattr(d, n, None)) is not None and v < 0]
        out += [at(d, n, "error", "不能是负数。", "Cannot be negative.") for n in negative]
        out += [at(d, n, "error", *_dsr_said(v)) for n in _DSR_SCORES  # a DSR score is 0–5
                if (v := getattr(d, n, None)) is not None and not 0 <= v <= 5]
        if negative:  # (1900) typed for 销售额: that cell is the one error, never the 客单价 beside it as well
            continue
        if d.buyers and d.visitors == 0:
            out.append(at(d, "visitors", "error", f"有 {d.buyers} 个支付买家，访客数却是 0：请核对访客数。",
                          f"{d.buyers} paying buyers but 0 visitors: please check the visitors."))
        # a percentage outside 0–100 % is refused where it is read (values.parse_percent)
        if d.conversion is not None and d.buyers is not None and d.visitors:
            computed = Decimal(d.buyers) / Decimal(d.visitors)
            if not conversion_agrees(d.conversion, d.buyers, d.visitors):
                # 0.85 typed for 0.85 % (read as 85 %): what to type, not only that it differs; else the
                # figure that agrees, or a blank (the reports work it out of the row's figures anyway)
                bare = f"{d.conversion.normalize():f}"
                zh, en = ((f"填的 {bare} 读作 {d.conversion:.2%}；若是 {bare}%，请写 {bare}%（或 {d.conversion / 100}）。",
                           f"{bare} reads as {d.conversion:.2%}; for {bare} % write {bare}% (or {d.conversion / 100}).")
                          if conversion_agrees(d.conversion / 100, d.buyers, d.visitors) else
                          (f"请改成 {computed:.2%}，或清空它（报表按 支付买家数÷访客数 算）。",
                           f"Enter {computed:.2%}, or clear it (the reports work it out as buyers ÷ visitors)."))
                out.append(at(d, "conversion", "error",
                              f"转化率 {d.conversion:.2%} 与 支付买家数÷访客数 = {computed:.2%} 不符：{zh}",
                              f"Conversion {d.conversion:.2%} does not match buyers ÷ visitors = {computed:.2%}: {en}"))
        if d.aov is not None and d.buyers:  # 生意参谋's 客单价: sales ÷ buyers (a buyer with two orders counts once)
            computed = d.sales / d.buyers
            by_orders = d.sales / d.orders if d.orders else None
            if _near(d.aov, computed) or abs(d.aov - computed) <= Decimal("0.005"):
                pass
            elif by_orders is not None and _near(d.aov, by_orders):
                out.append(at(d, "aov", "warning",
                              f"客单价 {d.aov} 是 销售额÷支付订单数；生意参谋的客单价是 销售额÷支付买家数 = {to_fen(computed):.2f}。",
                              f"AOV {d.aov} is sales ÷ orders; 生意参谋's AOV is sales ÷ buyers = {to_fen(computed):.2f}."))
            else:
                out.append(at(d, "aov", "error",
                              f"客单价 {d.aov} 与 销售额÷支付买家数 = {to_fen(computed):.2f} 不符。",
                              f"AOV {d.aov} does not match sales ÷ buyers = {to_fen(computed):.2f}."))
        elif d.aov is not None and d.orders and d.buyers is None:  # no buyers figure: orders stand in
            computed = d.sales / d.orders
            if not _near(d.aov, computed):
                out.append(at(d, "aov", "error",
                              f"客单价 {d.aov} 与 销售额÷支付订单数 = {to_fen(computed):.2f} 不符（没有支付买家数）。",
                              f"AOV {d.aov} does not match sales ÷ orders = {to_fen(computed):.2f} (no buyers figure)."))
        if d.visit_depth is not None and d.page_views is not None and d.visitors:
            computed = Decimal(d.page_views) / Decimal(d.visitors)  # 生意参谋's 人均浏览量
            if not _near(d.visit_depth, computed) and abs(d.visit_depth - computed) > Decimal("0.05"):
                out.append(at(d, "visit_depth", "error",
                              f"访问深度 {d.visit_depth} 与 浏览量÷访客数 = {computed:.2f} 不符。",
                              f"Visit depth {d.visit_depth} does not match page views ÷ visitors = {computed:.2f}."))
        if d.buyers is not None and d.buyers > d.orders:
            out.append(at(d, "buyers", "warning", "支付买家数多于支付订单数，请核对。",
                          "More buyers than orders: please check."))
    return out


def check_promotions(promotions: list[Promotion]) -> list[Issue]:
    """收藏有礼 depends on who favourited the shop, which no export says: staff type its gift
    into the order's 赠品 cell. A row of it here would otherwise look like it works."""
    from ..schema import PromotionKind

    out = [at(p, "kind", "warning", "收藏有礼不会自动加赠品：请在订单的“赠品”栏填写（如 GIFT-1×1）。",
              f"'{PromotionKind.GIFT_FAVOURITE.en}' is not applied by itself: type its gift in the order's gifts cell, "
              "e.g. GIFT-1×1.")
           for p in promotions if p.kind is PromotionKind.GIFT_FAVOURITE]
    # a 大促 row's days are those a price below 7 折 is allowed on (check_floor_prices): none without a start,
    # and an end before it is a typo of one of the two
    for p in promotions:
        if p.kind is PromotionKind.BIG_EVENT and p.start is None:
            out.append(at(p, "start", "warning", f"大促“{p.name}”没有开始日期：它的日子不算大促，低于 7 折的单价照样提醒。"
                          "请填上开始日期（和结束日期）。",
                          f"The big event '{p.name}' has no start date: none of its days counts as the event's, and a "
                          "price below 70 % of list is warned of as on any day. Fill in its start (and end) date."))
        elif p.kind is PromotionKind.BIG_EVENT and p.end is not None and p.end < p.start:
            out.append(at(p, "end", "warning", f"大促“{p.name}”的结束日期 {p.end} 早于开始日期 {p.start}：只算 {p.start} 一天。"
                          "请改正其中一个。",
                          f"The big event '{p.name}' ends on {p.end}, before it starts on {p.start}: only {p.start} "
                          "counts. Correct one of the two."))
        elif p.start is not None and p.end is not None and p.end < p.start:  # (picking.gifts_for: no day of it)
            out.append(at(p, "end", "warning", f"促销“{p.name}”的结束日期 {p.end} 早于开始日期 {p.start}：它一天也不会生效。"
                          "请改正其中一个。",
                          f"The promotion '{p.name}' ends on {p.end}, before it starts on {p.start}: it applies on no "
                          "day. Correct one of the two."))
    # a 满就送 without its threshold or its gift is left out of every pick list (picking.gift_rules): no gift
    # goes out, and nothing said so
    for p in promotions:
        if p.kind is not PromotionKind.GIFT_OVER or p.enabled is False:
            continue
        for name, zh, en in (("threshold", "门槛金额（满多少送）", "threshold (spend at least)"),
                             ("gift_sku", "赠品编码", "gift SKU")):
            if getattr(p, name) is None:
                out.append(at(p, name, "warning", f"满就送“{p.name}”没有{zh}：拣货单不会按它加赠品。请填上{zh}。",
                              f"The gift-over-amount promotion '{p.name}' has no {en}: no pick list adds its gift. Fill "
                              f"in its {en}."))
    return out


def _dsr_said(v: Decimal) -> tuple[str, str]:
    """(zh, en) a DSR score out of 0–5, and what to type: the score its digits make where it is one with the
    decimal point left out (485 typed for 4.85, 48 for 4.8)."""
    meant = None
    if v > 5 and v == v.to_integral_value():
        digits = str(int(v))
        if (m := Decimal(f"{digits[0]}.{digits[1:]}")) <= 5:
            meant = f"{m.normalize():f}"
    ask = (f"是不是 {meant}（漏了小数点）？" if meant else "", f" Did you mean {meant} (the decimal point left out)?"
           if meant else "")
    return (f"DSR 评分应在 0–5 之间：{v}。{ask[0]}请填 0–5 之间的分数，如 4.8。",
            f"A DSR score is between 0 and 5: {v}.{ask[1]} Enter a score from 0 to 5, such as 4.8.")


def check_targets(targets: list[Target]) -> list[Issue]:
    from ..kpi.metrics import METRIC_NAMES, METRICS, PERCENT_METRICS, SCORE_METRICS, metric_key, target_ok

    def shown(key: str, v: Decimal) -> str:  # as typed: 3% for 转化率, not 0.03
        return f"{(v * 100).normalize():f}%" if key in PERCENT_METRICS else f"{v.normalize():f}"

    out = []
    first: dict[tuple, Target] = {}  # (metric, 起始日期) → its first row: 订单数 and 支付订单数 are one metric
    for t in targets:
        key = metric_key(t.metric)
        if key is None:
            names = "、".join(dict.fromkeys(METRIC_NAMES))
            near_zh, near_en = did_you_mean(t.metric, [*METRIC_NAMES, *sorted(METRICS)], 0.6)
            out.append(at(t, "metric", "error", f"不认识的指标“{t.metric}”。{near_zh}请填日报的列名：{names}。",
                          f"Unknown metric '{t.metric}'. {near_en + ' ' if near_en else ''}"
                          f"Use a Daily column: {', '.join(sorted(METRICS))}."))
        elif key in SCORE_METRICS and not target_ok(key, t.target):
            out.append(at(t, "target", "error", *_dsr_said(t.target)))
        elif not target_ok(key, t.target):
            out.append(at(t, "target", "error", f"这是百分比指标：目标填 {t.target}% 这样的百分数（{t.target} 是 {t.target * 100}%）。",
                          f"A percentage: write the target as {t.target}% ({t.target} means {t.target * 100}%)."))
        elif t.target < 0:
            out.append(at(t, "target", "error", "目标不能是负数。", "A target cannot be negative."))
        elif (key, t.start) in first:  # two targets in force from one day: the later row counts, said
            was = first[(key, t.start)]
            since = (f"从 {t.start:%Y-%m-%d} 起" if t.start else "（没有起始日期）",
                     f"from {t.start:%Y-%m-%d}" if t.start else "(no start date)")
            out.append(at(t, "target", "warning",
                          f"“{t.metric}”{since[0]}的目标第 {was.row} 行已有（{shown(key, was.target)}）：报表用这一行的 "
                          f"{shown(key, t.target)}。保留一行，删除另一行（换目标请填新的起始日期）。",
                          f"'{t.metric}' {since[1]} has a target on row {was.row} already ({shown(key, was.target)}): "
                          f"the reports use this row's {shown(key, t.target)}. Keep one row and delete the other "
                          "(a new target takes a new start date)."))
        else:
            first[(key, t.start)] = t
    return out


def check_review_rules(rules: list[ReviewRule]) -> list[Issue]:
    """The 偏远地区 rule's parameter lists provinces: one misspelt (新彊) would never match an
    address, and its orders would go out unchecked."""
    from ..schema.lists import check as check_list
    from ..values import BadValue

    out = []
    for r in rules:
        if not r.parameter or key_of(r.rule) not in REMOTE_NAMES:
            continue
        for p in (x.strip() for x in r.parameter.replace("，", ",").replace("、", ",").split(",")):
            try:
                if p:
                    check_list("provinces", p)
            except BadValue as e:
                out.append(at(r, "parameter", "error", f"参数中的{e.zh}", f"In the parameter: {e.en}"))
    return out


def check_tiers(tiers: list[Tier]) -> list[Issue]:
    out = []
    for t in tiers:
        if not (0 < t.discount <= 1):
            out.append(at(t, "discount", "error", "折扣应在 0 和 1 之间，如 0.6。",
                          "The discount must be between 0 and 1, e.g. 0.6."))
        if t.floor is not None and not (0 < t.floor <= 1):
            out.append(at(t, "floor", "error", "最低零售折扣应在 0 和 1 之间，如 0.7。",
                          "The floor discount must be between 0 and 1, e.g. 0.7."))
    return out


def check_rebates(rebates: list[Rebate]) -> list[Issue]:
    """Each 返利 table (the rows of one 起始日期, blank being one): a threshold twice is an error (which
    rate counts would be a guess); a rate below that of a lower threshold is a warning at the rate, as
    an agent selling more would get less back (settlement takes the highest threshold reached); a table
    starting in the month of a later one is a warning at its first row's date: it never applies."""
    out = []
    tables: dict = defaultdict(list)
    for r in rebates:
        tables[r.start].append(r)
    for rows in tables.values():
        best, seen = None, {}
        for r in sorted(rows, key=attrgetter("threshold", "row")):
            if r.threshold in seen:
                out.append(at(r, "threshold", "error",
                              f"月销售额下限 {r.threshold:,.2f} 在第 {seen[r.threshold]} 行已有（同一起始日期）：每档只能有一行。",
                              f"The threshold {r.threshold:,.2f} is on row {seen[r.threshold]} already (same start "
                              "date): one row each."))
                continue
            seen[r.threshold] = r.row
            if best is not None and r.rate < best.rate:
                out.append(at(r, "rate", "warning",
                              f"月销售额 {r.threshold:,.2f} 的返利比例 {r.rate:.2%} 低于更低门槛 {best.threshold:,.2f} 的 "
                              f"{best.rate:.2%}（第 {best.row} 行）：卖得越多返利反而越少。请核对比例（是不是打错了？）。",
                              f"The rebate rate {r.rate:.2%} at {r.threshold:,.2f} of monthly sales is below the "
                              f"{best.rate:.2%} of the lower threshold {best.threshold:,.2f} (row {best.row}): an agent "
                              "selling more would get less back. Check the rates (a typo?)."))
            elif best is None or r.rate > best.rate:
                best = r
    # a month is settled with the latest 起始日期 in or before it: of two tables starting in one month
    # (one new table typed with 11-01 on some rows, 11-02 on others) the earlier never applies
    months: dict = defaultdict(list)
    for start, rows in tables.items():
        if start is not None:
            months[start.year, start.month].append(min(rows, key=attrgetter("row")))
    for heads in months.values():
        later = max(heads, key=attrgetter("start"))
        for r in heads:
            if r is not later:
                out.append(at(r, "start", "warning",
                              f"起始日期 {r.start} 的返利表从不生效：同一个月里还有起始日期 {later.start} 的返利表"
                              f"（第 {later.row} 行），每月按该月内或之前最晚的起始日期结算。同一张表的行请填同一个起始日期。",
                              f"The rebate table starting {r.start} never applies: the one starting {later.start} "
                              f"(row {later.row}) is in the same month, and a month is settled with the latest start "
                              "date in or before it. Give one table's rows one start date."))
    return out


def check_agent_emails(agents: list[Agent]) -> list[Issue]:
    """An 邮箱 `agents email` would refuse, the same error here (mail.cell_addresses)."""
    if not any(a.email for a in agents):
        return []
    from ..report.mail import cell_addresses

    return [at(a, "email", "error", f"邮箱{zh}，无法发信。请改正。", f"The e-mail {en}; nothing can be sent. Fix it.")
            for a in agents if a.email for zh, en in [cell_addresses(a.email)[1] or ("", "")] if zh]


def check_all(rows: Rows, present: Callable[[type[SheetModel]], bool], agents_config=None,
              keys: Keys | None = None, unreadable: Rows | None = None,
              implausible_qty: int = IMPLAUSIBLE_QTY, parts: Callable[[type[SheetModel]], tuple] | None = None
              ) -> list[Issue]:
    """Every rule, over the sheets a shop has. Cross-workbook references are checked
    only where the referenced sheet was read, against `keys` (the referenced column's
    values, of unreadable rows too; by default those of the records). `unreadable`: the
    rows that could not be read whole (their one error is the reader's). `implausible_qty`:
    shopbook.toml's [stock] implausible_qty. `parts`: a kind's sheets read as one (2025流水 beside 流水)."""
    if keys is None:
        def keys(model: type[SheetModel], name: str) -> set:
            return {getattr(r, name) for r in rows(model)}
    out: list[Issue] = []
    for spec in WORKBOOKS:
        for model in spec.sheets:
            out += check_unique(rows(model), model)
    products = rows(Product)
    out += check_products(products)
    out += check_movements(rows(Movement))
    out += check_negative_stock(products, rows(Movement), unreadable(Movement) if unreadable else ())
    out += check_counts(rows(StocktakeCount))
    for model, name in QTY_COLUMNS:
        out += check_implausible(rows(model), name, implausible_qty)
    out += check_waitlist(rows(WaitlistEntry))
    out += check_order_lines(rows(OrderLine))
    out += check_order_lines_unique(rows(OrderLine))
    # the lines an agent's settlement may bill (a 代理编号, or 来源 代理): the agents' checks look at these
    # few, not at every one of a year's lines three times over
    agents_lines = [ln for ln in rows(OrderLine) if ln.agent_id or ln.source is OrderSource.AGENT]
    out += not_agent_sourced(agents_lines) + no_agent_named(agents_lines)
    out += [at(m, "qty", "error", "数量必须是正整数。", "The quantity must be a positive whole number.")
            for m in rows(SkuMap) if m.qty <= 0]
    out += [at(m, "qty", "error", "采购数量要大于 0。", "The quantity ordered must be above 0.")
            for m in rows(PurchaseLine) if m.qty <= 0]
    out += check_po_received(rows(PurchaseLine), rows(Movement), unread=unreadable(Movement) if unreadable else ())
    if present(OrderLine) and present(Movement):
        out += check_shipped_not_posted(rows(OrderLine), rows(Movement), unreadable(Movement) if unreadable else ())
    out += check_returns_to_supplier(rows(Movement), rows(PurchaseLine))
    out += check_po_refs(rows(Movement), rows(PurchaseLine))
    out += check_gifts(rows(OrderLine))
    out += check_promotions(rows(Promotion))
    out += check_supplies(rows(Supply))
    out += check_entries(rows(Entry), rows(Category), rows(Account))
    out += check_kpi(rows(DailyKpi))
    for model in (Movement, Entry, StocktakeCount):  # (日报's: check_kpi)
        out += after_today(rows(model))
    out += check_targets(rows(Target))
    out += check_tiers(rows(Tier))
    out += rule_issues(rows(StaffMember))
    out += check_rebates(rows(Rebate))
    out += check_review_rules(rows(ReviewRule))
    if rows(AfterSalesCase):  # against their orders, and the 商品 sheet where it was read
        from ..aftersales.cases import case_issues

        out += case_issues(rows(AfterSalesCase), rows(OrderLine), keys(Product, "sku") if present(Product) else None,
                           rows(Movement), keys(OrderLine, "order_no"))
        if present(Movement):  # (a return marked done whose 退货 never came into stock)
            from ..aftersales.cases import done_not_posted

            out += done_not_posted(rows(AfterSalesCase), rows(Movement), dt.date.today(), rows(OrderLine))

    if present(Product):
        out += check_floor_prices(rows(OrderLine), products, rows(Promotion))
        skus, barcodes, mapped = keys(Product, "sku"), sku_of_barcode(rows(Product)), skus_of_map(rows(SkuMap))
        theirs = sku_of_supplier_code(rows(Product))
        for model, name in ((Movement, "sku"), (StocktakeCount, "sku"), (WaitlistEntry, "sku"),
                            (OrderLine, "sku"), (AgentPrice, "sku"), (Promotion, "gift_sku"), (SkuMap, "sku"),
                            (PurchaseLine, "sku")):
            out += check_references(rows(model), name, skus, "商家编码", "SKU", *FIX_SKU, barcodes=barcodes,
                                    mapped=mapped if model is not SkuMap else None,
                                    supplier_codes=theirs)
        out += check_gift_skus(rows(OrderLine), skus, *FIX_SKU)
        # a customer waiting for a style + size that comes in several colours: which one to call about is the
        # colour's to say (a waiting list typed by style + size alone is read where the colour is the only one)
        if rows(WaitlistEntry):
            out += [i for i in waiting(rows(Product), rows(WaitlistEntry))[1] if i.field in ("colour", "size")]
    if present(Supplier):  # a supplier not on the sheet is ordered from without its minimum: a warning
        for model in (Product, PurchaseLine):
            out += [i.with_(severity="warning") for i in check_references(
                rows(model), "supplier", keys(Supplier, "supplier"), "供应商", "Supplier",
                "请在“供应商”表中添加它。", "Add it to the Suppliers sheet.")]
    if present(Account):
        from ..money.ledger import check_balances, unsure_entries

        accounts = keys(Account, "account")
        # entries whose amount or account is a typo: the balances they touch cannot be checked; nor can
        # any where the 流水 sheet was not read (no header found, or no sheet): no entry is known, and
        # every check would be a mismatch by the whole of them
        unsure = unsure_entries(rows(Entry), unreadable(Entry) if unreadable else [], accounts)
        if present(Entry):
            out += check_balances(rows(Account), rows(Entry), rows(BalanceCheck), unsure, accounts, rows(Category),
                                  parts(Entry) if parts else ())
        for model in (Entry, BalanceCheck):
            out += check_references(rows(model), "account", accounts, "账户", "Account",
                                    "请在“账户”表中添加它。", "Add it to the Accounts sheet.")
        out += pay_accounts_unknown(rows(StaffMember), accounts)
    if present(Category):
        out += check_references(rows(Entry), "category", keys(Category, "category"), "类别", "Category",
                                "请在“类别”表中添加它。", "Add it to the Categories sheet.")
    if present(Tier):
        tiers = keys(Tier, "tier")
        from ..agents.prices import check_price_tiers, check_tier_floors

        out += check_references(rows(Agent), "tier", tiers, "等级", "Tier", *FIX_TIER)
        out += check_price_tiers(rows(AgentPrice), tiers, rows(Agent))  # (an agent's id typed for a tier: said so)
        out += check_tier_floors(rows(Tier), *((agents_config.floor_discount,) if agents_config else ()))
    if present(Tier) and present(Product):
        from ..agents.prices import PriceBook, check_prices, priced_skus

        # priced as the price sheets are (shopbook.toml's rounding and floor), or a price the
        # sheets round below cost would pass here
        cfg = agents_config
        pb = PriceBook(products, rows(Tier), rows(AgentPrice), *((cfg.rounding, cfg.floor_discount) if cfg else ()))
        out += check_prices(pb, rows(AgentPrice), rows(Tier), priced_skus(products, agents_lines))
    if present(Agent):
        agents = keys(Agent, "agent_id")
        read = {}
        for model in (Payment, OrderLine):
            # (the lines naming an agent: the others have nothing to read or check, a year's 97k of them)
            named = [r for r in rows(model) if r.agent_id] if model is OrderLine else rows(model)
            read[model], said = read_as_agents(named, agents)  # DL003 typed dl003: read as it, warned
            out += [i for _, i in said]
            out += check_references(read[model], "agent_id", agents, "代理编号", "Agent id", *FIX_AGENT,
                                    named=agent_of_name(rows(Agent)))
        out += [i for _, i in payments_twice(read[Payment]) + payments_ahead(read[Payment])  # as settle reads them
                + payments_negative(read[Payment])]
        out += check_agent_emails(rows(Agent))
        if present(OrderLine) and present(Movement):  # a return of an agent's goods no statement credits
            # (an order line with a typo is still there: the return naming it is no second issue)
            lines = rows(OrderLine) + [ln for ln in (unreadable(OrderLine) if unreadable else ()) if ln.order_no]
            cases = case_orders(rows(AfterSalesCase))
            out += [i for _, i in stray_returns(rows(Movement), lines, cases, agents)]
    return out


def pay_accounts_unknown(staff: list[StaffMember], accounts: set) -> list[Issue]:
    """A 绩效 row's 发薪账户 that is not on the 账户 sheet (工商银行 typed where the sheet says 银行): `staff pay --book`
    proposes no salary line for that person, and validate said nothing of it until the month's pay was worked
    out. Read as staff pay reads it (values.code_key: ＹＨＫ or a space is the account); a leaver (在职 否) is
    not paid, not said."""
    import datetime as dt

    from ..staff.pay import as_of

    # (the rows pay reads from today on: a person's row in force now or dated ahead, not one a pay change ended,
    # nor a leaver's, whose account may be closed since)
    today = dt.date.today()

    def key(r):  # (as_of's rows may be copies, a blank filled from the row before: the same row of the sheet)
        return r.name, r.start, r.row

    now = {key(r) for r in as_of(staff, today)}
    names = {code_key(str(a)) for a in accounts if a is not None}
    unknown = [s for s in staff if s.pay_account and s.active is not False and code_key(s.pay_account) not in names
               and (key(s) in now or (s.start is not None and s.start > today))
               and (s.left_on is None or s.left_on >= today)]
    return [i.with_(severity="warning") for i in check_references(
        unknown, "pay_account", accounts, "发薪账户", "Pay account",
        "算工资时不会为这个人建议记账：请改成“账户”表上的账户，或在“账户”表加上它。",
        "When pay is worked out, no salary line is proposed for this person: change it to an account on the "
        "Accounts sheet, or add it there.")]
