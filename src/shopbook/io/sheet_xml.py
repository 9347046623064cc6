"""What a sheet's XML says, found by scanning its bytes: where each sheet is, its first rows,
its merged ranges, its error cells and formulas without a value, what calamine would misread.

Nothing here depends on the schema or imports anything heavy: a command can begin on its biggest
sheet (io/prefetch) while the rest of shopbook is still being imported.
"""

from __future__ import annotations

import html
import re
import zipfile
from posixpath import join as zjoin, normpath
from xml.etree import ElementTree as ET

from . import limits

HEAD_ROWS = 20  # the rows a header is looked for in (io.reader.HEADER_SCAN_ROWS)

_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData>")

_CELL_E = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VAL = re.compile(rb"<(?:\w+:)?v>([^<]*)</")


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
# Excel's "Strict Open XML Spreadsheet" save: the same parts in other namespaces
_NS_STRICT = {"m": "http://purl.oclc.org/ooxml/spreadsheetml/main",
              "r": "http://purl.oclc.org/ooxml/officeDocument/relationships"}
_STRICT_WORKBOOK = f"{{{_NS_STRICT['m']}}}workbook"


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the XML part that holds it."""
    rel_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    ns = _NS_STRICT if wb.tag == _STRICT_WORKBOOK else _NS
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{rel_ns}Relationship")}
    out = {}
    for s in wb.iterfind("m:sheets/m:sheet", ns):
        target = targets.get(s.get(f"{{{ns['r']}}}id"), "")
        out[s.get("name")] = part_named("xl", target)
    return out


def part_named(folder: str, target: str) -> str:
    """The zip part a relationship's Target names, from the `folder` of the part it belongs to
    (openpyxl writes /xl/tables/table1.xml, Excel ../tables/table1.xml)."""
    return target.lstrip("/") if target.startswith("/") else normpath(zjoin(folder, target))


def rels_part(part: str) -> str:
    """The relationships part of `part` (xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels)."""
    folder, name = part.rsplit("/", 1)
    return f"{folder}/_rels/{name}.rels"


_TABLE_TARGET = re.compile(rb'Target="([^"]*tables/[^"]+)"')


def table_parts(part: str, rels: bytes):
    """The parts of the Excel tables on sheet `part`, as its relationships (`rels`) name them, in order."""
    folder = part.rsplit("/", 1)[0]
    return (part_named(folder, t.decode()) for t in _TABLE_TARGET.findall(rels))


def error_cells_in_xml(data: bytes, formulas: bool | None = None) -> dict[tuple[int, int], str]:
    """(0-based row, col) → the error value Excel cached there (#REF! …), or "=" and the formula
    where a formula holds no value at all (a file a script wrote and no Excel ever calculated:
    calamine reads the cell as blank, which it is not). `formulas`: limits.FORMULA(data), if asked already."""
    # a sheet without formulas has no "f>" (one fast scan); one with them is searched further
    if formulas is None:
        formulas = limits.FORMULA(data)
    out = uncached_formulas(data) if formulas and limits.UNCACHED_FORMULA(data) else {}
    if not limits.ERROR_CELL(data):  # the common case: two fast scans, nothing to do
        return out
    for m in _CELL_E.finditer(data):
        ref = _REF.search(m.group(1))
        val = _VAL.search(m.group(2))
        if ref:
            out[(int(ref.group(2)) - 1, _col_index(ref.group(1)))] = (
                val.group(1).decode("utf-8", "replace") if val else "#ERROR")
    return out


_CELL_F = re.compile(rb'<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)</(?:\w+:)?f>)\s*'
                     rb'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')
_TEXT_TYPE = re.compile(rb'\bt="(?:str|inlineStr)"')
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)>\s*<(?:\w+:)?f[\s/>]')  # a cell whose first child is its formula


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def merged_ranges(data: bytes) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet's XML, (first row, first col, last row, last col), rows
    1-based, columns 0-based. They follow the cells (after </sheetData>): only the tail is searched."""
    tail = data.rfind(b"sheetData>")
    at = data.find(b"mergeCell", max(tail, 0))
    if at < 0:
        return []
    return [(int(r1), _col_index(c1), int(r2), _col_index(c2)) for c1, r1, c2, r2 in _MERGE.findall(data, at - 10)]


def uncached_formulas(data: bytes) -> dict[tuple[int, int], str]:
    """The formula cells of a sheet's XML that hold no value: (0-based row, col) → "=" and the
    formula (a shared formula's other cells: "=" alone). Excel's empty text (t="str") is a value."""
    out = {}
    for m in _CELL_F.finditer(data):
        attrs = m.group(1)
        if attrs.endswith(b"/") or _TEXT_TYPE.search(attrs):
            continue
        ref = _REF.search(attrs)
        if ref:
            text = html.unescape((m.group(3) or b"").decode("utf-8", "replace"))
            out[(int(ref.group(2)) - 1, _col_index(ref.group(1)))] = "=" + text
    return out


def formula_cells(data: bytes) -> set[tuple[int, int]]:
    """The cells of a sheet's XML that hold a formula, cached value or not: (0-based row, col)."""
    out = set()
    for m in _FORMULA_CELL.finditer(data):
        ref = _REF.search(m.group(1))
        if ref:
            out.add((int(ref.group(2)) - 1, _col_index(ref.group(1))))
    return out


def formula_fields(path, sd) -> set[tuple[int, str]]:
    """The (row, field) of sheet `sd`'s declared cells (a reader's SheetData) that hold a formula in
    workbook `path`: a cell a person made, blank as its value may read (=IFERROR(VLOOKUP(…),"")),
    that a command filling in blanks must not write over."""
    by_col = {c: f for f, c in sd.columns.items()}
    with zipfile.ZipFile(path) as z:
        part = sheet_parts(z).get(sd.sheet)
        cells = formula_cells(limits.read_member(z, part, path)) if part and part in z.namelist() else set()
    return {(r + 1, by_col[c]) for r, c in cells if c in by_col}


_CELL_WITH_F = re.compile(rb'<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)</(?:\w+:)?f>)')
_SHARED_ID = re.compile(rb'\bsi="(\d+)"')


def formulas_in_xml(data: bytes) -> dict[tuple[int, int], str]:
    """Every formula of a sheet's XML as a person sees it in the cell: (0-based row, col) → "=…".
    A shared formula (Excel's fill-down: its text on the first cell only) is given each of its
    cells, moved as Excel moves it; an array formula on its first cell."""
    if not limits.FORMULA(data):
        return {}
    out: dict[tuple[int, int], str] = {}
    shared: dict[bytes, tuple[str, str]] = {}  # si → (first cell's ref, its formula)
    later: list[tuple[tuple[int, int], str, bytes]] = []
    for m in _CELL_WITH_F.finditer(data):
        ref = _REF.search(m.group(1))
        if not ref:
            continue
        at = (int(ref.group(2)) - 1, _col_index(ref.group(1)))
        cell = (ref.group(1) + ref.group(2)).decode()
        text = html.unescape((m.group(3) or b"").decode("utf-8", "replace"))
        si = _SHARED_ID.search(m.group(2)) if b"shared" in m.group(2) else None
        if text:
            out[at] = "=" + text
            if si:
                shared.setdefault(si.group(1), (cell, "=" + text))
        elif si:
            later.append((at, cell, si.group(1)))
    if later:
        from openpyxl.formula.translate import Translator

        for at, cell, si in later:
            if si in shared:
                origin, text = shared[si]
                out[at] = Translator(text, origin=origin).translate_formula(cell)
    return out


_STYLED_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bs="(\d+)"[^>]*)>')


def cell_styles_in_xml(data: bytes) -> dict[tuple[int, int], int]:
    """The style (its cellXfs index) of each cell of a sheet's XML that has one: (0-based row, col) → index.
    A fill or font a person gave a cell is its style."""
    out = {}
    for m in _STYLED_CELL.finditer(data):
        ref = _REF.search(m.group(1))
        if ref and m.group(2) != b"0":
            out[(int(ref.group(2)) - 1, _col_index(ref.group(1)))] = int(m.group(2))
    return out


_SHEET_DATA_PREFIX = re.compile(rb"<(\w+:)?sheetData\b")


def formula_rows(data: bytes, col: int, rows) -> set[int]:
    """Of `rows` (1-based), those whose cell in column `col` (0-based) of a sheet's XML holds a
    formula, cached value or not (a shared formula's other cells too): each formula's cell found
    back from its tag, not every cell looked at (a sheet of a year's orders and a few formulas:
    one search, 0.04 s over 67 MB)."""
    m = _SHEET_DATA_PREFIX.search(data)
    p = (m.group(1) or b"") if m else b""
    cell = b"<" + p + b"c"
    out = set()
    for f in re.finditer(b"<" + re.escape(p) + rb"f[\s/>]", data):
        at = data.rfind(cell, 0, f.start())
        ref = _REF.search(data, at, f.start()) if at >= 0 else None
        if ref and _col_index(ref.group(1)) == col and int(ref.group(2)) in rows:
            out.add(int(ref.group(2)))
    return out


def head_xml(data: bytes, rows: int = HEAD_ROWS) -> bytes | None:
    """The sheet's XML with its first `rows` rows only; None when it has no row past them or
    a row without its number (calamine would count those, this cut could not)."""
    seen = 0
    for m in _ROW.finditer(data):
        seen += 1
        if int(m.group(1)) > rows:
            if data.count(b"<row", 0, m.start()) != seen - 1:  # an unnumbered (or prefixed) row before it
                return None
            end = data.rfind(b"sheetData>")  # from the end: a search from the cut would read the whole sheet
            end = data.rfind(b"</", m.start(), end)
            if end < 0 or not _SHEET_DATA_END.match(data, end):
                return None
            return data[:m.start()] + data[end:]
    return None


_ESCAPED = re.compile(rb"_x[0-9A-Fa-f]{4}_")


def scans(data: bytes) -> tuple[dict[tuple[int, int], str], bool, bool, bool]:
    """(the error cells, whether it holds values that are not what calamine makes of them,
    whether it may hold text an .xlsx cannot hold, whether it holds any formula): what a read looks
    for in a sheet's XML beside its parse (calamine reads an error cell as a blank, a NaN as a
    number). The last is kept with the read (SheetData.formulas): most sheets have none, and a
    command about to fill cells in then looks for a person's formula no further."""
    formulas = limits.FORMULA(data)
    return error_cells_in_xml(data, formulas), limits.odd_values(data), limits.may_hold_not_xml(data), formulas


def scans_with_escapes(data: bytes) -> tuple:
    """scans(), and whether the XML holds escaped characters (_x000D_), which fastexcel keeps as
    they are written (io/arrow_read)."""
    return *scans(data), b"_" in data and b"_x" in data and _ESCAPED.search(data) is not None
