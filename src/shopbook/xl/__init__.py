"""Excel's edge: what the ribbon buttons run (RunPython "import shopbook.xl; shopbook.xl.<name>()").

Each entry point finds the shop folder the calling workbook belongs to, runs the
same library call as its CLI command, shows progress in the status bar and ends
with a message box in the shop's language. Nothing here holds a shop rule.
"""

from __future__ import annotations

from pathlib import Path

from ..config import load_config
from ..issues import ShopbookError


def _caller(book=None):
    if book is not None:
        return book
    import xlwings as xw  # only where Excel runs

    return xw.Book.caller()


def _lang(folder: Path) -> str:
    try:
        return load_config(folder).shop.language
    except ShopbookError:
        return "zh"


def _say(book, lang: str, zh: str, en: str, critical: bool = False) -> None:
    book.app.status_bar = False
    book.app.alert(zh if lang == "zh" else en, title="shopbook", mode="critical" if critical else "info")


def validate(book=None) -> None:
    """校验 button: validate the calling workbook (its live contents, siblings from disk),
    write the Issues sheet and notes into it, say how many problems were found."""
    from ..validate.run import run_checks, spec_for_sheets
    from ..io.reader import read_workbook
    from ..schema import WORKBOOKS
    from .live import read_live_book, write_issues_live

    book = _caller(book)
    path = Path(book.fullname)
    folder = path.parent
    lang = _lang(folder)
    try:
        book.app.status_bar = "shopbook: 正在校验… / validating…"
        spec = spec_for_sheets(path.name, [s.name for s in book.sheets])
        books = [read_live_book(book, spec)]
        for w in WORKBOOKS:
            sibling = folder / w.filename
            if w is not spec and sibling.exists() and sibling.name != path.name:
                try:
                    books.append(read_workbook(sibling, w))
                except ShopbookError:
                    pass  # a broken sibling does not stop checking the open book
        issues = run_checks(books, {path.name})
        write_issues_live(book, issues, lang)
    except ShopbookError as e:
        _say(book, lang, e.zh, e.en, critical=True)
        return
    n_err = sum(1 for i in issues if i.is_error)
    n_warn = len(issues) - n_err
    _say(book, lang, f"校验完成：{n_err} 个错误，{n_warn} 个警告。详见“校验结果”表。",
         f"Validation done: {n_err} errors, {n_warn} warnings. See the Issues sheet.", critical=bool(n_err))
