"""Shop workbooks made from the schema: templates, new shops and the demo shop.

Each data sheet is a real Excel table with a styled, frozen header, widths and
number formats by column kind, drop-downs for enumerations and for columns drawn
from another sheet, and a 说明 / How to use sheet generated from the same
declaration. Given records, the rows are filled in and the table grows to fit.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from .io.cells import put
from .io.files import write_atomic
from .schema import SheetModel, WorkbookSpec
from .schema.base import NUMBER_FORMATS, Kind
from .schema.lists import shown_words
from .values import cell_value as _cell_value  # (where it lives: the writers that need no openpyxl)

FIXED_TIME = dt.datetime(2026, 1, 1)  # templates carry no build time, so rebuilding changes nothing
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
REQUIRED_FONT = Font(bold=True, color="FFE699")
VALIDATION_ROWS = 5000  # drop-downs reach this far below the header

WIDTHS = {Kind.DATE: 12, Kind.DATETIME: 19, Kind.MONEY: 12, Kind.CODE: 14, Kind.BOOL: 8, Kind.CHOICE: 10}

KIND_WORDS = {
    Kind.TEXT: ("文本", "text"), Kind.CODE: ("编码（文本）", "code (text)"), Kind.MONEY: ("金额", "money"),
    Kind.DECIMAL: ("数字", "number"), Kind.FIGURE: ("数字或金额", "number or amount"), Kind.INT: ("整数", "whole number"), Kind.PERCENT: ("百分比", "percent"),
    Kind.DATE: ("日期", "date"), Kind.DATETIME: ("日期时间", "date-time"), Kind.BOOL: ("是/否", "yes/no"),
    Kind.CHOICE: ("可选值", "choice"),
}


def table_name(model: type[SheetModel]) -> str:
    return "tbl_" + model.__name__


def add_data_sheet(wb: Workbook, model: type[SheetModel], lang: str, records: Iterable[SheetModel] = (),
                   first: bool = False, later: dict | None = None):
    """The sheet of `model`, its records in rows. `later` (write_workbook's): the records from
    the second on are not made into openpyxl cells but kept there, by sheet, for stable_save to
    write as the XML openpyxl would have written for them (_LaterRows)."""
    ws = wb.active if first else wb.create_sheet()
    ws.title = model.title(lang)
    cols = model.columns()
    for j, col in enumerate(cols, start=1):
        c = ws.cell(row=1, column=j, value=col.header(lang))
        c.fill = HEADER_FILL
        c.font = REQUIRED_FONT if col.required else HEADER_FONT
        c.alignment = Alignment(horizontal="center", vertical="center")
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = col.col.width or WIDTHS.get(col.kind, 11) + (
            2 if lang == "en" else 0)
    shaped = [(j, col, NUMBER_FORMATS.get(col.kind)) for j, col in enumerate(cols, start=1)]
    n = 0
    records = iter(records)
    for n, rec in enumerate(records, start=1):  # (each cell's format with its value: one look-up of the cell)
        for j, col, fmt in shaped:
            put(ws, n + 1, j, _cell_value(col, getattr(rec, col.name, None), lang), fmt)
        # the first row in cells: its styles are those openpyxl gives every row (unless a date there
        # got a format of its own: then every row is made into cells)
        if n == 1 and later is not None and not _dated_apart(ws, shaped):
            rest = list(records)
            if rest:
                later[ws] = _LaterRows(rest, shaped, lang)
                n += len(rest)
            break
    last_row = max(n + 1, 2)  # an Excel table needs one data row, even an empty one: its cells formatted
    if n == 0:
        for j, _, fmt in shaped:
            if fmt:
                ws.cell(row=2, column=j).number_format = fmt
    ref = f"A1:{get_column_letter(len(cols))}{last_row}"
    t = Table(displayName=table_name(model), ref=ref)
    t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    # its columns named from the header here, as openpyxl's save would: that looks the whole table's
    # range up, making a cell of every one it lacks (the rows kept for later: a year's 300,000)
    t._initialise_columns()
    for j, tc in enumerate(t.tableColumns, start=1):
        tc.name = str(ws.cell(row=1, column=j).value)
    ws.add_table(t)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    return ws


class _LaterRows(NamedTuple):
    """A data sheet's records from its second on (row 3 down), written by stable_save."""

    records: list
    shaped: list  # (column number, column, number format)
    lang: str


def _dated_apart(ws, shaped: list) -> bool:
    """Whether row 2 holds a date in a column without a date format (openpyxl gave it one of its own)."""
    return any(isinstance(ws.cell(row=2, column=j).value, (dt.date, dt.time, dt.timedelta))
               and not is_date_format(fmt or "General") for j, _, fmt in shaped)


class _NotPlain(Exception):
    """A value whose cell _rows_xml does not write as openpyxl would: the sheet goes through openpyxl."""


_ROW2_STYLES = re.compile(rb'<c r="([A-Z]+)2"( s="\d+")?')
_CR = {"\r": "&#13;"}  # cell text as lxml writes it: markup, and a carriage return as a reference


def _rows_xml(ws, later: _LaterRows, row2: bytes) -> bytes:
    """Rows 3 on of a data sheet, as the XML openpyxl 3.1 writes for the cells `put` makes of
    them, byte for byte (tests/test_workbook_builder.py holds the two equal), without a cell
    object each: the demo's year (300,000 cells) is made in 3 s instead of 13. Every row's cells have the
    style openpyxl gave its column in row 2 (`row2`, as saved): the number format alone. Text goes
    through openpyxl's own check (with io.cells' guard), and a value of a kind this does not
    write (a date in a column without a date format, NaN) raises _NotPlain."""
    styles = {letter.decode(): s.decode() if s else "" for letter, s in _ROW2_STYLES.findall(row2)}
    check = ws.cell(row=1, column=1).check_string  # (openpyxl's, guarded: a method that keeps no state)
    lang = later.lang
    # (a column without a format has no style: a date there would get one of its own, so raises)
    shaped = [(get_column_letter(j), col, styles.get(get_column_letter(j), "") if fmt else "",
               is_date_format(fmt or "General")) for j, col, fmt in later.shaped]
    epoch = ws.parent.epoch
    out = []
    for r, rec in enumerate(later.records, start=3):
        out.append(f'<row r="{r}">')
        for letter, col, s, dated in shaped:
            v = _cell_value(col, getattr(rec, col.name, None), lang)
            cls = v.__class__
            if cls is str:
                v = check(v)
                if v == "":
                    out.append(f'<c r="{letter}{r}"{s} t="inlineStr"></c>')
                elif v in ERROR_CODES:
                    out.append(f'<c r="{letter}{r}"{s} t="e"><v>{v}</v></c>')
                else:
                    space = ' xml:space="preserve"' if v != v.strip() else ""
                    out.append(f'<c r="{letter}{r}"{s} t="inlineStr"><is><t{space}>{escape(v, _CR)}</t></is></c>')
            elif v is None:
                if s:
                    out.append(f'<c r="{letter}{r}"{s} t="n"></c>')
            elif cls is int or (cls is float and math.isfinite(v)):
                out.append(f'<c r="{letter}{r}"{s} t="n"><v>{"%.16g" % v}</v></c>')
            elif cls is bool:
                out.append(f'<c r="{letter}{r}"{s} t="b"><v>{int(v)}</v></c>')
            elif (cls is dt.date or cls is dt.datetime) and dated and getattr(v, "tzinfo", None) is None:
                out.append(f'<c r="{letter}{r}"{s} t="n"><v>{"%.16g" % to_excel(v, epoch)}</v></c>')
            else:
                raise _NotPlain(v)
        out.append("</row>")
    return "".join(out).encode("ascii", "xmlcharrefreplace")  # (as lxml writes it: &#N; for each non-ASCII one)


def add_validations(wb: Workbook, spec: WorkbookSpec, lang: str) -> None:
    """Drop-downs: enumerations as fixed lists, 账户/类别/等级 from their own sheets."""
    titles = {m: m.title(lang) for m in spec.sheets}
    by_zh = {m.zh: m for m in spec.sheets}
    for model in spec.sheets:
        ws = wb[titles[model]]
        for j, col in enumerate(model.columns(), start=1):
            letter = get_column_letter(j)
            area = f"{letter}2:{letter}{VALIDATION_ROWS}"
            if col.choice is not None:
                words = ",".join(m.label(lang) for m in col.choice)
                dv = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
            elif col.kind is Kind.BOOL:
                words = "是,否" if lang == "zh" else "yes,no"
                dv = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
            elif col.col.one_of and len(words := ",".join(shown_words(col.col.one_of, lang))) <= 255:
                # Excel's limit for a typed list; a warning, not a stop: 浙江省 is 浙江 too
                dv = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True, errorStyle="warning")
            elif col.col.list_from and col.col.list_from[0] in by_zh:
                src = by_zh[col.col.list_from[0]]
                k = next(i for i, c in enumerate(src.columns(), start=1) if c.name == col.col.list_from[1])
                src_letter = get_column_letter(k)
                dv = DataValidation(type="list", allow_blank=True,
                                    formula1=f"'{titles[src]}'!${src_letter}$2:${src_letter}${VALIDATION_ROWS}")
            else:
                continue
            dv.error = (f"请从列表中选择“{col.header(lang)}”。" if lang == "zh"
                        else f"Choose a value for '{col.header(lang)}' from the list.")
            dv.errorTitle = "shopbook"
            dv.showErrorMessage = True
            dv.add(area)
            ws.add_data_validation(dv)


HOWTO = {
    "zh": ("说明", ["工作表", "列", "必填", "类型", "说明"],
           "这个工作簿由 shopbook 的表结构生成。列可以调换顺序、可以加自己的列；请不要改列名。"
           "带 * 的列（表头金色字）必填。运行 shopbook validate 检查每个单元格。"),
    "en": ("How to use", ["Sheet", "Column", "Required", "Type", "Notes"],
           "This workbook is generated from shopbook's schema. Columns may be reordered and you may add "
           "your own; do not rename these. Gold header text marks a required column. Run "
           "shopbook validate to check every cell."),
}


def add_howto_sheet(wb: Workbook, spec: WorkbookSpec, lang: str) -> None:
    title, heads, intro = HOWTO[lang]
    ws = wb.create_sheet(title)
    ws["A1"] = f"{spec.title(lang)} — {spec.filename}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = intro
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A2:E2")
    ws.row_dimensions[2].height = 45
    for j, h in enumerate(heads, start=1):
        c = ws.cell(row=4, column=j, value=h)
        c.font, c.fill = HEADER_FONT, HEADER_FILL
    r = 5
    for model in spec.sheets:
        about = model.about_zh if lang == "zh" else model.about_en
        ws.cell(row=r, column=1, value=model.title(lang)).font = Font(bold=True)
        ws.cell(row=r, column=5, value=about)
        r += 1
        for col in model.columns():
            kind = KIND_WORDS[col.kind][0 if lang == "zh" else 1]
            if col.choice is not None:
                kind += "：" if lang == "zh" else ": "
                kind += " / ".join(m.label(lang) for m in col.choice)
            elif col.col.one_of:
                kind += "，可填：" if lang == "zh" else ", one of: "
                kind += " / ".join(shown_words(col.col.one_of, lang))
            # the Chinese sheet names each column's English header too (the reader takes either);
            # an English shop's reads English alone
            header = f"{col.header(lang)} ({col.col.en})" if lang == "zh" else col.header(lang)
            note = col.col.help_zh if lang == "zh" else col.col.help_en
            ws.cell(row=r, column=2, value=header)
            ws.cell(row=r, column=3, value=("是" if lang == "zh" else "yes") if col.required else "")
            ws.cell(row=r, column=4, value=kind)
            ws.cell(row=r, column=5, value=note)
            r += 1
    for letter, w in zip("ABCDE", (14, 26, 8, 30, 50)):
        ws.column_dimensions[letter].width = w


def build_workbook(spec: WorkbookSpec, lang: str = "zh",
                   data: dict[type[SheetModel], Iterable[SheetModel]] | None = None,
                   later: dict | None = None) -> Workbook:
    """The workbook, every record in cells; with `later`, those add_data_sheet keeps there for
    stable_save (write_workbook's way)."""
    wb = Workbook()
    data = data or {}
    for i, model in enumerate(spec.sheets):
        add_data_sheet(wb, model, lang, data.get(model, ()), first=(i == 0), later=later)
    add_validations(wb, spec, lang)
    add_howto_sheet(wb, spec, lang)
    wb.properties.creator = "shopbook"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    return wb


def stable_save(wb: Workbook, path: Path, later: dict | None = None) -> None:
    """Save with fixed zip dates and a fixed modified time, so the same workbook
    gives the same bytes (generated files do not churn in version control). `later`: rows
    build_workbook kept out of the cells, written into their sheets here (_rows_xml); _NotPlain
    when one holds a value only openpyxl writes as openpyxl does, before anything is written."""
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    later = {ws.path[1:]: (ws, rows) for ws, rows in (later or {}).items()}  # (a sheet's path is set as it is saved)
    parts = []
    with zipfile.ZipFile(buf) as src:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.isoformat().encode() + b"Z",
                              data)
            elif info.filename in later:
                data = _with_rows(data, *later[info.filename])
            parts.append((info.filename, data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            dst.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def _with_rows(xml: bytes, ws, rows: _LaterRows) -> bytes:
    """The sheet openpyxl wrote with rows 1–2, with rows 3 on after them and its dimension
    reaching the last (what openpyxl writes with every row in cells)."""
    start = xml.index(b'<row r="2">')
    end = xml.index(b"</row>", start)
    body = _rows_xml(ws, rows, xml[start:end])
    last = 2 + len(rows.records)
    xml = re.sub(rb'(<dimension ref="A1:[A-Z]+)2"', rb'\g<1>%d"' % last, xml, count=1)
    at = xml.index(b"</sheetData>")
    return xml[:at] + body + xml[at:]


def write_workbook(path: Path, spec: WorkbookSpec, lang: str = "zh",
                   data: dict[type[SheetModel], Iterable[SheetModel]] | None = None,
                   keep_backup: bool = True) -> Path:
    data = {model: list(rows) for model, rows in (data or {}).items()}
    later: dict = {}
    wb = build_workbook(spec, lang, data, later)

    def save(p: Path) -> None:
        try:
            stable_save(wb, p, later)
        except _NotPlain:  # every row in cells: a workbook built again (its styles numbered in the writer's order)
            stable_save(build_workbook(spec, lang, data), p)

    return write_atomic(Path(path), save, keep_backup=keep_backup)
