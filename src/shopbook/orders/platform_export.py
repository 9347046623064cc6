"""Reading order files as they arrive: any platform's export (orders/platforms: Taobao/Tmall,
拼多多, 抖店, refunds, waybill tools' shipped files), the agents' order sheets, and plain
files with the 订单 headers. Each table is told apart by its headers.

The platform's CSV is GBK/GB18030, every cell quoted, order numbers as ="3515…",
mobiles with a leading ', some headers with a trailing space, detail rows with an
extra trailing comma. Columns are found by name, so newer exports with more
columns (支付单号, 商家备忘, 主订单编号/子订单编号 …) read the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import python_calamine as pc

from .. import values as V
from ..io.files import OLE_MAGIC, ZIP_MAGIC, BeingSaved, being_saved, check_workbook, still_growing, version
from ..io.limits import check_regular, read_input
from ..io.reader import RawBook, header_key
from ..issues import Issue, ShopbookError, en_count, not_found_why, row_cell
from ..schema import OrderLine, OrderSource, OrderStatus, Platform
from ..schema.lists import is_heading_text, is_note_text, is_total_label
from .couriers import bare



@dataclass
class Table:
    """A file's rows as header → text, with where they came from."""

    name: str
    header: list[str]
    rows: list[dict[str, object]]
    encoding: str = ""
    first_row: int = 2  # the file line / sheet row of rows[0]
    # the row of each of rows, as Excel or WPS numbers the file's rows (a blank one counts, a CSV value's line
    # break does not), where a blank row was passed over (rows[k] is then not first_row + k); None: none was
    lines: list[int] | None = None

    def line(self, k: int) -> int:
        """The row rows[k] is on, as Excel numbers it: where its errors are said."""
        return self.lines[k] if self.lines is not None else self.first_row + k

    def has(self, *names: str) -> bool:
        keys = set(self.header)
        return all(header_key(n) in keys for n in names)


def _decode(data: bytes, path: Path | None = None, cut_ok: bool = False) -> tuple[str, str]:
    """UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030
    (a superset of GBK, which the platform writes); UTF-16 where its BOM says so (Excel's "Unicode 文本"). A download cut off in the middle of a
    character is said to be cut off; with `cut_ok` (the caller reports a cut file itself)
    the text up to the cut is returned."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # a compound file: a password-protected .xlsx or an old .xls
        raise ShopbookError("这是加密（设了密码）的工作簿或旧版 .xls，不是文本文件：请去掉密码另存为 .xlsx，或重新下载 CSV。",
                            "This is a password-protected workbook or an old .xls, not a text file: save it "
                            "without a password as .xlsx, or download the CSV again.", path)
    if data.startswith(b"PK\x03\x04"):  # a zip: a workbook (or a .zip) where text was expected
        raise ShopbookError("这是工作簿或压缩包，不是文本（CSV）文件。", "This is a workbook or a zip, not a text (CSV) file.",
                            path)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its BOM: what Excel's "Unicode 文本" save writes
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            if e.end < len(data) - 3:
                raise ShopbookError("文件编码无法识别（UTF-16 文本里有不成字的字节）。",
                                    "Unknown text encoding (bytes that are no UTF-16 text).", path) from None
            if cut_ok:
                return data[:e.start].decode("utf-16"), "utf-16"
            raise CutShort("文件在结尾处被截断（最后一个字不完整）：下载不完整，请重新下载或导出。",
                           "The file is cut off (its last character is incomplete): download or export it again.",
                           path) from None
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    failed = {}
    for enc in ("utf-8",) if bom else ("utf-8", "gb18030"):
        try:
            return data.decode(enc), ("utf-8-sig" if bom else enc)
        except UnicodeDecodeError as e:
            failed[enc] = e
    for enc, e in failed.items():  # neither reads it whole: is it only the last character that is cut?
        if e.end >= len(data) and e.start >= len(data) - 3:
            if cut_ok:
                return data[:e.start].decode(enc), enc
            raise CutShort("文件在结尾处被截断（最后一个字不完整）：下载不完整，请重新下载或导出。",
                                "The file is cut off (its last character is incomplete): download or "
                                "export it again.", path)
    raise ShopbookError("文件编码无法识别（不是 UTF-8，也不是 GBK）。", "Unknown text encoding (neither UTF-8 nor GBK).",
                        path)


class CutShort(ShopbookError):
    """A text export that ends before its last row does: a download or copy stopped, or still going."""


_kept: dict | None = None  # within keep_tables(): (real path, size, mtime, password) → its tables


@contextmanager
def keep_tables():
    """Each file read once: the daily job checks every inbox file (setting aside those that do
    not read) and then imports the rest; the import takes the tables the check read."""
    global _kept
    outer, _kept = _kept, ({} if _kept is None else _kept)
    try:
        yield
    finally:
        _kept = outer


def read_table(path: Path, password: str | None = None) -> list[Table]:
    """CSV → one table; a workbook → one table per sheet that has a header. What a file is
    comes from its bytes: an old binary .xls and a password-protected workbook (opened with
    `password`, from --password or SHOPBOOK_EXPORT_PASSWORD) are both compound files. A workbook
    still being saved (a download arriving) is read once it is (io.files.after_saves)."""
    from ..io.files import after_saves

    return after_saves(_read_kept, path, password)


def _read_kept(path: Path, password: str | None) -> list[Table]:
    if _kept is None:
        return _read_table(Path(path), password)
    try:
        st = os.stat(path)
        key = (os.path.realpath(path), st.st_size, st.st_mtime_ns, password)
    except OSError:
        return _read_table(Path(path), password)
    if key not in _kept:
        _kept[key] = _read_table(Path(path), password)
    return _kept[key]


def _read_table(path: Path, password: str | None = None) -> list[Table]:
    if not path.exists():
        why = not_found_why(path)  # (a Windows path pasted, a ~ in quotes)
        raise ShopbookError("找不到这个文件。" + why[0], "File not found." + why[1], path)
    check_regular(path)  # a FIFO or /dev/zero: refused before it is opened
    head = path.read_bytes()[:8] if path.is_file() else b""
    if head == OLE_MAGIC:
        return _workbook_tables(path, _open_compound(path, password))
    if path.suffix.lower() in (".xlsx", ".xlsm") or head[:4] == ZIP_MAGIC:
        check_workbook(path)
        return _workbook_tables(path, RawBook(path))  # calamine behind the limits
    # in the daily job's inbox (keep_tables), where files arrive unasked, a CSV still being copied in (a
    # sync, a copy onto the share as the job runs) is read again once whole (after_saves) or left for the
    # next run, never taken as cut or short; a file a person names is taken as it is (a cut one is said cut)
    if _kept is None:
        return _text_table(path)
    before = version(path)
    try:
        tables = _text_table(path)
    except CutShort:
        if being_saved(path, before, cut=True):
            raise BeingSaved(path) from None
        raise
    if still_growing(path, before):
        raise BeingSaved(path)
    return tables


def _text_table(path: Path) -> list[Table]:
    text, enc = _decode(read_input(path), path)  # a regular file within the size cap
    html = _html_rows(text)  # a web page saved as ".xls" (生意参谋's, many platforms')
    if html is None:
        # a text ".xls" is tab-separated; a tab ending a value (拼多多's, to keep it text in Excel) separates nothing.
        # The line of most columns among the first 20 tells (the header, or a row under it): 生意参谋's tab-separated
        # .xls has title lines above its header (【生意参谋平台】店铺整体, 统计时间：2026-11-18 ~ 2026-11-19, 所有终端, 自然日)
        # with commas of their own, and was read as a CSV (refused, its 统计日期 column not found)
        top = [(ln, _TEXT_TAB.sub("", ln).count("\t"), ln.count(",")) for ln in text.split("\n", 20)[:20]]
        first = max(top, key=lambda t: max(t[1], t[2]))[0]  # (the first of them where two tie)
        apart = _TEXT_TAB.sub("", first).count("\t")
        dialect = "excel-tab" if apart > first.count(",") else "excel"
    rows = html if html is not None else _csv_rows(text, dialect, path)
    head_at = _header_row(rows)
    if head_at is None:  # (empty: a copy only just begun, as cut as a file can be)
        raise (ShopbookError if text.strip() else CutShort)("文件是空的，或找不到表头。",
                                                            "The file is empty or has no header row.", path)
    header = [header_key(h) for h in _header_cells(rows, head_at)]
    if html is None and len(rows) > head_at + 1 and len(rows[-1]) < len(header) and not text.endswith(("\n", "\r")):
        # a last line short of the header's columns and no line break after it: the download stopped mid-row
        # (the rest of the line is lost: a quantity, a status); a short line that ends is a whole line
        _cut(path, rows, text, f"只有 {len(rows[-1])} 列，表头有 {len(header)} 列",
             f"it has {len(rows[-1])} fields, the header {len(header)}")
    # (rows: every record, a blank line's [] too; an extra trailing field, the detail file's comma, is dropped)
    return [_table(path.name, header, rows[head_at + 1:], enc, head_at + 2, lambda r: any(c.strip() for c in r),
                   rows[head_at])]


@functools.cache
def _html_rows_parser():
    """The parser class of _html_rows, made at the first web page met (html.parser is imported then, not by every
    command that imports the importers)."""
    from html.parser import HTMLParser

    class _HtmlRows(HTMLParser):
        """The cells of a page's <table> rows, as Excel opens it: each <td>/<th> one cell, its text joined."""

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None
            # a cell spanning columns or rows (统计日期 rowspan=2 beside a group label colspan=5) is merged cells
            # in Excel, its text in the first: the others blank, so the columns under it keep their places
            self.span = (1, 1)
            self.down: dict[int, int] = {}  # column → rows still under a cell spanning down over it
            self.ended = True  # the last row's spans are counted (a row ends at </tr>, the next <tr> or </table>)

        def handle_starttag(self, tag: str, attrs) -> None:
            if tag == "tr":
                self._end_row()
                self.rows.append([])
                self.ended = False
            elif tag in ("td", "th"):
                self._close()
                if not self.rows:
                    self.rows.append([])
                    self.ended = False
                self.cell = []
                a = dict(attrs)
                self.span = (_span(a.get("colspan")), _span(a.get("rowspan"))) if a else (1, 1)
            elif tag == "br" and self.cell is not None:
                self.cell.append(" ")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th", "tr", "table"):
                self._close()
            if tag in ("tr", "table"):
                self._end_row()

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

        def _close(self) -> None:
            if self.cell is not None:
                row = self.rows[-1]
                if self.down:
                    self._under(row)
                at = len(row)
                row.append(" ".join("".join(self.cell).split()))  # (the page's line breaks and &nbsp;)
                self.cell = None
                across, down = self.span
                row.extend([""] * (across - 1))
                for c in range(at, at + across) if down > 1 else ():
                    self.down[c] = down - 1
                self.span = (1, 1)

        def _under(self, row: list[str]) -> None:
            """The blanks of the cells above spanning down into `row` where it has come to them."""
            while self.down.get(len(row)):
                self.down[len(row)] -= 1
                row.append("")

        def _end_row(self) -> None:
            if self.ended:
                return
            self.ended = True
            if self.down and self.rows:  # (spanning down past the row's last cell: that row is done with them)
                self._under(self.rows[-1])
                n = len(self.rows[-1])
                self.down = {c: k - (c >= n) for c, k in self.down.items() if k - (c >= n) > 0}

    return _HtmlRows


def _span(v: str | None) -> int:
    """A colspan or rowspan as a count of cells (1 where missing or not a number; capped, as a page's 9999 is no table)."""
    return min(int(v), 1000) if v and v.strip().isdigit() and int(v) > 0 else 1


def _html_rows(text: str) -> list[list[str]] | None:
    """The rows of a text ".xls" that is a web page (an HTML table, which Excel opens as a sheet); None
    for other text: read as CSV, it was one column of markup, "no 统计日期 column" of a 生意参谋 download."""
    if not text[:256].lstrip("\ufeff \r\n\t").startswith("<"):  # (markup first: <html>, <!DOCTYPE>, <meta> …)
        return None
    head = text[:65536].lower()
    if not ("<tr" in head and ("<td" in head or "<th" in head)):
        return None  # (Excel 2003 XML has <Row> and <Cell>, no <tr>: said as what it is where it is refused)
    parser = _html_rows_parser()()
    parser.feed(text)
    parser.close()
    return parser.rows


def _table(name: str, header: list[str], rows: list[list], encoding: str, first: int, filled,
           heads: list | None = None) -> Table:
    """The rows under a header (the first on line `first` of the file) that `filled` says hold something,
    each with its line as the file numbers it (Table.line). A row that is the header again (`heads`, the
    header's cells as the file has them: two downloads joined into one file, copy /b a.csv+b.csv, or pasted one
    under the other in Excel) is no data: passed over as a blank row is (read as an order it was an order
    numbered 订单编号 of the unknown status “订单状态”, said as an order left out)."""
    again = _header_again(heads) if heads is not None else None
    body, lines = [], []
    for n, r in enumerate(rows, first):
        if filled(r) and not (again is not None and again(r)):
            body.append(dict(zip(header, r)))
            lines.append(n)
    return Table(name, header, body, encoding, first, _passed_over(lines, first))


def _header_again(heads: list):
    """A test of a row: whether it is the header `heads` again (its first name in its place, and at least half the
    header's names each in its own column; a joined download's second BOM taken off); None for a header of fewer
    than two names."""
    def plain(v) -> str:
        return v.strip().lstrip("\ufeff").strip() if isinstance(v, str) else ""

    names = [(j, plain(v)) for j, v in enumerate(heads) if plain(v)]
    if len(names) < 2:
        return None
    j0, first, need = names[0][0], names[0][1], max(2, (len(names) + 1) // 2)

    def again(r: list) -> bool:
        if len(r) <= j0 or (v := r[j0]).__class__ is not str or first not in v or plain(v) != first:
            return False  # (nearly every row: its first cell is a value, no name in it; told at C speed)
        return sum(1 for j, v in names if j < len(r) and plain(r[j]) == v) >= need

    return again


def _passed_over(lines: list[int], first: int) -> list[int] | None:
    """`lines` where a blank row was passed over (the rows' numbers are then not first + k), else None."""
    return None if not lines or lines[-1] == first + len(lines) - 1 else lines


_TEXT_TAB = re.compile(r"\t+(?=\"?(?:,|\r?$))")  # a tab at a value's end: before its comma, quote or the line's end


def _csv_rows(text: str, dialect: str, path: Path) -> list[list[str]]:
    """The CSV's rows. Read strictly first, only to tell a quote still open at the end of the file
    (a download cut inside a quoted field, its value cut short) from other slips, which are read
    as Excel reads them."""
    try:
        return list(csv.reader(io.StringIO(text), dialect=dialect, strict=True))
    except csv.Error as e:
        if "unexpected end of data" in str(e):
            rows = list(csv.reader(io.StringIO(text), dialect=dialect))
            _cut(path, rows, text, "引号没有结束", "a quoted value never ends")
    try:
        return list(csv.reader(io.StringIO(text), dialect=dialect))
    except csv.Error as e:  # e.g. a field past the size limit
        raise ShopbookError(f"CSV 格式有误，无法读取：{e}。请从原处重新导出。",
                            f"The CSV is malformed and cannot be read ({e}). Export it again.", path) from None


def _cut(path: Path, rows: list[list[str]], text: str, why: str, why_en: str):
    """Stops on a file the download cut off, at its last line: nothing of it is imported (a cut
    value would come in as another SKU, a short row with a wrong status)."""
    line = text.count("\n") + 1 - sum(v.count("\n") for v in rows[-1]) if rows else 1  # where the last row begins
    raise CutShort(f"文件不完整，在第 {line} 行被截断（{why}）：下载没有完成，这个文件什么也没有导入。请重新下载或导出，再导入。",
                        f"The file is incomplete: it is cut off at line {line} ({why_en}). The download did not "
                        "finish, so nothing of this file was imported. Download or export it again and import that.",
                        path)


def needs_password(path: Path) -> bool:
    """Whether `path` is a password-protected export: asked before an import that can ask for the
    password (the 导入订单 button)."""
    try:
        check_regular(path)  # (a FIFO would hang the open)
        with open(path, "rb") as f:
            if f.read(8) != OLE_MAGIC:
                return False
    except (OSError, ShopbookError):  # (the import says what is wrong with it)
        return False
    return _locked(path)


def _locked(path: Path) -> bool:
    """Whether the compound file at `path` is password-protected: an .xlsx's encrypted package, or an
    old .xls saved with a password (Excel 97–2003's own encryption: a FILEPASS record in its
    workbook stream, which msoffcrypto-tool reads)."""
    from ..io.files import _is_encrypted

    if _is_encrypted(path):
        return True
    import msoffcrypto

    try:
        with open(path, "rb") as f:
            return msoffcrypto.OfficeFile(f).is_encrypted()
    except Exception:  # noqa: BLE001 - not an Office file msoffcrypto knows: calamine says what it is
        return False


def _open_compound(path: Path, password: str | None):
    """An old .xls as it is; a password-protected export (an .xlsx or an old .xls) decrypted in
    memory (never on disk)."""
    if not _locked(path):
        try:
            return pc.CalamineWorkbook.from_path(str(path))
        except Exception as e:  # noqa: BLE001 - calamine's errors are plain exceptions
            raise ShopbookError(f"这个 .xls 文件无法读取（{e}）。请在 Excel 中另存为 .xlsx 再导入。",
                                f"This .xls file cannot be read ({e}). Save it as .xlsx in Excel and import that.",
                                path) from None
    password = password or os.environ.get("SHOPBOOK_EXPORT_PASSWORD")
    if not password:
        raise ShopbookError("这个导出文件设了密码：请用 --password 给出密码（或设环境变量 SHOPBOOK_EXPORT_PASSWORD）。",
                            "This export is password-protected: give the password with --password (or the "
                            "SHOPBOOK_EXPORT_PASSWORD environment variable).", path)
    import msoffcrypto

    out = io.BytesIO()
    try:
        with open(path, "rb") as f:
            office = msoffcrypto.OfficeFile(f)
            office.load_key(password=password)
            office.decrypt(out)
    except Exception:  # noqa: BLE001 - msoffcrypto says a wrong password in several ways
        raise ShopbookError("密码不对，无法打开这个导出文件。请核对密码（区分大小写）。",
                            "Wrong password: the export cannot be opened. Check the password (case matters).",
                            path) from None
    data = out.getvalue()
    if data[:8] == OLE_MAGIC:  # an encrypted old .xls: its cells as calamine reads them
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return RawBook(path, data)  # an .xlsx: behind the same limits as one on disk


def _workbook_tables(path: Path, wb) -> list[Table]:
    tables = []
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        head_at = _header_row(rows)
        if head_at is None:
            continue
        _merged_down(rows, getattr(wb, "merges", {}).get(name, ()), head_at)
        header = [header_key(v) for v in _header_cells(rows, head_at)]
        tables.append(_table(f"{path.name}:{name}", header, rows[head_at + 1:], "xlsx", head_at + 2,
                             lambda r: any(v not in ("", None) for v in r), rows[head_at]))
    wb.close()
    return tables


def _merged_down(rows: list[list], merges, head_at: int) -> None:
    """Each range merged within the rows under the header (主订单编号 merged down an order's sub-order rows)
    holds its first cell's value in every cell, as Excel shows it: the file holds it in the first alone, and
    the other rows, read blank, were passed over (the order came in short) or said to be missing."""
    for r1, c1, r2, c2 in merges:
        if r1 - 1 <= head_at or r1 > len(rows):
            continue
        value = rows[r1 - 1][c1] if c1 < len(rows[r1 - 1]) else ""
        for r in range(r1 - 1, min(r2, len(rows))):
            row = rows[r]
            for c in range(c1, min(c2 + 1, len(row))):
                if row[c] in ("", None):
                    row[c] = value


def _header_row(rows: list[list]) -> int | None:
    """The header: the first of the top rows about as wide as the table, of at least two cells
    (a title or a "客户：… 结算周期：…" line above it is narrower)."""
    filled = [sum(1 for v in r if v not in ("", None) and str(v).strip()) for r in rows[:20]]
    wide = max(2, max(filled, default=0) * 3 // 5)
    at = next((i for i, n in enumerate(filled) if n >= wide), None)
    # a group row over the header (运单信息 | 收件信息 | 费用, each over its columns) is as wide as a header of
    # few columns: the row under it naming more columns, none of them a number, is the header
    if at is not None and at + 1 < len(filled) and filled[at + 1] > filled[at] and not any(
            _is_number(v) for v in rows[at + 1]):
        at += 1
    return at


def _header_cells(rows: list[list], head_at: int) -> list:
    """The header's names. Under a group row (统计日期 | 流量 | 交易, 统计日期 merged down over both rows) a
    name merged down is held by the group row alone, its cell in the header blank: taken from above, or the
    column (统计日期 itself) was not found and the download called no 生意参谋 one."""
    head = list(rows[head_at])
    above = rows[head_at - 1] if head_at else ()
    if sum(1 for v in above if v not in ("", None) and str(v).strip()) >= 2:  # a group row, not a title
        for i, v in enumerate(head):
            if (v in ("", None) or not str(v).strip()) and i < len(above) and above[i] not in ("", None):
                head[i] = above[i]
    return head


def _is_number(v: object) -> bool:
    """A cell holding a number, a date or a figure typed as text (1, "5.00", "2026-11-10"): no header's."""
    if isinstance(v, (int, float, dt.date)) and not isinstance(v, bool):
        return True
    return isinstance(v, str) and bool(re.fullmatch(r"[\s¥￥=\"'+\-]*\d[\d\s,.:/\-]*", v))


_KEYS: dict[str, str] = {}  # a column name → its header key: a month's export asks the same few names 500,000 times


def _key(name: str) -> str:
    k = _KEYS.get(name)
    if k is None:
        k = _KEYS[name] = header_key(name)
    return k


def cell(row: dict, *names: str) -> str:
    """The first non-blank of the named columns, cleaned of the platform's text markers."""
    for n in names:
        k = _KEYS.get(n)  # inline: a month's export calls this 500,000 times
        v = row.get(k if k is not None else _key(n))
        if v is None or v == "":
            continue
        if v.__class__ is str:  # a CSV's every value
            s = v.strip()
        else:
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            s = str(v).strip()
        if s and (s[0] == "=" or s[0] == "'"):  # (nearly no value is marked: two tests skipped)
            if s.startswith('="') and s.endswith('"'):
                s = s[2:-1]
            if s.startswith("'"):
                s = s[1:]
        if s:
            return s
    return ""


def column_in(table: Table, *names: str) -> str:
    """The first of `names` the table's header has, else the first: the column a blank value is
    reported in."""
    keys = set(table.header)
    return next((n for n in names if _key(n) in keys), names[0])


def columns_in(table: Table, *names: str) -> str:
    """The split columns (省 市 区 街道 …) the table has, as one place to report a blank in; ""
    when it has none of them."""
    keys = set(table.header)
    return "、".join(n for n in names if _key(n) in keys)


@dataclass
class ImportResult:
    lines: list[OrderLine] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # {order_no, reason_zh, reason_en, file}
    issues: list[Issue] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)  # {file, kind, encoding, rows}
    origin: dict[str, str] = field(default_factory=dict)  # order no. → the file it came from
    orders: list = field(default_factory=list)  # PlatformOrder: every platform order, refund and shipped row
    left_out: list[Issue] = field(default_factory=list)  # the warnings of rows of a status no reader knows
    # a waybill tool's voided or recycled waybills (tracking.VOID): {order_no, tracking, state, file, row}
    voided: list[dict] = field(default_factory=list)
    # exports of one kind applied in another order than given (oldest first: the newest's word stands):
    # {kind, files (as applied), given, by (name | inside | modified), times (as applied)}
    reordered: list[dict] = field(default_factory=list)
    # each platform order export's table name → (its platform, the earliest and the latest it can have been made,
    # _exported): one older than one imported before changes nothing back (orders/imported.py)
    exported: dict[str, tuple] = field(default_factory=dict)
    # of those dated by their modified time: the scan of their rows' latest time, to doubt it by (_exported)
    rows_latest: dict[str, Callable] = field(default_factory=dict, compare=False, repr=False)
    # (table, column) → the issues of its codes Excel cut (3.51512E+18), a row each: said once where several (_lost_once)
    # (with what became of each row, in each language, as its caller said it)
    lost: dict[tuple[str, str], list[tuple[Issue, tuple[str, str]]]] = field(default_factory=dict, compare=False,
                                                                       repr=False)
    # the store each export names (淘宝/天猫's 店铺名称) → its files: the import checks it is this shop's (platforms/store)
    stores: dict[str, list[str]] = field(default_factory=dict)


def _issue(table: Table, k: int, column: str, value: object, zh: str, en: str, severity="error") -> Issue:
    return Issue(severity, zh, en, book=table.name.split(":")[0],
                 sheet=table.name.split(":")[1] if ":" in table.name else "",
                 cell=row_cell(table.line(k)), column=column,
                 value=V.parse_text(value) if value is not None else "", row=table.line(k))


def _given_in(row: dict, names: tuple[str, ...]) -> str:
    """Which of `names` the value cell() reads is in: the column as the file heads it (运单号, tracking_no), where
    a value that does not read is said (before: the first of the names, 快递单号 of a file with no such column)."""
    for n in names:
        k = _KEYS.get(n)
        v = row.get(k if k is not None else _key(n))
        if v is not None and str(v).strip():
            return n
    return names[0]


def _code(table: Table, k: int, row: dict, names: tuple[str, ...], res: ImportResult,
          then: tuple[str, str] = ("", "")) -> str | None:
    """A code of the export (an order, sub-order, tracking or refund no.); None where it does not read, said at its
    cell, with `then` (zh, en): what became of its row."""
    raw = cell(row, *names)
    if not raw:
        return ""
    for n in names:  # the first value given: a workbook that kept the code as a number may have lost digits
        v = row.get(_key(n))
        if v is not None and v != "":
            if isinstance(v, float):
                raw = v
            break
    try:
        return V.parse_code(raw)
    except V.BadValue as e:
        res.issues.append(_issue(table, k, col := _given_in(row, names), raw, e.zh + then[0], e.en + then[1]))
        _lost(table, col, e, res, then)
        return None


def _line_codes(table: Table, k: int, row: dict, columns: tuple[tuple[str, ...], ...],
                res: ImportResult) -> list[str] | None:
    """A line's codes that may name our SKU, in order (its 商家编码 first, then the platform's ids: `columns`, each
    a code's names). One Excel cut (商品ID 3.60123E+18, or a number of 19 digits in a workbook: the export opened
    in Excel and saved) is no code. The first given (the code the line is known by) cut: said at its cell, and
    None (the line does not read: its order held back, not imported short, nor read by a platform id that may
    name another of the item's specs); a later one cut is left out. Taken as the line's SKU, a cut code was
    written into the 订单 sheet's 商家编码 unread, and every later review and import of the shop stopped there."""
    out = []
    for names in columns:
        raw = cell(row, *names)
        if not raw:
            continue
        v = next((row.get(_key(n)) for n in names if row.get(_key(n)) not in (None, "")), raw)
        try:
            V.parse_code(v if isinstance(v, float) else raw)
        except V.BadValue:
            if not out:
                _code(table, k, row, names, res, ("这一行没有导入。", " The line was not imported."))
                return None
            continue
        out.append(raw)
    return out


def _lost(table: Table, column: str, e: V.BadValue, res: ImportResult, then: tuple[str, str]) -> None:
    """The issue just said, kept by its column with `then` (what became of its row) where it is a code Excel cut
    (said once for them all: _lost_once)."""
    if isinstance(e, V.CutByExcel):
        res.lost.setdefault((table.name, column), []).append((res.issues[-1], then))


def _lost_once(res: ImportResult) -> None:
    """A column whose codes Excel cut on several rows (the export opened in Excel and saved: every 主订单编号
    6.92812E+18) said in one issue, at its first row, with how many rows and which, not an issue a row (thousands
    on 双12, the orders that did read lost among them). What became of the rows is as each said it."""
    for (_, column), kept in res.lost.items():
        if len(kept) < 2:
            continue
        said = [i for i, _ in kept]
        first, rows = said[0], [i.row for i in said]
        shown = f"第 {'、'.join(map(str, rows[:10]))} 行" + (f"等 {len(rows)} 行" if len(rows) > 10 else "")
        shown_en = ", ".join(map(str, rows[:10])) + (f" … ({len(rows)} in all)" if len(rows) > 10 else "")
        then, then_en = kept[0][1][0], kept[0][1][1].strip()  # what became of its row, as the caller said it
        then, then_en = (f"每一行：{then}", f"Each row: {then_en}") if then else ("这些行没有导入。", "Those rows were not imported.")
        one = Issue(first.severity,
                    f"{len(rows)} 行的{column}被 Excel 存成了科学计数法（如 {first.value}），后几位已丢失（{shown}）："
                    f"这个文件在 Excel 里打开后又保存过。{then}请从平台重新下载这份导出，不要用 Excel 打开后保存，直接导入。",
                    f"{column} on {len(rows)} rows was stored by Excel in scientific notation (e.g. {first.value}) and "
                    f"has lost digits (rows {shown_en}): the file was opened in Excel and saved. {then_en} Download "
                    "the export from the platform again and import it without saving it in Excel.",
                    book=first.book, sheet=first.sheet, cell=first.cell, column=column, value=first.value,
                    row=first.row)
        gone = {id(i) for i in said}
        at = next(n for n, i in enumerate(res.issues) if id(i) in gone)
        res.issues[:] = [i for i in res.issues if id(i) not in gone]
        res.issues.insert(at, one)


def _tracking(table: Table, k: int, number: str, column: str | tuple[str, ...], res: ImportResult) -> str:
    """A tracking-number cell of an export (couriers.bare: "No:", null and - taken off). One Excel turned into
    7.73123E+14 is no number: said, a warning on its cell (`column`, or the first of those names the table
    has), and left blank (written into 快递单号, the orders sheet stopped every later import on it)."""
    number = bare(number)
    if number.isdigit():  # (nearly every row: digits alone are no scientific notation)
        return number
    try:
        return V.parse_code(number) if number else ""
    except V.BadValue as e:
        if not isinstance(column, str):
            column = column_in(table, *column)
        then = ("这个订单的快递单号没有填。", " The order's tracking no. was left blank.")
        res.issues.append(_issue(table, k, column, number, e.zh + then[0], e.en + then[1], severity="warning"))
        _lost(table, column, e, res, then)
        return ""


def _order_no(table: Table, k: int, row: dict, names: tuple[str, ...], res: ImportResult) -> str | None:
    """An order number as _code reads it; "" (no order: passed over) for a totals row's label in its
    place (合计 at an export's foot, as a person or a tool adds it), a note (说明：…, 备注：…) or a heading
    over a group of rows (【预售】), as the workbooks' readers skip them: no order, no unknown status."""
    v = cell(row, *names)
    return "" if is_total_label(v) or is_note_text(v) or is_heading_text(v) else _code(table, k, row, names, res)


def _no_order(table: Table, k: int, row: dict, names: tuple[str, ...], subs: tuple[str, ...],
              qtys: tuple[str, ...], res: ImportResult) -> bool:
    """Whether the row is a sub-order's line (a sub-order number and a quantity) with its order number blank:
    said at that cell. The export writes the order number on every line; Excel keeps an order number merged
    down its lines in the first cell alone once unmerged (or saved as CSV). Filling it from above would be a
    guess: the caller holds back the order above it, the one it is likely a line of, so it does not ship short."""
    if cell(row, *names) or not cell(row, *subs) or not cell(row, *qtys):
        return False
    sub, col = cell(row, *subs), column_in(table, *names)
    res.issues.append(_issue(table, k, col, "",
                             f"这一行有{subs[0]} {sub} 和数量，却没有{col}：不知道它是哪个订单的一行，没有导入"
                             "（Excel 取消合并单元格后，编号只留在第一行）。请在这一行填上它的订单编号，或重新下载导出，再导入。",
                             f"This line has a {subs[0]} ({sub}) and a quantity but no {col}: which order it is a "
                             "line of is not known, so it was not imported (Excel keeps a merged order number in its "
                             "first row alone once unmerged). Fill in its order number, or download the export again, "
                             "then import it again."))
    return True


def _twice(table: Table, k: int, first: int, code: str, column: str, res: ImportResult) -> bool:
    """Row k names the sub-order (or order) `code` that row `first` of the same file names already: two exports
    pasted into one file, or a row copied. Counted again it doubled the order's goods. The same row again is
    passed over, a warning at it; one that says otherwise is an error at it, and the caller holds its order
    back, as which of the two rows is current cannot be told. Whether it says otherwise."""
    line = table.line(first)
    if table.rows[k] == table.rows[first]:
        res.issues.append(_issue(table, k, column, code, f"{column} {code} 在第 {line} 行已有，这一行与它完全相同：重复的行没有再算一次。",
                                 f"{column} {code} is on row {line} already and this row is the same: the repeated row "
                                 "was not counted again.", severity="warning"))
        return False
    res.issues.append(_issue(table, k, column, code,
                             f"{column} {code} 在第 {line} 行已有，这一行却写得不同（两次导出拼在了一个文件里？）：不知道哪一行是现在的，"
                             "这个订单没有导入，也没有改动。请把每次导出原样分开导入，或删去过时的那一行，再导入。",
                             f"{column} {code} is on row {line} already and this row says otherwise (two exports pasted "
                             "into one file?): which row is current cannot be told, so the order was neither imported "
                             "nor changed. Import each export as its own file, as downloaded, or delete the out-of-date "
                             "row, then import again."))
    return True


def _numberless(table: Table, k: int, row: dict, names: tuple[str, ...], res: ImportResult,
                marks: tuple[str, ...] = ("订单状态",), what_en: str = "a status", parcel: bool = False) -> bool:
    """Whether the row is an order's (it has an 订单状态; a refund's: its 退款状态; a waybill's: its 快递单号) with its
    order number blank: said at that cell, as _no_order says a sub-order's line. Passed over in silence, the order
    (or refund, or parcel) was lost without anyone knowing (the export writes a number on every row: one was
    cleared, or lost when the file was edited). `what_en` names the mark in the English message. A waybill tool's
    `parcel` without an order is a warning: it may be a parcel sent by hand (a sample, a resend), no order's."""
    if cell(row, *names) or not (status := cell(row, *marks)) or is_total_label(status) \
            or is_note_text(status) or is_heading_text(status):
        return False
    col, mark = column_in(table, *names), column_in(table, *marks)
    if parcel:
        res.issues.append(_issue(table, k, col, "",
                                 f"这一行有{mark}“{status}”，却没有{col}：不知道是哪个订单的包裹，没有记到任何订单上。"
                                 f"若它是某个订单的包裹，请在这一行填上{col}再导入（否则那个订单还会被拣货、发货）；"
                                 "若是手工寄出的包裹（样品、补寄），不用管它。",
                                 f"This row has {what_en} ({mark} '{status}') but no {col}: which order's parcel it "
                                 "is is not known, so it was put on no order. If it is an order's parcel, fill in "
                                 f"its {col} and import it again (else that order will be picked and shipped "
                                 "again); if it was sent by hand (a sample, a resend), leave it.", severity="warning"))
        return True
    res.issues.append(_issue(table, k, col, "",
                             f"这一行有{mark}“{status}”，却没有{col}：不知道是哪个订单的，没有导入。"
                             f"请在这一行填上{col}，或重新下载导出，再导入。",
                             f"This row has {what_en} ({mark} '{status}') but no {col}: which order it is "
                             f"of is not known, so it was not imported. Fill in its {col}, or download the export "
                             "again, then import it again."))
    return True


_PARSED: dict[tuple, object] = {}  # (parser, text[, date system]) → the value it reads as


def _parsed(parse, raw: str):
    """parse(raw), remembered: a month's export repeats its prices, quantities and times
    (parsers are pure on a text; a text that does not read raises each time, to be located)."""
    key = (parse, raw, V.serial_epoch.get()) if parse is V.parse_datetime else (parse, raw)
    v = _PARSED.get(key)
    if v is None:
        v = parse(raw)
        if len(_PARSED) >= 100_000:
            _PARSED.clear()
        _PARSED[key] = v
    return v


def _money(table: Table, k: int, row: dict, names: tuple[str, ...], res: ImportResult) -> Decimal | None:
    """An amount of the export; one that does not read is left blank, with a warning: it never
    decides what ships, but nobody should find the blank without knowing why."""
    raw = cell(row, *names)
    try:
        return _parsed(V.parse_money, raw) if raw else None
    except V.BadValue as e:
        res.issues.append(_issue(table, k, _given_in(row, names), raw, e.zh, e.en, severity="warning"))
        return None


def _unknown_status(table: Table, k: int, status: str, res: ImportResult, line: bool = False) -> None:
    """Words a platform's 订单状态 has that no reader knows: said, and the order (or line) left alone. A row without
    any is said as blank; one that is an export's foot line (导出时间：…, 以上数据仅供参考, 总计 | 2: a line of words
    under the orders, its first cell a totals label or no more than two cells filled) is no order: passed over,
    as a 合计 row in the order-number column is (it was an order of the unknown status '', its words or its count
    taken for an order number, and the import ended as if an order had been left out)."""
    what, what_en = ("这一行", "the line") if line else ("这个订单", "the order")
    if not status.strip():
        filled = [v for v in table.rows[k].values()
                  if v not in ("", None) and str(v).strip() not in ("", "-", "--")]
        if len(filled) <= 2 or is_total_label(str(filled[0]).strip()) or is_note_text(str(filled[0]).strip()):
            return
        res.issues.append(_issue(table, k, "订单状态", "", f"订单状态是空的：不知道{what}现在怎样，没有导入，也没有改动。"
                                 "请重新下载导出，再导入。",
                                 f"The order status is blank: where {what_en} stands is not known, so it was neither "
                                 "imported nor changed. Download the export again and import it.", severity="warning"))
    else:
        res.issues.append(_issue(table, k, "订单状态", status, f"不认识的订单状态“{status}”：{what}没有导入，也没有改动。",
                                 f"Unknown order status '{status}': {what_en} was neither imported nor changed.",
                                 severity="warning"))
    res.left_out.append(res.issues[-1])


def _qty(table: Table, k: int, row: dict, names: tuple[str, ...], res: ImportResult) -> int | None:
    """A line's quantity; one that is not a positive whole number is an error on its cell and
    the line is not read (None)."""
    raw = cell(row, *names)
    try:
        qty = _parsed(V.parse_int, raw)
    except V.BadValue as e:
        res.issues.append(_issue(table, k, _given_in(row, names), raw, e.zh, e.en))
        return None
    if qty <= 0:
        res.issues.append(_issue(table, k, _given_in(row, names), raw, "数量必须是正整数。",
                                 "The quantity must be a positive whole number."))
        return None
    return qty


def _moment(table: Table, k: int, row: dict, names: tuple[str, ...], res: ImportResult | None = None):
    """A time of the export, None when blank; one that does not read is None, and an error on
    its cell when `res` is given (a payment time is; a shipping time is only unknown)."""
    raw = cell(row, *names)
    try:
        return _parsed(V.parse_datetime, raw) if raw else None
    except V.BadValue as e:
        if res is not None:
            res.issues.append(_issue(table, k, _given_in(row, names), raw, e.zh, e.en))
        return None


def _ship_by(row: dict) -> dt.datetime | None:
    """承诺发货时间 (抖店, older 拼多多 exports), None when blank or not a time (the order then waits its turn by payment,
    review.ship_due: nothing to refuse a line for): the platforms' own form read at once (an order a row, 10k an
    import), another as _moment reads a time."""
    raw = cell(row, "承诺发货时间")
    if not raw:
        return None
    try:
        t = dt.datetime.fromisoformat(raw.replace("/", "-"))
        if t.tzinfo is None:
            return t
    except ValueError:
        pass
    try:
        return _parsed(V.parse_datetime, raw)
    except V.BadValue:
        return None


# an agent's order sheet's order date (agents.workflow.ORDER_HEADS has it), as header_key makes headers
ORDER_DATE = frozenset(("下单日期", "下单时间", "order_date", "orderdate"))


def import_plain(table: Table, res: ImportResult, source: OrderSource | None = None) -> None:
    """A file with the 订单 headers (Chinese or English), e.g. orders typed by hand or an agent's sheet."""
    from ..io.reader import SheetData, find_header, header_clash_issue, header_clashes, parse_rows

    dated = None  # an agent's sheet's 下单日期 header, read as 付款时间
    if source is OrderSource.AGENT:  # the order sheet comes with 代理编号 filled in on every row
        agent_keys = {header_key("代理编号"), header_key("agent_id")}
        kept = [k for k, r in enumerate(table.rows)
                if any(v not in ("", None) for key, v in r.items() if key not in agent_keys)]
        # rows typed below those shopbook filled in with the agent's id (an agent with more orders than
        # rows): the sheet is one agent's, so where every id it names is one, a blank one is that
        ids = {str(v).strip() for r in table.rows for key, v in r.items() if key in agent_keys and v not in ("", None)}
        if len(ids) == 1:
            (one,) = ids
            for k in kept:
                for key in agent_keys & set(table.rows[k]):
                    if table.rows[k][key] in ("", None):
                        table.rows[k] = {**table.rows[k], key: one}
        header, rows = table.header, [table.rows[k] for k in kept]
        # the day the agent ordered, as its sheet heads it (下单日期): read as the 付款时间 it is priced by
        said = next((h for h in header if h in ORDER_DATE), None)
        paid = header_key(OrderLine.column("paid_at").col.zh)
        if said is not None and paid not in header and header_key("paid_at") not in header:
            header = [paid if h == said else h for h in header]
            rows = [{(paid if key == said else key): v for key, v in r.items()} for r in rows]
            dated = said
        table = Table(table.name, header, rows, table.encoding, table.first_row, [table.line(k) for k in kept])
    header_row = [table.header]
    _, found, texts = find_header(header_row, OrderLine)
    if dated:  # a date that does not read is said under the sheet's own header
        texts["paid_at"] = dated
    sd = SheetData(book=table.name.split(":")[0], sheet=table.name.split(":")[-1] if ":" in table.name else "",
                   model=OrderLine, header_row=1, columns=found, headers=texts)
    clashes = header_clashes(table.header, OrderLine, found)
    if clashes:  # 数量 and qty: which holds the quantities is not for shopbook to guess
        res.issues += [header_clash_issue(sd.book, sd.sheet, table.first_row - 1, c, cols, table.header)
                       for c, cols in clashes]
        return
    grid = [table.header] + [[r.get(h, "") for h in table.header] for r in table.rows]
    parse_rows(grid, sd, {})

    def real(n: int | None) -> int | None:  # the grid's row n (1: the header) as the file's
        return table.line(n - 2) if n and 2 <= n < len(table.rows) + 2 else n

    for iss in sd.issues:
        n = real(iss.row)
        res.issues.append(iss.with_(row=n, cell=row_cell(n) if ":" not in table.name else
                                    (re.sub(r"\d+$", str(n), iss.cell) if iss.cell and n else iss.cell)))
    # an order one of whose rows does not read comes in whole or not at all: its other lines imported alone
    # would be reviewed and shipped short, and the row put right could never follow (已导入过)
    held: dict[str, int] = {}  # order no. as typed → its lines left out with it
    col = sd.columns.get("order_no")
    for iss in sd.issues:
        if iss.is_error and iss.row and col is not None and 0 < iss.row - 1 < len(grid):
            try:  # as the reader reads the order's other rows (a number typed: 9001, not 9001.0)
                held.setdefault(V.parse_code(grid[iss.row - 1][col]), 0)
            except (V.BadValue, ValueError):  # the order number itself: no order to hold
                pass
    for ln in sd.records:
        if ln.qty <= 0:
            res.issues.append(Issue("error", "数量必须是正整数。", "The quantity must be a positive whole number.",
                                    book=sd.book, sheet=sd.sheet, cell=row_cell(real(ln.row)), value=str(ln.qty),
                                    row=real(ln.row), column=texts.get("qty", "数量")))
            held.setdefault(ln.order_no, 0)
    for ln in sd.records:
        if ln.order_no in held:
            held[ln.order_no] += ln.qty > 0
    for no, n in held.items():
        if no and n:  # (an order of that row alone: its row's error says it all, one line not imported)
            res.issues.append(Issue(
                "error", f"订单 {no} 有一行读不出（见上）：整单没有导入（其余 {n} 行也没有），以免只发出一部分。"
                "改正后再导入这个文件。",
                f"Order {no} has a row that does not read (above): the whole order was not imported (nor its "
                f"other {en_count(n, 'line')}), so that it does not ship in part. Correct it and import this file again.", book=sd.book, sheet=sd.sheet, value=no))
    for ln in sd.records:
        upd = {"status": OrderStatus.NEW, "row": real(ln.row)}  # (its row in the file: where it is said)
        if source is not None:
            upd["source"] = source
        if ln.source is None and source is None:
            upd["source"] = OrderSource.MANUAL
        if ln.order_no in held:
            continue
        if source is OrderSource.AGENT and ln.agent_id and not ln.order_no.startswith(f"{ln.agent_id}-"):
            upd["order_no"] = f"{ln.agent_id}-{ln.order_no}"  # agents' own numbers may clash with others'
        no = upd.get("order_no", ln.order_no)
        first = res.origin.setdefault(no, table.name)
        if first != table.name:  # Monday's sheet and Tuesday's both list it: imported once
            res.skipped.append({"order_no": no, "sku": ln.sku, "file": table.name,
                                "reason_zh": f"同一订单已在 {first} 中导入", "reason_en": f"the same order came in {first}"})
            continue
        res.lines.append(ln.model_copy(update=upd))


def classify(table: Table) -> str:
    from .platforms import classify as platform_kind

    kind = platform_kind(table.header)
    if kind is not None and kind != "tracking":
        return kind
    if table.has("代理编号", "商家编码", "收货人") or table.has("agent_id", "sku", "receiver"):
        return "agent"
    if table.has("订单编号", "商家编码", "收货人") or table.has("order_no", "sku", "receiver"):
        return "orders"  # an 订单 sheet has 快递公司 and 快递单号 too: it is orders, not a shipped file
    return kind or "unknown"


def own_workbook(tables: list[Table]):
    """The shop's own workbook (schema.WORKBOOKS) that `tables` are the sheets of, or None: a file
    picked from the shop folder by mistake (orders.xlsx given to the orders import, its copy or
    backup). Told by its headers, as every file is: its first sheet with every column the schema
    declares (the 订单 sheet's 审单结果, 拣货批次 … are shopbook's alone) and another of its sheets
    with its required ones. A sheet of its headers alone (a person's typed order sheet) is no such book."""
    from ..schema import WORKBOOKS

    heads = [set(t.header) for t in tables]
    if len(heads) < 2:
        return None

    def held(cols) -> bool:
        return any(all(header_key(c.header("zh")) in h or header_key(c.header("en")) in h for c in cols)
                   for h in heads)

    for book in WORKBOOKS:
        main, *rest = book.sheets
        if held(main.columns()) and any(held([c for c in s.columns() if c.required]) for s in rest):
            return book
    return None


def own_book_given(path: Path, tables: list[Table]):
    """The shop's own workbook (own_workbook) where the file `path` is it: named as it (orders.xlsx), a copy
    of it by its name (orders - 副本.xlsx, orders (1).xlsx) or kept in a shop folder or its backups. A file
    elsewhere in its layout (orders typed on a copy of the template, under a name of their own) is orders
    to import, as ever; None then."""
    book = own_workbook(tables)
    if book is None:
        return None
    from ..sync_copies import copied_from, copy_of

    name, where = path.name, path.resolve().parent
    if name.casefold() == book.filename or copied_from(name, [book.filename]) or copy_of(name, [book.filename]) \
            or (where / "shopbook.toml").exists() or (where.parent / "shopbook.toml").exists():
        return book
    return None


def own_words(book) -> tuple[str, str]:
    """What a refusal of the shop's own `book` says it is (zh, en: a clause after "：" / ": ")."""
    return (f"这是店铺自己的{book.zh}工作簿（{book.filename}），不是下载的文件",
            f"it is the shop's own {book.en} workbook ({book.filename}), not a downloaded file")


def _own_book_refused(path: Path, book) -> ShopbookError:
    zh, en = own_words(book)
    return ShopbookError(
        f"没有导入任何订单：{zh}。请导入平台下载的订单导出（淘宝/天猫、拼多多、抖店）、退款导出、面单工具的发货文件"
        "或代理的订单表。什么都没有写入。",
        f"No order was imported: {en}. Import an order export downloaded from the platform (Taobao/Tmall, "
        "Pinduoduo, Douyin), a refund export, a waybill tool's shipped file or an agent's order sheet. Nothing "
        "was written.", path)


def _unrecognised(path: Path, tables: list[Table]) -> ShopbookError:
    """Names, for each format the file resembles, the columns it lacks."""
    from ..kpi.import_sycm import elsewhere_by_button, is_sycm, what_else
    from .platforms import FORMATS, order_export_marks, resemblance

    if any(is_sycm(t) for t in tables):  # the day's shop data, dropped on the orders: where it goes instead
        from ..addin.build import button_label

        said = ("这是生意参谋的店铺数据下载（统计日期、访客数、支付金额……），不是订单导出：没有导入任何订单。",
                "This is a 生意参谋 shop-data download (统计日期, 访客数, 支付金额 …), not an order export: no order was "
                "imported.")
        b = button_label("btnImportKpi")
        return ShopbookError(said[0] + f"请用 shopbook kpi import（或“{b[0]}”按钮）把它导入日报。",
                             said[1] + f" Import it into Daily with shopbook kpi import (or the {b[1]} button).",
                             path, by_button=(said[0] + f"请按“{b[0]}”选它导入日报。",  # (in Excel: no command line)
                                              said[1] + f" Press {b[1]} and choose it to import it into Daily."))
    if (what := what_else(tables)) is not None:  # a bill or a report of another kind: named, with where it goes
        said = (f"这不是订单文件{what[0]}。没有导入任何订单。", f"This is no file of orders{what[1]}. No order was imported.")
        return ShopbookError(*said, path, by_button=elsewhere_by_button(*said))
    near = [x for t in tables for x in resemblance(t.header)]
    if not near:  # not one column of any format: "like X but lacks all of X" would say nothing true
        cols = list(dict.fromkeys(h for t in tables for h in t.header if h))
        shown = "、".join(cols[:8]) + (f" 等 {len(cols)} 列" if len(cols) > 8 else "")
        shown_en = ", ".join(cols[:8]) + (f" and {len(cols) - 8} more" if len(cols) > 8 else "")
        return ShopbookError(
            f"认不出这个文件：没有一列是订单导出的（它的列：{shown or '无'}）。它不是"
            + "、".join(f.name_zh for f in FORMATS) + "。请导入平台导出的原文件（订单、退款或发货文件）。",
            f"Unrecognised file: none of its columns is an order export's (its columns: {shown_en or 'none'}). "
            "It is not the " + ", the ".join(f.name_en for f in FORMATS) + ". Import the file as the platform "
            "exported it (orders, refunds or shipped).", path)
    best: dict[str, tuple] = {}
    for f, missing in near:
        if f.key not in best or len(missing) < len(best[f.key][1]):
            best[f.key] = (f, missing)
    lacking = sorted((x for x in best.values() if x[1]), key=lambda x: len(x[1]))  # the closest first
    zh = "；".join(f"像{f.name_zh}，但缺少 {'、'.join(m)}" for f, m in lacking)
    en = "; ".join(f"like the {f.name_en} but lacks {', '.join(m)}" for f, m in lacking)
    marks = list(dict.fromkeys(n for t in tables for n in order_export_marks(t.header)))
    for f, _ in (x for x in best.values() if not x[1]):  # a shipped file's columns, and an order export's too
        if marks or not lacking:
            why_zh, why_en = (f"也有平台订单导出才有的 {'、'.join(marks) or '列'}",
                              f"also {', '.join(marks) or 'columns'} only a platform's order export has")
        else:  # most of a platform export's columns (classify): that export with some lost
            why_zh, why_en = f"也有{lacking[0][0].name_zh}的大部分列", f"also most of the {lacking[0][0].name_en}'s"
        zh += ("；" if zh else "") + f"有{f.name_zh}的列，但{why_zh}，所以不当作发货文件"
        en += ("; " if en else "") + f"it has the columns of a {f.name_en} but {why_en}, so it is not taken as one"
    others = [f for f in FORMATS if f.key not in best]
    if others:
        zh += "；也不是" + "、".join(f.name_zh for f in others)
        en += "; nor is it the " + ", the ".join(f.name_en for f in others)
    return ShopbookError(f"认不出这个文件：{zh}。请导入平台导出的原文件（订单、退款或发货文件）。",
                         f"Unrecognised file: {en}. Import the file as the platform exported it (orders, refunds "
                         "or shipped).", path)


def not_orders(path: Path, tables: list[Table]) -> ShopbookError | None:
    """Why the file `path` (its `tables`) is no file of orders the import takes (an Alipay
    statement, a price list: none of its tables is an export, shipped file or order sheet it
    knows), or None when one is: what read_order_files raises for it."""
    if (book := own_book_given(Path(path), tables)) is not None:
        return _own_book_refused(Path(path), book)
    return None if any(classify(t) != "unknown" for t in tables) else _unrecognised(Path(path), tables)


def read_order_files(paths: list[Path], password: str | None = None) -> ImportResult:
    """Every order of the given files: the platforms' orders (whatever their stage: the
    import decides what each one changes), agents' and plain order lines as 待审核 rows;
    what was left out and why."""
    from .platforms import douyin, pinduoduo, taobao
    from . import tracking

    res = ImportResult()
    kinds: dict[str, list[Table]] = {}
    agents: list[int] = []  # the agents' sheets among them
    # a file given twice (or through a link) is read once: its tables would be the same objects
    # under keep_tables(), and the readers tell a later export of an order from its own lines by table
    once: dict[str, Path] = {}
    for p in paths:
        once.setdefault(os.path.realpath(p), Path(p))
    read = [(p, read_table(Path(p), password)) for p in once.values()]
    for p, tables in read:
        if (book := own_book_given(Path(p), tables)) is not None:  # before any of it is taken as orders
            raise _own_book_refused(Path(p), book)
        known = 0
        for t in tables:
            kind = classify(t)
            res.files.append({"file": t.name, "kind": kind, "encoding": t.encoding, "rows": len(t.rows)})
            known += kind != "unknown"
            if kind in ("agent", "orders"):  # agents' and typed order sheets: one kind, ordered below
                kinds.setdefault(SHEETS, []).append(t)
                agents += [id(t)] if kind == "agent" else []
            elif kind != "unknown":
                kinds.setdefault(kind, []).append(t)
        if not known:  # a workbook's other sheets (an agent's price list …) are simply not orders
            raise not_orders(Path(p), tables)
    file_of = {id(t): p for p, ts in read for t in ts}
    res.stores = _stores(kinds)
    if (two := _two_stores(res.stores)) is not None:
        raise two
    inside: dict[int, dt.datetime | None] = {}  # each table's latest time, scanned once (latest_inside)
    _oldest_first(kinds, file_of, res, inside)
    refunds_at = _refunds_in_time(kinds, file_of, res, inside)
    # an order on two sheets comes in from the first one applied, the other's said (import_plain): by time,
    # as day by day (Monday's sheet imported on Monday, Tuesday's copy of it skipped), not by drag order
    for t in kinds.pop(SHEETS, []):
        import_plain(t, res, OrderSource.AGENT if id(t) in agents else None)
    order_lists, detail_lists = kinds.get("taobao-orders", []), kinds.get("taobao-details", [])
    if order_lists and not detail_lists:
        raise ShopbookError("只有订单报表（ExportOrderList），缺少宝贝报表（ExportOrderDetailList）：没有它就不知道每个订单发哪些 SKU。请两个文件一起导入。",
                            "Only the order list (ExportOrderList) was given; the item list (ExportOrderDetailList) is "
                            "needed to know which SKUs each order ships. Import both files together.")
    if detail_lists and not order_lists:
        raise ShopbookError("只有宝贝报表（ExportOrderDetailList），缺少订单报表（ExportOrderList）：没有它就没有收货人和地址。请两个文件一起导入。",
                            "Only the item list (ExportOrderDetailList) was given; the order list (ExportOrderList) "
                            "holds the receivers and addresses. Import both files together.")
    if order_lists:
        res.orders += taobao.read_orders(order_lists, detail_lists, res)
    if "taobao-refunds" in kinds:
        res.orders += taobao.read_refunds(kinds["taobao-refunds"], res)
    if "pinduoduo" in kinds:
        res.orders += pinduoduo.read(kinds["pinduoduo"], res)
    if "douyin" in kinds:
        res.orders += douyin.read(kinds["douyin"], res)
    if "tracking" in kinds:
        res.orders += tracking.read(kinds["tracking"], res)
    made = _made(kinds, file_of, inside) if "tracking" in kinds else {}
    res.exported = _exported(kinds, file_of, inside, res.rows_latest)
    for o in res.orders:
        o.at = refunds_at.get(o.file, 0)
        o.made = made.get(o.file)
    if res.lost:
        _lost_once(res)
    return res


_PLATFORM_OF_KIND = {"taobao-orders": Platform.TAOBAO, "pinduoduo": Platform.PINDUODUO, "douyin": Platform.DOUYIN}


def _exported(kinds: dict[str, list[Table]], file_of: dict[int, Path], inside: dict,
              rows_latest: dict[str, Callable[[], dt.datetime | None]]) -> dict[str, tuple]:
    """Each platform order export's table name → (its platform, the earliest and the latest it can have been
    made): the export time the platform wrote into the download's name (a date alone: that whole day), else its
    file's modified time, never before the export but maybe long after it (a copy, an Excel re-save): the latest
    alone (_span_or_mtime). A file each, never a row (the import is timed). Where the latest is a modified time,
    `rows_latest` gets the scan of its rows' latest time to doubt it by (before_its_rows), made only where it
    would make the export older, not on every import of an export without a time in its name."""
    out: dict[str, tuple] = {}
    for kind, platform in _PLATFORM_OF_KIND.items():
        for t in kinds.get(kind, ()):
            earliest, latest = _span_or_mtime(file_of[id(t)])
            if latest is None:
                continue  # (no time: never taken for older)
            was = out.get(t.name)
            if was is None or latest > was[2]:  # (one name twice: the newer)
                out[t.name] = (platform, earliest, latest)
                if earliest is None:
                    rows_latest[t.name] = functools.partial(latest_inside, [t], inside)
                else:
                    rows_latest.pop(t.name, None)
    return out


# the store an export is of, where it says (淘宝/天猫's order list); by its name, as its 店铺Id is blank in some exports
STORE = "店铺名称"


def _stores(kinds: dict[str, list[Table]]) -> dict[str, list[str]]:
    """The stores the exports name → their files. A store's export names it on every order's row: the first of
    its first rows that does is read (a heading row above the orders, 【以下为预售】, names none; never a loop
    over a month of rows)."""
    stores: dict[str, list[str]] = {}
    for kind, tables in kinds.items():
        if kind == SHEETS:
            continue
        for t in tables:
            if _key(STORE) in t.header and (name := next(filter(None, (cell(r, STORE) for r in t.rows[:20])), "")):
                stores.setdefault(name, []).append(t.name.split(":")[0])
    return stores


def _two_stores(stores: dict[str, list[str]]) -> ShopbookError | None:
    """Why the exports of one import cannot be taken: they name two stores (an owner's second store downloaded
    beside the first, ExportOrderList… both): a shop folder is one store's stock, and the other's orders would be
    picked from it. None when they name one or none."""
    if len(stores) < 2:
        return None
    said = [(name, "、".join(dict.fromkeys(files)), ", ".join(dict.fromkeys(files))) for name, files in stores.items()]
    return ShopbookError("这些导出来自不同的店铺：" + "；".join(f"“{n}”（{f}）" for n, f, _ in said)
                         + "。一个店铺文件夹只管一家店的订单和库存，另一家店的订单会从这里的库存拣货发货，所以什么也没有导入。"
                         "请只导入这家店的导出；另一家店的导出放进它自己的店铺文件夹再导入。",
                         "These exports are of different stores: " + "; ".join(f"'{n}' ({f})" for n, _, f in said)
                         + ". A shop folder keeps one store's orders and stock, and the other store's orders would be "
                         "picked from this stock, so nothing was imported. Import only this store's exports; import "
                         "the other store's into its own shop folder.")


def _made(kinds: dict[str, list[Table]], file_of: dict[int, Path], inside: dict) -> dict[str, dt.datetime]:
    """Each order or refund export's table name → the earliest it can have been made: the later of the export
    time in its file name (a name's date alone: that day's start) and the latest time in it. A waybill printed
    before it is a parcel that went before the export's word (lifecycle: applied ahead of it). A shipped file's
    → the latest its waybills can have been printed, for those without a time of their own: its file's
    modified time (written after they were), not one before a time in it (a clock not to trust)."""
    out = {}
    for kind, tables in kinds.items():
        for t in tables:
            span, latest = name_span(file_of[id(t)]), latest_inside([t], inside)
            if kind == "tracking":
                if (at := _mtime(file_of[id(t)])) is None:
                    continue
                if not before_its_rows(at, latest):
                    out[t.name] = at
                continue
            known = [x for x in (span[0] if span else None, latest) if x is not None]
            if known:
                out[t.name] = max(known)
    return out


# a download's time in its name, as the platforms name them: 抖店 1763694000_订单导出.csv (epoch seconds),
# 淘宝 ExportOrderList202611221530.csv, 拼多多 <hash>orders_export2026-11-22-15-30-12.csv
_NAME_STAMP = re.compile(r"(?<!\d)(20\d\d)[-_.年]?([01]\d)[-_.月]?([0-3]\d)日?"
                         r"(?:[ _T.-]?([0-2]\d)[-_:.时]?([0-5]\d)(?:[-_:.分]?([0-5]\d))?)?(?!\d)")
_NAME_EPOCH = re.compile(r"(?<!\d)(1\d{9})(\d{3})?(?!\d)")
_AHEAD = ("承诺", "预计", "预约", "超时", "截止", "最晚")  # times ahead of the export (承诺发货时间): not when it was made


# the platforms' clock, in the names and the times inside their exports: Beijing time (China has no daylight saving).
# A file's modified time is read in it, not in the machine's zone (a UTC server: 8 hours early)
BEIJING = dt.timezone(dt.timedelta(hours=8))


def _beijing(seconds: float) -> dt.datetime:
    """A POSIX time as the platforms write theirs: Beijing wall time, naive."""
    return dt.datetime.fromtimestamp(seconds, BEIJING).replace(tzinfo=None)


def _mtime(path: Path) -> dt.datetime | None:
    """The file's modified time in Beijing time; None where it cannot be told."""
    try:
        return _beijing(os.stat(path).st_mtime)
    except (OSError, ValueError, OverflowError):
        return None


def _span_or_mtime(path: Path) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(earliest, latest) an export can have been made: its name's time (a date alone: that whole day), else
    (None, its file's modified time), never before the export but maybe long after it (a copy, an Excel re-save);
    (None, None) where neither can be told. One stat a file at most, never a row."""
    span = name_span(path)
    return span if span is not None else (None, _mtime(path))


def before_its_rows(modified: dt.datetime, rows_latest: dt.datetime | None) -> bool:
    """Whether a file's modified time is before the latest time in its own rows (latest_inside): a clock not to
    trust, the file no time at all (each caller's fallback)."""
    return rows_latest is not None and modified < rows_latest


def name_time(path: Path) -> dt.datetime | None:
    """The export time a platform wrote into the download's name; None when it has none. A date
    with a time of day before an epoch, before a date alone (an order number's digits read as none)."""
    span = name_span(path)
    return span[0] if span else None


def name_span(path: Path) -> tuple[dt.datetime, dt.datetime] | None:
    """(earliest, latest) the export in the download's name may have been made: one time, or a whole
    day where the name has a date alone; None when it has none (see name_time)."""
    found = []
    for m in _NAME_STAMP.finditer(Path(path).stem):
        try:
            at = dt.datetime(*(int(x) for x in m.groups() if x))
        except ValueError:
            continue
        found.append((2, at, at) if m[4] else (0, at, at + dt.timedelta(days=1, microseconds=-1)))
    for m in _NAME_EPOCH.finditer(Path(path).stem):
        at = _beijing(int(m[1]))
        found.append((1, at, at))
    return max(found, key=lambda x: x[0])[1:] if found else None


def latest_inside(tables: list[Table], memo: dict[int, dt.datetime | None] | None = None) -> dt.datetime | None:
    """The latest time in the tables' time columns (付款时间, 发货时间 …, not a time promised ahead):
    when an export without its time in its name was made, near enough to tell two exports apart.
    Each read as every other date of shopbook is (values.parse_datetime: 下午3:05 is 15:05, an Excel
    date or serial, 20261103); a value that is no time (2026-11-31) is passed over, never the end of all.
    `memo` (id of a table → its latest): one import asks it of a table up to three times, scanned once."""
    best = None
    for t in tables:
        if memo is None or (at := memo.get(id(t), _UNSCANNED)) is _UNSCANNED:
            at = _latest_in(t)
            if memo is not None:
                memo[id(t)] = at
        if at is not None and (best is None or at > best):
            best = at
    return best


_UNSCANNED = object()


def _latest_in(t: Table) -> dt.datetime | None:
    best = None
    cols = [h for h in t.header if h and "时间" in h and not any(w in h for w in _AHEAD)]
    for row in t.rows:
        for c in cols:
            v = row.get(c)
            if isinstance(v, str):
                v = cell(row, c)  # (its platform markers off: ="…", a leading ', a tab)
            if v is None or v == "" or isinstance(v, bool):
                continue
            try:
                at = V.parse_datetime(v)
            except V.BadValue:
                continue
            if 2000 <= at.year <= 2100 and (best is None or at > best):
                best = at
    return best


SHEETS = "sheets"  # agents' and typed order sheets, as _oldest_first orders them (the first one's order stands)


def _oldest_first(kinds: dict[str, list[Table]], file_of: dict[int, Path], res: ImportResult, inside: dict) -> None:
    """Several exports of one kind are applied oldest first, whatever order they were given in (staff
    drag files in any order): an order in several is as the newest says it (an older 待发货 given after
    a newer 交易关闭 would bring the closed order back). By the export time in the file's name, else the
    latest time in it, else the file's modified time (io.files.file_times). Said where it differs."""
    from ..io.files import file_times

    for kind, tables in kinds.items():
        given = list(dict.fromkeys(file_of[id(t)] for t in tables))
        if len(given) < 2:
            continue
        ft = file_times(given, name_time, lambda p: latest_inside([t for t in tables if file_of[id(t)] == p], inside))
        applied = ft.oldest_first(given)
        if applied == given:
            continue
        kinds[kind] = sorted(tables, key=lambda t: ft.key[file_of[id(t)]])
        res.reordered.append({"kind": kind, "files": [p.name for p in applied], "given": [p.name for p in given],
                              "by": ("name", "inside", "modified")[ft.told] if ft.told is not None else "",
                              "times": [_when(ft.at[p]) if p in ft.at else "" for p in applied]})


def _refunds_in_time(kinds: dict[str, list[Table]], file_of: dict[int, Path], res: ImportResult,
                     inside: dict) -> dict[str, int]:
    """Taobao's refund exports and order lists of one import in the order they were made (table name →
    its place, PlatformOrder.at), where their times say so: a refund export older than an order list is
    applied before it, so that the newer word on an order stands (the order list's 退款关闭 or 卖家已发货
    after the refund export's 退款中). A refund export goes first only when surely older: the latest it can
    have been made (the export time in its name, a name's date alone the whole day; else its file's modified
    time, for a download is written after the export is made; never the times inside, its refunds', which
    only say how early it can be) before the earliest an order list can have been (its name's time, or the
    latest time in it where that is later). {} (refunds after the orders, as before) when none is."""
    refunds, lists = kinds.get("taobao-refunds", []), kinds.get("taobao-orders", [])
    if not refunds or not lists:
        return {}
    bound: dict[int, dt.datetime] = {}
    named = True  # every bound from a file name (as said)
    for t in lists:
        span = name_span(file_of[id(t)])
        known = [x for x in (span[0] if span else None, latest_inside([t], inside)) if x is not None]
        bound[id(t)] = max(known) if known else dt.datetime.min
        named = named and bool(span) and bound[id(t)] == span[0]
    for t in refunds:
        earliest, latest = _span_or_mtime(file_of[id(t)])
        named = named and earliest is not None
        if latest is None or earliest is None and before_its_rows(latest, latest_inside([t], inside)):
            latest = dt.datetime.max  # no time to trust: after the lists, as before
        bound[id(t)] = latest
    is_list = {id(t) for t in lists}
    # (a stable sort: a tie keeps the refund export after the order list)
    ranked = sorted(lists + refunds, key=lambda t: bound[id(t)])
    if all(id(t) in is_list for t in ranked[:len(lists)]):
        return {}  # every refund export after every order list: as before
    at: dict[str, int] = {}
    for i, t in enumerate(ranked, 1):
        at[t.name] = max(at.get(t.name, 0), i)
    applied = list(dict.fromkeys(file_of[id(t)] for t in ranked))
    given = list(dict.fromkeys(file_of[id(t)] for t in lists + refunds))
    when = {}
    for t in ranked:
        when.setdefault(file_of[id(t)], bound[id(t)])
    res.reordered.append({"kind": "taobao-refunds", "files": [p.name for p in applied], "given": [p.name for p in given],
                          "by": "name" if named else "times",
                          "times": [_when(when[p]) if dt.datetime.min < when[p] < dt.datetime.max else "" for p in applied]})
    return at


def _when(t: dt.datetime) -> str:
    """A time as said: its seconds only where there are some, a date alone at midnight (a name's date)."""
    return t.strftime("%Y-%m-%d" if t.time() == dt.time() else "%Y-%m-%d %H:%M" if not t.second else "%Y-%m-%d %H:%M:%S")
