"""Reading and writing a workbook that is open in Excel, through xlwings.

Only a small part of xlwings' Book/Sheet/Range API is used (listed in
tests/xlfake.py, the in-memory stand-in the tests run against):
book.fullname, book.sheets (iterate, [name], add), sheet.name, sheet.used_range,
sheet.range(...).options(...).value, range.formula, range.add_hyperlink, range.note,
range.add_note, range.copy, note.text, note.delete, sheet.delete, sheet.name (set), app.status_bar, app.alert,
app.screen_updating, app.calculation.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path

from ..io.reader import WorkbookData, rows_with_errors, workbook_from_sheets
from ..io.xlsx_patch import Formula
from ..issues import Issue, ShopbookError
from ..schema import WorkbookSpec
from ..validate.write import (AUTHOR, ISSUES_TITLES, cell_link, comment_text, is_issues_sheet, issue_rows,
                              issues_by_cell, issues_title)
from .com_errors import NEWER_BY_CODE


def sheet_values(sheet) -> list[list]:
    """Every cell from A1 to the last used one, errors as '#REF!'-style strings. A cell formatted as currency
    or accounting (¥, 会计专用) comes over as a Decimal (Range.Value gives a VT_CY, which pywin32 makes
    Decimal(int64) / 10000): the number it holds, as a file read gives it (a 数量 of Decimal('3') was
    refused as “应为整数：3”). A cell holding one of Excel 365's newer errors (#SPILL!, #CALC! …) comes over
    as the bare COM code, an int (com_errors): its text, as a file read gives it (a 售价 of #CALC! was
    “价格不能是负数” of -2146826238.00 where `shopbook validate` says the cell is no amount)."""
    last = sheet.used_range.last_cell
    rng = sheet.range((1, 1), (last.row, last.column))
    values = rng.options(ndim=2, err_to_str=True).value
    # (an int: no cell's number is one through COM; in xlwings Lite a whole number may be, and stays as it is)
    return [[float(v) if v.__class__ is Decimal else NEWER_BY_CODE.get(v, v) if v.__class__ is int else v
             for v in row] for row in values] if values else []


def sheets_rows(book, names) -> dict[str, list]:
    """The rows of those of the sheets `names` the open book has, as on screen (typed and not yet
    saved included): what a writer replacing one of shopbook's own sheets carries over from it."""
    have = {s.name: s for s in book.sheets}
    out = {}
    for n in (n for n in names if n in have):
        rows = out[n] = sheet_values(have[n])
        if not rows:
            continue
        got = have[n].range((1, 1), (len(rows), max(map(len, rows)))).formula  # a person's formula stays one
        for r, row in enumerate(got if isinstance(got, (list, tuple)) else [[got]]):
            for c, f in enumerate(row if isinstance(row, (list, tuple)) else [row]):
                # Range.Formula of text typed as '=… is that text: a formula shows something else
                if isinstance(f, str) and f.startswith("=") and c < len(rows[r]) and f != rows[r][c]:
                    rows[r][c] = Formula(f)
    return out


def read_live_book(book, spec: WorkbookSpec) -> WorkbookData:
    sheets = {s.name: s for s in book.sheets}
    return workbook_from_sheets(Path(book.fullname), spec, list(sheets),
                                lambda name: rows_with_errors(sheet_values(sheets[name])))


def formula_rows(book, sd, name: str, rows) -> set[int]:
    """io.sheet_edit.formula_rows in the open book: of `rows`, those whose cell of field `name` holds
    a formula (Range.Formula starts with "="), the column's span asked in one call."""
    rows = set(rows)
    lo, hi, col = min(rows), max(rows), sd.columns[name] + 1
    got = book.sheets[sd.sheet].range((lo, col), (hi, col)).formula
    if not isinstance(got, (list, tuple)):  # (one cell: its formula alone)
        got = [got]
    out = set()
    for i, f in enumerate(got):
        f = f[0] if isinstance(f, (list, tuple)) else f  # (a column: a row of one each)
        if lo + i in rows and isinstance(f, str) and f.startswith("="):
            out.add(lo + i)
    return out


def literal(v: object) -> object:
    """Text set through Excel's object model is parsed as if typed: '=…' would become a
    formula, an order number of 16 digits a number with its last digit lost, 2026-11-03
    a date. A leading apostrophe keeps any text exactly as it is (Excel stores it without)."""
    if isinstance(v, str) and v and v.__class__ is not Formula:  # a person's formula carried over: set as one
        return "'" + v
    return v


def quietly(write):
    """`write` to the open book with Excel's screen updating off and its calculation manual (each cell
    set would otherwise redraw and recalculate every open book), both given back as they were
    after, also where the write fails. Where they cannot be read (xlwings Lite, a stand-in without
    them) nothing is changed."""
    @functools.wraps(write)
    def wrapped(book, *args, **kw):
        app, was = getattr(book, "app", None), []
        for name, off in (("screen_updating", False), ("calculation", "manual")) if app is not None else ():
            try:
                before = getattr(app, name)
                if before != off:
                    setattr(app, name, off)
                    was.append((name, before))
            except Exception:  # noqa: BLE001 - not to be had here: written as it is
                pass
        try:
            return write(book, *args, **kw)
        finally:
            for name, before in reversed(was):
                try:
                    setattr(app, name, before)
                except Exception:  # noqa: BLE001 - the write's own error (if any) is the one to say
                    pass
    return wrapped


@quietly
def write_issues_live(book, issues: list[Issue], lang: str) -> None:
    """The same Issues sheet and notes as `validate --write`, in the open book."""
    names = [s.name for s in book.sheets]

    def ours(title: str) -> bool:  # by its header: a person's own 校验结果 sheet stays
        rows = sheet_values(book.sheets[title])
        return bool(rows) and is_issues_sheet(list(rows[0]))

    for title in [t for t in names if t.split("-shopbook")[0] in ISSUES_TITLES.values()]:
        if ours(title):
            old = book.sheets[title]
            for row in sheet_values(old)[1:]:  # remove the notes the last run left
                sheet_name, ref = row[1], row[2]
                if sheet_name in names and ref:
                    note = book.sheets[sheet_name].range(ref).note
                    if note is not None and note.text.startswith(f"[{AUTHOR}]"):
                        note.delete()
            old.delete()
            names.remove(title)
    ws = book.sheets.add(issues_title(names, lang, ours), after=book.sheets[len(names) - 1])
    rows = [[literal(v) for v in r] for r in issue_rows(issues, lang)]
    ws.range("A1").value = rows
    for r, iss in enumerate(issues, start=2):
        if iss.cell and iss.sheet in names:
            ws.range(f"C{r}").add_hyperlink(cell_link(iss.sheet, iss.cell), iss.cell)
    for (sheet, ref), its in issues_by_cell(issues, names).items():
        rng = book.sheets[sheet].range(ref)
        if rng.note is None:  # a person's note stays as it is
            rng.add_note(comment_text(its, lang))


@quietly
def apply_edits_live(book, edits, own_sheets=(), lang: str = "zh", path=None, formats: bool = True) -> None:
    """The same edits `io.sheet_edit.edit_workbook` makes to a file, made to an open book, and the
    same said of them (rows appended below a person's totals row); `path`: the shop workbook the
    edits are for (the book itself on the desktop; xlwings Lite's one book holds them all). A sheet of
    `own_sheets` replacing one keeps its cells' formats where `formats` (copy_formats)."""
    from ..io.reader import find_header, match_sheet_name, match_sheets_by_headers
    from ..io.sheet_edit import _to_parts, below_totals
    from ..values import cell_value as _cell_value

    names = [s.name for s in book.sheets]
    # a sheet a year read as one (io.reader._joined): each row to its own sheet and row
    edits = list(edits)
    edits, was = _to_parts(edits), {id(e.layout) for e in edits}
    for edit in edits:
        name = edit.layout.sheet if id(edit.layout) not in was else match_sheet_name(names, edit.model) or next(iter(
            match_sheets_by_headers(names, edit.model, lambda n: sheet_values(book.sheets[n]))), None)  # renamed
        if name is None:
            raise ShopbookError(f"缺少工作表“{edit.model.zh}”，无法写入。",
                                f"The sheet '{edit.model.en}' is missing: cannot write.", book.fullname)
        ws = book.sheets[name]
        values = sheet_values(ws)
        r, found, _ = find_header(values, edit.model)
        if not found:
            raise ShopbookError(f"工作表“{name}”找不到表头。", f"No header row on sheet '{name}'.", book.fullname)
        header_row = r + 1
        cols = {k: v + 1 for k, v in found.items()}
        columns = {c.name: c for c in edit.model.columns()}
        wanted = {f for cells in edit.set_cells.values() for f in cells} | (set(columns) if edit.append else set())
        # right of the whole used range (header and data), not just the header: a person's
        # column with no header above it is never written over
        next_col = max(max(map(len, values), default=0), *cols.values()) + 1
        cells: dict[tuple[int, int], object] = {}  # (row, column) → value, written in runs (write_cells)
        for c in edit.model.columns():
            if c.name in wanted and c.name not in cols:
                cells[header_row, next_col] = c.header(lang)
                cols[c.name] = next_col
                next_col += 1
        for row, cells_of in edit.set_cells.items():
            for f, v in cells_of.items():
                cells[row, cols[f]] = literal(_live(_cell_value(columns[f], v, lang)))
        if edit.append:
            last = max((i + 1 for i, row in enumerate(values) if any(v not in (None, "") for v in row)),
                       default=header_row)
            for k, rec in enumerate(edit.append, start=1):
                for f, j in cols.items():
                    v = _cell_value(columns[f], getattr(rec, f, None), lang)
                    # a field left blank is written (as blank) only over a cell that is empty: one
                    # showing "" may hold a person's formula, which stays as it was
                    if v is not None or _at(values, last + k, j) is None:
                        cells[last + k, j] = literal(_live(v))
        write_cells(ws, cells)
    below_totals(Path(path or book.fullname), list(edits))
    for own in own_sheets:
        old = next((s for s in book.sheets if s.name == own.title), None)
        if old is None:
            ws = book.sheets.add(own.title, after=book.sheets[len(book.sheets) - 1])
        else:  # the new sheet in the old one's place, each cell's format (a person's fill) copied from it
            ws = book.sheets.add(after=old)
            if formats:
                copy_formats(old, ws, own.formats_from)
            old.delete()
            ws.name = own.title
        width = max((len(row) for row in own.rows), default=0)  # Excel takes a rectangle only
        ws.range("A1").value = [[literal(_live(v)) for v in row] + [None] * (width - len(row)) for row in own.rows]


def copy_formats(old, new, moves: dict[tuple[int, int], tuple[int, int]]) -> None:
    """Give each cell of sheet `new` the format of the cell of `old` it came from (`moves`: NewSheet.formats_from),
    as a file's rewrite keeps each cell's style: a fill or font a person gave a SKU's row goes with the SKU.
    Excel's Range.Copy (no clipboard) of each block of cells that moved together, one call a block; it copies
    their values too, which the caller then sets over."""
    by_shift: dict[tuple[int, int], dict] = {}
    for (nr, nc), (r, c) in moves.items():
        by_shift.setdefault((nr - 1 - r, nc - c), {})[r + 1, c + 1] = None
    for (dr, dc), cells in by_shift.items():
        for top, left, rows in runs(cells):
            bottom, right = top + len(rows) - 1, left + len(rows[0]) - 1
            old.range((top, left), (bottom, right)).copy(new.range((top + dr, left + dc)))


def _at(values: list[list], row: int, col: int) -> object:
    """The value sheet_values read at (row, col), 1-based; None beyond what it read."""
    return values[row - 1][col - 1] if row <= len(values) and col <= len(values[row - 1]) else None


def runs(cells: dict[tuple[int, int], object]) -> list[tuple[int, int, list[list]]]:
    """`cells` as rectangles to set in one Range.Value each: (top row, left column, rows). Each row's
    cells side by side make a run; runs of the same columns on consecutive rows are one rectangle.
    A cell not in `cells` is never in a rectangle (it is not written over)."""
    out: list[tuple[int, int, list[list]]] = []
    open_: dict[tuple[int, int], tuple[int, list]] = {}  # (left, right) → (last row, its rectangle)
    by_row: dict[int, list[int]] = {}
    for r, c in sorted(cells):
        by_row.setdefault(r, []).append(c)
    for r, cs in by_row.items():
        spans, start = [], cs[0]
        for a, b in zip(cs, cs[1:] + [None]):
            if b != a + 1:
                spans.append((start, a))
                start = b
        still = {}
        for lo, hi in spans:
            values = [cells[r, c] for c in range(lo, hi + 1)]
            prev = open_.get((lo, hi))
            if prev is not None and prev[0] == r - 1:
                prev[1][2].append(values)
                still[lo, hi] = (r, prev[1])
            else:
                rect = (r, lo, [values])
                out.append(rect)
                still[lo, hi] = (r, rect)
        open_ = still
    return out


def write_cells(ws, cells: dict[tuple[int, int], object]) -> None:
    """Set `cells` in the open sheet, a rectangle of them in one call (each call through COM costs
    milliseconds: 500 imported orders were 10,000 calls, now one)."""
    for row, col, rows in runs(cells):
        ws.range((row, col)).value = rows if len(rows) > 1 or len(rows[0]) > 1 else rows[0][0]


def _live(v):
    """Values as Excel's object model takes them: dates as datetimes; an amount (a Decimal) as the number a
    file holds, since pywin32 sends a Decimal as a VT_CY, which Excel shows in the PC's currency ($1,474.00
    on a PC set to English) and reads back as a Decimal."""
    import datetime as dt

    if v.__class__ is Decimal:
        return float(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    return v
