"""Cells set in a workbook's sheet XML, every other part of the file as it was: what the tests' stand-ins
for a person (cli_run.type_in) and for Excel's Save (xlfake.FakeBook.save) write with, instead of
openpyxl's load and save of the whole workbook (seconds for the demo's year of orders, each time).

Deliberately not shopbook's own cell writer (io/xlsx_patch): what a person typed, or Excel saved, is a
test's input, and must not come from the code the tests check. Plain on purpose: a row index made in
one pass, each changed row rebuilt. Where a sheet is not as plain as this expects (a row or cell
without its r attribute, a value it cannot write), it says so (None) and the caller does it the slow way.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
import zipfile
from collections.abc import Collection
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter

from shopbook.io.sheet_xml import sheet_parts  # (reading which part is which sheet)

_ROW = re.compile(r"<row\b([^>]*?)(/>|>(.*?)</row>)", re.S)
_R = re.compile(r'\sr="(\d+)"')
_CELL = re.compile(r'<c\b([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_CELL_R = re.compile(r'\sr="([A-Z]+)(\d+)"')
_STYLE = re.compile(r'\ss="\d+"')
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}
FORMULA = re.compile(r"<f[\s>/]")  # a cell's formula (not <formula1> of a drop-down)


EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 (of the 1900 date system, after its 29 Feb 1900)


def cell_xml(ref: str, style: str, v, date_style: str | None = None) -> str | None:
    """A cell holding `v` (text inline, numbers and booleans as values, a date or a date and time as
    Excel's serial number in `date_style`, None a blank cell that keeps its style), or None for a
    value this does not write."""
    if isinstance(v, (dt.datetime, dt.date)):
        if date_style is None or (isinstance(v, dt.datetime) and v.tzinfo is not None):
            return None
        serial = (v - EPOCH).total_seconds() / 86400 if isinstance(v, dt.datetime) else (v - EPOCH.date()).days
        return f'<c r="{ref}"{date_style}><v>{serial!r}</v></c>'
    if v is None or v == "":
        return f'<c r="{ref}"{style}/>'
    if v.__class__ is str:
        if v in ERRORS:  # (as Excel and openpyxl take "#N/A" typed: an error value)
            return f'<c r="{ref}"{style} t="e"><v>{v}</v></c>'
        if _NOT_XML.search(v):
            return None
        return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{html.escape(v, quote=False)}</t></is></c>'
    if v.__class__ is bool:
        return f'<c r="{ref}"{style} t="b"><v>{int(v)}</v></c>'
    if v.__class__ is int or (v.__class__ is float and math.isfinite(v)):
        return f'<c r="{ref}"{style}><v>{v!r}</v></c>'
    if v.__class__ is Decimal and v.is_finite():
        return f'<c r="{ref}"{style}><v>{v}</v></c>'
    return None


def set_in_xml(xml: str, cells: dict[tuple[int, int], object], dates: Collection[str] = ()) -> str | None:
    """The sheet XML with {(row, column): value} set (1-based), or None where it cannot. `dates`:
    the style attributes (' s="3"') whose number format is a date's, the first of them the one a
    date takes where its cell has none (date_styles)."""
    by_row: dict[int, dict[int, object]] = {}
    for (r, c), v in cells.items():
        by_row.setdefault(r, {})[c] = v
    wanted = sorted(by_row)
    start = xml.find("<sheetData")
    if start < 0:
        return None
    if xml.startswith("<sheetData/>", start):  # (a sheet with no rows)
        xml = xml[:start] + "<sheetData></sheetData>" + xml[start + len("<sheetData/>"):]
    open_end = xml.index(">", start) + 1
    end = xml.find("</sheetData>", open_end)
    if end < 0:
        return None
    pieces, at, k, last = [], open_end, 0, 0
    for m in _ROW.finditer(xml, open_end, end):
        rm = _R.search(m.group(1))
        if rm is None or int(rm.group(1)) <= last:
            return None
        r = last = int(rm.group(1))
        while k < len(wanted) and wanted[k] <= r:
            pieces.append(xml[at:m.start()])
            at = m.start()
            if wanted[k] == r:
                row = _row_xml(r, m.group(1), m.group(3) or "", by_row[r], dates)
                at = m.end()
            else:  # a row not there yet, before this one
                row = _row_xml(wanted[k], "", "", by_row[wanted[k]], dates)
            if row is None:
                return None
            pieces.append(row)
            k += 1
    pieces.append(xml[at:end])
    for r in wanted[k:]:
        row = _row_xml(r, "", "", by_row[r], dates)
        if row is None:
            return None
        pieces.append(row)
    out = xml[:open_end] + "".join(pieces) + xml[end:]
    return _DIMENSION.sub(lambda d: _grown(d.group(0), wanted[-1] if wanted else 0,
                                           max((c for _, c in cells), default=0)), out, count=1)


def _grown(tag: str, rows: int, columns: int) -> str:
    """A <dimension> tag that also takes in `rows` rows and `columns` columns."""
    ref = re.search(r'ref="([^"]*)"', tag).group(1)
    m = re.fullmatch(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?", ref)
    if m is None:
        return tag
    first = m.group(1) + m.group(2)
    col, row = (m.group(3), int(m.group(4))) if m.group(3) else (m.group(1), int(m.group(2)))
    col_n = max(column_index_from_string(col), columns)
    return f'<dimension ref="{first}:{get_column_letter(col_n)}{max(row, rows)}"/>'


def _row_xml(r: int, attrs: str, inner: str, values: dict[int, object], dates) -> str | None:
    """Row `r` (its tag's attributes and cells) with `values` set."""
    if not attrs:
        attrs = f' r="{r}"'
    attrs = re.sub(r'\sspans="[^"]*"', "", attrs)  # (the cells' extent, which may change)
    have: dict[int, str] = {}  # column → its cell as it is
    for m in _CELL.finditer(inner):
        cm = _CELL_R.search(m.group(1))
        if cm is None or int(cm.group(2)) != r:
            return None
        have[column_index_from_string(cm.group(1))] = m.group(0)
    for c, v in values.items():
        old = have.get(c)
        style = _STYLE.search(_CELL.match(old).group(1)) if old else None
        style = style.group(0) if style else ""
        date_style = style if style in dates else next(iter(dates), None)
        new = cell_xml(f"{get_column_letter(c)}{r}", style, v, date_style)
        if new is None:
            return None
        have[c] = new
    return f"<row{attrs}>" + "".join(have[c] for c in sorted(have)) + "</row>"


def date_styles(z: zipfile.ZipFile) -> tuple[str, ...]:
    """The style attributes (' s="3"') of the package's cell formats whose number format is a date's
    (openpyxl's test), those showing a day first."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    try:
        styles = z.read("xl/styles.xml").decode("utf-8")
    except KeyError:
        return ()
    codes = dict(BUILTIN_FORMATS)
    for m in re.finditer(r'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"', styles):
        codes[int(m.group(1))] = html.unescape(m.group(2))
    xfs = re.search(r"<cellXfs\b.*?</cellXfs>", styles, re.S)
    found = []
    for k, m in enumerate(re.finditer(r"<xf\b([^>]*?)/?>", xfs.group(0) if xfs else "")):
        fmt = re.search(r'numFmtId="(\d+)"', m.group(1))
        code = codes.get(int(fmt.group(1))) if fmt else None
        if code and is_date_format(code):
            found.append((not re.search("[yd]", code.lower()), k))  # (a day's formats before a time's)
    return tuple(f' s="{k}"' for _, k in sorted(found))


def has_formulas(path: Path) -> bool:
    """Whether any sheet of the workbook holds a formula cell."""
    with zipfile.ZipFile(path) as z:
        return any(FORMULA.search(z.read(p).decode("utf-8")) for p in sheet_parts(z).values() if p in z.namelist())


def set_cells(path: Path, sheets: dict[str, dict[tuple[int, int], object]]) -> bool:
    """{sheet name: {(row, column): value}} set in the workbook at `path`, the file written whole
    again; False, with nothing written, where a sheet is not there or not plain enough."""
    path = Path(path)
    with zipfile.ZipFile(path) as z:
        parts = sheet_parts(z)
        dates = date_styles(z)
        new: dict[str, bytes] = {}
        for name, cells in sheets.items():
            part = parts.get(name)
            if part is None or part not in z.namelist():
                return False
            if not cells:
                continue
            xml = set_in_xml(z.read(part).decode("utf-8"), cells, dates)
            if xml is None:
                return False
            new[part] = xml.encode("utf-8")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info in z.infolist():
                data = new.get(info.filename)
                out.writestr(info, data if data is not None else z.read(info.filename))
    path.write_bytes(buf.getvalue())  # (in place: the file keeps its inode and mode, as openpyxl's save kept them)
    return True


_HEAD_ROW = re.compile(r'<row r="1"(?:\s[^>]*?)?(?<!/)>(.*?)</row>', re.S)  # (not an empty row's <row r="1"/>)
_HEAD_CELL = re.compile(r'<c r="([A-Z]+)1"([^>]*?)(?:/>|>(.*?)</c>)', re.S)


def header_letters(xml: str) -> dict[str, str] | None:
    """A sheet's header (row 1) as {text: column letters}, the first of a repeated one (as a
    person's `head.index` finds it); None where a header is in shared strings or there is no row 1."""
    head_row = _HEAD_ROW.search(xml)
    if head_row is None:
        return None
    head: dict[str, str] = {}
    for letters, attrs, inner in _HEAD_CELL.findall(head_row.group(1)):
        if 't="s"' in attrs:
            return None
        text = re.search(r"<t[^>]*>(.*?)</t>", inner or "", re.S)
        head.setdefault(html.unescape(text.group(1)) if text else "", letters)
    return head


_SQREF = re.compile(r'<dataValidation\b[^>]*?\ssqref="([A-Z]+)(\d+):([A-Z]+)(\d+)"[^>]*>.*?</dataValidation>', re.S)
_COL = re.compile(r'<col\b([^>]*?)\smin="(\d+)" max="(\d+)"([^>]*)/>')


def drop_column(path: Path, sheet: str, header: str) -> bool:
    """The column headed `header` deleted from a small sheet, as Excel's Delete Column does: its
    cells gone and those right of it moved one left, with the sheet's dimension, column widths,
    drop-downs and table (its range and columns). False, with nothing written, where the sheet is
    not as plain as that (a range of several columns, merged cells, conditional formats)."""
    path = Path(path)
    with zipfile.ZipFile(path) as z:
        part = sheet_parts(z).get(sheet)
        if part is None or part not in z.namelist():
            return False
        xml = z.read(part).decode("utf-8")
        if "<mergeCell" in xml or "<conditionalFormatting" in xml:
            return False
        heads = header_letters(xml)
        if heads is None or header not in heads:
            return False
        gone = column_index_from_string(heads[header])

        def moved(letters: str) -> str:
            k = column_index_from_string(letters)
            return get_column_letter(k - 1 if k > gone else k)

        def cell(m: re.Match) -> str:
            ref = _CELL_R.search(m.group(1))
            if ref is None:
                raise ValueError
            if column_index_from_string(ref.group(1)) == gone:
                return ""
            return m.group(0).replace(ref.group(0), f' r="{moved(ref.group(1))}{ref.group(2)}"', 1)

        def col(m: re.Match) -> str:
            lo, hi = int(m.group(2)), int(m.group(3))
            if lo != hi:
                raise ValueError
            if lo == gone:
                return ""
            return f'<col{m.group(1)} min="{lo - (lo > gone)}" max="{hi - (hi > gone)}"{m.group(4)}/>'

        def validation(m: re.Match) -> str:
            if m.group(1) != m.group(3):
                raise ValueError
            if column_index_from_string(m.group(1)) == gone:
                return ""
            new = f'sqref="{moved(m.group(1))}{m.group(2)}:{moved(m.group(3))}{m.group(4)}"'
            return m.group(0).replace(f'sqref="{m.group(1)}{m.group(2)}:{m.group(3)}{m.group(4)}"', new, 1)

        def shrunk(ref: str) -> str:  # a range from column A reaching the column ends one column sooner
            first, last = ref.split(":")
            letters, row = re.match(r"([A-Z]+)(\d+)", last).groups()
            k = column_index_from_string(letters)
            return f"{first}:{get_column_letter(k - 1 if k >= gone else k)}{row}"

        try:
            xml = _CELL.sub(cell, xml)
            xml = _COL.sub(col, xml)
            xml = _SQREF.sub(validation, xml)
        except ValueError:
            return False
        left = xml.count("<dataValidation ")
        xml = (re.sub(r'<dataValidations count="\d+"', f'<dataValidations count="{left}"', xml) if left
               else re.sub(r"<dataValidations\b[^>]*>\s*</dataValidations>", "", xml))
        xml = re.sub(r'<dimension ref="([^"]+)"', lambda m: f'<dimension ref="{shrunk(m.group(1))}"', xml)
        new = {part: xml.encode("utf-8")}
        rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        for target in re.findall(r'Target="([^"]*table[^"]*)"', z.read(rels).decode()) if rels in z.namelist() else ():
            table = "xl/tables/" + target.rsplit("/", 1)[1]
            t = z.read(table).decode("utf-8")
            t = re.sub(r'\sref="([^"]+)"', lambda m: f' ref="{shrunk(m.group(1))}"', t)
            name = re.escape(html.escape(header, quote=True))
            t = re.sub(rf'<tableColumn id="\d+" name="{name}"\s*/>', "", t, count=1)
            t = re.sub(r'<tableColumns count="\d+"', lambda _: f'<tableColumns count="{t.count("<tableColumn ")}"', t)
            new[table] = t.encode("utf-8")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info in z.infolist():
                out.writestr(info, new[info.filename] if info.filename in new else z.read(info.filename))
    path.write_bytes(buf.getvalue())
    return True


_SHEETS = re.compile(r"<sheets>(.*?)</sheets>", re.S)
_SHEET = re.compile(r"<sheet\b[^>]*?/>", re.S)
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def set_cells_and_sheets(path: Path, names: list[str], sheets: dict[str, dict[tuple[int, int], object]]) -> bool:
    """set_cells, where the workbook's sheets become `names`: those of the file not among them deleted, those
    it lacks added (empty, then given `sheets`' cells), as Excel's Save writes a book whose sheets were added
    or deleted; False, with nothing written, unless every sheet the file keeps keeps its place (a print title
    or other name of one sheet is held by its place) and no such name is left on a deleted one."""
    path = Path(path)
    with zipfile.ZipFile(path) as z:
        parts = sheet_parts(z)
        old = list(parts)
        if any(n in parts and old.index(n) != i for i, n in enumerate(names)) or len(set(names)) != len(names):
            return False
        wb = z.read("xl/workbook.xml").decode("utf-8")
        listed = _SHEETS.search(wb)
        if listed is None or "purl.oclc.org" in wb:
            return False
        tags = {html.unescape(re.search(r'\sname="([^"]*)"', t).group(1)): t for t in _SHEET.findall(listed.group(1))}
        if list(tags) != old:
            return False
        removed = [n for n in old if n not in names]
        if any(f'localSheetId="{old.index(n)}"' in wb for n in removed):
            return False
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        types = z.read("[Content_Types].xml").decode("utf-8")
        dates = date_styles(z)
        gone = set()
        for n in removed:
            rid = re.search(r'\sr:id="([^"]+)"', tags[n]).group(1)
            rels, k = re.subn(rf'<Relationship\b[^>]*?\sId="{re.escape(rid)}"[^>]*/>', "", rels)
            types = types.replace(f'<Override PartName="/{parts[n]}" ContentType="{WORKSHEET_TYPE}"/>', "")
            if k != 1:
                return False
            gone |= {parts[n], parts[n].replace("worksheets/", "worksheets/_rels/") + ".rels"}
        new: dict[str, bytes] = {}
        ids = [int(i) for i in re.findall(r'\ssheetId="(\d+)"', listed.group(1))]
        rid_n = max(map(int, re.findall(r'\sId="rId(\d+)"', rels)), default=0)
        part_n = max((int(m) for m in re.findall(r"xl/worksheets/sheet(\d+)\.xml", " ".join(z.namelist()))), default=0)
        for n in names:
            if n in tags:
                continue
            sheet_id, rid_n, part_n = max(ids, default=0) + 1, rid_n + 1, part_n + 1
            ids.append(sheet_id)
            part = f"xl/worksheets/sheet{part_n}.xml"
            tags[n] = (f'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                       f'name="{html.escape(n, quote=True)}" sheetId="{sheet_id}" state="visible" r:id="rId{rid_n}"/>')
            rels = rels.replace("</Relationships>",
                                f'<Relationship Type="{WORKSHEET}" Target="/{part}" Id="rId{rid_n}"/></Relationships>')
            types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{WORKSHEET_TYPE}"/></Types>')
            xml = set_in_xml('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                             "<sheetData/></worksheet>", sheets.get(n, {}), dates)
            if xml is None:
                return False
            new[part] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml.encode("utf-8"))
        for name, cells in sheets.items():
            if name in parts and name in names and cells:
                xml = set_in_xml(z.read(parts[name]).decode("utf-8"), cells, dates)
                if xml is None:
                    return False
                new[parts[name]] = xml.encode("utf-8")
        wb = wb[:listed.start(1)] + "".join(tags[n] for n in names) + wb[listed.end(1):]
        wb = re.sub(r'\sactiveTab="(\d+)"', lambda m: m.group(0) if int(m.group(1)) < len(names) else ' activeTab="0"', wb)
        new.update({"xl/workbook.xml": wb.encode("utf-8"), "xl/_rels/workbook.xml.rels": rels.encode("utf-8"),
                    "[Content_Types].xml": types.encode("utf-8")})
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info in z.infolist():
                if info.filename not in gone:
                    data = new.pop(info.filename, None)
                    out.writestr(info, data if data is not None else z.read(info.filename))
            for name, data in new.items():  # the sheets added
                out.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return True
