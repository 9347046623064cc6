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

from ..config import ShopConfig, load_config
from ..io.files import WRITTEN
from ..issues import DataStop, ShopbookError, en_count, first, in_lang, issue_said, issue_said_at_cell

_session = None  # while an xlwings Lite script runs: its in-memory shop (shopbook.xl.lite)


def _caller(book=None):
    if book is not None:
        return book
    import xlwings as xw  # only where Excel runs

    return xw.Book.caller()


def _lang(folder: Path | None) -> str | None:
    """The shop's language; None where no shop says which (a book outside a shop, a shopbook.toml
    that does not load): then both are said, as the CLI says them."""
    from ..config import CONFIG_NAME
    from ..schema import WORKBOOKS

    if folder is None or not ((folder / CONFIG_NAME).is_file() or any((folder / w.filename).exists() for w in WORKBOOKS)):
        return None
    try:
        return load_config(folder).shop.language
    except (ShopbookError, OSError):  # (not to be read on this PC now: the job meets it again, and says it)
        return None


def _stop_lang(e: ShopbookError, lang: str | None) -> str | None:
    """A stop about the shop's data is said in its language; any other stop (a file, a folder, a
    setting, Excel) in both: it goes to whoever fixes it (README, "One language per shop")."""
    return lang if isinstance(e, DataStop) else None


def _status(book, text) -> None:
    try:
        book.app.status_bar = text
    except Exception:  # noqa: BLE001 - xlwings Lite has no status bar; progress is optional
        pass


def _located(e: ShopbookError) -> tuple[str, str]:
    """A stop's words as the CLI prints them, the file it is about first (a box said "找不到扫描文件。"
    and not which), unless they name it already; as a button says them where they differ (e.by_button: the
    CLI's ended "再过账：shopbook stocktake post 店铺 --date …", an option the 盘点过账 button has not)."""
    zh, en = getattr(e, "by_button", None) or (e.zh, e.en)
    if not e.path or (e.path in zh and e.path in en):
        return zh, en
    return f"{e.path}：{zh}", f"{e.path}: {en}"


# Where a cut list's rest is, as the command line says it (the library's words, shared with the CLI) → what to do
# in Excel: the box said "… 还有 2 条；shopbook validate 列出全部" to a person who has the 校验 button, not a prompt.
# The button and sheet as the ribbon labels it (addin.build.ribbon_labels) and the 校验 button names its sheet.
IN_EXCEL = (("shopbook validate 列出全部", "在所说的工作簿里按“{zh}”，它的“{zh_sheet}”表列出全部"),
            ("shopbook validate 列出每一个", "在所说的工作簿里按“{zh}”，它的“{zh_sheet}”表列出每一个"),
            ("shopbook validate lists them all", "press {en} in the workbook named: its {en_sheet} sheet lists them all"),
            ("shopbook validate lists each", "press {en} in the workbook named: its {en_sheet} sheet lists each"),
            ("先改正（shopbook validate）", "先改正（在那个工作簿里按“{zh}”，它的“{zh_sheet}”表列出全部）"),  # (issues.stop_on's)
            ("to fix first (shopbook validate)", "to fix first (press {en} in that workbook: its {en_sheet} sheet lists "
                                                 "them all)"))


def _button_label(control: str) -> tuple[str, str]:
    from ..addin.build import button_label

    return button_label(control)


def _in_excel(text: str) -> str:
    """A box's words with the command-line pointers of IN_EXCEL said as the buttons do it."""
    if "shopbook validate" not in text:
        return text
    from ..validate.write import ISSUES_TITLES

    labels = _button_label("btnValidate")
    names = {"zh": labels[0], "en": labels[1], "zh_sheet": ISSUES_TITLES["zh"], "en_sheet": ISSUES_TITLES["en"]}
    for cli, excel in IN_EXCEL:
        text = text.replace(cli, excel.format(**names))
    return text


def _say(book, lang: str, zh: str, en: str, critical: bool = False) -> None:
    _status(book, False)
    book.app.alert(_in_excel(in_lang(lang, zh, en, "\n\n")), title="shopbook", mode="critical" if critical else "info")


def _writer_for(book):
    """Edits to the calling book go into it live; edits to other files go to disk."""
    from ..io.sheet_edit import edit_workbook
    from .live import apply_edits_live

    from ..io.files import backup, check_writable
    from ..io.journal import after_commit

    me = Path(book.fullname).resolve()

    def write(path, edits=(), own_sheets=(), lang="zh"):
        if Path(path).resolve() == me:
            _check_open_book(book)

            def live():
                backup(me)  # the version before this edit, as the CLI keeps it
                apply_edits_live(book, edits, own_sheets, lang)
                if hasattr(book, "save"):
                    book.save()  # a later step (the daily job's pick list after its review) reads the file

            # once the job's files are in place: a job stopped before (a file changed under it)
            # leaves the open book as it was too
            after_commit(live)
            return Path(path)
        return edit_workbook(path, edits, own_sheets, lang)

    def check(path):  # the open book's owner file is Excel's own: it is checked as Excel opened it
        if Path(path).resolve() == me:
            _check_open_book(book)
        else:
            check_writable(Path(path))

    def formulas(path, sd, name, rows):  # a person's formula, as the open book holds it (io.sheet_edit.formula_rows)
        from ..io.sheet_edit import formula_rows_in_file
        from .live import formula_rows

        if Path(path).resolve() == me:
            return formula_rows(book, sd, name, rows)
        return formula_rows_in_file(path, sd, name, rows)

    def sheets(path, names):  # shopbook's own sheets as the open book holds them (None: read the file)
        from .live import sheets_rows

        return sheets_rows(book, names) if Path(path).resolve() == me else None

    write.check, write.formulas, write.sheets = check, formulas, sheets
    return write


def _excel(get):
    """A property of Excel's object model (book.api …); None where there is none (Excel for Mac's
    differs, a stand-in has none)."""
    try:
        return get()
    except Exception:  # noqa: BLE001 - not to be had here: cannot tell
        return None


def _check_open_book(book) -> None:
    """The calling book is written live and saved by Excel: refused, as the CLI refuses a workbook
    that is open, where Excel opened it read-only (a colleague has it open on the shop's share) or
    its owner file (~$name, which the CLI looks at) names someone other than this Excel's user."""
    from ..io.files import check_writable, lock_owner

    me = Path(book.fullname)
    who = lock_owner(me)
    if _excel(lambda: book.api.ReadOnly) is True:
        raise ShopbookError(
            f"这个工作簿是以只读方式打开的（{who or '别人'}正打开着它，或文件设了只读）：shopbook 不能写入它，"
            "什么都没有写入。请等对方关闭它，再关闭并重新打开这个工作簿，然后再按。",
            f"This workbook was opened read-only ({who or 'someone else'} has it open, or the file is set "
            "read-only): shopbook cannot write to it; nothing was written. Wait until they close it, close and "
            "open this workbook again, then press the button again.", me)
    user = _excel(lambda: book.app.api.UserName)
    if who not in (None, "?") and user is not None and who != user:
        check_writable(me)  # the CLI's words: who has it open, and the marker file a crash leaves


def _excel_error(e: BaseException) -> str | None:
    """Excel's own refusal (a COM error on Windows, an Apple event error on a Mac) in its words;
    None for any other exception (a bug: its traceback is wanted)."""
    kind = type(e)
    if kind.__name__ != "com_error" and kind.__module__.split(".")[0] not in ("pywintypes", "appscript", "aem"):
        return None
    a = e.args  # com_error: (hresult, text, (wcode, source, description, helpfile, helpcontext, scode), argerror)
    if len(a) > 2 and isinstance(a[2], tuple) and len(a[2]) > 2 and a[2][2]:
        return str(a[2][2]).strip()
    return str(a[1] if len(a) > 1 else e).strip()


def _files_listed(paths: list, what: tuple[str, str] = ("个", "more"), where: tuple[str, str] = ("在 {}", "in {}"),
                  show=lambda p: str(p)) -> tuple[str, str]:
    """Files a button wrote, one a line as the CLI lists them, cut at BOX_LINES (a box taller than the screen),
    saying how many more and in which folders (`where`'s {})."""
    folders = "、".join(sorted({str(p.parent) for p in paths[BOX_LINES:]}))
    return _shown(first([("", show(p), show(p)) for p in paths], BOX_LINES, what,
                        (where[0].format(folders), where[1].format(folders))))


def _excel_refused(words: str, written: list) -> tuple[str, str]:
    """The message for a step Excel refused: its words, the usual causes and what to do, and what
    was written before it (the CLI's "nothing was written" only when true; a long list cut, saying
    how many more and where). Said in both languages: a stop about a file, not the shop's data."""
    names = _files_listed(written, show=lambda p: f"  {p.name}")
    return (f"Excel 拒绝了这一步：{words}\n工作簿若是只读打开的（别人在共享文件夹里打开着它），等对方关闭后重新打开"
            "再按；工作表若受保护，先撤销保护（审阅 › 撤销工作表保护）再按。这个工作簿里的改动没有保存。\n"
            + (f"停下之前已写入 {len(written)} 个文件：\n" + names[0] if written
               else "其他文件什么都没有写入。"),
            f"Excel refused a step: {words}\nIf the workbook was opened read-only (someone has it open on the "
            "shared folder), open it again once they have closed it and press again; if a sheet is protected, "
            "unprotect it (Review › Unprotect Sheet) and press again. Changes in this workbook were not saved.\n"
            + (f"Written before the stop: {en_count(len(written), 'file')}:\n" + names[1]
               if written else "Nothing was written to the other files."))


def _book_file(book) -> tuple[str | None, str]:
    """book.fullname where it is a file of this PC, and None where Excel opened the workbook from OneDrive or
    SharePoint: its name is a web address (AutoSave), which xlwings maps to the synced folder or refuses
    (XlwingsError: "Couldn't find the local OneDrive folder…", its words second). The one check the
    buttons (_fullname) and the cell functions (udfs._book_path) make; any other error is raised."""
    try:
        name = book.fullname
    except Exception as e:
        if type(e).__name__ != "XlwingsError":
            raise
        return None, str(e)
    return (None, "") if "://" in name else (name, "")  # (an address handed over as it is: no file of this PC)


def _os_stop(e: OSError, written: list) -> tuple[str, str]:
    """An OSError no reader or writer turned into a stop, as the CLI says it (io.files.os_error_stop): the
    file, what of it, and what was written before (the list cut, saying how many more and where); xlwings
    would show its traceback, in English. Said in both languages: a stop about a file."""
    from ..io.files import os_error_stop

    zh, en = _located(os_error_stop(e, written))
    if not written:
        return zh, en
    names = _files_listed(written, show=lambda p: f"  {p}")
    return f"{zh}\n{names[0]}", f"{en}\n{names[1]}"


def _fullname(book) -> str:
    """book.fullname, the workbook's file on this PC; for a workbook opened from OneDrive or SharePoint
    (_book_file), a stop saying what to do instead."""
    name, words = _book_file(book)
    if name is None:
        raise _in_the_cloud(book, words) from None
    return name


def _in_the_cloud(book, words: str) -> ShopbookError:
    """What to do about a workbook opened from OneDrive/SharePoint (_fullname): said in both languages,
    as a stop about a file; the xlwings setting named for the kind of address Excel gives."""
    import sys

    url = _excel(lambda: book.api.FullName) or getattr(book, "name", "") or ""
    mac = sys.platform == "darwin"
    kinds = {"d.docs.live.net": "ONEDRIVE_CONSUMER", "-my.sharepoint.": "ONEDRIVE_COMMERCIAL",
             "sharepoint.": "SHAREPOINT"}
    kind = next((k for mark, k in kinds.items() if mark in url), None)
    keys = [f"{k}_{'MAC' if mac else 'WIN'}" for k in ([kind] if kind else kinds.values())]
    conf = ("~/Library/Containers/com.microsoft.Excel/Data/xlwings.conf" if mac
            else "%USERPROFILE%\\.xlwings\\xlwings.conf")
    others = (f"（或 {'、'.join(keys[1:])}，看是哪种帐户）", f" (or {' or '.join(keys[1:])}, by the kind of account)"
              ) if len(keys) > 1 else ("", "")
    return ShopbookError(
        f"这个工作簿是从 OneDrive/SharePoint 打开的：Excel 给出的是网址 {url}，不是这台电脑上的文件"
        + (f"（xlwings：{words}）" if words else "") + "。shopbook 只处理这台电脑上的店铺文件夹，什么都没有做。\n"
        "请在 OneDrive 设置里关掉“使用 Office 应用程序同步我打开的 Office 文件”，关闭这个工作簿，从这台电脑上同步的"
        "店铺文件夹里重新打开它，再按这个按钮；或者在 "
        f"{conf} 里加一行 \"{keys[0]}\",\"同步文件夹的路径\"{others[0]}，告诉 xlwings 同步文件夹在哪里。",
        f"This workbook was opened from OneDrive/SharePoint: Excel gives its web address {url}, not a file on this "
        f"PC" + (f" (xlwings: {words})" if words else "") + ". shopbook works on the shop folder on this PC; "
        "nothing was done.\nTurn off \"Use Office applications to sync Office files that I open\" in OneDrive's "
        "settings, close this workbook, open it again from the shop folder synced on this PC and press the button "
        f"again; or add a line \"{keys[0]}\",\"the synced folder's path\""
        f"{others[1]} to {conf}, which tells xlwings where the synced folder is.")


def _shop_folder(book) -> Path:
    """The shop folder of the calling book, checked before anything is saved: a book never saved
    (Book1), a report in reports/, a CSV in Downloads is no shop workbook, and pressing a button
    there must neither save it (Excel would rewrite a CSV export, order numbers and all) nor send
    the person to `shopbook init` its folder."""
    from ..schema import WORKBOOKS

    if _session:
        return _session.folder
    path = Path(_fullname(book))
    if not path.is_absolute():  # never saved: xlwings gives its name alone (Book1)
        raise ShopbookError(
            f"“{book.fullname}”还没有保存，不属于任何店铺：请打开店铺文件夹里的工作簿（stock.xlsx、orders.xlsx …），"
            "在那里按这个按钮。", f"'{book.fullname}' has never been saved and belongs to no shop: open a workbook in the "
            "shop folder (stock.xlsx, orders.xlsx …) and press the button there.")
    folder = path.parent
    if any((folder / w.filename).exists() for w in WORKBOOKS):
        return folder
    shop = folder.parent
    if folder.name == "reports" and any((shop / w.filename).exists() for w in WORKBOOKS):
        raise ShopbookError(
            f"“{path.name}”是 reports 文件夹里的报告，不是店铺工作簿：请打开 {shop} 里的店铺工作簿（stock.xlsx、"
            "orders.xlsx …），在那里按这个按钮。", f"'{path.name}' is a report in the reports folder, not a shop "
            f"workbook: open a shop workbook in {shop} (stock.xlsx, orders.xlsx …) and press the button there.", path)
    raise ShopbookError(
        f"“{path.name}”不在店铺文件夹里（这个文件夹里没有 stock.xlsx、orders.xlsx …）：请打开店铺文件夹里的工作簿，"
        "在那里按这个按钮；还没有店铺的，用 shopbook init 新建。", f"'{path.name}' is not in a shop folder (its folder "
        "holds no stock.xlsx, orders.xlsx …): open a workbook in the shop folder and press the button there; "
        "with no shop yet, create one with shopbook init.", path)


def _is_shop_book(book, folder: Path) -> bool:
    """The calling book is one of the shop's own workbooks (not a copy or a sheet of one's own beside them)."""
    from ..schema import WORKBOOKS

    path = Path(book.fullname)
    return path.parent == folder and path.name.lower() in {w.filename.lower() for w in WORKBOOKS}


def _unsaved(book) -> bool:
    """The book has changes not saved yet: Excel's Workbook.Saved (COM), on a Mac the workbook's `saved`
    property (AppleScript: book.api is an appscript reference, whose names are lower case); False where it
    cannot tell (a stand-in)."""
    saved = _excel(lambda: book.api.Saved)
    if saved is None:
        saved = _excel(lambda: book.api.saved.get())
    return saved is False


def _unsaved_in_shop(book, folder: Path, saved_here: bool) -> list[str]:
    """The shop's workbooks open in this Excel with edits not saved (Workbook.Saved): the job reads their
    files, so those edits are not in what it does. The calling book too, unless the button saved it."""
    from ..schema import WORKBOOKS

    shop_books = {w.filename.lower() for w in WORKBOOKS}
    names = [book.name] if not saved_here and _is_shop_book(book, folder) and _unsaved(book) else []
    for other in _excel(lambda: list(book.app.books)) or []:  # (xlwings' App.books: new objects, each asked)
        try:
            path = _book_file(other)[0]
        except Exception:  # noqa: BLE001, S112 - a book Excel cannot name now: not one to tell of
            continue
        if (path and path != book.fullname and Path(path).parent == folder
                and Path(path).name.lower() in shop_books and _unsaved(other)):
            names.append(Path(path).name)
    return names


def _not_counted(zh: str, en: str, unsaved: list[str]) -> tuple[str, str]:
    """A button's message, and the workbooks whose unsaved edits it did not count (_unsaved_in_shop)."""
    if not unsaved:
        return zh, en
    them = "、".join(f"“{n}”" for n in unsaved), " and ".join(f"'{n}'" for n in unsaved)
    return (f"{zh}\n（{them[0]}里没有保存的改动没有算进去：保存后再按一次。）",
            (f"{en}\n(Changes not saved in {them[1]} are not counted: save {'it' if len(unsaved) == 1 else 'them'} "
             "and press again.)"))


def _recalculate(book) -> None:
    """The SB_* functions read the shop's files and are not volatile: after a button wrote them,
    Excel would go on showing the old figures (Application.Calculate skips a UDF whose arguments
    did not change). CalculateFull recomputes every formula of the open books, which in shop
    workbooks are few; where Excel has no such call (a Mac's, a stand-in) nothing is done."""
    _excel(lambda: book.app.api.CalculateFull())


def _button(book, busy: tuple[str, str], job: Callable, writes: bool = True,
            cmd: Callable[[Path], str] | None = None) -> None:
    """Run `job(shop, write, lang) -> (zh, en, is_problem)` for the calling book's shop:
    status bar while it works, one message box at the end, errors as a message. A button that
    `writes` saves the calling book before (the library reads the files: they must hold what is on
    screen) and after; one that only reads saves nothing, and says where edits were left unsaved.
    `cmd(folder)`: the button's command line, for this shop and file; where the box's words name an option
    of it (--apply), which no button has, a line gives the whole command to run with it (_options_noted)."""
    from ..shop import open_shop

    book = _caller(book)
    try:
        folder = _shop_folder(book)
    except ShopbookError as e:  # no shop says which language
        _say(book, None, *_located(e), critical=True)
        return
    lang = _lang(folder)
    save = writes and not _session and hasattr(book, "save") and _is_shop_book(book, folder)
    from ..io import journal, limits, lock

    # the button the person pressed, as the shop lock names its job to whoever waits for it and to doctor (a job
    # killed midway, one running on another PC): named by the library's command (orders picklist), it was no words
    # on the ribbon of the person who pressed it
    lock.label = _job_named(job, busy, lang)
    lock.on_wait = lambda h, waited: _status(  # another writer holds the shop: say who, while waiting
        book, in_lang(lang, f"shopbook: 等待 {lock.holder_words(h)[0]} 完成（{int(waited)} 秒）…",
                      f"shopbook: waiting for {lock.holder_words(h)[1]} ({int(waited)} s)…"))
    recovered: list = []  # an interrupted job finished as the lock was taken: said first in the message
    journal.on_recovered = lambda _folder, found: recovered.extend(found)
    said: list = []  # what a writer says of what it wrote (rows below a totals row): after the message
    limits.on_writer_says = said.extend
    before = len(WRITTEN)
    try:
        _status(book, in_lang(lang, f"shopbook：{busy[0]}…", f"shopbook: {busy[1]}…"))  # (zh full-width)
        shop = open_shop(folder)
        unsaved = [] if _session else _unsaved_in_shop(book, folder, saved_here=save)
        if save:
            _check_open_book(book)  # before Excel is asked to save a book it cannot
            book.save()  # the library reads the files: they must hold what is on screen
        zh, en, problem = job(shop, _session.writer() if _session else _writer_for(book), lang)
        zh, en = _options_noted(zh, en, cmd, folder)
        if save:
            book.save()
        if writes and not _session:
            _recalculate(book)
        zh, en = _not_counted(zh, en, unsaved)
    except ShopbookError as e:
        words = _located(e) if getattr(e, "by_button", None) else _options_noted(*_located(e), cmd, folder)
        _say(book, _stop_lang(e, lang), *_with_said(_after_recovered(recovered, *words), said), critical=True)
        return
    except OSError as e:  # a file this PC could not use (a OneDrive file not downloaded, a share gone): as the CLI says it
        _say(book, None, *_with_said(_after_recovered(recovered, *_os_stop(e, WRITTEN[before:])), said), critical=True)
        return
    except Exception as e:
        if (words := _excel_error(e)) is None:
            raise
        _say(book, None, *_excel_refused(words, WRITTEN[before:]), critical=True)  # about a file: both languages
        return
    finally:
        journal.on_recovered = limits.on_writer_says = lock.label = None
        _status(book, False)  # given back to Excel whatever happened
    from ..io.files import left_open_untold

    for words in left_open_untold(WRITTEN[before:]):  # a report written beside one someone has open, as the CLI says
        zh, en = f"{zh}\n{words[0]}", f"{en}\n{words[1]}"
    _say(book, lang, *_with_said(_after_recovered(recovered, zh, en), said),
         critical=problem or any(f.kept for f in recovered))


def _job_named(job: Callable, busy: tuple[str, str], lang: str | None) -> str:
    """The job of the button whose entry point made `job` (picklist's, for 拣货单), as its ribbon labels it in the
    shop's language (both where the shop says none): Excel 按钮“拣货单”, Excel button "Pick list". Its `busy` words
    where the ribbon is not there to ask (a copy of shopbook without macros/) or names no such button."""
    from ..addin.lite_files import ribbon_buttons

    entry = job.__qualname__.partition(".")[0]  # (picklist.<locals>.job)
    try:
        zh, en = next((b["zh"], b["en"]) for b in ribbon_buttons() if b["entry"] == entry)
    except (OSError, KeyError, ValueError, StopIteration):
        zh, en = busy
    return in_lang(lang, f"Excel 按钮“{zh.rstrip('…')}”", f'Excel button "{en.rstrip("…")}"', " / ")


BOX_LINES = 10  # lines of a list in a message box; the rest are counted


def _held_where(words: tuple[str, str], decisions: list) -> tuple[str, str]:
    """The review's line, and where the held orders' reasons are (the CLI lists them)."""
    if not any(d.holds for d in decisions):
        return words
    return words[0] + "（原因见“审单结果”列）", words[1] + " (reasons in the review column)"


def _in_box(i):
    """An issue as a box in Excel says it: its message naming the button to press where the command line's names a
    command (Issue.by_button)."""
    return i.with_(message_zh=i.by_button[0], message_en=i.by_button[1]) if getattr(i, "by_button", None) else i


def _shown(said: list[tuple[str, str, str]]) -> tuple[str, str]:
    """A result's lines as the library words them ((mark, zh, en)), with their marks, as the CLI prints them."""
    return tuple("\n".join(f"{mark} {line[k]}" if mark else line[k] for mark, *line in said) for k in (0, 1))


def _with_said(words: tuple[str, str], issues: list) -> tuple[str, str]:
    """A button's message with what its writers said put after it, located, as the CLI prints it
    (a long list cut, saying how many more: control characters removed, one per value)."""
    if not issues:
        return words
    zh, en = _shown(first([issue_said(i) for i in issues], BOX_LINES, ("条", "more"),
                          ("shopbook validate 列出全部", "shopbook validate lists them all")))
    return f"{words[0]}\n{zh}", f"{words[1]}\n{en}"


def _after_recovered(found: list, zh: str, en: str) -> tuple[str, str]:
    """A button's message with what it finished of an interrupted job put before it."""
    from ..io.journal import recovered_words

    words = [recovered_words(f) for f in found]
    return "\n".join([w[0] for w in words] + [zh]), "\n".join([w[1] for w in words] + [en])


def validate(book=None) -> None:
    """校验 button: validate the calling workbook (its live contents, siblings from disk),
    write the Issues sheet and notes into it, say how many problems were found."""
    from ..io.reader import read_workbook
    from ..schema import WORKBOOKS
    from dataclasses import replace

    from ..io import journal
    from ..issues import Issue
    from ..validate.run import run_checks, spec_for_sheets, unread_workbook
    from .live import read_live_book, write_issues_live

    book = _caller(book)
    try:
        path = Path(book.fullname if _session else _fullname(book))  # (xlwings Lite: the session's shop)
    except ShopbookError as e:  # (opened from OneDrive/SharePoint: no shop says which language)
        _say(book, None, e.zh, e.en, critical=True)
        return
    # a book never saved (Book1) has no folder: none of its siblings, nor the interpreter's folder's
    folder = _session.folder if _session else path.parent if path.is_absolute() else None
    lang = _lang(folder)  # None outside a shop: the Issues sheet and the message in both, as the CLI's
    half = None
    try:
        _status(book, in_lang(lang, "shopbook：正在校验…", "shopbook: validating…"))
        unread: list[Issue] = []
        if _session:  # xlwings Lite: every shop workbook the open book holds
            books = list(_session.books.values())
        else:
            spec = spec_for_sheets(path.name, [s.name for s in book.sheets])
            books = [read_live_book(book, spec)]
            for w in WORKBOOKS if folder else ():
                sibling = folder / w.filename
                if w is not spec and sibling.exists() and sibling.name != path.name:
                    try:
                        books.append(read_workbook(sibling, w))
                    except ShopbookError as e:  # a broken sibling does not stop checking the open book; said, as
                        # `validate FILE` says it: what the open book refers to in it went unchecked (the box said
                        # "0 个错误，0 个警告" of an 订单 sheet whose SKUs nothing had checked), the file named first
                        # (the Issues sheet has no column for the workbook: "这不是 Excel 工作簿" said of which?)
                        said = unread_workbook(sibling, e, sibling_of=path.name)
                        unread.append(replace(said, message_zh=f"{sibling.name}：{said.message_zh}",
                                              message_en=f"{sibling.name}: {said.message_en}"))
        issues = unread + run_checks(books, {path.name}, load_config(folder) if folder else ShopConfig())
        # an interrupted job no run has finished: what was read is the shop half written (as `shopbook validate`
        # says it first and exits 1; the box said "0 个错误" of it), its file named first as the sibling's above
        if folder and not _session and (half := journal.pending(folder)) is not None:
            issues.insert(0, Issue("warning", f"{half[0].name}：{half[1]}", f"{half[0].name}: {half[2]}",
                                   book=half[0].name))
        write_issues_live(book, issues, lang)
    except ShopbookError as e:
        _say(book, _stop_lang(e, lang), *_located(e), critical=True)
        return
    except OSError as e:  # (a sibling workbook this PC could not read: as the CLI says it)
        _say(book, None, *_os_stop(e, []), critical=True)
        return
    except Exception as e:
        if (words := _excel_error(e)) is None:
            raise
        _say(book, None, *_excel_refused(words, []), critical=True)  # about a file: both languages
        return
    finally:
        _status(book, False)  # given back to Excel whatever happened
    n_err = sum(1 for i in issues if i.is_error)
    n_warn = len(issues) - n_err
    # the open book is checked as it is on screen; the others as their files hold them
    unsaved = _unsaved_in_shop(book, folder, saved_here=True) if folder and not _session else []
    _say(book, lang, *_not_counted(f"校验完成：{n_err} 个错误，{n_warn} 个警告。详见“校验结果”表。",
                                   f"Validation done: {en_count(n_err, 'error')}, {en_count(n_warn, 'warning')}. "
                                   "See the Issues sheet.", unsaved), critical=bool(n_err) or half is not None)


def review(book=None) -> None:
    """审单 button: the same as `shopbook orders review`."""
    from ..orders.workflow import review as review_, review_words

    def job(shop, write, lang):
        decisions, issues = review_(shop, write=write)
        said = _shown([review_words(decisions, issues)])
        return (*_with_said(_held_where(said, decisions), issues), any(i.is_error for i in issues))

    _button(book, ("审单", "reviewing orders"), job)


def picklist(book=None) -> None:
    """拣货单 button: the same as `shopbook picklist`."""
    from ..orders.workflow import make_picklist

    def job(shop, write, lang):
        res = make_picklist(shop, write=write)
        return *_shown(res.said(BOX_LINES)), res.needs_a_person  # a parcel to pull, an order short: loudly, as the CLI exits 1

    _button(book, ("生成拣货单", "making the pick list"), job)


def morning(book=None, path: str | None = None) -> None:
    """审单并拣货… button: the same as `shopbook orders morning SHOP [FILE...]` (import the files
    given, separated by '|', as 导入订单 takes them → review → pick list, each workbook read once,
    orders.xlsx written once), saying what the command prints (MorningResult.said). The VBA side
    asks first whether to import exports: Yes passes the files chosen in 导入订单's dialog, No
    passes none (review and pick what orders.xlsx holds), Cancel runs nothing."""
    from ..orders.workflow import morning as morning_

    book = _caller(book)  # (the job asks in it for a password)

    def job(shop, write, lang):
        files = [Path(p) for p in (path or "").split("|") if p]
        r = morning_(shop, files, write=write, password=_export_password(book, files, lang))
        listed = r.imported.listed(BOX_LINES, shop.reports, lang, warnings=True) if r.imported else None  # a cut list, whole
        return *_shown(r.said(BOX_LINES, listed)), r.needs_a_person  # loudly where the CLI exits 1

    _button(book, ("审单并拣货", "reviewing and picking"), job)


def stock_summary(book=None) -> None:
    """库存汇总 button: the same as `shopbook stock SHOP` (writes the 库存汇总 sheet)."""
    from ..stock.workflow import stock_summary as summary

    def job(shop, write, lang):
        rows = summary(shop, write=write)
        # the line `shopbook stock` prints, its mark with it (the box said the words alone, no ✓ nor !); a stock below
        # zero, typed text not carried: for a person, a loud box as the CLI's !
        return *_shown([("!" if rows.attention else "✓", *rows.words())]), rows.attention

    _button(book, ("库存汇总", "stock summary"), job)


def stock_alerts(book=None) -> None:
    """库存预警 button: the same as `shopbook stock alerts SHOP`."""
    from ..stock.workflow import alerts_said, stock_alerts as alerts

    def job(shop, write, lang):
        res = alerts(shop)
        said = alerts_said(res, BOX_LINES)  # as `shopbook stock alerts`
        if said != (whole := alerts_said(res)):  # a list cut: written whole in reports/, as the other buttons' lists
            # (the daily report's sheet holds them only once the 日报 button has run today, with all its steps)
            said = alerts_said(res, BOX_LINES, _lines_listed(shop.reports, whole, lang, ("库存预警清单", "stock-alerts-list")))
        return *_shown(said), bool(res)

    _button(book, ("库存预警", "stock alerts"), job, writes=False)


def stocktake_sheet(book=None) -> None:
    """盘点表 button: the same as `shopbook stocktake sheet SHOP`."""
    import datetime as dt

    from ..stock.workflow import count_sheet_said, stocktake_sheet as sheet

    def job(shop, write, lang):
        day = dt.date.today()
        path = sheet(shop, day)  # (a sheet of that day with counts typed in is kept, and said: a box to read)
        # as `shopbook stocktake sheet`, the next step the 盘点过账 button (the command line's is no step in Excel)
        said = count_sheet_said(path, day, _button_label("btnStocktakePost"))
        return *_shown(said), path.kept is not None

    _button(book, ("生成盘点表", "making the count sheet"), job, writes=False)


def stocktake_post(book=None) -> None:
    """盘点过账 button: posts the latest count date in the 盘点 sheet, as
    `shopbook stocktake post SHOP --date D` does."""
    import datetime as dt

    from ..io.reader import read_workbook
    from ..schema import STOCK, StocktakeCount
    from ..stock.workflow import blank_counts, stocktake_listed as listed, stocktake_matched, stocktake_post as post

    def job(shop, write, lang):
        wd = read_workbook(shop.path(STOCK), STOCK, (StocktakeCount,))
        # (rows typed for a count with none of it counted yet are its date too: posting it says so, where the
        # date before, long posted, was taken as the latest and "already posted" said)
        counts = wd.rows(StocktakeCount) + blank_counts(wd.sheets.get(StocktakeCount))
        dates = [c.date for c in counts if c.date <= dt.date.today()]
        if not dates:  # stopped as `stocktake post --date TODAY` stops: the counts' sheet named as it is
            post(shop, dt.date.today(), dry_run=True)  # (盘点 11-21, Stocktake in a Chinese shop) and what to do
            raise DataStop("“盘点”表里没有盘点记录。", "The Stocktake sheet has no counts.")  # (not reached)
        plan = post(shop, max(dates), write=write)
        again = _button_label("btnStocktakePost")  # (counted more: this button again)
        cut = listed(plan, BOX_LINES, button=again)  # as the CLI lists them: a long list cut
        if cut != (whole := listed(plan, button=again)):  # written whole in reports/, as the 导入订单 button's 导入清单:
            # the command line's "shopbook stocktake post 店铺 --date … --dry-run --json 列出全部" is no step in Excel
            cut = listed(plan, BOX_LINES, _lines_listed(shop.reports, [*whole[0], *whole[2], *whole[1]], lang,
                                                        (f"盘点清单-{plan.date}", f"stocktake-list-{plan.date}")),
                         button=again)
        _, warnings, uncounted = cut
        matched = stocktake_matched(plan)  # every count as the book has it: nothing to adjust, as the CLI says
        # (that first), the SKUs nobody counted (and what to do), then what to check
        warned = _shown(([matched] if matched else []) + uncounted + warnings)
        problem = bool(plan.warnings) or any(u.book for u in plan.uncounted)  # goods the book says are there, not counted
        if plan.already_posted:
            return (f"{plan.date} 的盘点已经过账，没有改动。\n{warned[0]}",
                    f"The count of {plan.date} was posted already: nothing changed.\n{warned[1]}", problem)
        money = plan.totals_said(("，", ", "))  # 盘亏 ¥1,446.00, as the CLI says it
        said = plan.written_said() if plan.adjustments else (f"{len(plan.adjustments)} 条调整", "no adjustments")
        return (f"{plan.date} 盘点已过账：{said[0]}，{money[0]}。\n{warned[0]}",
                f"Count of {plan.date} posted: {said[1]}, {money[1]}.\n{warned[1]}", problem)

    _button(book, ("盘点过账", "posting the stocktake"), job)


def purchase_suggest(book=None) -> None:
    """采购建议 button: writes the draft POs and the PO workbooks, as
    `shopbook purchase suggest SHOP --write`."""
    from ..purchasing.workflow import purchase_suggest as suggest

    def job(shop, write, lang):
        res = suggest(shop, write_drafts=True, write=write)
        orders = [o for o in res.plan.orders if o.supplier]
        said = res.said(BOX_LINES)  # what was written, what was not and where to fill it in, as the CLI ends
        said += first([("", f"{o.po_no} {o.supplier}：{len(o.lines)} 个 SKU，¥{o.total:,.2f}",
                        f"{o.po_no} {o.supplier}: {en_count(len(o.lines), 'SKU')}, ¥{o.total:,.2f}") for o in orders],
                      BOX_LINES, ("张", "more"), ("全部在 stock.xlsx 的“采购”表，每张一个文件在 reports/",
                                             "all of them are on the Purchases sheet of stock.xlsx, a file each in reports/"))
        # what the CLI prints below its plan, located (a supplier not on the 供应商 sheet, a 已收数量 its
        # stock-ins do not bear out): what was ordered rests on them. A list cut is written whole in reports/ (as the
        # 导入订单 button's 导入清单): `shopbook purchase suggest` once the drafts are written lists none of them
        warned = res.plan.warnings
        said += first([issue_said(i) for i in warned], BOX_LINES, ("条提醒", "more warnings"),
                      _warnings_listed(shop.reports, warned, lang, ("采购提醒", "purchase-warnings"))
                      if len(warned) > BOX_LINES else ("", ""))
        return *_shown(said), not res.whole or bool(res.plan.warnings)  # loudly where the CLI exits 1, or warns

    _button(book, ("采购建议", "suggesting purchase orders"), job)


def _warnings_listed(reports: Path, issues: list, lang: str | None, name: tuple[str, str]) -> tuple[str, str]:
    """A box's cut list of warnings whole, as a CSV in reports/ to open in Excel (name-YYYYMMDD-HHMMSS.csv, in the
    shop's language): where each is and what it says."""
    from ..issues import value_after

    lg = "en" if lang == "en" else "zh"
    return _csv_in_reports(reports, name, lang, (["位置", "说明"], ["Where", "What"]),
                           [[i.where(lg), (i.message_zh if lg == "zh" else i.message_en) + value_after(i, lg)]
                            for i in issues])


def _lines_listed(reports: Path, lines: list[tuple[str, str, str]], lang: str | None, name: tuple[str, str]
                  ) -> tuple[str, str]:
    """A box's cut lists whole (mark, zh, en: as the box says them), a line a row of a CSV in reports/."""
    k = 2 if lang == "en" else 1
    return _csv_in_reports(reports, name, lang, (["标记", "内容"], ["Mark", "What"]),
                           [[line[0], line[k].strip()] for line in lines])


def _csv_in_reports(reports: Path, name: tuple[str, str], lang: str | None, head: tuple[list, list],
                    rows: list[list[str]]) -> tuple[str, str]:
    """A box's list whole in reports/name-YYYYMMDD-HHMMSS.csv (its English name in an English shop; the shop's time),
    UTF-8 with a BOM (Excel opens it right), text never a formula, written atomically: where the rest of the box's
    list is, as its cut line says it (zh, en). A reports/ that cannot be written is said there, and the box is shown
    all the same (a button that reads, 库存预警, 快递对账, is no failure for want of its list)."""
    import time

    from ..io.cells import csv_safe, excel_csv
    from ..io.files import shop_clock, write_bytes_atomic

    en = lang == "en"
    stem = f"{name[1] if en else name[0]}-{shop_clock(time.time()):%Y%m%d-%H%M%S}"
    path, n = Path(reports) / f"{stem}.csv", 1
    while path.exists():  # (two boxes in one second: the first box's list stays what it said)
        n += 1
        path = path.with_name(f"{stem}-{n}.csv")
    try:
        path = write_bytes_atomic(path, excel_csv(head[1] if en else head[0],
                                                  ([csv_safe(str(v)) for v in row] for row in rows)))
    except ShopbookError as e:
        return (f"全部清单没能写进 reports/（{e.zh}）", f"the whole list could not be written to reports/ ({e.en})")
    except OSError as e:
        return (f"全部清单没能写进 reports/（{e.strerror or e}）", f"the whole list could not be written to reports/ "
                f"({e.strerror or e})")
    return f"全部列在 {path}", f"all of them are listed in {path}"


def purchase_receive(path: str | None = None, book=None) -> None:
    """采购收货… button: the delivery's scan file or count sheet, chosen in a file dialog; the
    PO is the one its first line (or title) names. As `shopbook purchase receive --po`."""
    from ..purchasing.workflow import po_of_count, purchase_receive as receive

    if not path:
        book = _caller(book)
        return _no_file(book)

    def job(shop, write, lang):
        r = receive(shop, Path(path), po_of_count(shop, Path(path)), write=write)
        said = r.said(BOX_LINES, Path(path).name)  # as `shopbook purchase receive`
        cmd = f'shopbook purchase receive "{shop.folder}" "{path}" --po {r.po_no}'
        return *_shown(said + _options_said(said, cmd)), not r.ok

    _button(book, ("采购收货", "receiving"), job)


def _options_said(said: list[tuple[str, str, str]], cmd: str, skip: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """Where a box's advice names an option of the command line (--pay, --replace: "import with --replace
    to take 生意参谋's"), which no button has: a line saying so and giving `cmd`, the whole command for
    this shop and file(s), to run with it; nothing where none is named."""
    import re

    options = list(dict.fromkeys(o for _, zh, en in said for o in re.findall(r"(?<![\w-])--[a-z][a-z-]*", zh + " " + en)
                                 if o not in skip))
    if not options:
        return []
    return [("", f"（{'、'.join(options)} 是命令行的选项，这个按钮没有：在命令提示符里运行 {cmd}，后面加上 {' 或 '.join(options)}）",
             f"({', '.join(options)} {'is an option' if len(options) == 1 else 'are options'} of the command line, "
             f"not of this button: run {cmd} in a command prompt, followed by {' or '.join(options)})")]


def _options_noted(zh: str, en: str, cmd: Callable[[Path], str] | None, folder: Path) -> tuple[str, str]:
    """A box's words with _options_said's line after them, where `cmd` is given and they name an option."""
    if cmd is None:
        return zh, en
    # (--json: where a cut list's whole is, said with its command already; not a step to take)
    note = _options_said([("", zh, en)], cmd(folder), skip=("--json",))
    return (f"{zh}\n{note[0][1]}", f"{en}\n{note[0][2]}") if note else (zh, en)


def _no_file(book) -> None:
    try:
        path = Path(_fullname(book))
    except ShopbookError:  # (a workbook opened from OneDrive/SharePoint: the next press says what to do)
        path = Path()
    _say(book, _lang(path.parent) if path.is_absolute() else None, "没有选择文件。", "No file was chosen.")


def _export_password(book, files: list[Path], lang: str) -> str | None:
    """The password of the password-protected exports among `files` (the command line's
    --password), asked in an Excel input box where SHOPBOOK_EXPORT_PASSWORD does not give it.
    None where none is needed or none can be asked (Excel for Mac, xlwings Lite): the import
    then says how to give it. A box left empty or cancelled stops the import."""
    import os

    from ..orders.platform_export import needs_password

    locked = [f for f in files if needs_password(f)]
    if not locked or os.environ.get("SHOPBOOK_EXPORT_PASSWORD"):
        return None
    if lang == "zh":
        prompt = f"导出文件 {'、'.join(f.name for f in locked)} 设了密码。请输入导出时设的密码："
    elif len(locked) == 1:
        prompt = f"The export {locked[0].name} is password-protected. Type the password it was exported with:"
    else:
        prompt = (f"The exports {', '.join(f.name for f in locked)} are password-protected. Type the password "
                  "they were exported with:")
    try:  # Excel's Application.InputBox, as text (Type 2: digits stay text); False when cancelled
        got = book.app.api.InputBox(Prompt=prompt, Title="shopbook", Type=2)
    except Exception:  # noqa: BLE001 - no input box to be had here
        return None
    if got is False or not str(got):
        raise ShopbookError("没有输入密码：什么也没有导入。", "No password was given: nothing was imported.")
    return str(got)


def import_orders(path: str | None = None, book=None) -> None:
    """导入订单… button: the VBA side asks for the file(s) (a file dialog) and passes
    them, separated by '|'; the same as `shopbook orders import SHOP FILE...`, a
    password-protected export's password asked in an input box (_export_password)."""
    from ..orders.workflow import import_orders as import_

    book = _caller(book)  # (the job asks in it for a password)
    if not path:
        return _no_file(book)

    def job(shop, write, lang):
        files = [Path(p) for p in path.split("|") if p]
        res = import_(shop, files, write=write, password=_export_password(book, files, lang))
        said = _shown(res.said(BOX_LINES, res.listed(BOX_LINES, shop.reports, lang, warnings=True)))  # as `shopbook orders import`
        return *said, bool(res.issues or res.unknown_skus or res.pull or res.back_batches)

    _button(book, ("导入订单", "importing orders"), job)


def ship_scans(path: str | None = None, book=None) -> None:
    """验货发货… button: the scanner's file, chosen in a file dialog; as `shopbook ship`."""
    from ..orders.workflow import ship

    if not path:
        book = _caller(book)
        return _no_file(book)

    def job(shop, write, lang):
        res = ship(shop, Path(path), write=write)
        said = res.said(BOX_LINES, Path(path))  # as `shopbook ship`
        if said != res.said(BOX_LINES, Path(path), ("", "")):  # its parcels' list cut (not the cases': those are on
            # the 售后 sheet): written whole in reports/, as the other buttons' lists (the command line's
            # "shopbook ship --json 再核对 … 列出全部" is no step in Excel)
            whole = res.said(10**9, Path(path))
            said = res.said(BOX_LINES, Path(path), _lines_listed(shop.reports, whole, lang, ("验货清单", "scan-check-list")))
        return *_shown(said), any(not c.ok for c in res.checks)

    _button(book, ("验货发货", "checking scans"), job)


def _aftersales_said(res, lang: str, reports: Path, receiving: bool) -> tuple[str, str, bool]:
    """What `shopbook aftersales` (`… receive`) prints, as a box says it: its issues located, then what it did
    (AfterSales.said); a list of issues or open cases longer than the box, written whole in reports/ and named."""
    issues = [issue_said(_in_box(i)) for i in res.issues]  # (再按“售后处理”, not 再运行 shopbook aftersales 店铺)
    where = None
    whole = issues + res.said(lang, len(res.opened) or 1, by_button=True)
    # (the command line lists them all; no step in Excel): a long list of issues or open cases, or a line a code for
    # a file of many returns (200 on 双12, or a file scanned again: each "received on …")
    if len(issues) > BOX_LINES or len(res.open) > BOX_LINES or len(whole) > 3 * BOX_LINES:
        where = _lines_listed(reports, whole, lang, ("售后清单", "after-sales-list"))
    # (a case's next step as the buttons take it: 售后收货…, not `shopbook aftersales receive 店铺 YT…`)
    said = first(issues, BOX_LINES, ("条", "more"), where or ("", "")) + res.said(lang, BOX_LINES, BOX_LINES, where,
                                                                                 by_button=True)
    said = first(said, 3 * BOX_LINES, ("行", "more lines"), where or ("", ""))
    return *_shown(said), res.needs_a_person(receiving)


def aftersales(book=None) -> None:
    """售后处理 button: the after-sales desk, as `shopbook aftersales SHOP`: a held order's case opened, an exchange's
    resend made, a return marked received posted back to stock; then the open cases and their next step."""
    from ..aftersales.workflow import aftersales as desk

    def job(shop, write, lang):
        return _aftersales_said(desk(shop, write=write), lang, shop.reports, receiving=False)

    _button(book, ("售后处理", "after-sales"), job)


def aftersales_receive(path: str | None = None, book=None) -> None:
    """售后收货… button: the returns that came back, the scanner's file of their codes (售后单号, 退货单号 or 订单编号)
    chosen in a file dialog; as `shopbook aftersales receive SHOP CODE...` with the codes the file holds."""
    from ..aftersales.workflow import aftersales as desk, scan_file

    if not path:
        book = _caller(book)
        return _no_file(book)

    def job(shop, write, lang):
        scan = scan_file(Path(path))
        res = desk(shop, write=write, received=scan.codes)
        res.aside = scan.aside  # (its lines that hold no code: said, never dropped silently)
        return _aftersales_said(res, lang, shop.reports, receiving=True)

    _button(book, ("售后收货", "receiving returns"), job)


def _last_month() -> str:
    """The month before today's, by the shop's clock once it is open (money.ledger.month_before)."""
    import datetime as dt

    from ..money.ledger import month_before

    return month_before(dt.date.today())


def pnl(month: str | None = None, book=None) -> None:
    """利润表 button: last month's P&L (or the month given), as `shopbook ledger --month`."""
    from ..money.said import ledger_said
    from ..money.workflow import ledger_report

    def job(shop, write, lang):  # (last month by the shop's clock: its time zone is set as it is opened)
        report, margin, path = ledger_report(shop, month or _last_month())
        # as `shopbook ledger --month`: a failing balance check is a loud box, as it is exit 1
        return *_shown(ledger_said(report, margin, path, BOX_LINES)), bool(report.balance_issues)

    _button(book, ("利润表", "P&L"), job, writes=False)


def reconcile_alipay(path: str | None = None, book=None) -> None:
    """支付宝对账… button: the statement chosen in a file dialog; as `shopbook reconcile alipay`."""
    from ..money.said import reconcile_problem, reconciled_said
    from ..money.workflow import reconcile_alipay_file

    if not path:
        book = _caller(book)
        return _no_file(book)

    def job(shop, write, lang):
        res = reconcile_alipay_file(shop, Path(path), write=write)
        problem = reconcile_problem(res)  # as the CLI exits 1
        # (the box's "--apply 补录", "加 --apply 写上": the whole command to run with it)
        run = f'shopbook reconcile alipay "{shop.folder}" "{path}"'
        return *_shown(reconciled_said(res, ("支付宝", "Alipay"), BOX_LINES, run=run)), problem

    _button(book, ("支付宝对账", "reconciling Alipay"), job)


def reconcile_wechat(path: str | None = None, book=None) -> None:
    """微信对账… button: the WeChat Pay bill chosen in a file dialog; as `shopbook reconcile wechat`."""
    from ..money.said import reconcile_problem, reconciled_said
    from ..money.workflow import reconcile_wechat_file

    if not path:
        book = _caller(book)
        return _no_file(book)

    def job(shop, write, lang):
        res = reconcile_wechat_file(shop, Path(path), write=write)
        problem = reconcile_problem(res)  # as the CLI exits 1
        run = f'shopbook reconcile wechat "{shop.folder}" "{path}"'
        return *_shown(reconciled_said(res, ("微信", "WeChat"), BOX_LINES, run=run)), problem

    _button(book, ("微信对账", "reconciling WeChat Pay"), job)


def import_kpi(path: str | None = None, book=None) -> None:
    """导入生意参谋… button: the downloads chosen in a file dialog (separated by '|'); as
    `shopbook kpi import` (a figure typed differently in 日报 is listed, never overwritten)."""
    from ..kpi.import_sycm import import_kpi as import_

    if not path:
        book = _caller(book)
        return _no_file(book)

    def job(shop, write, lang):
        files = [Path(p) for p in path.split("|") if p]
        res = import_(shop, files, write=write)
        cmd = " ".join(["shopbook kpi import", f'"{shop.folder}"', *(f'"{f}"' for f in files)])
        # as `shopbook kpi import`, the file's problems located; a list cut is written whole in reports/, as the other
        # buttons' lists (pressing the button again lists the first 10 again)
        # (each line as the box says it: the download's row and its column, 第 6 行 › 支付金额, and its mark)
        where = (_lines_listed(shop.reports, [issue_said_at_cell(i) for i in res.issues], lang,
                               ("生意参谋导入问题", "shop-data-import-problems")) if len(res.issues) > BOX_LINES else None)
        said = res.said(BOX_LINES, run=cmd, where=where)
        return *_shown(said + _options_said(said, cmd)), not res.ok

    _button(book, ("导入生意参谋", "importing 生意参谋"), job)


def reconcile_courier(path: str | None = None, book=None) -> None:
    """快递对账… button: the courier's bill chosen in a file dialog; as `shopbook reconcile courier`."""
    from ..money.said import courier_differs, courier_said
    from ..money.workflow import reconcile_courier_file

    if not path:
        book = _caller(book)
        return _no_file(book)

    def job(shop, write, lang):
        chk, issues = reconcile_courier_file(shop, Path(path))
        said = courier_said(chk, issues, BOX_LINES)  # as `shopbook reconcile courier`
        if said != (whole := courier_said(chk, issues)):  # a list cut: written whole in reports/ (the command line's
            # "shopbook reconcile courier --json 列出全部" is no step for a person in Excel)
            said = courier_said(chk, issues, BOX_LINES,
                                where=_lines_listed(shop.reports, whole, lang, ("快递对账清单", "courier-check-list")))
        return *_shown(said), courier_differs(chk, issues)

    _button(book, ("快递对账", "reconciling the courier bill"), job, writes=False,  # (its "或用 --courier 指定")
            cmd=lambda shop: f'shopbook reconcile courier "{shop}" "{path}"')


def agent_sheets(book=None) -> None:
    """代理价格表 button: as `shopbook agents sheets SHOP`."""
    from ..agents.workflow import price_sheets

    def job(shop, write, lang):
        paths = price_sheets(shop)
        # a shop of 60 agents: a box taller than the screen; cut, saying how many more and where
        listing = _files_listed(paths, ("份", "more"), ("都在 {}", "all in {}"))
        # (a tier's floor below 7 折: its floor prices on the sheets, said before they are sent)
        return *_with_said((f"已生成 {len(paths)} 份价格表：\n{listing[0]}",
                            f"{en_count(len(paths), 'price sheet')} written:\n{listing[1]}"), paths.warnings), False

    _button(book, ("生成代理价格表", "making price sheets"), job, writes=False)


def agent_settle(month: str | None = None, book=None) -> None:
    """代理月结 button: last month's settlement (or the month given), as `shopbook agents settle`."""
    from ..agents.workflow import settle_month

    def job(shop, write, lang):  # (last month by the shop's clock, as the P&L's)
        res = settle_month(shop, month or _last_month(), write=write)
        # as `shopbook agents settle`; its lines left out and the statements changed since they were sent, where more
        # than the box shows, written whole in reports/ and named (the command line's "--json 列出全部" is no step in
        # Excel). (The agents' own lines past ten are on the 汇总 workbook the box names already.)
        cut = len(res.issues) > BOX_LINES or sum(1 for b in res.sent if b.changed) > BOX_LINES
        where = _lines_listed(shop.reports, res.said(), lang, ("代理月结清单", "agent-settlement-list")) if cut else None
        return *_shown(res.said(BOX_LINES, where=where)), False

    _button(book, ("代理月结", "settling agents"), job)


def daily_report(book=None, date: str | None = None) -> None:
    """日报 button: the main job, as `shopbook daily SHOP` (yesterday, or the day given): every
    step, as the CLI's table shows them."""
    import datetime as dt

    from ..report.workflow import run_daily

    def job(shop, write, lang):
        run = run_daily(shop, dt.date.fromisoformat(date) if date else None, write=write)
        # (a step's line that names a command line, 或 shopbook kpi import, says the button to press: 导入生意参谋…)
        return *_shown(run.said(by_button=True)), not run.ok or run.needs_a_person  # loudly where the CLI exits 1

    _button(book, ("日报", "daily report"), job)


def self_check(book=None) -> None:
    """自查 button: every role's list for today, as `shopbook selfcheck SHOP` (nothing written)."""
    from ..report.selfcheck import by_role, read_selfcheck, sheet_rows

    def job(shop, write, lang):
        items = read_selfcheck(shop)
        out, where = {}, None
        if any(more for *_, more in by_role(items, "zh", 5)):  # a list cut: every role's items whole in reports/
            head, *rows = sheet_rows(items, "en" if lang == "en" else "zh")  # (as the daily report's 自查 sheet)
            where = _csv_in_reports(shop.reports, ("自查清单", "self-check-list"), lang, (head, head), rows)
        for lg in ("zh", "en"):
            text = []
            zh = lg == "zh"  # a zh line's punctuation full-width, as `shopbook selfcheck` and the e-mail say it
            for role, n, shown, more in by_role(items, lg, 5, where):
                text.append(f"{role}（{n}）" if zh else f"{role} ({n})")
                # (each item's button to press where a button does it, not its command line: CheckItem.in_box)
                text += [f"  {'! ' if i.urgent else ''}{i.record}{'：' if zh else ': '}{i.in_box}" for i in shown]
                text += [f"  {more}"] if more else []
            out[lg] = "\n".join(text)
        return out["zh"], out["en"], any(i.urgent for i in items)

    _button(book, ("自查", "self-check"), job, writes=False)


def monthly_report(period: str | None = None, book=None) -> None:
    """月报 button: last month's review, as `shopbook report monthly SHOP`."""
    from ..report.monthly import make_review

    def job(shop, write, lang):
        rev, path, _ = make_review(shop, "monthly", period)
        # as `shopbook report monthly`: an empty month says so, no ✓; a failing balance check is a loud box
        # (the days missing filled in with the 导入生意参谋… button, not the command line)
        said = rev.said(path, BOX_LINES, _button_label("btnImportKpi"))
        return *_shown(said), bool(rev.balance_issues) or rev.partial or rev.nothing

    _button(book, ("月报", "monthly review"), job, writes=False)


def email(book=None) -> None:
    """发邮件 button: e-mail the daily report, as `shopbook email SHOP`."""
    from ..report.workflow import send_report

    def job(shop, write, lang):
        said = send_report(shop, "daily").said(bool(shop.config.smtp.host))
        # not sent (or maybe sent), recipients refused, the report incomplete: loudly, where the CLI exits 1
        return *_shown(said), any(mark in ("✗", "!") for mark, *_ in said)  # as `shopbook email` says it

    _button(book, ("发邮件", "e-mailing"), job, writes=False)
