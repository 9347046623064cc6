"""Putting values into openpyxl cells without ever creating a formula by accident."""

from __future__ import annotations


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
