"""Reading a workbook into typed records, with every problem located.

python-calamine reads the cell values (fast); formula error values, which
calamine turns into blanks, are found by a byte scan of the sheet XML for cells
of type "e". Headers are matched by name through the schema declaration, so
column order, language, case, spaces and full-width forms do not matter.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from posixpath import join as zjoin, normpath
from xml.etree import ElementTree as ET

try:
    import python_calamine as pc
except ImportError:  # xlwings Lite (Pyodide): no files to read there, only the open book
    pc = None

from .. import values as V
from ..issues import Issue, ShopbookError, col_letter, show_value
from ..schema import SheetModel, WorkbookSpec
from ..schema.base import Column, Kind
from .background import beside
from .files import check_workbook

HEADER_SCAN_ROWS = 20


def header_key(s: object) -> str:
    """The form a header is compared in: NFKC (full-width → half-width), no spaces,
    lower case, and no required-marker star."""
    return re.sub(r"\s+", "", V.normalize_text(str(s))).lower().rstrip("*")


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
    # columns used by any cell of the sheet, header or data (calamine's rows end at the last
    # cell with a value): a column shopbook adds goes right of them, never over a person's
    # column that has no header
    width: int = 0

    def locate(self, issue: Issue) -> Issue:
        """Fill book, sheet name, cell and column header of an issue from this layout."""
        cell, column = issue.cell, issue.column
        if issue.field in self.columns:
            column = column or self.headers[issue.field]
            if issue.row:
                cell = cell or f"{col_letter(self.columns[issue.field])}{issue.row}"
        elif issue.field and not column:
            column = self.model.column(issue.field).header("zh") if _has(self.model, issue.field) else ""
        return issue.with_(book=self.book, sheet=self.sheet, cell=cell, column=column)


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

    def errors_in(self, *models: type[SheetModel]) -> list[Issue]:
        """The errors of the named sheets (all sheets when none are named), a missing one included."""
        wanted = {m.zh for m in models} if models else None
        return [i for i in self.all_issues() if i.is_error and (wanted is None or i.sheet in wanted)]

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


# --- formula errors --------------------------------------------------------------

_CELL_E = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VAL = re.compile(rb"<(?:\w+:)?v>([^<]*)</")


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the XML part that holds it."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    rel_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{rel_ns}Relationship")}
    out = {}
    for s in wb.iterfind("m:sheets/m:sheet", ns):
        target = targets.get(s.get(f"{{{ns['r']}}}id"), "")
        out[s.get("name")] = target.lstrip("/") if target.startswith("/") else normpath(zjoin("xl", target))
    return out


def _error_cells_in(path: Path, part: str) -> dict[tuple[int, int], str]:
    with zipfile.ZipFile(path) as z:
        return error_cells(z, part)


def error_cells(z: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(0-based row, col) → the error value (#REF!, #DIV/0! …) Excel cached there."""
    try:
        data = z.read(part)
    except KeyError:
        return {}
    if b't="e"' not in data:  # the common case: one fast scan, nothing to do
        return {}
    out = {}
    for m in _CELL_E.finditer(data):
        ref = _REF.search(m.group(1))
        val = _VAL.search(m.group(2))
        if ref:
            out[(int(ref.group(2)) - 1, _col_index(ref.group(1)))] = (
                val.group(1).decode("utf-8", "replace") if val else "#ERROR")
    return out


# --- header matching -------------------------------------------------------------

def _header_index(model: type[SheetModel]) -> dict[str, Column]:
    idx = {}
    for c in model.columns():
        idx[header_key(c.col.zh)] = c
        idx[header_key(c.col.en)] = c
        idx[header_key(c.name)] = c
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
                    texts[col.name] = v.strip()
        if len(found) > len(best[1]):
            best = (r, found, texts)
    return best


def match_sheet_name(names: list[str], model: type[SheetModel]) -> str | None:
    wanted = {header_key(model.zh), header_key(model.en)}
    return next((n for n in names if header_key(n) in wanted), None)


# --- reading ---------------------------------------------------------------------

def _missing_sheet_issue(book: str, model: type[SheetModel]) -> Issue:
    sev = "error" if model.required_sheet else "warning"
    return Issue(
        sev,
        f"缺少工作表“{model.zh}”。请从模板复制该工作表（shopbook templates），表名用“{model.zh}”或“{model.en}”。",
        f"The sheet '{model.en}' ({model.zh}) is missing. Copy it from the template (shopbook templates); "
        f"name it '{model.zh}' or '{model.en}'.",
        book=book, sheet=model.zh,
    )


def _is_blank(v) -> bool:
    return v is None or v == "" or (v.__class__ is str and not v.strip())


def _fast_parser(col: Column):
    """The parser for one column, None for a blank cell, with the commonest cell
    types handled inline: in a big workbook nearly every cell takes this path."""
    parse, kind = col.parse, col.kind

    def slow(v):
        return None if _is_blank(v) else parse(v)

    if kind is Kind.TEXT:
        return lambda v: (v.strip() or None) if v.__class__ is str else slow(v)
    if kind is Kind.CODE:
        def code(v):
            if v.__class__ is str:
                s = v.strip()
                if s and s.isascii() and s[0] not in "'=" and "E" not in s and "e" not in s:
                    return s
            return slow(v)
        return code
    if kind is Kind.CHOICE:
        table = col.choice._value2member_map_
        return lambda v: table.get(v) or slow(v)
    if kind in (Kind.DATE, Kind.DATETIME):
        cls = dt.date if kind is Kind.DATE else dt.datetime
        return lambda v: v if v.__class__ is cls else slow(v)
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
        return lambda vals: [s if (s := v.strip()) and s.isascii() and s[0] not in "'=" and "E" not in s
                             and "e" not in s else _blank(s) for v in vals]
    if kind in (Kind.DATE, Kind.DATETIME):
        cls = dt.date if kind is Kind.DATE else dt.datetime
        return lambda vals: [v if v.__class__ is cls else _blank(v) for v in vals]
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
    whole = _whole_column(col)
    if whole is not None:
        try:
            return whole(vals)
        except (_NotPlain, AttributeError, ArithmeticError):
            pass
    return list(map(_fast_parser(col), vals))


def parse_rows(rows: list[list], sd: SheetData, errors: dict[tuple[int, int], str]) -> None:
    """Turn the data rows below the header into records; every bad cell becomes an issue.
    Parses column by column (a comprehension where every cell is plain), then assembles rows."""
    model = sd.model
    cols = [(c, sd.columns[c.name], sd.headers[c.name]) for c in model.columns() if c.name in sd.columns]
    book, sheet, issues = sd.book, sd.sheet, sd.issues
    first = sd.header_row
    lengths = list(map(len, rows[first:]))
    width = max(lengths, default=0)
    sd.width = max(sd.width, width)  # the data rows' reach, measured here at no extra cost
    data = rows[first:]
    if lengths and min(lengths) != width:  # calamine's rows are all as wide; other sources' may not be
        data = [r if len(r) == width else list(r) + [""] * (width - len(r)) for r in data]
    bad: dict[int, set[str]] = {}  # data row index → fields that could not be read

    def issue(zh: str, en: str, i: int, k: int, head: str, name: str, value: object = "") -> None:
        r = k + first + 1
        issues.append(Issue("error", zh, en, book=book, sheet=sheet, cell=f"{col_letter(i)}{r}",
                            column=head, value=show_value(value), row=r, field=name))
        bad.setdefault(k, set()).add(name)

    parsed: list[list] = []
    by_column = list(zip(*data))  # rows to columns in one C call
    for c, i, head in cols:
        vals = by_column[i] if i < width else [""] * len(data)
        try:
            out = parse_column(c, vals)
        except V.BadValue:  # some cell is wrong: go cell by cell to report each one
            fast = _fast_parser(c)
            out = []
            for k, v in enumerate(vals):
                try:
                    out.append(fast(v))
                except V.BadValue as e:
                    issue(e.zh, e.en, i, k, head, c.name, v)
                    out.append(None)
        parsed.append(out)
    col_of = {i: (c, head) for c, i, head in cols}
    for (r, i), err in sorted(errors.items()):
        if r >= first and i in col_of:
            c, head = col_of[i]
            issue(f"公式错误 {err}：请修正公式或改填数值。", f"Formula error {err}: fix the formula or enter a value.",
                  i, r - first, head, c.name, err)

    names = [c.name for c, _, _ in cols]
    required = [(j, c.name, i, head) for j, (c, i, head) in enumerate(cols) if c.col.required]
    template = model.from_cells({})
    base = dict(template.__dict__)
    new, setattr_ = model.__new__, object.__setattr__
    records = sd.records
    n_cols = len(names)
    fields_set = set(names)
    # rows with a required value blank, found column by column: the row loop below then
    # only asks "is this row one of them", not every required cell of every row
    short = {k for j, *_ in required if None in parsed[j] for k, v in enumerate(parsed[j]) if v is None}
    for k, values in enumerate(zip(*parsed)):
        # (the first cell's test spares count() comparing every Decimal with None on every row)
        if values[0] is None and values.count(None) == n_cols and k not in bad:
            continue  # a blank row (or only columns we do not know were filled)
        if k in short:  # a row missing a required value is reported, never half-used
            for j, name, i, head in required:
                if values[j] is None and name not in bad.get(k, ()):
                    issue(f"“{head}”必填，不能为空。", f"'{head}' is required and cannot be blank.",
                          i, k, head, name)
            continue
        d = base.copy()
        d.update(zip(names, values))
        d["row"] = k + first + 1
        obj = new(model)
        setattr_(obj, "__dict__", d)
        setattr_(obj, "__pydantic_fields_set__", fields_set)  # shared: records are read-only here
        setattr_(obj, "__pydantic_extra__", None)
        setattr_(obj, "__pydantic_private__", None)
        records.append(obj)
    issues.sort(key=lambda x: (x.row or 0, len(x.cell), x.cell))


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
                gc.enable()


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was = [True]


def read_sheet_rows(book: str, sheet_name: str, model: type[SheetModel], rows: list[list],
                    errors: dict[tuple[int, int], str]) -> SheetData:
    sd = SheetData(book=book, sheet=sheet_name, model=model)
    header_row, found, texts = find_header(rows, model)
    if not found:
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
    for c in model.columns():
        if c.required and c.name not in found:
            sd.issues.append(Issue(
                "error",
                f"缺少必填列“{c.col.zh}”（或英文“{c.col.en}”）。请在表头行加上这一列。",
                f"The required column '{c.col.en}' ({c.col.zh}) is missing. Add it to the header row.",
                book=book, sheet=sheet_name, cell=f"A{header_row + 1}", column=c.col.zh, field=c.name))
    parse_rows(rows, sd, errors)
    if any(c.required and c.name not in found for c in model.columns()):
        sd.records = []  # values were still checked, but rows without a required column are unusable
    return sd


def workbook_from_sheets(path: Path, spec: WorkbookSpec, names: list[str], get_sheet,
                         models: tuple[type[SheetModel], ...] | None = None) -> WorkbookData:
    """The same reading for any source of cells: `get_sheet(name)` returns
    (rows from A1, {(row, col): error value}). Files and live Excel books both come here."""
    book = Path(path).name
    out: dict[type[SheetModel], SheetData] = {}
    issues: list[Issue] = []
    for model in models or spec.sheets:
        name = match_sheet_name(names, model)
        if name is None:
            issues.append(_missing_sheet_issue(book, model))
            out[model] = SheetData(book=book, sheet=model.zh, model=model, present=False)
            continue
        rows, errors = get_sheet(name)
        out[model] = read_sheet_rows(book, name, model, rows, errors)
    return WorkbookData(Path(path), spec, out, issues)


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


@contextmanager
def read_cache():
    """Within it, a workbook file read once is not parsed again until it changes (its
    size or modification time): the daily job's steps share their reads."""
    global _cache
    outer, _cache = _cache, {}
    try:
        yield
    finally:
        _cache = outer


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
                        [i for i in full.issues if i.sheet in {m.zh for m in models}])


def carry_over(path: Path, before, update) -> None:
    """shopbook has just changed the workbook at `path` (it was `before`, an os.stat
    result): the reads cached for that version become reads of the new one, passed
    through `update` (which applies the same change to the records) instead of being
    parsed again: the daily job writes orders.xlsx twice and reads it after each."""
    if _cache is None:
        return
    old = (str(Path(path).resolve()), before.st_mtime_ns, before.st_size)
    st = Path(path).stat()
    for key in [k for k in _cache if k[:3] == old]:
        _cache[(old[0], st.st_mtime_ns, st.st_size) + key[3:]] = update(_cache.pop(key))


def read_workbook(path: Path, spec: WorkbookSpec, models: tuple[type[SheetModel], ...] | None = None
                  ) -> WorkbookData:
    """Read the sheets `spec` declares (or just `models`) from the workbook file at `path`."""
    path = Path(path)
    if _live:
        live = _live.get(str(path.resolve()))
        if live is not None:
            return _subset(live, models)
    if _cache is None:
        return _read_workbook(path, spec, models)
    try:
        st = path.stat()
    except OSError:
        return _read_workbook(path, spec, models)
    base = (str(path.resolve()), st.st_mtime_ns, st.st_size, spec.key)
    full = _cache.get(base + (None,))
    if full is not None:  # a full read serves any subset of its sheets
        if models is None:
            return full
        return WorkbookData(full.path, spec, {m: full.sheets[m] for m in models if m in full.sheets},
                            [i for i in full.issues if i.sheet in {m.zh for m in models}])
    key = base + (models,)
    if key not in _cache:
        _cache[key] = _read_workbook(path, spec, models)
    return _cache[key]


def _read_workbook(path: Path, spec: WorkbookSpec, models: tuple[type[SheetModel], ...] | None = None
                   ) -> WorkbookData:
    check_workbook(path)
    if pc is None:
        raise ShopbookError("这里不能读取工作簿文件（缺少 python-calamine）。", "Workbook files cannot be read here "
                            "(python-calamine is missing).", path)
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise ShopbookError("工作簿设置了密码，无法读取。", "The workbook is password-protected.", path) from None
    except Exception as e:  # calamine's own errors are not one hierarchy
        raise ShopbookError(f"工作簿无法读取（已损坏？）：{e}", f"The workbook cannot be read (corrupt?): {e}",
                            path) from None
    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z)

            def get_sheet(name: str):
                # calamine lets go of the GIL while it parses: the scan for error cells (which
                # calamine reads as blanks) runs beside it on the other core, at no cost in time
                errors = beside(_error_cells_in, path, parts.get(name, ""))
                rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
                return rows, errors.result()

            with gc_paused():
                return workbook_from_sheets(path, spec, wb.sheet_names, get_sheet, models)
    except (KeyError, ET.ParseError, zipfile.BadZipFile, pc.CalamineError) as e:
        raise ShopbookError(f"工作簿已损坏，无法读取：{e}", f"The workbook is corrupt and cannot be read: {e}",
                            path) from None
    finally:
        wb.close()
