"""Writing results back into a shop workbook: set fields shopbook owns on existing rows
(an order's status, its batch), append rows (imported orders, stock movements),
replace sheets shopbook owns (库存汇总). Nothing else in the workbook changes.

Cells are found through the same header matching as reading, so a person's
column order, extra columns and language are respected. A field the sheet lacks
gets a new column right of the last column any cell of the sheet uses (header or
data), so a column a person filled without a header is never written over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from ..issues import ShopbookError
from ..schema import SheetModel
from ..values import cell_value as _cell_value
from . import journal
from .files import check_writable, write_atomic
from .reader import carry_over, find_header, match_sheet_name, match_sheets_by_headers
from .xlsx_patch import NewSheet, SheetPatch, patch_workbook  # noqa: F401  (NewSheet: for callers)


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
            cells: dict[tuple[int, int], object] = {}
            added: dict[int, str] = {}
            columns = {c.name: c for c in model.columns()}
            wanted = {f for cs in edit.set_cells.values() for f in cs} | (set(columns) if edit.append else set())
            for c in model.columns():
                if c.name in wanted and c.name not in colmap:
                    cells[(header_row, next_col)] = added[next_col] = c.header(lang)
                    colmap[c.name] = next_col
                    next_col += 1
            for row, values in edit.set_cells.items():
                for f, v in values.items():
                    cells[(row, colmap[f])] = _cell_value(columns[f], v, lang)
            append = []
            for rec in edit.append:
                row = {}
                for f, j in colmap.items():
                    v = _cell_value(columns[f], getattr(rec, f, None), lang)
                    if v is not None:
                        row[j] = v
                append.append(row)
            patches.append(SheetPatch(name, cells, append, header_row))
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
                   amended: bool = False) -> Path:
    """edit_workbook; `amended`: the reads cached for the file already hold the edits
    (WriteOnce amended them as it kept them), so they are carried over as they are."""
    path = Path(path)
    check_writable(path)
    edits = list(edits)
    before = path.stat()
    job = journal.current()
    src = job.source(path) if job else path  # written already in this job: edit what it wrote
    patches, header_rows, new_headers = _plan(src, edits, lang) if edits else ([], {}, {})
    done = write_atomic(path, lambda out: patch_workbook(src, out, patches, header_rows, new_headers,
                                                         list(own_sheets)))
    if edits and src == path and not any(e.append for e in edits) and not any(new_headers.values()):
        # cells changed, nothing moved: what was read stays valid once the same cells change in it
        # (once the file is in place: a job replaces its files at its end)
        update = (lambda wd: wd) if amended else (lambda wd: _with_cells_set(wd, edits, lang))
        journal.after_commit(lambda: carry_over(path, before, update, lambda wd: _exactly(wd, edits)))
    return done


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


def _with_cells_set(wd, edits: list[SheetEdit], lang: str):
    """A read workbook with the edits' cells set in its records (by Excel row), each
    value as a read of the written cell would give it."""
    return _cells_setter(edits, lang)(wd)


def _cells_setter(edits: list[SheetEdit], lang: str):
    """_with_cells_set as a function of the workbook, the values typed once (it is applied
    to every read of the workbook a job holds)."""
    from dataclasses import replace

    from .reader import _fast_parser

    typed_by_model = {}
    for e in edits:
        if not e.set_cells:
            continue
        columns = {c.name: c for c in e.model.columns()}
        parsers = {f: _fast_parser(c) for f, c in columns.items()}
        typed = typed_by_model.setdefault(e.model, {})
        for row, values in e.set_cells.items():
            typed.setdefault(row, {}).update({f: parsers[f](_cell_value(columns[f], v, lang)) for f, v in values.items()})

    def apply(wd):
        sheets = dict(wd.sheets)
        for model, typed in typed_by_model.items():
            sd = sheets.get(model)
            if sd is not None:
                sheets[model] = replace(sd, records=[_copy_with(rec, typed[rec.row]) if rec.row in typed else rec
                                                     for rec in sd.records])
        return replace(wd, sheets=sheets)

    return apply


def _copy_with(rec, update: dict):
    """rec.model_copy(update=update) without pydantic's per-call cost (a year's orders: 0.8 s)."""
    obj = rec.__class__.__new__(rec.__class__)
    d = dict(rec.__dict__)
    d.update(update)
    object.__setattr__(obj, "__dict__", d)
    object.__setattr__(obj, "__pydantic_fields_set__", rec.__pydantic_fields_set__ | update.keys())
    object.__setattr__(obj, "__pydantic_extra__", rec.__pydantic_extra__)
    object.__setattr__(obj, "__pydantic_private__", rec.__pydantic_private__)
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
    """One edit per sheet: the cells each step set, a later step's value winning."""
    out: dict[type, SheetEdit] = {}
    for e in edits:
        m = out.setdefault(e.model, SheetEdit(e.model, layout=e.layout))
        for row, cells in e.set_cells.items():
            m.set_cells.setdefault(row, {}).update(cells)
    return list(out.values())
