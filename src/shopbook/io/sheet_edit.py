"""Writing results back into a shop workbook: set fields shopbook owns on existing rows
(an order's status, its batch), append rows (imported orders, stock movements),
replace sheets shopbook owns (库存汇总). Nothing else in the workbook changes.

Cells are found through the same header matching as reading, so a person's
column order, extra columns and language are respected. A field the sheet lacks
gets a new column at the right end of the header row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries

from ..issues import ShopbookError
from ..schema import SheetModel
from ..workbook_builder import NUMBER_FORMATS, _cell_value
from .cells import put
from .files import check_writable, write_atomic
from .reader import HEADER_SCAN_ROWS, find_header, match_sheet_name


# How an operation writes its results: edit_workbook (a file) or, from an Excel
# button, the same edits made to the open book (shopbook.xl.live.apply_edits_live).
Writer = Callable[..., Path]


@dataclass
class SheetEdit:
    model: type[SheetModel]
    set_cells: dict[int, dict[str, object]] = field(default_factory=dict)  # Excel row → {field: value}
    append: list[SheetModel] = field(default_factory=list)


@dataclass
class OwnSheet:
    """A sheet shopbook owns outright: replaced whole on every run."""

    title: str
    rows: list[list]  # header first
    widths: list[float] = field(default_factory=list)
    number_formats: dict[int, str] = field(default_factory=dict)  # 0-based column → format


def _header_layout(ws, model: type[SheetModel]) -> tuple[int, dict[str, int]]:
    top = [[c.value if c.value is not None else "" for c in row]
           for row in ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS)]
    r, found, _ = find_header(top, model)
    if not found:
        raise ShopbookError(f"工作表“{ws.title}”找不到表头，无法写入。", f"No header row on sheet '{ws.title}': cannot write.")
    return r + 1, {name: c + 1 for name, c in found.items()}


def _last_data_row(ws, header_row: int, cols: list[int]) -> int:
    last = header_row
    for r in range(ws.max_row, header_row, -1):
        if any(ws.cell(row=r, column=c).value not in (None, "") for c in cols):
            last = r
            break
    return last


def _apply(ws, edit: SheetEdit, lang: str) -> None:
    model = edit.model
    header_row, colmap = _header_layout(ws, model)
    wanted = {f for cells in edit.set_cells.values() for f in cells} | (
        {c.name for c in model.columns()} if edit.append else set())
    next_col = max([c.column for c in ws[header_row] if c.value not in (None, "")] or [0]) + 1
    template = ws.cell(row=header_row, column=max(colmap.values(), default=1))
    for c in model.columns():
        if c.name in wanted and c.name not in colmap:
            cell = put(ws, header_row, next_col, c.header(lang))
            cell.font, cell.fill = template.font.copy(), template.fill.copy()
            ws.column_dimensions[get_column_letter(next_col)].width = c.col.width or 12
            colmap[c.name] = next_col
            next_col += 1
    columns = {c.name: c for c in model.columns()}
    for row, cells in edit.set_cells.items():
        for name, value in cells.items():
            put(ws, row, colmap[name], _cell_value(columns[name], value, lang))
    if edit.append:
        r = _last_data_row(ws, header_row, list(colmap.values()))
        for rec in edit.append:
            r += 1
            for name, j in colmap.items():
                v = getattr(rec, name, None)
                cell = put(ws, r, j, _cell_value(columns[name], v, lang))
                fmt = NUMBER_FORMATS.get(columns[name].kind)
                if fmt:
                    cell.number_format = fmt
    # grow the person's table (if the header sits in one) to cover the new rows and columns
    last_row = _last_data_row(ws, header_row, list(colmap.values()))
    last_col = max(colmap.values())
    for t in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(t.ref)
        if min_row == header_row:
            new_ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max(max_col, last_col))}" \
                      f"{max(max_row, last_row)}"
            if new_ref != t.ref:
                t.ref = new_ref
                if t.autoFilter is not None:
                    t.autoFilter.ref = new_ref
                t.tableColumns = []  # openpyxl rebuilds the column list from the header on save
                t._initialise_columns()
                for tc, c in zip(t.tableColumns, range(min_col, max(max_col, last_col) + 1)):
                    tc.name = str(ws.cell(row=header_row, column=c).value or f"Column{c}")


def write_own_sheet(wb, own: OwnSheet, before: str | None = None) -> None:
    if own.title in wb.sheetnames:
        del wb[own.title]
    ws = wb.create_sheet(own.title)
    for r, row in enumerate(own.rows, start=1):
        for j, v in enumerate(row, start=1):
            cell = put(ws, r, j, v)
            if r == 1:
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="1F4E78")
            elif j - 1 in own.number_formats:
                cell.number_format = own.number_formats[j - 1]
    for j, w in enumerate(own.widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A2"


def edit_workbook(path: Path, edits: list[SheetEdit] = (), own_sheets: list[OwnSheet] = (), lang: str = "zh") -> Path:
    """Apply edits atomically (the previous version goes to .shopbook-backup/)."""
    path = Path(path)
    check_writable(path)
    keep_vba = path.suffix.lower() in (".xlsm", ".xlam")
    wb = load_workbook(path, keep_vba=keep_vba, keep_links=True, rich_text=True)
    for edit in edits:
        name = match_sheet_name(wb.sheetnames, edit.model)
        if name is None:
            raise ShopbookError(f"缺少工作表“{edit.model.zh}”，无法写入。",
                                f"The sheet '{edit.model.en}' is missing: cannot write.", path)
        _apply(wb[name], edit, lang)
    for own in own_sheets:
        write_own_sheet(wb, own)
    return write_atomic(path, lambda p: wb.save(p))
