"""Writing results back into a shop workbook: set fields shopbook owns on existing rows
(an order's status, its batch), append rows (imported orders, stock movements),
replace sheets shopbook owns (库存汇总). Nothing else in the workbook changes.

Cells are found through the same header matching as reading, so a person's
column order, extra columns and language are respected. A field the sheet lacks
gets a new column right of the last column any cell of the sheet uses (header or
data), so a column a person filled without a header is never written over.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import python_calamine as pc

from ..issues import Issue, ShopbookError, col_letter
from ..schema import SheetModel
from ..schema.base import SET_EXTRA, SET_FIELDS_SET, SET_PRIVATE
from ..values import cell_value as _cell_value
from . import files, journal
from .files import check_writable, write_atomic
from .reader import carry_over, find_header, match_sheet_name, match_sheets_by_headers
from .xlsx_patch import ColumnRows, NewSheet, SheetPatch, patch_workbook  # noqa: F401  (NewSheet: for callers)


# How an operation writes its results: edit_workbook (a file) or, from an Excel
# button, the same edits made to the open book (shopbook.xl.live.apply_edits_live).
# A writer may carry `check(path)`: whether it can write there (edit_workbook: the file
# is not open elsewhere); an operation writing several files asks before writing any.
Writer = Callable[..., Path]


def ensure_writable(write: Writer, *paths: Path) -> None:
    """Stop before anything is written if one of `paths` cannot be (a workbook open in
    Excel): otherwise a pick list would be printed for orders never marked, or stock
    posted for parcels whose orders stay unshipped."""
    check = getattr(write, "check", check_writable)
    for p in paths:
        check(Path(p))


def formula_rows(write: Writer, path: Path, sd, name: str, rows) -> set[int]:
    """Of `rows`, those whose cell of field `name` on sheet `sd` (the read's SheetData) holds a
    formula: a person's, which a command filling that field in leaves as it is. Asked of the sheet
    `write` will write: the open book's (a writer's `formulas`, xl.live.formula_rows), else the
    file's XML. Nothing is looked at where the read found no formula anywhere in the sheet (most
    sheets: SheetData.formulas), nor for a column the sheet lacks."""
    if sd.formulas is False or not rows or name not in sd.columns:
        return set()
    if sd.parts:  # a sheet a year read as one (reader._joined): each row looked at on its own sheet
        from .reader import ROW_SPAN

        return {r + k * ROW_SPAN for k, p in enumerate(sd.parts)
                for r in formula_rows(write, path, p, name, [r % ROW_SPAN for r in rows if r // ROW_SPAN == k])}
    find = getattr(write, "formulas", None)
    return (find or formula_rows_in_file)(path, sd, name, rows)


def formula_rows_in_file(path: Path, sd, name: str, rows) -> set[int]:
    """formula_rows in the workbook file at `path` as this job's write will patch it: the XML the
    read begun early kept for the patch, where it did (io/prefetch), else unpacked."""
    import zipfile

    from . import limits, prefetch
    from .sheet_xml import formula_rows as in_xml, sheet_parts

    job = journal.current()
    src = job.source(path) if job else Path(path)
    with zipfile.ZipFile(src) as z:
        part = sheet_parts(z).get(sd.sheet)
        if part is None or part not in z.namelist():
            return set()
        data = prefetch.peek_xml(src, part) or limits.read_member(z, part, src)
    return in_xml(data, sd.columns[name], set(rows))


@dataclass
class SheetEdit:
    model: type[SheetModel]
    set_cells: dict[int, dict[str, object]] = field(default_factory=dict)  # Excel row → {field: value}
    append: list[SheetModel] = field(default_factory=list)
    # where the columns are, from the read that preceded this edit (SheetData): saves reading again
    layout: object = None


def _layout(path: Path, wb, names: list[str], model: type[SheetModel]) -> tuple[str, int, dict[str, int], int]:
    """(sheet name, header row, field → column, next free column) by reading the sheet."""
    name = match_sheet_name(names, model)
    if name is None:  # renamed (出入库记录): the sheet the reader reads for it
        name = next(iter(match_sheets_by_headers(
            names, model, lambda n: wb().get_sheet_by_name(n).to_python(skip_empty_area=False))), None)
    if name is None:
        raise ShopbookError(f"缺少工作表“{model.zh}”，无法写入。", f"The sheet '{model.en}' is missing: cannot write.", path)
    rows = wb().get_sheet_by_name(name).to_python(skip_empty_area=False)
    r, found, _ = find_header(rows, model)
    if not found:
        raise ShopbookError(f"工作表“{name}”找不到表头，无法写入。", f"No header row on sheet '{name}': cannot write.", path)
    # right of every column any cell uses (calamine's rows end at the last cell with a value),
    # not just the header's: a person's column with no header above it is never written over
    width = max(map(len, rows), default=0)
    return name, r + 1, {f: c + 1 for f, c in found.items()}, max(width, *(c + 1 for c in found.values())) + 1


def _field_values(records: list, name: str) -> list:
    """Field `name` of every record (None where one lacks it): read from the records' own
    attributes, where a column's fields are, cheaper than getattr (a month's import appends
    20,000 rows of 30 columns: _plan 0.16 → 0.10 s)."""
    try:
        return [r.__dict__[name] for r in records]
    except (AttributeError, KeyError):  # a record of another kind: asked as an attribute
        return [getattr(r, name, None) for r in records]


_TEXT_OR_NONE = {str, type(None)}


def _column_cells(col, values: list, lang: str) -> list:
    """The cell values of one column's appended rows (None: no cell), each distinct value made
    once (a month's 22,000 rows repeat their statuses, prices and dates)."""
    as_is = str if col.choice is None else None  # text is its own cell value
    if as_is is str and set(map(type, values)) <= _TEXT_OR_NONE:
        return values  # (names, addresses, order numbers: the column as it is)
    out, made = [], {}
    for v in values:
        if v is not None and v.__class__ is not as_is:
            cls = v.__class__
            try:
                c = made.get((cls, v))
                if c is None:
                    c = made[cls, v] = _cell_value(col, v, lang)
            except TypeError:  # a value that cannot be a key: made each time
                c = _cell_value(col, v, lang)
            v = c
        out.append(v)
    return out


def _plan(path: Path, edits: list[SheetEdit], lang: str):
    """Where every edit lands: cells by (row, column), found through the header (from the
    layout the caller read, when it gives one), and rows to append below the last filled row."""
    opened = []

    def wb():
        if not opened:
            opened.append(pc.CalamineWorkbook.from_path(str(path)))
        return opened[0]

    try:
        patches, header_rows, new_headers = [], {}, {}
        for edit in edits:
            model, sd = edit.model, edit.layout
            if sd is not None and sd.present and sd.header_row and sd.columns:
                name, header_row = sd.sheet, sd.header_row
                colmap = {f: c + 1 for f, c in sd.columns.items()}
                # sd.width: the columns any cell of the sheet used when it was read (see _layout)
                next_col = max(sd.width, *colmap.values()) + 1
            else:
                name, header_row, colmap, next_col = _layout(path, wb, wb().sheet_names, model)
            rows: dict[int, dict[int, object]] = {}
            added: dict[int, str] = {}
            columns = {c.name: c for c in model.columns()}
            wanted = {f for cs in edit.set_cells.values() for f in cs} | (set(columns) if edit.append else set())
            for c in model.columns():
                if c.name in wanted and c.name not in colmap:
                    rows.setdefault(header_row, {})[next_col] = added[next_col] = c.header(lang)
                    colmap[c.name] = next_col
                    next_col += 1
            same: dict = {}  # (field, class, value) → its cell value: a re-import sets 已发货 on 20k rows
            alike: dict = {}  # a row's (field, value) pairs → its cells: the review's 已审核 通过 on most rows

            def cells_of(values: dict) -> dict[int, object]:
                out = {}
                for f, v in values.items():
                    try:
                        c = same.get((f, v.__class__, v))
                        if c is None:
                            c = same[f, v.__class__, v] = _cell_value(columns[f], v, lang)
                    except TypeError:  # a value that cannot be a key: made each time
                        c = _cell_value(columns[f], v, lang)
                    out[colmap[f]] = c
                return out

            shared: dict[int, dict] = {}  # id of a row's values (alive in edit.set_cells) → their cells
            for row, values in edit.set_cells.items():
                if row == header_row:  # (a header made above and a cell of that row: one dict)
                    rows[row] = {**rows.get(row, {}), **cells_of(values)}
                    continue
                was = shared.get(id(values))  # rows given one dict: looked at once
                if was is not None:
                    rows[row] = was
                    continue
                try:  # (1, 1.0 and True are equal: the classes tell them apart, as in `same`)
                    key = (tuple(values.items()), tuple(map(type, values.values())))
                    got = alike.get(key)
                    if got is None:
                        got = alike[key] = cells_of(values)
                except TypeError:  # (a value that cannot be a key)
                    got = cells_of(values)
                rows[row] = got
                shared[id(values)] = got
            by_col: dict[int, list] = {}
            for f, j in colmap.items():  # a column at a time: its values repeat (statuses, prices, dates)
                out = _column_cells(columns[f], _field_values(edit.append, f), lang) if edit.append else []
                if out.count(None) < len(out):  # (a column no row fills gets no cells)
                    by_col[j] = out
            patches.append(SheetPatch(name, append=ColumnRows(by_col, len(edit.append), _formats(colmap, columns)),
                                      header_row=header_row, rows=rows))
            header_rows[name] = header_row
            new_headers[name] = added
        return patches, header_rows, new_headers
    finally:
        for w in opened:
            w.close()


def edit_workbook(path: Path, edits: list[SheetEdit] = (), own_sheets: list[NewSheet] = (), lang: str = "zh"
                  ) -> Path:
    """Apply edits atomically; the previous version goes to .shopbook-backup/. Cell
    edits are made in the XML (fast, and nothing else in the file changes); sheets
    shopbook owns outright are rebuilt with openpyxl."""
    return _edit_workbook(path, edits, own_sheets, lang)


def _edit_workbook(path: Path, edits: list[SheetEdit], own_sheets: list[NewSheet], lang: str,
                   amended: bool = False, split: bool = False) -> Path:
    """edit_workbook; `amended`: the reads cached for the file already hold the edits
    (WriteOnce amended them as it kept them), so they are carried over as they are. `split`: the
    edits of a sheet a year, split between its sheets (_to_parts): no read is carried over (the
    next one reads the file, and keeps that read, io.cache)."""
    path = Path(path)
    check_writable(path)
    edits = list(edits)
    if any(getattr(e.layout, "parts", None) for e in edits):  # (a sheet a year: rows split between them)
        return _edit_workbook(path, _to_parts(edits), own_sheets, lang, amended=amended, split=True)
    before = path.stat()
    job = journal.current()
    src = job.source(path) if job else path  # written already in this job: edit what it wrote
    # a save another program begins after the checks cuts what the patch reads: not "damaged"
    with files.told_apart(path, (before.st_size, before.st_mtime_ns)):
        ahead = _sheets_ahead(src, edits)
        try:
            patches, header_rows, new_headers = _plan(src, edits, lang) if edits else ([], {}, {})
        finally:
            sheet_xml = ahead.result() if ahead is not None else None
        done = write_atomic(path, lambda out: patch_workbook(src, out, patches, header_rows, new_headers,
                                                             list(own_sheets), sheet_xml))
    below_totals(path, edits)
    # (a sheet of shopbook's own replaced: what was read no longer says what the workbook holds)
    if edits and src == path and not own_sheets and not split:
        if any(e.append for e in edits):
            added = {e.model: new_headers.get(p.sheet, {}) for e, p in zip(edits, patches)}
            journal.after_commit(lambda: _carry_appended(path, before, edits, lang, added))
        elif not any(new_headers.values()):
            # cells changed, nothing moved: what was read stays valid once the same cells change in it
            # (once the file is in place: a job replaces its files at its end)
            update = (lambda wd: wd) if amended else (lambda wd: _with_cells_set(wd, edits, lang))
            journal.after_commit(lambda: _paused(carry_over, path, before, update, lambda wd: _exactly(wd, edits)))
    return done


def _to_parts(edits: list[SheetEdit]) -> list[SheetEdit]:
    """Edits of a kind read from a sheet a year (reader._joined: 2026流水 and 2027流水) as edits of each
    sheet: a cell set on the row it was read from (k * ROW_SPAN + r: row r of part k), a row appended
    to the sheet of its date's year (month), else to the one written to first (reader.part_for)."""
    from .reader import ROW_SPAN, part_for

    out = []
    for e in edits:
        parts = getattr(e.layout, "parts", None)
        if not parts:
            out.append(e)
            continue
        by = {id(p): SheetEdit(e.model, layout=p) for p in parts}
        for row, cells in e.set_cells.items():
            by[id(parts[row // ROW_SPAN])].set_cells[row % ROW_SPAN] = cells
        for rec in e.append:
            by[id(part_for(e.layout, rec))].append.append(rec)
        out += [x for x in by.values() if x.set_cells or x.append]
    return out


def _formats(colmap: dict[str, int], columns: dict) -> dict[int, str]:
    """Each number column's declared format (workbook_builder's, as the templates show it), by column."""
    from ..schema.base import NUMBER_FORMATS, Kind  # (not workbook_builder's import: openpyxl, 0.25 s)

    numbers = (Kind.MONEY, Kind.PERCENT, Kind.INT, Kind.DECIMAL)
    return {j: NUMBER_FORMATS[columns[f].kind] for f, j in colmap.items() if f in columns and columns[f].kind in numbers}


def below_totals(path: Path, edits: list[SheetEdit]) -> None:
    """Rows appended below a person's totals row (合计 at the sheet's foot, which the reader skips)
    are outside its sums: said, where it is and what to do. Moving the row, and rewriting its
    formulas and whatever refers to it, is the person's to do. (A button's live edits say it too.)"""
    from .limits import writer_says
    from .reader import trailing_totals_row

    said = []
    for e in edits:
        sd = e.layout
        r = trailing_totals_row(sd) if e.append and sd is not None and sd.present else None
        if r is not None:
            n = len(e.append)
            said.append(Issue("warning", f"新的 {n} 行写在了合计行（第 {r} 行）下面，它的合计不包括这些行：请把合计行移到"
                                         "最后一行下面，或把它的公式范围改到新的最后一行。",
                              f"The {n} new row{'s' if n != 1 else ''} went below the totals row (row {r}), whose totals "
                              "do not include them: move the totals row below the last row, or extend its formulas to "
                              "the new last row.", book=Path(path).name, sheet=sd.sheet, cell=f"A{r}", row=r))
    writer_says(said)


AHEAD_BYTES = 1 << 20  # a workbook file this big or more has its edited sheets read beside the plan


def _sheets_ahead(src: Path, edits: list[SheetEdit]):
    """The XML of the sheets the edits name (from the read before them), unzipped on another
    thread while _plan works out the cells (zlib lets go of the GIL): a year's orders sheet is
    70 MB to inflate, 0.06–0.09 s the write no longer waits for. None for a small file, an edit
    with no layout, or where there are no threads."""
    from .background import CAN_THREAD, beside

    names = {e.layout.sheet for e in edits if getattr(e.layout, "present", False)}
    if not names or not CAN_THREAD or os.stat(src).st_size < AHEAD_BYTES:
        return None
    return beside(_sheet_xml, src, names)


def _sheet_xml(src: Path, names: set[str]) -> dict[str, bytes]:
    """Part → XML of the named sheets (none where anything is amiss: the patch reads for itself);
    a sheet the read begun early unpacked, of this very version, is not unpacked again."""
    import zipfile

    from . import prefetch
    from .reader import sheet_parts
    from .xlsx_patch import streams

    try:
        with zipfile.ZipFile(src) as z:
            parts = sheet_parts(z)
            # (a sheet patched as it is unpacked is not read whole here: holding it whole is what that spares)
            return {parts[n]: prefetch.kept_xml(src, parts[n]) or z.read(parts[n])
                    for n in names if n in parts and not streams(z.getinfo(parts[n]))}
    except Exception:  # noqa: BLE001 - the patch opens the file again and says what is wrong with it
        return {}


def _paused(fn, *args):
    """fn(*args) with the collector paused, as the command's own work is: a carry runs after the
    job's commit, outside the command's pause, and makes a record per row it changes."""
    from .reader import gc_paused

    with gc_paused():
        return fn(*args)


edit_workbook.check = check_writable


def _exactly(wd, edits: list[SheetEdit]) -> bool:
    """Whether _with_cells_set gives what a read of the written file gives: every cell set is
    in a column the sheet has, on a row read as a record, with no issue or note on that row."""
    for e in edits:
        sd = wd.sheets.get(e.model)
        if sd is None:
            return False
        rows = set(e.set_cells)
        if rows - {r.row for r in sd.records} or any(i.row in rows for i in (*sd.issues, *sd.notes)):
            return False
        if any(f not in sd.columns for cells in e.set_cells.values() for f in cells):
            return False
    return True


def _carry_appended(path: Path, before, edits: list[SheetEdit], lang: str, added: dict) -> None:
    """Rows appended (an import's order lines, stock movements, ledger lines), once the file is
    in place: the reads cached for the version written over become reads of the new one, and are
    kept in the parsed-sheet cache, but only where that is proven to be what a read of the new
    file gives. The appended rows are read back from the new file itself (their XML, through
    calamine and the reader's own parse), and the write must have put them right below the last
    row the read saw. Anything not proven: the read is dropped and the next one reads the file.
    `added`: model → {column: header} of the columns the write added to its sheet (a field the
    sheet lacked: an older template's orders sheet without 客服 and 打包员)."""
    from .reader import caching, carry_over

    if not caching():
        return
    try:
        st = path.stat()
    except OSError:
        return
    fp = files._seen.get(os.path.realpath(path))
    if fp is None or (fp.size, fp.mtime_ns) != (st.st_size, st.st_mtime_ns):
        return  # not the version this write left: nothing is carried (the reads are of an older one)
    appends = [e for e in edits if e.append]
    if len({e.model for e in appends}) != len(appends) or any(added[e.model] for e in edits if not e.append):
        return
    setter = _cells_setter(edits, lang) if any(e.set_cells for e in edits) else None
    read_back: dict[tuple, object] = {}  # (sheet, last row) → the appended rows' records, or None
    new_file = _NewFile(path)

    def appended(sd, e: SheetEdit):
        base = _below_which(sd)
        if base is None:
            return None
        key = (sd.sheet, base, tuple(sorted(sd.columns.items())), sd.width)
        if key not in read_back:
            try:
                read_back[key] = _read_appended(new_file, sd, base, len(e.append))
            except Exception:  # noqa: BLE001 - what cannot be proven is not carried (the next read reads it)
                read_back[key] = None
        return read_back[key]

    widened_memo: dict[int, object] = {}

    def widened(wd):
        """wd with the columns the write added in its sheets' layouts (None: not proven)."""
        if id(wd) not in widened_memo:
            sheets = dict(wd.sheets)
            for e in appends:
                sd = sheets.get(e.model)
                if sd is not None and added[e.model]:
                    try:
                        sheets[e.model] = _widened(new_file, sd, added[e.model])
                    except Exception:  # noqa: BLE001 - not proven: not carried
                        sheets[e.model] = None
                    if sheets[e.model] is None:
                        widened_memo[id(wd)] = (wd, None)
                        break
            else:
                widened_memo[id(wd)] = (wd, replace(wd, sheets=sheets))
        return widened_memo[id(wd)][1]

    def exact(was) -> bool:
        wd = widened(was)
        if wd is None or not _exactly(wd, [e for e in edits if e.set_cells]):
            return False
        for e in appends:
            sd = wd.sheets.get(e.model)
            if sd is None:  # a read of other sheets: the rows appended are not in it
                continue
            layout = e.layout
            if layout is not None and (layout.sheet, layout.header_row, layout.columns) != (
                    sd.sheet, sd.header_row, {f: c for f, c in sd.columns.items() if f in layout.columns}):
                return False  # written through another layout than this read's
            if appended(sd, e) is None:
                return False
        return True

    def update(was):
        wd = widened(was)
        if setter is not None:
            wd = setter(wd)
        sheets = dict(wd.sheets)
        for e in appends:
            sd = sheets.get(e.model)
            if sd is not None:
                sheets[e.model] = replace(sd, records=sd.records + appended(sd, e))
        return replace(wd, sheets=sheets)

    _paused(carry_over, path, before, update, exact, True)


class _NewFile:
    """The parts of the workbook a write left that the proofs look at, each read once."""

    def __init__(self, path: Path):
        self.path = path
        self._xml: dict[str, bytes | None] = {}
        self._parts: dict | None = None

    def part(self, name: str) -> bytes:
        import zipfile

        from . import limits

        with zipfile.ZipFile(self.path) as z:
            return limits.read_member(z, name, self.path)

    def sheet_xml(self, sheet: str) -> bytes | None:
        if sheet not in self._xml:
            import zipfile

            from .reader import sheet_parts

            if self._parts is None:
                with zipfile.ZipFile(self.path) as z:
                    self._parts = sheet_parts(z)
            part = self._parts.get(sheet)
            self._xml[sheet] = self.part(part) if part else None
        return self._xml[sheet]


def _widened(new_file: _NewFile, sd, added: dict[int, str]):
    """The sheet as a read of the new file finds it once the write added header cells `added`
    ({1-based column: header text}) right of every column it used: those fields in its layout,
    blank (None) in every record. None when not proven: a header text that would not be found
    as a column of its own, a column within the sheet's reach, unreadable rows (made otherwise),
    or the header cells not in the new file's header row where they were meant to go."""
    import re

    from .reader import _header_index, header_key
    from .xlsx_patch import _xml_text

    if sd.unreadable or not sd.present or not sd.header_row or min(added) <= sd.width:
        return None
    index = _header_index(sd.model)
    new_cols, new_heads = {}, {}
    for col, text in sorted(added.items()):
        c = index.get(header_key(text)) if isinstance(text, str) and text.strip() else None
        if c is None or c.name in sd.columns or c.name in new_cols:
            return None
        new_cols[c.name], new_heads[c.name] = col - 1, text.strip()
    xml = new_file.sheet_xml(sd.sheet) or b""
    # the header row's tag and its cells at those columns, written as inline strings
    at = xml.find(b'<row r="%d"' % sd.header_row)
    end = xml.find(b"</row>", at) if at >= 0 else -1
    row = xml[at:end] if end > at else b""
    for col, text in added.items():
        ref = b'<c r="%s%d"' % (col_letter(col - 1).encode(), sd.header_row)
        cell = row[row.find(ref):] if ref in row else b""
        m = re.match(rb'<c r="[A-Z]+\d+"(?: s="\d+")? t="inlineStr"><is><t xml:space="preserve">([^<]*)</t>', cell)
        if m is None or m.group(1) != _xml_text(text).encode("utf-8"):
            return None
    if all(sd.model.model_fields[f].default is None for f in new_cols) and all(
            r.__dict__.get(f, 0) is None for r in sd.records[:1] for f in new_cols):
        records = _with_fields_set(sd.records, new_cols)
    else:
        records = [_copy_with(r, dict.fromkeys(new_cols)) for r in sd.records]
    return replace(sd, columns={**sd.columns, **new_cols}, headers={**sd.headers, **new_heads},
                   width=max(sd.width, max(added)), records=records)


def _below_which(sd) -> int | None:
    """The row appended rows go below, as the read saw the sheet: its last record's (or the
    header's). None where an append may read otherwise than as rows of their own: a totals row
    or another note, a row or issue below the last record, an issue of the whole sheet (a
    renamed sheet, stray far cells, a missing column), a header an appended row could compete
    with (within the first rows the header is looked for in), columns past ZZ."""
    from .reader import HEADER_SCAN_ROWS

    if not sd.present or not sd.header_row or sd.notes or sd.width > 702:
        return None
    base = max(sd.header_row, sd.records[-1].row if sd.records else 0)
    if any(r.row > base for r in sd.unreadable) or any(not i.row or i.row > base for i in sd.issues):
        return None
    if any(i.severity != "error" for i in sd.issues):  # warnings may be of the whole sheet's XML
        return None
    return base if base >= HEADER_SCAN_ROWS else None


def _read_appended(new_file: _NewFile, sd, base: int, n: int) -> list | None:
    """The records a read of the workbook now at `path` gives for the `n` rows appended to the
    sheet `sd` was read from, when it is proven that they went right below row `base` (see
    _carry_appended); None otherwise. Proven on the new file's sheet XML: every row tag is
    `<row r="N"` with N strictly ascending (no namespace prefix) and the last n rows are
    base+1 … base+n, so every other row is one the read saw, unchanged in number. Those n rows'
    XML, with the workbook's styles and date system, are then read by calamine and parsed by the
    reader's parse_rows as rows base+1 …: each must be a record (no issue, blank or totals row),
    within the columns the read saw, and hold nothing the reader's checks of the whole sheet
    would take differently (far cells, NaN, error values, text an .xlsx cannot hold)."""
    import re
    import zipfile

    from .. import values as V
    from . import limits
    from .reader import _DATE_1904, SheetData, parse_rows, sheet_parts

    xml = new_file.sheet_xml(sd.sheet)
    if xml is None:
        return None
    m = re.search(rb"<(\w+:)?sheetData\b[^>]*?(/>|>)", xml)
    if m is None or m.group(1) or m.group(2) == b"/>":
        return None
    end = xml.find(b"</sheetData>", m.end())
    if end < 0:
        return None
    if xml.find(b":row", m.end(), end) >= 0 or xml.find(b'<row r="', 0, m.end()) >= 0:
        return None
    starts, nums, find, at = [], [], xml.find, m.end()  # every row tag, found without copying the rows
    while (at := find(b'<row r="', at, end)) >= 0:
        starts.append(at)
        q = find(b'"', at + 8, end)
        nums.append(int(xml[at + 8:q]))
        at = q
    if xml.count(b"<row", m.end(), end) != len(nums):
        return None
    if len(nums) < n or nums[-n:] != list(range(base + 1, base + n + 1)) or any(
            a >= b for a, b in zip(nums, nums[1:])):
        return None
    old_rows = len(nums) - n  # the sheet was not one of far rows (io.limits._far_rows) before, nor is now
    if base + n >= 1_000_000 or (base > 10_000 and base > 2 * old_rows + 10_000):
        return None
    tail = xml[starts[-n]:end]
    # what the reader's checks of the whole sheet look for (io.limits; its count of far rows is the one
    # above), none of which the rows above hold or the read would not have been as it is
    if (limits.FAR_CELL(tail) or limits.odd_values(tail)
            or limits.may_hold_not_xml(tail) or limits.ERROR_CELL(tail) or b't="s"' in tail or b"<f" in tail
            or b"<c>" in tail):
        return None
    # the rows alone, under a first cell in column A on row `base` (calamine's rows then start there),
    # in a copy of the package whose other sheets are blank (as io/arrow_read reads a sheet's head)
    sheet = limits.EMPTY_SHEET.replace(b"<sheetData/>", b'<sheetData><row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t>'
                                b"</is></c></row>" % (base, base) + tail + b"</sheetData>")
    with zipfile.ZipFile(new_file.path) as z:
        parts = sheet_parts(z)
        date1904 = bool(_DATE_1904.search(limits.read_member(z, "xl/workbook.xml", new_file.path, head=65_536)))
        blank = {p: limits.EMPTY_SHEET for p in parts.values() if p != parts.get(sd.sheet)}
        wb = pc.CalamineWorkbook.from_filelike(limits.package_with(z, {**blank, parts[sd.sheet]: sheet}))
    try:
        rows = wb.get_sheet_by_name(sd.sheet).to_python(skip_empty_area=True)
    finally:
        wb.close()
    if len(rows) != n + 1 or rows[0][:1] != ["x"] or max(map(len, rows)) > sd.width:
        return None
    got = SheetData(book=sd.book, sheet=sd.sheet, model=sd.model, header_row=base, columns=sd.columns,
                    headers=sd.headers)
    epoch = V.serial_epoch.set(V.EPOCH_1904 if date1904 else V.EXCEL_EPOCH)
    try:
        parse_rows([None] * base + rows[1:], got, {})  # parse_rows reads the rows below the header only
    finally:
        V.serial_epoch.reset(epoch)
    if got.issues or got.notes or got.unreadable or len(got.records) != n:
        return None
    if [r.row for r in got.records] != list(range(base + 1, base + n + 1)):
        return None
    return got.records


def _with_cells_set(wd, edits: list[SheetEdit], lang: str):
    """A read workbook with the edits' cells set in its records (by Excel row), each
    value as a read of the written cell would give it."""
    return _cells_setter(edits, lang)(wd)


def _cells_setter(edits: list[SheetEdit], lang: str):
    """_with_cells_set as a function of the workbook, the values typed once (it is applied
    to every read of the workbook a job holds), when it is first applied."""
    from dataclasses import replace

    from .reader import _fast_parser

    typed_by_model: dict = {}

    def type_all() -> None:
        for e in edits:
            if not e.set_cells:
                continue
            columns = {c.name: c for c in e.model.columns()}
            parsers = {f: _fast_parser(c) for f, c in columns.items()}
            seen: dict = {}  # each value typed once: a pick batch's one name over its 14,000 rows
            alike: dict[int, dict] = {}  # id of a row's values (alive in set_cells) → them typed: an order's rows share one
            typed = typed_by_model.setdefault(e.model, {})
            for row, values in e.set_cells.items():
                have = typed.get(row)
                if have is None and (done := alike.get(id(values))) is not None:
                    typed[row] = done
                    continue
                cells = typed[row] = dict(have) if have is not None else {}  # (an earlier edit's may be shared)
                if have is None:
                    alike[id(values)] = cells
                for f, v in values.items():
                    k = (f, v.__class__, v)  # (1, True and 1.0 are one dict key: the class tells them apart)
                    try:
                        x = seen.get(k, seen)
                    except TypeError:  # a value that cannot be a key
                        x = k = None
                    if x is seen or k is None:
                        x = parsers[f](_cell_value(columns[f], v, lang))
                        if k is not None:
                            seen[k] = x
                    cells[f] = x

    def apply(wd):
        if not typed_by_model:
            type_all()
        sheets = dict(wd.sheets)
        for model, typed in typed_by_model.items():
            sd = sheets.get(model)
            if sd is not None:
                fields_set: dict = {}  # the sets the copies take, one per (set read, cells set): shared
                get = typed.get
                sheets[model] = replace(sd, records=[rec if (cells := get(rec.row)) is None else
                                                     _copy_with(rec, cells, fields_set) for rec in sd.records],
                                        # a cell shopbook set holds what it wrote, no text typed otherwise
                                        typed_as={k: t for k, t in sd.typed_as.items()
                                                  if (set_ := get(k[0])) is None or k[1] not in set_})
        return replace(wd, sheets=sheets)

    return apply


def _with_fields_set(records: list, names) -> list:
    """The records as new objects with `names` among the fields set (one set shared, as a read
    has it), their dicts shared with the old ones: records are read-only once read, and those
    fields already hold what a read gives for a blank cell."""
    if not records:
        return []
    cls = records[0].__class__
    new, setattr_ = cls.__new__, object.__setattr__
    shared: dict[int, set] = {}
    out = []
    for rec in records:
        was = rec.__pydantic_fields_set__
        fields_set = shared.get(id(was))
        if fields_set is None:
            fields_set = shared[id(was)] = was | set(names)
        obj = new(cls)
        setattr_(obj, "__dict__", rec.__dict__)
        SET_FIELDS_SET(obj, fields_set)
        SET_EXTRA(obj, rec.__pydantic_extra__)
        SET_PRIVATE(obj, rec.__pydantic_private__)
        out.append(obj)
    return out


def _copy_with(rec, update: dict, fields_set: dict | None = None):
    """rec.model_copy(update=update) without pydantic's per-call cost (a year's orders: 0.8 s).
    `fields_set`, given, keeps the fields-set each copy takes by the ids of the record's and of
    `update` (both alive while the caller copies): records read together, and rows whose
    cells are set alike, share one."""
    obj = rec.__class__.__new__(rec.__class__)
    d = rec.__dict__.copy()  # (not dict(…): a copy keeps the key table a read's records share)
    d.update(update)
    object.__setattr__(obj, "__dict__", d)
    was = rec.__pydantic_fields_set__
    if fields_set is None:
        now = was | update.keys()
    elif (now := fields_set.get((id(was), id(update)))) is None:
        now = fields_set[id(was), id(update)] = was | update.keys()
    SET_FIELDS_SET(obj, now)
    SET_EXTRA(obj, rec.__pydantic_extra__)
    SET_PRIVATE(obj, rec.__pydantic_private__)
    return obj


class WriteOnce:
    """A writer for a job of several steps (the daily job, the morning orders job) that
    writes each workbook once: the cell edits of every step are kept and written together by
    flush(). Within reader.read_cache, the reads made meanwhile see them already. Appends and
    shopbook's own sheets move rows: they are written at once (after what is kept)."""

    def __init__(self, write: Writer = edit_workbook):
        from .reader import caching

        self.write = write
        self.keep = caching()  # outside read_cache a later read would not see a kept edit: write at once
        self.check = getattr(write, "check", check_writable)
        self.formulas = getattr(write, "formulas", None)  # (formula_rows: the open book's, where it writes one)
        self.pending: dict[Path, tuple[list[SheetEdit], str]] = {}

    def __call__(self, path: Path, edits: list[SheetEdit] = (), own_sheets: list[NewSheet] = (), lang: str = "zh"
                 ) -> Path:
        from .reader import amend_cached

        path, edits = Path(path), list(edits)
        if not self.keep or own_sheets or any(e.append for e in edits):
            self.flush(path)
            return self.write(path, edits, own_sheets, lang=lang)
        self.check(path)
        kept, was = self.pending.setdefault(path, ([], lang))
        if was != lang:
            self.flush(path)
            self.pending[path] = (kept := [], lang)
        kept.extend(edits)
        amend_cached(path, _cells_setter(edits, lang))
        return path

    def kept(self) -> dict:
        """What is kept now, to be put back if a later step fails (put_back)."""
        return {p: (list(edits), lang) for p, (edits, lang) in self.pending.items()}

    def put_back(self, kept: dict) -> None:
        """Keep only `kept` (what kept() gave): a later step's edits, and its write if it made one,
        are dropped. The reads cached meanwhile held those edits: they go, to be read again."""
        from .reader import forget_cached

        for p in set(self.pending) | set(kept):
            forget_cached(p)
        self.pending = {p: (list(edits), lang) for p, (edits, lang) in kept.items()}

    def flush(self, path: Path | None = None) -> list[Path]:
        """Write what is kept (for `path`, or all): one write per workbook."""
        done = []
        for p in [Path(path)] if path is not None else list(self.pending):
            if p in self.pending:
                edits, lang = self.pending.pop(p)
                if self.write is edit_workbook:  # the reads cached meanwhile have these edits already
                    done.append(_edit_workbook(p, _merged(edits), (), lang, amended=True))
                else:
                    done.append(self.write(p, _merged(edits), lang=lang))
        return done


def _merged(edits: list[SheetEdit]) -> list[SheetEdit]:
    """One edit per sheet: the cells each step set, a later step's value winning. Rows whose
    cells were set alike in every step share their merged cells (one dict for the morning's
    17k rows of 已审核 通过 and a batch), which the plan and the patch then take once."""
    out: dict[type, SheetEdit] = {}
    for e in edits:
        m = out.setdefault(e.model, SheetEdit(e.model, layout=e.layout))
        joined: dict[tuple[int, int], tuple] = {}  # ids of (the row's cells so far, this step's) → (them, the union)
        for row, cells in e.set_cells.items():
            was = m.set_cells.get(row)
            got = joined.get((id(was), id(cells)))
            if got is None or got[0] is not was or got[1] is not cells:  # (an id is only its object's while it lives)
                got = joined[id(was), id(cells)] = (was, cells, {**was, **cells} if was is not None else dict(cells))
            m.set_cells[row] = got[2]
    return list(out.values())
