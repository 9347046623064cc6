"""Stock as shop-level operations: read the workbooks, call the pure core, write
results (the 库存汇总 sheet, the count sheet, 调整 movements). The CLI and the
Excel buttons both call these."""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path


from ..io.cells import append
from ..io.files import write_atomic
from ..io.journal import writes_shop
from ..io.reader import WorkbookData, gc_paused, part_for, read_workbook
from ..io.sheet_edit import SheetEdit, Writer, edit_workbook
from ..io.xlsx_patch import Formula, NewSheet
from ..issues import DataStop, Issue, at, en_count, few, first, issue_said, own_row, stop_on
from ..schema import (ORDERS, STOCK, Movement, OrderLine, Product, ProductStatus, PurchaseLine, SkuMap, StocktakeCount,
                      Supplier, Supply, WaitlistEntry)
from ..shop import Shop, day_given, days_given, shop_given
from ..validate.rules import (FIX_SKU, after_today, check_counts, check_movements, check_products, check_references,
                              check_unique, sku_of_barcode, sku_of_supplier_code, skus_of_map)
from . import report
from .levels import on_hand, on_order_today, ordered_ahead
from .stocktake import (SAME_STOCKTAKE, a_year_early, count_refs, count_sheet_names, count_sheet_rows, filled_down,
                        not_posted, packed_said, plan_stocktake, printed_day_said)

SUMMARY_TITLE = {"zh": "库存汇总", "en": "Stock summary"}
# a past day's summary: which orders were approved and not yet shipped that day is not recorded anywhere
PAST_NOTE = ("（过去的日期：订单只记着现在的状态，看不出那天哪些已占用库存，所以已占用、可用不显示）",
             " (a past date: orders show only where they stand now, not which held stock that day, so reserved "
             "and available are not shown)")


@dataclass
class StockData:
    products: list[Product]
    movements: list[Movement]
    counts: list[StocktakeCount]
    waitlist: list[WaitlistEntry]
    supplies: list[Supply]
    lines: list[OrderLine]
    count_errors: list[Issue]
    book: WorkbookData  # as read: where an issue's cell is
    purchases: list[PurchaseLine] = None  # the 采购 sheet: what is on order
    purchase_errors: list[Issue] = None  # a wrong 采购 row makes every on-order figure wrong


def stock_errors(wd) -> list[Issue]:
    """What `shopbook validate` calls an error in products or movements, located: any
    of them makes every stock figure wrong (a duplicate SKU, a negative 出库). Worked out
    once per read: the daily job's steps share one read of stock.xlsx (io.reader.read_cache)
    and each asks (a year's movements: 0.04 s a time, seven times)."""
    known = _checked.get(id(wd))
    if known is not None and known[0]() is wd:
        return list(known[1])
    products, movements = wd.rows(Product), wd.rows(Movement)
    # (商品 read without its 商家编码, a header typo: that one error, not one per movement naming a SKU)
    wrong = wd.locate(check_unique(products, Product) + check_products(products) + check_unique(movements, Movement)
                      + check_movements(movements) + (sku_references(wd, movements)
                                                      if wd.has_column(Product, "sku") else []))
    errors = wd.errors_in(Product, Movement) + [i for i in wrong if i.is_error]
    _checked[id(wd)] = (weakref.ref(wd), errors)
    weakref.finalize(wd, _checked.pop, id(wd), None)  # gone with the read it belongs to
    return list(errors)


_checked: dict[int, tuple] = {}  # id of a WorkbookData → (a weak reference to it, its stock errors)


def sku_references(wd: WorkbookData, records: list) -> list[Issue]:
    """Rows of stock.xlsx naming a SKU the 商品 sheet lacks, as validate says them: a barcode typed there names
    its SKU, a 商品映射 code (a bundle, 组合装) the parts to type (before: "add it to 商品" on the stop of `stock`,
    `stocktake post` and the alerts, which made a second product of it, where validate said what it is). The
    orders.xlsx beside it is read for its 商品映射 only where such a row is there."""
    skus = wd.keys(Product, "sku")  # with a product whose row has a typo: that typo is its one error
    if {r.sku for r in records} - {None} <= skus:  # (the common case, at C speed)
        return []
    return check_references(records, "sku", skus, "商家编码", "SKU", *FIX_SKU, barcodes=sku_of_barcode(wd.rows(Product)),
                            mapped=_bundles(wd.path.with_name(ORDERS.filename)),
                            supplier_codes=sku_of_supplier_code(wd.rows(Product)))


def _bundles(orders: Path) -> dict[str, list[tuple[str, int]]]:
    """The 商品映射 codes of `orders` and what each stands for; none where it is not there or does not read (the
    row is then said as an unknown SKU, as before)."""
    try:
        return skus_of_map(read_workbook(orders, ORDERS, (SkuMap,)).rows(SkuMap)) if orders.exists() else {}
    except Exception:  # noqa: BLE001 - only better words for a stop already due: never a stop of its own
        return {}


def load_stock(shop: Shop, need_orders: bool = True) -> StockData:
    """The stock sheets, stopped on stock_errors. Errors in the stocktake counts stop only
    the posting of a count (`count_errors`): no other figure uses them."""
    wd = read_workbook(shop_given(shop).path(STOCK), STOCK)
    products, movements, counts = wd.rows(Product), wd.rows(Movement), wd.rows(StocktakeCount)
    d = StockData(products, movements, counts, wd.rows(WaitlistEntry), wd.rows(Supply), [], [], wd)
    stop_on_sheets(stock_errors(wd), ("商品", "Products"), shop.path(STOCK))
    counted = wd.locate(check_unique(counts, StocktakeCount) + check_counts(counts)
                        + (sku_references(wd, counts) if wd.has_column(Product, "sku") else []))
    d.count_errors = wd.errors_in(StocktakeCount) + [i for i in counted if i.is_error]
    d.purchases = wd.rows(PurchaseLine)
    d.purchase_errors = wd.errors_in(PurchaseLine)
    if need_orders:
        d.lines = order_lines(shop)
    return d


def order_lines(shop: Shop) -> list[OrderLine]:
    """What orders hold, for a figure that counts them (reserved, sold): a missing orders.xlsx, or a
    line that does not read, would make it quietly wrong, so it stops as the order commands stop."""
    orders = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,))
    stop_on_sheets(orders.errors_in(OrderLine), ("订单", "Orders"), shop.path(ORDERS))
    return orders.rows(OrderLine)


def stop_on_sheets(errors: list[Issue], sheet: tuple[str, str], path: Path) -> None:
    """stop_on, the errors named by the sheets they are on (出入库：2 个数据错误…), `sheet` where none
    is: the stop names the workbook already (before: …/stock.xlsx: stock.xlsx：2 个数据错误…)."""
    where = list(dict.fromkeys(i.sheet for i in errors if i.sheet))
    stop_on(errors, "、".join(where) or sheet[0], ", ".join(where) or sheet[1], path)


@writes_shop("stock summary")
@gc_paused()
def stock_summary(shop: Shop, as_of: dt.date | None = None, write: Writer = edit_workbook,
                  today: dt.date | None = None) -> SummaryRows:
    """On-hand, reserved, available, value at cost, last sale and receipt per SKU, also
    written as the 库存汇总 sheet of stock.xlsx (shopbook's own sheet, replaced each time).
    `as_of` a day before `today`: on-hand from the movements up to it, reserved and available left
    blank (orders say where they stand now, not which were approved and unshipped that day)."""
    as_of = day_given(as_of, "as_of")
    today = day_given(today, "today") or dt.date.today()
    if as_of is not None and as_of > today:  # (before: today's figures titled with that day, and the movements
        # typed ahead — 2027 for 2026 — counted in, as a purchase suggest --date ahead is refused)
        raise DataStop(f"--as-of {as_of} 在未来（今天是 {today}）：那天的库存还不知道，到那天为止的出入库还没有发生。"
                       "没有写入库存汇总。请核对 --as-of（年份或月份打错了？），或去掉 --as-of 看今天的库存。",
                       f"--as-of {as_of} is in the future (today is {today}): that day's stock is not known yet, its "
                       "movements have not happened. The stock summary was not written. Check --as-of (a year or "
                       "month mistyped?), or drop --as-of for today's stock.")
    past = as_of is not None and as_of < today
    d = load_stock(shop, need_orders=not past)
    stop_on(d.purchase_errors, "采购", "Purchases", shop.path(STOCK))
    # today's stock leaves out a movement dated after today until its day, as the alerts do (before: in
    # the summary's 库存, not in the alerts'); a past --as-of leaves out those after it (a day ahead: refused above)
    rows = report.summary(d.products, d.movements, None if past else d.lines, as_of or today, d.purchases)
    lang = shop.lang
    head = list(SUMMARY_HEAD[lang])
    title = SUMMARY_TITLE[lang] + (f" {as_of:%Y-%m-%d}" if as_of else "") + (PAST_NOTE[lang == "en"] if past else "")
    body = [[r.sku, r.name, r.colour, r.size, r.bin, r.on_hand, r.reserved, r.available, r.cost, r.value,
             r.last_sale, r.last_receipt, r.on_order] for r in rows]
    ours = SUMMARY_TITLE[lang]
    # (the workbook opened once for both; a workbook open in Excel: as on screen, typed and not yet saved)
    there = _sheets_there(shop.path(STOCK), (ours, f"{ours}-shopbook"), write)
    name = _summary_title(there, ours, head)
    was = there.get(name) if name in there and there[name][:1] and _is_ours(there[name][0]) else []
    kept = _typed_in(was, {r.sku for r in rows})
    head += kept.head
    cols = _column_map(list(was[0]) if was else [], head, kept.cols)
    last = len(body) + 1  # the table's last row
    body = [b + [_moved(v, kept.rows.get(b[0]), n, cols, (kept.last, last))
                 for v in kept.cells.get(b[0], [""] * (len(head) - len(b)))]
            for n, b in enumerate(body, 2)]  # (备注 and a person's columns; a formula moved with its SKU's row)
    formats = {8: "#,##0.00", 9: "#,##0.00", 10: "yyyy-mm-dd", 11: "yyyy-mm-dd"}
    formats.update({i: "yyyy-mm-dd" for i in range(len(SUMMARY_HEAD["zh"]) - 1, len(head))
                    if any(isinstance(b[i], dt.date) for b in body)})  # a date a person typed stays one
    foot = [[_foot_moved(v, kept.last, last, cols) for v in r] for r in [kept.title, *kept.foot]]
    new = [head] + body + [[title] + foot[0]] + foot[1:]
    sheet = NewSheet(name, new, widths=[16, 22, 8, 6, 10, 8, 8, 8, 10, 12, 12, 12, 8, 24] + [12] * (len(head) - 14),
                     formats=formats)
    if was:
        to = _cell_moves(was, new, last, cols)
        sheet.cell_styles, sheet.formats_from = _styles_kept(was, to), _formats_from(was, to)
    out = SummaryRows(rows)
    out.ahead = _ahead(d, today) if (as_of or today) == today else []  # (another day's leaves out the days after it)
    out.sheet = sheet.title
    out.past = past
    out.unplaced = kept.unplaced
    out.backup = getattr(write, "keeps_backup", True)
    out.written = not _holds(there.get(sheet.title), sheet)
    if out.written:  # the same figures again: no rewrite, no backup pushing out older ones
        write(shop.path(STOCK), own_sheets=[sheet], lang=lang)
    return out


# the 库存汇总 sheet's columns; the last, 备注, is a person's: what is typed there (and in columns a
# person adds after it) is carried over, SKU by SKU, each time the sheet is rewritten
SUMMARY_HEAD = {"zh": ("商家编码", "名称", "颜色", "尺码", "库位", "库存", "已占用", "可用", "成本价", "库存金额", "最后销售",
                       "最后入库", "在途", "备注"),
                "en": ("SKU", "Name", "Colour", "Size", "Bin", "On hand", "Reserved", "Available", "Cost",
                       "Value at cost", "Last sale", "Last receipt", "On order", "Note")}


def _as_read(v):
    """A cell as the sheet showed it: a date Excel hands back as midnight of that day, that day."""
    return v.date() if isinstance(v, dt.datetime) and v.time() == dt.time() else v


def _is_title(v) -> bool:
    """Whether a cell is the title shopbook writes below the 库存汇总 table."""
    return isinstance(v, str) and v.startswith(tuple(SUMMARY_TITLE.values()))


def _is_ours(first_row: list) -> bool:
    """Whether a sheet's first row is the 库存汇总 header shopbook writes (either language)."""
    return any(list(first_row[:5]) == list(h[:5]) for h in SUMMARY_HEAD.values())


@dataclass
class _Typed:
    head: list  # the headers of the columns a person added (after 备注)
    cells: dict[str, list]  # SKU → its 备注, then its values under `head`
    unplaced: list[tuple[str, str]]  # (zh, en) of what was typed where the new sheet has no place for it
    title: list = field(default_factory=list)  # what was typed beside the title row (after its first cell)
    foot: list = field(default_factory=list)  # the rows below the title: a person's, written again as they were
    rows: dict[str, int] = field(default_factory=dict)  # SKU → the row its cells were on (a formula's own row)
    cols: list = field(default_factory=list)  # the old column of 备注 (None: none), then of each of `head`
    last: int | None = None  # the old table's last row (Excel's number), where it had a title under it


_PART = re.compile(r"(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?")


def _refs_moved(v, row, cols: dict[int, int]):
    """Formula `v` with its references to this sheet's cells moved: each column by `cols` (its old
    0-based index → the new, where the rewrite moved it: a column a person inserted is gone, a figure
    shopbook added shifts the rest), each row by `row(k, rows, r, absolute)` (the k-th row number r of a
    reference whose row numbers are `rows`). References to other sheets, and names, stay as they are."""
    from openpyxl.formula.tokenizer import Token, Tokenizer
    from openpyxl.utils import column_index_from_string, get_column_letter

    def part(text: str, k: int, rows: list) -> str:
        m = _PART.fullmatch(text)
        d1, letters, d2, r = m.groups()
        if letters:
            j = column_index_from_string(letters.upper()) - 1
            letters = get_column_letter(cols.get(j, j) + 1)
        return f"{d1}{letters or ''}{d2}{row(k, rows, int(r), bool(d2 if letters else d1)) if r else ''}"

    try:
        tok = Tokenizer(v)
    except Exception:  # noqa: BLE001 - a formula openpyxl cannot parse: carried as it is
        return v
    for t in tok.items:
        if t.type != Token.OPERAND or t.subtype != Token.RANGE or "!" in t.value:
            continue
        parts = t.value.split(":")
        if len(parts) > 2 or not all(_PART.fullmatch(x) for x in parts) or len(parts) == 1 and not (
                (m := _PART.fullmatch(parts[0])).group(2) and m.group(4)):  # a name (Total), not a cell
            continue
        rows = [int(m.group(4)) if (m := _PART.fullmatch(x)).group(4) else None for x in parts]
        t.value = ":".join(part(x, k, rows) for k, x in enumerate(parts))
    return Formula(tok.render())


def _moved(v, was: int | None, now: int, cols: dict[int, int], last: tuple[int | None, int] = (None, 0)):
    """A cell carried over from row `was` to row `now`: a formula's references to rows moved with it,
    as Excel moves a formula copied down (=H2*I2 beside the SKU now on row 5: =H5*I5), absolute ones
    ($H$1) not; and its columns to where the rewrite put them. `last`: the table's last row before and
    now: a reference below it (the title row's total a share is of, =J2/$J$345) moves with the rows there,
    absolute or not, as Excel moves it when rows are inserted above (before: $J$345 stayed, a SKU's row
    once the table grew)."""
    old_last, new_last = last
    below = old_last is not None and old_last != new_last
    if v.__class__ is not Formula or (was is None or was == now) and not below and all(
            a == b for a, b in cols.items()):
        return v
    shift = now - was if was is not None else 0

    def row(k, rows, r, absolute):
        if below and r > old_last:
            return r + new_last - old_last
        return r if absolute else r + shift

    return _refs_moved(v, row, cols)


def _foot_moved(v, was: int | None, now: int, cols: dict[int, int]):
    """A formula beside the title or under it, the table's last row having been row `was` and now `now`:
    a range of the table's rows that ended at its last row ends at the new one (=SUM(J2:J344) with a
    SKU added: =SUM(J2:J345), as Excel grows a range a row is inserted into); a reference below the table
    moves with the rows there; columns as the rewrite moved them. References to other sheets stay."""
    if v.__class__ is not Formula or (was is None or was == now) and all(a == b for a, b in cols.items()):
        return v
    was = now if was is None else was

    def row(k, rows, r, absolute):
        if k == 1 and len(rows) == 2 and r == was and rows[0] is not None and rows[0] <= was:
            return now  # a range ending at the table's last row
        return r + now - was if r > was else r

    return _refs_moved(v, row, cols)


def _column_map(old_top: list, head: list, typed_from: list) -> dict[int, int]:
    """Old 0-based column → new, of the old 库存汇总 sheet (its header `old_top`) rewritten under `head`:
    shopbook's figures by their header, 备注 and a person's own columns where _typed_in carried them
    (`typed_from`: _Typed.cols)."""
    from ..io.reader import header_key

    first = len(SUMMARY_HEAD["zh"]) - 1  # 备注's column in the new sheet, then a person's own
    figures = {header_key(h): j for j, h in enumerate(head[:first])}
    cols = {i: figures[k] for i, h in enumerate(old_top) if (k := header_key(h)) and k in figures}
    cols.update({i: first + k for k, i in enumerate(typed_from) if i is not None})
    return cols


def _typed_in(rows: list[list], skus: set[str]) -> _Typed:
    """What a person typed into shopbook's 库存汇总 sheet (`rows`, as read back; [] when there is
    none): the 备注 column and any column whose header is not shopbook's, per SKU, to write again
    beside the same SKU (before: the sheet was replaced whole, notes and all). Text on a row whose SKU
    is no longer summed, or below the table, has no place: said (the backup keeps it)."""
    from ..io.reader import header_key

    figures = {header_key(h) for hs in SUMMARY_HEAD.values() for h in hs[:-1]}
    notes = {header_key(hs[-1]) for hs in SUMMARY_HEAD.values()}
    top = list(rows[0]) if rows else []
    note_col = next((i for i, h in enumerate(top) if header_key(h) in notes), None)
    if note_col is None and all(header_key(h) in figures for h in top[:13]) and not any(
            header_key(h) for h in top[13:14]):  # a sheet written before 备注 was: the next column, unheaded, is it
        note_col = 13
    extra = [i for i, h in enumerate(top) if i != note_col and header_key(h) not in figures]
    width = max((len(r) for r in rows), default=0)
    extra += [i for i in range(len(top), width) if i != note_col]  # cells beside the table with no header at all
    out = _Typed([], {}, [])
    out.head = [top[i] if i < len(top) else "" for i in extra]
    cols = out.cols = ([note_col] if note_col is not None else [None]) + extra

    def value(r, i):
        v = r[i] if i is not None and i < len(r) else ""
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return _as_read(v)

    at = next((n for n, r in enumerate(rows) if n and r and _is_title(r[0])), len(rows))
    if at < len(rows):  # the title row at the table's foot: beside it and below it, all is a person's
        out.title = [value(rows[at], i) for i in range(1, len(rows[at]))]
        out.foot = [[value(r, i) for i in range(len(r))] for r in rows[at + 1:]]
        out.last = at  # the table's last row (its title's, less one)
    # shopbook writes numbers and dates under 库存 … 在途: text there was typed over a figure (盘点时少2 in 可用)
    numeric = {header_key(h) for hs in SUMMARY_HEAD.values() for h in hs[5:-1]}
    over = [i for i, h in enumerate(top) if header_key(h) in numeric]
    for n, r in enumerate(rows[1:at], 2):
        sku = str(r[0]).strip() if r and r[0] not in (None, "") else ""
        # a row with no SKU in the table (one a person inserted): all of it typed
        typed = [value(r, i) for i in (cols if sku else range(len(r)))]
        if sku:  # kept in its 备注, saying which figure it was typed over
            said = [f"{top[i]}：{r[i].strip()}" for i in over if i < len(r) and isinstance(r[i], str) and r[i].strip()]
            if said:
                typed[0] = "；".join(([str(typed[0])] if typed[0] not in (None, "") else []) + said)
        if not any(v not in (None, "") for v in typed):
            continue
        if sku in skus and sku not in out.cells:
            out.cells[sku], out.rows[sku] = typed, n
        else:
            what = "、".join(str(v) for v in typed if v not in (None, ""))
            out.unplaced.append((f"第 {n} 行{f'（{sku}）' if sku else ''}：{what}",
                                 f"row {n}{f' ({sku})' if sku else ''}: {what.replace('、', ', ')}"))
    return out


class SummaryRows(list):
    """The summary's rows, and whether stock.xlsx was written (False: it showed them already)."""

    written: bool = True
    sheet: str = SUMMARY_TITLE["zh"]  # the sheet written (库存汇总-shopbook beside a person's 库存汇总)
    past: bool = False  # as of a past day: reserved and available not shown (PAST_NOTE)
    unplaced: list = []  # (zh, en) of text a person typed that the rewritten sheet had no place for
    ahead: list = []  # 出入库 rows dated after the day summed (and today): left out, located (_ahead)
    backup: bool = True  # the workbook as it was is kept in .shopbook-backup (not in xlwings Lite's open book)

    def words(self) -> tuple[str, str]:
        """What `stock` and the 库存汇总 button say: the count, the value and the sheet by its name
        (库存汇总-shopbook beside a person's own is where to look)."""
        total, name = sum(r.value for r in self), self.sheet
        if not self:  # (a new shop: "✓ 0 个 SKU" read as a summary done, of a shop with nothing in stock)
            return NO_PRODUCTS
        where = ((f"已写入 stock.xlsx › {name}", f"written to stock.xlsx › {name}") if self.written else
                 (f"stock.xlsx › {name} 已是这些数字，没有改写", f"stock.xlsx › {name} shows these figures already: not rewritten"))
        said = (f"{len(self)} 个 SKU，库存金额 ¥{total:,.2f} — {where[0]}" + (PAST_NOTE[0] if self.past else ""),
                f"{en_count(len(self), 'SKU')}, value at cost ¥{total:,.2f} — {where[1]}"
                + (PAST_NOTE[1] if self.past else ""))
        if self.unplaced:
            # no backup (xlwings Lite: the open book is the shop): this message is the only copy, so all of it
            n, (zh, en) = len(self.unplaced), few([z for z, _ in self.unplaced], 3 if self.backup else len(self.unplaced),
                                                 [e for _, e in self.unplaced], ("；", "; "))
            said = (f"{said[0]}；旧表里手填的 {n} 处内容放不回新表（SKU 已不在汇总里，或写在表格外）：{zh}。"
                    + ("上一版 stock.xlsx 保存在店铺文件夹的 .shopbook-backup 里，请从那里抄回需要的内容" if self.backup
                       else "旧表已在这个工作簿里被替换，没有留副本：请照上面抄回需要的内容"),
                    f"{said[1]}; {en_count(n, 'entry', 'entries')} typed into the old sheet had no place in the new "
                    f"one (its SKU is no longer summed, or it was outside the table): {en}. "
                    + ("The previous stock.xlsx is in the shop folder's .shopbook-backup: copy back what is needed "
                       "from there" if self.backup else "The old sheet was replaced in this workbook and no copy was "
                       "kept: copy back what is needed from the above"))
        if self.ahead:
            zh, en = ahead_said(self.ahead)
            said = (f"{said[0]}；{zh}", f"{said[1]}; {en}")
        if not self.below_zero:
            return said
        n, (zh, en) = len(self.below_zero), few([f"{r.sku} {r.on_hand}" for r in self.below_zero])
        return (f"{said[0]}；{n} 个 SKU 库存为负数（{zh}），库存金额因此偏低：请核对出入库（shopbook validate 指出从哪一行起变负）",
                f"{said[1]}; {en_count(n, 'SKU')} below zero ({en}), which understates the value: check the stock "
                "movements (shopbook validate points at the row from which each went below zero)")

    @property
    def attention(self) -> bool:
        """Something for a person to look at: a stock below zero, typed text not carried over, no products at all."""
        return bool(self.below_zero or self.unplaced or self.ahead or not self)

    @property
    def below_zero(self) -> list:
        """The rows whose on-hand is below zero: a typo or a stock-in never entered, never a shelf's stock."""
        return [r for r in self if r.on_hand < 0]


def _sheets_there(path: Path, names: tuple[str, ...], write: Writer = None) -> dict[str, list]:
    """The rows, as Excel reads them back, of those of the sheets `names` that stock.xlsx has
    (none where it does not read: its writer refuses it). Where `write` writes into a workbook open
    in Excel (its `sheets`), as the open book holds them: xlwings Lite's stock.xlsx is no file at all,
    so a note typed there was lost and a person's own 库存汇总 sheet replaced."""
    import python_calamine as pc

    live = getattr(write, "sheets", None)
    if live is not None and (rows := live(path, names)) is not None:
        return rows
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        out = {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in names if n in wb.sheet_names}
    except Exception:  # noqa: BLE001 - anything unread is written anew, as before
        return {}
    return {n: _with_formulas(path, n, rows) for n, rows in out.items()}


class _Rows(list):
    """A sheet's rows as read back, and the style of each of its cells that has one ((0-based row, col) →
    cellXfs index; none from an open book)."""
    styles: dict = {}


def _with_formulas(path: Path, name: str, rows: list[list]) -> _Rows:
    """`rows` with each cell that holds a formula as that formula (xlsx_patch.Formula), not its value:
    a person's formula in their own column is written again as a formula (before: as the value it
    showed, or blank where no spreadsheet program had worked it out); and each cell's style (a fill)."""
    import zipfile

    from ..io import limits
    from ..io.sheet_xml import cell_styles_in_xml, formulas_in_xml, sheet_parts

    out = _Rows(rows)
    try:
        with zipfile.ZipFile(path) as z:
            part = sheet_parts(z).get(name)
            data = limits.read_member(z, part, path) if part in z.namelist() else b""
        found, out.styles = formulas_in_xml(data), cell_styles_in_xml(data)
    except Exception:  # noqa: BLE001 - the values as read, as before
        return out
    for (r, c), f in found.items():
        out.extend([] for _ in range(r + 1 - len(out)))  # (a row of formulas no program worked out: no values read)
        out[r] = list(out[r]) + [""] * (c + 1 - len(out[r]))
        out[r][c] = Formula(f)
    return out


def _cell_moves(old: list, new: list[list], at: int, cols: dict[int, int]):
    """Where the rewrite puts each cell of the old 库存汇总 sheet (`old`: as read back) in the new one (`new`, its
    title row at index `at`): the same SKU in the column the rewrite moved it to (`cols`: _column_map), the
    header itself, the title and the rows under it as they were. A function of an old cell (0-based row,
    col) giving its new one (1-based row, 0-based col), or None where it has none."""
    old_title = next((n for n, r in enumerate(old) if n and r and _is_title(r[0])), len(old))
    new_row = {str(r[0]).strip(): n for n, r in enumerate(new[1:at], 1) if r and r[0] not in (None, "")}
    rows = {0: 0}
    for n, r in enumerate(old[1:old_title], 1):
        if r and r[0] not in (None, "") and (k := str(r[0]).strip()) in new_row:
            rows.setdefault(n, new_row[k])

    def to(r: int, c: int) -> tuple[int, int] | None:
        if r >= old_title:  # the title row and a person's rows under it: written again where they were
            return at + r - old_title + 1, c
        return (rows[r] + 1, cols[c]) if r in rows and c in cols else None
    return to


def _styles_kept(old: list, to) -> dict[tuple[int, int], int]:
    """The styles of the old 库存汇总 sheet's cells (`old`: as _with_formulas read it) where the rewritten
    sheet has the same cell (`to`: _cell_moves). A fill a person gave a SKU's row or a note stays (before:
    every one lost on a rewrite). (1-based row, 0-based col) → style."""
    styles = getattr(old, "styles", None)
    if not styles or not old:
        return {}
    return {k: style for (r, c), style in styles.items() if (k := to(r, c))}


def _formats_from(old: list, to) -> dict[tuple[int, int], tuple[int, int]]:
    """Each cell of the rewritten sheet that has one in the old (`to`: _cell_moves), and that old cell:
    where an open book, whose sheet is read as values, takes each cell's format from (a fill a person gave)."""
    return {k: (r, c) for r, row in enumerate(old) for c in range(len(row)) if (k := to(r, c))}


def _summary_title(there: dict[str, list], title: str, head: list[str]) -> str:
    """Our sheet's name: 库存汇总 / Stock summary, or with -shopbook when a person's own sheet has
    that name (theirs stays, as a person's 校验结果 does). Ours is known by its header's first
    columns, which every version has written."""
    if title not in there:
        return title
    first = next(iter(there[title]), [])
    return title if list(first[:5]) == head[:5] else f"{title}-shopbook"


def _holds(there: list | None, sheet: NewSheet) -> bool:
    """Whether the workbook's sheet (`there`: its rows as Excel reads them back, None when it has
    none) already shows these rows. The title (with --as-of's date) is left out: a date alone is no
    new figure."""

    def cell(v):
        if v is None or v == "":
            return None
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
            return float(v)
        return _as_read(v)

    def table(rows) -> list[tuple]:
        out = [tuple(None if j == 0 and _is_title(v) else cell(v) for j, v in enumerate(r)) for r in rows]
        out = [r[:max((i + 1 for i, v in enumerate(r) if v is not None), default=0)] for r in out]
        while out and not out[-1]:
            out.pop()
        return out

    return there is not None and table(there) == table(sheet.rows)


def _ahead(d: StockData, day: dt.date) -> list[Issue]:
    """The 出入库 rows dated after `day` (2027 typed for 2026), located at their 日期: the stock of `day`, its
    summary and its alerts alike, leaves them out until their day."""
    return [i.with_(message_zh=f"日期 {i.value} 在今天（{day}）之后，到那天才算进库存：是不是年份或月份打错了？",
                    message_en=f"The date {i.value} is after today ({day}), not counted in the stock until that day: "
                    "is the year or month mistyped?") for i in d.book.locate(after_today(d.movements, day))]


def ahead_said(ahead: list[Issue]) -> tuple[str, str]:
    """The movements left out for a date after today (zh, en), each at its cell: what validate warns of."""
    n = len(ahead)
    zh, en = few([f"{i.where('zh')} {i.value}" for i in ahead], 5, [f"{i.where('en')} {i.value}" for i in ahead],
                 where=("shopbook validate 列出全部", "shopbook validate lists them all"))
    return (f"出入库有 {n} 行日期在今天之后，到那天才算进库存（是不是年份或月份打错了？）：{zh}",
            f"{en_count(n, 'stock movement')} dated after today not counted until that day (is the year or month "
            f"mistyped?): {en}")


def po_ahead(purchases: list[PurchaseLine], today: dt.date) -> list[Issue]:
    """A warning at the 下单日期 of each PO line sent whose date is after today (levels.ordered_ahead): counted on
    order all the same, the date to correct."""
    return [at(ln, "order_date", "warning",
               f"采购单 {ln.po_no} 的 {ln.sku} 已下单，下单日期 {ln.order_date} 却在今天（{today}）之后：没到的件数按在途计"
               "（不会为它们再建议补货）。是不是年份或月份打错了？请改正。",
               f"PO {ln.po_no}'s {ln.sku} is ordered, but its order date {ln.order_date} is after today ({today}): "
               "what has not come of it is counted on order (not suggested again). Is the year or month mistyped? "
               "Correct it.")
            for ln in ordered_ahead(purchases, today)]


def po_ahead_said(said: list[Issue]) -> tuple[str, str]:
    """(zh, en) the PO lines sent and dated after today, each at its cell, counted on order all the same."""
    zh, en = few([f"{i.where('zh')} {i.value}" for i in said], 5, [f"{i.where('en')} {i.value}" for i in said],
                 where=(f"都是“{PurchaseLine.zh}”表里已下单、下单日期在今天之后的行",
                        f"all rows of the {PurchaseLine.en} sheet ordered and dated after today"))
    return (f"采购有 {len(said)} 行已下单、下单日期却在今天之后，仍按在途计（是不是年份或月份打错了？）：{zh}",
            f"{en_count(len(said), 'purchase line')} ordered but dated after today, counted on order all the same "
            f"(is the year or month mistyped?): {en}")


# what the stock commands say of a 商品 sheet with no product on it (a new shop's): nothing was summed or checked
NO_PRODUCTS = (f"“{Product.zh}”表里还没有商品，没有可以汇总或预警的：请在 stock.xlsx 的“{Product.zh}”表每个 SKU 填一行"
               "（商家编码、名称、成本价、售价，有库存的填期初库存）",
               f"no products on the {Product.en} sheet yet, so nothing to sum or check: give each SKU a row on the "
               f"{Product.en} sheet of stock.xlsx (sku, name, cost, price, and opening_qty where it is in stock)")


class AlertRows(list):
    """stock_alerts' alerts, and the 出入库 rows they leave out, dated after the day (_ahead)."""

    ahead: list = []
    po_ahead: list = []  # the PO lines sent, their 下单日期 after today: counted on order (po_ahead)
    no_lead: list = []  # the SKUs to reorder with no lead time at all (no 补货周期, no supplier's 交货周期)
    waitlist_errors: list = []  # the 缺货登记 sheet's read errors: the customers of rows unread are not counted
    # 大促 in the days of sales the reorder averages (report.events_in_sales), said where something is to reorder
    events: list = []
    window_days: int = 14
    cover_days: int = 7
    products: int | None = None  # the 商品 sheet's products: none, and no alert is no all-clear

    def to_json(self) -> list[dict]:
        """The document `stock alerts --json` prints: each alert's, a bare list (help(shopbook): a job's
        result has to_json())."""
        return [a.to_json() for a in self]


def no_lead_said(skus: list[str], cover_days: int) -> tuple[str, str]:
    """Why those SKUs' reorder quantities are what they are (zh, en): they cover `cover_days` of sales and
    none of the wait for a delivery (before: said nowhere in stock alerts)."""
    lead, sup = Product.column("lead_days").col, Product.column("supplier").col
    # (the alert lines do not mark them: the rest are found on 商品, before said "等，还有 3 个" and nowhere else)
    zh, en = few(skus, where=(f"其余的都在“{Product.zh}”表{lead.zh}空着、{sup.zh}也没有交货周期的行里",
                              f"the rest are among the rows of the {Product.en} sheet with {lead.en} blank and no "
                              "supplier's lead time either"))
    covers = report.covers_only_said(cover_days)
    return (f"{len(skus)} 个 SKU 没有补货周期，也没有供应商的交货周期，{covers[0]}：{zh}。"
            f"请在“{Product.zh}”表填补货周期(天)，或填供应商并在供应商表填交货周期",
            f"{en_count(len(skus), 'SKU')} with no lead_days and no supplier's lead time: {covers[1]}: {en}. "
            f"Fill in lead_days on the {Product.en} sheet, or the supplier and its lead time")


def alerts_said(alerts: list[report.Alert], shown: int | None = None, where: tuple[str, str] | None = None
                ) -> list[tuple[str, str, str]]:
    """What `stock alerts` and the 库存预警 button say (mark, zh, en): how many, then each SKU with
    its name, what is available, what to reorder and why, what waits and is on order; the first
    `shown` (None: all), then how many more and `where` the rest are, as the caller words it (the button
    names its daily report's sheet: the command line's command is no step for a person in Excel)."""
    def line(a, lg: int) -> str:
        zh = lg == 0
        why = ("；" if zh else "; ").join([r[lg] for r in a.reasons] + ([a.basis[lg]] if a.basis else []))
        wait = (f"  等待 {a.waiting}" if zh else f"  waiting {a.waiting}") if a.waiting else ""
        coming = (f"  在途 {a.on_order}" if zh else f"  on order {a.on_order}") if a.on_order else ""
        return (f"  {a.sku:<18} {a.name or ''}  {'可用' if zh else 'available'} {a.available:>4}  "
                f"{'补货' if zh else 'reorder'} {a.reorder_qty:>4}  {why}{wait}{coming}")

    lines = [("", line(a, 0), line(a, 1)) for a in alerts]
    cut = first(lines, shown, ("个", "more"), where or (
        "shopbook stock alerts 列出全部（日报的库存预警也有）", "shopbook stock alerts lists them all (so does the daily report)"))
    if getattr(alerts, "products", None) == 0:
        return [("–", *NO_PRODUCTS), *alerts_notes(alerts)]
    return [("!" if alerts else "✓", f"库存预警：{len(alerts)} 个", f"stock alerts: {len(alerts)}"), *alerts_notes(alerts),
            *cut]


def alerts_notes(alerts: list[report.Alert]) -> list[tuple[str, str, str]]:
    """The ! lines said under the alerts' count (mark, zh, en): movements left out for a date after today, SKUs
    reordered with no lead time, 缺货登记 rows not read. `stock alerts --json` says them on stderr (its list
    kept as it was): before, a script reading it was never told the quantities left those out."""
    ahead, no_lead = getattr(alerts, "ahead", None), getattr(alerts, "no_lead", None)
    said = ([("!", *ahead_said(ahead))] if ahead else []) + (
        [("!", *no_lead_said(no_lead, alerts.cover_days))] if no_lead else [])
    if po := getattr(alerts, "po_ahead", None):
        said.append(("!", *po_ahead_said(po)))
    if wl := getattr(alerts, "waitlist_errors", None):  # the first, located; the rest where to see
        said.append(("!", *waitlist_unread_words(*issue_said(wl[0])[1:], len(wl))))
    if ev := getattr(alerts, "events", None):
        said.append(("!", *report.events_in_sales_said(ev, alerts.window_days)))
    return said


def waitlist_unread_words(first_zh: str, first_en: str, n: int) -> tuple[str, str]:
    """That the waiting counts leave out the 缺货登记 rows that did not read: the first's words (`first_zh`,
    `first_en`), then how many more and where (stock alerts' ! line, purchase suggest's warning)."""
    more = (f"（还有 {n - 1} 个，shopbook validate 列出全部）", f" ({n - 1} more: shopbook validate lists them all)"
            ) if n > 1 else ("", "")
    return (f"“{WaitlistEntry.zh}”表没有读取的行不算在等待人数里：{first_zh}{more[0]}",
            f"rows of the {WaitlistEntry.en} sheet not read are not in the waiting counts: {first_en}{more[1]}")


@gc_paused()
def stock_alerts(shop: Shop, today: dt.date | None = None, past: bool = False) -> list[report.Alert]:
    """Alerts and reorder quantities as of `today` (movements after it do not count). `past`: a day
    gone, whose orders are not known as they stood (report.PAST_ALERTS_NOTE): left out, and the waiting
    list as registered by then, as `purchase suggest --date` counts them."""
    today = day_given(today, "today") or dt.date.today()  # (before `past` counts the waiting list by it)
    d = load_stock(shop, need_orders=not past)
    if past:
        d.waitlist = [w for w in d.waitlist if w.date is None or w.date <= today]
    stop_on(d.purchase_errors, "采购", "Purchases", shop.path(STOCK))
    # a 交货周期 that does not read would leave its products' reorder short: stopped, as purchase suggest stops
    stop_on(d.book.errors_in(Supplier), "供应商", "Suppliers", shop.path(STOCK))
    c = shop.config.stock
    out = AlertRows(report.alerts(d.products, d.movements, d.lines, d.waitlist, today, c.main_min_units,
                                  c.sales_window_days, c.cover_days, d.purchases, d.book.rows(Supplier), past=past))
    out.ahead = [] if past else _ahead(d, today)  # (a day gone leaves out what came after it, no typo)
    out.po_ahead = [] if past else d.book.locate(po_ahead(d.purchases, today))
    suppliers = {s.supplier: s for s in d.book.rows(Supplier)}
    by_sku = {p.sku: p for p in d.products}
    # (a 不备货 SKU is ordered for what waits alone: no days of sales to cover, its lead time none of that)
    out.no_lead = [a.sku for a in out if a.reorder_qty and report.lead_days(by_sku[a.sku], suppliers) is None
                   and by_sku[a.sku].status is not ProductStatus.NO_STOCK]
    out.cover_days = c.cover_days
    out.products = len(d.products)
    # (a mistyped 商家编码 header leaves every row unread: before, the waiting counts dropped them unsaid)
    out.waitlist_errors = d.book.errors_in(WaitlistEntry)
    out.window_days = c.sales_window_days
    if any(a.reorder_qty for a in out):  # (orders.xlsx's 促销 read only where a quantity stands to be inflated)
        out.events = report.events_in_sales(promotions(shop), today, c.sales_window_days)
    return out


def promotions(shop: Shop) -> list:
    """The 促销 sheet of orders.xlsx; none where it is not there or does not read: a note is never a stop (the
    order commands say what is wrong with it)."""
    from ..schema import Promotion

    try:
        return read_workbook(shop.path(ORDERS), ORDERS, (Promotion,)).rows(Promotion)
    except Exception:  # noqa: BLE001
        return []


def slow_movers(shop: Shop, today: dt.date | None = None, days: int | None = None):
    """(SlowMover per active SKU with stock and no sale in `days` days (default [stock] slow_days),
    stock value by age): report.slow_movers as of `today`."""
    days = days_given(days)
    d = load_stock(shop, need_orders=False)
    return report.slow_movers(d.products, d.movements, day_given(today, "today") or dt.date.today(),
                              shop.config.stock.slow_days if days is None else days)


@dataclass
class Waitlist:
    """waitlist(): the customers to call and the located warnings."""

    calls: list[report.CallBack]  # customers whose item is back: to call
    warnings: list[Issue]  # entries that match no product (nobody would call them), located


def waitlist(shop: Shop, today: dt.date | None = None) -> Waitlist:
    """The 缺货登记 customers to call, their item available again as of `today` (default today), and
    the entries that name no product. DataStop when a 缺货登记 cell does not read."""
    today = day_given(today, "today") or dt.date.today()
    d = load_stock(shop)
    # a row whose cell does not read (已通知 typed 已联系 11/20) would be called again, or left out unsaid
    stop_on(d.book.errors_in(WaitlistEntry), "缺货登记", "Waitlist", shop.path(STOCK))
    # a stock-in dated after today (2027 for 2026) is not on the shelf: nobody is called for it (before: called
    # for what the alerts said was out of stock), as the summary and the alerts leave it out, said at its cell
    calls, issues = report.to_call(d.products, d.movements, d.lines, d.waitlist, today)
    issues += report.never_coming(d.products, d.movements, d.lines, d.waitlist, today,
                                  on_order_today(d.purchases, d.movements, today))
    # a header written otherwise (码数 for 尺码, the seeds' own word) leaves its column blank: said first, at its
    # cell, where customer service looks (before: only validate said it; here each row "has no style + size")
    sd = d.book.sheets.get(WaitlistEntry)
    heads = [i for i in (sd.issues if sd else []) if i.row is None and not i.is_error]
    return Waitlist(calls, heads + d.book.locate(issues) + _ahead(d, today))


def supplies(shop: Shop) -> list[report.SupplyCheck]:
    """Each 耗材 row: on hand, daily use, days left and whether it is low. DataStop when a 耗材 cell
    does not read."""
    d = load_stock(shop, need_orders=False)
    # (a cell that does not read, 900个 or 5天: its row left out, or its warning lost, unsaid otherwise)
    stop_on(d.book.errors_in(Supply) + d.book.locate(report.check_supplies(d.supplies)), "耗材", "Supplies",
            shop.path(STOCK))
    return report.supplies_check(d.supplies)


@writes_shop("stocktake sheet")
def stocktake_sheet(shop: Shop, date: dt.date | None = None, blind: bool = True) -> Path:
    """A count sheet in bin order for printing (blind: no book quantity), in reports/, for the count
    of `date` (today unless given). Returns its path."""
    from openpyxl import Workbook  # (only here: 0.2 s of imports the other stock commands do without)
    from openpyxl.styles import Font

    date = day_given(date) or dt.date.today()
    d = load_stock(shop, need_orders=False)
    rows = count_sheet_rows(d.products, d.movements, date, blind)
    from ..io.limits import not_xml_read, writer_says

    writer_says(not_xml_read(d.book.sheets.get(Product)))  # a control character in a name: removed, and said
    zh = shop.lang == "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "盘点表" if zh else "Count sheet"
    ws["A1"] = f"盘点表 {date:%Y-%m-%d}" if zh else f"Stocktake {date:%Y-%m-%d}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "盘点人：________" if zh else "Counter: ________"
    head = (["库位", "商家编码", "名称", "颜色", "尺码"] + ([] if blind else ["账面"]) + ["实盘数量", "备注"]) if zh else \
        (["Bin", "SKU", "Name", "Colour", "Size"] + ([] if blind else ["Book"]) + ["Counted", "Note"])
    ws.append([])
    ws.append(head)
    for c in ws[4]:
        c.font = Font(bold=True)
    for r in rows:
        append(ws, [r["bin"], r["sku"], r["name"], r["colour"], r["size"]] + ([] if blind else [r["book"]]) + ["", ""])
    for letter, w in zip("ABCDEFGH", (10, 18, 24, 8, 6, 10, 10, 16)):
        ws.column_dimensions[letter].width = w
    ws.print_title_rows = "4:4"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.freeze_panes = "A5"
    # the sheet with the book quantities is another file: the blind one of that day may be printed already
    name = f"{'盘点表' if zh else 'stocktake'}-{date:%Y%m%d}{'' if blind else ('-账面' if zh else '-with-book')}.xlsx"
    path, kept = shop.reports / name, None
    if _filled_in(path):  # counts typed into that day's sheet (on a tablet) are a person's: a new one beside it
        kept, n = path, 2
        while (path := kept.with_name(f"{kept.stem}-{n}{kept.suffix}")).exists() and _filled_in(path):
            n += 1
    out = CountSheet(write_atomic(path, lambda p: wb.save(p), keep_backup=False))
    out.kept, out.skus = kept, len(rows)
    counts = d.book.sheets.get(StocktakeCount)  # the sheet the counts are typed into, as the book names it (12月盘点)
    out.counts_sheet = counts.sheet if counts is not None and counts.present else None
    packed = _packed(shop, date, batches=(batches := set()))  # parcels on the bench: off the shelf, on the book
    out.packed = (len({o for _, orders in packed.values() for o in orders}), sum(n for n, _ in packed.values()))
    out.batches = tuple(sorted(batches))
    return out


class CountSheet(type(Path())):
    """The count sheet written, and the one of that day it did not replace, counts having been typed into it."""

    kept: Path | None = None
    skus: int | None = None  # the SKUs on it: none (a new shop's empty 商品 sheet), and it is no count sheet
    packed: tuple[int, int] = (0, 0)  # (parcels, units) picked and not shipped: to count in, or ship first
    batches: tuple[str, ...] = ()  # their 拣货批次: where they are
    counts_sheet: str | None = None  # the stocktake sheet of stock.xlsx as it is named there (None: none, its name then)


def _filled_in(path: Path) -> bool:
    """Whether a count sheet shopbook wrote has anything typed into it since: a 实盘数量 or 备注 (Counted, Note)
    under its header, or in a column a person added, the counter's name, or a line of their own above the header.
    The header is looked for, not taken as the 4th row: with the blank row above it deleted (or a line added),
    the counts typed in were wiped by the next sheet of that day. A sheet whose header is not there (edited
    away) is kept: written beside, never over what a person made of it."""
    if not path.exists():
        return False
    import python_calamine as pc

    try:
        rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - a file that does not read holds nothing to keep: written anew, as before
        return False
    ours = {"库位", "商家编码", "名称", "颜色", "尺码", "账面", "Bin", "SKU", "Name", "Colour", "Size", "Book"}
    head = next((i for i, r in enumerate(rows[:20]) if "实盘数量" in r or "Counted" in r), None)
    if head is None:
        return any(v not in (None, "") for r in rows for v in r)
    blank = ("盘点人：________", "Counter: ________", "")
    if any(str(v).strip() not in blank and not str(v).startswith(("盘点表 ", "Stocktake "))
           for r in rows[:head] for v in r if v is not None):
        return True
    cols = [i for i, h in enumerate(rows[head]) if h not in ours]  # 实盘数量, 备注, and any column of a person's
    return any(i < len(r) and r[i] not in (None, "") for r in rows[head + 1:] for i in cols)


def count_sheet_said(path: Path, date: dt.date, button: tuple[str, str] | None = None
                     ) -> tuple[tuple[str, str, str], ...]:
    """What `stocktake sheet` and the 盘点表 button say (mark, zh, en): the sheet written, then the
    next step: the printed sheet is paper, the counts are typed into stock.xlsx's 盘点 sheet (named as the book
    names it: 12月盘点, CountSheet.counts_sheet) and posted from there. A sheet of that day with counts typed in that
    was kept (CountSheet.kept) is named. `button`: the 盘点过账 button's labels (zh, en), where the words are said in a
    box in Excel: the posting is that button, not the command line it has no prompt for."""
    kept = getattr(path, "kept", None)
    typed = getattr(path, "counts_sheet", None)
    sheet = (typed or StocktakeCount.zh, typed or StocktakeCount.en)
    if getattr(path, "skus", None) == 0:  # (before: ✓ beside a sheet with nothing to count)
        return (("–", f"盘点表 {path} 是空的：“{Product.zh}”表里没有要盘的商品（在售的，或还有库存的下架商品）。"
                      f"请先在 stock.xlsx 的“{Product.zh}”表每个 SKU 填一行",
                 f"the count sheet {path} is empty: nothing on the {Product.en} sheet to count (a product on sale, or "
                 f"one delisted that still has stock). Give each SKU a row on the {Product.en} sheet of stock.xlsx "
                 "first"),)
    said = (("!", f"{kept.name} 里已经填了盘点数，没有覆盖它，新的盘点表另存为 {path.name}",
             f"{kept.name} has counts typed into it: it was not replaced; the new count sheet is {path.name}"),
            ) if kept is not None else ()
    parcels, units = getattr(path, "packed", (0, 0))
    if parcels:  # (before: counted without them, booked as a loss, the book below the shelf once they shipped)
        batches = list(getattr(path, "batches", ()))
        zh, en = few(batches, 3)  # (where they stand: by their batch's pick list)
        said += (("!", (f"有 {parcels} 个已拣货、还没发货的包裹（共 {units} 件，拣货批次 {zh}）：账上还有这些货，盘点时把包裹里的也"
                        "数进去，或者先发货再盘点"),
                  (f"{en_count(parcels, 'parcel')} picked and not shipped yet ({en_count(units, 'unit')}, pick "
                   f"batch{'es' if len(batches) > 1 else ''} {en}): the book still holds their goods: count the goods in them too, or ship them before "
                   "counting")),)
    post = ((f"再在 stock.xlsx 里按“{button[0]}”过账", f"then post them: press {button[1]} in stock.xlsx") if button else
            (f"再过账：shopbook stocktake post 店铺 --date {date} · 按钮 盘点过账",
             f"then post them: shopbook stocktake post SHOP --date {date} · button Post stocktake"))
    return (("✓", f"盘点表：{path}", f"count sheet: {path}"), *said,
            ("", f"数完后把实盘数量填进 stock.xlsx 的“{sheet[0]}”表，日期填 {date}（同一个 SKU 分几处数的各填一行，会相加），"
                 f"{post[0]}",
             f"once counted, type the counts into the {sheet[1]} sheet of stock.xlsx dated {date} (a SKU counted "
             f"in several places: a row each, they add up), {post[1]}"))


def stocktake_listed(plan, shown: int | None = None, where: tuple[str, str] | None = None,
                     button: tuple[str, str] | None = None
                     ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """What `stocktake post` lists and the 盘点过账 button shows (mark, zh, en): each SKU whose count
    differs from the book, then each warning (what to check), then the SKUs nobody counted (most on
    hand first) and what to do about them. A count of every SKU can differ and warn on hundreds of
    lines: the first `shown` of each (None: all), then how many more and where the whole list is (a
    dry run writes nothing, so it is safe to run after a posting too); `where`: as the caller words it (the 盘点过账
    button, the file it writes them to); `button`: the 盘点过账 button's labels (zh, en), where the words are said in a
    box in Excel: the posting again is that button, not the command line."""
    where = where or (f"shopbook stocktake post 店铺 --date {plan.date} --dry-run --json 列出全部",
                      f"shopbook stocktake post SHOP --date {plan.date} --dry-run --json lists them all")

    def diff(x, zh: bool) -> str:
        return (f"  {x.sku:<18} {'账面' if zh else 'book'} {x.book:>5}  {'实盘' if zh else 'counted'} {x.counted:>5}  "
                f"{('盘盈' if zh else 'gain') if x.diff > 0 else ('盘亏' if zh else 'loss')} {abs(x.diff)}  "
                f"¥{abs(x.value):,.2f}")  # the word says which way: 盘亏 2 ¥360.00, not 盘亏 -2 ¥-360.00

    diffs = [("", diff(x, True), diff(x, False)) for x in plan.lines if x.diff]
    return (first(diffs, shown, ("个 SKU", "more SKUs"), where),
            first([("!", *(plan.by_button[w](button) if button and w in plan.by_button else w)) for w in plan.warnings],
                  shown, ("条提醒", "more warnings"), where),
            _uncounted_said(plan, shown, where, button))


def stocktake_matched(plan) -> tuple[str, str, str] | None:
    """What `stocktake post` and the 盘点过账 button say (mark, zh, en) when every SKU counted matches
    the book: nothing to adjust, so nothing is written, and that is no failure (before: only
    "盘盈 ¥0.00 盘亏 ¥0.00", which read as if the posting had not happened). None otherwise: a
    difference, a top-up of an earlier posting, or a count posted already (said as that)."""
    if not plan.lines or plan.adjustments or plan.already_posted or any(x.diff for x in plan.lines):
        return None
    n = len(plan.lines)
    return ("✓", f"盘点的 {n} 个 SKU 实盘数量都与账面一致，没有要调整的（出入库记一行数量 0 的调整，表示已过账：此后录入的 "
                 f"{plan.date} 出入库算在盘点之后）",
            f"the counts match the book ({en_count(n, 'SKU')} counted): nothing to adjust (the movements get an "
            f"adjustment of 0 marking it posted: movements of {plan.date} entered after it count as after the count)")


def _uncounted_said(plan, shown: int | None, where: tuple[str, str], button: tuple[str, str] | None = None
                    ) -> list[tuple[str, str, str]]:
    """The SKUs with no count that day, to go and count (most on hand first: one the book says has 40
    matters more than one at 0), and the two ways on: count them and post again, or, when they are
    all gone, --zero-uncounted (which posts each at counted 0: its book quantity as a loss)."""
    if not plan.uncounted:
        return []
    # one counted on another day of this stocktake (2026-12-07 盘过) is not to count again, nor to zero (before: "去数这些
    # SKU" and --zero-uncounted offered for shelves counted the day before, with a ! on a stocktake done)
    missing = [u for u in plan.uncounted if not u.counted_on]
    n, stocked = len(plan.uncounted), any(u.book for u in missing)

    def line(u, zh: bool) -> str:
        what = " ".join(x for x in (u.name, u.colour, u.size) if x)
        place = f"  {'库位' if zh else 'bin'} {u.bin}" if u.bin else ""
        on = (f"（{u.counted_on} 盘过）" if zh else f" (counted {u.counted_on})") if u.counted_on else ""
        return f"  {u.sku:<18} {'账面' if zh else 'book'} {u.book:>5}  {what}{place}{on}"

    head = ("!" if stocked and not plan.zero_uncounted else "",
            f"未盘 {n} 个 SKU（账面数多的在前）：", f"{en_count(n, 'SKU')} not counted (most on hand first):")
    said = [head] + first([("", line(u, True), line(u, False)) for u in plan.uncounted], shown,
                          ("个 SKU", "more SKUs"), where)
    post = (f"shopbook stocktake post 店铺 --date {plan.date}", f"shopbook stocktake post SHOP --date {plan.date}")
    # counted as 0, a book below 0 (more sold than came in on the book) is brought up to 0: a gain, not a loss
    below = any(u.book < 0 for u in plan.uncounted)
    loss = any(u.book > 0 for u in plan.uncounted) or not below
    as_zh = "，".join(["账面数记为盘亏"] * loss + ["账面为负数的补到 0，记为盘盈"] * below)
    as_en = ", ".join(["{} book quantity a loss"] * loss + ["one below 0 brought up to 0, a gain"] * below).format
    if plan.zero_uncounted:
        other = any(u.counted_on for u in plan.uncounted)  # (their count of that day stands: not zeroed)
        said.append(("", f"  --zero-uncounted：以上按实盘 0 计，{as_zh}（账面为 0 的" + ("、另一天盘过的" if other else "")
                     + "不调整）", f"  --zero-uncounted: these count as 0, {as_en('their')} (those at 0"
                     + (", and those counted on another day," if other else "") + " are not adjusted)"))
        return said
    at_zh, at_en = plan.counts_at()
    if not missing:
        said.append(("", "  以上都在这次盘点的另一天盘过（括号里的日期），不用再数；那天的盘点还没过账的话，请过账它",
                     ("  each was counted on another day of this stocktake (the date in brackets): nothing to count "
                      "again; post that day's count if it is not posted yet")))
        return said
    if len(missing) < n:
        said.append(("", "  标了“盘过”的在这次盘点的另一天盘过，不用再数，也不会按 0 计",
                     ("  those marked counted were counted on another day of this stocktake: not to count again, "
                      "nor counted as 0")))
    again = ((f"再按“{button[0]}”过账", f"then press {button[1]}") if button else
             (f"再过账：{post[0]} · 按钮 盘点过账", f"then post: {post[1]} · button Post stocktake"))
    said.append(("", f"  去数这些 SKU，把实盘数量填进 stock.xlsx 的“{at_zh}”表（日期填 {plan.date}），{again[0]}"
                     "（已过账的不会重复记）",
                 f"  count them, type the counts into the {at_en} sheet of stock.xlsx dated {plan.date}, {again[1]} "
                 "(what was posted already is not posted twice)"))
    if stocked and button:  # (in a box: the 盘点过账 button has no --zero-uncounted; a count of 0 typed is the same,
        # of those --zero-uncounted zeroes: one marked counted on another day keeps that day's count, typed 0 it is lost)
        each = ("每个", "each") if len(missing) == n else ("每个没标“盘过”的", "each not marked counted")
        said.append(("", f"  确实全都没货了，才在“{at_zh}”表给{each[0]}填一行实盘数量 0（日期填 {plan.date}），再按“{button[0]}”过账："
                         f"按实盘 0 计，{as_zh}",
                     f"  only if they are all really gone: type a count of 0 for {each[1]} on the {at_en} sheet dated "
                     f"{plan.date}, then press {button[1]}: each counts as 0, " + as_en("its")))
    elif stocked:  # at 0 on the book, --zero-uncounted would change nothing
        said.append(("", f"  确实全都没货了，才用 {post[0]} --zero-uncounted：未盘的全部按实盘 0 计，{as_zh}",
                     f"  only if they are all really gone: {post[1]} --zero-uncounted counts every one of them as 0, "
                     + as_en("its")))
    return said


def _printed_before(shop: Shop, date: dt.date) -> dt.date | None:
    """The day of the latest count sheet printed (reports/盘点表-20261203.xlsx) in the week before `date`, where
    none was printed for `date` itself: the day such a stocktake was most likely counted."""
    days = set()
    for f in shop.reports.glob("*.xlsx") if shop.reports.is_dir() else ():
        if m := re.fullmatch(r"(?:盘点表|stocktake)-(\d{8})(?:-账面|-with-book)?(?:-\d+)?\.xlsx", f.name):
            try:
                days.add(dt.datetime.strptime(m.group(1), "%Y%m%d").date())
            except ValueError:  # (20261340: no day)
                continue
    if date in days:
        return None
    return max((d for d in days if date - dt.timedelta(days=SAME_STOCKTAKE) <= d < date), default=None)


def _packed(shop: Shop, date: dt.date, shipped: dict[str, dt.date] | None = None, batches: set[str] | None = None
            ) -> dict[str, tuple[int, list[str]]]:
    """SKU → (units, orders) in parcels picked and not shipped (a 拣货批次, not 已发货), gifts with them, of a
    batch picked by `date` (a batch named without its day counted in): off the shelf, still on the book.
    `shipped`: also those of a batch dated by `date` and shipped after it (a count posted the day after, the
    parcels gone since: on the bench when counted, their 出库 after the count), each order → its 发货日期 put there.
    `batches`: the 拣货批次 of the parcels not shipped put there.
    Read as well as it reads: orders.xlsx missing or a line that does not read is no reason to stop a posting."""
    from ..orders.picking import read_gifts, typed_gifts
    from ..report.selfcheck import BATCH_DAY
    from ..schema import OrderStatus

    try:
        lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    except Exception:  # noqa: BLE001 - only a warning is at stake, never the posting
        return {}
    by_order: dict[str, list[OrderLine]] = {}
    # (held or cancelled after the pick: its parcel stands packed until pulled, its batch cell cleared then)
    unshipped = {OrderStatus.APPROVED, OrderStatus.HELD, OrderStatus.CANCELLED}
    for ln in lines:
        if ln.batch and ln.status in unshipped and not (
                (m := BATCH_DAY.match(ln.batch)) and m.group(1) > f"{date:%Y%m%d}"):
            by_order.setdefault(ln.order_no, []).append(ln)
            if batches is not None:
                batches.add(ln.batch)
        elif shipped is not None and ln.batch and ln.shipped_on and ln.shipped_on > date and (
                (m := BATCH_DAY.match(ln.batch)) and m.group(1) <= f"{date:%Y%m%d}"):  # (a batch's day known)
            by_order.setdefault(ln.order_no, []).append(ln)
            shipped[ln.order_no] = ln.shipped_on
    units: dict[str, int] = {}
    orders: dict[str, list[str]] = {}
    for no, lns in by_order.items():
        try:
            gifts = read_gifts(typed_gifts(lns) or "")
        except ValueError:  # a 赠品 cell that does not read: the order's own lines still count
            gifts = []
        for sku, qty in [(ln.sku, ln.qty) for ln in lns] + [(g.sku, g.qty) for g in gifts]:
            units[sku] = units.get(sku, 0) + qty
            if no not in orders.setdefault(sku, []):
                orders[sku].append(no)
    return {sku: (n, orders[sku]) for sku, n in units.items() if n > 0}


def blank_counts(sd, date: dt.date | None = None) -> list[StocktakeCount]:
    """The rows of the counts' sheet `sd` dated `date` (None: any day) with a SKU and 实盘数量 left blank (the
    reader's warning, no error): not counted yet. A row with an error too (a date that does not read) stops the
    posting as any other."""
    if sd is None or not sd.present:
        return []
    wrong = {i.row for i in sd.issues if i.is_error}
    return [c for c in sd.unreadable if c.counted is None and c.sku and c.date and (date is None or c.date == date)
            and c.row not in wrong]


@writes_shop("stocktake post")
def stocktake_post(shop: Shop, date: dt.date, dry_run: bool = False, zero_uncounted: bool = False,
                   today: dt.date | None = None, write: Writer = edit_workbook):
    """Post the counts of `date` as 调整 movements (盘盈/盘亏 at cost). Posting twice changes nothing.
    `dry_run`: say what it would post, write nothing; `zero_uncounted`: a SKU not counted counts as 0
    (its book quantity a loss); `today`: a count dated after it is refused."""
    date = day_given(date)
    today = day_given(today, "today") or dt.date.today()
    if date > today:
        raise DataStop(f"盘点日期 {date} 在未来（今天是 {today}）：没有过账，什么都没有写。请核对 --date，给盘点那天的日期"
                       f"（今天或以前）；“{StocktakeCount.zh}”表里的日期也写成了未来的，先改正那些日期，再过账。",
                       f"The stocktake date {date} is in the future (today is {today}): nothing was posted or written. "
                       f"Check --date and give the day of the count (today or earlier); if the "
                       f"dates on the {StocktakeCount.en} sheet are in the future too, correct them first, then post.")
    d = load_stock(shop, need_orders=False)
    stop_on(d.count_errors, "盘点", "Stocktake", shop.path(STOCK))
    # a sheet a person renamed (盘点 11-30) by that name: there is no 盘点 to type into or look at
    sd = d.book.sheets.get(StocktakeCount)
    named = sd.sheet if sd and sd.present and sd.sheet != StocktakeCount.title(shop.lang) else ""
    at_zh, at_en = count_sheet_names(named)
    unread = list(getattr(sd, "unread", ()) or ())  # sheets of its headers beside it, not read (reader: one is)
    blank = blank_counts(sd, date)
    if blank and not zero_uncounted and not any(c.date == date for c in d.counts):
        rows = few([f"第 {own_row(c.row)} 行" for c in blank], en=[f"row {own_row(c.row)}" for c in blank])
        raise DataStop(f"“{at_zh}”表里 {date} 的 {len(blank)} 行实盘数量都空着（{rows[0]}）：还没有数到的，没有过账。"
                       f"请把数到的件数填进去（一件也没有填 0），再过账。",  # (a sheet typed ahead, no figure in it yet)
                       f"The {at_en} sheet's {en_count(len(blank), 'row')} dated {date} "
                       f"{'have' if len(blank) > 1 else 'has'} no count typed in ({rows[1]}): nothing counted, nothing "
                       "posted. Type the units counted (0 if none), then post again.", shop.path(STOCK))
    if not any(c.date == date for c in d.counts) and not blank:
        # the dates it does have (newest first): most often the count was typed under another day
        have = sorted({c.date for c in d.counts if c.date}, reverse=True)
        # (a list cut says how many more: a weekly count's year of dates read "2026-11-30、…、2026-10-26…" before)
        shown = few([str(x) for x in have])
        if unread:  # this week's counts on a sheet of their own (盘点 12-04 beside 盘点 11-30): not read, not missing
            more_zh = (f"。“{'”“'.join(unread)}”的表头和它一样，没有读取（只读一张盘点表）：那里的盘点请移到“{at_zh}”表里，"
                       f"日期填 {date}，再过账。")
            more_en = (f". '{', '.join(unread)}' has the same headers and was not read (one stocktake sheet is read): "
                       f"move its counts to the {at_en} sheet, dated {date}, then post.")
        elif typed := [f.name for f in sorted(shop.reports.glob(f"*-{date:%Y%m%d}*.xlsx")) if f.name.startswith(
                ("盘点表-", "stocktake-")) and _filled_in(f)]:  # (the printed sheet filled in on a tablet)
            more_zh = (f"。{'、'.join(typed)} 里填了盘点数，但那是打印用的盘点表，过账只读 stock.xlsx 的“{at_zh}”表：请把数量连同"
                       f"商家编码复制到“{at_zh}”表，日期填 {date}，再过账。")
            more_en = (f". {', '.join(typed)} has counts typed in, but it is the count sheet for printing: posting reads "
                       f"the {at_en} sheet of stock.xlsx: copy the counts with their SKUs to the {at_en} sheet, dated "
                       f"{date}, then post.")
        else:
            # a date after today is refused (a year typed 2027 for 2026): never offered, said as the slip it is
            # (the 盘点过账 button, which posts the latest count up to today, met only those and offered --date)
            past, ahead = [d_ for d_ in have if d_ <= today], [d_ for d_ in have if d_ > today]
            some = "、".join(map(str, past[:5])) if ahead else ""  # (which of them, where some are not)
            more_zh = (f"。请把实盘数量填进 stock.xlsx 的“{at_zh}”表，日期填 {date}"
                       + (f"；或者 --date 用 {some}" if some else "；或者 --date 用上面的日期" if past else "") + "。")
            more_en = (f". Type the counts into the {at_en} sheet of stock.xlsx dated {date}"
                       + (f"; or give --date {some.replace('、', ' or ')}" if some else
                          "; or give --date one of those dates" if past else "") + ".")
            if ahead:
                later = few([str(x) for x in ahead])
                more_zh += f"{later[0]} 在今天（{today}）之后，不能过账：是不是年份或日期写错了？改成盘点那天的日期，再过账。"
                more_en += (f" {later[1]} {'is' if len(ahead) == 1 else 'are'} after today ({today}) "
                            "and cannot be posted: the year or day mistyped? Change it to the day of the count, then post.")
        raise DataStop(f"“{at_zh}”表里没有 {date} 的盘点记录（" + (f"有的日期：{shown[0]}" if have else "表里还没有盘点记录")
                       + "）" + more_zh,
                       f"The {at_en} sheet has no counts dated {date} ("
                       + (f"it has counts dated {shown[1]}" if have else "it has no counts yet")
                       + ")" + more_en, shop.path(STOCK))
    refs = count_refs(date)  # (one posted then, a year ago, posted again: nothing changes, no slip to say)
    if (meant := a_year_early(date, d.counts, today)) is not None and not any(m.ref in refs for m in d.movements):
        n = sum(1 for c in d.counts if c.date == date)
        raise DataStop(f"“{at_zh}”表里 {date} 的盘点（{n} 行）比其他盘点早了一年：是不是 {meant} 的年份写错了？按 {date} "
                       f"过账会按一年前的账面记盘盈盘亏，所以没有过账。请把这些行的日期改为 {meant}，再过账：shopbook stocktake "
                       f"post 店铺 --date {meant}",
                       f"The {at_en} sheet's counts dated {date} ({en_count(n, 'row')}) are a year before the other "
                       f"counts: is it {meant} with the year mistyped? Posted as {date}, they would be set against the "
                       f"book of a year ago, so nothing was posted. Change their date to {meant}, then post: shopbook "
                       f"stocktake post SHOP --date {meant}", shop.path(STOCK))
    if (run := filled_down(d.counts, date)) is not None:  # (before: one row posted, ✓, the rest left to other days)
        a, b, first_day, last_day = run
        zh = (f"“{at_zh}”表第 {a}–{b} 行的日期一行比一行晚一天（{first_day} 到 {last_day}）：是不是在 Excel 里下拉填充日期时，"
              f"每行自动加了一天？同一次盘点的行都是盘点那天的日期。没有过账：请把这些行的日期都改成盘点那天（多半是第 {a} 行的 "
              f"{first_day}；下拉时按住 Ctrl，日期就不会递增），再过账")
        en = (f"The {at_en} sheet's rows {a}–{b} are dated a day apart, row by row ({first_day} to "
              f"{last_day}): a date dragged down in Excel, which adds a day a row? A count's rows all take "
              "the day it was made. Nothing was posted: give those rows all the count's date (most likely "
              f"row {a}'s, {first_day}; hold Ctrl while dragging and the date is copied), then post")
        # (the 盘点过账 button has no --date: it posts the latest count up to today, which the rows put right are)
        from ..addin.build import button_label

        b = button_label("btnStocktakePost")
        raise DataStop(f"{zh}：shopbook stocktake post 店铺 --date {first_day}",
                       f"{en}: shopbook stocktake post SHOP --date {first_day}", shop.path(STOCK),
                       by_button=(f"{zh}：改好后再按“{b[0]}”。", f"{en}: press {b[1]} again."))
    # a row dated after today (2027 typed for 2026) counts nowhere until its day, nor here: said as what it
    # most likely is, a typo of the date (before: "A 在盘点日之后有出入库", goods to look for on the shelf)
    ahead = _ahead(d, today)
    moves = [m for m in d.movements if m.date <= today] if ahead else d.movements
    plan = plan_stocktake(d.products, moves, d.counts, date, zero_uncounted, shop.lang, named, blank)
    # first: a count of another day left unposted must not be cut off below a hundred other warnings
    plan.warnings[:0] = not_posted(d.products, moves, d.counts, date, shop.lang, today, named, plan.by_button) + (
        [ahead_said(ahead)] if ahead else [])
    if unread:  # a second counter's own sheet (盘点-小李 beside 盘点-小王): its SKUs listed as uncounted, unsaid why
        zh = (f"“{'”“'.join(unread)}”的表头和“{at_zh}”一样，没有读取（只读一张盘点表）：那里的盘点不在这次过账里；"
              f"是这次的盘点的话，请移到“{at_zh}”表里再过账（别用 --zero-uncounted：那里的 SKU 会按 0 计）")
        en = (f"'{', '.join(unread)}' has the headers of the {at_en} sheet and was not read (one stocktake sheet is "
              f"read): its counts are not in this posting; if they are this count's, move them to the {at_en} sheet "
              "and post again (not --zero-uncounted: its SKUs would count as 0)")
        plan.warnings.insert(0, (zh, en))
    if any(x.diff for x in plan.lines) and (printed := _printed_before(shop, date)) is not None:
        plan.warnings += printed_day_said(plan, d.products, moves, printed)  # (counted then, typed days later)
    if any(x.diff < 0 for x in plan.lines):  # (a short count only: orders.xlsx read for nothing else)
        plan.warnings += packed_said(plan, _packed(shop, date, since := {}), since)
    book_after = on_hand(d.products, moves + plan.adjustments, today)
    for x in plan.lines:
        if book_after[x.sku] < 0:
            plan.warnings.append((f"{x.sku} 调整后库存为 {book_after[x.sku]}（负数），请核对",
                                  f"{x.sku} is {book_after[x.sku]} after the adjustment (below zero): check it"))
    if (plan.adjustments or plan.mark) and not dry_run:
        # (the sheet's layout: rows going below a person's 合计 row are said, as every append says them)
        rows, sd = plan.adjustments or [plan.mark], d.book.sheets[Movement]
        write(shop.path(STOCK), [SheetEdit(Movement, append=rows, layout=sd)], lang=shop.lang)
        # (出入库 kept a sheet a year: the rows went to their date's year's, 2025出入库, not this year's)
        plan.sheet = (part_for(sd, rows[0]) if sd.parts else sd).sheet or Movement.title(shop.lang)
    return plan

