"""Reading a workbook into typed records, with every problem located.

python-calamine reads the cell values (fast); formula error values, which
calamine turns into blanks, are found by a byte scan of the sheet XML for cells
of type "e". Headers are matched by name through the schema declaration, so
column order, language, case, spaces and full-width forms do not matter.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import re
import sys
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import repeat
from operator import is_, itemgetter
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

try:
    import python_calamine as pc
except ImportError:  # xlwings Lite (Pyodide): no files to read there, only the open book
    pc = None

from .. import values as V
from ..issues import ROW_SPAN, Issue, ShopbookError, col_letter, quoting, show_value
from ..schema import SheetModel, WorkbookSpec
from ..schema.base import Column, Kind
from ..schema.lists import (check as check_list, is_count_text, is_heading_text, is_note_title, is_part_of_month_label,
                            is_sign_off, is_total_label, may_hold_total_label)
from . import limits, sheet_xml
from .background import beside, give_back, map_beside
from .files import after_saves, check_workbook, remember_read, restore_words, told_apart, version
from .prefetch import PARSE_HEAD_START, arrow_read_on, checked as checked_begun, forget as forget_begun
from .lists import literal_lists
from .sheet_xml import HEAD_ROWS, error_cells_in_xml, merged_ranges, scans as _scan_beside, sheet_parts

HEADER_SCAN_ROWS = HEAD_ROWS
# sheets of this much XML or more are read from fastexcel's Arrow columns (io/arrow_read); below it
# the row reader is as fast (the header look and fastexcel's set-up cost what typing saves)
ARROW_MIN_BYTES = 1 << 20


def header_key(s: object) -> str:
    """The form a header is compared in: NFKC (full-width → half-width), no spaces, underscores or
    hyphens (Unit Price, unit-price and unit_price are one header: an English shop types its headers
    as words), lower case, and no required-marker star (日期* or *日期, as import templates mark it), nor
    a colon or full stop after it (备注：, Order No.); a number is a no (Tracking #, Tracking Number: tracking_no)."""
    return _header_key(s if type(s) is str else str(s))


@lru_cache(maxsize=1 << 14)  # (the header look asks it of the same few hundred cells again for each sheet and row)
def _header_key(s: str) -> str:
    k = _HEADER_END.sub("", re.sub(r"[\s_\-]+", "", V.normalize_text(s)).lower()).lstrip("*")
    k = k[:-6] + "no" if k.endswith("number") and len(k) > 6 else k.replace("#", "no")
    # a row-number column (No., #) alone is no field's number: as before, never "no", which is in order_no and
    # po_no, where a header was offered as the one meant (its 1..n renamed order numbers, had it been taken)
    return k if k != "no" else re.sub(r"\s+", "", V.normalize_text(s)).lower().strip("*")


_HEADER_END = re.compile(r"[*.:]+$")


def sheet_key(s: object) -> str:
    """The form a sheet's name is compared in: NFKC, no spaces, lower case (流水 , Entries). Not header_key:
    a name's underscores, hyphens and digits are its own (2026-11 is November's sheet, 订单_2 a copy)."""
    return re.sub(r"\s+", "", V.normalize_text(str(s))).lower().strip("*")


_BREAK = re.compile(r"\s*[\r\n]+\s*")


def _one_line(header: str) -> str:
    """A header as a message names it: a line break typed in its cell (Alt+Enter) joined as Excel shows the
    two lines read, nothing between Chinese (商家↵编码: 商家编码), a space between words (Opening↵qty), never
    a break that cuts the message's line in two."""
    header = header.strip()
    if "\n" not in header and "\r" not in header:
        return header
    return _BREAK.sub(lambda m: "" if m.start() and m.end() < len(header) and not header[m.start() - 1].isascii()
                      and not header[m.end()].isascii() else " ", header)


@dataclass
class SheetData:
    """One sheet as read: where its columns are, its records, its issues."""

    book: str
    sheet: str  # the sheet's name as it is in the workbook
    model: type[SheetModel]
    header_row: int = 0  # 1-based; 0 when the sheet is missing
    columns: dict[str, int] = field(default_factory=dict)  # field → 0-based column index
    headers: dict[str, str] = field(default_factory=dict)  # field → header text as written
    records: list = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    present: bool = True
    # rows that could not be read whole (a typo, a required blank), with what could be read:
    # never used as data, but their keys (SKU, account, agent …) still exist for references,
    # so one typo is one error, not one for every row naming it
    unreadable: list = field(default_factory=list)
    # of them, the rows holding only the key people type ahead (model.typed_ahead: 日报's dates, the
    # figures to come): a row not filled in yet, no error; said once in notes
    ahead: list[int] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)  # what was read differently: a totals row skipped
    # columns used by any cell of the sheet, header or data (calamine's rows end at the last
    # cell with a value): a column shopbook adds goes right of them, never over a person's
    # column that has no header
    width: int = 0
    # (row, field) → (the value as a record's issue quotes it, the cell's text): amounts typed as a
    # negative its reading does not show, (12.00) read as -12.00, quoted as typed (_typed_negatives)
    typed_as: dict = field(default_factory=dict)
    # whether the sheet's XML holds any formula (the read's scan, io.sheet_xml.scans); None where not
    # known (a live book's): a command filling cells in looks for a person's formula only where it may be
    formulas: bool | None = None
    # its typed drop-down lists, (sqref, words) each (io.lists.literal_lists: validate's word on a list an
    # older template left); None where not known (a live book's, a big sheet read as Arrow columns)
    lists: tuple | None = None
    # the other sheets of its headers, not read, where it was found by its headers (10月收款 read as 收款,
    # 11月收款 beside it): said with the renamed sheet's warning; a command using their rows says so too
    unread: tuple[str, ...] = ()
    # last year's sheet kept beside the kind's own and left unread (2025流水 beside a 流水 that holds 2025 rows
    # too, _join_years_beside), as read: a command booking money checks it holds none of what it books
    kept_apart: tuple = ()
    # a kind kept on a sheet a year (or a month: 2026流水 and 2027流水) read as one (_joined): each sheet as
    # read, in date order; a record of parts[k] has row k * ROW_SPAN + its row there, so every issue and
    # every write finds its own sheet and row, and rows sorted by their number stay in date order
    parts: tuple = ()
    first: int = 0  # the part written to first (this year's): new rows of no part's date, a row-less issue
    dates: tuple = ()  # (year, month) each part's name holds, 0 where it holds none; parts' order
    # (while read: ((year, month), sheet) to join, in date order, this one among them; _joined joins them)
    years: tuple = ()

    def locate(self, issue: Issue) -> Issue:
        """Fill book, sheet name, cell and column header of an issue from this layout; its value
        as the cell holds it, where the record's reading of it reads otherwise ((12.00), not -12.00)."""
        if self.parts:  # (a sheet a year read as one: the part the row is on locates it)
            if issue.row is None:
                return self.parts[self.first].locate(issue)
            return self.parts[issue.row // ROW_SPAN].locate(issue.with_(row=issue.row % ROW_SPAN)).with_(row=issue.row)
        cell, column = issue.cell, issue.column
        if self.typed_as and (typed := self.typed_as.get((issue.row, issue.field))) and issue.value == typed[0]:
            issue = issue.with_(value=typed[1])
        if issue.field in self.columns:
            column = column or self.headers[issue.field]
            if issue.row:
                cell = cell or f"{col_letter(self.columns[issue.field])}{issue.row}"
        elif issue.field and not column and _has(self.model, issue.field):  # a column the sheet lacks: named
            # as the sheet's other headers are written (an English sheet: sku, not 商家编码)
            column = self.model.column(issue.field).header(
                "en" if _english_headers(self.sheet, self.model, self.headers) else "zh")
        return issue.with_(book=self.book, sheet=self.sheet, cell=cell, column=column)


def _records(sd: SheetData) -> list:
    pending = sd.__dict__.get("_pending")
    if pending is not None:  # made now, the first time any code asks for them (see records_where)
        sd.__dict__["_records"] = pending.all()
        sd.__dict__["_pending"] = None
    return sd.__dict__["_records"]


def _set_records(sd: SheetData, records: list) -> None:
    sd.__dict__["_records"], sd.__dict__["_pending"] = records, None


# records made when first asked for: a job that needs a few orders of a year's sheet (an import:
# the orders its files name) has every row read and checked, but makes only those records
SheetData.records = property(_records, _set_records)


def records_where(sd: SheetData, name: str, wanted: set) -> list:
    """The records whose field `name` is in `wanted`, in sheet order, without making the others
    when they are not made yet (the same objects the full list would hold: made once, kept)."""
    pending = sd.__dict__.get("_pending")
    if pending is None:
        return [r for r in sd.records if r.__dict__.get(name) in wanted]
    return pending.where(name, wanted)


def record_fields(sd: SheetData, *names: str) -> list[tuple]:
    """(field, field …) of every record, in sheet order, without making the records when they
    are not made yet (a year of 出入库 asked only which order's SKUs went out)."""
    pending = sd.__dict__.get("_pending")
    if pending is None:
        return [tuple(r.__dict__.get(f) for f in names) for r in sd.records]
    return pending.fields(names)


TOTALS_NOTE = "is a totals row"  # (the words of a totals row's note: trailing_totals_row finds them)
AHEAD_NOTE = "no figures yet"  # (of the note on rows typed ahead, key alone: validate says it in its own words)
CODE_AS_NUMBER = "is stored as a number, not as text"  # (the words validate finds to name the SKU it probably was)


def sku_like(c: Column) -> bool:
    """A SKU column (商家编码, 赠品编码, 换货编码): text a person types, whose leading zeros Excel drops
    when it is typed into a cell of General format (0012 is stored as the number 12)."""
    return c.kind is Kind.CODE and (c.name == "sku" or c.name.endswith("_sku"))


def code_as_number(c: Column, value: str, probably: list[str] = (), elsewhere: bool = False) -> tuple[str, str]:
    """What a SKU cell holding a number says (zh, en): where it is and the value as stored are the
    issue's; `probably`, the shop's SKUs it is with its leading zeros (validate knows them): of the
    商品 sheet, or (`elsewhere`: a 商品 cell's own) as other sheets write it."""
    en = c.col.en.replace("_", " ").replace("sku", "SKU")
    if probably:
        zh_p, en_p, typed = "或".join(f"“{p}”" for p in probably), " or ".join(probably), probably[0]
        where_zh, where_en = ("其他表里写的", "as other sheets write it") if elsewhere else ("商品表里的", "of the Products sheet")
        zh = (f"{c.col.zh}“{value}”存成了数字，不是文本：可能是{where_zh} {zh_p}，前面的 0 被 Excel 去掉了。"
              f"请把这一列设为文本格式，再重新输入编码（如 '{typed}）。")
        return zh, (f"The {en} '{value}' {CODE_AS_NUMBER}: probably {en_p} {where_en}, its leading zeros "
                    f"dropped by Excel. Format the column as Text and type the code again (e.g. '{typed}).")
    zh = (f"{c.col.zh}“{value}”存成了数字，不是文本：在常规格式的单元格里输入 0012，Excel 会去掉前面的 0，存成 12。"
          "请把这一列设为文本格式，再重新输入编码（如 '0012）。")
    return zh, (f"The {en} '{value}' {CODE_AS_NUMBER}: Excel drops the leading zeros of a code typed into a cell "
                "of General format (0012 is stored as 12). Format the column as Text and type the code again (e.g. '0012).")


FEW_NUMBERS = 50  # numbers among text codes that are always looked at, however few the texts


def _number_cells(vals, out: list, among_text: bool = False) -> list[int]:
    """The cells of a code column (`vals`; `out`, parsed) that hold a number (`among_text`: only in a
    column that holds text too): none in nearly every column, found at C speed (a number in a column
    of text makes the Arrow read leave the sheet to the row reader, so a column it typed holds none)."""
    types = set(map(type, vals))
    if (float not in types and int not in types) or (among_text and str not in types):
        return []
    return [k for k, v in enumerate(vals) if (v.__class__ is float or v.__class__ is int) and out[k] is not None]


def _numbers_in(vals, out: list) -> list[int]:
    """The cells of `vals` that hold a number among codes typed as text (`out`, parsed). A column of
    numbers only is a shop whose codes are numbers (10234): nothing is lost there, and nothing is said."""
    numbers = _number_cells(vals, out, among_text=True)
    if not numbers:
        return []
    # more numbers than codes typed as text (10234-B; a blank reads as ""), and more than a few: a shop
    # whose codes are numbers, where a warning a cell would say nothing (validate drops a number that is
    # a SKU as it stands) and cost a big sheet its fast paths
    texts = sum(1 for v in vals if v.__class__ is str and v.strip())
    return numbers if texts and len(numbers) <= max(texts, FEW_NUMBERS) else []


def barcode_like(c: Column) -> bool:
    """The 条码 column: an EAN-13 (EAN-8) whose leading 0 Excel drops when it is typed into a cell of
    General format (0614141000012 is stored as the number 614141000012)."""
    return c.kind is Kind.CODE and c.name == "barcode"


def barcode_as_number(c: Column, value: str) -> tuple[str, str]:
    """What a 条码 cell holding a number of 12 (7) digits says (zh, en): the code it probably was."""
    was, n = V.barcode_with_zero(value), len(value)
    ean = "EAN-13" if n == 12 else "EAN-8"
    return (f"{c.col.zh}“{value}”存成了数字，只有 {n} 位：多半是 {ean} 条码 {was}，开头的 0 被 Excel 去掉了，"
            f"扫码枪扫出的是 {was}。请把这一列设为文本格式，再重新输入条码（如 '{was}）。",
            f"The barcode '{value}' is a number of {n} digits: probably the {ean} code {was}, its leading 0 dropped "
            f"by Excel (the scanner reads {was}). Format the column as Text and type the code again (e.g. '{was}).")


def _lost_zeros(vals, out: list) -> list[int]:
    """The cells of `vals` holding a number read as a barcode of 12 (7) digits (`out`, parsed): an
    EAN-13 (EAN-8) whose leading 0 Excel dropped."""
    return [k for k in _number_cells(vals, out) if V.barcode_with_zero(out[k])]


def trailing_totals_row(sd: SheetData) -> int | None:
    """The row of a person's totals row below every data row of the sheet (合计 at its foot), if
    there is one: rows appended go below it, outside its sums. No record is made to know it."""
    totals = [n.row for n in sd.notes if n.row and TOTALS_NOTE in n.message_en]
    if not totals:
        return None
    rows = record_fields(sd, "row")
    last = max([rows[-1][0] if rows else 0, *(u.row or 0 for u in sd.unreadable)])
    return max(totals) if max(totals) > last else None


def sheet_keys(sd: SheetData, name: str) -> set:
    return {v for r in (*sd.records, *sd.unreadable) if (v := getattr(r, name, None)) is not None}


def _has(model: type[SheetModel], name: str) -> bool:
    return any(c.name == name for c in model.columns())


@dataclass
class WorkbookData:
    path: Path
    spec: WorkbookSpec
    sheets: dict[type[SheetModel], SheetData]
    issues: list[Issue]  # workbook-level (missing sheets)

    def rows(self, model: type[SheetModel]) -> list:
        sd = self.sheets.get(model)
        return sd.records if sd else []

    def keys(self, model: type[SheetModel], name: str) -> set:
        """Every value of column `name` on the sheet, of unreadable rows too (see SheetData.unreadable)."""
        sd = self.sheets.get(model)
        return sheet_keys(sd, name) if sd else set()

    def has_column(self, model: type[SheetModel], name: str) -> bool:
        """Whether the sheet was read with column `name`: where its header is mistyped (商品编吗), its keys
        are not known, and a check against them would call every reference to it unknown."""
        sd = self.sheets.get(model)
        return bool(sd and sd.present and name in sd.columns)

    def all_notes(self) -> list[Issue]:
        return [i for sd in self.sheets.values() for i in sd.notes]

    def errors_in(self, *models: type[SheetModel]) -> list[Issue]:
        """The errors of the named sheets (all sheets when none are named), a missing one included."""
        # by the sheet read for each model, not by title: a sheet named in English or renamed
        # (出入库记录) has its errors counted too
        titles = {n for m in models for n in (m.zh, m.en)}  # (a missing sheet: named as its book's others)
        out = [i for i in self.issues if i.is_error and (not models or i.sheet in titles)]
        for m, sd in self.sheets.items():
            if not models or m in models:
                out += [i for i in sd.issues if i.is_error]
        return out

    def all_issues(self) -> list[Issue]:
        out = list(self.issues)
        for sd in self.sheets.values():
            out.extend(sd.issues)
        return out

    def locate(self, issues: list[Issue]) -> list[Issue]:
        return locate_in([self], issues)


def locate_in(books: list[WorkbookData], issues: list[Issue]) -> list[Issue]:
    """Rule issues (from `issues.at`: sheet, row, field) placed on their cells through the
    layouts the books were read with; an issue about a sheet none of them holds stays as it is."""
    by_title = {m.zh: sd for wd in books for m, sd in wd.sheets.items()}
    return [by_title[i.sheet].locate(i) if i.sheet in by_title else i for i in issues]


def _error_cells_in(path: Path, part: str) -> dict[tuple[int, int], str]:
    with zipfile.ZipFile(path) as z:
        return error_cells(z, part)


def error_cells(z: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(0-based row, col) → the error value (#REF!, #DIV/0! …) Excel cached there."""
    try:
        data = z.read(part)
    except KeyError:
        return {}
    return error_cells_in_xml(data)


def merged_in_data(sd: SheetData, merges: list[tuple[int, int, int, int]]) -> None:
    """A range merged over data cells (订单编号 down an order's lines, a row's cells across):
    Excel shows its value in each of its cells, the file holds it in the first alone, and the
    others read blank. Said once, at the range, as what it is (before: a required blank at each
    cell, with nothing saying why the cell the person sees filled is blank; an optional column's
    cells silently blank). An error where a required column is among them (those rows are not
    used), else a warning. A title, the header, a totals or note row merged are no data."""
    if not merges or not sd.present or not sd.columns:
        return
    first = sd.header_row
    declared = {i: name for name, i in sd.columns.items()}
    skipped = {n.row for n in sd.notes if n.row}
    data_rows = None
    for r1, c1, r2, c2 in merges:
        if r1 in skipped and r1 == r2 and r1 > first:  # a heading its words told (以下为11月下半月), merged across
            sd.notes[:] = [replace(n, message_zh=n.message_zh.replace("分组标题，", "分组标题（合并单元格），"),
                                   message_en=n.message_en.replace("rows below,", "rows below (a merged cell),"))
                           if n.row == r1 and n.cell == f"{col_letter(c1)}{r1}" else n for n in sd.notes]
        if r1 <= first or r1 in skipped:
            continue
        covered = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1) and c in declared and r not in skipped]
        if not covered:
            continue
        if data_rows is None:
            data_rows = {x.row for x in sd.records} | {x.row for x in sd.unreadable}
        covered = [(r, c) for r, c in covered if r in data_rows]
        if r1 not in data_rows or not covered:
            continue
        if r1 == r2 and _banner(sd, r1, c1, c2, declared):
            continue
        cells = {f"{col_letter(c)}{r}" for r, c in covered}
        sd.issues[:] = [i for i in sd.issues if i.cell not in cells]  # the merge is why they are blank
        anchor, rng = f"{col_letter(c1)}{r1}", f"{col_letter(c1)}{r1}:{col_letter(c2)}{r2}"
        heads = list(dict.fromkeys(sd.headers[declared[c]] for _, c in covered))
        required = any(sd.model.column(declared[c]).col.required for _, c in covered)
        shown = "、".join(heads)
        # (across columns, 金额 merged over 账户: the other cells want their own column's value, never the amount)
        across = any(c != c1 for _, c in covered)
        sd.issues.append(Issue(
            "error" if required else "warning",
            (f"{rng} 是合并单元格，跨了几列：文件里只有 {anchor} 有值，其余各格（{shown}）读出来是空的" if across else
             f"{rng} 是合并单元格：Excel 在其中每一格都显示 {anchor} 的值，但文件里只有 {anchor} 有值，其余各格（{shown}）读出来是空的")
            + (("，这一行没有使用" if r1 == r2 else "，这些行没有使用") if required else "")
            + ("。请取消合并，在每一格填上它那一列的值。" if across else "。请取消合并，把这个值填进每一格。"),
            (f"{rng} is a merged cell across columns: only {anchor} holds a value in the file, and its other cells "
             f"({', '.join(heads)}) read as blank" if across else
             f"{rng} is a merged cell: Excel shows {anchor}'s value in each of its cells, but only {anchor} holds it "
             f"in the file, and its other cells ({', '.join(heads)}) read as blank")
            + ((", so that row is not used" if r1 == r2 else ", so those rows are not used") if required else "")
            + (". Unmerge it and fill each cell with its own column's value." if across else
               ". Unmerge it and fill the value into each cell."),
            book=sd.book, sheet=sd.sheet, cell=anchor, column=sd.headers.get(declared.get(c1, ""), ""), row=r1,
            field=declared.get(c1)))
    sd.issues.sort(key=lambda x: (x.row or 0, len(x.cell), x.cell))


def _banner(sd: SheetData, r: int, c1: int, c2: int, declared: dict[int, str]) -> bool:
    """A row that is one merged cell across every required column, nothing else on it (以下为12月下半月,
    一店 over a shop's block): a heading over the rows below, said as a note and skipped as one
    typed in a single cell is (before: the merge an error, and its text a date that does not read)."""
    need = [i for i, n in declared.items() if sd.model.column(n).col.required]
    if not need or c1 > min(need) or c2 < max(need):
        return False
    rec = next((x for x in sd.unreadable if x.row == r), None)  # (never a row that reads)
    anchor = f"{col_letter(c1)}{r}"
    said = [i for i in sd.issues if i.row == r]
    if rec is None or any(getattr(rec, n, None) is not None for i, n in declared.items() if i != c1) \
            or any(i.cell != anchor for i in said if i.value not in (None, "")):
        return False
    value = next((i.value for i in said if i.cell == anchor and i.value not in (None, "")), None) \
        or show_value(getattr(rec, declared.get(c1, ""), None))
    sd.issues[:] = [i for i in sd.issues if i.row != r]
    sd.unreadable[:] = [x for x in sd.unreadable if x is not rec]
    sd.notes.append(Issue("note", f"第 {r} 行是一行分组标题（合并单元格），不是数据，已跳过。",
                          f"Row {r} holds only a heading over the rows below (a merged cell), not data: skipped.",
                          book=sd.book, sheet=sd.sheet, cell=anchor, value=value, row=r))
    return True


# --- header matching -------------------------------------------------------------

# the unit an English header ends in (weight_kg, lead_days), which a person writes in brackets as the Chinese
# header does (Weight (kg) as 重量(kg)): the same column
_EN_UNIT = re.compile(r"^(.+?)_(kg|days)$")


def _header_index(model: type[SheetModel]) -> dict[str, Column]:
    idx = {}
    for c in model.columns():
        idx[header_key(c.col.zh)] = c
        idx[header_key(c.col.en)] = c
        idx[header_key(c.name)] = c
        if unit := _EN_UNIT.match(c.col.en):
            idx.setdefault(header_key(f"{unit[1]}({unit[2]})"), c)
    return idx


def find_header(rows: list[list], model: type[SheetModel]) -> tuple[int, dict[str, int], dict[str, str]]:
    """The row (0-based) among the first few whose cells name the most declared columns.
    Title rows and merged banner cells above the header are thereby skipped."""
    idx = _header_index(model)
    best = (-1, {}, {})
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        texts: dict[str, str] = {}
        for c, v in enumerate(row):
            if isinstance(v, str) and v:
                col = idx.get(header_key(v))
                if col and col.name not in found:
                    found[col.name] = c
                    texts[col.name] = _one_line(v)
        if len(found) > len(best[1]):
            best = (r, found, texts)
    return _units_below(rows, idx, _split_over_two_rows(rows, idx, best)) if best[1] else best


# a row of units under the header (元 | 件 | (kg) | 单位：元): a bracketed note under any column, a
# bare unit word only under a column of figures (a supply may be named 箱)
_BRACKETED = re.compile(r"[(（\[【][^)）\]】]{1,12}[)）\]】]")
_UNIT_WORD = re.compile(r"(?:单位[:：]?)?(?:[万千百]?元|件|个|天|日|次|人|单|笔|张|条|双|套|箱|包|袋|卷|克|千克|公斤|kg|g|"
                        r"%|％|人民币|rmb|cny|yuan|¥|￥|pcs|days?|元/件|元/kg|小时|分钟|秒|分)", re.IGNORECASE)
_FIGURES = frozenset((Kind.MONEY, Kind.DECIMAL, Kind.FIGURE, Kind.INT, Kind.PERCENT))


def _units_below(rows: list[list], idx: dict[str, Column], best: tuple[int, dict, dict]) -> tuple[int, dict, dict]:
    """A second header row of units right under the header (成本价 over (元), 期初库存 over 件): part
    of the header, the data beginning below it, never a data row of eight cells that do not read."""
    r, found, texts = best
    if r + 1 >= min(len(rows), HEADER_SCAN_ROWS):
        return best
    kinds = {c: idx[header_key(texts[n])].kind for n, c in found.items() if header_key(texts.get(n)) in idx}
    filled = 0
    for j, v in enumerate(rows[r + 1]):
        if _is_blank(v):
            continue
        if v.__class__ is not str:
            return best
        t = v.strip()
        if not (_BRACKETED.fullmatch(t) or (kinds.get(j) in _FIGURES and _UNIT_WORD.fullmatch(t))):
            return best
        filled += 1
    return (r + 1, found, texts) if filled else best


def _split_over_two_rows(rows: list[list], idx: dict[str, Column], best: tuple[int, dict, dict]) -> tuple[int, dict, dict]:
    """A header split over two rows (日期 | 收支 | 类别 merged down over both, a group label 资金 over
    金额 | 账户 in the row below): the row beside the one found, blank where it names columns and naming
    others, holds the rest of it; the data begins below the lower of the two."""
    r, found, texts = best
    taken = set(found.values())
    for nb in (r + 1, r - 1):
        if not 0 <= nb < min(len(rows), HEADER_SCAN_ROWS):
            continue
        row = rows[nb]
        over = [row[j] for j in taken if j < len(row) and not _is_blank(row[j])]
        # a data row, a title, the header again; above the header, a group label over some of its columns (流量
        # over 浏览量 | 访客数, 日期 merged down beside it) is no reason: a name the header's cell under it leaves blank is
        if over and (nb > r or any(isinstance(v, str) and header_key(v) in idx for v in over)):
            continue
        more: dict[str, int] = {}
        for c, v in enumerate(row):
            if isinstance(v, str) and v and (col := idx.get(header_key(v))) and col.name not in found \
                    and col.name not in more and (not over or _is_blank(rows[r][c] if c < len(rows[r]) else None)):
                more[col.name] = c
        if more:
            return max(r, nb), {**found, **more}, {**texts, **{n: _one_line(row[c]) for n, c in more.items()}}
    return best


def _english_headers(sheet_name: str, model: type[SheetModel], texts: dict[str, str]) -> bool:
    """Whether the sheet is written in English (its name, else most of its headers)."""
    if sheet_name in (model.zh, model.en):
        return sheet_name == model.en
    en = sum(header_key(t) in (header_key(model.column(n).col.en), n) for n, t in texts.items())
    return 2 * en > len(texts)


def _is_choice(choice, text: str) -> bool:
    """Whether a header cell is one of a choice column's values (收入 for 收支), spaced out to the cell's width
    as a header is (收　入, 支 出: read as the header is, header_key)."""
    typed = V.normalize_text(text)
    # (spaces between CJK characters alone taken out: "refund only", "partly received" are values as typed)
    for t in dict.fromkeys((typed, re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", typed))):
        try:
            choice.parse(t)
        except V.BadValue:
            continue
        return True
    return False


def _near_header(row: list, found: dict[str, int], col: Column) -> tuple[int, str] | None:
    """The header cell no declared column took that is nearest to `col`'s names, if near enough
    to be that column with a typo (Quantity for qty, 成本价格 for 成本价): (its index, its text)."""
    import difflib  # (a required column missing: rare)

    names = {header_key(n) for n in (col.col.zh, col.col.en, col.name, *col.col.said)}
    taken = set(found.values())
    best, score = None, 0.5
    for j, v in enumerate(row):
        if j in taken or not isinstance(v, str) or not v.strip():
            continue
        k = header_key(v)
        s = max(1.0 if len(n) >= 2 and (n in k or k in n) else difflib.SequenceMatcher(None, k, n).ratio()
                for n in names)
        if s >= score and (best is None or s > score):
            best, score = (j, _one_line(v)), s
    return best


def header_clashes(row: list, model: type[SheetModel], found: dict[str, int]) -> list[tuple[Column, list[int]]]:
    """The declared columns that more than one cell of the header row names (数量 and QTY, two
    备注): find_header takes the leftmost, which may be a person's own helper column, so which
    one holds the data is not for shopbook to guess."""
    idx = _header_index(model)
    seen: dict[str, list[int]] = {}
    for c, v in enumerate(row):
        if isinstance(v, str) and v:
            col = idx.get(header_key(v))
            if col is not None and col.name in found:
                seen.setdefault(col.name, []).append(c)
    return [(model.column(name), cols) for name, cols in seen.items() if len(cols) > 1]


def header_clash_issue(book: str, sheet: str, header_row: int, col: Column, cols: list[int], row: list) -> Issue:
    """The error for columns `cols` (0-based) of the header row (1-based) that all name `col`."""
    cells = [f"{col_letter(i)}{header_row}" for i in cols]
    zh_list = "、".join(f"{ref}“{_one_line(str(row[i]))}”" for ref, i in zip(cells, cols))
    en_list = ", ".join(f"{ref} '{_one_line(str(row[i]))}'" for ref, i in zip(cells, cols))
    return Issue(
        "error",
        f"有 {len(cols)} 列都是“{col.col.zh}”：{zh_list}。shopbook 不知道该读哪一列，这张表没有使用。"
        f"请只留一列叫“{col.col.zh}”，把其他列改名（例如“{col.col.zh}（备用）”）或删除。",
        f"{len(cols)} columns all mean '{col.col.en}': {en_list}. shopbook cannot tell which one "
        f"to read, so this sheet was not used. Keep one column named '{col.col.en}' and rename the others "
        f"(e.g. '{col.col.en} (spare)') or delete them.",
        book=book, sheet=sheet, cell=cells[1], column=_one_line(str(row[cols[1]])), row=header_row, field=col.name)


def match_sheet_name(names: list[str], model: type[SheetModel]) -> str | None:
    """The sheet named as the model's (流水, Entries, 流水 with a space after it): of several (流水
    beside Entries or 流水 ), the one named exactly so, in the language the workbook's other sheets are
    named in, read and written alike (_namesakes say the others)."""
    named = _namesakes(names, model)
    if len(named) < 2:
        return named[0] if named else None
    from ..schema import WORKBOOKS

    zh = sum(n in {m.zh for w in WORKBOOKS for m in w.sheets} for n in names)
    en = sum(n in {m.en for w in WORKBOOKS for m in w.sheets} for n in names)
    exact = (model.zh, model.en) if zh >= en else (model.en, model.zh)
    return next((n for e in exact for n in named if n == e), named[0])


def _namesakes(names: list[str], model: type[SheetModel]) -> list[str]:
    wanted = {sheet_key(model.zh), sheet_key(model.en)}
    return [n for n in names if sheet_key(n) in wanted]


# sheets shopbook writes itself (校验结果, 库存汇总, a template's 说明): never a person's renamed sheet
_OWN_SHEETS = {sheet_key(n) for n in ("校验结果", "Issues", "库存汇总", "Stock summary", "说明", "How to use")}


def claimed_sheets() -> set[str]:
    """The header_key of every sheet name a workbook declares, and of shopbook's own: no sheet of another kind."""
    from ..schema import WORKBOOKS

    return _OWN_SHEETS | {sheet_key(n) for w in WORKBOOKS for m in w.sheets for n in (m.zh, m.en)}


def _headed(names: list[str], model: type[SheetModel], rows_of, taken):
    """(name, rows, header row, headers found) of each sheet, in order, that no declared sheet claims by name
    (claimed_sheets) nor is in `taken`, with two of the model's headers or more: read (rows_of) one at a time."""
    claimed = claimed_sheets()
    for n in names:
        if sheet_key(n) in claimed or n in taken:
            continue
        rows = rows_of(n)
        at, found, _ = find_header(rows, model)
        if len(found) >= 2:
            yield n, rows, at, found


def match_sheets_by_headers(names: list[str], model: type[SheetModel], rows_of, taken=()) -> list[str]:
    """When no sheet has the model's name: the sheets whose header row holds every required
    column of the model (出入库 renamed 出入库记录), best match first. A sheet another declared
    sheet claims by name, one of shopbook's own, or one in `taken` is never one of them. A sheet
    whose name holds the model's (日报表, 代理商列表, Daily report, Agent list) comes before one whose
    name does not (2025全年, a year kept beside it with the same headers): it is the one renamed;
    of those, one named for this year (2026日报 beside 2025日报) first, then one naming no year, then
    the latest year: this year's rows are the ones read and written to."""
    required = [c.name for c in model.columns() if c.required]
    own = {k for w in (model.zh, model.en) for k in (sheet_key(w), sheet_key(w).removesuffix("s")) if len(k) >= 2}
    hits = []
    for n, rows, at, found in _headed(names, model, rows_of, taken):
        named = any(k in sheet_key(n) for k in own)
        missing = [f for f in required if f not in found]
        # one whose name holds the model's (流水 → 2026流水) with a required header mistyped (帐户 for
        # 账户) is it too, after the whole ones: its typo is then said at its cell, not the sheet said
        # missing (a blank one copied in from the template would be read instead, the rows unread)
        if not missing or (named and all(_near_header(rows[at], found, model.column(f)) for f in missing)):
            hits.append((bool(missing), not named, _year_rank(n), -len(found), len(hits), n))
    return [n for *_, n in sorted(hits)]


def filled_sheets_beside(path: Path, read: str, model: type[SheetModel]) -> tuple[str, ...]:
    """The sheets holding rows of `model` beside the sheet `read` by its name (2025订单 or 2025年订单 kept beside
    订单 when the year turned, 订单 (2)), which the reader leaves unread and unsaid: a customer's buyers back this
    year would be new, a January review of December of nothing. Only the sheet names are looked at where none is
    another's (most shops): a sheet of no workbook's name is opened for its first rows alone."""
    from xml.etree.ElementTree import ParseError

    from .sheet_xml import sheet_parts

    try:
        with zipfile.ZipFile(path) as z:
            names = list(sheet_parts(z))
    except (OSError, KeyError, zipfile.BadZipFile, ParseError):  # (read by the reader, not listed here: unsaid)
        return ()
    claimed = claimed_sheets()
    if all(sheet_key(n) in claimed or n == read for n in names):
        return ()
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))

    def rows_of(name: str) -> list[list]:
        try:
            return wb.get_sheet_by_name(name).to_python(nrows=HEADER_SCAN_ROWS + 1)
        except pc.CalamineError:  # (a chart sheet: no rows)
            return []

    def holds_rows(name: str) -> bool:  # (a blank copy of the template holds no row: nothing unread)
        rows = rows_of(name)
        at = max(find_header(rows, model)[0], 0)
        return any(v not in (None, "") for row in rows[at + 1:] for v in row)

    return tuple(n for n in match_sheets_by_headers(names, model, rows_of, {read}) if holds_rows(n))


def _sheet_near(names: list[str], model: type[SheetModel], rows_of, taken=()) -> tuple[str, list[tuple]] | None:
    """A sheet of no declared name whose header holds the model's required columns, some mistyped (Sheet1 with
    帐户 for 账户): (its name, [(cell, header as typed, column's zh, en)] of the mistyped). Not read as the sheet (it
    may be anything, match_sheets_by_headers), but named where the sheet is said missing, never "copy it from
    the template" over the shop's own rows."""
    for n, rows, at, found in _headed(names, model, rows_of, taken):
        missing = [model.column(f) for f in (c.name for c in model.columns() if c.required) if f not in found]
        if not missing:
            continue
        near = [(c, _near_header(rows[at], found, c)) for c in missing]
        if all(h for _, h in near):
            return n, [(f"{col_letter(j)}{at + 1}", text, c.col.zh, c.col.en) for c, (j, text) in near]
    return None


def _near_sheet_issue(book: str, model: type[SheetModel], sheet: str, near: str, typos: list[tuple]) -> Issue:
    return Issue(
        "error" if model.required_sheet else "warning",
        f"缺少工作表“{model.zh}”。“{near}”的表头像是它（" + "；".join(f"{c}“{t}”是不是“{zh}”" for c, t, zh, _ in typos)
        + f"）：是的话请把表名改为“{model.zh}”，并改正这些表头；不是的话，请从模板复制该工作表（shopbook templates）。",
        f"The sheet '{model.en}' is missing. The headers of '{near}' look like its (" + "; ".join(
            f"{c} '{t}' for '{en}'" for c, t, _, en in typos)
        + f"): if it is, name it '{model.en}' and correct those headers; if not, copy the sheet from the template "
        "(shopbook templates).",
        book=book, sheet=sheet)


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# a year, with a month after it or not (2026流水, 2026-11, 2026年11月), or a month alone (11月流水)
_DATED = re.compile(r"(?<!\d)(20\d\d)(?:\s*[-./_年]\s*(\d{1,2})\s*月?)?(?!\d)|(?<!\d)(\d{1,2})\s*月")


def dated_name(name: str) -> tuple[str, int, int] | None:
    """(the name without its date, year, month) of a sheet named for one year or month (2026流水 →
    流水, 2026, 0; 2026-11 → '', 2026, 11; 11月 → '', 0, 11), else None."""
    key = sheet_key(name)
    found = list(_DATED.finditer(key))
    if len(found) != 1:
        return None
    m = found[0]
    year, month = int(m[1] or 0), int(m[2] or m[3] or 0)
    if not 0 <= month <= 12 or (m[1] and m[2] and not month):
        return None
    return key[:m.start()] + key[m.end():], year, month


def _dated_group(renamed: list[str]) -> list[tuple[tuple[int, int], str]]:
    """Of the sheets found by a kind's headers (best first), those named alike but for a year or a
    month (2026流水 and 2027流水; 2026-11 and 2026-12; 1月 … 12月), each date once, in date order:
    the sheets a shop keeps a year's (a month's) rows on, to be read as one. [] where there are not two."""
    first = dated_name(renamed[0]) if renamed else None
    if first is None:
        return []
    rest, shape = first[0], (bool(first[1]), bool(first[2]))
    group: dict[tuple[int, int], str] = {}
    for n in renamed:
        d = dated_name(n)
        if d is not None and d[0] == rest and (bool(d[1]), bool(d[2])) == shape:
            group.setdefault((d[1], d[2]), n)  # (two sheets of one date: the better match joins)
    if len(group) < 2:
        return []
    # a month named without its year (11月, 12月, then 1月 in January) is the latest such month up to today:
    # 12月 seen in January is last year's, and comes before 1月
    today = dt.date.today()
    return sorted(group.items(), key=lambda g: (g[0][0] or today.year - (g[0][1] > today.month), g[0][1]))


def _date_field(model: type[SheetModel]) -> str | None:
    """The column a row's year is told by (日期): the model's first required date column."""
    return next((c.name for c in model.columns() if c.required and c.kind is Kind.DATE), None)


def part_for(sd: SheetData, record) -> SheetData:
    """The sheet of a joined kind (SheetData.parts) a new row goes to: the one named for its date's year
    (month), else the one written to first (this year's: SheetData.first)."""
    day = getattr(record, _date_field(sd.model) or "", None)
    if day is not None:
        for p, (y, m) in zip(sd.parts, sd.dates):
            if (not y or y == day.year) and (not m or m == day.month):
                return p
    return sd.parts[sd.first]


def _year_rank(name: str) -> tuple[int, int]:
    """How a sheet's name places it among sheets of the same headers: this year's (2026日报, by the
    shop's clock) first, one naming no year next, then the latest year."""
    years = [int(y) for y in _YEAR.findall(str(name))]
    if not years:
        return 1, 0
    return (0, 0) if dt.date.today().year in years else (2, -max(years))


# --- reading ---------------------------------------------------------------------

def missing_sheet_name(names: list[str], model: type[SheetModel]) -> str:
    """The name a missing sheet goes by: in the language the book's other sheets are named in (an
    English shop's stock.xlsx lacks 'Movements', not 出入库), as match_sheet_name weighs them."""
    from ..schema import WORKBOOKS

    zh = sum(n in {m.zh for w in WORKBOOKS for m in w.sheets} for n in names)
    en = sum(n in {m.en for w in WORKBOOKS for m in w.sheets} for n in names)
    return model.en if en > zh else model.zh


def _missing_sheet_issue(book: str, model: type[SheetModel], sheet: str) -> Issue:
    sev = "error" if model.required_sheet else "warning"
    return Issue(
        sev,
        f"缺少工作表“{model.zh}”。请从模板复制该工作表（shopbook templates），表名用“{model.zh}”或“{model.en}”。",
        f"The sheet '{model.en}' is missing. Copy it from the template (shopbook templates) and name it "
        f"'{model.en}'.",  # (English alone: an English shop's sheets are named in English)
        book=book, sheet=sheet,
    )


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _renamed_sheet_issue(book: str, name: str, model: type[SheetModel], others: list[str], whole: bool = True
                         ) -> Issue:
    """`whole`: its header holds every required column (else one is mistyped, the error at its cell)."""
    also_zh = f"（“{'”“'.join(others)}”的表头也相同，没有读取。）" if others else ""
    also_en = (f" ({_quoted(others)} {'has' if len(others) == 1 else 'have'} the same headers and "
               f"{'was' if len(others) == 1 else 'were'} not read.)" if others else "")
    target = model.zh if _CJK.search(name) else model.en  # the name to give it, in the language the book names its sheets
    has_zh, has_en = ("的表头与它一致", "has its headers") if whole else ("的表头与它相近（有表头要改，见下）",
                                                                      "has nearly its headers (to correct: below)")
    return Issue(
        "warning",
        f"没有“{model.zh}”工作表；“{name}”{has_zh}，已当作“{model.zh}”读取。请把表名改为“{model.zh}”。{also_zh}",
        f"There is no sheet '{target}'; '{name}' {has_en} and was read as it. Rename the sheet "
        f"'{target}'.{also_en}",
        book=book, sheet=name)


def _is_blank(v) -> bool:
    return v is None or v == "" or (v.__class__ is str and not v.strip())


def _date_formatted(v) -> V.BadValue:
    """A number in a cell formatted as a date or time (a date column's format copied over, or Excel's
    own guess): read as the date Excel shows, 100 as 1900-04-09. Said with the number the cell holds
    and what to do; before, 不是金额：datetime.datetime(1900, 4, 9, 0, 0), or 请填数字，例如 20, which
    typed into that cell shows as a date again."""
    if v.__class__ is dt.time:
        n = (v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6) / 86400
    else:
        d = v if v.__class__ is dt.datetime else dt.datetime.combine(v, dt.time())
        # (serials below 61 count from 1899-12-31: Excel's 1900-02-29 that never was)
        n = (d - (dt.datetime(1899, 12, 31) if d < dt.datetime(1900, 3, 1) else V.EXCEL_EPOCH)) / dt.timedelta(days=1)
        if V.serial_epoch.get() is not V.EXCEL_EPOCH:
            n -= 1462
    shown, n = show_value(v), f"{n:.10g}"
    return V.BadValue(f"这一格设成了日期或时间格式，它存的数 {n} 显示成了 {shown}。请把这一列设为“常规”或“数值”格式。",
                      f"This cell is formatted as a date or time: the number {n} it holds shows as {shown}. Format "
                      "the column as General or Number.")


def _fast_parser(col: Column):
    """The parser for one column, None for a blank cell, with the commonest cell
    types handled inline: in a big workbook nearly every cell takes this path."""
    parse, kind = col.parse, col.kind
    if parse is V.parse_code and barcode_like(col):
        parse = V.parse_barcode
    dated = (dt.date, dt.datetime, dt.time) if kind in _NUMERIC or kind is Kind.PERCENT else ()

    def slow(v):
        if v.__class__ in dated:  # a number in a cell formatted as a date (never a float: no cost to them)
            raise _date_formatted(v)
        return None if _is_blank(v) else parse(v)

    if kind is Kind.TEXT:
        return lambda v: (v.strip() or None) if v.__class__ is str else slow(v)
    if kind is Kind.CODE:
        def code(v):
            if v.__class__ is str:
                s = v.strip()
                if s and s.isascii() and s[0] not in "'=`" and "E" not in s and "e" not in s:
                    return s
            return slow(v)
        return code
    if kind is Kind.CHOICE:
        table = col.choice._value2member_map_
        return lambda v: table.get(v) or slow(v)
    if kind in (Kind.DATE, Kind.DATETIME):
        cls = dt.date if kind is Kind.DATE else dt.datetime
        first = V.FIRST_DATE if kind is Kind.DATE else V.FIRST_DATETIME  # serial 60 and below: no date
        return lambda v: v if v.__class__ is cls and v >= first else slow(v)
    if kind is Kind.INT:
        return lambda v: v if v.__class__ is int else slow(v)
    return lambda v: parse(v) if v.__class__ is float else slow(v)


class _NotPlain(Exception):
    """A cell the whole-column comprehension leaves to the per-cell parser."""


def _blank(v):
    if _is_blank(v):
        return None
    raise _NotPlain


def _whole_column(col: Column):
    """A comprehension over a whole column for the kinds a big sheet is made of, with no
    call per plain cell; a cell it cannot take (a number in a text column, an amount
    typed as text, an error) sends the column through the per-cell parser instead."""
    kind = col.kind
    if kind is Kind.TEXT:
        return lambda vals: [v.strip() or None for v in vals]
    if kind is Kind.CODE:
        return lambda vals: [s if (s := v.strip()) and s.isascii() and s[0] not in "'=`" and "E" not in s
                             and "e" not in s else _blank(s) for v in vals]
    if kind in (Kind.DATE, Kind.DATETIME):
        cls = dt.date if kind is Kind.DATE else dt.datetime
        first = V.FIRST_DATE if kind is Kind.DATE else V.FIRST_DATETIME
        return lambda vals: [v if v.__class__ is cls and v >= first else _blank(v) for v in vals]
    if kind is Kind.INT:  # calamine gives a whole number typed in a cell as a float
        limit = V.EXACT_FLOAT_LIMIT
        return lambda vals: [int(v) if v.__class__ is float and v.is_integer() and -limit < v < limit
                             else v if v.__class__ is int else _blank(v) for v in vals]
    if kind is Kind.CHOICE:
        table = col.choice._value2member_map_
        return lambda vals: [table[v] if v in table else _blank(v) for v in vals]
    if kind is Kind.MONEY:
        dec, fen, limit = Decimal, V.FEN, V.MONEY_LIMIT
        return lambda vals: [q if v.__class__ is float and -limit < v < limit
                             and (q := (d := dec(repr(v))).quantize(fen)) == d else _blank(v) for v in vals]
    return None


def parse_column(col: Column, vals: list) -> list:
    """The column's values parsed (None for blanks); raises BadValue at the first bad cell."""
    return _parse_column(col, vals)[0]


def _parse_column(col: Column, vals: list) -> tuple[list, bool]:
    """parse_column's values, and whether every cell was plain (the whole-column comprehension
    took them all: an amount column of numbers, no cell typed as text)."""
    whole = _whole_column(col)
    if whole is not None:
        try:
            return whole(vals), True
        except (_NotPlain, AttributeError, ArithmeticError):
            pass
    return list(map(_fast_parser(col), vals)), False


def parse_rows(rows: list[list], sd: SheetData, errors: dict[tuple[int, int], str]) -> None:
    """Turn the data rows below the header into records; every bad cell becomes an issue.
    Parses column by column (a comprehension where every cell is plain), then assembles rows."""
    first = sd.header_row
    lengths = list(map(len, rows[first:]))
    width = max(lengths, default=0)
    data = rows[first:]
    if lengths and min(lengths) != width:  # calamine's rows are all as wide; other sources' may not be
        data = [r if len(r) == width else list(r) + [""] * (width - len(r)) for r in data]
    by_column = list(zip(*data))  # rows to columns in one C call
    n = len(data)
    parse_table(sd, errors, n, width, lambda i: by_column[i] if i < width else [""] * n, data.__getitem__)


def record_prototype(model: type[SheetModel], keys: list[str]) -> dict:
    """The dict whose copies, updated with zip(keys, values), are the records' __dict__: equal to
    dict(zip(keys, values)) and in that order, but sharing their key table with the class's
    instances (CPython's split dict: a year's 97k order lines of 28 fields take 296 bytes a dict
    instead of 832, and are made faster). It is a dict CPython made split for an instance of
    `model`; its copies stay split while only their own keys are set. Where that dict would be
    no smaller (few fields, another interpreter, a descriptor in the way) it is a plain dict:
    the same dicts, equal."""
    proto = dict.fromkeys(keys)
    try:
        t = model.__new__(model)
        for k in keys:
            object.__setattr__(t, k, None)
        split = t.__dict__
        if list(split) == keys and sys.getsizeof(split) < sys.getsizeof(proto):
            proto = split
    except Exception:  # noqa: BLE001 - a property or slot of that name: the plain prototype
        pass
    return proto


def record_dicts(model: type[SheetModel], keys: list[str]):
    """`make(values)`: record_prototype's copy updated with zip(keys, values)."""
    copy = record_prototype(model, keys).copy

    def make(values) -> dict:
        d = copy()
        d.update(zip(keys, values))
        return d

    return make


def record_maker(model: type[SheetModel], keys: list[str], fields_set: set):
    """`make(values)`: the record of `model` whose __dict__ is record_dicts' (values in `keys`
    order), made without pydantic's validation (the values are parsed already), with one
    fields-set shared by all: records are read-only once read."""
    from ..schema.base import SET_EXTRA, SET_FIELDS_SET, SET_PRIVATE, ReadFields

    fields_set = ReadFields(fields_set)
    copy, new, setattr_ = record_prototype(model, keys).copy, model.__new__, object.__setattr__

    def make(values):  # (record_dicts' work written out: one call a record, on the reader's hot path)
        d = copy()
        d.update(zip(keys, values))
        obj = new(model)
        setattr_(obj, "__dict__", d)
        SET_FIELDS_SET(obj, fields_set)
        SET_EXTRA(obj, None)
        SET_PRIVATE(obj, None)
        return obj

    return make


def parse_table(sd: SheetData, errors: dict[tuple[int, int], str], n: int, width: int, column, row,
                typed=None, done=None) -> None:
    """parse_rows over any source of the `n` data rows below the header, `width` columns wide:
    `column(i)` gives column i's cells and `row(k)` data row k's, as calamine's rows hold them;
    `typed(col, i)`, when given, column i already parsed, or None where it cannot say (the
    Arrow read, io/arrow_read: only for what it proves gives what parse_column gives).
    `done()`, when given, is called once the source is asked nothing more, before the records
    are made: the Arrow read lets its columns go there, off the read's peak of memory."""
    model = sd.model
    cols = [(c, sd.columns[c.name], sd.headers[c.name]) for c in model.columns() if c.name in sd.columns]
    book, sheet, issues = sd.book, sd.sheet, sd.issues
    first = sd.header_row
    sd.width = max(sd.width, width)  # the data rows' reach, measured here at no extra cost
    bad: dict[int, set[str]] = {}  # data row index → fields that could not be read
    own_from = len(issues)  # this call's issues start here (read_sheet_rows may have added some)

    def issue(zh: str, en: str, i: int, k: int, head: str, name: str, value: object = "", severity: str = "error"
              ) -> None:
        r = k + first + 1
        zh, en = quoting(zh, en, value)
        issues.append(Issue(severity, zh, en, book=book, sheet=sheet, cell=f"{col_letter(i)}{r}",
                            column=head, value=show_value(value), row=r, field=name))
        if k < n:  # (a formula nobody calculated, below the rows that hold values: said, no record to spoil)
            bad.setdefault(k, set()).add(name)

    parsed: list[list] = []
    texted: dict[int, list] = {}  # number column (j) not all plain numbers → its cells, as typed
    for j, (c, i, head) in enumerate(cols):
        out = typed(c, i) if typed is not None else None
        vals = None
        if out is None:
            vals = column(i)
            plain = False
            try:
                out, plain = _parse_column(c, vals)
            except V.BadValue:  # some cell is wrong: go cell by cell to report each one
                fast = _fast_parser(c)
                out = []
                for k, v in enumerate(vals):
                    try:
                        out.append(fast(v))
                    except V.BadValue as e:
                        issue(e.zh, e.en, i, k, head, c.name, v)
                        out.append(None)
            # a code typed into a General cell: 0012 is the number 12 (a SKU, read as 12), 0614141000012 is
            # 614141000012 (a 条码 no scan finds): said at the cell
            found, said = ((_numbers_in, code_as_number) if sku_like(c) else
                           (_lost_zeros, barcode_as_number) if barcode_like(c) else (None, None))
            for k in found(vals, out) if found else ():
                r = k + first + 1
                zh, en = said(c, out[k])
                issues.append(Issue("warning", zh, en, book=book, sheet=sheet, cell=f"{col_letter(i)}{r}",
                                    column=head, value=out[k], row=r, field=c.name))
            if not plain and c.kind in (Kind.MONEY, Kind.INT):  # (a column of numbers holds no text to quote)
                _typed_negatives(sd, c.name, vals, out)
            if not plain and c.kind in _NUMERIC:  # may hold figures typed as text (¥1,234.50, 34.5元)
                texted[j] = vals
        if c.col.one_of:  # a value that must come from a list (审单规则, 分组, 省份): a typo is an error here
            if vals is None:
                vals = column(i)
            for k, v in enumerate(out):
                if v is not None:
                    try:
                        check_list(c.col.one_of, v)
                    except V.BadValue as e:
                        issue(e.zh, e.en, i, k, head, c.name, vals[k])
                        out[k] = None
        parsed.append(out)
    col_of = {i: (c, head) for c, i, head in cols}
    for (r, i), err in sorted(errors.items()):
        if r >= first and i in col_of:
            c, head = col_of[i]
            if err.startswith("="):  # a formula no spreadsheet program has worked out: its value is unknown
                issue("公式还没有算出结果（这个文件由程序生成，没有在 Excel 或 WPS 里打开保存过），shopbook 不知道它的值。"
                      "请用 Excel 或 WPS 打开这个工作簿并保存，或在这里填数值。",
                      "The formula has no calculated value (the file was written by a program and never opened and "
                      "saved in Excel or WPS), so shopbook cannot know its value. Open and save the workbook in Excel "
                      "or WPS, or enter the value here.", i, r - first, head, c.name, err)
                continue
            issue(f"公式错误 {err}：请修正公式或改填数值。", f"Formula error {err}: fix the formula or enter a value.",
                  i, r - first, head, c.name, err)

    names = [c.name for c, _, _ in cols]
    required = [(j, c.name, i, head, c.col) for j, (c, i, head) in enumerate(cols) if c.col.required]
    template = model.from_cells({})
    base = dict(template.__dict__)
    records = sd.records
    fields_set = set(names)
    # rows with a required value blank, found column by column: the row loop below then
    # only asks "is this row one of them", not every required cell of every row
    # (a blank looked for by identity: `None in` asks each Decimal's __eq__, ten times as slow)
    short = {k for j, *_ in required if any(map(is_, parsed[j], repeat(None)))
             for k, v in enumerate(parsed[j]) if v is None}
    if short or bad:  # (a cell made blank: its row is short of it, where the column is required)
        short |= {k for k in _unseen_blank(sorted(short | bad.keys()), row, cols, parsed, bad, issues, own_from, first)
                  if any(parsed[j][k] is None for j, *_ in required)}
    # a totals row (合计, or the sums of the rows above) is short of a required value or has an
    # unreadable one — unless every required column is text or a number (耗材: 名称, 库存; 目标;
    # 供应商), where 合计 fills the text and its sums the numbers: there a row whose first required
    # text cell is a totals label is looked at too. Only those rows are looked at.
    labelled = _labelled_rows(parsed, cols)
    totals = _totals_rows(row, parsed, cols, sorted(short | bad.keys() | labelled), bad, texted) \
        if short or bad or labelled else {}
    # so is a row holding nothing but a person's note (说明：…): it is read as a note, not as data
    # (or nothing but its 备注, in plain words: 11月盘点前先别动)
    remarks = _note_rows(row, sorted((short | bad.keys()) - totals.keys()), {i for c, i, _ in cols if c.col.remark}) \
        if short or bad else {}
    # and so is the header typed again below the data (two exports pasted one under the other)
    again = _header_rows(row, sorted((short | bad.keys()) - totals.keys() - remarks.keys()), model, sd.columns) \
        if short or bad else {}
    moved_headers = []
    # and so is another table under the data, after a blank row, its own header naming a few of this sheet's
    # columns (账户 | 金额 | 备注, a month's sums by account): its rows are not this sheet's, said once at its header
    # (each of its cells was an error of its own: 不是日期：“账户”, “金额”必填 …)
    others = _other_tables(row, sorted((short | bad.keys()) - again.keys()), short | bad.keys(), model) \
        if short or bad else {}
    if others:
        below = {m for k, (_, _, rows) in others.items() for m in (k, *rows)}
        totals = {k: v for k, v in totals.items() if k not in below}
        remarks = {k: v for k, v in remarks.items() if k not in below}
        for k, (j, heads_typed, below_rows) in others.items():
            r = k + first + 1
            heads = "、".join(f"“{x}”" for x in heads_typed)
            heads_en = ", ".join(f"'{x}'" for x in heads_typed)
            if not below_rows:  # a few of the headers typed again over rows that read (a label line): said, skipped
                sd.notes.append(Issue("note", f"第 {r} 行是又一行表头（{heads}），不是数据，已跳过。",
                                      f"Row {r} is a header row again ({heads_en}), not data: skipped.",
                                      book=book, sheet=sheet, cell=f"{col_letter(j)}{r}",
                                      value=show_value(heads_typed[0]), row=r))
                continue
            if len(below_rows) > 1:
                zh, en = _row_spans([m + first + 1 for m in below_rows])
                unread = (f"它下面的第 {zh} 行（{len(below_rows)} 行）没有读取。这些行",
                          f"the rows below it, {en} ({len(below_rows)} rows), are not read", "those rows are", "them", "它们")
            else:
                unread = (f"它下面的第 {below_rows[0] + first + 1} 行没有读取。那一行",
                          f"the row below it, {below_rows[0] + first + 1}, is not read", "that row is", "it", "它")
            moved_headers.append(Issue(
                "error", f"第 {r} 行起是另一张表（表头 {heads}），不是“{sheet}”的数据：{unread[0]}若是“{sheet}”的数据，"
                f"请删掉这一行表头，把{unread[4]}按第 {first} 行的表头排好；不是的话，请把这张表移到另一张工作表，或删掉它。",
                f"Row {r} begins another table (headed {heads_en}), not '{sheet}' data: {unread[1]}. If {unread[2]} "
                f"'{sheet}' data, delete this header row and put {unread[3]} in row {first}'s column order; if not, move "
                "that table to a sheet of its own, or delete it.",
                book=book, sheet=sheet, cell=f"{col_letter(j)}{r}",
                column=next((sd.headers[f] for f, i in sd.columns.items() if i == j and f in sd.headers), ""),
                value=show_value(heads_typed[0]), row=r))
        again_said = again
        again = {**again, **{m: (0, []) for m in below}}
    else:
        again_said = again
    if again_said:
        for k, (j, moved) in again_said.items():
            r = k + first + 1
            if not moved:
                sd.notes.append(Issue("note", f"第 {r} 行是又一行表头（两份表粘在了一起？），已跳过。",
                                      f"Row {r} is the header row again (two tables pasted together?): skipped.",
                                      book=book, sheet=sheet, cell=f"{col_letter(j)}{r}", value=show_value(row(k)[j]),
                                      row=r))
                continue
            m, text, name = moved[0]  # the rows below it are in other columns than the header says
            was = f"{col_letter(sd.columns[name])}{first}"
            moved_headers.append(Issue(
                "error", f"第 {r} 行是又一行表头，但列的位置与第 {first} 行的表头不同（“{text}”在 {col_letter(m)}{r}，"
                f"第 {first} 行的在 {was}）：它下面的行会按第 {first} 行的表头读错。请把它下面的行排成与第 {first} 行一样的列顺序"
                "（或移到另一张表），再删掉这一行。",
                f"Row {r} is another header row, but its columns are not where row {first}'s header has them ('{text}' "
                f"is in {col_letter(m)}{r}, row {first}'s in {was}): the rows below it would be read under row {first}'s "
                f"headers, wrongly. Put the rows below it in row {first}'s column order (or move them to another sheet), "
                "then delete this row.",
                book=book, sheet=sheet, cell=f"{col_letter(m)}{r}", column=text, value=show_value(text), row=r))
    if totals or remarks or again:
        issues[own_from:] = [x for x in issues[own_from:] if x.row - first - 1 not in totals | remarks.keys() | again.keys()]
        for k, (j, label) in totals.items():
            r = k + first + 1
            said_zh, said_en = (("（下面各行之和）", " (the sums of the rows below)") if label is _SUMS_BELOW else
                                (f"（“{label}”）", f" ('{label}')") if label else ("（上面各行之和）", " (the sums of the rows above)"))
            sd.notes.append(Issue("note", f"第 {r} 行是合计行{said_zh}，已跳过。", f"Row {r} {TOTALS_NOTE}{said_en}: skipped.",
                                  book=book, sheet=sheet, cell=f"{col_letter(j)}{r}",
                                  value="" if label is _SUMS_BELOW else show_value(label), row=r))
        for k, (j, text, what) in remarks.items():
            r = k + first + 1
            if what == "remark":  # it may be a row begun and not finished: say what would make it one
                zh = f"第 {r} 行只填了{col_of[j][1]}，当作一段说明，不是数据，已跳过（要记成一行数据，请把必填的各列填上）。"
                en = (f"Row {r} holds only its {col_of[j][1]}: read as a note, not data, and skipped (to make it a "
                      "row of data, fill in its required columns).")
            else:
                zh = f"第 {r} 行{'是一行分组标题' if what == 'heading' else '只有一段说明文字'}，不是数据，已跳过。"
                en = (f"Row {r} holds only {'a heading over the rows below' if what == 'heading' else 'a note'}, "
                      "not data: skipped.")
            sd.notes.append(Issue("note", zh, en, book=book, sheet=sheet, cell=f"{col_letter(j)}{r}",
                                  value=show_value(text), row=r))
        # skipped alike below (a header in other columns is an error: no command uses the sheet)
        totals = {**totals, **remarks, **again}
    issues += moved_headers
    unreadable = sd.unreadable
    if not parsed:  # no declared column: no record
        issues.sort(key=lambda x: (x.row or 0, len(x.cell), x.cell))
        return
    # blank rows (no cell read, none unreadable), found column by column from the first one's blanks
    blank = {k for k, v in enumerate(parsed[0]) if v is None}
    for col in parsed[1:]:
        if not blank:
            break
        blank = {k for k in blank if col[k] is None}
    blank -= bad.keys()
    special = blank | short | totals.keys()
    if done is not None:
        done()
    # (the records' maker first: its split dicts take the key order of the first of the model's
    # instances to set its attributes one by one, and from_cells below makes others)
    keys = list(base) + ([] if "row" in base else ["row"])
    make = record_maker(model, keys, fields_set)
    # (the one column a row typed ahead holds: asked only of the rows short of a required value)
    key_j = names.index(model.typed_ahead) if model.typed_ahead in names else None
    ahead = sd.ahead
    # a formula filled down ahead of its figures (客单价 =F/D) shows #DIV/0! until they come: no error of
    # the row typed ahead, in a column its rows may leave blank
    col_at = {c.name: i for c, i, _ in cols if not c.col.required}
    waiting = set()  # rows typed ahead whose formulas' #DIV/0! were said: unsaid below
    passed: dict[tuple, list[int]] = {}  # the rows a blank_warns column's blank leaves out (k), by column
    for k in sorted(special - blank - totals.keys()):
        # a row missing a required value is reported, never half-used
        values = tuple(col[k] for col in parsed)
        if key_j is not None and values[key_j] is not None \
                and (k not in bad or all(errors.get((k + first, col_at.get(f, -1))) == "#DIV/0!" for f in bad[k])) \
                and sum(v is None for v in values) == len(values) - 1:
            if not ahead:
                first_key = values[key_j]
            ahead.append(k + first + 1)  # a day not filled in yet: said once below, its key kept
            if k in bad:
                waiting.add(k + first + 1)
        elif k in bad and all(map(_is_blank, row(k))):
            pass  # nothing in it but formula errors (=D3+D4 under the rows, gone #VALUE!): those are its errors
        else:
            for j, name, i, head, col in required:
                if values[j] is None and name not in bad.get(k, ()):
                    if col.blank_warns:  # a row left out, warned: said once for the column below
                        passed.setdefault((i, head, name, col), []).append(k)
                    elif col.blank_zh:  # what to do about this column's blank, said at its cell
                        issue(f"“{head}”没有填：{col.blank_zh}", f"'{head}' is blank: {col.blank_en}", i, k, head, name)
                    else:
                        issue(f"“{head}”必填，不能为空。", f"'{head}' is required and cannot be blank.",
                              i, k, head, name)
        d = base.copy()
        d.update(zip(names, values))
        d["row"] = k + first + 1
        unreadable.append(model.from_cells(d))  # never data; its key still exists for references
    for (i, head, name, col), ks in passed.items():
        # a few at their cells; more in one warning at the first, naming the rows (a count half done: the shelves
        # not counted yet, a row each, would be fifty warnings of one thing)
        if len(ks) <= 3:
            for k in ks:
                issue(f"“{head}”没有填：{col.blank_zh}", f"'{head}' is blank: {col.blank_en}", i, k, head, name,
                      severity="warning")
        else:
            zh, en = _row_spans([k + first + 1 for k in ks])
            said = col.blank_zh.replace("这一行", "这些行"), col.blank_en.replace("this row is", "these rows are")
            issue(f"第 {zh} 行（{len(ks)} 行）的“{head}”没有填：{said[0]}",
                  f"Rows {en} ({len(ks)} rows): '{head}' is blank: {said[1]}", i, ks[0], head, name,
                  severity="warning")
    if ahead:
        sd.notes.append(_ahead_note(sd, ahead, cols[key_j], first_key))
        if waiting:
            issues[:] = [x for x in issues if x.row not in waiting]
    issues.sort(key=lambda x: (x.row or 0, len(x.cell), x.cell))
    # the records (a blank, totals or unreadable row makes none) are made when first asked for
    if parsed[0]:
        sd.__dict__["_pending"] = _Records(make, keys, base, records, dict(zip(names, parsed)), first, special)


def _row_spans(rows: list[int]) -> tuple[str, str]:
    """Ascending rows as runs of consecutive rows (第 123–152 行), the first five and how many more."""
    spans: list[list[int]] = []
    for r in rows:
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    shown = [f"{a}–{b}" if b > a else f"{a}" for a, b in spans]
    more = len(shown) - 5  # (scattered rows: the first runs, then how many more)
    return ("、".join(shown[:5]) + (f" 等（另有 {more} 段）" if more > 0 else ""),
            ", ".join(shown[:5]) + (f" and {more} more runs" if more > 0 else ""))


def _unseen(v) -> bool:
    """A cell holding nothing a person sees: a zero-width space or byte-order mark alone, as a cell
    copied from a web page brings it (str.strip() takes the spaces, not these)."""
    return v.__class__ is str and v != "" and not V.without_invisible(v).strip()


def _unseen_blank(ks: list[int], row, cols: list, parsed: list[list], bad: dict, issues: list, own_from: int,
                  first: int) -> set[int]:
    """The cells of rows `ks` (those short of a required value or with one unreadable: few) that hold
    nothing a person sees, made blank, as they look: before, 不是日期：“” at a cell showing nothing, and
    a row of them below the data one error for each of its cells. A word with such a character in it is
    the word it shows, said where it differs from a known one (validate's rules), never blanked.
    Returns the rows with a cell made blank."""
    cleared: set[tuple[int, str]] = set()
    changed = set()
    for k in ks:
        raw = row(k)
        for j, (c, i, _) in enumerate(cols):
            if i < len(raw) and _unseen(raw[i]):
                parsed[j][k] = None
                changed.add(k)
                if c.name in bad.get(k, ()):
                    bad[k].discard(c.name)
                    cleared.add((k + first + 1, c.name))
        if k in bad and not bad[k]:
            del bad[k]
    if cleared:
        issues[own_from:] = [x for x in issues[own_from:] if (x.row, x.field) not in cleared]
    return changed


def _ahead_note(sd: SheetData, rows: list[int], key, first_value) -> Issue:
    """One note for the rows holding only their key (日报's dates typed ahead), at the first of them:
    a row a day would say the same thing thirty times."""
    c, i, head = key
    zh, en = _row_spans(rows)
    n, days = len(rows), c.kind is Kind.DATE
    what_zh, what_en = ("天", "day") if days else ("行", "row")
    many = "s" if n > 1 else ""
    return Issue("note", f"第 {zh} 行只填了{head}（{n} {what_zh}），还没有数据，已跳过（填上数据就会读到）。",
                 f"Row{many} {en} hold{'' if many else 's'} only {'their' if many else 'its'} {head} "
                 f"({n} {what_en}{many}), {AHEAD_NOTE}: skipped (read once filled in).",
                 book=sd.book, sheet=sd.sheet, cell=f"{col_letter(i)}{rows[0]}", column=head,
                 value=show_value(first_value), row=rows[0])


def formulas_filled_down(sd: SheetData, xml) -> None:
    """Rows a person typed nothing in but formulas filled down ahead of their figures (日报's 客单价
    =IFERROR(F2/D2,0) or 转化率 =D2/C2 dragged to the year's end): their results 0, blank or an error,
    beside at most the key typed ahead (the day's date). Such a row is a day not filled in yet, as one
    holding its date alone, or no row at all; before, each was a row of errors (日期, 访客数, 销售额
    required, #DIV/0!), dozens of them for one thing done on purpose. A row with a figure, or with a
    value a person typed, is read as before. `xml()`: the sheet's XML, read only for such rows."""
    key = sd.model.typed_ahead if sd.model.typed_ahead in sd.columns else None
    quoted: dict[int, set[int]] = {}  # row → the columns of its issues quoting a value (typed, or an error)
    for x in sd.issues:
        if x.row and x.value and x.field in sd.columns:
            quoted.setdefault(x.row, set()).add(sd.columns[x.field])
    ahead = set(sd.ahead)
    rows: dict[int, tuple[object, set[int]]] = {}  # row → (its key, the cells that must be formulas)
    for rec in sd.unreadable:
        r = rec.row
        if r in ahead:
            continue
        filled = set(quoted.get(r, ()))
        for name, i in sd.columns.items():
            v = getattr(rec, name, None)
            if v is None or (name == key and i not in filled):
                continue
            if v.__class__ in (int, Decimal, float) and not v:
                filled.add(i)
            else:
                break
        else:
            if filled:
                rows[r] = (getattr(rec, key) if key else None, filled)
    if not rows:
        return
    cells = sheet_xml.formula_cells(xml())
    rows = {r: (k, filled) for r, (k, filled) in rows.items() if all((r - 1, i) in cells for i in filled)}
    if not rows:
        return
    sd.issues[:] = [x for x in sd.issues if x.row not in rows]
    keyed = sorted(r for r, (k, _) in rows.items() if k is not None)
    # (a day typed ahead stays among the unreadable, its key kept, as one holding its date alone: kpi
    # import fills it in; a row of formulas alone goes, as a blank row)
    sd.unreadable[:] = [x for x in sd.unreadable if x.row not in rows or rows[x.row][0] is not None]
    if keyed:  # days not filled in yet: said in the one note of them
        first = min(sd.ahead, default=keyed[0])
        first_value = rows[first][0] if first in rows else next(
            (getattr(x, key) for x in sd.unreadable if x.row == first), None)
        sd.ahead[:] = sorted(ahead | set(keyed))
        sd.notes[:] = [x for x in sd.notes if AHEAD_NOTE not in x.message_en]
        c = sd.model.column(key)
        sd.notes.append(_ahead_note(sd, sd.ahead, (c, sd.columns[key], sd.headers[key]), first_value))
    bare = sorted(r for r, (k, _) in rows.items() if k is None)
    if bare:  # no row at all: said once (its words hold AHEAD_NOTE, which validate prints whole)
        zh, en = _row_spans(bare)
        many = "s" if len(bare) > 1 else ""
        at = min(rows[bare[0]][1])  # (its first formula's column)
        sd.notes.append(Issue(
            "note", f"第 {zh} 行（{len(bare)} 行）只有往下拉好的公式（结果为 0、空白或错误值），还没有数据，已跳过（填上数据就会读到）。",
            f"Row{many} {en} ({len(bare)} row{many}) hold{'' if many else 's'} only formulas filled down (their results "
            f"0, blank or an error), {AHEAD_NOTE}: skipped (read once filled in).",
            book=sd.book, sheet=sd.sheet, cell=f"{col_letter(at)}{bare[0]}", row=bare[0]))
    sd.notes.sort(key=lambda x: x.row or 0)


def _typed_negatives(sd: SheetData, name: str, vals, out: list) -> None:
    """Into sd.typed_as, the cells of amount or count column `name` typed as text whose reading is a negative
    the text does not show ((12.00), an accountants' negative, read as -12.00): a record's issue
    quotes the value as the person typed it, whom -12.00 would send looking for a cell that does
    not hold it. A column with no negative (nearly all) is passed over at C speed."""
    if min(filter(None, out), default=0) >= 0:
        return
    first = sd.header_row
    for k, p in enumerate(out):
        if p is not None and p < 0 and (v := vals[k]).__class__ is str and (shown := show_value(p)) not in v:
            sd.typed_as[(k + first + 1, name)] = (shown, show_value(v.strip()))


class _Records:
    """A sheet's records before they are made: all of them (`all`: each record's dict made in one
    go, in the template's key order, its fields from their columns, the others' defaults
    repeated, the row number counted), the few a job asks for (`where`: made once, the same
    objects `all` then holds), or some fields of every record (`fields`) without making any."""

    def __init__(self, make, keys: list[str], base: dict, before: list, by_name: dict, first: int, special: set,
                 n: int | None = None):
        self.make, self.keys, self.base, self.before = make, keys, base, before
        self.by_name, self.first, self.special = by_name, first, special
        # (`n`: the cache's columns, made when asked for, give their count without making one)
        self.n = n if n is not None else len(next(iter(by_name.values())))
        self.made: dict[int, object] = {}  # data row → its record, made by `where`
        self.whole: list | None = None
        self.lock = threading.Lock()  # (two threads asking at once get the one list)

    def _column(self, f: str):
        if f == "row" and "row" not in self.by_name:  # (the cache's records name their rows)
            return range(self.first + 1, self.first + 1 + self.n)
        return self.by_name[f] if f in self.by_name else repeat(self.base[f], self.n)

    def all(self) -> list:
        with self.lock:
            if self.whole is None:
                made, make, special = self.made, self.make, self.special
                self.whole = self.before + [made[k] if k in made else make(cells) for k, cells in
                                            enumerate(zip(*map(self._column, self.keys))) if k not in special]
                self.made, self.by_name = {}, {}  # (the columns go: the records hold their values)
        return self.whole

    def where(self, name: str, wanted: set) -> list:
        with self.lock:
            return self._where(name, wanted)

    def _where(self, name: str, wanted: set) -> list:
        if self.whole is not None:
            return [r for r in self.whole if r.__dict__.get(name) in wanted]
        made, special = self.made, self.special
        rows = [k for k, v in enumerate(self._column(name)) if v in wanted and k not in special]
        new = [k for k in rows if k not in made]
        if new:  # their cells taken a column at a time, as `all` takes every row's
            take = itemgetter(*new) if len(new) > 1 else (lambda c: (c[new[0]],))
            some = getattr(self.by_name, "take", None)  # (the cache's columns: only these rows made values)
            cols = [(some(f, new) if some is not None and f in self.by_name else take(self._column(f)))
                    if f in self.by_name or f == "row" else repeat(self.base[f], len(new)) for f in self.keys]
            made.update(zip(new, map(self.make, zip(*cols))))
        return [r for r in self.before if r.__dict__.get(name) in wanted] + [made[k] for k in rows]

    def fields(self, names: tuple[str, ...]) -> list[tuple]:
        with self.lock:
            if self.whole is not None:
                return [tuple(r.__dict__.get(f) for f in names) for r in self.whole]
            cols = [self._column(f) for f in names]
        before = [tuple(r.__dict__.get(f) for f in names) for r in self.before]
        special = self.special
        return before + [t for k, t in enumerate(zip(*cols)) if k not in special]


_NUMERIC = (Kind.MONEY, Kind.DECIMAL, Kind.FIGURE, Kind.INT)


# a line of a note under its title: numbered (1、 2. ① （3）) or a sentence; never a code, a name, a date or a
# figure typed alone (TS-03, 张三, 2026-11-07: a row begun under the note, still said as one)
_LISTED = re.compile(r"^(?:\d{1,2}\s*[、.．)）:：]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}\s*[、.．]|[①-⑳•·\-*])")


_FIGURE_LIKE = re.compile(r"[\d\s.,/:：\-年月日号¥￥元]*")


def _note_line(text: str) -> bool:
    return not _FIGURE_LIKE.fullmatch(text) and (bool(_LISTED.match(text)) or len(text) >= 6 and (
        bool(_CJK.search(text)) or " " in text and any(ch.isalpha() for ch in text)))


def _note_rows(row_of, candidates: list[int], remark_cols: set[int] = frozenset()
               ) -> dict[int, tuple[int, str, str]]:
    """Data rows (0-based) whose one filled cell is a note (说明：…, Note: …), a heading over the
    rows below it (【上衣类】), or anything in a 备注 column (`remark_cols`: Col.remark) → (its column,
    its text, "note", "heading" or "remark")."""
    found, block = {}, None  # block: the last row of a note block so far (说明： and the lines under it)
    for k in candidates:
        filled = [(j, v) for j, v in enumerate(row_of(k)) if not _is_blank(v)]
        if not filled:  # (a blank line within a note block)
            continue
        if all(v.__class__ is str for _, v in filled) and (
                all(is_sign_off(v) for _, v in filled)  # 制表人：小王 | 审核：老板, at the foot of a form
                # a line of the note above (1、金额填正数 under 说明：), one cell of words: never a row of values
                or block is not None and len(filled) == 1 and _note_line(filled[0][1].strip())
                and all(_is_blank(v) for m in range(block + 1, k) for v in row_of(m))):
            found[k], block = (filled[0][0], filled[0][1].strip(), "note"), k
            continue
        block = None
        if len(filled) != 1:
            continue
        j, v = filled[0]
        if is_note_title(v):
            found[k], block = (j, v.strip(), "note"), k
        elif is_heading_text(v):
            found[k] = (j, v.strip(), "heading")
        elif j in remark_cols:
            found[k] = (j, v.strip() if v.__class__ is str else v, "remark")
    return found


def _header_rows(row_of, candidates: list[int], model: type[SheetModel], columns: dict[str, int]
                 ) -> dict[int, tuple[int, list[tuple[int, str, str]]]]:
    """Data rows (0-based) that name at least half of the sheet's declared columns (two at least), as
    its header does → (the first such cell's column, [(column, text, field) of those named in
    another column than the header's])."""
    idx = _header_index(model)
    need = max(2, (len(columns) + 1) // 2)
    found = {}
    for k in candidates:
        named, moved, at = 0, [], None
        for j, v in enumerate(row_of(k)):
            if v.__class__ is str and v and (col := idx.get(header_key(v))) is not None and col.name in columns:
                named += 1
                at = j if at is None else at
                if columns[col.name] != j:
                    moved.append((j, v.strip(), col.name))
        if named >= need:
            found[k] = (at, moved)
    return found


def _other_tables(row_of, candidates: list[int], unread: set[int], model: type[SheetModel]
                  ) -> dict[int, tuple[int, list[str], list[int]]]:
    """Data rows (0-based) that begin another table under the data: after a blank row, a row of words alone, two
    of them at least naming this sheet's columns (账户 | 金额 | 备注 under 流水), and none of them a row that reads
    → (its first such cell's column, its headers as typed, the rows below it up to a blank row or one that
    reads)."""
    idx = _header_index(model)
    found, taken = {}, set()
    for k in candidates:
        if k == 0 or k in taken or not all(map(_is_blank, row_of(k - 1))):
            continue
        filled = [(j, v) for j, v in enumerate(row_of(k)) if not _is_blank(v)]
        if len(filled) < 2 or any(v.__class__ is not str or len(v.strip()) > 20 for _, v in filled):
            continue
        named = [(j, v.strip()) for j, v in filled if header_key(v) in idx]
        if len(named) < 2:
            continue
        rows, m = [], k + 1
        while m in unread and not all(map(_is_blank, row_of(m))):
            rows.append(m)
            m += 1
        taken.update(rows)
        found[k] = (named[0][0], [v.strip() for _, v in filled], rows)
    return found


def _labelled_rows(parsed: list[list], cols: list) -> set[int]:
    """Data rows (0-based) whose first required text cell is a totals label (合计), in a sheet whose
    required columns are all text, numbers or dates: a totals row there may fill each of them (合计 | 2450,
    or 12-04 | 小计 | 22 on 盘点, the date filled down over it) and be neither short nor unreadable. A required
    choice or yes/no column cannot hold the label and be read: its totals rows are short or unreadable, found
    without this look."""
    req = [(j, c.kind) for j, (c, _, _) in enumerate(cols) if c.col.required]
    if any(k not in _NUMERIC and k not in (Kind.TEXT, Kind.CODE, Kind.PERCENT, Kind.DATE, Kind.DATETIME)
           for _, k in req):
        return set()
    j = next((j for j, k in req if k in (Kind.TEXT, Kind.CODE)), None)
    if j is None:
        return set()
    col = parsed[j]
    if not may_hold_total_label(col):
        return set()
    return {k for k, v in enumerate(col) if v.__class__ is str and is_total_label(v)}


_SUMS_BELOW = "(sums below)"  # the label _totals_rows gives a row of sums at the top (found by identity)


def _totals_rows(row_of, parsed: list[list], cols: list, candidates: list[int], bad: dict,
                 texted: dict[int, list] | None = None) -> dict[int, tuple[int, str]]:
    """Data rows (0-based below the header) that are totals rows → (column of the label, label).
    A row is one when a cell is a totals label (合计, 本月合计, Total) and every required text,
    code or date cell is blank, that label or a count of the rows (合计 | 3 家); or when all its text, code and date cells are
    blank, it has no unreadable cell, and at least half of its numbers are the sums of the rows
    above (all of them, or those since the previous totals row; two rows at least): the others
    may be averages (客单价, DSR), as percentages may. A sum is also one as Excel's SUM makes it,
    leaving out the figures typed as text (¥1,234.50, 34.5元; `texted`: number column → its cells)."""
    found: dict[int, tuple[int, str]] = {}
    texty = [j for j, (c, _, _) in enumerate(cols) if c.kind not in _NUMERIC and c.kind is not Kind.PERCENT]
    req = [j for j in texty if cols[j][0].col.required]
    dated = {j for j in req if cols[j][0].kind in (Kind.DATE, Kind.DATETIME)}
    nums = [j for j, (c, _, _) in enumerate(cols) if c.kind in _NUMERIC]
    sums = []  # rows that may hold only sums: checked in one pass below
    # a required date cell naming a part of the month (日报's 11月上旬, 中旬, First half: a ten-day subtotal typed
    # under its days) labels one too; in the date cell alone (a person's note of 上旬 beside a day is no label)
    parts = {cols[j][1] for j in dated}
    for k in candidates:
        row = row_of(k)
        at = next((j for j, v in enumerate(row) if v.__class__ is str and v and (
            is_total_label(v) or j in parts and is_part_of_month_label(v))), None)
        if at is not None:
            label = row[at].strip()
            # (合计 | 3 家 on 代理商: the 名称 cell counting the agents names none; 2026-11-03 | 本日合计
            # in a cash journal: the day it sums is no entry's; a code cell holds the label as parse_code
            # reads it, full-width made half: 合　计 as 合 计, 合计：¥1,234.00 as 合计:¥1,234.00)
            said = (label, V.normalize_text(label))
            if all(parsed[j][k] is None or str(parsed[j][k]) in said or is_count_text(parsed[j][k])
                   or j in dated for j in req):
                found[k] = (at, label)
        elif (k not in bad and any(parsed[j][k] for j in nums)
              and all(parsed[j][k] is None for j in texty)):
            sums.append(k)
    if sums:
        # running sums and counts of each number column over the rows that are no totals rows:
        # all rows above, and those since the last totals row (one pass, however many candidates)
        n = len(nums)
        total, count, since, count_since = [0] * n, [0] * n, [0] * n, [0] * n
        xl, xl_since = [0] * n, [0] * n  # the same, less the figures typed as text
        as_text = [{k for k, v in enumerate(texted[j]) if v.__class__ is str} if texted and j in texted else ()
                   for j in nums]
        wanted = set(sums)
        for k in range(max(sums) + 1):
            if k in wanted:
                shown = [(m, parsed[j][k]) for m, j in enumerate(nums) if parsed[j][k] is not None]
                summed = sum((count[m] >= 2 and v in (total[m], xl[m]))
                             or (count_since[m] >= 2 and v in (since[m], xl_since[m])) for m, v in shown)
                if summed and 2 * summed >= len(shown):
                    row = row_of(k)
                    found[k] = (next((j for j, v in enumerate(row) if not _is_blank(v)), 0), "")
            if k in found:
                since, count_since, xl_since = [0] * n, [0] * n, [0] * n
                continue
            for m, j in enumerate(nums):
                v = parsed[j][k]
                if v is not None:
                    total[m] += v
                    count[m] += 1
                    since[m] += v
                    count_since[m] += 1
                    if k not in as_text[m]:
                        xl[m] += v
                        xl_since[m] += v
        # or right under the header, the sums of the rows below it: kept in sight above a long sheet
        top = min(k for k in sums if k not in found) if set(sums) - found.keys() else None
        if top is not None and top < 3 and all(v is None for col in parsed for v in col[:top]):
            shown = [(m, j, parsed[j][top]) for m, j in enumerate(nums) if parsed[j][top] is not None]
            summed = 0
            for m, j, v in shown:
                below = [(k, x) for k, x in enumerate(parsed[j][top + 1:], top + 1) if x is not None and k not in found]
                summed += len(below) >= 2 and v in (sum(x for _, x in below),
                                                     sum(x for k, x in below if k not in as_text[m]))
            if summed and 2 * summed >= len(shown):
                found[top] = (next((j for j, v in enumerate(row_of(top)) if not _is_blank(v)), 0), _SUMS_BELOW)
    return dict(sorted(found.items()))


@contextmanager
def gc_paused():
    """Reading makes millions of small objects at once; the cyclic collector would
    rescan them all again and again for nothing (none of them form cycles). Also a
    decorator (`@gc_paused()`) for a whole operation over a big workbook's records:
    a single collection of a million records costs more than matching them."""
    global _gc_pauses
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was[0] = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was[0]:
                # what the pause made goes straight to the oldest generation (freeze, then unfreeze
                # into it): the first young collections would each scan a big read's million
                # records again (0.1 s each) only to find them alive; the full ones still see them
                # (and the caller's young objects with them: its cyclic garbage of the moment waits
                # for a full collection). Not where the caller froze objects: unfreezing would undo that
                if gc.get_freeze_count() == 0:
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was = [True]


def read_sheet_rows(book: str, sheet_name: str, model: type[SheetModel], rows: list[list],
                    errors: dict[tuple[int, int], str]) -> SheetData:
    return read_sheet(book, sheet_name, model, rows, lambda sd: parse_rows(rows, sd, errors))


def read_sheet(book: str, sheet_name: str, model: type[SheetModel], rows: list[list], parse) -> SheetData:
    """The sheet whose first rows (the header's, at least HEADER_SCAN_ROWS of them) are `rows`;
    `parse(sd)` reads its data rows into `sd` once the header is known (parse_rows, parse_table)."""
    sd = SheetData(book=book, sheet=sheet_name, model=model)
    header_row, found, texts = find_header(rows, model)
    if not found:
        # the header further down, under a long block of notes (填表说明): said where it is, not "the first row"
        lower, more, _ = find_header(rows[HEADER_SCAN_ROWS:HEADER_SCAN_ROWS + 500], model)
        if sum(model.column(f).required for f in more) >= 2:
            r, at = lower + HEADER_SCAN_ROWS + 1, min(more.values())
            sd.issues.append(Issue(
                "error",
                f"工作表“{sheet_name}”的表头在第 {r} 行，shopbook 只在前 {HEADER_SCAN_ROWS} 行里找表头，这张表没有读取。"
                f"请删掉表头上面多余的行（说明可以移到另一张表），让表头在前 {HEADER_SCAN_ROWS} 行之内。",
                f"The header of sheet '{sheet_name}' is in row {r}, but shopbook looks for it in the first "
                f"{HEADER_SCAN_ROWS} rows only, so the sheet was not read. Delete the extra rows above the header (notes "
                f"can go to another sheet) so that it is within the first {HEADER_SCAN_ROWS} rows.",
                book=book, sheet=sheet_name, cell=f"{col_letter(at)}{r}", value=show_value(rows[r - 1][at])))
            return sd
        sd.issues.append(Issue(
            "error",
            f"工作表“{sheet_name}”找不到表头。第一行应是列名，如 "
            + "、".join(c.col.zh for c in model.columns() if c.required) + "。",
            f"No header row found on sheet '{sheet_name}'. The first row should hold column names such as "
            + ", ".join(c.col.en for c in model.columns() if c.required) + ".",
            book=book, sheet=sheet_name))
        return sd
    sd.header_row, sd.columns, sd.headers = header_row + 1, found, texts
    sd.width = max(map(len, rows[:header_row + 1]), default=0)  # parse_rows adds the data rows'
    english = _english_headers(sheet_name, model, texts)
    mistyped = {}  # a looked_for column's header mistyped → its cell: the rows unread as without a required column
    for c in model.columns():
        if (c.required or c.col.looked_for) and c.name not in found:
            name = c.col.en if english else c.col.zh  # the header to type, as the sheet's others are written
            # named as it is to be typed; the reader's own word beside it only when the sheet's
            # headers are in the other language (an English shop reads no Chinese otherwise)
            col_zh = f"“{name}”" + ("" if name == c.col.zh else f"（{c.col.zh}）")
            col_en = f"'{name}'" + ("" if name == c.col.en else f" ({c.col.en})")
            near = _near_header(rows[header_row], found, c)
            if not c.required:
                if near is not None:
                    mistyped[c.name] = near[0]
                    sd.issues.append(Issue(
                        "error",
                        f"表头“{near[1]}”是不是{col_zh}列？shopbook 没有把它当作{col_zh}读，这张表的行都没有读取。"
                        f"是的话请把它改为“{name}”，否则给它换一个不像“{name}”的名字。",
                        f"Is the header '{near[1]}' the column {col_en}? shopbook did not read it as {col_en}, and "
                        f"read none of this sheet's rows. If it is, rename it '{name}'; else give it a name less "
                        f"like '{name}'.",
                        book=book, sheet=sheet_name, cell=f"{col_letter(near[0])}{header_row + 1}", column=near[1],
                        field=c.name))
                continue
            if near is None:
                sd.issues.append(Issue(
                    "error",
                    f"缺少必填列{col_zh}。请在表头行加上这一列。{_ROWS_UNREAD_ZH}",
                    f"The required column {col_en} is missing. Add it to the header row. {_ROWS_UNREAD_EN}",
                    book=book, sheet=sheet_name, cell=f"A{header_row + 1}", column=name, field=c.name))
                continue
            j, text = near  # most likely the column, its header mistyped (Quantity for qty, 成本价格)
            if c.choice is not None and _is_choice(c.choice, text):
                # a header that is one of the column's values (a cash book's 收入 | 支出 amount columns for
                # 收支): renaming it as suggested would make its amounts directions
                words, words_en = "、".join(m.value for m in c.choice), ", ".join(m.en for m in c.choice)
                sd.issues.append(Issue(
                    "error",
                    f"缺少必填列{col_zh}：表头“{text}”是这一列的一个值（{words}），不是它的列名，不能改成“{name}”。"
                    f"请在表头行加上“{name}”列，每行填 {words} 之一"
                    + ("；金额都放在一列“金额”里，填正数。" if c.name == "direction" else "。") + _ROWS_UNREAD_ZH,
                    f"The required column {col_en} is missing: the header '{text}' is one of its values ({words_en}), "
                    f"not its name, and must not be renamed '{name}'. Add the column '{name}' to the header row and "
                    f"put one of {words_en} on each row"
                    + ("; every amount goes in one column 'amount', as a positive number." if c.name == "direction"
                       else ".") + f" {_ROWS_UNREAD_EN}",
                    book=book, sheet=sheet_name, cell=f"{col_letter(j)}{header_row + 1}", column=text, field=c.name))
                continue
            sd.issues.append(Issue(
                "error",
                f"缺少必填列{col_zh}：表头“{text}”是不是这一列？是的话请把它改为“{name}”，"
                f"否则在表头行加上这一列。{_ROWS_UNREAD_ZH}",
                f"The required column {col_en} is missing: is the header '{text}' that column? If so, "
                f"rename it '{name}'; else add the column to the header row. {_ROWS_UNREAD_EN}",
                book=book, sheet=sheet_name, cell=f"{col_letter(j)}{header_row + 1}", column=text, field=c.name))
    sd.issues += _optional_near(book, sheet_name, rows[header_row], header_row + 1, model, {**found, **mistyped},
                                english)  # (a header said as mistyped above is not said again)
    clashes = header_clashes(rows[header_row], model, found)
    sd.issues += [header_clash_issue(book, sheet_name, header_row + 1, c, cols, rows[header_row]) for c, cols in clashes]
    scaled = _scaled_units(book, sheet_name, model, rows[header_row], header_row + 1, found, texts)
    sd.issues += scaled
    parse(sd)
    if clashes or mistyped or scaled or any(c.required and c.name not in found for c in model.columns()):
        # values were still checked, but rows without a required column are unusable (their keys
        # still exist for references)
        sd.unreadable, sd.records = sd.unreadable + sd.records, []
    return sd


# said with a required column missing: the rows are not read, so only how each cell is written was checked, and
# what is checked against other rows and sheets (an account or SKU that does not exist, a line booked twice) is
# said only once the header is right: before, a second run found problems the first did not say were unchecked
_ROWS_UNREAD_ZH = "改好之前，这张表的行都没有读取，与其他行、其他表的核对（编码或账户是否存在、是否重复等）都没有做；改好后请再运行一次。"
_ROWS_UNREAD_EN = ("Until then none of this sheet's rows are read, and nothing is checked against other rows or sheets "
                   "(whether a code or account exists, a row typed twice …); run again then.")


# a unit in the row under the header that is not one of what shopbook reads (元, 件): 1.7 under （万元）
# read as ¥1.70, 3 under 千人 as 3 visitors, every figure of the column off, none of it said
_SCALED = re.compile(r"[万千百亿]|(?<![a-z])k(?![a-z])|美元|美金|港[币元]|\$|usd|hkd|eur|€", re.IGNORECASE)
_NOT_SCALED = re.compile(r"千克|百分[比号数]?")  # kg, %: what the column is read in
_MONEY_PARTS = re.compile(r"^[(（\[【]?(?:单位[:：]?)?[分角][)）\]】]?$")  # （分）, 角: a money column typed in fen


def _scaled_units(book: str, sheet: str, model: type[SheetModel], row: list, r: int, found: dict[str, int],
                  texts: dict[str, str]) -> list[Issue]:
    """An error at each unit under a column of figures that scales them (（万元）, 千人, 分): the row of units
    (_units_below) is read as part of the header, and what it says is never applied."""
    out = []
    for name, j in found.items():
        col = model.column(name)
        v = row[j] if j < len(row) else None
        if v.__class__ is not str or col.kind not in _FIGURES or v.strip() == texts[name] \
                or header_key(v) == header_key(texts[name]):
            continue  # (the header's own cell: no row of units under it)
        unit = v.strip()
        if not (_SCALED.search(_NOT_SCALED.sub("", unit)) or col.kind is Kind.MONEY and _MONEY_PARTS.match(unit)):
            continue
        money = col.kind is Kind.MONEY
        out.append(Issue(
            "error",
            f"“{texts[name]}”下面的单位是“{unit}”：shopbook 按{'元' if money else '个数'}读这一列，不换算单位，"
            f"这一列的数都会读错，所以这张表的行都没有读取。请把这一列的数换算成{'元' if money else '个数'}填写，"
            "再删掉这个单位。",
            f"The unit under '{texts[name]}' is '{unit}': shopbook reads this column in "
            f"{'yuan' if money else 'ones'} and converts nothing, so every figure in it would be read wrong; none of "
            f"this sheet's rows were read. Enter the figures in {'yuan' if money else 'ones'}, then delete the unit.",
            book=book, sheet=sheet, cell=f"{col_letter(j)}{r}", value=unit, column=texts[name], field=name))
    return out


# what a person puts after a column's name and it is still that column: a unit or a note in brackets
# (期初库存(件), 重量（kg）), a trailing 数 (安全库存数); or another word for it (Col.said: 条形码 for 条码)
_SUFFIX = re.compile(r"(?:[(（\[【][^)）\]】]*[)）\]】]|数)$")
_SHEET_WORDS = ("订单", "商品")  # a column's name with its sheet's thing before it: 订单状态, 商品状态


def _written_otherwise(header: str, col: Column) -> bool:
    """Whether `header` is `col`'s name written otherwise, not a column of the person's own: the name, or
    a word the column declares people use for it (Col.said: 条形码), with a unit or note in brackets after
    it, a trailing 数 or 量 (安全库存量: before, read as a person's own column, every safety stock blank
    unsaid), or 订单/商品 before it. Nothing looser: a header merely near (单价 for 单号, 日期2
    for 发货日期, 状态说明 for 状态) is a person's own column."""
    k = header_key(header)
    names = {header_key(col.col.zh), header_key(col.col.en)}
    # (重量(kg) typed 重量(g): its unit differs, the column is it)
    cores = {_SUFFIX.sub("", n) for n in (*names, *map(header_key, col.col.said))}
    return k not in names and (_SUFFIX.sub("", k) in cores or any(k == w + n for w in _SHEET_WORDS for n in cores)
                               or k.endswith("量") and k[:-1] in cores)  # 安全库存量, 期初库存量 (not 量 of 重量: kept whole)


def _optional_near(book: str, sheet: str, row: list, header_row: int, model: type[SheetModel],
                   found: dict[str, int], english: bool) -> list[Issue]:
    """An optional column the header row lacks, where a header no column took is its name written
    otherwise (_written_otherwise: 期初库存(件), 订单状态, 安全库存数): that column is read as blank, and the
    figures with it (every opening stock 0, no order approved) would be wrong without a word. An error
    where the column holds figures, a date or a choice; a warning for text (a note read as empty)."""
    out, taken = [], set(found.values())
    for c in model.columns():
        if c.required or c.name in found:
            continue
        j = next((j for j, v in enumerate(row) if j not in taken and isinstance(v, str) and v.strip()
                  and _written_otherwise(v, c)), None)
        if j is None:
            continue
        taken.add(j)
        text, name = _one_line(row[j]), c.col.en if english else c.col.zh
        out.append(Issue(
            "warning" if c.kind is Kind.TEXT else "error",
            f"表头“{text}”像是“{name}”列，但写法不同：shopbook 没有把它当作“{name}”读，这一列按空白处理。是的话请把表头改为"
            f"“{name}”；如果是你自己加的列，请给它换一个不像“{name}”的名字。",
            f"The header '{text}' looks like the column '{name}' written otherwise: shopbook did not read it as "
            f"'{name}', and takes that column as blank. If it is, rename the header '{name}'; if it is a column of "
            f"your own, give it a name less like '{name}'.",
            book=book, sheet=sheet, cell=f"{col_letter(j)}{header_row}", column=text, field=c.name))
    return out


def workbook_from_sheets(path: Path, spec: WorkbookSpec, names: list[str], get_sheet,
                         models: tuple[type[SheetModel], ...] | None = None, read_typed=None,
                         hidden: set[str] = frozenset(), join: bool = True) -> WorkbookData:
    """The same reading for any source of cells: `get_sheet(name)` returns
    (rows from A1, {(row, col): error value}). Files and live Excel books both come here.
    `read_typed(book, name, model)`: the sheet read another way to the same SheetData
    (RawBook.typed_sheet, Arrow columns), or None to read it from get_sheet's rows. `hidden`: the
    sheets hidden in Excel. `join`: False where the caller joins a sheet a year itself (join_years),
    once it has done each sheet's own reading."""
    book = Path(path).name
    out: dict[type[SheetModel], SheetData] = {}
    issues: list[Issue] = []
    got: dict[str, tuple] = {}  # a sheet looked at for its headers is read once

    def sheet(name: str):
        if name not in got:
            got[name] = get_sheet(name)
        return got[name]

    def read(name: str, model: type[SheetModel]) -> SheetData:
        sd = read_typed(book, name, model) if read_typed is not None and name not in got else None
        if sd is None:
            rows, errors = got.pop(name) if name in got else get_sheet(name)
            sd = read_sheet_rows(book, name, model, rows, errors)
        return sd

    used: set[str] = set()
    for model in models or spec.sheets:
        name, renamed, group = match_sheet_name(names, model), [], []
        if name is None:  # renamed (出入库记录)? a sheet with its headers is read, with a warning
            renamed = match_sheets_by_headers(names, model, lambda n: sheet(n)[0], used)
            # a sheet a year (2026流水, 2027流水): all read as one, this year's the one written to first
            group = _dated_group(renamed) if len(renamed) > 1 and _date_field(model) else []
            name = _written_first(group) if group else renamed[0] if renamed else None
        if name is None:
            missing = missing_sheet_name(names, model)
            if not model.quiet_if_missing:
                near = _sheet_near(names, model, lambda n: sheet(n)[0], used)
                issues.append(_near_sheet_issue(book, model, missing, *near) if near else
                              _missing_sheet_issue(book, model, missing))
            out[model] = SheetData(book=book, sheet=missing, model=model, present=False)
            continue
        used.add(name)
        sd = out[model] = read(name, model)
        if group and has_required_columns(sd):
            parts = {name: sd}
            for _, n in group:
                # (one lacking a column people must fill: not read)
                if n != name and has_required_columns(p := read(n, model)):
                    parts[n] = p
            if len(parts) > 1:
                used.update(parts)
                sd.years = tuple((d, parts[n]) for d, n in group if n in parts)
                sd.unread = tuple(n for n in renamed if n not in parts)
                if sd.unread:  # (read as one, they are what the shop keeps: nothing to say, but of one left out)
                    sd.issues.insert(0, _joined_issue(book, model, [n for _, n in group if n in parts], sd.unread))
        if not renamed and (beside := _years_beside(names, name, model, used)) and has_required_columns(sd):
            readable = {n: p for y, n in beside if has_required_columns(p := read(n, model))}
            sd.issues[:0] = _join_years_beside(book, sd, readable, beside, used)
        if renamed and not sd.years:
            whole = all(c.name in sd.columns for c in model.columns() if c.required)
            others = [n for n in renamed if n != name]
            out[model].issues.insert(0, _renamed_sheet_issue(book, name, model, others, whole))
            sd.unread = tuple(others)
        copies = sheet_copies(names, name, model)
        if not renamed:  # 流水 beside Entries (or 流水 with a space after it): one is read, the other's rows would go unsaid
            sd.issues[:0] = [_namesake_issue(book, name, n) for n in _namesakes(names, model) if n != name]
        if not renamed and (name in hidden or _holds_no_rows(sd)):
            # its rows typed into another sheet of its headers (2026流水 moved in from the shop's own
            # workbook beside the template's blank 流水; 流水 hidden, a new 流水表 kept instead): said, or
            # the P&L is of nothing, or of the rows no one sees, unsaid (a copy is said as one, below)
            said = _hidden_beside_issue if name in hidden else _filled_beside_issue
            sd.issues[:0] = [said(book, name, n) for n in
                             match_sheets_by_headers(names, model, lambda n: sheet(n)[0], used)
                             if n not in copies and n not in hidden
                             and _holds_rows_of(sheet(n)[0], model, models or spec.sheets)]
        sd.issues[:0] = [_copy_issue(book, name, c) for c in copies]
    if join:
        join_years(out)
    return WorkbookData(Path(path), spec, out, issues)


def _years_beside(names: list[str], name: str, model: type[SheetModel], used) -> list[tuple[int, str]]:
    """(year, sheet) of each sheet named as the kind's sheet read by its name but for a year, in year order:
    2025流水 beside 流水, kept when the year turned. Only of a kind told apart by its date."""
    if not _date_field(model):
        return []
    keys = {sheet_key(name), sheet_key(model.zh), sheet_key(model.en)}
    return sorted((d[1], n) for n in names if n != name and n not in used
                  and (d := dated_name(n)) is not None and d[1] and not d[2] and d[0] in keys)


def _join_years_beside(book: str, sd: SheetData, parts: dict[str, SheetData], beside: list[tuple[int, str]],
                       used: set[str]) -> list[Issue]:
    """The sheets of past years kept beside the kind's own (`parts`: 2025流水 beside 流水, each with the
    columns people must fill) read with it as one (SheetData.years: new rows of their year go to them, the
    rest to the kind's own sheet), where its rows are all of later years: read alone, a January report of
    December would be of nothing. Where its rows are of their years too (a copy kept of rows it still
    holds: read together, counted twice), they are left unread, said; the issues to say."""
    if not parts:
        return []
    own = {d.year for d, in record_fields(sd, _date_field(sd.model)) if d is not None}
    latest = max(y for y, n in beside if n in parts)
    if min(own, default=dt.date.today().year) > latest:
        used.update(parts)
        sd.years = (*(((y, 0), parts[n]) for y, n in beside if n in parts), ((0, 0), sd))  # (its own: any year)
        return []
    if not own:  # (its own sheet blank: the rows beside it are said as such, _filled_beside_issue)
        return []
    sd.kept_apart = tuple(parts[n] for y, n in beside if n in parts)
    return [_year_ahead_beside_issue(book, sd.sheet, n, *ahead) if (ahead := rows_after(sd, parts[n])) else
            _year_kept_beside_issue(book, sd.sheet, n, sorted(own)) for y, n in beside if n in parts]


def rows_after(sd: SheetData, part: SheetData) -> tuple[dt.date, dt.date] | None:
    """(the last day of `sd`, the first of `part` after it) where `part`, a sheet a year kept apart beside it
    (SheetData.kept_apart), holds rows later than every row of `sd`: no copy of them, but a new year's rows
    begun on a sheet of their own (流水2027 beside 流水 holding 2026's), which no command reads; else None."""
    field = _date_field(sd.model)
    own = max((d for d, in record_fields(sd, field) if d is not None), default=None)
    later = min((d for d, in record_fields(part, field) if d is not None and own is not None and own < d), default=None)
    return (own, later) if later is not None else None


def _year_ahead_beside_issue(book: str, name: str, other: str, own: dt.date, day: dt.date) -> Issue:
    """_year_kept_beside_issue of a sheet whose rows are later than the kind's own (rows_after), where "old
    data, this can be left" would mislead: the reports of its days stop on it (periods.year_sheet_unread)."""
    named = _YEAR.sub(str(own.year), other, count=1) if _YEAR.search(other) else f"{own.year}{name}"
    return Issue(
        "warning",
        f"“{other}”与“{name}”表头相同，下面也有行，但没有读取（里面的格子也没有检查）：“{name}”里有更早的行，两张表一起读"
        f"可能把同一笔算两次。但“{other}”从 {day} 起的行比“{name}”的最后一天（{own}）还晚，不是它的副本；用到这些日子的报表"
        f"都会停下。请把“{name}”表改名为“{named}”（表名带年份的表会按年份一起读），或把“{other}”的行移到“{name}”。",
        f"'{other}' has the headers of '{name}' and rows below them, and is not read (nor are its cells checked): "
        f"'{name}' holds earlier rows, and read together a line might count twice. But its rows from {day} on are "
        f"later than the last day of '{name}' ({own}), no copy of them; every report needing those days stops. "
        f"Rename '{name}' to '{named}' (sheets named by year are read together, by year), or move the rows of "
        f"'{other}' to '{name}'.", book=book, sheet=other)


def _year_kept_beside_issue(book: str, name: str, other: str, years: list[int]) -> Issue:
    both = "、".join(map(str, years))
    return Issue(
        "warning",
        f"“{other}”与“{name}”表头相同，下面也有行，但没有读取（里面的格子也没有检查）：“{name}”里有 {both} 年的行，两张表一起读可能把同一笔算两次。"
        f"若“{other}”只是留着的旧数据（它的行“{name}”里也有），可以不管这条；若它的行要用（比如做那一年的报表），"
        f"请把它们移到“{name}”，或把“{name}”里那一年的行移到“{other}”（表名带年份的表会按年份一起读）。",
        f"'{other}' has the headers of '{name}' and rows below them, and is not read (nor are its cells checked): "
        f"'{name}' holds rows of "
        f"{', '.join(map(str, years))}, and read together the same line could count twice. If '{other}' only "
        f"keeps old data (rows '{name}' also has), this can be left; if its rows are to be used (a report of its "
        f"year), move them to '{name}', or move that year's rows of '{name}' to '{other}' (sheets named by year "
        "are read together, by year).", book=book, sheet=other)


def has_required_columns(sd: SheetData) -> bool:
    """Whether the sheet's header has every column people must fill (one lacking one reads as no row)."""
    return bool(sd.header_row) and all(c.name in sd.columns for c in sd.model.columns() if c.required)


def _written_first(group: list[tuple[tuple[int, int], str]]) -> str:
    """Of a sheet a year (a month), the one new rows of no sheet's date go to: today's, else the latest."""
    today = dt.date.today()
    return next((n for (y, m), n in group if (not y or y == today.year) and (not m or m == today.month)),
                group[-1][1])


def _quoted(names) -> str:
    """Sheet names in an English sentence, each in its quotes: 'Sheet1', 'Sheet2' (never 'Sheet1, Sheet2', one name)."""
    return ", ".join(f"'{n}'" for n in names)


def _joined_issue(book: str, model: type[SheetModel], names: list[str], unread: tuple[str, ...]) -> Issue:
    return Issue(
        "warning",
        f"没有“{model.zh}”工作表；“{'”“'.join(names)}”的表头与它一致，已按表名里的日期一起当作“{model.zh}”读取。"
        f"“{'”“'.join(unread)}”的表头不同，没有读取：若它的行要用，请把它的表头改成与它们相同。",
        f"There is no sheet '{model.en}'; {_quoted(names)} have its headers and were read together as it, in "
        f"the order of the dates in their names. {_quoted(unread)} "
        + ("has other headers and was not read: if its rows are to be used, make its headers the same as theirs."
           if len(unread) == 1 else "have other headers and were not read: if their rows are to be used, make "
           "their headers the same as those."),
        book=book, sheet=unread[0])


def join_years(sheets: dict) -> None:
    """Each kind read from a sheet a year (SheetData.years, once each sheet's own reading is done) made one
    SheetData of them all (SheetData.parts). Only there: a workbook of one sheet a kind costs nothing."""
    for model, sd in sheets.items():
        if sd.years:
            sheets[model] = _joined(sd)


def _joined(sd: SheetData) -> SheetData:
    from .sheet_edit import _copy_with

    parts = tuple(p for _, p in sd.years)  # (date order)
    at = {id(p): k * ROW_SPAN for k, p in enumerate(parts)}
    j = SheetData(book=sd.book, sheet=sd.sheet, model=sd.model, header_row=sd.header_row, columns=sd.columns,
                  headers=sd.headers, width=sd.width, unread=sd.unread, parts=parts,
                  first=next(k for k, p in enumerate(parts) if p is sd), dates=tuple(d for d, _ in sd.years),
                  formulas=None if any(p.formulas is None for p in parts) else any(p.formulas for p in parts))
    fields_set: dict = {}

    def moved(p: SheetData, records: list) -> list:
        k = at[id(p)]
        return records if not k else [_copy_with(r, {"row": r.row + k}, fields_set) for r in records]

    j.records = [r for p in parts for r in moved(p, p.records)]
    j.unreadable = [r for p in parts for r in moved(p, p.unreadable)]
    j.ahead = [r + at[id(p)] for p in parts for r in p.ahead]
    # (each located on its own sheet as it was read; its row as its record's, for the code matching them)
    j.issues = [i if not at[id(p)] or not i.row else i.with_(row=i.row + at[id(p)]) for p in parts for i in p.issues]
    j.notes = [i if not at[id(p)] or not i.row else i.with_(row=i.row + at[id(p)]) for p in parts for i in p.notes]
    return j


def _holds_no_rows(sd: SheetData) -> bool:
    """Whether a sheet that was read holds no row of data (blank, but for totals and notes), told
    without making its records where it holds some."""
    if sd.unreadable or not sd.present or not sd.header_row:
        return False
    pending = sd.__dict__.get("_pending")
    if pending is not None and (pending.before or pending.n > len(pending.special)):
        return False
    return not record_fields(sd, "row")


def _holds_rows_of(rows: list[list], model: type[SheetModel], models) -> bool:
    """Whether a sheet holds `model`'s rows: a row below its header holds a value in one of the model's
    columns, and its headers are more `model`'s than any other declared sheet's (a copy of 订单 holds
    商品映射's few columns too, and is 订单's copy, sheet_copies, not 商品映射's rows)."""
    at, found, _ = find_header(rows, model)
    if not any(any(j < len(r) and not _is_blank(r[j]) for j in found.values()) for r in rows[at + 1:]):
        return False
    return all(len(find_header(rows, m)[1]) <= len(found) for m in models if m is not model)


def _filled_beside_issue(book: str, name: str, other: str) -> Issue:
    return Issue(
        "warning",
        f"“{name}”里没有数据，而“{other}”有相同的表头，下面也填了行：shopbook 只读“{name}”，“{other}”里的行没有读取。"
        f"若它们是要用的数据，请把它们移到“{name}”（或删掉空的“{name}”，再把“{other}”改名为“{name}”）；"
        f"若“{other}”只是留着的旧数据，可以不管这条。",
        f"'{name}' holds no rows, while '{other}' has its headers and rows below them: shopbook reads '{name}' "
        f"only, and the rows in '{other}' are not read. If they are the data to use, move them to '{name}' (or "
        f"delete the empty '{name}' and rename '{other}' '{name}'); if '{other}' only keeps old data, this can "
        "be left.", book=book, sheet=other)


def _hidden_beside_issue(book: str, name: str, other: str) -> Issue:
    return Issue(
        "warning",
        f"“{name}”是隐藏的工作表，shopbook 读写的是它；“{other}”有相同的表头，下面也填了行，这些行没有读取。"
        f"若“{other}”是现在用的表，请把它的行移到“{name}”（或删掉隐藏的“{name}”，再把“{other}”改名为“{name}”）；"
        f"若“{other}”只是留着的旧数据，可以不管这条。",
        f"'{name}' is a hidden sheet, and it is the one shopbook reads and writes; '{other}' has its headers and rows "
        f"below them, which are not read. If '{other}' is the sheet in use, move its rows to '{name}' (or delete the "
        f"hidden '{name}' and rename '{other}' '{name}'); if '{other}' only keeps old data, this can be left.",
        book=book, sheet=other)


def sheet_copies(names: list[str], read: str, model: type[SheetModel]) -> list[str]:
    """The sheets named as a copy of the declared sheet read as `read` (订单 (2) from Excel's or
    WPS's 移动或复制, 订单_2 from LibreOffice's): shopbook reads one sheet, and rows typed into the
    copy would otherwise go unread, unsaid."""
    keys = "|".join(re.escape(sheet_key(n)) for n in {model.zh, model.en, read})
    copy = re.compile(rf"(?:{keys})(?:\(\d+\)|_\d+)")
    return [n for n in names if n != read and copy.fullmatch(sheet_key(n))]


def _namesake_issue(book: str, read: str, other: str) -> Issue:
    return Issue(
        "warning",
        f"“{other}”和“{read}”是同一张表的名字（只差空格、大小写或中英文）：shopbook 只读“{read}”，“{other}”里的行没有读取。"
        f"若“{other}”里有要用的行，请把它们移到“{read}”；再把“{other}”删除或改一个别的名字。",
        f"'{other}' and '{read}' name the same sheet (but for spaces, letter case or language): shopbook reads "
        f"'{read}' only, and the rows in '{other}' are not read. Move any rows to use from '{other}' to '{read}'; "
        f"then delete '{other}' or give it another name.",
        book=book, sheet=other)


def _copy_issue(book: str, read: str, copy: str) -> Issue:
    return Issue(
        "warning",
        f"“{copy}”像是“{read}”的副本：shopbook 只读“{read}”，“{copy}”里的行没有读取。若有新的行填在“{copy}”里，请把它们移到“{read}”；"
        "不需要的副本请删除，要留着请改一个别的名字。",
        f"'{copy}' looks like a copy of '{read}': shopbook reads '{read}' only, and the rows in '{copy}' are not read. If new "
        f"rows were typed into '{copy}', move them to '{read}'; delete a copy you do not need, or give one you keep "
        "another name.",
        book=book, sheet=copy)


def rows_with_errors(values: list[list]) -> tuple[list[list], dict[tuple[int, int], str]]:
    """Cells from a source that gives None for blanks and '#REF!'-style strings for
    formula errors (xlwings with err_to_str) into the reader's form."""
    errors = {}
    rows = []
    for r, row in enumerate(values):
        out = []
        for c, v in enumerate(row):
            if v is None:
                v = ""
            elif V.is_error_value(v):
                errors[(r, c)] = v.strip()
                v = ""
            out.append(v)
        rows.append(out)
    return rows, errors


_cache: dict | None = None  # on during a run that reads the same workbooks in several steps


class _Later:
    """A cached read with a change still to make to it (amend_cached, carry_over), made when the
    read is next asked for. The morning job's last step marks its order lines with their pick
    batch, which no later step reads: only the parsed-sheet cache does, written after the
    result is out (io/at_exit), so that no one waits for it."""

    __slots__ = ("was", "update", "done")

    def __init__(self, was, update):
        self.was, self.update, self.done = was, update, None

    @property
    def spec(self):
        return self.was.spec

    def base(self):
        """The read as it was, before this change."""
        self.was = _made(self.was)
        return self.was

    def made(self):
        if self.done is None:
            self.done = self.update(self.base())
        return self.done

    def proven(self, exact):
        """For cache.store: the made read when `exact` holds for the read as it was, else None."""
        return lambda: self.made() if exact(self.base()) else None


def _made(v):
    return v.made() if isinstance(v, _Later) else v


def _cached(key):
    """The read cached under `key` (None when there is none), any change kept for it made now."""
    v = _cache.get(key)
    if isinstance(v, _Later):
        v = _cache[key] = v.made()
    return v


@contextmanager
def read_cache(last_step: bool = False):
    """Within it, a workbook file read once is not parsed again until it changes (its
    size or modification time): the daily job's steps share their reads. Within another,
    it shares that one's (a report the daily job makes reads what the job has read).
    `last_step`: no later step of this process reads what the job writes (one command's one
    job, from the command line): a workbook it rewrites is kept for the next command only, in
    the parsed-sheet cache, and proven there by the writer that runs once the result is out
    (io/at_exit), not by the person waiting (carry_over)."""
    global _cache, _amends, _for_next_run
    if _cache is not None:
        yield
        return
    outer, _cache, outer_amends, _amends = _cache, {}, _amends, {}
    outer_last, _for_next_run = _for_next_run, last_step
    try:
        yield
    finally:
        _cache, _amends, _for_next_run = outer, outer_amends, outer_last


_for_next_run = False  # read_cache(last_step=True)


# (path, mtime, size) → changes made in memory to that version, to be written later (amend_cached)
_amends: dict[tuple, list] = {}


_live: dict[str, WorkbookData] = {}  # path → a workbook read from an open book, not from its file


def serve_live(path: Path, data: WorkbookData) -> None:
    """From now on, reading `path` gives `data`: the sheets of a workbook open in
    xlwings Lite, which has no files. (`forget_live` ends it.)"""
    _live[str(Path(path).resolve())] = data


def forget_live(folder: Path) -> None:
    for k in [k for k in _live if Path(k).parent == Path(folder).resolve()]:
        del _live[k]


def _subset(full: WorkbookData, models: tuple[type[SheetModel], ...] | None) -> WorkbookData:
    if models is None:
        return full
    return WorkbookData(full.path, full.spec, {m: full.sheets[m] for m in models if m in full.sheets},
                        [i for i in full.issues if i.sheet in {n for m in models for n in (m.zh, m.en)}])


def carry_over(path: Path, before, update, exact=None, strict: bool = False) -> None:
    """shopbook has just changed the workbook at `path` (it was `before`, an os.stat
    result): the reads cached for that version become reads of the new one, passed
    through `update` (which applies the same change to the records) instead of being
    parsed again: the daily job writes orders.xlsx twice and reads it after each.
    `exact(wd)`: whether the update gives what a read of the new file gives, to the last
    issue; only then is the new version kept in the parsed-sheet cache (io/cache) too.
    `strict`: a read the update is not proven exact for is dropped (read again when asked),
    not carried (rows appended: their row numbers are only known once proven)."""
    if _cache is None:
        return
    old = (str(Path(path).resolve()), before.st_mtime_ns, before.st_size)
    st = Path(path).stat()
    from . import cache

    for key in [k for k in _cache if k[:3] == old]:
        was = _cache.pop(key)
        new = (old[0], st.st_mtime_ns, st.st_size) + key[3:]
        if _for_next_run and exact is not None and cache.after_result_on():
            # read by no later step here: proven and made only by the writer after the result is out
            cache.store(Path(path), was.spec, key[4], _Later(was, update).proven(exact), st)
            continue
        if strict:
            was = _made(was)
            if not (exact is not None and exact(was)):
                continue
            wd = _cache[new] = update(was)
            cache.store(Path(path), wd.spec, key[4], wd, st)  # the version shopbook wrote is kept too
            continue
        later = _cache[new] = _Later(was, update)
        if exact is not None:  # proven (and kept) when made: by the next read, else as the cache is written
            cache.store(Path(path), later.spec, key[4], later.proven(exact), st)


def read_ahead(reads: list[tuple[Path, WorkbookSpec, tuple[type[SheetModel], ...] | None]], lazy: bool = False
               ) -> None:
    """Within read_cache: the reads a command is about to make one after the other, made first
    two at a time (calamine and fastexcel parse outside the GIL). Only a head start: a workbook
    that does not read is read again where it is needed, which says so as it would have.
    `lazy`: their records left to be made when asked for (read_workbook's `lazy`)."""
    if _cache is None:
        return

    def one(read) -> None:
        try:
            read_workbook(*read, lazy=lazy)
        except Exception:  # noqa: BLE001 - read again by the command, where it is reported
            pass

    map_beside(one, [r for r in reads if Path(r[0]).exists()])


def caching() -> bool:
    """Whether reads are shared now (within read_cache)."""
    return _cache is not None


def amend_cached(path: Path, update) -> None:
    """The reads cached for the workbook at `path` as it is now, passed through `update`: a
    change made in memory and written later (io.sheet_edit.WriteOnce) is seen by the reads
    made meanwhile."""
    if _cache is None:
        return
    st = Path(path).stat()
    now = (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    for key in [k for k in _cache if k[:3] == now]:
        _cache[key] = _Later(_cache[key], update)  # made when next read: the job's last step is read by no one
    _amends.setdefault(now, []).append(update)  # and the reads of other sheets still to come


def forget_cached(path: Path) -> None:
    """The reads cached for the workbook at `path`, and the changes kept for its reads to come,
    forgotten (every version): the next read parses the file."""
    if _cache is None:
        return
    where = str(Path(path).resolve())
    for key in [k for k in _cache if k[0] == where]:
        del _cache[key]
    for key in [k for k in _amends if k[0] == where]:
        del _amends[key]


def read_workbook(path: Path, spec: WorkbookSpec, models: tuple[type[SheetModel], ...] | None = None,
                  lazy: bool = False) -> WorkbookData:
    """Read the sheets `spec` declares (or just `models`) from the workbook file at `path`. Every
    cell is read and checked; the records are made by the time it returns, or with `lazy` when
    first asked for (records_where, record_fields: a job that needs a few of a year's rows)."""
    wd = after_saves(_read_any, Path(path), spec, models)  # (a workbook being saved: read once it is)
    if not lazy:  # (made a workbook at a time, as the read lets go of its columns: the peak as before)
        for sd in wd.sheets.values():
            sd.records  # noqa: B018 - made now
    return wd


def _read_any(path: Path, spec: WorkbookSpec, models: tuple[type[SheetModel], ...] | None) -> WorkbookData:
    if _live:
        live = _live.get(str(path.resolve()))
        if live is not None:
            return _subset(live, models)
    limits.check_regular(path)  # before anything opens it: a FIFO would hang the fingerprint below
    remember_read(path)  # the version its edits are made against (no lost update: io.files)
    if _cache is None:
        return _read_cached(path, spec, models)
    try:
        st = path.stat()
    except OSError:
        return _read_cached(path, spec, models)
    base = (str(path.resolve()), st.st_mtime_ns, st.st_size, spec.key)
    full = _cached(base + (None,))
    if full is not None:  # a full read serves any subset of its sheets
        return _subset(full, models)
    key = base + (models,)
    if models is not None and key not in _cache:
        wider = next((k for k in list(_cache) if k[:4] == base and k[4] is not None and set(models) <= set(k[4])),
                     None)
        if wider is not None:  # read already with these sheets and more
            return _subset(_cached(wider), models)
        if _has_full_entry(path, spec, st):
            # the parsed-sheet cache holds the whole workbook: decoded once for every step that
            # asks for some of its sheets, not once (and held once) per subset
            return _subset(_read_any(path, spec, None), models)
    if key not in _cache:
        wd = _read_cached(path, spec, models)
        for update in _amends.get(base[:3], ()):
            wd = update(wd)
        _cache[key] = wd
    return _cached(key)


def _has_full_entry(path: Path, spec: WorkbookSpec, st) -> bool:
    from . import cache

    return cache.wanted(path, st) and cache.entry_path(path, spec.key, None).exists()


def _read_cached(path: Path, spec: WorkbookSpec, models: tuple[type[SheetModel], ...] | None) -> WorkbookData:
    """The parsed-sheet cache's copy of this very content (io/cache: a full read serves any
    subset of its sheets), else a read of the file, which is then kept there."""
    from . import cache

    try:
        st = path.stat()
    except OSError:
        return _read_workbook(path, spec, models)
    wd, sha = cache.load(path, spec, models, st)
    if wd is None and models is not None:
        full, sha = cache.load(path, spec, None, st, sha)
        wd = _subset(full, models) if full is not None else None
    if wd is None:
        wd = _read_workbook(path, spec, models)
        cache.store(path, spec, models, wd, st, sha)
    else:
        forget_begun(path)  # a parse begun for it as the command started is not needed (io/prefetch)
    return wd


_DATE_1904 = re.compile(rb'<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"')


@contextmanager
def _as_stop(path: Path):
    """What calamine, zipfile and the XML parser raise on a damaged file: one stop naming it
    (calamine's errors are not one hierarchy, and its panics are BaseExceptions)."""
    try:
        yield
    except ShopbookError:
        raise
    except pc.PasswordError:
        raise ShopbookError("工作簿设置了密码，无法读取。", "The workbook is password-protected.", path) from None
    except (KeyError, ET.ParseError, zipfile.BadZipFile, pc.CalamineError) as e:
        if "shared string" in str(e):
            raise limits.repair_in_excel(path, f"有单元格指向不存在的共享文本：{e}",
                                         f"a cell points at a shared string that does not exist: {e}") from None
        zh, en = restore_words(path)
        raise limits.Damaged(f"工作簿已损坏，无法读取：{e}。{zh}", f"The workbook is corrupt and cannot be read: {e}. {en}",
                             path) from None
    except BaseException as e:
        if type(e).__name__ != "PanicException":
            raise
        raise limits.damaged(path, f"calamine: {e}") from None


@contextmanager
def _watched(path: Path, before: tuple[int, int] | None):
    """_as_stop for a workbook file on disk: what does not read because another program began to
    save it after its checks is told apart from a damaged file (io.files.told_apart)."""
    with told_apart(path, before), _as_stop(path):
        yield


_parse_watchers: list[threading.Event] = []  # parse_begun's events


@contextmanager
def parse_begun(event: threading.Event):
    """Within it, `event` is set as soon as a sheet of ARROW_MIN_BYTES of XML or more begins its
    parse (calamine's or fastexcel's: either lets go of the GIL), and at the end at the latest.
    Work beside a read waits for it (background.beside's head start), so that the read's own
    checks before its parse (0.15–0.2 s of a year's orders, holding the GIL) are not slowed by it:
    an import's cold first run 2.98 → 2.66 s."""
    _parse_watchers.append(event)
    try:
        yield event
    finally:
        _parse_watchers.remove(event)
        event.set()


def parse_begins(xml_size: int) -> None:
    """Called as a sheet's parse that lets go of the GIL begins (see parse_begun)."""
    if xml_size >= ARROW_MIN_BYTES:
        for event in list(_parse_watchers):
            event.set()


class RawBook:
    """A workbook file open for its cells. Each sheet's XML is read within the caps and
    looked at (io/limits) before calamine parses it: a stray value at XFD1048576 would make
    calamine hold the whole area up to it, a NaN would come out as a number."""

    def __init__(self, path: Path, data: bytes | None = None):
        """`data`: the workbook's bytes when they are not the file's (an export decrypted in
        memory), checked as a file's would be."""
        self.path = Path(path)
        self._data = data
        self._before = version(self.path) if data is None else None  # the version its reads are of
        if data is None:
            if not checked_begun(self.path, self._before):  # (checked already by the thread begun for it)
                check_workbook(self.path)
        elif data[:4] != b"PK\x03\x04":
            raise limits.damaged(self.path, "not a zip package once decrypted")
        else:
            from .files import check_package_of

            check_package_of(io.BytesIO(data), self.path, len(data))
        if pc is None:
            raise ShopbookError("这里不能读取工作簿文件（缺少 python-calamine）。", "Workbook files cannot be read here "
                                "(python-calamine is missing).", path)
        self.warnings: dict[str, list[Issue]] = {}
        self.merges: dict[str, list[tuple[int, int, int, int]]] = {}  # sheet → merged_ranges
        self.lists: dict[str, tuple] = {}  # sheet → its typed drop-down lists (io.lists.literal_lists)
        self.formulas: dict[str, bool] = {}  # sheet → whether its XML holds any formula (SheetData.formulas)
        self._shared: bool | None = None
        self._fx = None  # fastexcel's reader, once typed_sheet needs it
        with self._stop():
            self.wb = pc.CalamineWorkbook.from_path(str(self.path)) if data is None else \
                pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
            try:
                self.z = zipfile.ZipFile(self._source())
                self.parts = sheet_parts(self.z)
                self.names = set(self.z.namelist())
                self.date1904 = bool(_DATE_1904.search(limits.read_member(self.z, "xl/workbook.xml", self.path,
                                                                          head=65_536)))
                self._shared_scan = beside(self._scan_shared)  # text an .xlsx cannot hold, in the shared strings
            except BaseException:
                self.close()
                raise

    @property
    def sheet_names(self) -> list[str]:
        return self.wb.sheet_names

    @property
    def hidden_names(self) -> set[str]:
        """The sheets hidden (or very hidden) in Excel."""
        return {m.name for m in self.wb.sheets_metadata if m.visible != pc.SheetVisibleEnum.Visible}

    def sheet(self, name: str) -> tuple[list[list], dict[tuple[int, int], str]]:
        """(rows from A1, {(row, col): error value}) of one sheet; its warnings (stray far
        cells, text an .xlsx cannot hold) in self.warnings[name]."""
        path, part = self.path, self.parts.get(name, "")
        with self._stop():
            data = limits.read_member(self.z, part, path) if part in self.names else b""
            self.merges[name] = merged_ranges(data)
            self.lists[name] = literal_lists(data)  # (its tail searched: microseconds)
            look = None
            if limits.far_reach(data):  # decided before calamine parses: it would hold the whole area
                look = limits.look_at_sheet(data, path.name, name, path)
            if look is None or look.xml is None:
                # calamine lets go of the GIL while it parses: the scans of the XML (error cells, which
                # calamine reads as blanks; values that are not what calamine makes of them) run beside
                # it on the other core, at no cost in time
                later = beside(_scan_beside, data, head_start=PARSE_HEAD_START if len(data) >= ARROW_MIN_BYTES else 0)
                parse_begins(len(data))
                try:
                    rows = self.wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
                except pc.CalamineError as e:
                    if later.result()[1]:  # a shared-string index of -1 or abc: said at its cell
                        limits.look_at_sheet(data, path.name, name, path)
                    if "error value" not in str(e):  # #SPILL! and the other error values calamine lacks
                        raise
                    look = limits.look_at_sheet(data, path.name, name, path)
                    if look.xml is None:  # one calamine refuses that it was taken to know: every error value as #N/A
                        look = limits.look_at_sheet(data, path.name, name, path, readable=frozenset())
                    rows = None
                errors, odd, may_hold, self.formulas[name] = later.result()
                if odd:
                    look = limits.look_at_sheet(data, path.name, name, path)  # raises, saying where
            if look is not None and look.xml is not None:
                other = pc.CalamineWorkbook.from_filelike(limits.package_with(self.z, {part: look.xml}))
                try:
                    rows = other.get_sheet_by_name(name).to_python(skip_empty_area=False)
                finally:
                    other.close()
                self.formulas[name] = limits.FORMULA(data)
                errors, may_hold = error_cells_in_xml(data, self.formulas[name]), limits.may_hold_not_xml(data)
            warnings = list(look.warnings) if look is not None else []
            if may_hold or self._shared_may_hold():  # _x000B_ in a product name
                warnings += limits.not_xml_warnings(rows, path.name, name)
        self.warnings[name] = warnings
        return rows, errors

    def typed_sheet(self, book: str, name: str, model: type[SheetModel]) -> SheetData | None:
        """A big sheet read from fastexcel's Arrow columns (io/arrow_read), to what
        read_sheet_rows(self.sheet(name)) gives; None where that read must do it."""
        part = self.parts.get(name, "")
        if part not in self.names or self.z.getinfo(part).file_size < ARROW_MIN_BYTES:
            return None  # (decided before numpy, pyarrow and fastexcel are imported: small shops never need them)
        if not arrow_read_on():
            return None
        from . import arrow_read

        return arrow_read.read_sheet(self, book, name, part, model) if arrow_read.fastexcel is not None else None

    def fastexcel(self):
        """fastexcel's reader of this workbook, opened once (for typed_sheet)."""
        if self._fx is None:
            from .arrow_read import fastexcel

            self._fx = fastexcel.read_excel(str(self.path) if self._data is None else self._data)
        return self._fx

    def _shared_may_hold(self) -> bool:
        if self._shared is None:
            self._shared = self._shared_scan.result()
        return self._shared

    def _scan_shared(self) -> bool:
        sst = next((n for n in self.names if n.lower() == "xl/sharedstrings.xml"), None)
        if not sst:
            return False
        with zipfile.ZipFile(self._source()) as z:  # its own handle: this runs beside the reads
            return limits.may_hold_not_xml(limits.read_member(z, sst, self.path))

    def _source(self):
        return self.path if self._data is None else io.BytesIO(self._data)

    def _stop(self):
        """What does not read, as one stop (_as_stop); for a file on disk told apart from one
        another program is still saving."""
        return _as_stop(self.path) if self._data is not None else _watched(self.path, self._before)

    def get_sheet_by_name(self, name: str):
        """As calamine's workbook has it, so that code written for calamine takes a RawBook."""
        rows = self.sheet(name)[0]
        return type("Sheet", (), {"to_python": lambda _self, **_kw: rows})()

    def close(self) -> None:
        if getattr(self, "z", None) is not None:
            self.z.close()
        self.wb.close()

    def __enter__(self) -> RawBook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _read_workbook(path: Path, spec: WorkbookSpec, models: tuple[type[SheetModel], ...] | None = None
                   ) -> WorkbookData:
    with RawBook(path) as book:
        # a serial typed in a date column counts from the workbook's own day 0
        epoch = V.serial_epoch.set(V.EPOCH_1904 if book.date1904 else V.EXCEL_EPOCH)
        try:
            with gc_paused():
                wd = workbook_from_sheets(path, spec, book.sheet_names, book.sheet, models, book.typed_sheet,
                                          book.hidden_names, join=False)
        finally:
            V.serial_epoch.reset(epoch)
        read = [p for sd in wd.sheets.values() for p in ([p for _, p in sd.years] or [sd])]
        for sd in read:
            if book.formulas.get(sd.sheet) and sd.unreadable:
                part = book.parts.get(sd.sheet, "")
                formulas_filled_down(sd, lambda part=part: limits.read_member(book.z, part, path)
                                     if part in book.names else b"")
    for sd in read:
        sd.formulas = book.formulas.get(sd.sheet)
        sd.lists = book.lists.get(sd.sheet)
        merged_in_data(sd, book.merges.get(sd.sheet, []))
        sd.issues.extend(book.warnings.get(sd.sheet, ()))
    if len(read) > len(wd.sheets):
        join_years(wd.sheets)
    if book._fx is not None:  # a big sheet's XML, fastexcel's columns and the reader's are freed now
        give_back()
    return wd
