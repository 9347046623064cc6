"""Column widths of a report's sheets, from what they hold.

Excel opens a column at its default width (8.43 characters): a date as yyyy-mm-dd or a month's
sales as 477,955.49 is wider, and Excel and LibreOffice show it as ########; a text cell is cut
where the cell to its right holds something (a header over its figures, a reason beside its
quantity). A text with nothing to its right runs on over the empty cells, so it widens nothing
(a note under a table keeps its column narrow)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..issues import col_letter  # (openpyxl's would be imported by every daily run, an unchanged one too)

LEAST, MOST = 8.43, 60  # Excel's default width; a wider text wraps in no one's screen anyway
_QUOTED = re.compile(r'"([^"]*)"')


def text_width(text: str) -> int:
    """Characters as Excel counts a column's width: a Chinese character (or full-width one) is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def shown(value, number_format: str) -> str:
    """A number or date about as the cell's format shows it (only its width matters)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return "2026-01-01 00:00" if "h" in number_format.lower() else "2026-01-01"
    fmt = _QUOTED.sub("", number_format)
    places = len(fmt.split(".", 1)[1].rstrip("%")) if "." in fmt else 0
    literal = "".join(_QUOTED.findall(number_format))
    if "%" in fmt:
        return f"{value * 100:.{places}f}%" + literal
    if fmt == "General":
        return str(value) if isinstance(value, int) else f"{value:.10g}"
    return literal + (f"{value:,.{places}f}" if "," in fmt else f"{value:.{places}f}")


def fit_columns(ws, first_row: int = 1, last_row: int | None = None) -> None:
    """Widen each column of rows first_row…last_row to what it must show whole (never narrower
    than a width already set)."""
    need: dict[int, float] = {}
    for row in ws.iter_rows(min_row=first_row, max_row=last_row or ws.max_row):
        for i, c in enumerate(row):
            v = c.value
            if v is None or isinstance(v, bool):
                continue
            if isinstance(v, str):
                right = row[i + 1].value if i + 1 < len(row) else None
                if right in (None, "") or v.startswith("="):
                    continue  # runs on over the empty cells beside it
                w = max(text_width(line) for line in v.splitlines() or [""])
            elif isinstance(v, (int, float, dt.date)):
                w = text_width(shown(v, c.number_format))
            else:
                continue
            need[c.column] = max(need.get(c.column, 0), w + 2)  # (Excel's own margin, and a bold header's)
    for col, w in need.items():
        letter = col_letter(col - 1)
        was = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0
        ws.column_dimensions[letter].width = max(was, min(max(w, LEAST), MOST))
