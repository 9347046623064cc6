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
    from .issues import col_letter

    for k, ws in enumerate(wb.worksheets):
        dims = ws.column_dimensions
        wide = sum((dims[c].width if c in dims and dims[c].width else 8.43)
                   for c in map(col_letter, range(ws.max_column))) > PORTRAIT
        on_a4(ws, lang, "1:1" if k else None, landscape=wide)


def within(text: str, width: float) -> list[str]:
    """`text` as the rows a page `width` wide (Excel's column widths: a Chinese character two) prints it on
    whole: broken after the last space that fits (an English sentence, an order number kept whole), else
    where the row is full (Chinese runs on without spaces); its own line breaks kept. Joined, the rows are
    the text. (Text past a sheet's last column is cut on paper.)"""
    from unicodedata import east_asian_width

    out = []
    for line in text.splitlines() or [""]:
        piece, w = "", 0
        for ch in line:
            cw = 2 if east_asian_width(ch) in "WF" else 1
            if w + cw > width and piece:
                cut = piece.rfind(" ") + 1  # (the space kept at the row's end: the rows read as the text)
                head, piece = (piece[:cut], piece[cut:]) if cut > 1 else (piece, "")
                out.append(head)
                w = sum(2 if east_asian_width(c) in "WF" else 1 for c in piece)
            piece += ch
            w += cw
        out.append(piece)
    return out
