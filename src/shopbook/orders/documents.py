"""The warehouse's printed documents: pick list and packing notes (.xlsx from the
report template in templates/reports/), and the waybill CSV for courier software.

The template holds the look (title, header styles, A4, header row repeated on every
page, fitted to the page width); shopbook fills rows below its header row. A shop
may restyle its copy of the template; the columns are found by their headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

from ..io.cells import csv_code, csv_safe, excel_csv
from ..io.files import write_atomic
from ..issues import ShopbookError, en_count
from ..printout import on_a4
from ..schema import Product
from .picking import Parcel, PickLine, WaybillRow, order_words

if TYPE_CHECKING:
    from openpyxl import Workbook

# openpyxl is imported where a workbook is made (0.1 s): the morning job writes its packing
# notes in a forked copy (write_picking_documents), and only that copy needs it, and only for
# a shop's own template (PREPARED serves the bundled one)
TEMPLATES = Path(__file__).resolve().parents[3] / "templates"  # the repository's, in a development install
# the bundled template made ready for its rows (_prepare), beside it: generated with it (`make
# templates`), so that a shop without its own template is served without openpyxl (0.1–0.15 s to import)
PREPARED = "picklist.prepared.xlsx"
# a batch this big has its documents written by a forked copy of the process while the job writes
# orders.xlsx (io/forked): 10,000 packing notes take 0.3–0.4 s; a fork costs ~10 ms
BESIDE_PARCELS = 500


@lru_cache(maxsize=1)
def _looks() -> dict:
    from openpyxl.styles import Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return {"head_fill": PatternFill("solid", fgColor="1F4E78"), "head_font": Font(bold=True, color="FFFFFF"),
            "box": Border(left=thin, right=thin, top=thin, bottom=thin)}

PICK_HEADS = {
    "zh": ["库位", "商家编码", "名称", "颜色", "尺码", "数量", "订单数", "赠品", "已拣"],
    "en": ["Bin", "SKU", "Name", "Colour", "Size", "Qty", "Orders", "Gift", "Picked"],
}
NOTE_HEADS = {
    "zh": ["商家编码", "名称", "颜色", "尺码", "数量", "备注"],
    "en": ["SKU", "Name", "Colour", "Size", "Qty", "Note"],
}
WAYBILL_HEADS = {
    "zh": ["订单编号", "收货人", "手机", "省", "市", "区", "详细地址", "商品", "预估重量(kg)", "预估运费"],
    "en": ["Order no", "Receiver", "Phone", "Province", "City", "District", "Address", "Items",
           "Estimated weight (kg)", "Estimated fee"],  # (estimated as 预估重量: from the products' weights)
}
TITLES = {"zh": ("拣货单", "发货单"), "en": ("Pick list", "Packing notes")}


# what a packing note's text cell (column B, running on over C–F: 73 widths of a digit in the bundled
# template) shows on paper, a Chinese character as wide as two digits; text wider than the page was cut off
NOTE_WIDTH = 64
# rows of a packing note's page: the bundled template's A4 holds 46 rows of 15 pt between its 1-inch margins,
# a few kept for a printer's taller rows. An order of more lines (an agent's 40) ran on to a page of goods
# with no order number on it: each page of it now starts with its order number
NOTE_PAGE_ROWS = 44


def on_one_line(text: str | None) -> bool:
    """Whether a packing note's text prints on one line: no line break, and no wider than the page
    (NOTE_WIDTH; half as many characters fit whatever they are, and most addresses are no longer)."""
    return text.__class__ is not str or ("\n" not in text and "\r" not in text and (
        len(text) <= NOTE_WIDTH // 2 or len(text.encode()) + len(text) <= 2 * NOTE_WIDTH))  # (3 bytes: 2 wide)


def printed_lines(text: str | None) -> list[str | None]:
    """A packing note's text (an address, a buyer's message) as the lines it prints on: its own line
    breaks kept, a line wider than the page (NOTE_WIDTH) broken where it fills it. Most texts: themselves."""
    if on_one_line(text):
        return [text]
    out = []
    for line in text.splitlines():
        piece, width = [], 0
        for ch in line:
            w = 2 if east_asian_width(ch) in "WF" else 1
            if width + w > NOTE_WIDTH:
                out.append("".join(piece))
                piece, width = [], 0
            piece.append(ch)
            width += w
        if piece:
            out.append("".join(piece))
    return out or [text.strip()]


def together_lines(mates: tuple[str, ...], lang: str) -> list[str]:
    """A packing note's 合并发货 words (the orders packed in its box), on lines no wider than the page
    (NOTE_WIDTH), an order number never broken over two."""
    head, tail = ("与订单 ", "装进一个包裹，贴一张面单") if lang == "zh" else ("pack with order ", "in one box, under one waybill")
    words = [head + mates[0]] + [f", {m}" for m in mates[1:]]
    words[-1] += " " + tail
    out, line = [], ""
    for w in words:
        if line and sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line + w) > NOTE_WIDTH:
            out.append(line.rstrip(", "))
            line = w.lstrip(", ")
        else:
            line += w
    return [*out, line]


def _print_setup(ws, title_rows: str | None, lang: str) -> None:
    # (the footer, in the template: the file's name says the batch, 拣货单-20261205-1.xlsx, on every page of
    # a pick list many pages long and on every packing note, with page x of y; nothing to write per batch)
    on_a4(ws, lang, title_rows)
    ws.page_margins.left = ws.page_margins.right = 0.4


def build_template(lang: str = "zh") -> Workbook:
    """The report template: styled, print-ready, empty."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    look = _looks()
    wb = Workbook()
    pick, notes = TITLES[lang]
    ws = wb.active
    ws.title = pick
    ws["A1"] = pick
    ws["A1"].font = Font(bold=True, size=16)
    for j, h in enumerate(PICK_HEADS[lang], start=1):
        c = ws.cell(row=3, column=j, value=h)
        c.font, c.fill, c.border = look["head_font"], look["head_fill"], look["box"]
    for letter, w in zip("ABCDEFGHI", (10, 18, 24, 10, 8, 7, 8, 7, 7)):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = "A4"
    _print_setup(ws, "3:3", lang)
    ws2 = wb.create_sheet(notes)
    ws2["A1"] = notes
    ws2["A1"].font = Font(bold=True, size=16)
    for letter, w in zip("ABCDEF", (18, 26, 10, 8, 7, 22)):
        ws2.column_dimensions[letter].width = w
    _print_setup(ws2, None, lang)
    return wb


def _named_styles(wb: Workbook) -> None:
    """Cell styles registered once and set by name: per-cell style objects make openpyxl
    compare styles for every cell, which is slow for thousands of packing notes."""
    from openpyxl.styles import Font, NamedStyle, PatternFill

    look = _looks()
    for name, font, fill in (("sb_head", look["head_font"], look["head_fill"]), ("sb_box", Font(), PatternFill())):
        if name not in wb.named_styles:
            wb.add_named_style(NamedStyle(name=name, font=font, fill=fill, border=look["box"]))
    if "sb_label" not in wb.named_styles:
        wb.add_named_style(NamedStyle(name="sb_label", font=Font(bold=True)))


def _bundled(lang: str) -> Path:
    return TEMPLATES / ("" if lang == "zh" else "en") / "reports" / "picklist.xlsx"


def _open_template(template: Path | None, lang: str) -> Workbook:
    """The shop's own copy (templates/reports/picklist.xlsx in the shop folder) if it has
    one, else the bundled one, else one built here."""
    t = template or _bundled(lang)
    if not t.exists():
        return build_template(lang)
    from openpyxl import load_workbook

    from ..io.cells import stored_text

    try:
        with stored_text():  # a shop's own template keeps a typed _x0041_ as typed
            wb = load_workbook(t)
    except Exception as e:  # noqa: BLE001 - not a workbook, or one openpyxl cannot open: said, with the fix
        raise ShopbookError(f"拣货单模板打不开（{type(e).__name__}）。请用 Excel 重新保存它，或删掉它（会用自带的）。",
                            f"The pick list template cannot be opened ({type(e).__name__}). Save it again in Excel, "
                            "or delete it (the bundled one is used).", t) from None
    missing = [title for title in TITLES[lang] if title not in wb.sheetnames]  # the rows go under these names
    if missing:
        raise ShopbookError(f"拣货单模板缺少工作表“{'”“'.join(missing)}”。请把它的两张表命名为“{TITLES[lang][0]}”和"
                            f"“{TITLES[lang][1]}”，或删掉它（会用自带的）。",
                            f"The pick list template has no sheet '{', '.join(missing)}'. Name its two sheets "
                            f"'{TITLES[lang][0]}' and '{TITLES[lang][1]}', or delete it (the bundled one is used).", t)
    return wb


def write_picking_documents(path: Path, batch: str, lines: list[PickLine] | Callable[[], list[PickLine]],
                            parcels: list[Parcel], products: list[Product], lang: str = "zh",
                            template: Path | None = None) -> Path:
    """The pick list (`lines`, or what `lines()` makes where the file is written) and one packing
    note per order (a page each), in the template's look.

    openpyxl fills in the template's top (and one cell of each style, which the rows
    then copy); the rows themselves, tens of thousands of cells for a big batch, are
    written as XML (io.xlsx_patch.fill_sheets): openpyxl took seconds per thousand notes.
    Within a job, a big batch's file is made whole by a forked copy of the process (the job's
    commit waits for it and stops on what it raised) while the job goes on."""
    make = lines if callable(lines) else lambda: lines
    return write_atomic(path, lambda tmp: _documents(tmp, batch, make(), parcels, products, lang, template),
                        keep_backup=False, beside=len(parcels) >= BESIDE_PARCELS, report=True)


def _prepare(template: Path | None, lang: str) -> Workbook:
    """The template (as _open_template finds it) ready for its rows: the styles they take,
    registered by name and set on the cells they copy them from, and a page break where the
    packing notes' breaks go."""
    from openpyxl.worksheet.pagebreak import Break

    wb = _open_template(template, lang)
    _named_styles(wb)
    pick_title, notes_title = TITLES[lang]
    wb[pick_title].cell(row=4, column=1).style = "sb_box"  # style donors: the rows below copy these
    ws2 = wb[notes_title]
    for row, style in ((3, "sb_label"), (4, "sb_head"), (5, "sb_box")):
        ws2.cell(row=row, column=1).style = style
    ws2.row_breaks.brk = (Break(id=5),)  # the part fill_sheets replaces with the real breaks
    return wb


def _prepared(template: Path | None, lang: str) -> bytes:
    """_prepare's workbook as bytes: the bundled template's from PREPARED, made with it; a shop's
    own template's (which a person may change at any time) made here."""
    ready = _bundled(lang).with_name(PREPARED)
    if template is None and ready.exists():
        return ready.read_bytes()
    import io as _io

    buf = _io.BytesIO()
    _prepare(template, lang).save(buf)
    return buf.getvalue()


def write_prepared(folder: Path, lang: str) -> Path:
    """PREPARED of the template in `folder` (the bundled one's: `make templates`), byte-stable."""
    from ..workbook_builder import stable_save

    return write_atomic(folder / PREPARED, lambda p: stable_save(_prepare(folder / "picklist.xlsx", lang), p),
                        keep_backup=False)


def _documents(out: Path, batch: str, lines: list[PickLine], parcels: list[Parcel], products: list[Product],
               lang: str, template: Path | None) -> None:
    import datetime as dt

    from ..io.xlsx_patch import HOLE, RowBlock, SheetRows, fill_sheets

    src = _prepared(template, lang)
    pick_title, notes_title = TITLES[lang]
    title = (f"批次 {batch} · {len(parcels)} 个订单 · {sum(x.qty for x in lines)} 件" if lang == "zh"
             else f"Batch {batch} · {en_count(len(parcels), 'order')} · {en_count(sum(x.qty for x in lines), 'item')}")

    yes = "赠" if lang == "zh" else "gift"
    pick_rows = {r: [(1, x.bin, "box"), (2, x.sku, "box"), (3, x.name, "box"), (4, x.colour, "box"), (5, x.size, "box"),
                     (6, x.qty, "box"), (7, x.orders, "box"), (8, yes if x.gift else "", "box"), (9, "", "box")]
                 for r, x in enumerate(lines, start=4)}
    by_sku = {p.sku: p for p in products}
    labels = (("订单编号", "收货人", "手机", "地址", "买家留言", "卖家备注") if lang == "zh"
              else ("Order no", "Receiver", "Phone", "Address", "Buyer message", "Seller note"))
    l1, l2, l3, l4, l5, l6 = ((1, label, "label") for label in labels)
    l7 = (1, "合并发货" if lang == "zh" else "Ship together", "label")
    # rows given as tuples are the same object wherever they repeat: fill_sheets makes each once
    heads = tuple((j, h, "head") for j, h in enumerate(NOTE_HEADS[lang], start=1))
    no_message, no_note = (l5, (2, "", "plain")), (l6, (2, "", "plain"))  # most notes
    gift = "赠品" if lang == "zh" else "gift"
    item_rows: dict[tuple, tuple] = {}  # (sku, qty, its class, gift) → the item's row

    def item_row(sku: str, qty: int, is_gift: bool) -> tuple:
        key = (sku, qty, qty.__class__, is_gift)
        row = item_rows.get(key)
        if row is None:
            p = by_sku.get(sku)
            row = item_rows[key] = (
                (1, sku, "box"), (2, p.name if p else "?", "box"), (3, (p.colour or "") if p else "", "box"),
                (4, (p.size or "") if p else "", "box"), (5, qty, "box"), (6, gift if is_gift else "", "box"))
        return row

    # a note's head, its seven rows as one block: its texts given, the rest made once per shape
    hole = [(l1, (2, HOLE, "plain")), (l2, (2, HOLE, "plain")), (l3, (2, HOLE, "plain")), (l4, (2, HOLE, "plain"))]
    shapes = {(message, note): (*hole, (l5, (2, HOLE, "plain")) if message else no_message,
                                (l6, (2, HOLE, "plain")) if note else no_note, heads)
              for message in (False, True) for note in (False, True)}
    note_rows: dict[int, list | tuple | RowBlock] = {}
    breaks = []
    r = 3
    last = len(parcels) - 1
    sep = "；" if lang == "zh" else "; "
    more = "{}（续）" if lang == "zh" else "{} (continued)"
    top = 1  # the row the page being filled starts at
    for n, parcel in enumerate(parcels):
        h = parcel.head
        # long text runs on over the empty cells to its right: no merge needed
        texts = (parcel.order_no, h.receiver, h.phone, h.address)
        # (an order of several rows: what each row's message and note say, as the review read them)
        message, note = ((h.buyer_message, h.seller_note) if len(parcel.lines) == 1 else
                         (order_words(parcel.lines, "buyer_message", sep), order_words(parcel.lines, "seller_note", sep)))
        # (10,000 notes a morning: each text measured once, and broken into lines only where it must be)
        if all(t.__class__ is str and t for t in texts) and on_one_line(h.address) and on_one_line(message) \
                and on_one_line(note) and not parcel.together:
            note_rows[r] = RowBlock(shapes[bool(message), bool(note)],
                                    texts + ((message,) if message else ()) + ((note,) if note else ()))
            r += 7
        else:  # a blank among them (its cell is written empty), or a text on several lines: row by row
            printed = [printed_lines(t) for t in (h.address, message, note)]
            rows = [[l1, (2, parcel.order_no, "plain")], [l2, (2, h.receiver, "plain")], [l3, (2, h.phone, "plain")]]
            for label, text, lines_of, empty in ((l4, h.address, printed[0], None), (l5, message, printed[1], no_message),
                                                 (l6, note, printed[2], no_note)):
                if not text and empty is not None:
                    rows.append(empty)
                    continue
                rows.append([label, (2, lines_of[0], "plain")])
                rows += [[(2, more, "plain")] for more in lines_of[1:]]  # under its label, column A blank
            if parcel.together:  # 合并发货: the packer puts them in one box (its notes side by side, one waybill row)
                lines_of = together_lines(parcel.together, lang)
                rows.append([l7, (2, lines_of[0], "plain")])
                rows += [[(2, more, "plain")] for more in lines_of[1:]]  # (many orders: on as many lines)
            rows.append(heads)
            for row in rows:
                note_rows[r] = row
                r += 1
        for sku, qty, is_gift in parcel.counts():
            if r - top >= NOTE_PAGE_ROWS:  # the page is full: the next one says whose goods these are
                breaks.append(r - 1)
                top = r
                note_rows[r], note_rows[r + 1] = [l1, (2, more.format(parcel.order_no), "plain")], heads
                r += 2
            note_rows[r] = item_row(sku, qty, is_gift)
            r += 1
        if n < last:
            breaks.append(r)  # one packing note per page
            top = r + 1
        r += 2
    fill_sheets(src, out, [
        SheetRows(pick_title, 4, pick_rows, {"box": "A4"}, top={2: {1: title}}),
        SheetRows(notes_title, 3, note_rows, {"label": "A3", "head": "A4", "box": "A5", "plain": "Z1"}, breaks)],
        modified=dt.datetime.now(dt.timezone.utc))


def waybill_csv(rows: list[WaybillRow], lang: str = "zh") -> bytes:
    """UTF-8 with a BOM (Excel and courier software read it right); text from buyers
    is kept from ever becoming a formula; long digit codes stay text (csv_code)."""
    return excel_csv(WAYBILL_HEADS[lang], ((csv_code(str(x.order_no)), *map(_field, (
        x.receiver, x.phone, x.province, x.city, x.district, x.address, x.items, _kg(x.weight_kg), x.fee))) for x in rows))


def _field(v) -> str:
    """A waybill field as its CSV cell: text kept from becoming a formula (csv_safe), on one line (an address the
    buyer wrote over two lines, 科技园路1号⏎2栋301, kept in orders.xlsx as the export had it: a courier's software that
    reads a record a line printed half of it and took the rest for another parcel), nothing for None."""
    return csv_safe(_BREAKS.sub(" ", v).strip() if _BREAK_CHARS.search(v) else v) if isinstance(v, str) else (
        "" if v is None else str(v))


_BREAK_CHARS = re.compile("[\r\n\u2028\u2029]")  # (Alt+Enter in a cell, a line pasted from a chat)
_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def _kg(w):
    """A parcel's weight as its column writes every one: to 0.01 kg (0.4 and 0.40 + 0.10 both read
    0.40 and 0.50), finer only where a product's weight is (0.125 kg)."""
    return f"{w:.2f}" if w is not None and w.as_tuple().exponent >= -2 else w


def write_waybill_csv(path: Path, rows: list[WaybillRow] | Callable[[], list[WaybillRow]], lang: str = "zh",
                      beside: bool = False) -> Path:
    """The waybill CSV of `rows`, or of what `rows()` makes where the file is written: within a
    job's writes_beside(), a big batch's (`beside`) by a forked copy while the job goes on."""
    make = rows if callable(rows) else lambda: rows
    return write_atomic(path, lambda tmp: tmp.write_bytes(waybill_csv(make(), lang)), keep_backup=False, beside=beside,
                        report=True)
