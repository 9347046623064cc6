"""A big sheet's read begun as the command starts, before the rest of shopbook is imported.

`daily`, `validate` and the order jobs read orders.xlsx whole, and its sheet of a year's orders
is the longest single step of each: fastexcel's parse, a second. It used to begin once the
command had imported pydantic's models, pyarrow and its own steps, and reached the read. `begin`
starts on a thread of its own, as the command starts, the half of io/arrow_read's read that needs
no schema: the sheet's XML unpacked and looked at (io/sheet_xml), its first rows, and fastexcel's
parse, which lets go of the GIL. The command imports the rest meanwhile, on the other core.

The read then `take`s what was done, when it is of the very file the read opened (the same size
and time, before and after) and of the header row the read finds (the thread guesses the first
row that holds anything); otherwise it does it all itself, as before. What it takes is what it
would have computed: the same functions, on the same bytes, with the same arguments.

The thread imports nothing: everything it calls is imported before it starts, except pyarrow,
which the command imports while the thread unpacks the sheet; the thread waits for it before it
searches the XML (pyarrow's RE2 lets go of the GIL, where Python's re would hold up the command's
imports: io.limits.re2_search) and makes the Arrow columns. Two threads importing one package at
once can meet it half-initialized (openpyxl did, in session 21), and a fork made while a thread
holds an import's lock (the copy that draws daily's charts, validate's second process) would leave
the child stuck on it.
"""

from __future__ import annotations

import codecs
import logging
import os
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

from . import cache, limits
from .background import CAN_THREAD, beside
from .files import ZIP_MAGIC, check_workbook, version
from .lists import literal_lists
from .sheet_xml import head_xml, merged_ranges, scans_with_escapes, sheet_parts

fastexcel = None  # imported by begin() once there is something to begin (python-calamine too): a
# command that finds its answer in the cache or its run record never loads them

# fastexcel says "falling back to string" through logging for every blank column: not a user's business
logging.getLogger("fastexcel").setLevel(logging.ERROR)

# the parse's head start over the scans beside it (background.beside): a scan holds the GIL for
# 50 ms of a 70 MB sheet, and started first it would keep the parse from starting (a sheet under
# io.reader.ARROW_MIN_BYTES is scanned in less time than the head start: no wait there)
PARSE_HEAD_START = 0.003

# a sheet of less XML than this parses in a tenth of a second or less: not worth a thread
WORTH_BYTES = 8 << 20
ORDERS_FILE = "orders.xlsx"  # schema.ORDERS.filename (pydantic's models are not imported yet where begin is called)

# The thread reads before the command takes the shop's lock, while another person's job may be
# replacing the file. On POSIX a rename replaces a file that is open; on Windows a file Python has
# open cannot be replaced ("it may be open in Excel"), and the other job's write would fail: there
# nothing is begun early, and every read waits for the lock as before
RENAME_OVER_OPEN = os.name == "posix"

_ahead: dict[str, Ahead] = {}

# The sheet's XML the thread unpacked, kept for a command that then rewrites the workbook
# (begin(keep=True)): the patch of the same version takes it (kept_xml) instead of unpacking it
# again, 0.03 s of the morning's 14 MB sheet while the job's three processes share two cores. A
# sheet too big to hold whole while it is patched (limits.STREAM_BYTES) is not kept.
_kept: dict[str, tuple[tuple[int, int], str, bytes]] = {}  # path → (version, part, XML)


def arrow_read_on() -> bool:
    """SHOPBOOK_ARROW_READ=0 turns the Arrow read off (asked before io/arrow_read's imports)."""
    return os.environ.get("SHOPBOOK_ARROW_READ", "1") != "0"


def load(reader, name: str, first: int):
    """fastexcel's parse of sheet `name` from row `first` (0-based), as io/arrow_read reads it:
    one type per column, or no read. Arrow's columns are asked of what it returns."""
    return reader.load_sheet(name, header_row=None, skip_rows=first, schema_sample_rows=None,
                             dtype_coercion="strict")


def head_rows(z: zipfile.ZipFile, parts: dict[str, str], names: set[str], name: str, part: str,
              head: bytes) -> list[list]:
    """The rows of `head` (the sheet's XML cut after its first rows, io.sheet_xml.head_xml) as
    calamine reads them, from a copy of the package holding only them."""
    import python_calamine  # (imported already where the thread calls this: begin)

    blank = {p: limits.EMPTY_SHEET for p in parts.values() if p != part and p in names}
    wb = python_calamine.CalamineWorkbook.from_filelike(limits.package_with(z, {**blank, part: head}))
    try:
        return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    finally:
        wb.close()


class Ahead:
    """What the thread did for one workbook's biggest sheet. `ready` is set once the looks before
    the parse are done (then `rows` is set, or the read does everything itself), `done` once the
    parse is."""

    def __init__(self, path: Path, before: tuple[int, int]):
        self.path, self.before, self.pid = path, before, os.getpid()
        self.ready, self.done = threading.Event(), threading.Event()
        self.searchable = threading.Event()  # pyarrow imported: the searches of the XML let go of the GIL
        self.name = self.part = self.rows = self.scans = self.parsed = self.after = None
        self.checked = False  # the read's checks of the package passed here, on version `before` (checked())
        self.merges: list = []
        self.lists: tuple | None = None  # its typed drop-down lists (io.lists.literal_lists)
        self.size = self.first = 0
        self.dropped = False  # the read was served otherwise (forget): the parse is not begun
        self.then = None  # begin()'s: called by the thread with the parse (_then)
        self.keep = False  # begin()'s: the sheet's XML kept for the command's patch (kept_xml)

    def parse_from(self, first: int):
        """(Arrow columns, cells that did not fit) from row `first`, or None where fastexcel could
        not; MISSED when the thread did not parse from there or the file changed meanwhile."""
        if first != self.first:
            return MISSED
        if not self.done.wait(600) or self.parsed is MISSED or self.after != self.before:
            return MISSED
        return self.parsed


MISSED = object()


def begin(path: Path, then: Callable[[list, list], None] | None = None, keep: bool = False) -> bool:
    """Begin reading the biggest sheet of the workbook at `path` on a thread (see the module's
    note), unless the parsed-sheet cache is likely to serve the read: an entry of it written
    since the workbook was. Called where a command starts; costs nothing where it cannot help.
    `then(header, columns)` is called by the thread once its parse is done, with the header row's
    cells and the Arrow columns of the rows below it (column A first); it must import nothing.
    Whether a thread was begun."""
    if not CAN_THREAD or not RENAME_OVER_OPEN or not arrow_read_on():
        return False
    path = Path(path)
    try:
        st = path.stat()
    except (OSError, ValueError):  # (not there; a name with a NUL in it)
        return False
    key = _key(path)
    if key is None:
        return False
    if st.st_size < WORTH_BYTES // 16 or cache.written_since(path, st):
        return False
    was = _ahead.get(key)
    if was is not None and was.before == (st.st_size, st.st_mtime_ns):
        return False  # begun already for this very version (one not taken, of another, is dropped)
    if not _libraries():
        return False
    codecs.lookup("cp437")  # zipfile's names without the UTF-8 flag: its codec imported here, not on the thread
    a = _ahead[key] = Ahead(path, (st.st_size, st.st_mtime_ns))
    a.then, a.keep = then, keep
    threading.Thread(target=_work, args=(a,), name="shopbook-prefetch", daemon=True).start()
    from . import refuse_pandas_to_pyarrow

    refuse_pandas_to_pyarrow()
    try:  # while the thread unpacks the sheet
        import pyarrow  # noqa: F401 - the Arrow columns' (to_arrow_with_errors)
        from . import arrow_ops  # noqa: F401 - RE2's searches (io.limits.re2_search)
    except ImportError:
        pass
    finally:
        a.searchable.set()
    return True


def _libraries() -> bool:
    """fastexcel and python-calamine imported, here, before the thread starts."""
    global fastexcel
    if fastexcel is None:
        try:
            import fastexcel as fx
            import python_calamine  # noqa: F401 - the header's rows (head_rows)
        except ImportError:  # Pyodide, or a bare install: nothing to begin early
            return False
        fastexcel = fx
    return True


def begin_in(path: Path, then: Callable[[list, list], None] | None = None, keep: bool = False) -> bool:
    """begin() on the orders.xlsx of the shop folder `path`, or on the workbook `path`."""
    path = Path(path)
    try:
        folder = path.is_dir()
    except (OSError, ValueError):
        return False
    return begin(path / ORDERS_FILE if folder else path, then, keep)


def take(raw, part: str) -> Ahead | None:
    """What was begun for this part of the open io.reader.RawBook `raw`, once; None where the read
    must do it all (nothing begun, another file or version, the looks failed)."""
    if getattr(raw, "_data", None) is not None:
        return None
    a = _pop(raw.path)
    if not _looked(a):
        return None
    if a.rows is None or a.part != part or a.before != raw._before:
        return None
    return a


def checked(path: Path, now: tuple[int, int] | None) -> bool:
    """Whether the thread begun for the workbook at `path` ran the read's checks of its package
    (io.files.check_workbook) on its version `now`, the read's: then the read does not run them
    again (their testzip unpacks every part: 0.1–0.2 s of the morning's orders.xlsx). What the
    checks refuse is refused by the read, which runs them itself."""
    a = _ahead.get(_key(path)) if _ahead else None
    return _looked(a) and a.checked and a.before == now


def kept_xml(path: Path, part: str) -> bytes | None:
    """The XML of `part` the thread unpacked from the workbook at `path`, when it is of the version
    there now; once (what was kept for the file goes either way)."""
    was = _kept.pop(_key(path), None) if _kept else None
    if was is None or was[1] != part or was[0] != version(path):
        return None
    return was[2]


def peek_xml(path: Path, part: str) -> bytes | None:
    """kept_xml's XML, left kept for the patch that follows (a look for a person's formula before it)."""
    was = _kept.get(_key(path)) if _kept else None
    return was[2] if was is not None and was[1] == part and was[0] == version(path) else None


def forget(path: Path) -> None:
    """What was begun for the workbook at `path` dropped, its parse not begun if it has not been:
    the read was served otherwise (the parsed-sheet cache had this very content, under a newer time)."""
    a = _pop(path)
    if a is not None:
        a.dropped = True


def _pop(path: Path) -> Ahead | None:
    return _ahead.pop(_key(path), None) if _ahead else None


def _key(path: Path) -> str | None:
    try:
        return str(Path(path).resolve())
    except (OSError, ValueError):  # (a name with a NUL in it)
        return None


def _looked(a: Ahead | None) -> bool:
    """Whether `a` is this process's (a forked child has the entry but not the thread: it reads for
    itself) and its looks before the parse are done (waited for)."""
    return a is not None and a.pid == os.getpid() and a.ready.wait(60)


def _work(a: Ahead) -> None:
    try:
        limits.check_regular(a.path)  # (a FIFO would hang the open below)
        with open(a.path, "rb") as f:
            if f.read(4) != ZIP_MAGIC:  # (the checks of anything else may import what tells it apart)
                return
        check_workbook(a.path)  # what the read refuses is never parsed here (a count that allocates 4e9)
        a.checked = version(a.path) == a.before  # (the version begin saw, still there after the checks)
        with zipfile.ZipFile(a.path) as z:
            parts, names = sheet_parts(z), set(z.namelist())
            size, a.name, a.part = max((z.getinfo(p).file_size, n, p) for n, p in parts.items() if p in names)
            if size < WORTH_BYTES or z.getinfo(a.part).compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                return  # (zipfile would import bz2 or lzma for the others: nothing is imported here)
            data = limits.read_member(z, a.part, a.path)
            a.size = len(data)
            if a.keep and a.size < limits.STREAM_BYTES:
                _kept[_key(a.path)] = (a.before, a.part, data)
            a.searchable.wait(30)
            if limits.far_reach(data):  # the read decides what to do with it
                return
            head = head_xml(data)
            if head is None:
                return
            rows = head_rows(z, parts, names, a.name, a.part, head)
        # the header's row, as a guess: the first that holds anything (the read checks it)
        a.first = next((k for k, r in enumerate(rows) if any(v not in (None, "") for v in r)), 0) + 1
        a.merges = merged_ranges(data)
        a.lists = literal_lists(data)  # (a search from its end: microseconds)
        a.scans = beside(scans_with_escapes, data, head_start=PARSE_HEAD_START)
        a.rows = rows
        del data, head
        a.ready.set()
        if a.dropped:
            return
        try:
            a.parsed = load(fastexcel.read_excel(str(a.path)), a.name, a.first).to_arrow_with_errors()
        except BaseException:  # anything fastexcel says, a panic too: as io/arrow_read's own parse
            a.parsed = None
        a.after = version(a.path)
    except BaseException:  # noqa: BLE001 - nothing begun: the read does it all, and says what is wrong
        if a.ready.is_set():
            a.parsed = MISSED
        else:
            a.rows = None
    finally:
        a.ready.set()
        a.done.set()
    _then(a)


def _then(a: Ahead) -> None:
    """begin()'s `then` called with the parse, when there is one of the version begun, and the
    columns are the sheet's from column A (fastexcel's start at the first column used)."""
    if a.then is None or a.parsed in (None, MISSED) or a.after != a.before or not a.rows:
        return
    if not any(r and r[0] not in (None, "") for r in a.rows):
        return
    try:
        a.then(a.rows[a.first - 1], a.parsed[0].columns)
    except BaseException:  # noqa: BLE001 - a head start only: the command does the work itself
        pass
