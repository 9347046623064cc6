"""Hostile and odd files: what shopbook will read, and how much of it.

A shop folder holds files other programs made (Excel, WPS, a platform's export, a sync
client) and files nobody meant to be there (a FIFO, a link to /dev/zero, a zip bomb, a
sheet with one stray cell at XFD1048576). Every check here is cheap for an ordinary file
and stops a bad one with one located message (exit 2) before a parser sees it: the
parsers (calamine, zipfile, csv) would otherwise hang, abort or fill the memory.
"""

from __future__ import annotations

import io
import os
import re
import stat
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..issues import Issue, ShopbookError, col_letter

MAX_ROWS, MAX_COLS = 1_048_576, 16_384  # Excel's sheet: A1:XFD1048576
# the most text an Excel cell holds (UTF-16 units): a workbook with a longer one opens in Excel only
# after it "repairs" it (We found a problem with some content …), cutting the text there itself
CELL_CHARS = 32_767
MB = 1 << 20
# decompressed sizes: a year of orders is ~70 MB of sheet XML; a bomb inflates to gigabytes
PART_CAP = int(os.environ.get("SHOPBOOK_MAX_PART_MB", "512")) * MB
PACKAGE_CAP = int(os.environ.get("SHOPBOOK_MAX_PACKAGE_MB", "1024")) * MB
INPUT_CAP = int(os.environ.get("SHOPBOOK_MAX_INPUT_MB", "256")) * MB  # a CSV export or statement
# a stray value this far from the table is not part of it: it is reported and not read,
# so that memory follows the cells that hold data, not the area they span
COL_GAP, ROW_GAP = 1_024, 65_536
AREA_CAP = 10_000_000  # cells a sheet's values may span when they are that sparse (calamine holds each)
# the error values calamine knows; others (#SPILL!, #CALC! …, Excel 365's) stop it
# (not #GETTING_DATA, which the OOXML list holds: calamine refuses the sheet at it)
CALAMINE_ERRORS = frozenset({b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!"})
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED


def _refuse(zh: str, en: str, path) -> ShopbookError:
    return ShopbookError(zh, en, path)


class Damaged(ShopbookError):
    """A file that does not read as the package it is: damaged, or caught while another program
    is still writing it, which the reader then tells apart (io.files.told_apart)."""


# --- files that are not files ----------------------------------------------------------

def check_regular(path: Path) -> None:
    """A FIFO, a device (/dev/zero, a link to /dev/urandom), a socket: refused at once,
    before anything opens it (opening a FIFO waits for a writer forever)."""
    try:
        st = os.stat(path)  # through symlinks: what would be read
    except FileNotFoundError:
        from .files import stand_in, stand_in_words  # (files imports this module)

        other = stand_in(path)  # orders.xls where orders.xlsx should be: named, with what to do
        if other is not None:
            raise _refuse(*stand_in_words(Path(path), other), path) from None
        from ..issues import not_found_why

        why = not_found_why(path)  # (a Windows path pasted, a ~ in quotes)
        raise _refuse("找不到这个文件。" + why[0], "File not found." + why[1], path) from None
    except OSError as e:
        from .files import os_reason  # (files imports this module)

        why = os_reason(e)
        raise _refuse(f"无法访问这个文件（{why[0]}）。", f"Cannot access the file ({why[1]}).", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise _refuse("这是一个文件夹，不是文件。", "This is a folder, not a file.", path)
    if not stat.S_ISREG(st.st_mode):
        kind = ("管道（FIFO）", "a pipe (FIFO)") if stat.S_ISFIFO(st.st_mode) else \
            ("设备", "a device") if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else ("特殊文件", "a special file")
        raise _refuse(f"这不是普通文件，而是{kind[0]}：shopbook 不读取它。", f"This is {kind[1]}, not a regular file: "
                      "shopbook does not read it.", path)


def read_input(path: Path, cap: int | None = None) -> bytes:
    """The bytes of a file given to shopbook (an export, a statement, a scan list): a
    regular file of at most `cap` bytes, read whole."""
    path = Path(path)
    check_regular(path)
    cap = INPUT_CAP if cap is None else cap
    size = os.stat(path).st_size
    if size > cap:
        raise _refuse(f"文件太大（{size // MB} MB，上限 {cap // MB} MB）：这不像是导出的文件。",
                      f"The file is too large ({size // MB} MB, the limit is {cap // MB} MB): not an export.", path)
    with open(path, "rb") as f:
        data = f.read(cap + 1)
    if len(data) > cap:  # it grew while being read
        raise _refuse("文件在读取时还在变大。", "The file kept growing while it was read.", path)
    return data


def move_into(path: Path, folder: Path) -> Path:
    """Move a file into `folder` under its own name, or name-2, name-3 … when that is taken:
    an existing file there is never replaced (a second export of the same name the same day)."""
    from .files import make_dirs

    make_dirs(folder)
    dest, n = folder / path.name, 1
    while dest.exists() or dest.is_symlink():
        n += 1
        dest = folder / f"{path.stem}-{n}{path.suffix}"
    os.replace(path, dest)  # a rename: a FIFO or a link to a device moves without being opened
    return dest


def set_aside(path: Path, error: ShopbookError, folder_name: str = "refused", lang: str | None = None) -> Path:
    """Move a file shopbook will not read out of the way (inbox/refused/), with the reason
    beside it in <name>.reason.txt, so the next run does not trip over it again and a
    person sees why. An existing file of that name is never replaced. `lang` "en": an
    English shop's reason in English alone (else both, as before)."""
    path = Path(path)
    dest = move_into(path, path.parent / folder_name)
    reason = dest.parent / f"{dest.name}.reason.txt"
    reason.write_text(f"{error.en}\n" if lang == "en" else f"{error.zh}\n{error.en}\n", encoding="utf-8")
    return dest


# --- zip packages -------------------------------------------------------------------------

def check_members(z: zipfile.ZipFile, path, infos=None) -> None:
    """Every member (or those given) readable within the caps: a known method, not
    encrypted, its declared size within PART_CAP, the total within PACKAGE_CAP, and the
    declared size believable (XML that takes more bytes packed than unpacked is a lie
    that would let a bomb through)."""
    total = 0
    for info in z.infolist() if infos is None else infos:
        name = info.filename
        if info.flag_bits & 0x1:
            raise _refuse(f"压缩包里的“{name}”是加密的：shopbook 不读取加密的内容。",
                          f"The zip member '{name}' is encrypted: shopbook does not read encrypted content.", path)
        if info.compress_type not in (_STORED, _DEFLATED):
            raise _refuse(f"压缩包里的“{name}”用了不支持的压缩方式（{info.compress_type}）：文件已损坏或不是 Excel 保存的。"
                          "请在 Excel 中打开并另存一次。",
                          f"The zip member '{name}' uses an unsupported compression method ({info.compress_type}): "
                          "the file is damaged or was not saved by Excel. Open it in Excel and save it again.", path)
        if info.file_size > PART_CAP:
            raise _refuse(f"压缩包里的“{name}”解压后有 {info.file_size // MB} MB，超过上限 {PART_CAP // MB} MB（压缩炸弹？）。",
                          f"The zip member '{name}' unpacks to {info.file_size // MB} MB, over the "
                          f"{PART_CAP // MB} MB limit (a zip bomb?).", path)
        if (info.compress_type == _DEFLATED and info.compress_size > 4_096 and info.file_size < info.compress_size
                and name.lower().endswith((".xml", ".rels", ".csv"))):
            raise _refuse(f"压缩包里的“{name}”记录的大小不可信（压缩后比原文还大）：文件已损坏。",
                          f"The zip member '{name}' declares a size that cannot be true: the file is damaged.", path)
        total += info.file_size
        if total > PACKAGE_CAP:
            raise _refuse(f"压缩包解压后超过 {PACKAGE_CAP // MB} MB（压缩炸弹？）：shopbook 不读取它。",
                          f"The zip unpacks to more than {PACKAGE_CAP // MB} MB (a zip bomb?): shopbook does not "
                          "read it.", path)


# a member of at most this many bytes packed is unpacked in one call (it is read whole first)
ONE_READ_PACKED = 64 * MB

# A sheet part this big unpacked is patched as it is unpacked, a window of rows at a time, and
# deflated as it is made (xlsx_patch._patch_streamed): a year's orders sheet is 71 MB of XML, which
# `daily` held whole while it wrote (its peak RSS, issue 20); so `daily` peaks 40 MiB lower and
# writes 0.04 s sooner, a month's import 0.1 s. Smaller parts are patched whole: their XML is
# unpacked beside the plan of the cells (sheet_edit._sheets_ahead), or kept from the read begun
# early (prefetch.kept_xml), and the morning job's 14 MB sheet with 17,000 rows edited was
# 0.01–0.03 s slower as a stream (benchmarks/ab.py, 5 pairs each).
STREAM_BYTES = 32 * MB


def read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo | str, path, cap: int | None = None,
                head: int | None = None) -> bytes:
    """One member, unpacked and stopped at `cap` whatever its header says (or just its first
    `head` bytes)."""
    info = z.getinfo(info) if isinstance(info, str) else info
    check_members(z, path, [info])
    cap = PART_CAP if cap is None else cap

    def too_big() -> ShopbookError:
        return _refuse(f"“{info.filename}”解压后超过 {cap // MB} MB：shopbook 不读取它。",
                       f"'{info.filename}' unpacks to more than {cap // MB} MB: shopbook does not read it.", path)

    out = io.BytesIO()
    try:
        with z.open(info) as f:
            if head is not None:
                return f.read(head)
            if info.compress_size <= ONE_READ_PACKED:
                # one inflate, stopped one byte past the cap (zlib's max_length): the GIL is let go
                # once, not once a MB; with another thread holding it meanwhile (imports, a parse)
                # each 1 MB piece waits its turn: 2.6 s for a 70 MB sheet against 0.15 s
                data = f.read(cap + 1)
                if len(data) > cap:
                    raise too_big()
                return data
            while chunk := f.read(1 << 20):  # (a member that big packed: 1 MB at a time)
                if out.tell() + len(chunk) > cap:
                    raise too_big()
                out.write(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as e:
        raise damaged(path, f"{info.filename}: {e}") from None
    except Exception as e:  # zlib.error and its like: the data is damaged
        if type(e).__name__ == "error":
            raise damaged(path, f"{info.filename}: {e}") from None
        raise
    return out.getvalue()


def damaged(path, what: str) -> Damaged:
    from .files import restore_words  # (files imports this module)

    zh, en = restore_words(path)
    return Damaged(f"文件已损坏，无法读取（{what}）。{zh}", f"The file is damaged and cannot be read ({what}). {en}", path)


def repair_in_excel(path, what_zh: str, what_en: str) -> Damaged:
    """A workbook whose package is broken: shopbook reads nothing from it and never
    rewrites it; Excel offers to repair such a file when it opens it."""
    return Damaged(f"工作簿已损坏（{what_zh}）：shopbook 不读取也不改写它。请用 Excel 打开，让 Excel 修复后保存，再运行。",
                   f"The workbook is damaged ({what_en}): shopbook neither reads nor rewrites it. Open it in Excel, "
                   "let Excel repair it, save it, and run again.", path)


_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def check_prolog(data: bytes, name: str, path) -> None:
    """OOXML never declares a DTD: a part that does (entity expansion, external
    entities) is refused before any XML parser sees it."""
    if _DOCTYPE.search(data[:65_536]):
        raise repair_in_excel(path, f"“{name}”带有 DTD/实体声明", f"'{name}' declares a DTD or entities")


def check_package(z: zipfile.ZipFile, path) -> None:
    """The package as a whole, before any part is parsed: member sizes and methods, the
    [Content_Types].xml every workbook has, and no DTD in the parts shopbook parses."""
    check_members(z, path)
    names = set(z.namelist())
    if "xl/workbook.xml" not in names:
        return  # not a workbook at all: the caller says so
    if "[Content_Types].xml" not in names:
        raise repair_in_excel(path, "缺少 [Content_Types].xml", "[Content_Types].xml is missing")
    from xml.etree import ElementTree as ET

    ct = read_member(z, "[Content_Types].xml", path, cap=4 * MB)
    check_prolog(ct, "[Content_Types].xml", path)
    try:
        root = ET.fromstring(ct)
    except ET.ParseError as e:
        raise repair_in_excel(path, f"[Content_Types].xml 无法解析：{e}", f"[Content_Types].xml does not parse: {e}") \
            from None
    if not root.tag.endswith("Types"):
        raise repair_in_excel(path, "[Content_Types].xml 内容不对", "[Content_Types].xml is not a content-types part")
    for name in names:
        if name.endswith((".xml", ".rels")) and name != "[Content_Types].xml":
            head = read_member(z, name, path, head=65_536)
            check_prolog(head, name, path)
            if name.lower() == "xl/sharedstrings.xml":
                check_counts(head, z.getinfo(name).file_size, name, path)


_COUNT = re.compile(rb'\b(uniqueCount)="(\d+)"')  # (count is of the cells using them: any size)


def check_counts(head: bytes, size: int, name: str, path) -> None:
    """A part that declares more entries than its bytes can hold (each <si/> takes 5):
    calamine sizes its table by the declared number and aborts the process on
    uniqueCount="4000000000"."""
    root = head[:head.find(b">", head.find(b"<sst")) + 1] if b"<sst" in head else head[:512]
    for attr, n in _COUNT.findall(root):
        if int(n) > size // 5 + 1:
            raise repair_in_excel(path, f"“{name}”声称有 {int(n)} 条文本，放不下",
                                  f"'{name}' claims {attr.decode()}={int(n)}, more than it can hold")


def testzip(z: zipfile.ZipFile, path) -> str | None:
    """zipfile's testzip (the first member whose checksum fails), with the errors a damaged
    member raises on the way (zlib's, a cut file) as one message."""
    try:
        return z.testzip()
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as e:
        raise damaged(path, str(e)) from None
    except Exception as e:
        if type(e).__name__ == "error":  # zlib.error (or zlib-ng's)
            raise damaged(path, f"zlib: {e}") from None
        raise


# --- sheets ---------------------------------------------------------------------------------

def col_number(letters: bytes) -> int:
    """1-based column of Excel letters; anything past 7 letters is far past XFD anyway."""
    n = 0
    for ch in letters[:8]:
        n = n * 26 + (ch - 64)
    return n


# what sends a sheet through the cell-by-cell look: a cell reference of three column letters
# or of seven row digits; a number that is not one; a shared-string index that is not a
# plain index. Each led by a literal (no \b, no (?i):
# those make re try every position): an ordinary sheet of 11 MB takes some 10 ms for each.
_NOT_A_NUMBER = re.compile(rb"v>\s*[-+]?(?:[nN][aA][nN]|[iI][nN][fF])")
_BAD_SST = re.compile(rb't="s"[^>]*>\s*<(?:\w+:)?v>(?![0-9]{1,9}</)')


# --- the searches of a whole big sheet ------------------------------------------------------------

RE2_MIN_BYTES = 4 << 20  # below it re is about as quick as handing the bytes to Arrow
_WS = r"[\x09\x0a\x0b\x0c\x0d\x20]"  # re's \s on bytes (RE2's lacks \v)


class Search:
    """Whether a pattern occurs anywhere in a sheet's XML: asked of RE2 (Arrow's
    match_substring_regex, bytes as Latin-1) for a big sheet where pyarrow is loaded, else of re,
    with the same answer. RE2 runs 3–7 times as fast over a year's 70 MB of orders, and lets go
    of the GIL: the reads and scans beside it (exports, stock.xlsx, the other sheets) run on
    meanwhile, where re held it 0.2 s per big sheet. `re2` is the pattern as RE2 takes it where
    re's is not (a look-ahead, a whitespace class); tests/test_limits_search.py checks the two agree."""

    def __init__(self, pattern: re.Pattern, re2: str | None = None):
        self.rx, self.re2 = pattern, re2 if re2 is not None else pattern.pattern.decode("ascii")

    def __call__(self, data: bytes) -> bool:
        if len(data) >= RE2_MIN_BYTES:
            found = re2_search(data, self.re2)
            if found is not None:
                return found
        return self.rx.search(data) is not None


def re2_search(data: bytes, pattern: str) -> bool | None:
    """RE2's answer; None where pyarrow is not loaded (never imported for a search alone: the Arrow
    read and the parsed-sheet cache bring it in, SHOPBOOK_ARROW_READ=0 and --no-cache keep it out)
    or declines the pattern."""
    import sys

    ops = sys.modules.get("shopbook.io.arrow_ops")
    if ops is None:
        return None
    import struct

    import pyarrow as pa
    # the bytes themselves as one binary value: no copy (a copy of 70 MB would cost what RE2 saves)
    value = pa.LargeBinaryArray.from_buffers(pa.large_binary(), 1, [None, pa.py_buffer(struct.pack("<qq", 0, len(data))),
                                                                    pa.py_buffer(data)])
    try:
        return ops.match_substring_regex(value, pattern)[0].as_py()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


# a column of three letters or a row of seven digits, in one pass
FAR_CELL = Search(re.compile(rb'r="(?:[A-Z]{3}|[A-Z]*[0-9]{7})'))
NOT_A_NUMBER = Search(_NOT_A_NUMBER, rf"v>{_WS}*[-+]?(?:[nN][aA][nN]|[iI][nN][fF])")
# _BAD_SST's look-ahead spelled out: no digit next, ten or more, or one to nine not followed by "</"
BAD_SST = Search(_BAD_SST, rf't="s"[^>]*>{_WS}*<(?:[0-9A-Za-z_]+:)?v>'
                           r"(?:[^0-9]|$|[0-9]{10}|[0-9]{1,9}(?:[^0-9<]|$|<[^/]|<$))")
ERROR_CELL = Search(re.compile(rb't="e"'))  # any cell holding an error value
# a formula whose value was never worked out (a file a script wrote, never opened in Excel): the
# formula's end, or a self-closing one, then no value or an empty one, then the cell's end (Excel's
# empty-text result, t="str" with an empty value, is told apart at the cell: io.reader)
FORMULA = Search(re.compile(rb"f>"))  # a formula's tag (a sheet without one has none): 10 ms over 70 MB
UNCACHED_FORMULA = Search(re.compile(rb"(?:f>|/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"),
                          rf"(?:f>|/>){_WS}*(?:<(?:[0-9A-Za-z_]+:)?v{_WS}*/>|<(?:[0-9A-Za-z_]+:)?v>{_WS}*"
                          rf"</(?:[0-9A-Za-z_]+:)?v>)?{_WS}*</(?:[0-9A-Za-z_]+:)?c>")
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_ERR_VALUE = re.compile(rb"(<(?:\w+:)?v>)([^<]*)(</)")
_ROW_TAG = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]+)"')
_ANY_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_R = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_T = re.compile(rb'\bt="([a-zA-Z]+)"')
_V = re.compile(rb"<(?:\w+:)?v>([^<]*)</")
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is|f)\b")


@dataclass
class SheetLook:
    """What the look at one sheet's XML found: `xml` is None when the sheet can go to
    calamine as it is, else the XML to give it instead (stray far cells taken out,
    error values calamine does not know replaced: they are reported from the original)."""

    xml: bytes | None = None
    warnings: list[Issue] = field(default_factory=list)


def _far_rows(data: bytes) -> bool:
    """The last row tag far below the number of rows: a stray row (A1048576) that would
    make calamine hold every row above it."""
    at = data.rfind(b"<row ")  # the last row tag, plain or prefixed (x:row): a prefixed one is after it
    prefixed = data.rfind(b":row ", at + 1) if at >= 0 else data.rfind(b":row ")
    at = max(at, prefixed)
    if at < 0:
        return False
    m = _ROW_TAG.match(data, data.rfind(b"<", 0, at + 1))
    last = int(m.group(1)) if m else 0
    if last <= 10_000:
        return False
    # the plain row tags of the sheet's second half are most often enough to say no; those of the
    # first half, then the prefixed ones, are counted only when what is counted leaves it open
    half = len(data) // 2
    plain = data.count(b"<row", half)
    if last <= 2 * plain + 10_000:
        return False
    plain += data.count(b"<row", 0, half + 3)  # (a tag starting before the half: counted once)
    return last > 2 * plain + 10_000 and last > 2 * plain + 2 * data.count(b":row") + 10_000


def look_at_sheet(data: bytes, book: str, sheet: str, path, readable: frozenset = CALAMINE_ERRORS) -> SheetLook:
    """Raise for what no Excel file holds (a cell past XFD1048576, a number that is NaN,
    a shared-string index that is not one); return the XML calamine should read instead
    when the sheet has stray far cells or error values calamine does not know (not in `readable`)."""
    out = SheetLook()
    suspicious = FAR_CELL(data) or _far_rows(data) or odd_values(data)
    unknown_errors = ERROR_CELL(data) and any(
        (v := _ERR_VALUE.search(m.group(2))) and v.group(2).strip() not in readable
        for m in _ERROR_CELL.finditer(data))
    if not suspicious and not unknown_errors:
        return out
    if unknown_errors:  # shown as their own error value by the error scan; calamine gets #N/A
        def known(m: re.Match) -> bytes:
            v = _ERR_VALUE.search(m.group(2))
            if v is None or v.group(2).strip() in readable:
                return m.group(0)
            a, b = m.start(2) - m.start(0), m.end(2) - m.start(0)
            return m.group(0)[:a] + _ERR_VALUE.sub(rb"\1#N/A\3", m.group(2), count=1) + m.group(0)[b:]

        data = _ERROR_CELL.sub(known, data)
        out.xml = data
    if not suspicious:
        return out
    for m in _ROW_TAG.finditer(data):  # a row past the last (its cells may carry no reference)
        if len(m.group(1)) > 7 or int(m.group(1)) > MAX_ROWS:
            raise repair_in_excel(path, f"工作表“{sheet}”有第 {m.group(1)[:15].decode()} 行，超出 Excel 的范围（最多 1048576 行）",
                                  f"sheet '{sheet}' has a row {m.group(1)[:15].decode()} beyond Excel's last row 1048576")
    cells: list[tuple[int, int, int, int]] = []  # (row, col, start, end) of cells holding a value
    for m in _ANY_CELL.finditer(data):
        attrs, inner = m.group(1), m.group(2) or b""
        r = _R.search(attrs)
        if r is None:
            continue  # a cell without a reference follows the one before it: no further than its row
        col, row = col_number(r.group(1)), int(r.group(2)) if len(r.group(2)) < 12 else MAX_ROWS + 1
        ref = r.group(1)[:10].decode() + r.group(2)[:12].decode()
        if col > MAX_COLS or row > MAX_ROWS or row < 1:
            raise repair_in_excel(path, f"工作表“{sheet}”的单元格 {ref} 超出 Excel 的范围（最大 XFD1048576）",
                                  f"sheet '{sheet}' has a cell {ref} beyond Excel's last cell XFD1048576")
        if not _HAS_VALUE.search(inner):
            continue  # formatting only: calamine does not hold it
        t = _T.search(attrs)
        v = _V.search(inner)
        kind = t.group(1) if t else b"n"
        text = v.group(1).strip() if v else b""
        if kind == b"s" and v is not None and not (text.isdigit() and len(text) <= 9):
            raise repair_in_excel(path, f"工作表“{sheet}”的单元格 {ref} 指向不存在的共享文本（{text[:20].decode('ascii', 'replace')}）",
                                  f"sheet '{sheet}' cell {ref} points at a shared string that does not exist "
                                  f"({text[:20].decode('ascii', 'replace')})")
        if kind == b"n" and v is not None and text.lower().lstrip(b"+-") in (b"nan", b"inf", b"infinity"):
            raise repair_in_excel(path, f"工作表“{sheet}”的单元格 {ref} 的数值是 {text.decode()}，不是一个数",
                                  f"sheet '{sheet}' cell {ref} holds {text.decode()}, which is not a number")
        cells.append((row, col, m.start(), m.end()))
    if not cells:
        return out
    keep_rows, keep_cols = _block(sorted({c[0] for c in cells}), ROW_GAP), _block(sorted({c[1] for c in cells}), COL_GAP)
    strays = [c for c in cells if c[0] > keep_rows or c[1] > keep_cols]
    if keep_rows * keep_cols > max(20 * len(cells), AREA_CAP):  # values spread thinly over a vast area
        raise _refuse(
            f"工作表“{sheet}”的 {len(cells)} 个有内容的单元格散布在 A1:{col_letter(keep_cols - 1)}{keep_rows} 这么大的范围里，"
            "shopbook 不读取它（会占用几十 GB 内存）。请删除表格外多余的行和列，再运行。",
            f"Sheet '{sheet}' spreads {len(cells)} cells with values over A1:{col_letter(keep_cols - 1)}{keep_rows}: "
            "shopbook does not read it (it would take tens of GB of memory). Delete the stray rows and columns "
            "outside the table and run again.", path)
    if strays:
        for row, col, _, _ in strays[:20]:
            ref = f"{col_letter(col - 1)}{row}"
            out.warnings.append(Issue(
                "warning",
                f"单元格 {ref} 有内容，但离表格很远（表格到 {col_letter(keep_cols - 1)}{keep_rows} 为止）：shopbook 不读它。"
                "若是误填，请删除它（整行/整列删除）。",
                f"Cell {ref} holds a value far away from the table (which ends at {col_letter(keep_cols - 1)}"
                f"{keep_rows}): shopbook does not read it. If it is a slip, delete it (delete the row or column).",
                book=book, sheet=sheet, cell=ref))
        if len(strays) > 20:
            out.warnings.append(Issue("warning", f"另有 {len(strays) - 20} 个这样远离表格的单元格。",
                                      f"{len(strays) - 20} more such cells far away from the table.",
                                      book=book, sheet=sheet))
        pieces, pos = [], 0
        for _, _, start, end in sorted((c for c in strays), key=lambda c: c[2]):
            pieces.append(data[pos:start])
            pos = end
        pieces.append(data[pos:])
        data = b"".join(pieces)
        out.xml = re.sub(rb'(<(?:\w+:)?dimension\b[^>]*\bref=")[^"]*"',
                         lambda mm: mm.group(1) + f"A1:{col_letter(keep_cols - 1)}{keep_rows}".encode() + b'"',
                         data, count=1)
    return out


def _block(used: list[int], gap: int) -> int:
    """The last of `used` (ascending) before the first gap wider than `gap`."""
    last = used[0]
    for n in used[1:]:
        if n - last > gap:
            break
        last = n
    return last


EMPTY_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')


def package_with(z: zipfile.ZipFile, replaced: dict[str, bytes]) -> io.BytesIO:
    """The package's XML parts (what calamine reads) with some replaced, in memory:
    only for a sheet with stray far cells or unknown error values."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        for info in z.infolist():
            if info.filename in replaced:
                out.writestr(info.filename, replaced[info.filename])
            elif info.filename.endswith((".xml", ".rels")):
                out.writestr(info.filename, z.read(info))
    buf.seek(0)
    return buf


def far_reach(data: bytes) -> bool:
    """Whether a sheet's XML has a cell or row far out (stray formatting or a stray value
    at XFD1048576): a reader that holds the area up to it (calamine, openpyxl) must not get
    it as it is."""
    return FAR_CELL(data) or _far_rows(data)


def odd_values(data: bytes) -> bool:
    """Whether a sheet may hold a NaN/INF number or a shared-string index that is not one
    (look_at_sheet then says where). Searched beside calamine's parse: these do not make
    calamine hold more memory, they make it read a wrong value, which is then discarded."""
    return NOT_A_NUMBER(data) or BAD_SST(data)


# --- text XML cannot hold --------------------------------------------------------------------

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")


def xml_safe(text: str) -> str:
    """Text as an .xlsx cell can hold it: characters XML 1.0 forbids removed, and a literal
    `_xHHHH_` (which Excel would read as an escaped character) kept literal as `_x005F_xHHHH_`."""
    if not text.isprintable():
        text = _NOT_XML.sub("", text)
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return text


def not_xml(text: str) -> list[str]:
    """The characters of `text` an .xlsx cannot hold, as U+XXXX (empty for nearly all text)."""
    if text.isprintable():
        return []
    return sorted({f"U+{ord(ch):04X}" for ch in _NOT_XML.findall(text)})


def may_hold_not_xml(data: bytes) -> bool:
    """Whether a part's XML may carry text an .xlsx cannot hold once read: control characters
    come escaped (_x000B_), U+FFFE/U+FFFF escaped or raw. One byte search each."""
    # each led by a search for its first byte alone (memchr: ten times as fast as a search for
    # two bytes), which settles it for a sheet without "_" or without U+F000–U+FFFF
    if b"_" in data and b"_x" in data and (b"_x00" in data or b"_xFFF" in data or b"_xfff" in data):
        return True
    return b"\xef" in data and b"\xef\xbf" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data)


def not_xml_warnings(rows: list[list], book: str, sheet: str) -> list[Issue]:
    """A warning on each cell whose text holds characters an .xlsx cannot hold: they are
    removed wherever shopbook writes that text (a pick list, a report, an agent's sheet)."""
    out = []
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if v.__class__ is str and not v.isprintable() and (bad := not_xml(v)):
                out.append(Issue(
                    "warning",
                    f"文字里有 Excel 文件不能保存的控制字符（{'、'.join(bad)}）：shopbook 写出这段文字时会去掉它们。请在这里删掉。",
                    f"The text holds control characters an Excel file cannot hold ({', '.join(bad)}): shopbook "
                    "removes them wherever it writes this text. Delete them here.",
                    book=book, sheet=sheet, cell=f"{col_letter(c)}{r}", value=repr(v)[1:-1][:60], row=r))
    return out


def is_not_xml_warning(issue: Issue) -> bool:
    """Whether `issue` is the reader's warning about text an .xlsx cannot hold (not_xml_warnings)."""
    return issue.message_en.startswith("The text holds control characters an Excel file cannot hold")


def not_xml_read(*sheets) -> list[Issue]:
    """The reader's warnings about text an .xlsx cannot hold in the given sheets (io.reader
    SheetData): a writer that writes their text says so, one warning per value, located."""
    return [i for sd in sheets if sd is not None for i in sd.issues if is_not_xml_warning(i)]


# how a writer's warnings reach a person when its result has no place for them (text written
# without the characters an .xlsx cannot hold in a count sheet or price sheets; rows appended below
# a person's totals row): the CLI prints them, as it prints an import's
on_writer_says = None  # Callable[[list[Issue]], None]
# …and a script's: its job's result holds them (io.journal.run_job), each thread's job its own
_kept_for = threading.local()


def writer_says(issues: list[Issue]) -> list[Issue]:
    if issues and on_writer_says is not None:
        on_writer_says(issues)
    elif issues and (kept := getattr(_kept_for, "job", None)) is not None:
        kept.extend(i for i in issues if i not in kept)  # (once: a job read again and redone says it again)
    return issues


@contextmanager
def kept_for_the_result():
    """Within it (a job a script called: no command line or button there to say them), the writers'
    warnings are kept in the list it gives, for the job's result."""
    outer = getattr(_kept_for, "job", None)
    if outer is not None:
        yield outer
        return
    _kept_for.job = kept = []
    try:
        yield kept
    finally:
        _kept_for.job = None


def cut_to_cell(text: str) -> str:
    """`text` as much of it as an Excel cell holds (CELL_CHARS UTF-16 units, a pair never split)."""
    if len(text) <= CELL_CHARS // 2 or len(units := text.encode("utf-16-le")) <= 2 * CELL_CHARS:
        return text
    end = 2 * CELL_CHARS
    if 0xD800 <= int.from_bytes(units[end - 2:end], "little") <= 0xDBFF:  # a pair's first half: not kept alone
        end -= 2
    return units[:end].decode("utf-16-le")


def not_xml_in_records(records, book: str = "", cells=None, lang: str = "zh") -> list[Issue]:
    """A warning for each text field of incoming records (a buyer name, a message from a
    platform export) holding characters an .xlsx cannot hold: they are removed as the
    record is written, and said so here, before the write; and for each text longer than an
    Excel cell holds, cut to that here (the record is new, the import's own), so that Excel
    opens the workbook without repairing it. `cells`: where each record came from (a
    statement's line), when it is not a sheet's row; the column is named as the shop's (`lang`)
    sheet heads it."""
    out = []
    for k, rec in enumerate(records):
        for name, v in rec.__dict__.items():
            # (a month's 700k texts: one test each that most pass, inline)
            if v.__class__ is not str or (v.isprintable() and len(v) <= CELL_CHARS // 2):
                continue
            bad = not_xml(v) if not v.isprintable() else None
            long = len(v) > CELL_CHARS // 2 and (cut := cut_to_cell(v)) != v
            if not (bad or long):
                continue
            who = getattr(rec, "order_no", "") or ""
            try:
                col = type(rec).column(name)
                zh, en = col.header("zh"), col.header("en")
            except Exception:  # noqa: BLE001 - a record of no sheet model: its field name
                zh = en = name
            where = {"book": book, "column": en if lang == "en" else zh, "cell": cells[k] if cells is not None else "",
                     "value": repr(v)[1:-1][:60], "field": name}
            if bad:
                out.append(Issue("warning", f"{who} 的“{zh}”里有 Excel 文件不能保存的字符（{'、'.join(bad)}），写入时去掉。",
                                 f"{who}: '{en}' holds characters an Excel file cannot hold ({', '.join(bad)}); "
                                 "they are removed as it is written.", **where))
            if long:
                rec.__dict__[name] = cut
                out.append(Issue("warning", f"{who} 的“{zh}”有 {len(v):,} 个字，Excel 一格最多放 {CELL_CHARS:,} 个："
                                            f"只写入前 {len(cut):,} 个，其余见原文件。",
                                 f"{who}: '{en}' is {len(v):,} characters long, more than an Excel cell holds "
                                 f"({CELL_CHARS:,}): only the first {len(cut):,} are written; the rest is in the "
                                 "original file.", **where))
    return out
