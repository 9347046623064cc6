"""Putting values into openpyxl cells without ever creating a formula by accident, and
without text an .xlsx cannot hold."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import contextmanager

from .limits import _ESCAPE_LIKE, _NOT_XML


def put(ws, row: int, column: int, value: object, number_format: str | None = None):
    """Write `value`; text is always stored as text. openpyxl turns any string that
    starts with '=' into a formula, so a buyer message "=HYPERLINK(…)" would run in
    Excel: forcing the cell type keeps it a literal string. `number_format` is set
    first: a date then keeps it (openpyxl gives a date in a General cell a format of its own)."""
    cell = ws.cell(row=row, column=column)
    if number_format:
        cell.number_format = number_format
    cell.value = value
    return _as_text(cell)


def _as_text(cell):
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


def append(ws, values: list) -> None:
    """ws.append, with text kept as text (see put): for rows that hold names, codes or
    reasons that came from a sheet or a buyer. Only the cells of the appended row given text
    are looked at again: openpyxl's ws.max_row and ws[row] walk every cell of the sheet, so
    asking them per appended row made a sheet of 5,000 rows take seconds."""
    values = list(values)
    ws.append(values)
    row = ws._current_row  # the row append just filled (openpyxl keeps it)
    for col, v in enumerate(values, start=1):
        if isinstance(v, str):  # as stored: the XML guard may have removed what stood before an "="
            _as_text(ws.cell(row=row, column=col))


def excel_csv(head: list, rows: Iterable[Iterable[object]]) -> bytes:
    """A CSV file's bytes as Excel opens it right: UTF-8 with a BOM, `head` then `rows` (their text kept from ever
    becoming a formula by the caller: csv_safe, csv_code)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(head)
    w.writerows(rows)
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def csv_safe(s: str) -> str:
    """For CSV files opened in Excel, which evaluates =, +, -, @ at the start of a
    field (OWASP: prefix a single quote)."""
    if s and s[0] in "=+-@\t\r":
        return "'" + s
    return s


def csv_code(s: str) -> str:
    """A code Excel would turn into a number (3.51513E+18, a phone's leading 0 lost) as
    ="…": Excel evaluates it to the text itself, digit for digit, and Taobao's own 订单报表
    writes order numbers the same way, so the tools shops use read it. A tab before the
    digits also stays text in Excel, but the tab stays in the cell and a lookup against the
    order number in orders.xlsx then misses. Only digits ever go inside: no buyer's text."""
    return f'="{s}"' if s.isdigit() and s.isascii() and (len(s) > 11 or s.startswith("0")) else csv_safe(s)


def _install_xml_guard() -> None:
    """Every openpyxl cell shopbook fills (a price sheet, a count sheet, a review: some 40
    places) drops the characters XML 1.0 cannot hold instead of failing: openpyxl raises on
    control characters (a product name typed with _x000B_ reads as U+000B) and lxml on
    U+FFFE/U+FFFF at save, after the work is done. The reader warns about such text at its
    cell, where it was typed. And a literal `_xHHHH_` typed in a name is written as
    `_x005F_xHHHH_`, as Excel writes it: openpyxl writes it bare, which Excel reads back as
    the escaped character. (Only values set here: a cell openpyxl loads keeps its text as
    stored, already escaped, so validate --write's workbooks are not escaped twice.)"""
    try:
        from openpyxl.cell.cell import Cell
    except ImportError:  # xlwings Lite without openpyxl: nothing to guard
        return
    if getattr(Cell.check_string, "_shopbook", False):
        return
    original = Cell.check_string

    def check_string(self, value):
        if value.__class__ is str:
            if not value.isprintable():
                value = _NOT_XML.sub("", value)
            if "_x" in value:
                value = _ESCAPE_LIKE.sub(r"_x005F_\1", value)
        return original(self, value)

    check_string._shopbook = True
    Cell.check_string = check_string


@contextmanager
def stored_text():
    """openpyxl's readers of shared strings and rich text drop every `x005F_`, so a typed
    `_x0041_` (stored `_x005F_x0041_`) loads as `_x0041_` and is saved bare, which Excel then
    reads as "A" (plain inline strings it loads as stored). Within this, all text loads as
    stored, so a load and save (validate --write) keeps every cell's text as it was, and
    `typed()` gives what a person sees."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import Text
    from openpyxl.reader import excel
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    tag = "{%s}si" % SHEET_MAIN_NS

    def strings(xml_source):
        out = []
        for _, node in iterparse(xml_source):
            if node.tag == tag:
                out.append(Text.from_tree(node).content)
                node.clear()
        return out

    def from_tree(cls, node):  # CellRichText.from_tree, without its replace('x005F_', '')
        text = Text.from_tree(node)
        if text.t:
            return (text.t,)
        return cls([TextBlock(r.rPr, r.t or "") if r.rPr else (r.t or "") for r in text.r])

    saved = excel.read_string_table, CellRichText.__dict__["from_tree"]
    excel.read_string_table, CellRichText.from_tree = strings, classmethod(from_tree)
    try:
        yield
    finally:
        excel.read_string_table, CellRichText.from_tree = saved


def typed(value):
    """Text openpyxl loaded as stored (see stored_text), as Excel shows it: `_xHHHH_` decoded."""
    if value.__class__ is str and "_x" in value:
        from openpyxl.utils.escape import unescape

        return unescape(value)
    return value


class _GuardOnImport:
    """Installs the guard the moment openpyxl's cell module is imported, wherever that
    happens: importing this module costs none of openpyxl's 0.2 s, which a command that
    writes no workbook with openpyxl (review, a stock summary, a P&L) never needs."""

    def find_spec(self, name, path=None, target=None):
        if name != "openpyxl.cell.cell":
            return None
        for finder in sys.meta_path:
            if finder is not self and hasattr(finder, "find_spec"):
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    break
        else:
            return None
        loader = spec.loader

        class Then:
            def create_module(self, spec):
                return loader.create_module(spec)

            def exec_module(self, module):
                loader.exec_module(module)
                _install_xml_guard()

        spec.loader = Then()
        return spec


if "openpyxl.cell.cell" in sys.modules:
    _install_xml_guard()
elif not any(isinstance(f, _GuardOnImport) for f in sys.meta_path):
    sys.meta_path.insert(0, _GuardOnImport())
