"""`shopbook validate`: read a shop folder or one workbook, run every rule, locate every issue."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path
from xml.etree import ElementTree as ET

import python_calamine as pc

from ..config import CONFIG_NAME, IMPLAUSIBLE_QTY, load_config
from ..io import at_exit, cache, journal, memo
from ..io.background import Apart, can_fork, map_beside
from ..io.files import check_workbook, remember_read
from ..io.limits import check_regular, read_member
from ..io.lists import col_index
from ..io.reader import (CODE_AS_NUMBER, WorkbookData, code_as_number, gc_paused, header_key, locate_in, read_workbook,
                         sheet_keys, sku_like)
from ..io.sheet_xml import rels_part, sheet_parts, table_parts
from ..issues import Issue, ShopbookError, cell_letters, no_shop_folder
from ..schema import WORKBOOKS, OrderLine, Product, SheetModel, WorkbookSpec
from ..shop import keep_shop_time, missing_workbook
from ..sync_copies import copy_issues, shop_copies, sync_copies
from .rules import SELF_CONTAINED, check_all, check_orders_without_status

APART_BYTES = 1 << 20  # a smaller workbook reads in less time than a second process costs to start


@dataclass
class Validation:
    """The outcome: every issue, located, and the workbooks it covered."""

    issues: list[Issue]
    books: dict[str, Path] = field(default_factory=dict)  # file name → path
    # what was read differently from how it looks, not a problem: a totals row skipped
    notes: list[Issue] = field(default_factory=list)
    # workbooks of the folder that did not read (empty, cut short, not a workbook, being saved): each an
    # error among `issues`, the others validated all the same; exit 2, "could not read"
    unread: list[str] = field(default_factory=list)
    # shopbook.toml did not read: said among `issues`, the workbooks checked by the defaults; exit 2
    settings_unread: bool = False
    # an interrupted job no run has finished (journal.pending): what was read is the shop half written; exit 1
    half_written: bool = False

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def exit_code(self) -> int:
        return 2 if self.unread or self.settings_unread else 1 if self.errors or self.half_written else 0


def spec_for_sheets(filename: str, sheet_names: list[str]) -> WorkbookSpec:
    """The workbook kind: by its file name, else by which declared sheets it holds."""
    by_name = next((w for w in WORKBOOKS if w.filename == filename.lower()), None)
    if by_name:
        return by_name
    names = {header_key(n) for n in sheet_names}
    score = {w.key: sum(1 for m in w.sheets if {header_key(m.zh), header_key(m.en)} & names) for w in WORKBOOKS}
    best = max(WORKBOOKS, key=lambda w: score[w.key])
    if score[best.key] == 0:
        raise ShopbookError(
            "认不出这是哪个店铺工作簿：没有“商品”“订单”“流水”“日报”“代理商”等工作表。",
            "Cannot tell which shop workbook this is: it has none of the sheets Products, Orders, "
            "Entries, Daily, Agents …", filename)
    return best


def spec_for_file(path: Path) -> WorkbookSpec:
    if any(w.filename == path.name.lower() for w in WORKBOOKS):
        return spec_for_sheets(path.name, [])
    check_workbook(path)
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        names = wb.sheet_names
        wb.close()
    except Exception as e:
        raise ShopbookError(f"工作簿无法读取：{e}", f"The workbook cannot be read: {e}", path) from None
    return spec_for_sheets(path.name, names)


def run_checks(books: list[WorkbookData], report_for: set[str] | None = None, config=None) -> list[Issue]:
    """Rules over the records of `books`; issues placed on the cell they concern.
    `report_for` limits the result to those workbook file names; `config` is the shop's
    shopbook.toml (how agent prices are rounded)."""
    from .lists import big_event_blocked, found_lists, stale_list_issue

    found = found_lists(books, report_for)  # (the small sheets' XML: a few ms)
    issues = read_issues(books) + rule_issues(books, config) + orders_beside(books, report_for)
    if found:
        issues = big_event_blocked(issues, found, books) + [stale_list_issue(b, s) for b, s in found]
    if report_for is not None:
        issues = [i for i in issues if i.book in report_for]
    return sort_issues(year_ahead_errors(issues, books))


def read_issues(books: list[WorkbookData]) -> list[Issue]:
    """The readers' own issues of `books` (WorkbookData.all_issues), a SKU cell holding a number
    naming the SKUs it is with its leading zeros, where there are (12: 0012): of the 商品 sheet, or
    for a 商品 cell, as the other sheets write it. One that is otherwise a SKU as it stands is no
    warning (345 typed as a number is 345: nothing was lost)."""
    def as_number(i: Issue) -> bool:
        return bool(i.field) and CODE_AS_NUMBER in i.message_en

    products = next((sd for wd in books for m, sd in wd.sheets.items() if m is Product and sd.present), None)
    # the 商品 SKUs typed as text (a number cell of its own is what is in question)
    own = {i.value for i in products.issues if as_number(i)} if products is not None else set()
    known = (sheet_keys(products, "sku") - own) if products is not None else set()
    zeros, elsewhere = _zero_led(known), _zero_led(_sku_refs(books)) if own else {}
    out = []
    for wd in books:
        out += wd.issues
        for model, sd in wd.sheets.items():
            for i in sd.issues:
                if as_number(i):
                    on_products = sd is products
                    probably = zeros.get(i.value) or (elsewhere.get(i.value) if on_products else None)
                    if probably:
                        zh, en = code_as_number(model.column(i.field), i.value, probably,
                                                elsewhere=on_products and not zeros.get(i.value))
                        i = i.with_(message_zh=zh, message_en=en)
                    elif i.value in known or on_products:
                        continue
                out.append(i)
    return out


def orders_beside(books: list[WorkbookData], report_for: set[str] | None = None) -> list[Issue]:
    """A sheet named for a year, of 订单's headers and holding rows, beside the 订单 read by its name (2025订单
    kept when the year turned, 2027订单 begun in January), which no command reads and the reader leaves unsaid
    (orders have no date every row holds: their years are not joined): said at it, its cells unchecked. An
    error where its year is later than every order on 订单: the new year's orders are there, and the review,
    pick lists and every report of that year miss them (periods.order_sheets_unread stops those); a warning
    else (kept old orders: a report of a month only it holds stops, saying so)."""
    from ..io.reader import filled_sheets_beside, record_fields
    from ..periods import _YEAR

    ow = next((wd for wd in books if OrderLine in wd.sheets), None)
    sd = ow.sheets[OrderLine] if ow is not None else None
    if sd is None or not sd.present or sd.unread or (report_for is not None and ow.path.name not in report_for):
        return []
    said = {i.sheet for i in sd.issues if i.row is None}  # (a copy, 订单 blank or hidden: the reader's word)
    # (one named for a year alone, as periods judges them: a sheet named otherwise, 订单备份, is a person's own)
    try:  # (the file as saved: a live book's, in Excel, may be being saved or never was)
        filled = filled_sheets_beside(ow.path, sd.sheet, OrderLine)
    except (OSError, pc.CalamineError):
        return []
    beside = [n for n in filled if n not in said and _YEAR.search(n)]
    if not beside:
        return []
    years = {d.year for row in record_fields(sd, "paid_at", "shipped_on") for d in row if d is not None}
    out = []
    for n in beside:
        named = sorted({int(y) for y in _YEAR.findall(n)})
        zh = (f"“{n}”的表头和“{sd.sheet}”一样，下面也有行，但没有读取，也没有校验：订单只读“{sd.sheet}”这一张表。")
        en = (f"'{n}' has the headers of '{sd.sheet}' and rows below them, but was neither read nor checked: orders "
              f"are read from '{sd.sheet}' alone.")
        if years and named[0] > max(years):
            out.append(Issue(
                "error", zh + f"“{sd.sheet}”里没有 {named[0]} 年的订单：审单、拣货和 {named[0]} 年的报表都看不到它的订单"
                f"（报表会停下）。请把它的行移到“{sd.sheet}”表里（可以按付款时间排），再校验一次。",
                en + f" '{sd.sheet}' holds no order of {named[0]}: order review, pick lists and the reports of "
                f"{named[0]} miss its orders (the reports stop). Move its rows to '{sd.sheet}' (sorted by payment "
                "time if you like) and check again.", book=ow.path.name, sheet=n))
            continue
        out.append(Issue(
            "warning", zh + f"若它只是留着的旧订单，可以不管这条（做 {'、'.join(map(str, named))} 年某月的报表时，若那个月的订单只在"
            f"它里面，报表会停下，到时请先把它的行移到“{sd.sheet}”）；若它的订单要用，请把它的行移到“{sd.sheet}”表里，再校验一次。",
            en + f" If it only keeps old orders, this can be left (a report of a month of {', '.join(map(str, named))} "
            f"whose orders are only there stops: move its rows to '{sd.sheet}' then); if its orders are to be used, "
            f"move its rows to '{sd.sheet}' and check again.", book=ow.path.name, sheet=n))
    return out


def year_ahead_errors(issues: list[Issue], books: list[WorkbookData]) -> list[Issue]:
    """The reader's warning at a sheet a year kept apart beside its kind's own whose rows are later than every
    row there (io.reader.rows_after: 流水2027 begun in January beside 流水 holding 2026), an error here: no
    command reads the new year's rows, and every report of their days stops on them (periods)."""
    from ..io.reader import rows_after

    ahead = {(wd.path.name, p.sheet) for wd in books for sd in wd.sheets.values() for p in sd.kept_apart
             if rows_after(sd, p)}
    return [i.with_(severity="error") if (i.book, i.sheet) in ahead and i.row is None and not i.cell else i
            for i in issues] if ahead else issues


def _zero_led(codes) -> dict[str, list[str]]:
    """Digits with leading zeros among `codes`, by what Excel would keep of them (0012: 12)."""
    out: dict[str, list[str]] = defaultdict(list)
    for code in sorted(codes):
        if code[:1] == "0" and code.isdigit() and code.lstrip("0"):
            out[code.lstrip("0")].append(code)
    return out


def _sku_refs(books: list[WorkbookData]) -> set[str]:
    """The SKUs the sheets other than 商品 name (orders, movements, …): asked only when a 商品 SKU is
    stored as a number."""
    out = set()
    for wd in books:
        for model, sd in wd.sheets.items():
            if model is not Product:
                for c in model.columns():
                    if sku_like(c):
                        out |= {v for v in sheet_keys(sd, c.name) if isinstance(v, str)}
    return out


def rule_issues(books: list[WorkbookData], config=None) -> list[Issue]:
    """What the rules (check_all) say of the records of `books`, placed on their cells; the
    readers' own issues are the books'."""
    sheets = {model: sd for wd in books for model, sd in wd.sheets.items()}

    def rows(model: type[SheetModel]) -> list:
        sd = sheets.get(model)
        return sd.records if sd else []

    def present(model: type[SheetModel]) -> bool:
        """Read, with its key columns (required and unique: 商家编码): a sheet whose key header has a typo
        (商品编吗) is that one error at its header, not one for every row of other sheets checked against
        its keys (9,773 of them); a typo in another of its headers (名称) leaves its keys known and checked."""
        sd = sheets.get(model)
        return bool(sd and sd.present and sd.header_row and all(c.name in sd.columns for c in model.columns()
                                                                   if c.required and c.col.unique))

    def keys(model: type[SheetModel], name: str) -> set:
        sd = sheets.get(model)
        return sheet_keys(sd, name) if sd else set()

    def unreadable(model: type[SheetModel]) -> list:
        sd = sheets.get(model)
        return sd.unreadable if sd else []

    def parts(model: type[SheetModel]) -> tuple:
        sd = sheets.get(model)
        return tuple(p.sheet for p in sd.parts) if sd else ()

    agents, most = (config.agents, config.stock.implausible_qty) if config is not None else (None, IMPLAUSIBLE_QTY)
    orders = sheets.get(OrderLine)  # (its 状态 cells the reader said: a typo is read as blank)
    blank_status = check_orders_without_status(
        rows(OrderLine), unreadable(OrderLine), {i.row for i in orders.issues if i.field == "status"}) if orders else []
    out = locate_in(books, check_all(rows, present, agents, keys, unreadable, most, parts) + blank_status)
    # a cell that did not read is its reader's one error: a rule's verdict on it judged the blank or the default it
    # was read as, not what was typed (最低零售折扣 “9折以上” then “below the agent discount”, at 7 折 the default)
    unread = {(i.book, i.sheet, i.row, i.field) for sd in sheets.values() for i in sd.issues
              if i.severity == "error" and i.field and i.row}
    return [i for i in out if (i.book, i.sheet, i.row, i.field) not in unread] if unread else out


def sort_issues(issues: list[Issue]) -> list[Issue]:
    order = {w.filename: k for k, w in enumerate(WORKBOOKS)}

    def key(i: Issue):
        col = cell_letters(i.cell)
        return (order.get(i.book, 99), i.book, i.sheet, i.row or 0, len(col), col, i.message_en)

    return sorted(issues, key=key)


def read_workbooks(targets: list[tuple[WorkbookSpec, Path]], only: set[str] | None = None,
                   progress=None, unread: list | None = None) -> list[WorkbookData]:
    """Read several workbooks, two at a time (calamine parses outside the GIL, so the
    second core is used). A broken sibling does not stop checking the asked-for one;
    with `unread` given, no broken one but an asked-for one (`only`) stops the others: each goes
    there, (path, error)."""
    def one(target):
        spec, p = target
        try:
            return read_workbook(p, spec)
        except ShopbookError as e:
            if only is not None and p.name in only:
                raise
            if unread is not None:
                unread.append((p, e))
            return None
        finally:
            if progress:
                progress(p.name)

    return [wd for wd in map_beside(one, targets) if wd is not None]


@gc_paused()  # a million records read: a cyclic collection over them costs more than the checks
def validate_path(path: Path | str, progress=None) -> Validation:
    """Validate `path`, a shop folder (every workbook) or one workbook. Sibling workbooks of a
    single file are read for cross-workbook references, but only its own issues count;
    `progress(file name)` is called as each workbook is read.
    A sync service's copy beside a workbook is a warning each time (never kept in the
    verdict on the workbooks: it comes and goes without them changing)."""
    path = Path(path)
    result = _validate_path(path, progress)
    copies = copy_issues(shop_copies(path) if path.is_dir() else sync_copies(path.parent, [path.name]))
    # an interrupted job no run has finished: what was read is the shop half written, said first
    if (half := journal.pending(path if path.is_dir() else path.parent)) is not None:
        copies.insert(0, Issue("warning", half[1], half[2], book=half[0].name))
        result = replace(result, half_written=True)
    return replace(result, issues=copies + result.issues) if copies else result


def _validate_path(path: Path, progress=None) -> Validation:
    if path.is_dir():
        folder, only = path, None
        targets = [(w, path / w.filename) for w in WORKBOOKS]
        missing = [w for w, p in targets if not p.exists()]
        if len(missing) == len(WORKBOOKS):
            raise ShopbookError(
                "这个文件夹里没有店铺工作簿（stock.xlsx、orders.xlsx …）。",
                "This folder holds no shop workbooks (stock.xlsx, orders.xlsx …).", path)
    else:
        # a workbook that is not there is no workbook without issues ("0 errors", exit 0): it stops
        if not path.exists():
            if path.parent.is_file():
                raise ShopbookError("找不到这个文件：它所在的文件夹是一个文件。", "File not found: its folder is a file.", path)
            if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".csv"):  # a mistyped shop folder (shop.2026 too)
                raise no_shop_folder(path)
            check_regular(path)  # a file not found (or the .xls or sync copy standing in for it, named)
        spec = spec_for_file(path)
        folder, only = path.parent, {path.name}
        targets = [(spec, path)] + [(w, folder / w.filename) for w in WORKBOOKS
                                    if w is not spec and (folder / w.filename).exists()]
        missing = []
    # the verdict on exactly these files, when a run already gave it (io.memo); a job holding
    # the shop lock (daily) counts each as read, as a read would (the lost-update check)
    try:  # the shop's day (its time zone) before the record's key, which holds the day
        config = load_config(folder)
        keep_shop_time(config.shop.timezone, folder / CONFIG_NAME)
    except ShopbookError as e:  # said after the workbooks that do not read, as one process does
        config = e
    key = known = None
    if memo.worth(p for _, p in targets):
        for _, p in targets:
            if memo.file_state(p):
                remember_read(p)
        key = memo.inputs(folder, [p.name for _, p in targets] + [CONFIG_NAME], target=path.name if only else None,
                          day=dt.date.today().isoformat())  # 'after today' is the day's word
        known = memo.load(folder, "validate", key)
    if known is not None:
        try:
            return _from_record(folder, known)
        except Exception:  # noqa: BLE001 - a record this version cannot read: validate as without one
            pass
    here = [(s, p) for s, p in targets if p.exists()]
    # (with a shopbook.toml that does not read, everything is read here: that order of stops)
    apart = [(s, p) for s, p in here if only is None and not isinstance(config, ShopbookError) and _apart_worth(s, p)]
    here = [t for t in here if t not in apart]
    with ExitStack() as stack:
        if cache.after_result_on():  # on the command line: entries written after the result (elsewhere
            stack.enter_context(cache.deferred())  # each is encoded by its reading thread, beside the other read)
        # a big self-contained workbook (the ledger) is read and checked by a second process,
        # on the other core, while this one reads the rest: the same issues as one process gives
        asides = [(s, p, stack.enter_context(Apart(_check_alone, s, p, config, after=_cache_after)))
                  for s, p in apart]
        for _, p, _ in asides:
            remember_read(p)  # the version a job's edits are made against (read there, not here)
        # a folder's workbook that does not read is said, with what to do, and the others validated
        # all the same: every problem at once (as doctor names each); one workbook asked for stops,
        # and a sibling of it that does not read is said (what refers to it went unchecked)
        unread: list = []
        try:
            books = read_workbooks(here, only, progress, unread)
        except ShopbookError as e:  # the first workbook that stops, in the order a single read meets them
            for s, _, aside in asides:
                if _order(s.filename) < _order(Path(e.path).name):
                    aside.result()
            raise
        # a shopbook.toml that does not read is one problem among the others, not the only one said
        bad_config = config if isinstance(config, ShopbookError) else None
        issues = run_checks(books, only, None if bad_config else config)
        notes = [n for wd in books if only is None or wd.path.name in only for n in wd.all_notes()]
        names = {wd.path.name: wd.path for wd in books if only is None or wd.path.name in only}
        for _, p, aside in asides:
            try:
                got = aside.result()
            except ShopbookError as e:
                unread.append((p, e))
                continue
            issues += [Issue(*x) for x in got["issues"]]
            notes += [Issue(*x) for x in got["notes"]]
            names[p.name] = p
            if progress:
                progress(p.name)
    issues = _in_hidden_places(sort_issues(issues), names)
    unread = sorted(unread, key=lambda u: _order(u[0].name))
    said = [unread_workbook(p, e, sibling_of=path.name if only else None) for p, e in unread]
    issues = [missing_workbook(folder, w) for w in missing] + said + issues
    if bad_config is not None:
        # (only this check runs on the defaults, writing nothing: every other command stops on the file)
        issues.insert(0, Issue("error", f"{bad_config.zh}（只有这次校验按 shopbook 的默认设置检查了工作簿，其他命令在它改好之前都不运行；"
                                        "改好后再校验一次。）",
                               f"{bad_config.en} (Only this check read the workbooks, by shopbook's default settings; "
                               "every other command stops until it is fixed. Check again once it is.)", book=CONFIG_NAME))
    names = {name: names[name] for _, p in targets if (name := p.name) in names}  # in the declared order
    result = Validation(issues, names, sort_issues(notes), [] if only else [p.name for p, _ in unread],
                        settings_unread=bad_config is not None)
    if key is not None and not unread and bad_config is None and memo.still(folder, key):  # nothing changed while it was read
        memo.store(folder, "validate", key, {"issues": list(map(astuple, result.issues)),
                                             "notes": list(map(astuple, result.notes)), "books": list(result.books)})
    return result


_FILTERED = re.compile(rb"<(?:\w+:)?sheetPr\b[^>]*\bfilterMode=\"(?:1|true)\"")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NO, _HIDDEN = re.compile(rb"\br=\"(\d+)\""), re.compile(rb"\bhidden=\"(?:1|true)\"")
_CELL_ROW = re.compile(r"[A-Z]+(\d+)$")
_SHEET_FILTER = re.compile(rb"<(?:\w+:)?filterColumn\b")
_WHOLE_LOOK = 4 << 20  # a sheet of this much XML or less is looked at whole: a few ms


_COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_MIN, _MAX = re.compile(rb"\bmin=\"(\d+)\""), re.compile(rb"\bmax=\"(\d+)\"")
_CELL_COLUMN = re.compile(r"([A-Z]+)\d+$")


def _in_hidden_places(issues: list[Issue], names: dict[str, Path]) -> list[Issue]:
    """An issue in a row a filter hides (订单 filtered to 待审核: the person sent to J4 sees row 3 and then 6, and
    the --write comment there is out of sight), in a row hidden by hand, or in a column hidden in Excel (a 流水号
    column the staff hid: sent to G4, they see F and then H), says so. Looked for only on a sheet with issues, each workbook opened once:
    a filter where the sheet's head (or a table of it) says one is on, the columns in the head (<cols> is before
    the cells)."""
    at: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for k, i in enumerate(issues):
        if i.book in names and i.sheet and _CELL_COLUMN.match(i.cell):
            at[i.book][i.sheet].append(k)
    out = list(issues)
    for book, sheets in at.items():
        try:
            with zipfile.ZipFile(names[book]) as z:
                parts = sheet_parts(z)
                for sheet, ks in sheets.items():
                    if (part := parts.get(sheet)) is not None:
                        path = names[book]
                        _say_hidden(out, ks, *_hidden_rows(z, part, path), _hidden_columns(z, part, path))
        except (OSError, KeyError, zipfile.BadZipFile, ShopbookError):
            continue  # (said by the read, if anything)
    return out


def _say_hidden(out: list[Issue], ks: list[int], rows: set[int], filtered: bool, columns: list[tuple[int, int]]
                ) -> None:
    """The issues `ks` of `out` in a hidden row (`rows`: by a filter where `filtered`, else hidden by hand) or
    column (`columns`, (min, max) each) with a word on it."""
    for k in ks:
        letters, r = _CELL_COLUMN.match(out[k].cell).group(1), int(_CELL_ROW.match(out[k].cell).group(1))
        if r in rows and filtered:
            out[k] = replace(out[k], message_zh=f"{out[k].message_zh}（第 {r} 行被筛选隐藏了：清除筛选才看得到这一格。）",
                             message_en=f"{out[k].message_en} (Row {r} is hidden by a filter: clear the filter to "
                                        "see this cell.)")
        elif r in rows:
            out[k] = replace(out[k], message_zh=f"{out[k].message_zh}（第 {r} 行被隐藏了：取消隐藏才看得到这一格。）",
                             message_en=f"{out[k].message_en} (Row {r} is hidden: unhide it to see this cell.)")
        if any(lo <= col_index(letters) + 1 <= hi for lo, hi in columns):
            out[k] = replace(out[k], message_zh=f"{out[k].message_zh}（{letters} 列被隐藏了：取消隐藏才看得到这一格。）",
                             message_en=f"{out[k].message_en} (Column {letters} is hidden: unhide it to see this "
                                        "cell.)")


def _hidden_rows(z: zipfile.ZipFile, part: str, path: Path) -> tuple[set[int], bool]:
    """(the rows of sheet `part` hidden, whether by a filter): where a filter is on (the sheet's own is at its
    end), the rows it hides; else those hidden by hand (right-click, Hide: the person sent to D5 sees row 4 and
    then 6), looked for on a sheet of up to _WHOLE_LOOK of XML (a few ms)."""
    try:
        if z.getinfo(part).file_size <= _WHOLE_LOOK:
            xml = read_member(z, part, path)
            filtered = bool(_FILTERED.search(xml, 0, 4096) or _SHEET_FILTER.search(xml)
                            or _table_filtered(z, part, path))
            if not filtered and not _HIDDEN.search(xml):
                return set(), False
        elif _FILTERED.search(read_member(z, part, path, head=4096)) or _table_filtered(z, part, path):
            xml, filtered = read_member(z, part, path), True
        else:
            return set(), False
    except (OSError, KeyError, zipfile.BadZipFile, ShopbookError, ET.ParseError):
        return set(), False  # (said by the read, if anything)
    return {int(n.group(1)) for m in _ROW_TAG.finditer(xml) if _HIDDEN.search(m.group(1))
            and (n := _ROW_NO.search(m.group(1)))}, filtered


def _hidden_columns(z: zipfile.ZipFile, part: str, path: Path) -> list[tuple[int, int]]:
    """(min, max) of each span of columns hidden on sheet `part` (its head's <cols>)."""
    try:
        head = read_member(z, part, path, head=1 << 16).split(b"sheetData", 1)[0]
    except (OSError, KeyError, zipfile.BadZipFile, ShopbookError):
        return []  # (said by the read, if anything)
    return [(int(lo.group(1)), int(hi.group(1))) for m in _COL_TAG.finditer(head) if _HIDDEN.search(m.group(1))
            and (lo := _MIN.search(m.group(1))) and (hi := _MAX.search(m.group(1)))]


def _table_filtered(z: zipfile.ZipFile, part: str, path: Path) -> bool:
    """Whether an Excel table on the sheet has a filter set (LibreOffice leaves the sheet's
    filterMode off for one)."""
    rels = rels_part(part)
    if rels not in z.namelist():
        return False
    return any(table in z.namelist() and _SHEET_FILTER.search(read_member(z, table, path))
               for table in table_parts(part, read_member(z, rels, path)))


def unread_workbook(path: Path, e: ShopbookError, sibling_of: str | None = None) -> Issue:
    """The error for a workbook of the folder that does not read: why and what to do, as doctor
    says it, and that its cells went unchecked. `sibling_of`: the workbook asked for, this one read
    only for what that one refers to: a warning that those references went unchecked."""
    if sibling_of:
        return Issue("warning", f"{e.zh}（{sibling_of} 里引用它的内容（如商家编码、代理编号）没有和它核对。）",
                     f"{e.en} (Whatever {sibling_of} refers to in it, such as SKUs or agent IDs, was not checked against it.)",
                     book=path.name)
    return Issue("error", e.zh + NOT_VALIDATED[0], e.en + NOT_VALIDATED[1], book=path.name)


# what unread_workbook adds to the words of a workbook that did not read (zh, en)
NOT_VALIDATED = ("（这个工作簿没有校验；其他工作簿照常校验。）", " (This workbook was not validated; the others were.)")


def _apart_worth(spec: WorkbookSpec, path: Path) -> bool:
    """Whether a second process reads and checks this workbook: a big self-contained one, where
    a process can be forked. Within a job whose later steps read it again (daily's self-check
    reads the ledger) only when the parsed-sheet cache, which that process fills, is on: without
    it they would parse it again instead of sharing this read."""
    from ..io.reader import caching

    try:
        st = path.stat()
    except OSError:
        return False
    return (spec.filename in SELF_CONTAINED and st.st_size >= APART_BYTES and can_fork()
            and (not caching() or cache.wanted(path, st)))


def _order(filename: str) -> int:
    return next((k for k, w in enumerate(WORKBOOKS) if w.filename == filename), len(WORKBOOKS))


def _check_alone(spec: WorkbookSpec, path: Path, config) -> dict:
    """The issues and notes of one self-contained workbook, read and checked by itself (in the
    second process), as plain data. Its cache entry is written there (a job's deferred entries
    would end with that process): before the result within a job whose later steps read it
    (daily's self-check: the reason this process is used there), else from the command line once
    the result is sent (_cache_after)."""
    from ..io.reader import caching

    with cache.immediate(for_later_steps=caching()):
        books = [read_workbook(path, spec)]
    issues = run_checks(books, None, config)
    return {"issues": list(map(astuple, issues)), "notes": [astuple(n) for wd in books for n in wd.all_notes()]}


def _cache_after() -> None:
    at_exit.write_cache(detach=True)


def _from_record(folder: Path, rec: dict) -> Validation:
    return Validation([Issue(*x) for x in rec["issues"]], {name: folder / name for name in rec["books"]},
                      [Issue(*x) for x in rec["notes"]])
