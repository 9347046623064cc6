"""An in-memory stand-in for the part of xlwings' Book/Sheet/Range API shopbook uses.

Excel cannot run on Linux, so the live-book layer (shopbook.xl) is tested against
this. It keeps xlwings' conventions that matter: values come back as a 2-D list
from A1 with None for blanks, errors as '#REF!' strings only with err_to_str,
dates as datetime; text set with a leading apostrophe is stored without it (as
Excel does); a string starting with '=' is stored as a formula and one that looks
like a number as a number of 15 digits (as Excel does); rows of unequal length are
refused (as xlwings does). A formula the file holds is kept with its cached value:
`value` gives the value, `formula` the formula (a cell without one: its value as text),
a value set over it replaces it, and Save keeps it (as Excel does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter
from xlwings.conversion import _check_not_jagged

from xml_cells import ERRORS, has_formulas, set_cells

NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def excel_number(text: str) -> float:
    """What Excel makes of text typed (or set through Range.Value) that looks like a number:
    a number of 15 significant digits at most, the rest zeros (xlwings issues #1269, #2248)."""
    from decimal import ROUND_DOWN, Decimal

    d = Decimal(text.strip())
    digits = len(d.as_tuple().digits)
    if digits > 15:
        d = d.scaleb(-(digits - 15)).to_integral_value(rounding=ROUND_DOWN).scaleb(digits - 15)
    return float(d)


def parse_ref(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref)
    return int(m.group(2)), column_index_from_string(m.group(1))


class FakeApp:
    """Excel's Application: its status bar, message boxes, ScreenUpdating and Calculation (as xlwings
    names them), and every Range.Value set through it (`writes`: the sheet, the top-left cell, how
    many cells, and ScreenUpdating and Calculation as they were then), one COM call each in Excel."""

    def __init__(self):
        self.status_bar: str | bool = False
        self.status_history: list = []
        self.alerts: list[dict] = []
        self.screen_updating = True
        self.calculation = "automatic"
        self.writes: list[tuple] = []

    def __setattr__(self, k, v):
        if k == "status_bar" and hasattr(self, "status_history"):
            self.status_history.append(v)
        object.__setattr__(self, k, v)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append({"prompt": prompt, "title": title, "mode": mode})
        return "ok"


@dataclass
class FakeNote:
    cell: "FakeCellStore"
    key: tuple[int, int]

    @property
    def text(self) -> str:
        return self.cell.notes[self.key]

    @text.setter
    def text(self, value: str) -> None:
        self.cell.notes[self.key] = value

    def delete(self) -> None:
        del self.cell.notes[self.key]


@dataclass
class FakeCellStore:
    values: dict[tuple[int, int], object] = field(default_factory=dict)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # the file's formulas ("=…"), kept
    # a cell's format, as far as tests look at it: (fill colour, font colour, bold) of a cell the file styled
    formats: dict[tuple[int, int], tuple] = field(default_factory=dict)


class FakeRange:
    def __init__(self, sheet: "FakeSheet", first: tuple[int, int], last: tuple[int, int]):
        self.sheet, self.first, self.last = sheet, first, last
        self._opts: dict = {}

    def options(self, **kw) -> "FakeRange":
        r = FakeRange(self.sheet, self.first, self.last)
        r._opts = kw
        return r

    @property
    def row(self) -> int:
        return self.first[0]

    @property
    def column(self) -> int:
        return self.first[1]

    @property
    def last_cell(self) -> "FakeRange":
        return FakeRange(self.sheet, self.last, self.last)

    def _out(self, v):
        if isinstance(v, str) and v in ERRORS and not self._opts.get("err_to_str"):
            return None
        return v

    @property
    def value(self):
        store = self.sheet.store.values
        rows = [[self._out(store.get((r, c))) for c in range(self.first[1], self.last[1] + 1)]
                for r in range(self.first[0], self.last[0] + 1)]
        if self._opts.get("ndim") == 2 or (len(rows) > 1 and len(rows[0]) > 1):
            return rows
        if self.first == self.last:
            return rows[0][0]
        return rows[0] if len(rows) == 1 else [r[0] for r in rows]

    @property
    def formula(self):
        """As xlwings' Range.formula: a cell's formula, or its value as text ("" blank); a range's
        as a tuple of rows."""
        store = self.sheet.store

        def one(key) -> str:
            if key in store.formulas:
                return store.formulas[key]
            v = store.values.get(key)
            return v[1] if isinstance(v, tuple) else "" if v is None else str(v)

        rows = tuple(tuple(one((r, c)) for c in range(self.first[1], self.last[1] + 1))
                     for r in range(self.first[0], self.last[0] + 1))
        return rows[0][0] if self.first == self.last else rows

    @value.setter
    def value(self, v) -> None:
        _check_not_jagged(v)  # xlwings' own check: Excel takes a rectangle or nothing
        rows = v if isinstance(v, list) and v and isinstance(v[0], list) else [[v]]
        app = getattr(self.sheet.book, "app", None)
        if app is not None:
            app.writes.append((self.sheet.name, self.first, sum(map(len, rows)), app.screen_updating,
                               app.calculation))
        for i, row in enumerate(rows):
            for j, x in enumerate(row):
                key = (self.first[0] + i, self.first[1] + j)
                self.sheet.store.formulas.pop(key, None)  # a value set over a formula replaces it
                if x is None or x == "":  # Excel: setting an empty value clears the cell
                    self.sheet.store.values.pop(key, None)
                    continue
                if isinstance(x, str) and x.startswith("'"):
                    x = x[1:]  # Excel: the apostrophe marks text and is not part of the value
                elif isinstance(x, str) and x.startswith("="):
                    x = ("FORMULA", x)  # Excel would evaluate it: tests look for this
                elif isinstance(x, str) and NUMBER.fullmatch(x):
                    x = excel_number(x)  # Excel reads text that looks like a number as one
                self.sheet.store.values[key] = x

    @property
    def note(self):
        return FakeNote(self.sheet.store, self.first) if self.first in self.sheet.store.notes else None

    def add_note(self, text: str) -> FakeNote:
        if self.first in self.sheet.store.notes:
            raise ValueError("the cell already has a note")
        self.sheet.store.notes[self.first] = text
        return FakeNote(self.sheet.store, self.first)

    def copy(self, destination: "FakeRange") -> None:
        """As Excel's Range.Copy to a destination (its top-left cell): values, formulas, notes and formats
        of every cell, an empty one's emptiness too."""
        src, dst = self.sheet.store, destination.sheet.store
        dr, dc = destination.first[0] - self.first[0], destination.first[1] - self.first[1]
        kinds = ("values", "formulas", "notes", "formats")
        got = {(r, c): [getattr(src, k).get((r, c)) for k in kinds]  # (all read first: the two may overlap)
               for r in range(self.first[0], self.last[0] + 1) for c in range(self.first[1], self.last[1] + 1)}
        for (r, c), held in got.items():
            for k, v in zip(kinds, held):
                if v is None:
                    getattr(dst, k).pop((r + dr, c + dc), None)
                else:
                    getattr(dst, k)[r + dr, c + dc] = v

    def add_hyperlink(self, address: str, text_to_display: str | None = None, screen_tip: str | None = None):
        self.sheet.store.links[self.first] = address
        self.sheet.store.values[self.first] = text_to_display or address


class FakeSheet:
    def __init__(self, book: "FakeBook", name: str):
        self.book, self.name, self.store = book, name, FakeCellStore()

    def range(self, a, b=None) -> FakeRange:
        first = parse_ref(a) if isinstance(a, str) else tuple(a)
        last = first if b is None else (parse_ref(b) if isinstance(b, str) else tuple(b))
        return FakeRange(self, first, last)

    def __getitem__(self, ref: str) -> FakeRange:
        return self.range(ref)

    @property
    def used_range(self) -> FakeRange:
        keys = list(self.store.values) or [(1, 1)]
        return FakeRange(self, (min(k[0] for k in keys), min(k[1] for k in keys)),
                         (max(k[0] for k in keys), max(k[1] for k in keys)))

    def delete(self) -> None:
        self.book._sheets.remove(self)


class FakeSheets:
    def __init__(self, book: "FakeBook"):
        self.book = book

    def __iter__(self):
        return iter(list(self.book._sheets))

    def __len__(self):
        return len(self.book._sheets)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self.book._sheets[key]
        for s in self.book._sheets:
            if s.name == key:
                return s
        raise KeyError(key)

    @property
    def active(self) -> FakeSheet:
        return getattr(self.book, "active_sheet", None) or self.book._sheets[0]

    def add(self, name=None, before=None, after=None) -> FakeSheet:
        n = len(self.book._sheets) + 1
        while name is None and any(x.name == f"Sheet{n}" for x in self.book._sheets):  # Excel: a free name
            n += 1
        s = FakeSheet(self.book, name or f"Sheet{n}")
        if any(x.name == s.name for x in self.book._sheets):
            raise ValueError("duplicate sheet name")
        pos = self.book._sheets.index(after) + 1 if after is not None else len(self.book._sheets)
        self.book._sheets.insert(pos, s)
        return s


class FakeBook:
    """A workbook 'open in Excel', loaded from a real .xlsx (values and cached errors)."""

    def __init__(self, path: Path):
        self.fullname = str(path)
        self.name = Path(path).name
        self.app = FakeApp()
        self._sheets: list[FakeSheet] = []
        wb = openpyxl.load_workbook(path, data_only=True)  # what Excel shows: cached values, '#REF!'
        for ws in wb.worksheets:
            s = FakeSheet(self, ws.title)
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        s.store.values[(c.row, c.column)] = c.value
                    if c.has_style and (c.fill.fill_type or c.font.color is not None or c.font.b):
                        s.store.formats[(c.row, c.column)] = (c.fill.fill_type and c.fill.fgColor.rgb,
                                                              c.font.color is not None and c.font.color.rgb, c.font.b)
            for (r, col), v in list(s.store.values.items()):
                if ws.cell(row=r, column=col).comment is not None:
                    s.store.notes[(r, col)] = ws.cell(row=r, column=col).comment.text
            self._sheets.append(s)
        self.sheets = FakeSheets(self)
        formulas = has_formulas(path)
        if formulas:  # kept with their cached values (above), as Excel holds them
            for ws in openpyxl.load_workbook(path).worksheets:
                store = self.sheets[ws.title].store
                for row in ws.iter_rows():
                    for c in row:
                        if c.data_type == "f" and isinstance(c.value, str):
                            store.formulas[(c.row, c.column)] = c.value
        self._on_disk = self._disk_values(formulas)

    def _version(self) -> tuple:
        st = Path(self.fullname).stat()
        return st.st_size, st.st_mtime_ns, st.st_ino

    def _disk_values(self, formulas: bool) -> tuple:
        """What the file on disk holds, as this book last read or wrote it: its version, whether it
        holds formulas (this book holds them too), and each sheet's values (a copy)."""
        return self._version(), formulas, [(s.name, dict(s.store.values)) for s in self._sheets]

    def save(self) -> None:
        """As Excel's Save: the file on disk gets what the book holds now (its formulas kept). Where the
        file is as this book last read or wrote it and has the same sheets, only
        the cells that changed since are set in it (tests/xml_cells: the same values as the whole
        save gives, in a tenth of a second where openpyxl takes seconds over a year of orders);
        otherwise the workbook is loaded and saved whole."""
        self.saves = getattr(self, "saves", 0) + 1
        if not self._save_changed():
            self._save_whole()
        self._on_disk = self._disk_values(False)

    def _save_changed(self) -> bool:
        version, formulas, sheets = self._on_disk
        if version != self._version() or [n for n, _ in sheets] != [s.name for s in self._sheets]:
            return False  # (a formula cell not changed keeps its formula and cached value: as Excel saves it)
        changed = {}
        for (name, was), s in zip(sheets, self._sheets):
            now = s.store.values
            cells = {k: v[1] if isinstance(v, tuple) else v for k, v in now.items()
                     if (old := was.get(k, was)) is was or old.__class__ is not v.__class__ or old != v}
            cells.update((k, None) for k in was.keys() - now.keys())  # cleared: a blank cell, its style kept
            if cells:
                changed[name] = cells
        return set_cells(Path(self.fullname), changed)

    def _save_whole(self) -> None:
        wb = openpyxl.load_workbook(self.fullname)
        for title in list(wb.sheetnames):
            if title not in [s.name for s in self._sheets]:
                del wb[title]
        for s in self._sheets:
            ws = wb[s.name] if s.name in wb.sheetnames else wb.create_sheet(s.name)
            for row in ws.iter_rows():
                for c in row:
                    if (c.row, c.column) not in s.store.values and c.value is not None:
                        c.value = None
            for (r, c), v in s.store.values.items():
                cell = ws.cell(row=r, column=c)
                cell.value = v[1] if isinstance(v, tuple) else v
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
            for (r, c), f in s.store.formulas.items():  # (openpyxl keeps no cached value: a reader sees none)
                ws.cell(row=r, column=c).value = f
        wb.save(self.fullname)

    def sheet_rows(self, name: str) -> list[list]:
        s = self.sheets[name]
        ur = s.used_range
        return s.range((1, 1), (ur.last_cell.row, ur.last_cell.column)).options(ndim=2, err_to_str=True).value


__all__ = ["FakeBook", "get_column_letter"]
