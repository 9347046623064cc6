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
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter
from xlwings.conversion import _check_not_jagged

from xml_cells import ERRORS, FORMULA, has_formulas, set_cells, set_cells_and_sheets

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


class FakeCellStore:
    """A sheet's cells, as far as tests look at them: values, notes, links, the file's formulas ("=…", kept)
    and formats ((fill colour, font colour, bold) of a cell the file styled). A sheet of a file is read
    when its values, formats, notes or formulas are first asked for (_FileSheets), not before."""

    def __init__(self, source: "_FileSheets | None" = None, name: str | None = None):
        self._source, self._name = source, name
        self.links: dict[tuple[int, int], str] = {}
        if source is None:
            self._values: dict | None = {}
            self._formats: dict | None = {}
            self._notes: dict | None = {}
            self._formulas: dict | None = {}
        else:
            self._values = self._formats = self._notes = self._formulas = None

    @property
    def loaded(self) -> bool:
        """Whether the sheet's values are in memory (changed ones perhaps)."""
        return self._values is not None

    @property
    def values(self) -> dict[tuple[int, int], object]:
        if self._values is None:
            self._values, self._formats = self._source.values_and_formats(self._name)
        return self._values

    @property
    def formats(self) -> dict[tuple[int, int], tuple]:
        if self._formats is None:
            self._values, self._formats = self._source.values_and_formats(self._name)
        return self._formats

    @property
    def notes(self) -> dict[tuple[int, int], str]:
        if self._notes is None:
            values = self.values
            self._notes = {k: t for k, t in self._source.notes(self._name).items() if k in values}
        return self._notes

    @property
    def formulas(self) -> dict[tuple[int, int], str]:
        if self._formulas is None:
            self._formulas = self._source.formulas(self._name)
        return self._formulas


class _FileSheets:
    """The sheets of a workbook file as FakeBook opened it (its bytes kept: a sheet read later is read
    as the file was then), each read on its first use with openpyxl's own sheet parser, as
    openpyxl.load_workbook reads it (values as data_only gives them: cached values, '#REF!'; formulas as
    a load without data_only gives them) but without building a Cell of each, and only the sheets a test's
    code asks for (a whole load took 7 CPU-seconds for the demo's year of orders, for every test)."""

    def __init__(self, path: Path):
        import io

        from openpyxl.reader.excel import ExcelReader, _validate_archive
        from openpyxl.styles.stylesheet import apply_stylesheet

        _validate_archive(str(path)).close()  # (a file load_workbook refuses: refused as it refuses it)
        self.data = Path(path).read_bytes()
        self.reader = r = ExcelReader(io.BytesIO(self.data), read_only=False, data_only=True)
        r.read_manifest()
        r.read_strings()
        r.read_workbook()
        apply_stylesheet(r.archive, r.wb)
        self.parts = {}  # a worksheet's name → its part, in the workbook's order (as wb.worksheets)
        for sheet, rel in r.parser.find_sheets():
            if rel.target in r.valid_files and "chartsheet" not in rel.Type:
                self.parts[sheet.name] = rel.target

    def __deepcopy__(self, memo) -> "_FileSheets":
        return self  # (what the file held: a copied book reads the same)

    def _parse(self, name: str, data_only: bool):
        from openpyxl.worksheet._reader import WorkSheetParser

        r = self.reader
        with r.archive.open(self.parts[name]) as fh:
            parser = WorkSheetParser(fh, r.shared_strings, data_only, r.wb.epoch, r.wb._date_formats,
                                     r.wb._timedelta_formats)
            for _, cells in parser.parse():
                yield from cells

    def values_and_formats(self, name: str) -> tuple[dict, dict]:
        wb = self.reader.wb
        values, formats, styled = {}, {}, {}
        for c in self._parse(name, True):
            key = (c["row"], c["column"])
            if c["value"] is not None:
                values[key] = c["value"]
            else:
                values.pop(key, None)  # (a cell given twice: the last one, as openpyxl binds it)
            sid = c["style_id"]
            if sid not in styled:
                sa = wb._cell_styles[sid]
                fill, font = wb._fills[sa.fillId], wb._fonts[sa.fontId]
                styled[sid] = ((fill.fill_type and fill.fgColor.rgb, font.color is not None and font.color.rgb,
                                font.b) if any(sa) and (fill.fill_type or font.color is not None or font.b) else None)
            if styled[sid] is not None:
                formats[key] = styled[sid]
            else:
                formats.pop(key, None)
        return values, formats

    def notes(self, name: str) -> dict[tuple[int, int], str]:
        from openpyxl.comments.comment_sheet import CommentSheet
        from openpyxl.packaging.relationship import get_dependents, get_rels_path
        from openpyxl.xml.constants import COMMENTS_NS
        from openpyxl.xml.functions import fromstring

        r = self.reader
        rels_path = get_rels_path(self.parts[name])
        if rels_path not in r.valid_files:
            return {}
        out = {}
        for rel in get_dependents(r.archive, rels_path).find(COMMENTS_NS):
            for ref, comment in CommentSheet.from_tree(fromstring(r.archive.read(rel.target))).comments:
                out[parse_ref(ref)] = comment.text
        return out

    def formulas(self, name: str) -> dict[tuple[int, int], str]:
        if not FORMULA.search(self.reader.archive.read(self.parts[name]).decode("utf-8")):
            return {}
        out = {}
        for c in self._parse(name, False):
            if c["data_type"] == "f" and isinstance(c["value"], str):
                out[c["row"], c["column"]] = c["value"]
            else:
                out.pop((c["row"], c["column"]), None)
        return out


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
    def __init__(self, book: "FakeBook", name: str, source: _FileSheets | None = None):
        self.book, self.name, self.store = book, name, FakeCellStore(source, name)

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
    """A workbook 'open in Excel', loaded from a real .xlsx (values and cached errors): each sheet as the
    file held it when the book was opened, read when the code first asks for it (_FileSheets)."""

    def __init__(self, path: Path):
        self.fullname = str(path)
        self.name = Path(path).name
        self.app = FakeApp()
        self._sheets: list[FakeSheet] = []
        self._source = source = _FileSheets(path)  # what Excel shows: cached values, '#REF!'; each sheet read when first used
        self._sheets = [FakeSheet(self, name, source) for name in source.parts]
        self.sheets = FakeSheets(self)
        formulas = has_formulas(path)  # (kept with their cached values, as Excel holds them)
        self._on_disk = self._disk_values(formulas)

    def _version(self) -> tuple:
        st = Path(self.fullname).stat()
        return st.st_size, st.st_mtime_ns, st.st_ino

    def _disk_values(self, formulas: bool) -> tuple:
        """What the file on disk holds, as this book last read or wrote it: its version, whether it
        holds formulas (this book holds them too), and each sheet's values (a copy; None for a sheet not
        read yet, which is as the file holds it)."""
        return self._version(), formulas, [(s.name, dict(s.store.values) if s.store.loaded else None)
                                           for s in self._sheets]

    def save(self) -> None:
        """As Excel's Save: the file on disk gets what the book holds now (its formulas kept). Where the
        file is as this book last read or wrote it, only the cells that changed since are set in it, and
        the sheets added or deleted since added or deleted where each sheet the file keeps keeps its place
        (tests/xml_cells: the same values as the whole save gives, in a tenth of a second where openpyxl
        takes seconds over a year of orders); otherwise the workbook is loaded and saved whole."""
        self.saves = getattr(self, "saves", 0) + 1
        if not self._save_changed():
            self._save_whole()
        self._on_disk = self._disk_values(False)

    def _save_changed(self) -> bool:
        version, formulas, sheets = self._on_disk
        if version != self._version():
            return False  # (a formula cell not changed keeps its formula and cached value: as Excel saves it)
        on_disk, names = dict(sheets), [s.name for s in self._sheets]
        same = [n for n, _ in sheets] == names
        if not same and any(s.store.formulas for s in self._sheets if s.name not in on_disk):
            return False
        changed = {}
        for s in self._sheets:
            name, was = s.name, on_disk.get(s.name, {})  # (a sheet added: every cell it holds)
            if was is None and not s.store.loaded:
                continue  # not read since: as the file holds it
            if was is None:  # read since (or a new sheet in its place): as the file held it when this book opened it
                was = self._source.values_and_formats(name)[0]
            now = s.store.values
            cells = {k: v[1] if isinstance(v, tuple) else v for k, v in now.items()
                     if (old := was.get(k, was)) is was or old.__class__ is not v.__class__ or old != v}
            cells.update((k, None) for k in was.keys() - now.keys())  # cleared: a blank cell, its style kept
            if cells:
                changed[name] = cells
        if same:
            return set_cells(Path(self.fullname), changed)
        return set_cells_and_sheets(Path(self.fullname), names, changed)

    def _save_whole(self) -> None:
        for s in self._sheets:  # (every sheet as this book holds it: those not read yet as it opened them)
            s.store.values, s.store.formulas  # noqa: B018
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
