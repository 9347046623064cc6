"""How a workbook shopbook writes for paper prints: on A4, its columns fitted to the page's width (a
column cut onto a page of its own prints figures apart from the rows they belong to), its header rows
on every page, and its file's name and page x of y in the footer (a loose page says where it belongs:
the file names the batch, the agent and month, the report's day)."""

from __future__ import annotations

# Excel's header/footer codes: &F the file's name, &P the page, &N the pages (LibreOffice reads them too)
FOOTER = {"zh": "第 &P 页，共 &N 页", "en": "Page &P of &N"}


def on_a4(ws, lang: str, title_rows: str | None = None, landscape: bool = False) -> None:
    """Set `ws` to print on A4 (landscape for a sheet too wide to read at portrait's scale), as many
    pages down as it needs and one across, `title_rows` ("4:4") repeated on each page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = "&F"
    ws.oddFooter.right.text = FOOTER["zh" if lang == "zh" else "en"]


# widths of a digit (Excel's column width) A4 portrait holds at full size between Excel's 0.7-inch margins
PORTRAIT = 94


def on_a4_each(wb, lang: str) -> None:
    """Each sheet of a report on A4 (on_a4): the first, its summary, as it is; the others, a list under one
    header row, with that row on every page; a sheet wider than portrait holds at full size on landscape."""
    for k, ws in enumerate(wb.worksheets):
        if k:
            _last_column_whole(ws)
        on_a4(ws, lang, "1:1" if k else None, landscape=_width(ws) > PORTRAIT)
    wrap_notes(wb.worksheets[0])


def _last_column_whole(ws) -> None:
    """A list's last column: its text ran on past it on screen and was cut at the page's edge on paper (a
    held order's reasons, a buyer's message among them). The column is widened to its longest text, up to
    report.widths.MOST, and a text wider still wraps in its cell, its row as tall as its lines."""
    from openpyxl.styles import Alignment

    from .issues import col_letter
    from .report.widths import MOST, text_width

    last = ws.max_column
    texts = [c for (c,) in ws.iter_rows(min_row=2, min_col=last, max_col=last) if c.value.__class__ is str]
    if not texts:
        return
    letter, dims = col_letter(last - 1), ws.column_dimensions
    have = dims[letter].width if letter in dims and dims[letter].width else 8.43
    width = max(have, min(max(text_width(line) for c in texts for line in c.value.splitlines() or [""]) + 2, MOST))
    dims[letter].width = width
    for c in texts:
        if "\n" not in c.value and text_width(c.value) <= width - 2:
            continue  # (most: on one line)
        lines = len(within(c.value, 0.9 * (width - 2)))
        if lines > 1:
            c.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[c.row].height = 15 * lines


def _width(ws) -> float:
    """The sheet's columns' widths added up (Excel's own, 8.43, where none is set)."""
    from .issues import col_letter

    dims = ws.column_dimensions
    return sum((dims[c].width if c in dims and dims[c].width else 8.43) for c in map(col_letter, range(ws.max_column)))


def wrap_notes(ws) -> None:
    """A note alone on its row (column A, nothing beside it) wider than the sheet's columns ran on past the
    page's edge and was cut there on paper (月报's days without figures, in 考核!A2, all but the first few):
    wrapped over the columns instead, its row as tall as its lines (counted at 90 % of the page: a Chinese
    character is a little wider than two digits). The cell keeps the note whole. A summary's few rows."""
    from openpyxl.styles import Alignment

    from .report.widths import text_width

    last, page = ws.max_column, _width(ws) - 2
    if last < 2:
        return
    merged = {str(m).split(":")[0] for m in ws.merged_cells.ranges}
    for row in ws.iter_rows(max_col=last):
        a = row[0]
        if a.value.__class__ is not str or a.coordinate in merged or any(c.value not in (None, "") for c in row[1:]) \
                or text_width(a.value) <= page:
            continue
        lines = len(within(a.value, 0.9 * page))
        ws.merge_cells(start_row=a.row, start_column=1, end_row=a.row, end_column=last)
        a.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[a.row].height = 15 * lines * (a.font.sz or 11) / 11  # (Excel's row of 11-point text)


def within(text: str, width: float) -> list[str]:
    """`text` as the rows a page `width` wide (Excel's column widths: a Chinese character two) prints it on
    whole: broken after the last space that fits (an English sentence, an order number kept whole), else
    where the row is full (Chinese runs on without spaces); its own line breaks kept. Joined, the rows are
    the text. (Text past a sheet's last column is cut on paper.)"""
    from .report.widths import text_width

    out = []
    for line in text.splitlines() or [""]:
        piece, w = "", 0
        for ch in line:
            cw = text_width(ch)
            if w + cw > width and piece:
                cut = piece.rfind(" ") + 1  # (the space kept at the row's end: the rows read as the text)
                head, piece = (piece[:cut], piece[cut:]) if cut > 1 else (piece, "")
                out.append(head)
                w = text_width(piece)
            piece += ch
            w += cw
        out.append(piece)
    return out
