"""xlwings Lite: the ribbon's workflows and the SB_* functions on the open workbook only.

Lite runs Python inside Excel (Pyodide) with no access to the shop folder. So a Lite
script turns the open workbook into a shop held in memory: each shop workbook whose
sheets the open book holds (one book may hold them all) is read live from it and
served to the library in place of its file. Then the same entry point as the desktop
button runs (shopbook.xl): its edits go back into the open book, and any report it
writes comes back as sheets of the open book. The cell functions answer from the
data of the last script run (Lite's functions cannot see the book themselves).
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..config import CONFIG_NAME, default_toml
from ..io.files import write_bytes_atomic
from ..io.reader import WorkbookData, forget_live, match_sheets_by_headers, serve_live
from ..issues import ShopbookError
from ..schema import WORKBOOKS, WorkbookSpec
from .live import apply_edits_live, read_live_book, sheet_values

INBOX = "inbox-lite"  # the active sheet saved as a file for a button that takes one (active_sheet_as_file)
_last: "LiteShop | None" = None  # the cell functions' data: the shop of the last script run


@dataclass
class LiteShop:
    """A shop folder in Pyodide's in-memory file system, its workbooks served from the open book."""

    book: object
    folder: Path
    books: dict[str, WorkbookData] = field(default_factory=dict)  # spec key → live data
    started: float = 0.0

    def spec_for(self, path: Path) -> WorkbookSpec | None:
        p = Path(path).resolve()
        return next((w for w in WORKBOOKS if w.key in self.books and (self.folder / w.filename).resolve() == p), None)

    def refresh(self) -> None:
        """Read the open book again (after an edit, or for a new script run)."""
        names = [s.name for s in self.book.sheets]
        self.books = {}
        rows: dict[str, list] = {}  # a sheet looked at for its headers is read once

        def rows_of(name: str) -> list:
            if name not in rows:
                rows[name] = sheet_values(self.book.sheets[name])
            return rows[name]

        for spec in WORKBOOKS:
            # by name, or by headers as the reader takes a renamed sheet (出入库 → 出入库记录)
            if not any(match(names, m) or match_sheets_by_headers(names, m, rows_of) for m in spec.sheets):
                continue
            data = read_live_book(self.book, spec)
            data.path = self.folder / spec.filename
            path = self.folder / spec.filename
            if not path.exists():
                path.write_bytes(b"")  # a stand-in: the library checks that a shop workbook exists
            path.touch()  # a new time: the cell functions' cache sees new data
            serve_live(path, data)
            self.books[spec.key] = data

    def write(self, path, edits=(), own_sheets=(), lang="zh"):
        """The library's writer: a shop workbook's edits go into the open book, live."""
        if self.spec_for(path) is None:
            from ..io.sheet_edit import edit_workbook

            return edit_workbook(path, edits, own_sheets, lang)
        # (a replaced sheet's formats not copied: whether xlwings Lite's Office.js side runs Range.copy is not
        # known here, and a step it refused would stop the button; README, "xlwings Lite")
        apply_edits_live(self.book, edits, own_sheets, lang, path, formats=False)
        self.refresh()
        return Path(path)

    def writer(self):
        """`write` as the library takes it, with its `check` (io.sheet_edit.ensure_writable)."""
        def write(*args, **kw):
            return self.write(*args, **kw)

        write.check, write.formulas, write.sheets = self.check, self.formulas, self.sheets
        write.keeps_backup = False  # the open book is the shop: no copy of what a write replaces is kept
        return write

    def sheets(self, path, names) -> dict[str, list] | None:
        """Those of the sheets `names` the open book holds, for a workbook served from it (None: another)."""
        from .live import sheets_rows

        return None if self.spec_for(path) is None else sheets_rows(self.book, names)

    def formulas(self, path, sd, name: str, rows) -> set[int]:
        """io.sheet_edit.formula_rows, in the open book for a workbook served from it."""
        from ..io.sheet_edit import formula_rows_in_file
        from .live import formula_rows

        if self.spec_for(path) is None:
            return formula_rows_in_file(Path(path), sd, name, rows)
        return formula_rows(self.book, sd, name, rows)

    def check(self, path) -> None:
        """Whether the library may write `path`: a workbook served from the open book always."""
        if self.spec_for(path) is None:
            from ..io.files import check_writable

            check_writable(Path(path))

    def bring_back_reports(self, lang: str) -> list[str]:
        """Reports written during the run, copied into the open book as sheets, each named
        after its file (one agent's price sheet is not another's, and a report's 订单 sheet is
        not the shop's): a sheet of this name from an earlier run is replaced, a shop sheet never."""
        from openpyxl import load_workbook

        from ..io.cells import stored_text, typed
        from ..io.xlsx_patch import NewSheet

        added = []
        for f in sorted([*self.folder.rglob("*.xlsx"), *self.folder.rglob("*.csv")]):
            if f.stat().st_mtime < self.started or f.stat().st_size == 0 or f.parent == self.folder \
                    or f.relative_to(self.folder).parts[0] == INBOX:
                continue  # (a sheet the person pasted, saved as a file for the button: the person's own, never replaced)
            if f.suffix == ".csv":  # a waybill CSV for each courier, the pick notes: a sheet each, to save as CSV
                sheets = [s for s in [NewSheet(report_sheet_name(f.stem), csv_rows(f))] if not is_shop_sheet(s.title, self)]
                apply_edits_live(self.book, (), sheets, lang)
                added += [s.title for s in sheets]
                continue
            with stored_text():  # then typed(): a name typed as _x0041_ comes back as typed, not "A"
                wb = load_workbook(f, read_only=True, data_only=True)
            try:
                many = len(wb.worksheets) > 1
                sheets = [NewSheet(report_sheet_name(f.stem + (f"-{ws.title}" if many else "")),
                                   [[typed(v) for v in r] for r in ws.iter_rows(values_only=True)])
                          for ws in wb.worksheets]
            finally:
                wb.close()
            sheets = [s for s in sheets if s.rows and not is_shop_sheet(s.title, self)]
            apply_edits_live(self.book, (), sheets, lang)
            added += [s.title for s in sheets]
        return added


def csv_rows(path: Path) -> list[list]:
    """A CSV report's rows as Excel shows the file opened: text as written, a code written ="…" to stay text
    (io.cells.csv_code) as the digits it shows, an empty field blank."""
    import csv
    import io

    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # (shopbook writes UTF-8 with a BOM; a courier's own format is GBK)
        text = data.decode("gb18030")

    def cell(v: str):
        if v.startswith('="') and v.endswith('"') and v[2:-1].isdigit():
            return v[2:-1]
        return v if v != "" else None

    return [[cell(v) for v in row] for row in csv.reader(io.StringIO(text, newline=""))]


def report_sheet_name(name: str) -> str:
    """A file's name as a sheet name: without the characters Excel refuses, at most 31."""
    return "".join("_" if c in "[]:*?/\\" else c for c in name)[:31]


def is_shop_sheet(name: str, shop: LiteShop | None = None) -> bool:
    """A shop sheet by its declared name, or (given the shop) a sheet of the open book the
    reader took as one by its headers: a renamed 订单 is as much the shop's as 订单."""
    if any(match([name], m) for w in WORKBOOKS for m in w.sheets):
        return True
    return shop is not None and any(sd.present and sd.sheet == name
                                    for data in shop.books.values() for sd in data.sheets.values())


def match(names: list[str], model) -> bool:
    from ..io.reader import match_sheet_name

    return match_sheet_name(names, model) is not None


def _language(book) -> str:
    """An English shop names its sheets in English."""
    names = [s.name for s in book.sheets]
    zh = sum(1 for w in WORKBOOKS for m in w.sheets if m.zh in names)
    en = sum(1 for w in WORKBOOKS for m in w.sheets if m.en in names)
    return "en" if en > zh else "zh"


@contextmanager
def lite_shop(book):
    """The open book as a shop, for the length of one script run."""
    import time

    from .. import xl

    global _last
    if _last is not None:  # the run before's copy of the book is done with: gone, not left to pile up
        forget_live(_last.folder)  # (in Pyodide's memory for the whole Excel session, 45 of them in /tmp here)
        shutil.rmtree(_last.folder, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix="shopbook-lite-"))
    lang = _language(book)
    write_bytes_atomic(folder / CONFIG_NAME, default_toml("xlwings Lite", lang).encode("utf-8"))
    shop = LiteShop(book, folder, started=time.time() - 1)
    shop.refresh()
    if not shop.books:
        raise ShopbookError("这个工作簿里没有店铺的工作表（商品、订单、流水、日报、代理商 …）。",
                            "This workbook holds none of the shop's sheets (Products, Orders, Entries, Daily, "
                            "Agents …).", getattr(book, "name", ""))
    xl._session = shop
    _last = shop
    try:
        yield shop
    finally:
        xl._session = None
        shop.bring_back_reports(lang)


def run(name: str, book, file_kind: str | None = None) -> None:
    """Run the ribbon entry point `name` (shopbook.xl.<name>) on the open book.
    Buttons that ask for a file on the desktop take the active sheet here, saved
    as a file of `file_kind` ("xlsx" or "csv"): paste the export or bill into a sheet."""
    from .. import xl

    try:
        with lite_shop(book) as shop:
            fn = getattr(xl, name)
            if file_kind:
                fn(path=str(active_sheet_as_file(book, shop.folder, file_kind)), book=book)
            else:
                fn(book=book)
    except ShopbookError as e:
        book.app.alert(e.zh + "\n" + e.en, title="shopbook", mode="critical")


def active_sheet_as_file(book, folder: Path, kind: str) -> Path:
    import csv

    from ..io.xlsx_patch import NewSheet, write_new_workbook
    from .live import sheet_values

    sheet = book.sheets.active
    rows = sheet_values(sheet)
    inbox = folder / INBOX
    inbox.mkdir(exist_ok=True)
    if kind == "xlsx":
        out = inbox / f"{sheet.name}.xlsx"
        write_new_workbook(out, [NewSheet(sheet.name[:31], rows)])
        return out
    out = inbox / f"{sheet.name}.csv"
    def cell(v):  # a barcode pasted into a sheet is a whole number: 6901234567892, not 6901234567892.0
        return "" if v is None else (int(v) if isinstance(v, float) and v.is_integer() else v)

    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([[cell(v) for v in r] for r in rows])
    return out


def data_folder() -> Path | None:
    """Where the cell functions find the shop: the one of the last script run."""
    return _last.folder if _last is not None else None


def udf(name: str, *args):
    """The SB_* function `name` (shopbook.xl.udfs), answered from the last script run's shop."""
    import inspect
    from types import SimpleNamespace

    from . import udfs

    fn = getattr(udfs, name)
    if "caller" not in inspect.signature(fn).parameters:
        return fn(*args)
    folder = data_folder()
    if folder is None and name in udfs.LANGUAGE_ONLY:  # no shop yet says which language: both
        return fn(*args)
    if folder is None:  # no data until a script has run (see the README): #N/A, in the shape asked
        first = args[0] if args else None
        return ([["#N/A"] * len(r) if isinstance(r, list) else "#N/A" for r in first] if isinstance(first, list)
                else "#N/A")
    caller = SimpleNamespace(sheet=SimpleNamespace(book=SimpleNamespace(fullname=str(folder))))
    return fn(*args, caller=caller)
