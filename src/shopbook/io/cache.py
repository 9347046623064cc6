"""The parsed-sheet cache: typed sheets kept beside the shop in `.shopbook-cache/`, so an
unchanged workbook is not parsed again by the next run.

Never a source of truth: an entry is used only when the workbook's content is the one it
was made from (the size as the quick check, the SHA-256 of the file as the proof, the same
hash the lost-update check keeps), only when it was written by this very reader (a hash of
the reader's and the schema's source) and only when it reads back whole (a CRC of every
part). Anything else is a miss: the workbook is read as if there were no cache, and the
entry is written anew. An entry is written only after a read that passed every check of
the reader (io/limits, RawBook), so a hit serves only a content that passed them.

Arrow IPC only, never pickle: the folder may be shared, and loading a pickle someone else
wrote runs their code; an Arrow file is data. Each entry is written to a temp file and
renamed into place, so two runs racing leave one whole entry or the other. The folder can
be deleted at any time. `--no-cache`, SHOPBOOK_NO_CACHE=1 or `[cache] enabled = false` in
shopbook.toml turn it off.

On the command line (Linux) the entries of `validate` and of the jobs are written after the
command's result is out, by a forked process of their own that the person does not wait for
(io/at_exit.write_cache): encoding a year's orders is ~0.4 s. Until it is done the next run simply
finds no entry and reads the workbook, as without a cache. Elsewhere (a library call, an Excel
button, Windows, SHOPBOOK_APART=0) they are written before the call returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from decimal import Decimal
from itertools import accumulate, repeat
from operator import attrgetter, itemgetter
from pathlib import Path

from .. import __version__
from ..issues import Issue

CACHE_DIR = ".shopbook-cache"
FORMAT = 1
# smaller workbooks are read directly: they parse in less time than pyarrow takes to import
# (with the pandas it loads, ~0.3 s once per run), so a cache would only slow them
MIN_BYTES = 1 << 20

# off for the whole process: the --no-cache option (and SHOPBOOK_NO_CACHE=1)
disabled = os.environ.get("SHOPBOOK_NO_CACHE", "") not in ("", "0")
_by_folder: dict[str, bool] = {}  # shop folder → its shopbook.toml's [cache] enabled
_code: str | None = None

# what a hit and a miss did in this process (the tests and the benchmark look)
stats = {"hits": 0, "misses": 0, "writes": 0, "bad": 0}


def prepare() -> None:
    """pyarrow imported beside the cold read that is about to start (calamine lets go of the
    GIL while it parses), ready for the entry written after it."""
    global _importing
    if _importing is None and "pyarrow.ipc" not in sys.modules:
        from .background import beside

        _importing = beside(_pa)


_importing = None


def _pa():
    from . import refuse_pandas_to_pyarrow

    refuse_pandas_to_pyarrow()
    try:
        import pyarrow as pa
        import pyarrow.ipc  # noqa: F401
    except ImportError:  # xlwings Lite (Pyodide) without pyarrow: no cache, same results
        return None
    return pa


def wanted(path: Path, st: os.stat_result) -> bool:
    """Whether the cache is used for this workbook (on, and the workbook big enough to gain)."""
    return st.st_size >= MIN_BYTES and enabled(path)


def enabled(path: Path) -> bool:
    if disabled:
        return False
    folder = str(Path(path).parent)
    if folder not in _by_folder:
        on = True
        try:
            from ..config import CONFIG_NAME, load_config

            if (Path(folder) / CONFIG_NAME).exists():
                on = load_config(Path(folder)).cache.enabled
        except Exception:  # noqa: BLE001 - a wrong shopbook.toml is the command's to report, not the cache's
            on = False
        _by_folder[folder] = on
    return _by_folder[folder]


def code_version() -> str:
    """What made an entry: the format, shopbook's version and the source of the modules that
    decide what a read gives (a change to a parser or a column makes every entry a miss)."""
    global _code
    if _code is None:
        root = Path(__file__).resolve().parents[1]
        h = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
        files = [root / "values.py", root / "issues.py", root / "io" / "reader.py", root / "io" / "arrow_read.py", root / "io" / "limits.py",
                 root / "io" / "sheet_xml.py", root / "io" / "prefetch.py",
                 root / "io" / "cache.py", *sorted((root / "schema").glob("*.py"))]
        for f in files:
            try:
                h.update(f.name.encode() + f.read_bytes())
            except OSError:
                h.update(f.name.encode())
        _code = h.hexdigest()[:32]
    return _code


def content_hash(path: Path, st: os.stat_result) -> str:
    """The workbook's SHA-256: the one the lost-update check took as this version was read
    (io.files), when it still describes the file; otherwise computed here."""
    from . import files

    fp = files._seen.get(os.path.realpath(path))
    if fp is not None and fp.size == st.st_size and fp.mtime_ns == st.st_mtime_ns:
        return fp.sha256
    return files.hash_of(path, st)


def written_since(path: Path, st: os.stat_result) -> bool:
    """Whether an entry of the workbook at `path` was written since the workbook was (`st`): the
    quick look a command takes before it begins a read early (io/prefetch), a likely hit and no
    proof (that is load's, by the content's hash). Never where the cache is off: no entry serves then."""
    if disabled:
        return False
    try:
        return any(e.name.startswith(Path(path).name + ".") and e.stat().st_mtime_ns >= st.st_mtime_ns
                   for e in os.scandir(Path(path).parent / CACHE_DIR))
    except OSError:
        return False


def entry_path(path: Path, spec_key: str, models) -> Path:
    which = "all" if models is None else hashlib.sha256(
        ",".join(m.__name__ for m in models).encode()).hexdigest()[:12]
    return Path(path).parent / CACHE_DIR / f"{Path(path).name}.{spec_key}.{which}.arrow"


# --- values to columns and back -----------------------------------------------------------

def _column(values: list, choice):
    """(Arrow array, tag) for one field's values, or None when the values are not all of one
    kind the cache keeps exactly (then the workbook is not cached)."""
    pa = _pa()
    kinds = set(map(type, values))
    blanks = type(None) in kinds
    kinds.discard(type(None))
    if not kinds:
        return pa.nulls(len(values)), "none"
    if len(kinds) > 1:
        return None
    k = kinds.pop()
    if k is str:
        return pa.array(values, pa.string()), "str"
    if k is bool:
        return pa.array(values, pa.bool_()), "bool"
    if k is int:
        try:
            return pa.array(values, pa.int64()), "int"
        except (OverflowError, pa.ArrowInvalid):
            return None
    if k is Decimal:  # as text: exact, and with its exponent (1.50 stays 1.50)
        text = [None if v is None else str(v) for v in values] if blanks else list(map(str, values))
        return pa.array(text, pa.string()), "decimal"
    if k is dt.datetime:
        if set(map(attrgetter("tzinfo"), filter(None, values) if blanks else values)) != {None}:
            return None
        return pa.array(values, pa.timestamp("us")), "datetime"
    if k is dt.date:
        return pa.array(values, pa.date32()), "date"
    if k is float:
        return pa.array(values, pa.float64()), "float"
    if choice is not None and k is choice:
        value_of = {m: m.value for m in choice}
        return pa.array([value_of.get(v) for v in values], pa.string()), "enum"
    return None


_SAMPLE = 2048  # the first values of a column, looked at to see whether its values repeat


def shared_pylist(arr) -> list:
    """arr.to_pylist() (an Arrow string or binary column), with each distinct value one object
    when the values repeat (a SKU, a status over 100k rows: the same values in a fraction of the
    memory, and made faster). Whether they repeat is judged on the first values: that decides
    only how the same list is made."""
    if len(arr) < 2 * _SAMPLE:
        return arr.to_pylist()
    if hasattr(arr, "combine_chunks"):  # a ChunkedArray: one dictionary for all of it
        arr = arr.combine_chunks()
    from . import arrow_ops as ops

    if ops.count_distinct(arr.slice(0, _SAMPLE)).as_py() * 4 > _SAMPLE:
        return arr.to_pylist()
    enc = ops.dictionary_encode(arr)
    vals, idx = enc.dictionary.to_pylist(), enc.indices
    if idx.null_count:
        vals.append(None)
        idx = ops.fill_null(idx, len(vals) - 1)
    return list(map(vals.__getitem__, idx.to_pylist()))


def shared_objects(a) -> list:
    """a.astype(object).tolist() of a numpy datetime64 array (dates or datetimes, NaT → None),
    each distinct value made once when they repeat (a ship date over a year's order lines)."""
    if len(a) >= 2 * _SAMPLE and a.dtype.kind == "M":
        import numpy as np

        ints = a.view("i8")
        # (the sample's distinct values counted as a set: np.unique without return_inverse asks
        # np.ma, whose import is 7 ms of the morning job's reads)
        if len(set(ints[:_SAMPLE].tolist())) * 4 <= _SAMPLE:
            uniq, inverse = np.unique(ints, return_inverse=True)
            objs = uniq.view(a.dtype).astype(object).tolist()
            return list(map(objs.__getitem__, inverse.ravel().tolist()))
    return a.astype(object).tolist()


def _values(arr, tag: str, choice) -> list:
    if tag == "none":  # a column with no value at all (most of a sheet's optional ones): no scalar per row
        return [None] * len(arr)
    if tag in ("date", "datetime"):  # through numpy: 15x faster than to_pylist (NaT → None)
        return shared_objects(arr.to_numpy(zero_copy_only=False))
    if tag == "str":
        return shared_pylist(arr)
    vals = arr.to_pylist()
    if tag == "decimal":  # few distinct amounts (prices, fees): each parsed once, shared (immutable)
        memo = {None: None}
        return [memo[v] if v in memo else memo.setdefault(v, Decimal(v)) for v in vals]
    if tag == "enum":
        table = choice._value2member_map_
        return [None if v is None else table[v] for v in vals]
    return vals


_ISSUE_TEXT = ("severity", "message_zh", "message_en", "book", "sheet", "cell", "column", "value")


def _issue_table(pa, issues: list[Issue]):
    cols = {k: pa.array([getattr(i, k) for i in issues], pa.string()) for k in _ISSUE_TEXT}
    cols["row"] = pa.array([i.row for i in issues], pa.int64())
    cols["field"] = pa.array([i.field for i in issues], pa.string())
    return pa.table(cols)


def _issues_from(table) -> list[Issue]:
    cols = [table.column(k).to_pylist() for k in (*_ISSUE_TEXT, "row", "field")]
    return [Issue(*vals) for vals in zip(*cols)]


def _records_table(pa, records: list, fields: list[str], model):
    """(table, tags) of the read fields and the row numbers; None when a field cannot be kept."""
    dicts = list(map(attrgetter("__dict__"), records))
    cols, tags = {}, {}
    choices = {c.name: c.choice for c in model.columns()}
    for name in fields:  # a C pass per field (twice as fast as a tuple per record), one list at a time
        got = _column(list(map(itemgetter(name), dicts)), choices.get(name))
        if got is None:
            return None
        cols[name], tags[name] = got
    rows = _column(list(map(itemgetter("row"), dicts)), None)
    if rows is None or rows[1] not in ("int", "none"):
        return None
    cols["\x00row"] = rows[0]
    return pa.table(cols), tags


# --- an entry --------------------------------------------------------------------------------

def _ipc(pa, table, file: bool = False):
    """`table` as an Arrow IPC stream (or file), in a buffer of its very size: its size is
    measured by a first pass that writes nothing, so that the bytes are neither grown into
    (each doubling a copy) nor copied out (a year's orders: 16 MB, three times, on the peak)."""
    new = pa.ipc.new_file if file else pa.ipc.new_stream
    mock = pa.MockOutputStream()
    with new(mock, table.schema) as w:
        w.write_table(table)
    buf = pa.allocate_buffer(mock.size())
    with new(pa.FixedSizeBufferWriter(buf), table.schema) as w:
        w.write_table(table)
    return buf


def _encode(wd, source: dict):
    """The whole WorkbookData as one Arrow IPC file: one row per part (a sheet's records, its
    unreadable rows, issues, notes; the workbook's own issues), each part an Arrow stream. An
    Arrow buffer (written to a file as bytes are), or None when the records cannot be kept."""
    pa = _pa()
    parts: list[tuple[str, str, bytes]] = []
    sheets = []
    for model, sd in wd.sheets.items():
        if sd.parts:  # a sheet a year read as one (io.reader._joined): each sheet kept as read, joined again
            metas = [_sheet_entry(pa, model, p, f"{model.__name__}#{k}", parts) for k, p in enumerate(sd.parts)]
            if None in metas:
                return None
            sheets.append({"model": model.__name__, "parts": metas, "dates": [list(d) for d in sd.dates],
                           "first": sd.first})
        elif (meta := _sheet_entry(pa, model, sd, model.__name__, parts)) is not None:
            # last year's sheet beside it, left unread (reader._join_years_beside): what money booking checks
            apart = [_sheet_entry(pa, model, p, f"{model.__name__}~{k}", parts) for k, p in enumerate(sd.kept_apart)]
            if None in apart:
                return None
            sheets.append({**meta, "kept_apart": apart} if apart else meta)
        else:
            return None
    parts.append(("book", "", _ipc(pa, _issue_table(pa, wd.issues))))
    meta = {"format": FORMAT, "code": code_version(), "source": source, "spec": wd.spec.key, "sheets": sheets,
            "crc": [zlib.crc32(b) for _, _, b in parts]}
    kinds, names = [p[0] for p in parts], [p[1] for p in parts]
    # the parts one after the other in a buffer of their very size, as Arrow lays out a binary
    # column (pa.array would grow its own, doubling: 32 MB more on the peak for a year's orders)
    sizes = [len(p[2]) for p in parts]
    data = pa.allocate_buffer(sum(sizes))
    w = pa.FixedSizeBufferWriter(data)
    for _, _, b in parts:
        w.write(b)
    w.close()
    del parts[:], b  # each part's bytes are in `data` now
    offsets = pa.array([0, *accumulate(sizes)], pa.int64()).buffers()[1]
    blobs = pa.LargeBinaryArray.from_buffers(pa.large_binary(), len(sizes), [None, offsets, data])
    outer = pa.table({"part": kinds, "model": names, "data": blobs},
                     metadata={"shopbook": json.dumps(meta, ensure_ascii=False)})
    del blobs, data
    return _ipc(pa, outer, file=True)


def _sheet_entry(pa, model, sd, key: str, parts: list) -> dict | None:
    """One sheet's read as `_encode` keeps it: its layout (returned) and its parts, named `key`,
    added to `parts`; None when its records cannot be kept."""
    fields = list(sd.columns)
    got = _records_table(pa, sd.records, fields, model)
    bad = _records_table(pa, sd.unreadable, fields, model)
    if got is None or bad is None:
        return None
    (rec, tags), (unr, utags) = got, bad  # each with its own tags: a column blank in one may not be in the other
    parts += [("records", key, _ipc(pa, rec)), ("unreadable", key, _ipc(pa, unr)),
              ("issues", key, _ipc(pa, _issue_table(pa, sd.issues))),
              ("notes", key, _ipc(pa, _issue_table(pa, sd.notes)))]
    return {"model": model.__name__, "sheet": sd.sheet, "header_row": sd.header_row,
            "columns": sd.columns, "headers": sd.headers, "present": sd.present, "width": sd.width,
            "tags": tags, "utags": utags, "typed_as": [[*k, *t] for k, t in sd.typed_as.items()],
            "formulas": sd.formulas, "ahead": sd.ahead, "unread": list(sd.unread), "lists": sd.lists}


def _decode(data: bytes, path: Path, spec, models, size: int, sha: str):
    """The WorkbookData an entry holds, or None when it is not one for this content, this
    reader and these sheets, or does not read back whole."""
    from .reader import WorkbookData, _joined

    pa = _pa()
    outer = pa.ipc.open_file(pa.py_buffer(data)).read_all()
    meta = json.loads(outer.schema.metadata[b"shopbook"])
    src = meta["source"]
    if (meta["format"] != FORMAT or meta["code"] != code_version() or meta["spec"] != spec.key
            or src["size"] != size or src["sha256"] != sha):
        return None
    kinds, names, blobs = (outer.column(k).to_pylist() for k in ("part", "model", "data"))
    if len(blobs) != len(meta["crc"]) or any(zlib.crc32(b) != c for b, c in zip(blobs, meta["crc"])):
        return None
    parts = {(k, n): pa.ipc.open_stream(pa.py_buffer(b)).read_all() for k, n, b in zip(kinds, names, blobs)}
    by_name = {m.__name__: m for m in spec.sheets}
    wanted = spec.sheets if models is None else models
    if [s["model"] for s in meta["sheets"]] != [m.__name__ for m in wanted if m.__name__ in by_name]:
        return None
    out = {}
    for s in meta["sheets"]:
        model = by_name[s["model"]]
        if "parts" not in s:
            sd = out[model] = _sheet_from(s, model.__name__, model, parts, path)
            sd.kept_apart = tuple(_sheet_from(p, f"{model.__name__}~{k}", model, parts, path)
                                  for k, p in enumerate(s.get("kept_apart", ())))
            continue
        # a sheet a year: each sheet as read, joined as the read joined them (io.reader._joined)
        each = [_sheet_from(p, f"{model.__name__}#{k}", model, parts, path) for k, p in enumerate(s["parts"])]
        own = each[s["first"]]
        own.years = tuple(zip((tuple(d) for d in s["dates"]), each))
        out[model] = _joined(own)
    return WorkbookData(path, spec, out, _issues_from(parts[("book", "")]))


def _sheet_from(s: dict, key: str, model, parts: dict, path: Path):
    """The SheetData of one sheet's layout `s`, its parts named `key`, as _sheet_entry kept it."""
    from .reader import SheetData

    sd = SheetData(book=path.name, sheet=s["sheet"], model=model, header_row=s["header_row"],
                   columns=dict(s["columns"]), headers=dict(s["headers"]), present=s["present"],
                   width=s["width"], typed_as={(r, f): (shown, text) for r, f, shown, text in s["typed_as"]},
                   formulas=s.get("formulas"), ahead=s.get("ahead", []), unread=tuple(s.get("unread", ())),
                   lists=tuple((q, tuple(w)) for q, w in s["lists"]) if s.get("lists") is not None else None)
    choices = {c.name: c.choice for c in model.columns()}
    fields = list(sd.columns)
    _rebuild_later(sd, model, parts[("records", key)], fields, s["tags"], choices)
    sd.unreadable = _rebuild_unreadable(model, parts[("unreadable", key)], fields, s["utags"], choices)
    sd.issues = _issues_from(parts[("issues", key)])
    sd.notes = _issues_from(parts[("notes", key)])
    return sd


class _Columns(dict):
    """field → its values (and "row"), each column's values made when first asked for; `take` gives
    some rows' values of a column not made yet without making the rest (records_where: the orders
    a re-import names, of a year's)."""

    def __init__(self, table, fields: list[str], tags: dict, choices: dict):
        super().__init__()  # (the columns made so far)
        self.table, self.tags, self.choices = table, tags, choices
        self.names = {**{f: f for f in fields}, "row": "\x00row"}

    def __contains__(self, f) -> bool:
        return f in self.names

    def __missing__(self, f):
        made = self[f] = self._made(f, self.table.column(self.names[f]))
        return made

    def take(self, f: str, rows: list[int]) -> tuple:
        if dict.__contains__(self, f):
            return tuple(map(self[f].__getitem__, rows))
        from . import arrow_ops as ops

        return tuple(self._made(f, ops.take(self.table.column(self.names[f]), rows)))

    def _made(self, f: str, arr) -> list:
        return arr.to_pylist() if f == "row" else _values(arr, self.tags[f], self.choices.get(f))


def _part_columns(model, table, fields: list[str], tags: dict, choices: dict) -> tuple[dict, list, _Columns]:
    """(the template record's dict, its keys in the reader's order, field → its values with "row",
    made when asked for) of a sheet's part, as parse_rows has them."""
    if set(table.column_names) != {*fields, "\x00row"}:
        raise ValueError("columns")
    base = dict(model.from_cells({}).__dict__)
    if "row" not in base or any(f not in base for f in fields):
        raise ValueError("fields")
    return base, list(base), _Columns(table, fields, tags, choices)  # (keys: the template's order)


def _rebuild_later(sd, model, table, fields: list[str], tags: dict, choices: dict) -> None:
    """sd's records as parse_rows leaves them: made when first asked for (io.reader._Records),
    the few a job names (records_where) without the others (a re-import: the orders its files name)."""
    from .reader import _Records, record_maker

    base, keys, cols = _part_columns(model, table, fields, tags, choices)
    sd.records = []
    if table.num_rows:
        sd.__dict__["_pending"] = _Records(record_maker(model, keys, set(fields)), keys, base, [], cols, 0, set(),
                                           table.num_rows)


def _rebuild_unreadable(model, table, fields: list[str], tags: dict, choices: dict) -> list:
    """The unreadable rows as parse_rows makes them (the same dict, the same fields set)."""
    from .reader import record_dicts

    base, keys, cols = _part_columns(model, table, fields, tags, choices)
    rows = zip(*(cols[k] if k in cols else repeat(base[k], table.num_rows) for k in keys))  # (every column made)
    return [model.from_cells(d) for d in map(record_dicts(model, keys), rows)]


# --- the reader's side ----------------------------------------------------------------------

def load(path: Path, spec, models, st: os.stat_result, sha: str | None = None):
    """(WorkbookData or None, the content hash or None): a hit only for this very content."""
    from .files import open_regular
    from .reader import gc_paused

    if not wanted(path, st):
        return None, None
    entry = entry_path(path, spec.key, models)
    try:
        est = entry.stat()
    except OSError:
        est = _once_written(entry)
        if est is None:
            stats["misses"] += 1
            prepare()
            return None, sha
    if _pa() is None:  # (Pyodide without pyarrow)
        return None, sha
    sha = sha or content_hash(path, st)
    try:
        if est.st_size > 4 * st.st_size + (64 << 20):  # not something this reader wrote for this file
            raise ValueError("size")
        with os.fdopen(open_regular(entry), "rb") as f:  # read whole and closed at once: a racing rename never waits on it
            data = f.read()
        with gc_paused():  # a million small objects, none in a cycle (as the reader does)
            wd = _decode(data, Path(path), spec, models, st.st_size, sha)
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is a miss, never an error
        stats["bad"] += 1
        wd = None
    if wd is None:
        stats["misses"] += 1
        prepare()
        return None, sha
    stats["hits"] += 1
    del data
    from .background import give_back

    give_back()  # the entry's bytes and Arrow columns, now records
    return wd, sha


WRITER_WAIT = 5.0  # seconds a read waits for the writer of the command before it (at_exit) to finish
_writers_looked_for: set[str] = set()  # cache folders whose writer this process has looked for


def _once_written(entry: Path) -> os.stat_result | None:
    """The entry, when the writer the command before left (io.at_exit.write_cache) is writing
    into this cache folder and has written it within WRITER_WAIT: `validate` then `daily` in a
    script read from the cache, instead of parsing cold beside that writer and encoding it again.
    Looked for at this process's first miss in the folder only: a writer that starts later is
    one of this command's own (validate's second process) and is never waited for."""
    from .at_exit import wait_for_writers

    folder = str(entry.parent)
    if folder in _writers_looked_for:
        return None
    _writers_looked_for.add(folder)
    wait_for_writers(entry.parent.parent, WRITER_WAIT)  # (at once when none is at work)
    try:
        return entry.stat()
    except OSError:
        return None


_pending: list | None = None  # the entries a job of several steps keeps until it ends (deferred)
# the entries the command line writes once its result is out (after_result), None elsewhere
_at_exit: list | None = None


@contextmanager
def deferred():
    """Within it (a job that reads a workbook, then rewrites it: `daily`, `orders morning`),
    entries are written as the job ends, each only if its workbook is still the version it
    was read from: a workbook the job rewrote is kept once, as rewritten (its encoding is the
    dearest part of a cold read's overhead), not also as it was. Records are read-only once
    read (the steps already share them), so an entry written late holds what was read. From
    the command line they are written once the command's result is out (after_result)."""
    global _pending
    if _pending is not None:  # already within one: its end writes
        yield
        return
    _pending = []
    try:
        yield
    finally:
        todo, _pending = _pending, None
        if _at_exit is not None:
            _at_exit.extend(todo)
        else:
            write_entries(todo)


def write_entries(todo: list, apart: Callable[[], None] | None = None) -> None:
    """The entries `todo` (store's arguments, kept by deferred), each workbook's last read once.
    Those still to be read (read_after) only `apart`, by the process of its own that writes them
    after the command (io.at_exit.write_cache): after the others, once `apart()` has let the next
    command stop waiting for the writer (a command that reads no such sheet waits for no parse)."""
    done, reads = set(), {}
    for args in reversed(todo):  # a workbook read again (a job redone after a lost update): its last read
        key = (str(args[0]), args[1].key, args[2])
        if key in done:
            continue
        if isinstance(args[3], _WholeRead):
            reads.setdefault(key, args)
            continue
        done.add(key)
        _write(*args)
    reads = [args for key, args in reads.items() if key not in done]  # (a job's own read of it is kept instead)
    if reads and apart is not None:
        apart()
        for args in reads:
            _write(*args)


class _WholeRead:
    """An entry's read, made only when the entry is written (read_after): None (no entry) where the
    file is not the version hashed for it, the very file, before and after the read."""

    def __init__(self, path: Path, spec, st: os.stat_result):
        self.path, self.spec, self.same = path, spec, _identity(st)

    def __call__(self):
        from .reader import _read_workbook

        if _identity(os.stat(self.path)) != self.same:
            return None
        wd = _read_workbook(self.path, self.spec)
        return wd if _identity(os.stat(self.path)) == self.same else None


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ino


def read_after(path: Path, spec) -> None:
    """The whole workbook at `path` kept too, by the process that writes the command's entries once
    its result is out (io.at_exit.write_cache), which the person does not wait for; never by the
    command itself. For a job that reads some of a workbook's sheets where the next job reads more
    of them: an import of exports that ship nothing reads stock.xlsx's products, and the later
    export that ships reads its 出库 sheet too, a year of movements (0.9 s parsed cold; served by
    the whole entry, as every subset is). Nothing where there is no such process."""
    if _at_exit is None:
        return
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError:
        return
    if not wanted(path, st):
        return
    try:
        if entry_path(path, spec.key, None).stat().st_mtime_ns >= st.st_mtime_ns:
            return  # kept whole since this version was saved, most likely (a hit then: as written_since says)
    except OSError:
        pass
    _at_exit.append((path, spec, None, _WholeRead(path, spec, st), st, None))


@contextmanager
def immediate(for_later_steps: bool = False):
    """Within it, entries are written at once even within a deferred job: for a second process
    reading for the job (io.background.Apart), whose pending entries would end with it. From the
    command line they are kept for at_exit.write_cache, which that process runs once its result
    is sent, unless `for_later_steps`: the job's later steps read the entry (then it is written here)."""
    global _pending
    was, _pending = _pending, ([] if _at_exit is not None and not for_later_steps else None)
    try:
        yield
    finally:
        mine, _pending = _pending, was
        if mine:
            _at_exit.extend(mine)


def after_result() -> None:
    """The command line's mode: the entries of deferred jobs are not written before the command
    ends but after its result is out, by a process of their own that the person does not wait
    for (io.at_exit.write_cache); encoding a year's orders takes ~0.4 s. The entries are the same."""
    global _at_exit
    if _at_exit is None:
        _at_exit = []


def _in_a_forked_child() -> None:
    global _at_exit
    if _at_exit is not None:  # the parent's entries are the parent's to write
        _at_exit = []


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_in_a_forked_child)


def after_result_on() -> bool:
    """Whether this process keeps its entries for the command line's end (after_result)."""
    return _at_exit is not None


def take_kept() -> list:
    """The entries kept for the command line's end (after_result), handed over once (at_exit
    writes them)."""
    todo = list(_at_exit or ())
    if _at_exit is not None:
        _at_exit.clear()
    return todo


def store(path: Path, spec, models, wd, st: os.stat_result, sha: str | None = None) -> None:
    """Keep `wd`, read from the workbook at `path` as it was at `st`, when the file is still
    that version (`wd` may be a function giving it, or None not to keep it, when it is written).
    Best effort: a cache that cannot be written is no cache, not an error."""
    if not wanted(path, st) or _pa() is None:
        return
    if _pending is not None:
        _pending.append((path, spec, models, wd, st, sha))
        return
    _write(path, spec, models, wd, st, sha)


def _write(path: Path, spec, models, wd, st: os.stat_result, sha: str | None) -> None:
    from .reader import gc_paused

    try:
        now = os.stat(path)
        if (now.st_size, now.st_mtime_ns) != (st.st_size, st.st_mtime_ns):
            return  # changed while it was read: what was read may be neither version
        if sha is None:
            sha = content_hash(path, st)
        with gc_paused():
            if callable(wd):  # a read whose change is made only now (io.reader._Later): None if not proven
                wd = wd()
                if wd is None:
                    return
            data = _encode(wd, {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha})
        if data is None:
            return
        if os.stat(path).st_mtime_ns != st.st_mtime_ns:  # changed while it was hashed
            return
        if not room_left(path.parent, len(data), st.st_size):
            return
        put(entry_path(path, spec.key, models), data)
        stats["writes"] += 1
        del data
        from .background import give_back

        give_back()  # the entry's columns and bytes
    except Exception:  # noqa: BLE001 - a read-only share, a full disk, a racing delete of the folder
        return


# room an entry leaves free beyond what the workbook's next write takes (its temp file and its backup)
ROOM_SPARE = 64 << 20


def room_left(folder: Path, entry_bytes: int, workbook_bytes: int) -> bool:
    """Whether the disk keeps room, once an entry of `entry_bytes` is on it, for the next write of its
    workbook (a temp file and a backup, each its size) and some to spare. A nearly full disk is the
    shop's: an entry written there (2.4 MB for a 1.4 MB orders.xlsx, by the very run the full disk
    had just stopped) took the room the person then freed, and the run again said the disk was full."""
    import shutil

    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return True  # the write itself then finds out
    return free - entry_bytes >= 2 * workbook_bytes + ROOM_SPARE


def put(entry: Path, data: bytes) -> None:
    """`data` as the file `entry` in the cache folder: a temp file renamed into place (two runs
    racing leave one whole file), readable and writable by whoever may write the shop folder."""
    from . import files

    files.make_dirs(entry.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        files.share_new(Path(tmp), entry.parent)  # a shared shop folder: colleagues' runs use it too
        os.replace(tmp, entry)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sweep(entry.parent)


def _sweep(folder: Path) -> None:
    """Temp files of entries whose writer was stopped mid-way (a crash, a power cut): gone
    after an hour (a live writer renames its own within seconds)."""
    import time

    old = time.time() - 3600
    for p in folder.glob(".*.tmp"):
        try:
            if p.stat().st_mtime < old:
                p.unlink()
        except OSError:
            pass


def clear(folder: Path) -> None:
    """Remove a shop's cache folder (any time: it is rebuilt as workbooks are read)."""
    import shutil

    shutil.rmtree(Path(folder) / CACHE_DIR, ignore_errors=True)
