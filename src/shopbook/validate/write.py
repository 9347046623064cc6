"""`validate --write`: an Issues sheet with a link to each cell, and a comment on it.

Only shopbook's own things change: its sheet is replaced, its earlier comments
are removed, new ones are added where no person's comment sits. Values, styles,
tables and validations a person made are untouched. openpyxl cannot carry
everything through a save (charts, pictures, pivot tables, form controls, a
sheet's extensions such as dropdowns from another sheet and sparklines, threaded
comments, formulas' cached results), so a workbook holding any of those gets its
issue list in a separate file instead; so does a workbook with a sheet too big for openpyxl to
load and save in reasonable time (BIG_SHEET_XML). A workbook with no issue of its own and
nothing of shopbook's to clear is not rewritten at all.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from ..io.cells import put, stored_text
from ..io.files import check_writable, remember_read, write_atomic
from ..io.limits import far_reach, xml_safe
from ..io.reader import sheet_parts
from ..issues import Issue
from .lists import to_extend, unblocked

ISSUES_TITLES = {"zh": "校验结果", "en": "Issues"}
AUTHOR = "shopbook"
# One language per shop: the sheet and comments in the shop's language (`lang` zh or en); in both
# only where no shop says which (None: a workbook outside a shop folder), each message then in
# both columns, as the console prints both.
HEADS = {
    "zh": ["严重程度", "工作表", "单元格", "列", "值", "说明"],
    "en": ["Severity", "Sheet", "Cell", "Column", "Value", "Message"],
    None: ["严重程度 Severity", "工作表 Sheet", "单元格 Cell", "列 Column", "值 Value", "说明", "Message"],
}
# the headers an earlier shopbook wrote (each message in both languages, whatever the shop): its
# sheet is still shopbook's, replaced by the next --write
_EARLIER_HEADS = ([*HEADS["zh"], "Message"], [*HEADS["en"], "说明"])
SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"},
                  None: {"error": "错误 error", "warning": "警告 warning"}}
ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
WARNING_FILL = PatternFill("solid", fgColor="FFE699")
# Parts that openpyxl drops on save: a workbook holding them is never rewritten.
UNSAFE_PARTS = ("xl/charts/", "xl/media/", "xl/pivotTables/", "xl/pivotCache/", "xl/slicers/",
                "xl/embeddings/", "xl/ctrlProps/", "xl/activeX/", "xl/timelines/",
                "xl/threadedComments/", "xl/persons/")  # threaded (modern) comments and their authors
# openpyxl loads and saves a sheet of this much XML in about 6 s (0.27 s a MB; a 100k-line orders
# sheet, 74 MB: 20 s): a workbook holding one gets its issue list in a separate file too
BIG_SHEET_XML = 24 << 20
TOO_BIG = "a sheet too big to rewrite whole"
_ROOT = re.compile(rb"<(\w+:)?worksheet\b")
STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"  # Excel's "Strict Open XML Spreadsheet" save


def _sheet_xml_risks(data: bytes) -> set[str]:
    """What in one sheet's XML an openpyxl save would lose, by byte search (a sheet can be
    tens of MB: no parse)."""
    m = _ROOT.search(data, 0, 4096)
    p = (m.group(1) or b"") if m else b""  # the main namespace's prefix, when a writer uses one
    found = set()
    # openpyxl drops every extension of a sheet: dropdowns that point at another sheet
    # (x14:dataValidation), sparklines, newer conditional formats…
    ext = data.find(b"<" + p + b"extLst")
    if ext >= 0:
        found.add("x14 data validations" if data.find(b"dataValidation", ext) >= 0 else
                  "sparklines" if data.find(b"sparklineGroup", ext) >= 0 else "sheet extensions (extLst)")
    # it writes formulas without their cached results: every later read would see them blank
    if b"<" + p + b"f>" in data or b"<" + p + b"f " in data:
        found.add("formulas")
    if far_reach(data):  # a stray cell at A1048576: openpyxl would walk every row up to it
        found.add("cells far from the table")
    return found


def unsafe_parts(path: Path) -> list[str]:
    """What the workbook holds that an openpyxl load + save would lose, or take too long over
    ([] when nothing)."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        found = {p for n in names for p in UNSAFE_PARTS if n.startswith(p)}
        # (LibreOffice leaves an empty drawing on a sheet it saves with links or comments: no shape to lose)
        found |= {"xl/drawings/ (shapes)" for n in names if n.startswith("xl/drawings/drawing") and b"Anchor" in z.read(n)}
        sheets = [i for i in z.infolist() if i.filename.startswith(("xl/worksheets/", "xl/macrosheets/",
                                                                     "xl/dialogsheets/")) and i.filename.endswith(".xml")]
        found |= {TOO_BIG for i in sheets if i.file_size >= BIG_SHEET_XML}
        if STRICT_NS in z.read("xl/workbook.xml")[:4096]:  # openpyxl reads no sheet of it: a save keeps none
            found.add("Strict Open XML")
        if not found - {TOO_BIG}:  # only then is reading the sheets worth it (a big one is cleared once)
            for i in sheets:
                found |= _sheet_xml_risks(z.read(i))
    return sorted(found)


def has_shopbook_marks(path: Path) -> bool:
    """Whether an earlier --write left its Issues sheet or comments in the workbook."""
    with zipfile.ZipFile(path) as z:
        if set(ISSUES_TITLES.values()) & set(sheet_parts(z)):
            return True
        author = b"author>" + AUTHOR.encode() + b"</"  # <author>shopbook</author> in a comments part
        return any(author in z.read(n) for n in z.namelist()
                   if n.startswith("xl/") and n.rsplit("/", 1)[-1].startswith("comment") and n.endswith(".xml"))


def _one(lang: str | None) -> str | None:
    """The shop's language, zh or en; None (both) where no shop says which."""
    return lang if lang in ("zh", "en") else None


def issues_title_for(lang: str | None) -> str:
    """校验结果 / Issues; 校验结果 where no shop says which (its headers say both)."""
    return ISSUES_TITLES.get(_one(lang) or "zh")


def issue_rows(issues: list[Issue], lang: str | None) -> list[list[str]]:
    """The Issues sheet as rows (header first): the same for a file and a live book."""
    lang = _one(lang)
    rows = [list(HEADS[lang])]
    for iss in issues:
        msgs = [iss.message_zh, iss.message_en] if lang is None else [iss.message_zh if lang == "zh" else iss.message_en]
        rows.append([SEVERITY_WORDS[lang][iss.severity], iss.sheet, iss.cell, iss.column, iss.value_in(lang), *msgs])
    return rows


def comment_text(issues: list[Issue], lang: str | None) -> str:
    """A cell's comment: its issues in the shop's language, in both where no shop says which."""
    lang = _one(lang)
    return "\n".join(f"[{AUTHOR}] " + (i.message_zh if lang == "zh" else i.message_en if lang == "en"
                                       else f"{i.message_zh}\n{i.message_en}") for i in issues)


def issues_by_cell(issues: list[Issue], sheetnames) -> dict[tuple[str, str], list[Issue]]:
    by_cell: dict[tuple[str, str], list[Issue]] = defaultdict(list)
    for i in issues:
        if i.cell and i.sheet in sheetnames:
            by_cell[(i.sheet, i.cell)].append(i)
    return by_cell


def cell_link(sheet: str, cell: str) -> str:
    """A hyperlink's address of a cell: the sheet's name quoted as Excel reads it, an apostrophe in it doubled
    (a renamed "Tom's 商品"; "#'Tom's 商品'!A3" is a link Excel calls not valid)."""
    return "#'" + sheet.replace("'", "''") + "'!" + cell


def _fill_issues_sheet(ws, issues: list[Issue], lang: str | None, link_file: str = "") -> None:
    for r, vals in enumerate(issue_rows(issues, lang), start=1):
        for j, v in enumerate(vals, start=1):
            put(ws, r, j, v)
    width = len(HEADS[_one(lang)])
    for j in range(1, width + 1):
        ws.cell(row=1, column=j).font = Font(bold=True)
    for r, iss in enumerate(issues, start=2):
        ws.cell(row=r, column=1).fill = ERROR_FILL if iss.is_error else WARNING_FILL
        if iss.cell and iss.sheet:
            link = ws.cell(row=r, column=3)
            link.hyperlink = link_file + cell_link(iss.sheet, iss.cell)
            link.font = Font(color="0563C1", underline="single")
    for letter, w in zip("ABCDEFG"[:width], (9, 12, 8, 14, 18, 60, 60)):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{'ABCDEFG'[width - 1]}{max(len(issues) + 1, 1)}"


def is_issues_sheet(first_row: list) -> bool:
    """A sheet is shopbook's Issues sheet by its header, not by its name alone: a person's
    own sheet called 校验结果 is theirs and stays."""
    row = list(first_row[:max(map(len, HEADS.values()))])
    while row and row[-1] in (None, ""):  # a live book's used range may reach past our columns
        row.pop()
    return row in (*HEADS.values(), *_EARLIER_HEADS)


def issues_title(names: list[str], lang: str | None, ours) -> str:
    """Our sheet's name: 校验结果 / Issues, or with -shopbook when a person's sheet has it."""
    title = issues_title_for(lang)
    return title if title not in names or ours(title) else f"{title}-shopbook"


def write_issues_into(wb, issues: list[Issue], lang: str | None) -> None:
    """Replace shopbook's sheet and comments in an open openpyxl workbook."""
    def ours(title: str) -> bool:
        return is_issues_sheet([c.value for c in next(wb[title].iter_rows(max_row=1), [])])

    for title in [t for t in wb.sheetnames if t.split("-shopbook")[0] in ISSUES_TITLES.values()]:
        if ours(title):
            del wb[title]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.comment is not None and c.comment.author == AUTHOR:
                    c.comment = None
    if not issues:  # all fixed: no empty sheet, which would make the next run rewrite it again
        return
    ws = wb.create_sheet(issues_title(wb.sheetnames, lang, ours))
    _fill_issues_sheet(ws, issues, lang)
    for (sheet, ref), its in issues_by_cell(issues, wb.sheetnames).items():
        cell = wb[sheet][ref]
        if cell.comment is not None:  # a person's comment stays as it is
            continue
        cell.comment = Comment(xml_safe(comment_text(its, lang)), AUTHOR, width=320, height=120)  # (not a cell: escaped here)


def write_all_issues(books: list[Path], issues: list[Issue], lang: str | None = "zh", reports: Path | None = None
                     ) -> list[Path]:
    """write_issues for every workbook checked, once none of them is open in Excel: a
    workbook found open half-way would leave the ones before it written and the rest not.
    The files written (a workbook with nothing to write is left alone). One job under the
    shop lock: all of them are written, or none."""
    from ..io.journal import run_job

    books = [Path(p) for p in books]
    if not books:
        return []
    return run_job(books[0].parent, "validate --write", _write_all, books, issues, lang, reports)


def validate_and_write(path: Path, lang: str | None = "zh", reports: Path | None = None, validate=None, shown=None):
    """`validate --write`: the issues are worked out under the shop lock, from the versions
    that are then written (a list made before the lock was taken could put comments on cells
    a person or another job has changed since). A workbook changed between this read and
    the write makes the job read and check again (io.journal). `shown(result)` is called
    with the list before anything is written (a workbook open in Excel stops the writing,
    not the list). (Validation, files written)."""
    from ..io.journal import run_job
    from .run import validate_path

    path = Path(path)
    folder = path if path.is_dir() else path.parent
    if not path.exists():  # said as validate says it (the file), not as the lock would (the folder)
        (validate or validate_path)(path)
    told = []

    def job():
        result = (validate or validate_path)(path)
        if shown is not None and not told:
            told.append(1)
            shown(result)
        return result, _write_all([Path(p) for p in result.books.values()], result.issues, lang, reports)

    return run_job(folder, "validate --write", job)


class Written(list):
    """The files validate --write wrote (a list of Paths), and `extended`: workbook → the drop-down lists
    it extended (io.lists.StaleList: which list, the words added), for the edge to say."""

    extended: dict[Path, list]

    def __init__(self, paths, extended: dict[Path, list]):
        super().__init__(paths)
        self.extended = extended


def _write_all(books: list[Path], issues: list[Issue], lang: str | None, reports: Path | None) -> Written:
    for path in books:
        check_writable(Path(path))
    written, extended = [], {}
    for path in books:
        if done := extend_lists(Path(path), issues):  # (said no more where they are extended)
            issues = unblocked(issues, Path(path).name, done)
            written.append(Path(path))
            extended[Path(path)] = done
        unsafe = unsafe_parts(Path(path))  # (a big sheet's scan: once for both)
        written += [clear_when_too_big(path, lang, unsafe), write_issues(path, issues, lang, reports, unsafe)]
    return Written(dict.fromkeys(p for p in written if p is not None), extended)


def extend_lists(path: Path, issues: list[Issue]) -> list:
    """The stale drop-down lists validate said of the workbook (validate.lists) extended by the words
    they lack, in place of the lists alone (io.lists: every other part as it is; any size of
    workbook), atomically with its backup kept. The lists extended."""
    from ..io.journal import current
    from ..io.lists import extend_stale_lists, stale_lists

    sheets = to_extend(path, issues)
    job = current()
    src = job.source(path) if job else path  # (what this job wrote already, where it did)
    if not sheets or not any(s.fits for s in stale_lists(src, sheets)):
        return []
    done: list = []
    write_atomic(path, lambda p: done.extend(extend_stale_lists(src, p, sheets)))
    return done


def clear_when_too_big(path: Path, lang: str | None = "zh", unsafe: list[str] | None = None) -> Path | None:
    """A workbook that has grown too big to rewrite whole, holding the Issues sheet and comments an
    earlier --write put in it: they are removed, once (its lists go beside it from now on, and a
    sheet left inside would go on listing what may have been fixed since). The workbook, when
    rewritten. `unsafe`: its unsafe_parts, when known."""
    path = Path(path)
    if (unsafe_parts(path) if unsafe is None else unsafe) != [TOO_BIG] or not has_shopbook_marks(path):
        return None
    return _rewrite(path, [], lang)


def write_issues(path: Path, issues: list[Issue], lang: str | None = "zh", reports: Path | None = None,
                 unsafe: list[str] | None = None) -> Path | None:
    """Write the Issues sheet into the workbook at `path` (atomically, keeping a backup),
    or beside it in `reports/` when the workbook holds what openpyxl cannot keep (`unsafe`:
    its unsafe_parts, when known). None when there is nothing to write: no issue in this
    workbook and nothing of shopbook's to clear (rewriting it would only make a backup)."""
    path = Path(path)
    check_writable(path)
    own = [i for i in issues if i.book == path.name]
    if unsafe_parts(path) if unsafe is None else unsafe:
        out = (reports or path.parent / "reports") / f"{issues_title_for(lang)}-{path.stem}.xlsx"
        if not own and not out.exists():
            return None  # (an earlier list there is replaced by an empty one, not left standing)
        wb = Workbook()
        ws = wb.active
        ws.title = issues_title_for(lang)
        _fill_issues_sheet(ws, own, lang, link_file=f"../{path.name}")
        return write_atomic(out, lambda p: wb.save(p), keep_backup=False, like=path, report=True)
    if not own and not has_shopbook_marks(path):
        return None
    return _rewrite(path, own, lang)


def _rewrite(path: Path, own: list[Issue], lang: str | None) -> Path:
    """The workbook with shopbook's sheet and comments replaced by those of `own`, through openpyxl."""
    keep_vba = path.suffix.lower() in (".xlsm", ".xlam")
    from ..io.journal import current

    job = current()
    if job is None or job.source(path) == path:
        remember_read(path)  # the version loaded is the version replaced, or nothing is written
    with stored_text():  # a typed _x0041_ saved back as typed, not as "A"
        wb = load_workbook(job.source(path) if job else path, keep_vba=keep_vba, keep_links=True, rich_text=True)
    write_issues_into(wb, own, lang)
    return write_atomic(path, lambda p: wb.save(p))
