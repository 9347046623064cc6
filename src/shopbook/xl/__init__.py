"""Excel's edge: what the ribbon buttons run (RunPython "import shopbook.xl; shopbook.xl.<name>()").

Each entry point finds the shop folder the calling workbook belongs to, runs the
same library call as its CLI command, shows progress in the status bar and ends
with a message box in the shop's language. Results meant for the calling book
are written into it live (it is open, so its file is locked); other workbooks of
the shop are written on disk. Nothing here holds a shop rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

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


def _writer_for(book):
    """Edits to the calling book go into it live; edits to other files go to disk."""
    from ..io.sheet_edit import edit_workbook
    from .live import apply_edits_live

    me = Path(book.fullname).resolve()

    def write(path, edits=(), own_sheets=(), lang="zh"):
        if Path(path).resolve() == me:
            apply_edits_live(book, edits, own_sheets, lang)
            return Path(path)
        return edit_workbook(path, edits, own_sheets, lang)

    return write


def _button(book, busy: tuple[str, str], job: Callable) -> None:
    """Run `job(shop, write, lang) -> (zh, en, is_problem)` for the calling book's shop:
    status bar while it works, one message box at the end, errors as a message."""
    from ..shop import open_shop

    book = _caller(book)
    folder = Path(book.fullname).parent
    lang = _lang(folder)
    try:
        book.app.status_bar = f"shopbook: {busy[0] if lang == 'zh' else busy[1]}…"
        if hasattr(book, "save"):
            book.save()  # the library reads the files: they must hold what is on screen
        zh, en, problem = job(open_shop(folder), _writer_for(book), lang)
        if hasattr(book, "save"):
            book.save()
    except ShopbookError as e:
        _say(book, lang, e.zh, e.en, critical=True)
        return
    _say(book, lang, zh, en, critical=problem)


def validate(book=None) -> None:
    """校验 button: validate the calling workbook (its live contents, siblings from disk),
    write the Issues sheet and notes into it, say how many problems were found."""
    from ..io.reader import read_workbook
    from ..schema import WORKBOOKS
    from ..validate.run import run_checks, spec_for_sheets
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


def review(book=None) -> None:
    """审单 button: the same as `shopbook orders review`."""
    from ..orders.workflow import review as review_

    def job(shop, write, lang):
        decisions, _ = review_(shop, write=write)
        held = sum(1 for d in decisions if d.holds)
        ok = len(decisions) - held
        return (f"审单完成：{ok} 个已审核，{held} 个已挂起（原因见“审单结果”列）。",
                f"Review done: {ok} approved, {held} held (reasons in the review column).", False)

    _button(book, ("审单", "reviewing orders"), job)


def picklist(book=None) -> None:
    """拣货单 button: the same as `shopbook picklist`."""
    from ..orders.workflow import make_picklist

    def job(shop, write, lang):
        res = make_picklist(shop, write=write)
        if not res.parcels:
            return "没有待拣货的已审核订单。", "No approved orders are waiting to be picked.", False
        files = "\n".join(str(f) for f in res.files)
        return (f"批次 {res.batch}：{len(res.parcels)} 个订单。\n{files}",
                f"Batch {res.batch}: {len(res.parcels)} orders.\n{files}", False)

    _button(book, ("生成拣货单", "making the pick list"), job)
