"""The weekly stocktake (盘点): a blind count sheet in bin order, then posting the
counts as 调整 movements. Pure: records in, the count sheet's rows and the
adjustments out. Posting is idempotent: the adjustments carry the count's date in
their 单号, so a second posting finds them and posts per SKU only what is still
missing (nothing, unless count rows were added or changed since)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..issues import en_count, few, own_row
from ..schema import Movement, MovementType, Product, ProductStatus, StocktakeCount
from ..values import bin_order
from .levels import SIGN, on_hand


def count_ref(date: dt.date, lang: str = "zh") -> str:
    """The 单号 of a count's adjustments, in the shop's language: 盘点20261121 / stocktake 20261121."""
    return f"盘点{date:%Y%m%d}" if lang == "zh" else f"stocktake {date:%Y%m%d}"


def count_refs(date: dt.date) -> tuple[str, str]:
    """Both: a count posted before in the other language (English shops were given 盘点…) is posted."""
    return count_ref(date, "zh"), count_ref(date, "en")


def is_count_mark(m: Movement) -> bool:
    """The 调整 of 0 a posting whose counts all matched the book writes (MATCHED_NOTE): no movement but the
    mark that the count was posted, where a later parcel of that day is known to come after it."""
    return m.type is MovementType.ADJUST and m.qty == 0 and bool(m.ref) and m.date is not None and (
        m.ref in count_refs(m.date))


TOP_UP = ("（补记）", " (top-up)")  # the end of the note of an adjustment a later posting of a count made


def is_top_up(m: Movement) -> bool:
    """An adjustment made by a later posting of its count (a row added or counted since), not by the first."""
    return bool(m.note) and m.note.endswith(TOP_UP)


MATCHED_NOTE = ("盘点已过账：账实相符（此行之后录入的当天出入库在盘点之后）",
                "stocktake posted: every count matched the book (that day's movements entered below came after it)")


def count_sheet_rows(products: list[Product], movements: list[Movement], as_of: dt.date, blind: bool = True
                     ) -> list[dict]:
    """Every SKU to count (to_count) in bin order (no bin last), with a blank to write the count in."""
    have = on_hand(products, movements, as_of)
    active = [p for p in products if to_count(p, have)]
    active.sort(key=lambda p: (not p.bin, bin_order(p.bin or ""), p.sku))  # (A-2 before A-10: the walk)
    return [{"bin": p.bin or "", "sku": p.sku, "name": p.name, "colour": p.colour or "", "size": p.size or "",
             "book": None if blind else have[p.sku]} for p in active]


# products with no place on the shelf: 下架 (no longer sold) and 不备货 (made for each order, none kept)
NOT_SHELVED = frozenset({ProductStatus.DELISTED, ProductStatus.NO_STOCK})


def to_count(p: Product, book: Counter) -> bool:
    """An active SKU, or a delisted or made-to-order (不备货) one the book holds stock of (库存汇总 values it: it is
    on a shelf somewhere — a 不备货 dress's goods in for its orders —, or the book is wrong). A 不备货 one with none
    was put on every blind count sheet and named each week among the SKUs nobody counted, "go and count them",
    of a product the shop keeps none of."""
    return p.status not in NOT_SHELVED or book[p.sku] != 0


@dataclass
class CountLine:
    sku: str
    name: str
    book: int
    counted: int
    diff: int  # counted − book: 盘盈 when positive, 盘亏 when negative
    value: Decimal  # diff at cost
    moved_after: bool
    counters: list[str]
    posted: int = 0  # what earlier postings of this count already adjusted

    def to_json(self) -> dict:
        return {"sku": self.sku, "name": self.name, "book": self.book, "counted": self.counted, "diff": self.diff,
                "value": str(self.value), "moved_after": self.moved_after, "counters": self.counters,
                "posted": self.posted}


@dataclass
class Uncounted:
    """A SKU to count (to_count) with no count that day, and what the book says it has: the one to go and count."""
    sku: str
    name: str
    colour: str
    size: str
    bin: str
    book: int
    counted_on: dt.date | None = None  # counted on another day of the same stocktake (within SAME_STOCKTAKE days)

    def to_json(self) -> dict:
        return {"sku": self.sku, "name": self.name, "colour": self.colour, "size": self.size, "bin": self.bin,
                "book": self.book, **({"counted_on": self.counted_on.isoformat()} if self.counted_on else {})}


# a count of another day this close is the same stocktake carried over (a weekly count taken over two days): a
# SKU counted then is not one nobody counted; last week's count (7 days back) is the stocktake before
SAME_STOCKTAKE = 6


def _ref_rows(ref: str) -> tuple[str, str]:
    """(zh, en) where the rest of a cut list of a count's adjustments are: the movements of its 单号."""
    return (f"都在 stock.xlsx 的“{Movement.zh}”表单号 {ref} 的行里",
            f"all on the {Movement.en} sheet of stock.xlsx, ref {ref}")


@dataclass
class StocktakePlan:
    date: dt.date
    lines: list[CountLine]
    uncounted: list[Uncounted]  # most on hand first (the ones that matter), then in bin order, as the count sheet
    adjustments: list[Movement]
    already_posted: bool = False
    warnings: list[tuple[str, str]] = field(default_factory=list)
    zero_uncounted: bool = False  # the uncounted were posted as counted 0
    mark: Movement | None = None  # every count matched the book: the 调整 of 0 that marks the posting (is_count_mark)
    sheet: str = ""  # the movements sheet the adjustments were written to, by its name in stock.xlsx (出入库记录 …)
    count_sheet: str = ""  # the counts' sheet by its name in stock.xlsx (盘点 11-30 …); "" where it is 盘点 / Stocktake
    blank: list[StocktakeCount] = field(default_factory=list)  # the count's rows with 实盘数量 blank: not counted yet
    # a warning as the 盘点过账 button's box says it, where its words name a command line: the warning → a function of
    # that button's labels (zh, en) giving its words (zh, en) (not_posted's `--date`, an option the button has not)
    by_button: dict = field(default_factory=dict, compare=False)

    def counts_at(self) -> tuple[str, str]:
        """(zh, en) the counts' sheet as a message names it: 盘点 / Stocktake, or the name a person gave it."""
        return count_sheet_names(self.count_sheet)

    def written_said(self) -> tuple[str, str]:
        """(zh, en) "12 条调整已写入 stock.xlsx 的“出入库”表": the sheet by the name it has in the workbook
        (before: stock.xlsx alone, the adjustments looked for on a sheet renamed 出入库记录)."""
        n = len(self.adjustments)
        return (f"{n} 条调整已写入 stock.xlsx 的“{self.sheet}”表",
                f"{en_count(n, 'adjustment')} written to the {self.sheet} sheet of stock.xlsx")

    @property
    def gain(self) -> Decimal:
        return sum((x.value for x in self.lines if x.diff > 0), Decimal(0))

    @property
    def loss(self) -> Decimal:
        """Signed, as --json gives it (loss_value); said by its word alone: totals_said."""
        return sum((x.value for x in self.lines if x.diff < 0), Decimal(0))

    def totals_said(self, sep: tuple[str, str] = ("  ", "  ")) -> tuple[str, str]:
        """(zh, en) "盘盈 ¥196.00  盘亏 ¥1,446.00": the word says which way, so no minus as well
        (before: "盘亏 ¥-1,446.00", a loss of a minus, read as a gain)."""
        return (f"盘盈 ¥{self.gain:,.2f}{sep[0]}盘亏 ¥{abs(self.loss):,.2f}",
                f"gain ¥{self.gain:,.2f}{sep[1]}loss ¥{abs(self.loss):,.2f}")

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "already_posted": self.already_posted,
                "gain_value": str(self.gain), "loss_value": str(self.loss),
                "lines": [x.to_json() for x in self.lines if x.diff or x.moved_after],
                "counted_skus": len(self.lines), "uncounted": [u.sku for u in self.uncounted],
                "uncounted_lines": [u.to_json() for u in self.uncounted],
                "adjustments": len(self.adjustments),
                "blank_rows": [{"row": own_row(c.row), "sku": c.sku} for c in self.blank],
                "warnings": [{"zh": a, "en": b} for a, b in self.warnings]}


def count_sheet_names(name: str = "") -> tuple[str, str]:
    """(zh, en) the counts' sheet as messages name it: its name in stock.xlsx where a person renamed it
    (盘点 11-30: no sheet 盘点 to look for), else 盘点 / Stocktake."""
    return (name, name) if name else (StocktakeCount.zh, StocktakeCount.en)


def plan_stocktake(products: list[Product], movements: list[Movement], counts: list[StocktakeCount],
                   date: dt.date, zero_uncounted: bool = False, lang: str = "zh", count_sheet: str = "",
                   blank: list[StocktakeCount] = ()) -> StocktakePlan:
    """Compare the counts of `date` (several counters' rows add up) with book on-hand at
    that date, excluding this count's own earlier postings; adjust by what those
    postings have not covered yet. `zero_uncounted` never zeroes a SKU counted on another day
    whose counts are not posted yet (unposted_days): that count is its figure, not 0. `count_sheet`:
    the counts' sheet where it has a name of a person's (count_sheet_names). `blank`: rows of the sheet with
    their 实盘数量 left blank (not counted yet): left out, said, and their SKU not posted (blank_said)."""
    at_zh, at_en = count_sheet_names(count_sheet)
    blank = [c for c in blank if c.date == date and c.sku and c.counted is None]
    # (the SKU list pasted in again for each day of a stocktake over two days: a row blank on one day whose SKU was
    # counted on another day of it is no SKU left to count; the uncounted list marks it so, 盘过)
    if blank:
        today_counted = {c.sku for c in counts if c.date == date}
        other_day = {c.sku for c in counts if c.date and c.date != date and abs((c.date - date).days) <= SAME_STOCKTAKE}
        blank = [c for c in blank if c.sku in today_counted or c.sku not in other_day]
    # a SKU with one of its places not counted yet is not posted on the others alone: that would book the uncounted
    # shelf as a loss, to come back as a gain once it is counted. --zero-uncounted: the blank is the 0 it asks for
    held = set() if zero_uncounted else {c.sku for c in blank}
    ref, refs = count_ref(date, lang), count_refs(date)
    posted = [m for m in movements if m.type is MovementType.ADJUST and m.ref in refs]
    done: Counter[str] = Counter()
    for m in posted:
        done[m.sku] += m.qty
    # (not of a SKU this day's count had posted before it: a later count of it, posted, its rows deleted since, is
    # that count's, and taken as this one's it would be taken back; a posting of this day below it, the top-up a
    # posting under the corrected day wrote, leaves it this count's: before, the next posting booked it again; nor
    # where a mark says every count matched then)
    own: dict[str, int] = {}  # SKU → the first row of this day's postings of it
    for m in posted:
        own[m.sku] = min(own.get(m.sku, 1 << 30), m.row or 0)
    moved = [] if any(is_count_mark(m) for m in posted) else [
        m for m in moved_postings(movements, counts, date) if m.sku not in own or (m.row or 0) < own[m.sku]]
    for m in moved:  # this count's, posted under the day its rows had then: not posted a second time
        done[m.sku] += m.qty
    moved_skus = {m.sku for m in moved}  # (what is posted for them now is a top-up of that posting)
    book_moves = [m for m in movements if m.ref not in refs or m.type is not MovementType.ADJUST]
    book = on_hand(products, book_moves, date)
    # a later posting of this count compares it with the book as it stood at the first: what was
    # posted below that on the count's own day (a parcel shipped since) came after the count, and
    # taking it in would hand those units back (a forgotten bin of 5 posted as +7, 2 having shipped).
    # Below the SKU's own first posting row: sorting 出入库 (by 商家编码, by date) keeps a SKU's rows of a
    # day in the order they were typed, where the first posting row of another SKU can end up anywhere
    # (C's parcel of that morning, sorted below A's posting, was taken as after the count: a phantom
    # loss). A SKU whose count matched the book has no row of its own: the posting's first row, whichever
    # SKU it adjusted (it was counted before that too). Nor is a top-up's row (补记: a row added since, the SKU
    # first counted now) one: below a parcel shipped since, it took that parcel in as before the count, and the
    # next posting of the unchanged sheet handed its units back (C: −1, then +1, nothing typed between)
    first_post = min((m.row for m in posted if m.row), default=None)
    own_post: dict[str, int] = {}
    for m in posted:
        if m.row and not is_top_up(m) and (m.sku not in own_post or m.row < own_post[m.sku]):
            own_post[m.sku] = m.row
    that_day: Counter[str] = Counter()  # what the book has moved on the count's day itself
    since: Counter[str] = Counter()  # what it moved that day below the posting: after the count
    for m in book_moves:
        if m.date == date:
            after = own_post.get(m.sku, first_post)
            if after is not None and m.row and m.row > after:
                book[m.sku] -= SIGN[m.type] * m.qty
                since[m.sku] += SIGN[m.type] * m.qty
            else:
                that_day[m.sku] += SIGN[m.type] * m.qty
    day = [c for c in counts if c.date == date and c.sku not in held]
    counted: Counter[str] = Counter()
    who: dict[str, list[str]] = defaultdict(list)
    seen: dict[tuple, StocktakeCount] = {}
    warnings = []
    twice: Counter[str] = Counter()  # the units of rows the same as one above them (SKU, counter, count, note)
    twice_said: dict[str, tuple[int, StocktakeCount, StocktakeCount]] = {}  # SKU → (its warning, first, again)
    warned: set[str] = set()  # SKUs of rows said the same as another above
    for c in day:
        counted[c.sku] += c.counted
        who[c.sku].append(c.counter or "?")
        key = (c.sku, c.counted, c.note or "")
        first = seen.setdefault(key, c)
        if first is c:
            continue
        where_zh, where_en = f"“{at_zh}”表第 {own_row(first.row)} 行和第 {own_row(c.row)} 行", f"{at_en} rows {own_row(first.row)} and {own_row(c.row)}"
        warned.add(c.sku)
        if (first.counter or "") == (c.counter or ""):
            zh, en = _name(c.counter)
            twice[c.sku] += c.counted
            twice_said[c.sku] = (len(warnings), first, c)
            warnings.append((f"{where_zh}完全相同（{c.sku}，盘点人 {zh}，数量 {c.counted}），已相加，请确认不是重复录入",
                             f"{where_en} are the same ({c.sku}, counter {en}, {c.counted}); added up: "
                             "make sure it was not entered twice"))
        else:
            (zh1, en1), (zh2, en2) = _name(first.counter), _name(c.counter)
            warnings.append((f"{where_zh}：{c.sku} {zh1} 和 {zh2} 报了同样的数量 {c.counted}（同一位置？），已相加，请确认不是重复盘点",
                             f"{where_en}: {c.sku}: {en1} and {en2} counted the same {c.counted} (same place?); "
                             "added up: make sure it is not a double count"))
    warnings += counted_twice(day, counted, book, warned, at_zh, at_en)
    gone = {id(m) for m in moved}  # (after the count, but its own posting: no goods moved)
    later = {m.sku for m in book_moves if m.date > date and id(m) not in gone}
    by_sku = {p.sku: p for p in products}
    lines = []
    for sku in sorted(counted):
        p = by_sku.get(sku)
        if p is None:
            continue  # an unknown SKU is a validation error; it is not posted
        diff = counted[sku] - book[sku]
        lines.append(CountLine(sku, p.name, book[sku], counted[sku], diff, p.cost * diff, sku in later, who[sku],
                               done[sku]))
    # counted 0 by an earlier posting of this count (--zero-uncounted: its adjustment took the book to 0) is that
    # count's 0, posted, not a SKU nobody counted (before: posting again listed it uncounted at the book it had, to
    # go and count or zero again, and its adjustment as one without count rows to check)
    zeroed = sorted(sku for sku, q in done.items() if q and q == -book[sku] and sku not in counted
                    and sku not in held and sku in by_sku)
    for sku in zeroed:
        p = by_sku[sku]
        lines.append(CountLine(sku, p.name, book[sku], 0, -book[sku], p.cost * -book[sku], sku in later, [], done[sku]))
    # most on hand first, either way (a book of −5 is as wrong as one of 5), then as the count sheet goes. Not a SKU
    # held, counted on other rows: its blank rows are said first of all (before: listed as nobody counted, to go and
    # count, where two counters' copies of the count sheet had each left blank what the other counted)
    by: dict[str, set] = defaultdict(set)  # a SKU held → who counted it on other rows that day
    for c in counts:
        if c.date == date and c.sku in held:
            by[c.sku].add(c.counter)
    partly = set(by)
    missed = sorted((p for p in products if to_count(p, book) and p.sku not in counted and p.sku not in zeroed
                     and p.sku not in partly),
                    key=lambda p: (-abs(book[p.sku]), not p.bin, bin_order(p.bin or ""), p.sku))
    near: dict[str, dt.date] = {}  # the SKUs counted on another day of this stocktake: the nearest such day
    for c in counts:
        if c.date and c.date != date and abs((c.date - date).days) <= SAME_STOCKTAKE and (
                c.sku not in near or abs((c.date - date).days) < abs((near[c.sku] - date).days)):
            near[c.sku] = c.date
    uncounted = [Uncounted(p.sku, p.name, p.colour or "", p.size or "", p.bin or "", book[p.sku], near.get(p.sku))
                 for p in missed]
    if zero_uncounted:
        unposted = unposted_days(movements, counts, date)
        elsewhere = set().union(*unposted.values())
        kept_out = [u.sku for u in uncounted if u.sku in elsewhere and book[u.sku]]
        if kept_out:
            zh, en = few(kept_out)
            warnings.append((f"{zh}（{len(kept_out)} 个 SKU）在另一天的盘点里有数、那天还没有过账：--zero-uncounted 没有把"
                             "它们按 0 计，请过账那一天的盘点",
                             f"{en} ({en_count(len(kept_out), 'SKU')}) have counts on another day not posted yet: "
                             "--zero-uncounted did not count them as 0; post that day's count"))
        # counted and posted on another day of this stocktake: that count stands (before: zeroed here as a loss,
        # the tees counted 15 on Monday posted at 0 on Tuesday)
        posted_near = sorted(u.sku for u in uncounted if u.counted_on and u.sku not in elsewhere and book[u.sku])
        if posted_near:
            days = sorted({near[k] for k in posted_near})
            zh, en = few(posted_near)
            on = "、".join(map(str, days)), ", ".join(map(str, days))
            warnings.append((f"{zh}（{len(posted_near)} 个 SKU）在 {on[0]} 的盘点里有数、已过账：--zero-uncounted 没有把它们按 0 计",
                             (f"{en} ({en_count(len(posted_near), 'SKU')}) were counted on {on[1]} (posted): "
                              "--zero-uncounted did not count them as 0")))
            elsewhere |= set(posted_near)
        for sku in (u.sku for u in uncounted):
            if book[sku] and sku not in elsewhere:
                p = by_sku[sku]
                lines.append(CountLine(sku, p.name, book[sku], 0, -book[sku], p.cost * -book[sku], sku in later, [],
                                       done[sku]))
    # a posted count whose only change since is a row the same as one posted (pasted or typed again): its top-up
    # would be that row's units again, a gain of goods never there (before: posted, ✓, "make sure it was not
    # entered twice" beside it). Held: a second bin of the same count is told apart by its 备注
    for x in lines:
        if posted and x.counters and twice[x.sku] and x.diff - x.posted == twice[x.sku]:
            k, a, b = twice_said.pop(x.sku)
            x.counted -= twice[x.sku]
            x.diff -= twice[x.sku]
            x.value = by_sku[x.sku].cost * x.diff
            warnings[k] = ((f"“{at_zh}”表第 {own_row(b.row)} 行和已过账的第 {own_row(a.row)} 行完全相同（{x.sku}，数量 {b.counted}）"
                           f"，是这次过账唯一的变化：多半是重复录入，没有补记 {twice[x.sku]:+d}。重复的话请删掉第 {own_row(b.row)} 行；"
                           "确实是另一处数到的，请在备注里写上位置（如库位），再过账"),
                           (f"{at_en} row {own_row(b.row)} is the same as row {own_row(a.row)}, posted already ({x.sku}, "
                           f"{b.counted}), and the only change since: most likely entered twice, so "
                           f"{twice[x.sku]:+d} was not posted. If so, delete row {own_row(b.row)}; if it was counted "
                           "in another place, write the place (the bin) in its note, then post again"))
    # count rows added after a first posting (a second counter, another SKU) still get posted:
    # each SKU gets the adjustment now wanted less what this count's postings already made
    adjustments = [Movement.from_cells({"date": date, "sku": x.sku, "type": MovementType.ADJUST,
                                        "qty": x.diff - x.posted, "ref": ref,
                                        "note": (("盘盈" if x.diff - x.posted > 0 else "盘亏") + (TOP_UP[0] if posted or x.sku in moved_skus else "")
                                                 if lang == "zh" else
                                                 ("stocktake gain" if x.diff - x.posted > 0 else "stocktake loss")
                                                 + (TOP_UP[1] if posted or x.sku in moved_skus else ""))})
                   for x in lines if x.diff != x.posted]
    # what changed since the first posting; not an uncounted SKU zeroed now, for the first time (--zero-uncounted
    # run after the posting that listed them, as it says to: before, "its count rows or movements have changed")
    changed = [x for x in lines if x.diff != x.posted and (x.counters or x.posted)]
    if posted and changed:
        # cut as the other lists (before: every SKU of a recount in one sentence); the rest are the 出入库 rows
        # of this count's 单号, each SKU's adjustment there
        zh, en = few([f"{x.sku} 应调 {x.diff:+d}，已调 {x.posted:+d}，补记 {x.diff - x.posted:+d}" for x in changed],
                     en=[f"{x.sku} should be {x.diff:+d}, {x.posted:+d} posted, now {x.diff - x.posted:+d}"
                         for x in changed], sep=("；", "; "), where=_ref_rows(ref))
        # (either changes the difference: a count row added, or a movement of that day or before typed late)
        warnings.append((f"{date} 的盘点之前已过账过；此后盘点行，或 {date} 当天及之前的出入库有增改（如补录的出库），只补记差额：{zh}",
                         f"The count of {date} was posted before; since then its count rows, or the movements of "
                         f"{date} or before, have changed (a stock-out entered late, say), so only the difference "
                         f"is posted: {en}"))
    kept = sorted(sku for sku, q in done.items() if q and sku not in {x.sku for x in lines} and sku not in held)
    if kept:
        zh_k, en_k = few(kept, where=_ref_rows(ref))
        warnings.append((f"{zh_k} 已有这次盘点（{ref}）的调整，但现在没有它们的盘点行：调整保留未动，请核对",
                         f"{en_k} have adjustments of this count ({ref}) but no count rows now: "
                         "the adjustments stay as they are; check them"))
    for x in lines:
        # the count is taken as at the day's end: one that is exactly the book before that day's
        # movements was most likely counted before them (the morning's count, the parcels shipped after)
        if x.diff and that_day[x.sku] and x.diff == -that_day[x.sku]:
            before = x.book - that_day[x.sku]
            warnings.append((f"{x.sku} 实盘 {x.counted} 正好是盘点当天出入库（{that_day[x.sku]:+d}）之前的账面 {before}：如果是在这些"
                             f"出入库之前数的，其实没有差异，{x.diff:+d} 不应过账；请确认盘点的时间：是的话，把“{at_zh}”表里 {x.sku} "
                             f"的实盘数量改为共 {x.book}（当天结束时的账面），再过账（{x.diff:+d} 已过账的话会冲回）",
                             f"{x.sku}: counted {x.counted}, exactly the book of {before} before that day's movements "
                             f"({that_day[x.sku]:+d}): if it was counted before them there is no difference, and "
                             f"{x.diff:+d} should not be posted; check when it was counted: if so, change {x.sku}'s "
                             f"counts on the {at_en} sheet to {x.book} in all (the book at the day's end) and post "
                             f"again ({x.diff:+d}, if posted, is then taken back)"))
    adjusted = {m.sku for m in posted}  # (a SKU with none: first counted now)
    for x in lines:
        if since[x.sku]:
            # a SKU first counted now (its row blank at the posting: a shelf counted later that day) may have been
            # counted after those movements: then they are in its count, and posted as a difference they count twice
            then = x.counted - since[x.sku]
            late = ((f"；如果 {x.sku} 是在这些出入库之后才数的（如上次过账时它的实盘数量还空着），请把它的实盘数量改为共 {then}，再过账"
                     f"（{x.diff - x.posted:+d} 已过账的话会冲回）"),
                    (f"; if {x.sku} was counted after them (its count blank at the last posting, say), change its "
                     f"counts to {then} in all, then post again ({x.diff - x.posted:+d}, if posted, is then taken back)")
                    ) if x.sku not in adjusted and x.diff != x.posted and x.counters else ("", "")
            warnings.append((f"{x.sku} 在这次盘点过账之后录入了 {date} 当天的出入库（{since[x.sku]:+d}）：算在盘点之后，"
                             f"不计入盘点差异：当天结束时账面 {x.counted + since[x.sku]}" + late[0],
                             f"{x.sku}: movements of {date} entered after this count was posted ({since[x.sku]:+d}) "
                             f"count as after the count, not as a difference: the book at the day's end is "
                             f"{x.counted + since[x.sku]}" + late[1]))
        # (a count that matches the book has nothing to check there: before, one warning for every SKU counted that
        # sold since, 125 of the demo's 131 about counts that matched, the differences' own warnings cut off below)
        if x.moved_after and x.diff:
            warnings.append((f"{x.sku} 在盘点日之后有出入库，请确认盘点时这些货是否已经在或不在货架上",
                             f"{x.sku} moved after the count date: check whether those goods were on the shelf when it was counted"))
    # every count matched: nothing to adjust, but the posting is marked (a 调整 of 0), or a parcel shipped later
    # that day and typed after it would be taken as before the count, and posting again would hand its units
    # back as a gain (67 counted, matching; 2 shipped in the afternoon: +2 posted, book 67, the shelf 65)
    mark = (Movement.from_cells({"date": date, "sku": lines[0].sku, "type": MovementType.ADJUST, "qty": 0,
                                 "ref": ref, "note": MATCHED_NOTE[lang == "en"]})
            if lines and not posted and not moved and not adjustments else None)
    if moved:
        warnings.insert(0, moved_said(moved, date))
    if blank:  # first: what is left out of this posting, and what to do
        held &= today_counted  # (those with none counted are listed as uncounted)
        # two counters each on a copy of the count sheet, each counting their own shelves: every blank row of a SKU
        # counted is on the copy of a counter who did not count it (before: only "count them", nothing posted)
        copies = bool(held) and all(c.counter and c.counter not in by[c.sku] for c in blank if c.sku in held)
        warnings.insert(0, blank_said(blank, held, zero_uncounted, at_zh, at_en, copies))
    return StocktakePlan(date, lines, uncounted, adjustments, already_posted=bool(posted or moved) and not adjustments,
                         warnings=warnings, zero_uncounted=zero_uncounted, mark=mark, count_sheet=count_sheet,
                         blank=blank)


def counted_twice(day: list[StocktakeCount], counted: Counter, book: Counter, warned: set[str], at_zh: str,
                  at_en: str) -> list[tuple[str, str]]:
    """(zh, en) for each SKU whose rows of the day no 备注 tells apart (the same note, or none) hold two or more
    figures each nearer the book than their sum: one place counted twice (two counters each counting the same shelf,
    or a recount typed below the first), where rows of different places add up to the book (25 + 44 for 68) and a
    shelf with a few more in the back leaves one of them far from it (60 + 5 for 62). Added up all the same (a
    count sheet's rows of a SKU add up), said: before, 60 + 66 on a book of 67 was posted as a gain of 59, unsaid.
    `warned`: SKUs whose rows were said the same already."""
    rows: dict[str, list[StocktakeCount]] = defaultdict(list)
    for c in day:
        rows[c.sku].append(c)
    out = []
    for sku, rs in rows.items():
        notes = Counter(c.note or "" for c in rs)
        rs = [c for c in rs if notes[c.note or ""] > 1]  # (a row its note tells apart, 里间, is of its own place)
        if len(rs) < 2 or sku in warned or book[sku] <= 0:
            continue
        off = abs(counted[sku] - book[sku])
        whole = [c for c in rs if abs(c.counted - book[sku]) < off]
        if len(whole) < 2:
            continue
        at = "、".join(str(own_row(c.row)) for c in rs), ", ".join(str(own_row(c.row)) for c in rs)
        each = ("，".join(f"{_name(c.counter)[0]} {c.counted}" for c in rs),
                ", ".join(f"{_name(c.counter)[1]} {c.counted}" for c in rs))
        out.append((f"“{at_zh}”表第 {at[0]} 行都是 {sku}（{each[0]}），备注没有分开是哪个地方，已相加为 {counted[sku]}，账面 {book[sku]}："
                    f"其中 {len(whole)} 行单独就比相加的数更接近账面，像是同一个地方数了两次（两个人各数了一遍，或重数后两次都录入了）。"
                    "是的话，删掉多余的行，再过账（已过账的会按改后的补记）；确实是不同地方的，请在备注里写上位置（如库位）",
                    f"{at_en} rows {at[1]} are all {sku} ({each[1]}), with no note telling their places apart, added up "
                    f"to {counted[sku]} against a book of {book[sku]}: {len(whole)} of them are each nearer the book "
                    "than the sum, as if one place was counted twice (two counters each counting it, or a recount "
                    "typed in as well). If so, delete the extra rows, then post again (what was posted is put right); "
                    "if they were different places, write each place (the bin) in its note"))
    return out


def moved_postings(movements: list[Movement], counts: list[StocktakeCount], date: dt.date) -> list[Movement]:
    """The adjustments of a count posted under a later day of this stocktake (within SAME_STOCKTAKE days) for a SKU
    counted on `date` that has no count row on that day any more: its row's date corrected after it was posted
    (12-05 typed for 12-04, or the rows moved to the day printed_day_said or filled_down advise). The book of
    `date` holds none of them (they are dated after it): posted again, the count's gain or loss was booked twice
    (−57 under 盘点20261205 and −57 under 盘点20261204, the book −47 for a shelf of 10)."""
    today = {c.sku for c in counts if c.date == date and c.sku}
    rows_on: dict[dt.date, set[str]] = defaultdict(set)
    for c in counts:
        if c.date and c.sku:
            rows_on[c.date].add(c.sku)
    return [m for m in movements if m.type is MovementType.ADJUST and m.qty and m.date and m.ref
            and date < m.date <= date + dt.timedelta(days=SAME_STOCKTAKE) and m.ref in count_refs(m.date)
            and m.sku in today and m.sku not in rows_on[m.date]]


def moved_said(moved: list[Movement], date: dt.date) -> tuple[str, str]:
    """(zh, en) the SKUs whose count was posted under a later day (moved_postings): taken as posted, and how to have
    their adjustment under `date` instead."""
    skus = sorted({m.sku for m in moved})
    days = sorted({m.date for m in moved})
    refs = list(dict.fromkeys(m.ref for m in moved))
    zh, en = few(skus)
    on = "、".join(map(str, days)), ", ".join(map(str, days))
    return ((f"{zh}（{len(skus)} 个 SKU）的盘点已按 {on[0]} 过账（单号 {'、'.join(refs)}），{on[0]} 现在没有它们的盘点行："
             f"多半是过账后把盘点行的日期改成了 {date}。那次过账算作这次盘点的，没有再记一次（否则盘盈盘亏记两次）。要把调整记在 "
             f"{date} 的话，先删掉 stock.xlsx 的“{Movement.zh}”表里单号 {'、'.join(refs)} 的这些行，再过账"),
            (f"{en} ({en_count(len(skus), 'SKU')}) had their count posted under {on[1]} ({', '.join(refs)}), and "
             f"{on[1]} has no count row of them now: most likely the rows' date was changed to {date} after posting. "
             "That posting is taken as this count's and nothing was posted again (the gain or loss would be booked "
             f"twice). To have the adjustments under {date}, delete the {', '.join(refs)} rows of the {Movement.en} "
             "sheet of stock.xlsx first, then post again"))


def blank_said(blank: list[StocktakeCount], held: set[str], zeroed: bool, at_zh: str, at_en: str,
               copies: bool = False) -> tuple[str, str]:
    """(zh, en) the rows of a count left blank: how many, which (row and SKU, the first few), and what to do. A
    SKU of `held` has other rows counted, not posted until every one of its rows is (or --zero-uncounted).
    `copies`: each blank of those is another counter's row: most likely two copies of the count sheet, said."""
    n = len(blank)
    rows = few([f"第 {own_row(c.row)} 行 {c.sku}" for c in blank], en=[f"row {own_row(c.row)} {c.sku}" for c in blank])
    if zeroed:
        return (f"“{at_zh}”表 {n} 行的实盘数量空着（{rows[0]}）：--zero-uncounted 按 0 计",
                (f"{en_count(n, 'row')} of the {at_en} sheet {'have' if n > 1 else 'has'} no count ({rows[1]}): "
                 "--zero-uncounted counts them as 0"))
    zh_h, en_h = few(sorted(held))
    return (f"“{at_zh}”表 {n} 行的实盘数量空着（{rows[0]}），算作还没盘点，没有过账"
            + (f"；{zh_h} 别的行数了，也等这些行数好后一起过账" if held else "")
            + "：数好后填上件数（一件也没有填 0），再过账（已过账的不会重复记）"
            + ("。两个人各拿一份盘点表、各数各的货架的话，一份上空着的是另一个人数过的：这些空行填 0（或删掉），再过账" if copies else ""),
            f"{en_count(n, 'row')} of the {at_en} sheet {'have' if n > 1 else 'has'} no count ({rows[1]}), "
            "taken as not counted yet and not posted"
            + (f"; {en_h}, counted on other rows, {'wait' if len(held) > 1 else 'waits'} for these rows too" if held else "")
            + ": type the units counted (0 if none), then post again (what was posted is not posted twice)"
            + (". If two counters each filled in a copy of the count sheet, counting their own shelves, a row blank "
               "on one copy was counted on the other: type 0 in those rows (or delete them), then post again"
               if copies else ""))


def filled_down(counts: list[StocktakeCount], date: dt.date) -> tuple[int, int, dt.date, dt.date] | None:
    """(first row, last row, first date, last date) of a run of 3 or more rows, one under the other, each dated a
    day after the row above, holding a row of `date`: a date dragged down with Excel's fill handle, which adds a
    day a row (12-01, 12-02, 12-03 …), where the count's rows all take one day. None where there is none: a
    count taken over two days steps a day once, not row by row; a SKU spot-checked daily repeats its SKU."""
    rows = sorted((c for c in counts if c.row and c.date), key=lambda c: c.row)
    start = 0
    for k in range(1, len(rows) + 1):
        if k < len(rows) and rows[k].row == rows[k - 1].row + 1 and rows[k].date == rows[k - 1].date + dt.timedelta(1):
            continue
        run = rows[start:k]
        # (each row another SKU, as a count sheet's list: one SKU checked daily, a row a day, is no slip)
        if len(run) >= 3 and any(c.date == date for c in run) and len({c.sku for c in run}) == len(run):
            return own_row(run[0].row), own_row(run[-1].row), run[0].date, run[-1].date
        start = k
    return None


def printed_day_said(plan: StocktakePlan, products: list[Product], movements: list[Movement], printed: dt.date
                     ) -> list[tuple[str, str]]:
    """(zh, en) where the SKUs that differ from the book are, most of them, exactly the book at the end of
    `printed`, the day of this stocktake's count sheet (none printed for the count's own date): counted that
    day and typed later under the day of typing, their difference is what moved since, no gain or loss."""
    then = on_hand(products, movements, printed)  # (a count's mark moves nothing: 0 of 调整)
    diff = [x for x in plan.lines if x.diff]
    same = [x.sku for x in diff if x.counted == then[x.sku]]
    if not same or len(same) * 2 < len(diff):
        return []
    zh, en = few(same)
    at_zh, at_en = plan.counts_at()
    return [((f"与账面不同的 {len(diff)} 个 SKU 里，{len(same)} 个（{zh}）的实盘数量正好是 {printed}（这次盘点表打印的日期）结束时的账面：如果"
             f"是 {printed} 数的、后来才录入，差异只是之后的出入库，不是盘盈盘亏：请把“{at_zh}”表里这些行的日期改为 {printed}，"
             f"按 --date {printed} 过账"),
             (f"Of the {en_count(len(diff), 'SKU')} differing from the book, {len(same)} ({en}) were counted exactly "
             f"the book at the end of {printed} (the day this stocktake's count sheet was printed): if they were "
             f"counted that day and typed in later, the difference is only what moved since, no gain or loss: "
             f"date those rows of the {at_en} sheet {printed} and post with --date {printed}"))]


def packed_said(plan: StocktakePlan, packed: dict[str, tuple[int, list[str]]],
                shipped: dict[str, dt.date] | None = None) -> list[tuple[str, str]]:
    """(zh, en) for each SKU counted short while some of its units stood in parcels picked and not shipped
    (`packed`: SKU → units, orders): their 出库 is posted when they ship, so the book still holds them,
    and a count of the shelf alone books them as a loss, the book below the shelf once they go. `shipped`: the
    orders of those shipped since the count (order → 发货日期): named with their day, their 出库 posted already."""
    at_zh, at_en = plan.counts_at()
    out, shipped = [], shipped or {}
    for x in plan.lines:
        if x.diff >= 0 or x.sku not in packed:
            continue
        n, orders = packed[x.sku]
        zh_o, en_o = few([o + (f" {shipped[o]:%m-%d} 发货" if o in shipped else "") for o in orders],
                         en=[o + (f" shipped {shipped[o]:%m-%d}" if o in shipped else "") for o in orders])
        gone = any(o in shipped for o in orders)  # (a count posted after they left: on the bench when counted)
        in_zh = "盘点时已拣货、还没发货的包裹里" if gone else "已拣货、还没发货的包裹里"
        in_en = "parcels picked and not shipped yet at the count" if gone else "parcels picked and not shipped yet"
        if x.diff == -n:  # exactly the parcels' units short: most likely no loss at all
            out.append(((f"{x.sku} 实盘 {x.counted}，账面 {x.book}：差的 {n} 件正好在{in_zh}（{zh_o}）：盘点时包裹"
                        f"不在货架上的话，这不是盘亏：请把“{at_zh}”表里 {x.sku} 的实盘数量改为共 {x.book}（加上包裹里的），再过账"
                        f"（{x.diff:+d} 已过账的话会冲回）；" + ("发货时已记出库" if gone else "发货时出库会扣掉它们")),
                        (f"{x.sku} counted {x.counted}, the book {x.book}: the {n} short are exactly the units in "
                        f"{in_en} ({en_o}): if the parcels were off the shelf when counted, "
                        f"this is no loss: change {x.sku}'s counts on the {at_en} sheet to {x.book} in all (with the "
                        f"parcels' units), then post again ({x.diff:+d}, if posted, is then taken back); shipping "
                        + ("posted them out" if gone else "posts them out"))))
        else:
            out.append(((f"{x.sku} 有 {n} 件在{in_zh}（{zh_o}）：盘点时没有数进去的话，请在“{at_zh}”表里 "
                        f"{x.sku} 的实盘数量加上 {n}，再过账，否则它们记成盘亏，" + (
                            f"发货时又记了出库，账面会比货架少 {n} 件" if gone else f"发货后账面会比货架少 {n} 件")),
                        (f"{x.sku} has {en_count(n, 'unit')} in {in_en} ({en_o}): if they "
                        f"were not counted, add {n} to {x.sku}'s counts on the {at_en} sheet, then post again; "
                        f"else they are booked as a loss, and the book is {n} below the shelf "
                        + ("as they were shipped out too" if gone else "once they ship"))))
    return out


def unposted_days(movements: list[Movement], counts: list[StocktakeCount], date: dt.date) -> dict[dt.date, set[str]]:
    """The other count dates none of whose counts were posted (no 调整 carries their ref), each with
    the SKUs counted that day."""
    posted = {m.ref for m in movements if m.type is MovementType.ADJUST and m.ref}
    days: dict[dt.date, set[str]] = defaultdict(set)
    for c in counts:
        if c.date and c.date != date:
            days[c.date].add(c.sku)
    return {d: skus for d, skus in sorted(days.items()) if posted.isdisjoint(count_refs(d))}


def a_year_early(day: dt.date, counts: list[StocktakeCount], today: dt.date | None) -> dt.date | None:
    """The day a count dated `day` likely means where it is a year before the shop's other counts (2026-01-02
    typed for 2027-01-02 in the first days of a year, by habit): a year on, it is by `today` and within a
    week of the latest other count date, which lies months after it. None where it is no such slip."""
    try:
        meant = day.replace(year=day.year + 1)
    except ValueError:  # 02-29
        return None
    latest = max((c.date for c in counts if c.date and c.date != day), default=None)
    if latest is None or today is None or (latest - day).days < 300:
        return None
    return meant if latest - dt.timedelta(days=SAME_STOCKTAKE + 1) <= meant <= today else None


def not_posted(products: list[Product], movements: list[Movement], counts: list[StocktakeCount], date: dt.date,
               lang: str = "zh", today: dt.date | None = None, count_sheet: str = "",
               by_button: dict | None = None) -> list[tuple[str, str]]:
    """A warning for each other count date whose counts were never posted and differ from the book
    (a stocktake over two days, typed under each day's date): posting `date` leaves them out, and
    the 盘点过账 button posts only the latest date, so they would be lost unsaid. A date after `today`
    cannot be posted (stocktake post refuses it): most likely a typo of the date, said as that.
    `by_button` (StocktakePlan.by_button) gets how the button's box says one that names the command posting it:
    the button has no --date, it posts the latest day, so the day before is the command line's to post."""
    out, (at_zh, at_en) = [], count_sheet_names(count_sheet)
    for other in unposted_days(movements, counts, date):
        skus = [x.sku for x in plan_stocktake(products, movements, counts, other, lang=lang).lines if x.diff]
        if skus and (meant := a_year_early(other, counts, today)) is not None:  # posting it would post a year back
            zh, en = few(sorted({c.sku for c in counts if c.date == other}))
            out.append(((f"“{at_zh}”表里有日期为 {other} 的盘点（{zh}），比其他盘点早了一年：是不是 {meant} 的年份写错了？"
                         f"请改正日期，再过账（按 {other} 过账会按一年前的账面记盘盈盘亏）"),
                        (f"The {at_en} sheet has counts dated {other} ({en}), a year before the other counts: is it "
                         f"{meant} with the year mistyped? Correct the date, then post (posted as {other}, they would "
                         "be set against the book of a year ago)")))
        elif skus and today is not None and other > today:
            zh, en = few(sorted({c.sku for c in counts if c.date == other}))
            out.append((f"“{at_zh}”表里有日期为 {other} 的盘点（{zh}），这个日期在未来，不能过账：是不是日期打错了（应是 {date}？）"
                        "：请改正日期，再过账",
                        f"The {at_en} sheet has counts dated {other} ({en}), a date in the future, which cannot be "
                        f"posted: a typo of the date ({date}?): correct it, then post"))
        elif skus:
            zh, en = few(skus)
            head = (f"“{at_zh}”表里 {other} 的盘点（{len(skus)} 个 SKU 与账面不同：{zh}）还没有过账，这次只过账了 {date} 的：",
                    f"The {at_en} sheet's counts dated {other} ({en_count(len(skus), 'SKU')} differing from "
                    f"the book: {en}) were never posted, and posting {date} leaves them out: ")
            said = (f"{head[0]}请再过账它：shopbook stocktake post 店铺 --date {other}",
                    f"{head[1]}post them too: shopbook stocktake post SHOP --date {other}")
            out.append(said)
            if by_button is not None:  # (pressed again, the button posts {date} again: "posted already")
                by_button[said] = lambda b, head=head, other=other: (
                    f"{head[0]}“{b[0]}”按钮只过账最新一天的盘点，过账 {other} 的请在命令行运行 "
                    f"shopbook stocktake post 店铺 --date {other}（已过账的不会重复记）",
                    f"{head[1]}the {b[1]} button posts only the latest day's count: post {other}'s on the command "
                    f"line, shopbook stocktake post SHOP --date {other} (what was posted already is not posted twice)")
    return out


def _name(counter: str | None) -> tuple[str, str]:
    """A counter's name as shown in a message: a blank one says so, never "None"."""
    return (counter, counter) if counter else ("（未填）", "(blank)")
