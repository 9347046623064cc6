"""Putting values into openpyxl cells without ever creating a formula by accident, and
without text an .xlsx cannot hold."""

from __future__ import annotations

from .limits import _NOT_XML


def put(ws, row: int, column: int, value: object):
    """Write `value`; text is always stored as text. openpyxl turns any string that
    starts with '=' into a formula, so a buyer message "=HYPERLINK(…)" would run in
    Excel: forcing the cell type keeps it a literal string."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    return _as_text(cell)


def _as_text(cell):
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


def append(ws, values: list) -> None:
    """ws.append, with text kept as text (see put): for rows that hold names, codes or
    reasons that came from a sheet or a buyer."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        _as_text(cell)


def csv_safe(s: str) -> str:
    """For CSV files opened in Excel, which evaluates =, +, -, @ at the start of a
    field (OWASP: prefix a single quote)."""
    if s and s[0] in "=+-@\t\r":
        return "'" + s
    return s


def _install_xml_guard() -> None:
    """Every openpyxl cell shopbook fills (a price sheet, a count sheet, a review: some 40
    places) drops the characters XML 1.0 cannot hold instead of failing: openpyxl raises on
    control characters (a product name typed with _x000B_ reads as U+000B) and lxml on
    U+FFFE/U+FFFF at save, after the work is done. The reader warns about such text at its
    cell, where it was typed."""
    try:
        from openpyxl.cell.cell import Cell
    except ImportError:  # xlwings Lite without openpyxl: nothing to guard
        return
    if getattr(Cell.check_string, "_shopbook", False):
        return
    original = Cell.check_string

    def check_string(self, value):
        if value.__class__ is str and not value.isprintable():
            value = _NOT_XML.sub("", value)
        return original(self, value)

    check_string._shopbook = True
    Cell.check_string = check_string


_install_xml_guard()
