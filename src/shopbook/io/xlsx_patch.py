"""Editing cells of an .xlsx in place, at the XML level.

openpyxl rebuilds a whole workbook on save: slow for big sheets, and it drops what
it does not model (charts, pictures, cached formula results …). shopbook's edits
are small — set some cells, append some rows — so this module rewrites only the
rows it touches in one sheet's XML and copies every other byte of the package
as it was. New text goes in as inline strings (never a formula); numbers and
dates keep the style of the cell they replace or of the cell above them.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from ..issues import ShopbookError, col_letter
from . import FAST_DEFLATE, refuse_pandas_to_pyarrow
from .background import CAN_THREAD
from .limits import MAX_COLS, MAX_ROWS, STREAM_BYTES, Search, damaged, xml_safe
from .reader import sheet_parts
from .sheet_xml import rels_part, table_parts

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)  # a workbook saved with the 1904 date system (Mac Excel's option)
_DATE_1904 = re.compile(rb'<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"')
DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
BUILTIN_DATE_IDS = set(range(14, 23)) | {45, 46, 47}
_REL_TYPE_CALC = "calcChain"


@dataclass
class ColumnRows:
    """Rows to append given a column at a time: {col: [its value in each row, None for no cell]}.
    sheet_edit._plan makes them so (a column's values repeat, and are made once), and
    _patch_sheet writes them so, without a dict per row (a month's import appends 22,000)."""
    columns: dict[int, list]
    count: int
    # col → the number format its schema column declares (0.00% for 转化率): a cell appended under one
    # showing General gets it, so 0.025 reads 2.50 %; a format a person chose above is kept
    formats: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return self.count

    def __iter__(self):  # as rows {col: value}, for the walk that puts rows among others
        cols = list(self.columns.items())
        for i in range(self.count):
            yield {c: vs[i] for c, vs in cols if vs[i] is not None}


@dataclass
class SheetPatch:
    sheet: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)  # (row, col), 1-based → value
    # rows to add after the last row holding any value (never over a person's row), as {col: value}
    append: list[dict[int, object]] | ColumnRows = field(default_factory=list)
    header_row: int = 1
    # the cells as {row: {col: value}} instead, where the caller has them so (sheet_edit._plan: rows
    # whose cells are alike share one dict, and the patch puts them in column order once)
    rows: dict[int, dict[int, object]] | None = None

    def by_row(self) -> dict[int, dict[int, object]]:
        if self.rows is not None:
            return self.rows
        out: dict[int, dict[int, object]] = {}
        for (r, c), v in self.cells.items():
            out.setdefault(r, {})[c] = v
        return out


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


# the least stylesheet Excel opens, for a workbook whose writer left none (or one without cell formats)
LEAST_STYLES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2">'
    b'<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    b'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1">'
    b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" '
    b'fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
    b'builtinId="0"/></cellStyles></styleSheet>')


class _Styles:
    """Just enough of styles.xml: which xf indexes show dates, and adding two date xfs."""

    def __init__(self, xml: bytes):
        self.xml = xml
        self.custom = {int(m.group(1)): m.group(2).decode("utf-8", "replace")
                       for m in re.finditer(rb'<(?:\w+:)?numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', xml)}
        m = re.search(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", xml, re.S)
        self.xfs = [int(x.group(1)) if x.group(1) else 0 for x in
                    re.finditer(rb'<(?:\w+:)?xf\b(?:[^>]*?numFmtId="(\d+)")?[^>]*?(?:/>|>)', m.group(1))] if m else []
        self.added: dict[str, int] = {}  # "format|bold" → xf index added by us
        self._date_formats: dict[int, bool] = {}
        self.changed = False
        self.epoch = EXCEL_EPOCH  # the workbook's date system: dates are written as its serials

    def is_date(self, s: int) -> bool:
        if s >= len(self.xfs):
            return False
        fid = self.xfs[s]
        if fid in BUILTIN_DATE_IDS:
            return True
        known = self._date_formats.get(fid)  # asked once per date cell written: remembered
        if known is None:
            code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", self.custom.get(fid, "")).lower()
            known = self._date_formats[fid] = any(ch in code for ch in "yd") or ("m" in code and "h" in code)
        return known

    def date_style(self, fmt: str) -> int:
        return self.style(fmt)

    def with_format(self, style: int | None, fmt: str) -> int:
        """The xf `style` (the cell above's) showing `fmt` instead of its own number format: its font,
        fill, border and alignment kept (a person's bordered table stays bordered); added once."""
        key = f"{style}|{fmt}"
        if key in self.added:
            return self.added[key]
        block = re.search(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", self.xml, re.S)
        xfs = re.findall(rb"<(?:\w+:)?xf\b[^>]*?(?:/>|>.*?</(?:\w+:)?xf>)", block.group(1), re.S) if block else []
        if not style or style >= len(xfs):
            return self.style(fmt)
        fid = self._num_fmt(fmt)
        head, rest = re.match(rb"(<(?:\w+:)?xf\b[^>]*?)(/?>.*)", xfs[style], re.S).groups()
        head = re.sub(rb'\s(?:numFmtId|applyNumberFormat)="[^"]*"', b"", head)
        return self._add_xf(key, head + b' numFmtId="%d" applyNumberFormat="1"' % fid + rest, fid)

    def _add_xf(self, key: str, xf: bytes, fid: int) -> int:
        """`xf` added at the end of cellXfs, remembered under `key`: its index."""
        self.xml = re.sub(rb"(</(?:\w+:)?cellXfs>)", lambda m: xf + m.group(1), self.xml, count=1)
        self._bump(b"cellXfs")
        self.xfs.append(fid)
        self.added[key] = len(self.xfs) - 1
        self.changed = True
        return self.added[key]

    def _prefix(self) -> bytes:
        return re.search(rb"<(\w+:)?styleSheet\b", self.xml).group(1) or b""

    def _bump(self, tag: bytes, by: int = 1) -> None:
        self.xml = re.sub(rb'(<(?:\w+:)?' + tag + rb'\b[^>]*count=")(\d+)"',
                          lambda m: m.group(1) + str(int(m.group(2)) + by).encode() + b'"', self.xml, count=1)

    def _num_fmt(self, fmt: str) -> int:
        for fid, code in self.custom.items():
            if code == fmt:
                return fid
        ids = [int(i) for i in re.findall(rb'numFmtId="(\d+)"', self.xml)] + [163]
        fid = max(ids) + 1
        p = self._prefix()
        fmt_xml = b'<%snumFmt numFmtId="%d" formatCode="%s"/>' % (p, fid, _escape(fmt, quote=True).encode())
        closed = re.search(rb"<(?:\w+:)?numFmts\b[^>]*/>", self.xml)
        if closed:  # <numFmts count="0"/>
            self.xml = self.xml[: closed.start()] + b'<%snumFmts count="1">%s</%snumFmts>' % (p, fmt_xml, p) \
                + self.xml[closed.end():]
        elif re.search(rb"<(?:\w+:)?numFmts\b", self.xml):
            self.xml = re.sub(rb"(</(?:\w+:)?numFmts>)", lambda m: fmt_xml + m.group(1), self.xml, count=1)
            self._bump(b"numFmts")
        else:  # numFmts comes first inside styleSheet
            self.xml = re.sub(rb"(<(?:\w+:)?styleSheet\b[^>]*>)",
                              lambda m: m.group(1) + b'<%snumFmts count="1">%s</%snumFmts>' % (p, fmt_xml, p),
                              self.xml, count=1)
        self.custom[fid] = fmt
        return fid

    def _bold_font(self) -> int:
        p = self._prefix()
        fonts = re.search(rb"<(?:\w+:)?fonts\b[^>]*>(.*?)</(?:\w+:)?fonts>", self.xml, re.S)
        if fonts is None:  # a writer's stylesheet without fonts: the headers stay as its cells show
            return 0
        n = len(re.findall(rb"<(?:\w+:)?font\b", fonts.group(1)))
        self.xml = re.sub(rb"(</(?:\w+:)?fonts>)", lambda m: b"<%sfont><%sb/></%sfont>" % (p, p, p) + m.group(1),
                          self.xml, count=1)
        self._bump(b"fonts")
        return n

    def style(self, fmt: str | None = None, bold: bool = False) -> int:
        """An xf index showing `fmt` (a number format code), bold or not: added once."""
        key = f"{fmt}|{bold}"
        if key in self.added:
            return self.added[key]
        fid = self._num_fmt(fmt) if fmt else 0
        font = self._bold_font() if bold else 0
        p = self._prefix()
        xf = b'<%sxf numFmtId="%d" fontId="%d" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"%s/>' % (
            p, fid, font, b' applyFont="1"' if bold else b"")
        return self._add_xf(key, xf, fid)


def workbook_epoch(workbook_xml: bytes) -> dt.datetime:
    """Day 0 of the workbook's date system: 1899-12-30, or 1904-01-01 when it was saved
    with the 1904 date system (reading honours it; so must every write)."""
    return EPOCH_1904 if _DATE_1904.search(workbook_xml) else EXCEL_EPOCH


def _escape(text: str, quote: bool = False) -> str:
    """xml.sax.saxutils.escape's work, without its import (urllib, http, ssl and email: 13 ms of
    every command's start)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    return text.replace('"', "&quot;") if quote else text


def _xml_text(v: str) -> str:
    """Cell text as XML takes it: characters XML 1.0 forbids (control characters, U+FFFE,
    U+FFFF) dropped, a literal _xHHHH_ kept literal, markup escaped (each test first:
    nearly all text has none of them). The reader warns about such text where it is typed."""
    text = v if v.isprintable() and "_x" not in v else xml_safe(v)
    return _escape(text) if "&" in text or "<" in text or ">" in text else text


class Formula(str):
    """A formula a person made, as Excel shows it ("=…"), to write as a formula where a str
    beginning with "=" is written as the text it is (shopbook never makes a formula of what it is
    given). Written without a value: the workbook is marked to be calculated when opened."""


def _cell_xml(ref: str, v: object, style: int | None, styles: _Styles, p: bytes) -> bytes:
    if v.__class__ is str and v:  # nearly every cell shopbook sets: text, in one step
        return _inline_str(ref, b' s="%d"' % style if style else b"", v, p)
    s_attr = f' s="{style}"' if style else ""
    c = p + b"c"
    if v is None or v == "":
        return b"<%s r=\"%s\"%s/>" % (c, ref.encode(), s_attr.encode())
    if isinstance(v, bool):
        return b'<%s r="%s"%s t="b"><%sv>%d</%sv></%s>' % (c, ref.encode(), s_attr.encode(), p, int(v), p, c)
    if isinstance(v, (dt.date, dt.datetime)):
        d = v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)
        serial = (d - styles.epoch).total_seconds() / 86400
        if style is None or not styles.is_date(style):
            style = styles.style(DATETIME_FORMAT if isinstance(v, dt.datetime) and d.time() != dt.time(0)
                                 else DATE_FORMAT)
        num = f"{serial:.10f}".rstrip("0").rstrip(".")
        return b'<%s r="%s" s="%d"><%sv>%s</%sv></%s>' % (c, ref.encode(), style, p, num.encode(), p, c)
    if isinstance(v, (int, float, Decimal)):
        num = format(v, "f") if isinstance(v, Decimal) else repr(v)
        return b'<%s r="%s"%s><%sv>%s</%sv></%s>' % (c, ref.encode(), s_attr.encode(), p, num.encode(), p, c)
    if v.__class__ is Formula:
        return b'<%s r="%s"%s><%sf>%s</%sf></%s>' % (c, ref.encode(), s_attr.encode(), p,
                                                    _xml_text(v[1:]).encode("utf-8"), p, c)
    return _inline_str(ref, s_attr.encode(), v if v.__class__ is str else str(v), p)


# an inline-string cell after `<c r="` and its ref: up to its text, and after it (new_row makes each
# once per column, _inline_str per cell)
_TEXT_OPEN = b'"%s t="inlineStr"><%sis><%st xml:space="preserve">'  # % (s_attr, p, p)
_TEXT_CLOSE = b"</%st></%sis></%sc>"  # % (p, p, p)


def _inline_str(ref: str, s_attr: bytes, text: str, p: bytes) -> bytes:
    return (b'<%sc r="%s' % (p, ref.encode()) + _TEXT_OPEN % (s_attr, p, p) + _xml_text(text).encode("utf-8")
            + _TEXT_CLOSE % (p, p, p))


_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?:/>|>.*?</(?:\w+:)?row>)", re.S)
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.S)
# the same, with the column letters of the r attribute when the cell tag has one
_CELL_COL = re.compile(rb'<(?:\w+:)?c\b(?:[^>]*?\sr="([A-Z]+)\d+")?[^>]*?(?:/>|>.*?</(?:\w+:)?c>)', re.S)
_COLS: dict[bytes, int] = {}
# Deflate level for rewritten workbooks: zlib's level 1 compresses a big sheet several times
# faster than the default 6, for files about a fifth larger; zlib-ng's 2 is faster still and
# smaller than zlib's 1 (zlib-ng's own 1 is a fifth larger again). _write_pieces counts on the
# level giving the same stream however the input is cut: true of zlib's levels and zlib-ng's 2,
# not of zlib-ng's 1 (tests/test_xlsx_patch_stream.py checks the ones used)
ZIP_LEVEL = 2 if FAST_DEFLATE else 1


def _col_of(letters: bytes) -> int:
    n = _COLS.get(letters)
    if n is None:
        n = _COLS[letters] = _col_index(letters.decode())
    return n


_REF_COL = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)')
_R_ATTR = re.compile(rb'\br="([A-Z]*)(\d+)"')
_S_ATTR = re.compile(rb'\bs="(\d+)"')
_ROW_OPEN = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(/?)>")
# a row's spans="…": a hint Excel may trust, dropped from a row shopbook writes cells into (they
# may lie outside it)
_SPANS = re.compile(rb'\s+spans="[^"]*"')
_ROW_R = re.compile(rb'\br="(\d+)"')


def _cells_of(row_xml: bytes, inner_start: int) -> dict[int, bytes]:
    """A row's cells from `inner_start` (after its tag), by column (1-based)."""
    found, k = {}, 0
    for cm in _CELL_COL.finditer(row_xml, inner_start):
        letters = cm.group(1)
        k = _col_of(letters) if letters else k + 1  # a cell without r follows the one before it
        found[k] = cm.group(0)
    return found


def _style_of(cell: bytes) -> int:
    """A cell's style (its s attribute; 0 without one)."""
    sm = _S_ATTR.search(cell[: cell.index(b">") + 1])
    return int(sm.group(1)) if sm else 0


_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is|f)\b")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
# a cell tag not started by its r attribute after one space (`<c>`, `<c s="1" r="B2">`, a tab or
# newline): the search for `<c r="B2"` would not find it, so a row with one is made anew
# (_patch_sheet's rebuilt_row). A sheet without any is looked at once, not row by row
_CELL_WITHOUT_REF = Search(re.compile(rb'<c(?:>|[\t\n\r]| (?!r="))'), r'<c(?:>|[\t\n\r]| (?:[^r]|r[^=]|r=[^"]))')


def _rows_by_number(xml: bytes, p: bytes, wanted: list[int], bs: int = 0, be: int | None = None
                    ) -> list[tuple[int, int]] | None:
    """(start, end) in `xml` of each wanted row of its rows between `bs` and `be`, by searching
    for its `<row r="N"` tag (every writer puts r first); None when a row is not there that
    way: the caller then walks all rows."""
    spans, pos = [], bs
    be = len(xml) if be is None else be
    close = b"</" + p + b"row>"
    for rnum in wanted:
        start = xml.find(b'<%srow r="%d"' % (p, rnum), pos, be)
        if start < 0:
            return None
        tag_end = xml.index(b">", start, be)
        end = tag_end + 1 if xml[tag_end - 1] == 47 else xml.index(close, tag_end, be) + len(close)  # 47: "/"
        spans.append((start, end))
        pos = end
    return spans


# value classes whose cell XML after the ref depends on the value and style alone, equal values
# writing alike (not Decimal, which is keyed by its digits and exponent: Decimal("1.0") == Decimal("1.00");
# float only when not 0: 0.0 == -0.0)
_SAME_WHEN_EQUAL = frozenset({str, int, bool, dt.date, dt.datetime})
_ROW_NUMS = re.compile(rb'<row(?: r="(\d+)")?')  # every row tag, with its number when r comes first
_PREFIXED_ROW = re.compile(rb":row")  # (re's search: twice as quick as bytes.find on a sheet's XML)
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b[^>]*?(/>|>)")


def _plain_row_numbers(xml: bytes, bs: int, be: int) -> list[int] | None:
    """The numbers of the rows of xml[bs:be] when each row tag starts `<row r="N"` (no namespace
    prefix anywhere) with N strictly rising; None otherwise."""
    if _PREFIXED_ROW.search(xml, bs, be):
        return None
    found = _ROW_NUMS.findall(xml, bs, be)
    if not all(found):
        return None
    nums = list(map(int, found))
    return nums if all(map(operator.lt, nums, nums[1:])) else None


def _last_row_plain(xml: bytes, p: bytes, edited: list[int], bs: int = 0, be: int | None = None
                    ) -> tuple[int, int, int] | None:
    """(start, end, number) of the last row when rows can be appended after it without
    walking every row: every row tag starts `<row r="N"` (no namespace prefix anywhere) with N
    strictly ascending, the last row holds a value (so it is the last filled one) and no row
    set in `edited` is at or below it. None otherwise: the caller walks all rows. The check
    counts on bytes searches that run at memory speed (a year's 97k rows: 0.1 s, where the
    walk took 0.65 s before it began writing). The rows are those of `xml` between `bs` and
    `be` (the sheet's rows, searched in place: no copy of them)."""
    be = len(xml) if be is None else be
    nums = None if p else _plain_row_numbers(xml, bs, be)
    if not nums or (edited and max(edited) >= nums[-1]):
        return None
    start = xml.rfind(b"<row", bs, be)
    tag_end = xml.find(b">", start, be)
    if tag_end < 0 or xml[tag_end - 1] == 47:  # "/"
        return None
    end = xml.find(b"</row>", tag_end, be)
    if end < 0 or not _HAS_VALUE.search(xml, start, end + 6):
        return None
    return start, end + 6, nums[-1]


def _patch_sheet(xml: bytes, by_row: dict[int, dict[int, object]], styles: _Styles,
                 append: list[dict[int, object]] = (), header_row: int = 1, rows_end: int | None = None
                 ) -> tuple[list, bool, tuple]:
    """Returns the new XML as pieces to be written one after the other (bytes, and views of
    `xml` for the stretches kept as they were: a big sheet is not copied, nor joined), whether
    a formula cell was overwritten, and the used area. `by_row`: the cells to set, {row: {col:
    value}} (SheetPatch.by_row; not changed here). `rows_end`: the rows end there, not at
    </sheetData> (a window of a sheet's rows, _patch_streamed's)."""
    m = _SHEET_DATA.search(xml)
    if m is None:
        raise ShopbookError("工作表结构无法识别。", "The sheet's structure is not recognised.")
    p = m.group(1) or b""
    mv = memoryview(xml)
    # the rows are xml[bs:be], searched and kept in place
    if m.group(2) == b"/>":
        head, tail = xml[: m.start()] + b"<" + p + b"sheetData>", b"</" + p + b"sheetData>" + xml[m.end():]
        bs = be = m.end()
    else:
        bs = m.end()
        be = rows_end if rows_end is not None else xml.index(b"</" + p + b"sheetData>", bs)
        head, tail = xml[:bs], mv[be:]
    by_row = dict(by_row)  # (rows appended among others are added to it)
    formats = getattr(append, "formats", None) or {}  # (ColumnRows')
    # appending to plain rows (what Excel, openpyxl and shopbook write): the rows above the
    # last stay one slice; anything else walks every row (the slow part)
    plain = _last_row_plain(xml, p, list(by_row), bs, be) if append else None
    rows = list(_ROW.finditer(xml, bs, be)) if append and plain is None else None
    last_filled = None  # the last row holding a value: appended rows go below it
    if plain is not None:
        last_filled = xml[plain[0]:plain[1]]
    last_num = None  # its number; a row written without r="N" follows the one before it, as Excel reads it
    under_header = None  # the row under the header, where it holds no value (a template's formatted row)
    if plain is None and append:
        num = 0
        for rm in rows:
            r_attr = _ROW_R.search(_ROW_OPEN.match(rm.group(0)).group(1))
            num = int(r_attr.group(1)) if r_attr else num + 1
            if _HAS_VALUE.search(rm.group(0)):
                last_filled, last_num = rm.group(0), num
            elif num == header_row + 1:
                under_header = rm.group(0)
    block = None  # the rows appended, when they go below every row there is (new_rows)
    if append:
        if last_num is None and last_filled is not None:
            last_num = int(_ROW_R.search(_ROW_OPEN.match(last_filled).group(1)).group(1))
        base = max(last_num if last_num is not None else header_row, header_row)
        if plain is not None:  # below the last row, which is the last filled one: a block of rows
            block = append if isinstance(append, ColumnRows) else _column_rows(append)
        else:
            for k, values in enumerate(append, start=1):
                by_row[base + k] = {**by_row.get(base + k, {}), **values}
    block_end = base + len(block) if block else 0
    if (by_row or block) and (max(max(by_row, default=0), block_end) > MAX_ROWS or max(
            max((max(cs) for cs in by_row.values()), default=0), max(block.columns, default=0) if block else 0
    ) > MAX_COLS):
        far = max(max(by_row, default=0), block_end)
        raise ShopbookError(  # below a stray value at A1048576, or right of one at XFD1
            f"要写的单元格超出了 Excel 的范围（第 {far} 行 / 最后一列 XFD）：表格下方或右侧很远处有单元格填了内容。"
            "请删除那些多余的行或列，再运行；这个工作簿没有改动。",
            f"The cells to write lie beyond Excel's last row or column (row {far} / column XFD): some cell far "
            "below or right of the table holds a value. Delete those stray rows or columns and run again; "
            "this workbook was not changed.")
    out, pos, implicit, touched_formula = [], bs, 0, False
    max_row = max_col = 0
    wanted = sorted(by_row)  # row numbers to write, ascending
    w = 0  # next of them not yet written
    above_style: dict[int, int] = {}  # column → style in the last existing row, for appended rows

    text_close = _TEXT_CLOSE % (p, p, p)

    def after_of(v: object, known: tuple) -> bytes:
        """What follows a new cell's ref: _cell_xml's, with the style above (text made here)."""
        _, style, same, text_open = known
        if v.__class__ is not str:
            return tail_of(v, style)
        after = same.get(v)  # a text's tail is the same wherever it repeats (names and addresses are met once)
        if after is None:
            after = same[v] = (text_open + _xml_text(v).encode() + text_close if v
                               else _cell_xml("", v, style, styles, p)[len(p) + 6:])
        return after

    def new_rows(first: int, rows: ColumnRows) -> list:
        """Rows the sheet lacks, numbered from `first`, each cell _cell_xml's with the style above.
        A column's values repeat (platform, shop, status, dates, counts): what follows a cell's
        ref is made once per value (_encoded), and the rows are put together from them a column
        at a time (_assemble_rows: Arrow's string kernels where there is pyarrow)."""
        nonlocal max_col, max_row
        columns = []
        for col in sorted(rows.columns):
            known = by_col.get(col)
            if known is None:  # the column's `<c r="` and letters, its style, its tails by value, a text's start
                style = above_style.get(col)
                fmt = formats.get(col)
                if fmt and (not style or (style < len(styles.xfs) and styles.xfs[style] == 0)):
                    style = styles.with_format(style, fmt)
                known = by_col[col] = (opened_of(col), style, {},
                                       _TEXT_OPEN % (b' s="%d"' % style if style else b"", p, p))
            distinct, idx = _encoded(rows.columns[col], lambda v: after_of(v, known))
            columns.append((known[0], distinct, idx))
            if any(a is not None for a in distinct):
                max_col = max(max_col, col)
        if rows.count:
            max_row = max(max_row, first + rows.count - 1)
        return _assemble_rows(first, rows.count, columns, row_open, row_close)

    def new_row(rnum: int) -> bytes:
        """One row the sheet lacks (a row among others, in the walk)."""
        return b"".join(new_rows(rnum, _column_rows([by_row[rnum]])))

    tails: dict[tuple, bytes] = {}  # (class, value, style) → a cell's XML after its ref
    by_col: dict[int, tuple] = {}  # new_row's, per column
    letters: dict[int, str] = {}  # column → its letters: the same few columns on every row

    def tail_of(v: object, style: int | None) -> bytes:
        """_cell_xml's cell after `<c r="`, made once per (class, value, style) where equal values
        write alike: statuses, shops, platforms, dates and counts repeat on every row (a style of
        0 writes as None does: no s attribute, no date format of its own)."""
        cls = v.__class__
        if cls is Decimal:  # a price: its digits and exponent say how it is written (1.0 is not 1.00)
            key = (cls, v.as_tuple(), style or None)
        elif (cls in _SAME_WHEN_EQUAL and (cls is not dt.datetime or v.tzinfo is None)) or (cls is float and v):
            key = (cls, v, style or None)
        else:
            return _cell_xml("", v, style, styles, p)[len(p) + 6:]
        tail = tails.get(key)
        if tail is None:
            tail = tails[key] = _cell_xml("", v, style, styles, p)[len(p) + 6:]
        return tail

    def ref_of(col: int, rnum: int) -> str:
        le = letters.get(col)
        if le is None:
            le = letters[col] = col_letter(col - 1)
        return f"{le}{rnum}"

    def replacing(old: bytes | None, col: int, rnum: int, v: object, ref: str | None = None) -> bytes:
        """The cell to write over `old` (None: there was none); it keeps the old style."""
        nonlocal touched_formula
        style = None
        if old is not None:
            style = _style_of(old) or None
            if b"f" in old and re.search(rb"<(?:\w+:)?f\b", old):
                if b't="shared"' in old and b"ref=" in old:
                    raise _shared_formula_source(col, rnum)
                touched_formula = True
        if ref is not None and v.__class__ is str and v:
            return ref_open + ref.encode() + tail_of(v, style)
        return _cell_xml(ref or ref_of(col, rnum), v, style, styles, p)

    ref_open = b"<" + p + b'c r="'
    cell_close = b"</" + p + b"c>"
    row_close = b"</" + p + b"row>"
    row_open = b"<" + p + b'row r="'
    without_ref = re.compile(b"<" + re.escape(p) + rb'c(?:>|[\t\n\r]| (?!r="))') if p else _CELL_WITHOUT_REF.rx
    uniform = False  # no cell of the sheet lacks its r attribute up front (_CELL_WITHOUT_REF): no row is looked at

    col_open: dict[int, bytes] = {}  # column → `<c r="` and its letters
    columns_of: dict[int, list[int]] = {}  # id of a row's cells (alive in by_row) → their columns, sorted
    alike: dict[tuple, bytes] = {}  # (id of a row's cells, column, style) → the cell's tail_of

    def opened_of(col: int) -> bytes:
        """`<c r="` and the column's letters, made once per column."""
        pre = col_open.get(col)
        if pre is None:
            pre = col_open[col] = ref_open + col_letter(col - 1).encode()
        return pre

    def in_place(at: int, start: int, end: int, rnum: int) -> int | None:
        """Row xml[start:end] with only the cells set replaced or inserted, the rest left byte
        for byte: its pieces go to `out` (the kept stretches, from `at` where the last piece
        stopped, as views of xml), and where the kept bytes resume is returned. None, with
        nothing written, unless every cell in the row starts with its r attribute (as every
        writer we know does). The row is searched in place, never sliced nor joined: a
        re-import sets 80k cells on 20k rows, and each step per cell counted."""
        nonlocal max_col, touched_formula
        head_end = xml.index(b">", start, end) + 1  # the row tag's end (_ROW_OPEN's match, without the regex)
        if xml[head_end - 2] == 47 or not uniform and without_ref.search(xml, start, end):  # 47: "/", an empty row
            return None
        values = by_row[rnum]
        vid = id(values)
        cols = columns_of.get(vid)  # (rows alike share their dict: sorted once)
        if cols is None:
            cols = columns_of[vid] = sorted(values)
        spans = []  # (start, end, the new cell): end == start for a cell inserted there
        tail = end - len(row_close)
        # the row's last cell and its column: where a new cell goes, and from which end of the row
        # a cell is searched for
        last = xml.rfind(ref_open, start, end)
        last_col = _col_of(_REF_COL.match(xml, last).group(1)) if last >= 0 else 0
        rnum_b = b"%d" % rnum
        in_order, prev = True, start
        for col in cols:
            pre = col_open.get(col) or opened_of(col)  # (the lookup inline: 80k cells in a re-import)
            ref = pre + rnum_b  # `<c r="B2`
            style = None
            # searched from the row's nearer end (the cells shopbook sets are mostly late ones: status,
            # review, batch); every column is searched for, cells need not be in order
            s = xml.rfind(ref + b'"', start, end) if 2 * col > last_col else xml.find(ref + b'"', start, end)
            if s >= 0:
                tag_end = xml.index(b">", s, end)
                empty = xml[tag_end - 1] == 47  # "/": <c r="B2" s="3"/>
                e = tag_end + 1 if empty else xml.index(cell_close, tag_end, end) + len(cell_close)
                if xml.find(b's="', s, tag_end) >= 0:
                    sm = _S_ATTR.search(xml, s, tag_end + 1)
                    style = (int(sm.group(1)) or None) if sm else None  # the cell keeps its style
                if xml.find(b"f", s, e) >= 0 and _FORMULA.search(xml, s, e):
                    if xml.find(b't="shared"', s, e) >= 0 and xml.find(b"ref=", s, e) >= 0:
                        raise _shared_formula_source(col, rnum)
                    touched_formula = True
            else:  # a new cell goes before the first cell to its right (often: none, it is last)
                s = tail
                if last_col > col:
                    for cm in _REF_COL.finditer(xml, head_end, end):
                        if _col_of(cm.group(1)) > col:
                            s = cm.start()
                            break
                e = s
            if s < prev:
                in_order = False
            prev = s
            # _cell_xml's cell, its XML after the ref made once per value and style
            t = alike.get((vid, col, style))  # (rows alike share their dict: each cell's tail made once)
            if t is None:
                t = alike[vid, col, style] = tail_of(values[col], style)
            spans.append((s, e, ref + t))
        if cols[-1] > max_col:
            max_col = cols[-1]
        if not in_order:
            spans.sort(key=lambda x: x[0])  # stable: cells inserted at one place stay in column order
        if xml.find(b"spans=", start, head_end) >= 0:  # (_SPANS)
            if start > at:
                out.append(mv[at:start])
            out.append(_SPANS.sub(b"", xml[start:head_end], count=1))
            at = head_end
        for s, e, cell in spans:
            if s > at:
                out.append(mv[at:s])
            out.append(cell)
            at = e
        return at

    def rebuilt_row(row_xml: bytes, mr: re.Match, rnum: int) -> bytes:
        """An existing row with this run's cells set in it (each keeps its cell's style), made
        anew: for a row in_place declines."""
        nonlocal max_col
        existing = _cells_of(row_xml, mr.end()) if mr.group(2) != b"/" else {}
        for col, v in by_row[rnum].items():
            existing[col] = replacing(existing.get(col), col, rnum, v)
        max_col = max(max_col, max(existing))
        attrs = _SPANS.sub(b"", mr.group(1))
        return (b"<" + p + b"row" + attrs + b">" + b"".join(existing[c] for c in sorted(existing))
                + b"</" + p + b"row>")

    def splice(rnums: list[int], spans: list[tuple[int, int]]) -> None:
        """The rows `rnums` (at `spans` of xml) patched, the bytes around them kept as views."""
        at = bs
        for rnum, (start, end) in zip(rnums, spans):
            resumed = in_place(at, start, end, rnum)
            if resumed is None:
                out.append(mv[at:start])
                row_xml = xml[start:end]
                out.append(rebuilt_row(row_xml, _ROW_OPEN.match(row_xml), rnum))
                resumed = end
            at = resumed
        out.append(mv[at:be])

    if not append:  # the common case: cells of rows that exist, found without walking every row
        fast = _rows_by_number(xml, p, wanted, bs, be)
        if fast is not None:
            # one look at the whole sheet where the rows patched are most of it (a morning's review): three
            # searches of each row cost more
            uniform = not p and 2 * sum(e - s for s, e in fast) >= be - bs and not _CELL_WITHOUT_REF(xml)
            splice(wanted, fast)
            head, area = _grown_dimension(head, max(wanted) if wanted else 0, max_col)
            return [head, *out, tail], touched_formula, area

    style_source = last_filled  # appended cells take the styles of the last filled row
    if under_header is not None and (last_num is None or last_num <= header_row):
        # nothing typed under the header yet: the template's formatted row there (0.00%, #,##0.00), not
        # the header's, styles the rows after the first (a first import's 2nd day: 转化率 0.1 for 10.00 %)
        style_source = under_header
    if style_source is not None:
        mr0 = _ROW_OPEN.match(style_source)
        if mr0.group(2) != b"/":
            above_style = {k: _style_of(c) for k, c in _cells_of(style_source, mr0.end()).items()}
    if plain is not None:  # as the walk below does it, with the rows above the last kept whole
        last_num = plain[2]
        edited = sorted(r for r in by_row if r < last_num)
        spans = _rows_by_number(xml, p, edited, bs, be)
        if spans is not None:
            splice(edited, spans)
            if above_style:  # the last row is the last filled one: its cells, for the used area
                max_col = max(max_col, max(above_style))
            for rnum in wanted[len(edited):]:
                out.append(new_row(rnum))
            if block:
                out += new_rows(base + 1, block)
            head, area = _grown_dimension(head, max(max_row, last_num), max_col)
            return [head, *out, tail], touched_formula, area
        rows = list(_ROW.finditer(xml, bs, be))  # an edited row the rows lack: the walk puts it in place
    last_row = None
    if rows is None:
        rows = list(_ROW.finditer(xml, bs, be))
    # the walk: the rows it leaves as they were are not copied; xml[pos:] up to where something
    # is written is kept as one view
    for rm in rows:
        r_attr = _ROW_R.search(_ROW_OPEN.match(xml, rm.start()).group(1))
        rnum = int(r_attr.group(1)) if r_attr else implicit + 1
        implicit = rnum
        max_row = max(max_row, rnum)
        last_row = rm
        if w >= len(wanted) or wanted[w] > rnum:
            continue
        if wanted[w] < rnum:
            out.append(mv[pos: rm.start()])
            pos = rm.start()
        while w < len(wanted) and wanted[w] < rnum:  # rows missing in the XML, in order
            out.append(new_row(wanted[w]))
            w += 1
        if w < len(wanted) and wanted[w] == rnum:
            w += 1
            resumed = in_place(pos, rm.start(), rm.end(), rnum)
            if resumed is None:
                out.append(mv[pos: rm.start()])
                row_xml = rm.group(0)
                out.append(rebuilt_row(row_xml, _ROW_OPEN.match(row_xml), rnum))
                resumed = rm.end()
            pos = resumed
    if last_row is not None:
        row_xml = last_row.group(0)
        mr = _ROW_OPEN.match(row_xml)
        last_cells = _cells_of(row_xml, mr.end()) if mr.group(2) != b"/" else {}
        if style_source is None:
            above_style = {k: _style_of(c) for k, c in last_cells.items()}
            by_col.clear()  # (rows new_row made before this took no style from above)
        if last_cells:
            max_col = max(max_col, max(last_cells))
    out.append(mv[pos:be])
    while w < len(wanted):  # rows past the last one: appended
        out.append(new_row(wanted[w]))
        w += 1
    if block:
        out += new_rows(base + 1, block)
    head, area = _grown_dimension(head, max_row, max_col)
    return [head, *out, tail], touched_formula, area


def _encoded(values: list, after_of) -> tuple[list, list[int] | None]:
    """A column's cells after their refs as (each distinct one, which of them each row has;
    None: one for each row). None values (no cell) stay None. Values are taken as distinct by
    equality where that is exact: one class of _SAME_WHEN_EQUAL, or floats without a -0.0
    (True == 1, 0.0 == -0.0 and Decimal("1.0") == Decimal("1.00") each write apart)."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if len(kinds) == 1 and (kinds <= _SAME_WHEN_EQUAL or float in kinds):
        index: dict = {}
        idx = [index.setdefault(v, len(index)) for v in values]
        if float not in kinds or not any(v == 0 and math.copysign(1, v) < 0 for v in values if v is not None):
            return [None if v is None else after_of(v) for v in index], idx
    return [None if v is None else after_of(v) for v in values], None


def _assemble_rows(first: int, n: int, columns: list[tuple[bytes, list, list[int] | None]], row_open: bytes,
                   row_close: bytes) -> list:
    """Rows `first`… of `n` cells' pieces ((`<c r="` and letters, distinct tails, index) per
    column, as _encoded gives them): one piece of XML, made by Arrow's string kernels without a
    Python step per cell (a month's import appends 286,000 cells: 0.17 → 0.05 s); row by row
    where there is no pyarrow (xlwings Lite)."""
    arrow = sys.modules.get("shopbook.io.arrow_ops") if n >= 256 else None  # (only where a read has loaded it)
    if arrow is None:
        rs = [b"%d" % r for r in range(first, first + n)]
        parts = [[row_open + r + b'">' for r in rs]]
        for opened, distinct, idx in columns:
            afters = distinct if idx is None else map(distinct.__getitem__, idx)
            parts.append([b"" if a is None else opened + r + a for r, a in zip(rs, afters)])
        parts.append([row_close] * n)
        return list(map(b"".join, zip(*parts)))
    import pyarrow as pa

    ops = arrow
    refuse_pandas_to_pyarrow()
    big = pa.large_binary()  # (offsets of 64 bits: a block of any size)

    def fixed(b: bytes):
        return pa.scalar(b, big)

    rs = ops.cast(ops.cast(pa.array(range(first, first + n), pa.int64()), pa.large_string()), big)
    none = fixed(b"")
    parts = [ops.binary_join_element_wise(fixed(row_open), rs, fixed(b'">'), none)]
    for opened, distinct, idx in columns:
        afters = pa.array(distinct, big)
        if idx is not None:
            afters = ops.take(afters, pa.array(idx, pa.int32()))
        parts.append(ops.binary_join_element_wise(fixed(opened), rs, afters, none))  # a None: no cell in that row
    rows = ops.binary_join_element_wise(*parts, fixed(row_close), none, null_handling="replace",
                                       null_replacement=b"")
    _, offsets, data = rows.buffers()  # the rows one after the other in `data`, from offsets[0] to offsets[n]
    ends = memoryview(offsets).cast("q")
    return [memoryview(data)[ends[rows.offset]:ends[rows.offset + n]]]


def _column_rows(rows: list[dict[int, object]]) -> ColumnRows:
    """Rows given as {col: value} each, as ColumnRows (a None given writes the empty cell ""
    writes, where a column's None is no cell)."""
    columns: dict[int, list] = {}
    for i, row in enumerate(rows):
        for c, v in row.items():
            columns.setdefault(c, [None] * len(rows))[i] = "" if v is None else v
    return ColumnRows(columns, len(rows))


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]*\d*:?([A-Z]+)(\d+)"')


def _shared_formula_source(col: int, rnum: int) -> ShopbookError:
    """The stop for a cell a shared formula starts from (its t="shared" ref=…): the cells below copy it."""
    return ShopbookError(f"单元格 {col_letter(col - 1)}{rnum} 是共享公式的源头，shopbook 不会覆盖它。",
                         f"Cell {col_letter(col - 1)}{rnum} holds a shared formula others depend on: "
                         "shopbook will not overwrite it.")


def _grown_dimension(head: bytes, max_row: int, max_col: int) -> tuple[bytes, tuple[int, int]]:
    """The sheet's used area (<dimension>, before <sheetData>) grown to cover the cells
    written; searched in the part before the rows only, which is short."""
    dim = _DIMENSION.search(head)
    if dim:  # the used area only grows
        max_col = max(max_col, _col_index(dim.group(1).decode()))
        max_row = max(max_row, int(dim.group(2)))
    head = re.sub(rb'(<(?:\w+:)?dimension\b[^>]*\bref=")[^"]*"',
                  lambda mm: mm.group(1) + f"A1:{col_letter(max(max_col, 1) - 1)}{max_row}".encode() + b'"', head,
                  count=1)
    return head, (max_row, max_col)


def _grow_tables(z: zipfile.ZipFile, sheet_part: str, files: dict[str, bytes], header_row: int,
                 area: tuple[int, int], headers: dict[int, str]) -> None:
    """Tables whose header row is `header_row` grow to cover the rows and the new
    header columns written."""
    rels_path = rels_part(sheet_part)
    if rels_path not in z.namelist():
        return
    for path in table_parts(sheet_part, files.get(rels_path) or z.read(rels_path)):
        xml = files.get(path) or z.read(path)
        m = re.search(rb'<(\w+:)?table\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"', xml)
        if not m or int(m.group(3)) != header_row:
            continue
        p = m.group(1) or b""
        c1, c2, r2 = _col_index(m.group(2).decode()), _col_index(m.group(4).decode()), int(m.group(5))
        # a table with Excel's Total Row (汇总 | =SUBTOTAL(109,…)) ends at it: grown over the rows
        # written below it, its last new row would become the totals row and the person's totals a
        # data row inside the range they sum. Those rows stay below it, as below any totals row (said)
        tag = xml[m.start():xml.index(b">", m.end()) + 1]
        totals = re.search(rb'\stotalsRowCount="[1-9]', tag) is not None
        new_c2, new_r2 = c2, (r2 if totals else max(r2, area[0]))
        extra = []
        while new_c2 + 1 in headers:  # new columns right beside the table join it
            new_c2 += 1
            extra.append(headers[new_c2])
        ref = f"{col_letter(c1 - 1)}{header_row}:{col_letter(new_c2 - 1)}{new_r2}".encode()
        old_ref = m.group(0).split(b'ref="')[1].split(b'"')[0]
        xml = xml.replace(b'ref="' + old_ref + b'"', b'ref="' + ref + b'"')
        if extra:
            ids = [int(i) for i in re.findall(rb'<(?:\w+:)?tableColumn\b[^>]*\bid="(\d+)"', xml)]
            add = b"".join(b'<%stableColumn id="%d" name="%s"/>' % (p, max(ids) + k + 1, _escape(n, quote=True).encode())
                           for k, n in enumerate(extra))
            xml = re.sub(rb"(</(?:\w+:)?tableColumns>)", lambda mm: add + mm.group(1), xml, count=1)
            xml = re.sub(rb'(<(?:\w+:)?tableColumns\b[^>]*count=")(\d+)"',
                         lambda mm: mm.group(1) + str(int(mm.group(2)) + len(extra)).encode() + b'"', xml, count=1)
        files[path] = xml


def patch_workbook(path: Path, out: Path, patches: list[SheetPatch], header_rows: dict[str, int] | None = None,
                   new_headers: dict[str, dict[int, str]] | None = None, new_sheets: list | None = None,
                   sheet_xml: dict[str, bytes] | None = None, replaced: dict[str, bytes] | None = None) -> None:
    """Write to `out` a copy of the workbook at `path` with the cells of `patches` set.
    `header_rows` names each patched sheet's header row, so its tables can grow. `sheet_xml`:
    parts already read from `path` (taken from it as they are used: not held past their patch).
    `replaced`: parts replaced whole (a sheet's drop-down lists extended, io.lists), none of them patched."""
    header_rows = header_rows or {}
    new_headers = new_headers or {}
    sheet_xml = sheet_xml or {}
    with zipfile.ZipFile(path) as z:
        parts = sheet_parts(z)
        own_styles = "xl/styles.xml" in z.namelist()
        styles = _Styles(z.read("xl/styles.xml")) if own_styles else None
        if styles is None or not styles.xfs:  # a writer that left no stylesheet, or one no cell can point at
            styles = _Styles(LEAST_STYLES)
            styles.changed = True
        styles.epoch = workbook_epoch(z.read("xl/workbook.xml"))
        files: dict[str, bytes] = dict(replaced or {})
        drop_calc = False
        times = Counter(parts.get(x.sheet) for x in patches)
        for patch in patches:
            part = parts.get(patch.sheet)
            if part is None:
                raise ShopbookError(f"找不到工作表“{patch.sheet}”。", f"Sheet '{patch.sheet}' not found.", path)
            try:
                streamed = None
                if times[part] == 1 and part not in sheet_xml and streams(z.getinfo(part)):
                    streamed = _patch_streamed(z, z.getinfo(part), patch, styles)
                if streamed is not None:
                    xml, touched, area = streamed
                else:
                    done = files.get(part)  # patched by an earlier patch of this call: its pieces joined
                    xml = b"".join(done) if done is not None else sheet_xml.pop(part, None)
                    xml, touched, area = _patch_sheet(xml if xml is not None else z.read(part), patch.by_row(),
                                                      styles, patch.append, patch.header_row)
            except ShopbookError as e:
                e.path = e.path or str(path)  # the stop names the workbook it is about
                raise
            files[part] = xml
            drop_calc |= touched
            if patch.sheet in header_rows:
                _grow_tables(z, part, files, header_rows[patch.sheet], area, new_headers.get(patch.sheet, {}))
        if new_sheets:
            # one replaced in place may have held a person's formulas, which the calculation chain
            # names (Excel calls a chain naming a cell without one damaged): it is rebuilt when absent
            drop_calc |= _add_sheets(z, files, new_sheets, styles)
        if styles.changed:
            files["xl/styles.xml"] = styles.xml
        if not own_styles:  # the stylesheet added is linked from the workbook
            rels = files.get("xl/_rels/workbook.xml.rels") or z.read("xl/_rels/workbook.xml.rels")
            rid = max([int(x) for x in re.findall(rb'Id="rId(\d+)"', rels)] + [0]) + 1
            files["xl/_rels/workbook.xml.rels"] = rels.replace(b"</Relationships>", (
                b'<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/></Relationships>' % (rid, REL_NS)))
            ct = files.get("[Content_Types].xml") or z.read("[Content_Types].xml")
            files["[Content_Types].xml"] = ct.replace(b"</Types>", (
                b'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                b'spreadsheetml.styles+xml"/></Types>'))
        skip = set()
        if drop_calc and "xl/calcChain.xml" in z.namelist():
            # a formula was replaced by a value: Excel rebuilds the chain when it is absent
            skip.add("xl/calcChain.xml")
            # (from the parts as a sheet added above left them: its relationship and content type kept)
            for name, entry in (("[Content_Types].xml", rb"<Override[^>]*calcChain[^>]*/>"),
                                ("xl/_rels/workbook.xml.rels", rb"<Relationship[^>]*calcChain[^>]*/>")):
                files[name] = re.sub(entry, b"", files.get(name) or z.read(name))
        with zipfile.ZipFile(out, "w") as dst:
            for info in z.infolist():
                if info.filename in skip:
                    continue
                data = files.pop(info.filename, None)
                if data is None:
                    _copy_part(z, info, dst, path)
                elif data.__class__ is _Deflating:
                    _write_deflated(dst, info, data)
                elif data.__class__ is list:
                    _write_pieces(dst, info, data)
                    del data  # the sheet's XML it viewed goes before the next part is written
                else:
                    dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL)
            for name, data in files.items():  # parts that are new
                dst.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=ZIP_LEVEL)


_PIECES_AT_ONCE = 1 << 18  # small pieces are joined into about this much before each deflate call


def _write_pieces(dst: zipfile.ZipFile, info: zipfile.ZipInfo, pieces: list) -> None:
    """A part given as pieces (_patch_sheet's) written as writestr writes it joined, the same
    bytes (same header, same deflate stream: the compressor is fed in order either way), without
    ever joining them whole: a big sheet's XML is held once, not twice."""
    info.compress_type = zipfile.ZIP_DEFLATED  # what writestr sets on the info it is given
    info._compresslevel = ZIP_LEVEL
    info.file_size = sum(map(len, pieces))  # writestr's too: the header and zip64 choice follow it
    with dst.open(info, "w") as sink:
        _feed(sink.write, pieces)


def _feed(write, pieces: list) -> None:
    """`pieces` given to `write` in order, small ones joined into about _PIECES_AT_ONCE (one
    deflate call each), long ones as they are; the list is emptied."""
    batch, size = [], 0
    for piece in pieces:
        if len(piece) >= _PIECES_AT_ONCE:  # a long stretch of kept rows: written from its view
            if batch:
                write(b"".join(batch))
                batch, size = [], 0
            write(piece)
            continue
        batch.append(piece)
        size += len(piece)
        if size >= _PIECES_AT_ONCE:
            write(b"".join(batch))
            batch, size = [], 0
    if batch:
        write(b"".join(batch))
    pieces.clear()


# A sheet part of limits.STREAM_BYTES or more unpacked is patched as it is unpacked (_patch_streamed)
_WINDOW = 4 << 20  # unpacked XML patched at a time
_CHUNK = 1 << 20  # unpacked XML read at a time
_HEAD_LIMIT = 1 << 24  # what comes before the rows, at most (else the sheet is patched whole)
# a part written from deflated bytes goes through zipfile's writer with its compressor swapped
# (_write_deflated): only where that writer keeps the attributes it sets
_DEFLATED_WRITE = {"_compressor", "_crc", "_file_size"} <= set(
    getattr(getattr(getattr(zipfile, "_ZipWriteFile", None), "__init__", None), "__code__", _feed.__code__).co_names)


def streams(info: zipfile.ZipInfo) -> bool:
    """Whether the part `info` is patched as a stream (_patch_streamed), not read whole first."""
    return _DEFLATED_WRITE and info.file_size >= STREAM_BYTES


class _Deflating:
    """A part's bytes deflated as zipfile's writer deflates them (same level, same stream),
    kept deflated: a big sheet is about a tenth of its XML so. `beside`: deflated on a thread of
    its own (zlib lets go of the GIL), while the next window of rows is searched and patched."""

    def __init__(self, beside: bool = False):
        self.deflated: list[bytes] = []
        self.crc = self.size = 0
        self._z = zipfile.zlib.compressobj(ZIP_LEVEL, zipfile.zlib.DEFLATED, -15)
        self._queue = self._thread = self._failed = None
        if beside:
            import queue
            import threading

            self._queue = queue.Queue(maxsize=4)
            self._thread = threading.Thread(target=self._drain, name="shopbook-deflate", daemon=True)
            self._thread.start()

    def write(self, data) -> None:
        if self._queue is None:
            self._take(data)
            return
        view = memoryview(data)  # in slices: what waits, and the windows it holds, stays small
        for at in range(0, len(view), _CHUNK):
            self._queue.put(view[at:at + _CHUNK])

    def _take(self, data) -> None:
        self.crc = zipfile.crc32(data, self.crc)
        self.size += len(data)
        self.deflated.append(self._z.compress(data))

    def _drain(self) -> None:
        while (data := self._queue.get()) is not None:
            if self._failed is None:  # (after a failure, taken and dropped: the writer never waits on a full queue)
                try:
                    self._take(data)
                except BaseException as e:  # noqa: BLE001 - raised again by close
                    self._failed = e

    def stop(self) -> None:
        """Everything written is deflated (the thread, if any, ended)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if self._failed is not None:
            raise self._failed

    def close(self) -> None:
        self.stop()
        self.deflated.append(self._z.flush())


class _AsItIs:
    """A compressor that leaves bytes as they are: _write_deflated's, for bytes deflated already."""

    @staticmethod
    def compress(data):
        return data

    @staticmethod
    def flush():
        return b""


def _write_deflated(dst: zipfile.ZipFile, info: zipfile.ZipInfo, part: _Deflating) -> None:
    """The part deflated already written as _write_pieces writes it from its pieces: the same
    header and the same bytes (tests/test_xlsx_patch_stream.py holds the two equal)."""
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = ZIP_LEVEL
    info.file_size = part.size
    with dst.open(info, "w") as sink:
        sink._compressor = _AsItIs
        for data in part.deflated:
            sink.write(data)
        sink._crc, sink._file_size = part.crc, part.size  # the XML's, not the deflated bytes'
    part.deflated.clear()


def _patch_streamed(z: zipfile.ZipFile, info: zipfile.ZipInfo, patch: SheetPatch, styles: _Styles
                    ) -> tuple[_Deflating, bool, tuple] | None:
    """_patch_sheet's result for the sheet part `info`, deflated, made as the part is unpacked:
    the XML is never held whole. The rows come in windows cut where a row starts, each patched
    by _patch_sheet as a sheet of its own, the last one with the rows appended; that gives the
    very bytes the whole sheet's patch gives when its rows are plain (each tag `<row r="N"`, N
    rising, no prefix), every row to edit is there and, when rows are appended, the last row holds
    a value. The used area (<dimension>) goes before the rows: it is foreseen from the one there
    and the cells to write, and checked at the end. None when any of this fails: nothing is
    written, and the caller patches the XML whole (it then takes its other paths)."""
    by_row = patch.by_row()
    wanted = sorted(by_row)
    append = patch.append
    block = (append if isinstance(append, ColumnRows) else _column_rows(append)) if append else None
    with z.open(info) as src:
        buf = b""
        while (m := _SHEET_DATA.search(buf)) is None:
            chunk = src.read(_CHUNK)
            if not chunk or len(buf) > _HEAD_LIMIT:
                return None
            buf += chunk
        if m.group(1) or m.group(2) == b"/>":
            return None
        head, carry = buf[:m.end()], buf[m.end():]
        # the used area foreseen: rows appended go below the one <dimension> names as the last
        dim = _DIMENSION.search(head)
        row = max(wanted, default=0)
        col = max((c for cs in by_row.values() for c in cs), default=0)
        if block:
            row = max(row, max(int(dim.group(2)) if dim else 0, patch.header_row) + block.count)
            col = max(col, max((c for c, vs in block.columns.items() if any(v is not None for v in vs)), default=0))
        foreseen = _grown_dimension(head, row, col)[0]
        out = _Deflating(beside=CAN_THREAD)
        try:
            made = _patch_rows_streamed(src, out, carry, by_row, wanted, block, styles, patch.header_row, foreseen)
        except Exception:
            while src.read(_CHUNK):  # a damaged part says so (its CRC, checked at its end) before its garbage
                pass
            raise
        finally:
            out.stop()
    if made is None:
        return None
    touched, row, col = made
    head, area = _grown_dimension(head, row, col)
    if head != foreseen:
        return None  # the <dimension> there was not the sheet's
    out.close()
    return out, touched, area


def _patch_rows_streamed(src, out: _Deflating, carry: bytes, by_row: dict, wanted: list[int], block, styles: _Styles,
                         header_row: int, head: bytes) -> tuple[bool, int, int] | None:
    """_patch_streamed's rows, from `src` (the part, read up to them: `carry` read beyond) to `out`
    after `head`: whether a formula was overwritten and the used area they make, or None."""
    out.write(head)
    opened = b"<sheetData>"
    at = len(opened)  # where a window's rows begin
    last, w, row, col, touched, done = 0, 0, 0, 0, False, False
    need = _WINDOW  # XML to gather before a window is cut
    while not done:
        chunks, size, ended = [carry], len(carry), False
        while size < need:
            chunk = src.read(_CHUNK)
            if not chunk:
                ended = True
                break
            chunks.append(chunk)
            size += len(chunk)
        xml = b"".join([opened, *chunks])
        del chunks
        end = xml.find(b"</sheetData>", at)
        done = end >= 0
        if done:  # the last window: what follows the rows with it
            rest = src.read()
            if rest:
                xml += rest
        elif ended:
            return None  # the part ends before its rows do
        else:
            end = xml.rfind(b"<row", at)
            if end <= at:  # a row longer than a window: read on
                carry, need = xml[at:], size + _CHUNK
                continue
            need = _WINDOW
        nums = _plain_row_numbers(xml, at, end)
        if nums is None or (nums and nums[0] <= last):  # (rising from the window before too)
            return None
        top = nums[-1] if nums else last
        mine = []  # the rows to edit in this window: each must be there
        while w < len(wanted) and (done or wanted[w] <= top):
            mine.append(wanted[w])
            w += 1
        if mine and not set(mine) <= set(nums):
            return None
        if done and block and _last_row_plain(xml, b"", mine, at, end) is None:
            return None
        if mine or (done and block):
            pieces, t, (r, c) = _patch_sheet(xml, {r: by_row[r] for r in mine}, styles,
                                             block if done else (), header_row, None if done else end)
            touched, row, col = touched or t, max(row, r), max(col, c)
            pieces = pieces[1:] if done else pieces[1:-1]
        else:
            mv = memoryview(xml)
            pieces = [mv[at:]] if done else [mv[at:end]]
        _feed(out.write, pieces)
        if not done:
            carry, last = xml[end:], top
        del xml
    return touched, row, col


def _copy_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, dst: zipfile.ZipFile, path) -> None:
    """A part shopbook does not change, streamed across in pieces: a workbook's parts are
    never all held in memory at once (a big one's sheets are hundreds of MB unpacked)."""
    import copy
    import shutil

    out_info = copy.copy(info)  # the source's own info still describes how to read it
    out_info.compress_type = zipfile.ZIP_DEFLATED
    out_info._compresslevel = ZIP_LEVEL  # (3.13 also names it compress_level)
    try:
        with z.open(info) as src, dst.open(out_info, "w") as sink:
            shutil.copyfileobj(src, sink, 1 << 20)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as e:
        raise damaged(path, f"{info.filename}: {e}") from None
    except Exception as e:
        if type(e).__name__ == "error":  # zlib's
            raise damaged(path, f"{info.filename}: zlib: {e}") from None
        raise


@dataclass
class NewSheet:
    """A sheet shopbook owns outright (库存汇总, reports): written whole, replacing any
    sheet of that name. Header row bold and frozen; number formats by column."""

    title: str
    rows: list[list]  # header first
    widths: list[float] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)  # 0-based column → number format
    # (1-based row, 0-based column) → a cellXfs index of the workbook the sheet is written into: the style a
    # cell had in the sheet it replaces (a person's fill), over the column's format and the header's bold
    cell_styles: dict[tuple[int, int], int] = field(default_factory=dict)
    # (1-based row, 0-based column) → (0-based row, column) of the sheet it replaces: the cell whose format it
    # takes where that sheet is open in Excel (xl.live copies it; a file's is in cell_styles)
    formats_from: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)


def _cell_tail(v: object, style: int | None, styles: _Styles, p: str = "") -> str:
    """A cell's XML after `<c r="A1` (its ref): what _row_xml writes for it, cell by cell the
    same (_row_xml keeps its own copy inline: a report's 100k rows pay for every call;
    tests/test_morning_documents.py holds the two equal for every kind of value)."""
    s_attr = f' s="{style}"' if style else ""
    cls = v.__class__
    if cls is str and v:
        return (f'"{s_attr} t="inlineStr"><{p}is><{p}t xml:space="preserve">{_xml_text(v)}</{p}t></{p}is>'
                f'</{p}c>')
    if v is None or v == "":
        return f'"{s_attr}/>'
    if cls is int:
        return f'"{s_attr}><{p}v>{v}</{p}v></{p}c>'
    if cls is Decimal:
        return f'"{s_attr}><{p}v>{v:f}</{p}v></{p}c>'
    return _cell_xml("", v, style, styles, p.encode())[len(p) + 6:].decode("utf-8")  # after `<c r="`


def _row_xml(r: int, cells: list[tuple[str, object, int | None]], styles: _Styles, p: str = "") -> str:
    """Row `r` as XML text, its cells given as (column letters, value, style). Text, whole
    numbers and amounts (nearly every cell a report or a packing note holds) are written
    inline: a big report has hundreds of thousands of cells. Anything else goes through
    _cell_xml. An empty value still writes its cell, for its style (a box's borders)."""
    out = [f'<{p}row r="{r}">']
    for letter, v, style in cells:
        s_attr = f' s="{style}"' if style else ""
        cls = v.__class__
        if cls is str and v:
            out.append(f'<{p}c r="{letter}{r}"{s_attr} t="inlineStr"><{p}is><{p}t xml:space="preserve">'
                       f'{_xml_text(v)}</{p}t></{p}is></{p}c>')
        elif v is None or v == "":
            out.append(f'<{p}c r="{letter}{r}"{s_attr}/>')
        elif cls is int or cls is Decimal:
            out.append(f'<{p}c r="{letter}{r}"{s_attr}><{p}v>{v:f}</{p}v></{p}c>' if cls is Decimal
                       else f'<{p}c r="{letter}{r}"{s_attr}><{p}v>{v}</{p}v></{p}c>')
        else:
            out.append(_cell_xml(f"{letter}{r}", v, style, styles, p.encode()).decode("utf-8"))
    out.append(f"</{p}row>")
    return "".join(out)


# value classes whose _cell_tail depends on the value and style alone, equal values writing alike
_TAIL_SAME_WHEN_EQUAL = frozenset({str, int, type(None)})

HOLE = object()  # in a RowBlock's shape: the cell's value is the next of the block's values
_OPEN_TEXT = "@@text@@"  # where a hole's text goes in its cell's XML (kept as it is by _xml_text)


class RowBlock(NamedTuple):
    """Rows one below the other, from the row it is given at (the rows below are not given
    apart): each of `shape`'s rows holds its cells as (column, value, style key), and a cell
    whose value is HOLE takes the next of `values`, text that is not empty. A shape is the same
    object wherever it repeats (a packing note's head): its XML is made once, with its row
    numbers and its texts left open, and each block is put together in one step."""

    shape: tuple[tuple[tuple[int, object, str], ...], ...]
    values: tuple[str, ...]


def _rows_xml(rows: dict[int, list | tuple | RowBlock], key_style: dict[str, int | None], styles: _Styles,
              p: str = "") -> tuple[bytes, int]:
    """What joining _row_xml over `rows` in row order gives (each row's cells as (column,
    value, style key)), UTF-8, and the last column written. A batch's packing notes are
    240,000 cells for 7,000 notes, most of them repeats: a cell's XML after its ref is made
    once per (style key, class, value) for text, whole numbers and blanks; and a row given as
    a tuple is taken as one that may be given again, the same object (a heading, an item
    line): its XML is made once, as pieces around its row number. A list is made where it
    stands. A RowBlock is its rows (see it). Made as bytes: text with Chinese in it is wider as
    str, and would be encoded after."""
    out = []
    add = out.append
    tails: dict[tuple, bytes] = {}
    opens: dict[int, bytes] = {}  # column → `<c r="` and its letters
    made: dict[int, tuple[list[bytes], int]] = {}  # id of a tuple row (alive in `rows`) → pieces, last column
    blocks: dict[int, tuple[bytes, tuple[int, ...], int]] = {}  # id of a RowBlock's shape (alive in `rows`) → block_of's
    row_open, row_close = f'<{p}row r="'.encode(), f"</{p}row>".encode()
    last_col = 0

    def tail_of(v: object, key: str) -> bytes:
        cls = v.__class__
        if cls not in _TAIL_SAME_WHEN_EQUAL:
            return _cell_tail(v, key_style.get(key), styles, p).encode("utf-8")
        k = (key, cls, v)
        tail = tails.get(k)
        if tail is None:
            tail = tails[k] = _cell_tail(v, key_style.get(key), styles, p).encode("utf-8")
        return tail

    def open_of(col: int) -> bytes:
        pre = opens.get(col)
        if pre is None:
            pre = opens[col] = f'<{p}c r="{col_letter(col - 1)}'.encode()
        return pre

    def block_of(shape: tuple) -> tuple[bytes, tuple[int, ...], int]:
        """(a %-format of the shape's rows, what each of its fields takes: for the row number of
        the shape's row k, k; for its j-th text, the number of its rows + j; the last column): what
        the shape's rows give, cell by cell, with their numbers and texts left open."""
        fmt, fields, top, texts = [], [], 0, len(shape)
        for k, cells in enumerate(shape):
            fmt.append(row_open + b'%d">')
            fields.append(k)
            for col, v, key in cells:
                fmt.append(open_of(col).replace(b"%", b"%%") + b"%d")
                fields.append(k)
                if v is HOLE:  # _cell_tail's text cell, its text left open
                    tail = _cell_tail(_OPEN_TEXT, key_style.get(key), styles, p).encode("utf-8")
                    fmt.append(tail.replace(b"%", b"%%").replace(_OPEN_TEXT.encode(), b"%s"))
                    fields.append(texts)
                    texts += 1
                else:
                    fmt.append(tail_of(v, key).replace(b"%", b"%%"))
                top = col if col > top else top
            fmt.append(row_close)
        return b"".join(fmt), tuple(fields), top

    for r in sorted(rows):
        cells = rows[r]
        rs = b"%d" % r
        if cells.__class__ is RowBlock:
            got = blocks.get(id(cells.shape))
            if got is None:
                got = blocks[id(cells.shape)] = block_of(cells.shape)
            fmt, fields, top = got
            # the block's row numbers, then its texts: each field takes one of them
            taken = [*range(r, r + len(cells.shape)), *[_xml_text(v).encode() for v in cells.values]]
            add(fmt % tuple(map(taken.__getitem__, fields)))
            if top > last_col:
                last_col = top
            continue
        if cells.__class__ is tuple:
            got = made.get(id(cells))
            if got is None:
                pieces, seg, top = [row_open], b'">', 0
                for col, v, key in cells:
                    pieces.append(seg + open_of(col))
                    seg = tail_of(v, key)
                    top = col if col > top else top
                pieces.append(seg + row_close)
                got = made[id(cells)] = (pieces, top)
            add(rs.join(got[0]))
            if got[1] > last_col:
                last_col = got[1]
            continue
        add(row_open)
        add(rs)
        seg = b'">'
        for col, v, key in cells:
            pre = opens.get(col)
            if pre is None:
                pre = open_of(col)
            cls = v.__class__
            if cls is str or cls is int or v is None:
                tail = tails.get((key, cls, v))
                if tail is None:
                    tail = tail_of(v, key)
            else:
                tail = tail_of(v, key)
            add(seg + pre)
            add(rs)
            seg = tail
            if col > last_col:
                last_col = col
        add(seg + row_close)
    return b"".join(out), last_col


def _sheet_xml(sheet: NewSheet, styles: _Styles) -> bytes:
    head_style = styles.style(None, bold=True)
    col_styles = {c: styles.style(fmt) for c, fmt in sheet.formats.items()}
    letters = [col_letter(c) for c in range(max((len(r) for r in sheet.rows), default=0))]
    kept = sheet.cell_styles
    rows_xml = "".join(_row_xml(r, [(letters[c], v, kept.get((r, c)) or (head_style if r == 1 else col_styles.get(c)))
                                    for c, v in enumerate(row) if v is not None or (r, c) in kept], styles)
                       for r, row in enumerate(sheet.rows, start=1)).encode("utf-8")
    cols = b"".join(b'<col min="%d" max="%d" width="%s" customWidth="1"/>' % (j, j, str(w).encode())
                    for j, w in enumerate(sheet.widths, start=1))
    width = max((len(r) for r in sheet.rows), default=1)
    dim = f"A1:{col_letter(max(width, 1) - 1)}{max(len(sheet.rows), 1)}".encode()
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            b'<dimension ref="%s"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            b'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            % dim + (b"<cols>" + cols + b"</cols>" if cols else b"") + b"<sheetData>" + rows_xml
            + b"</sheetData></worksheet>")


SHEET_CT = b"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
REL_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_TRANSITIONAL_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT_MAIN = b"http://purl.oclc.org/ooxml/spreadsheetml/main"  # Excel's "Strict Open XML Spreadsheet" save
_STRICT_REL_NS = b"http://purl.oclc.org/ooxml/officeDocument/relationships"


def _add_sheets(z: zipfile.ZipFile, files: dict[str, bytes], sheets: list[NewSheet], styles: _Styles) -> bool:
    """Whether a sheet was replaced in place (its old cells may be in the calculation chain)."""
    parts = sheet_parts(z)
    replaced = False
    names = z.namelist()
    wb_xml = files.get("xl/workbook.xml") or z.read("xl/workbook.xml")
    rels = files.get("xl/_rels/workbook.xml.rels") or z.read("xl/_rels/workbook.xml.rels")
    ct = files.get("[Content_Types].xml") or z.read("[Content_Types].xml")
    strict = _STRICT_MAIN in wb_xml[:4096]
    for sheet in sheets:
        xml = _sheet_xml(sheet, styles)
        if strict:  # a Strict Open XML workbook: its new sheet in the same namespaces, as Excel expects
            xml = xml.replace(_TRANSITIONAL_MAIN, _STRICT_MAIN).replace(REL_NS, _STRICT_REL_NS)
        if sheet.title in parts:  # ours from an earlier run: replaced in place
            files[parts[sheet.title]] = xml
            replaced = True
            continue
        n = 1
        while f"xl/worksheets/sheet{n}.xml" in names or f"xl/worksheets/sheet{n}.xml" in files:
            n += 1
        part = f"xl/worksheets/sheet{n}.xml"
        files[part] = xml
        rids = [int(x) for x in re.findall(rb'Id="rId(\d+)"', rels)] + [0]
        rid = b"rId%d" % (max(rids) + 1)
        rels = rels.replace(b"</Relationships>", b'<Relationship Id="%s" Type="%s" Target="worksheets/sheet%d.xml"/>'
                            b"</Relationships>" % (rid, SHEET_REL.replace(REL_NS, _STRICT_REL_NS) if strict
                                                   else SHEET_REL, n))
        ct = ct.replace(b"</Types>", b'<Override PartName="/%s" ContentType="%s"/></Types>' % (part.encode(), SHEET_CT))
        ids = [int(x) for x in re.findall(rb'sheetId="(\d+)"', wb_xml)] + [0]
        m = re.search(rb"<(\w+:)?sheets\b", wb_xml)
        p = m.group(1) or b""
        # the relationships prefix is declared on the entry itself: a workbook may declare
        # it only on each <sheet> (openpyxl does), and an undeclared prefix breaks the file
        entry = b'<%ssheet xmlns:r="%s" name="%s" sheetId="%d" r:id="%s"/>' % (
            p, _STRICT_REL_NS if strict else REL_NS, _escape(sheet.title, quote=True).encode(), max(ids) + 1, rid)
        wb_xml = re.sub(rb"(</(?:\w+:)?sheets>)", lambda mm: entry + mm.group(1), wb_xml, count=1)
        names.append(part)
    if any(v.__class__ is Formula for sheet in sheets for row in sheet.rows for v in row):
        wb_xml = _calc_on_load(wb_xml)  # written without values: Excel works them out when it opens the file
    files["xl/workbook.xml"], files["xl/_rels/workbook.xml.rels"], files["[Content_Types].xml"] = wb_xml, rels, ct
    return replaced


def _calc_on_load(wb_xml: bytes) -> bytes:
    """workbook.xml with its calcPr asking for a full calculation when the file is opened."""
    m = re.search(rb"<((?:\w+:)?)calcPr\b([^>]*?)(/?)>", wb_xml)
    if m is None:  # none: one goes where the schema puts it, after the sheets and the defined names
        p = re.search(rb"<(\w+:)?workbook\b", wb_xml).group(1) or b""
        at = max(mm.end() for mm in re.finditer(
            rb"</(?:\w+:)?(?:sheets|functionGroups|externalReferences|definedNames)>", wb_xml))
        return wb_xml[:at] + b'<%scalcPr fullCalcOnLoad="1"/>' % p + wb_xml[at:]
    attrs = re.sub(rb'\s*fullCalcOnLoad="[^"]*"', b"", m.group(2))
    return wb_xml[:m.start()] + b'<%scalcPr%s fullCalcOnLoad="1"%s>' % (m.group(1), attrs, m.group(3)) + wb_xml[m.end():]


def write_new_workbook(out: Path, sheets: list[NewSheet]) -> None:
    """A new workbook made of whole sheets, written as XML directly: a report with
    100,000 rows takes a second, where openpyxl takes tens."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = sheets[0].title  # replaced in place by the first sheet
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    patch_workbook(buf, out, [], new_sheets=sheets)


@dataclass
class SheetRows:
    """Rows written below a sheet's kept top rows, straight as XML. Each cell is
    (1-based column, value, style key); `styles` maps a key to the cell whose style
    it copies (a styled cell the sheet already has, e.g. "A4"). A row given as a tuple
    may be the same object at many rows (a heading, an item line): its XML is made once. A
    RowBlock given at a row is that row and the ones below it (a packing note's head)."""

    title: str
    first_row: int  # rows above it stay as they are (title, header)
    rows: dict[int, list[tuple[int, object, str]] | tuple[tuple[int, object, str], ...] | RowBlock]
    styles: dict[str, str]
    breaks: list[int] = field(default_factory=list)  # a page break after each of these rows
    # cells set in the kept top rows (row → column → value: a title's line); each keeps the style
    # of the cell it replaces, the rest of its row stays as it is
    top: dict[int, dict[int, object]] = field(default_factory=dict)


def _row_with(row_xml: bytes | None, rnum: int, values: dict[int, object], styles: _Styles, p: bytes) -> bytes:
    """A kept row of a template (None: it has none) with the cells `values` (column → value) set,
    each in the style of the cell it replaces (none: the default, as openpyxl sets a new cell)."""
    have: dict[int, bytes] = {}
    head = b'<%srow r="%d">' % (p, rnum)
    if row_xml is not None:
        mr = _ROW_OPEN.match(row_xml)
        head = b"<%srow%s>" % (p, _SPANS.sub(b"", mr.group(1)))
        have = _cells_of(row_xml, mr.end()) if mr.group(2) != b"/" else {}
    for col, v in values.items():
        old = have.get(col)
        have[col] = _cell_xml(f"{col_letter(col - 1)}{rnum}", v, (_style_of(old) or None) if old else None, styles, p)
    return head + b"".join(have[c] for c in sorted(have)) + b"</%srow>" % p


def fill_sheets(src: bytes, out: Path, fills: list[SheetRows], modified: dt.datetime | None = None) -> None:
    """Write the workbook `src` (bytes of an .xlsx, e.g. a filled-in template saved by
    openpyxl) to `out` with each sheet's rows from `first_row` on replaced by `rows`.
    Page setup, columns, print titles and styles stay as the template has them; tens of
    thousands of cells take a fraction of what openpyxl needs. `modified` (UTC): the time the
    document properties give as its last change. `out` is written as it is: the caller's temp
    file (io.files.write_atomic)."""
    import io

    with zipfile.ZipFile(io.BytesIO(src)) as z:
        parts = sheet_parts(z)
        files = {n: z.read(n) for n in z.namelist()}
    core = files.get("docProps/core.xml")
    if modified is not None and core is not None:
        stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        files["docProps/core.xml"] = re.sub(rb"(<dcterms:modified\b[^>]*>)[^<]*", lambda m: m.group(1) + stamp, core,
                                            count=1)
    styles = _Styles(files.get("xl/styles.xml", b""))
    styles.epoch = workbook_epoch(files.get("xl/workbook.xml", b""))
    for fill in fills:
        part = parts[fill.title]
        xml = files[part]
        p = re.search(rb"<(\w+:)?worksheet\b", xml).group(1) or b""
        kept, style_of = {}, {}
        for m in _ROW.finditer(xml):
            row_no = int(_ROW_R.search(m.group(0)).group(1))
            if row_no < fill.first_row:
                kept[row_no] = m.group(0)
            for c in _CELL.finditer(m.group(0)):
                ref = _R_ATTR.search(c.group(0))
                s = _S_ATTR.search(c.group(0))
                style_of[ref.group(1).decode() + ref.group(2).decode()] = int(s.group(1)) if s else 0
        key_style = {k: style_of.get(ref, 0) for k, ref in fill.styles.items()}
        for r, values in fill.top.items():
            kept[r] = _row_with(kept.get(r), r, values, styles, p)
        keep = [kept[r] for r in sorted(kept)]
        body, last_col = _rows_xml(fill.rows, key_style, styles, p.decode())
        # the template's parts before and after its rows are edited apart from the rows: a
        # batch's packing notes are megabytes of XML that no search below needs to scan
        sd = re.search(rb"<(?:\w+:)?sheetData\b[^>]*?(?:/>|>.*?</(?:\w+:)?sheetData>)", xml, flags=re.S)
        around = [xml[: sd.start()], xml[sd.end():]] if sd else [xml]
        last_row = max([fill.first_row - 1, *(r + len(v.shape) - 1 if v.__class__ is RowBlock else r
                                              for r, v in fill.rows.items())])
        last_col = max(1, last_col)
        dim = re.compile(rb'(<(?:\w+:)?dimension ref=")[^"]*"')
        k = next((k for k, x in enumerate(around) if dim.search(x)), None)
        if k is not None:
            around[k] = dim.sub(lambda m: m.group(1) + b'A1:%s%d"' % (col_letter(last_col - 1).encode(), last_row),
                                around[k], count=1)
        brk = b"".join(b'<%sbrk id="%d" max="16383" man="1"/>' % (p, b) for b in fill.breaks)
        breaks = (b'<%srowBreaks count="%d" manualBreakCount="%d">%s</%srowBreaks>'
                  % (p, len(fill.breaks), len(fill.breaks), brk, p)) if fill.breaks else b""
        k = next((k for k, x in enumerate(around) if re.search(rb"<(?:\w+:)?rowBreaks\b", x)), None)
        if k is not None:
            around[k] = re.sub(rb"<(?:\w+:)?rowBreaks\b[^>]*?(?:/>|>.*?</(?:\w+:)?rowBreaks>)", lambda _: breaks,
                               around[k], count=1, flags=re.S)
        elif breaks:
            raise ShopbookError("模板的这张表没有分页符位置。", f"The template's sheet '{fill.title}' has no page "
                                "breaks to replace.", out)
        # joined once: the rows are megabytes
        files[part] = b"".join([around[0], b"<%ssheetData>" % p, *keep, body, b"</%ssheetData>" % p, around[1]]) \
            if sd else around[0]

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as z:
        for name, data in files.items():
            z.writestr(name, data)
