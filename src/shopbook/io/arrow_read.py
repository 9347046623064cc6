"""Cold reads of big sheets through fastexcel's Arrow columns (issue 20, item 5).

fastexcel (calamine underneath) gives a sheet as Arrow columns, one type per column. A
column is typed here without a Python object per cell only where that is proven to give
what io.reader.parse_column gives (money that is whole fen, whole numbers, dates); every
other column goes through the same per-cell parser, from the very values calamine's row
reader would have given. What cannot be proven the same is left to the row reader, whole
sheet: a column of mixed cells (fastexcel would turn the numbers into text), a cell
fastexcel would call null (a string "NA", "null"…), a date before 1900-03-01 or a time of
day (calamine gives a time there), a sheet not starting in column A, a workbook calamine
alone reads right (far cells, odd values, text an .xlsx cannot hold: io.reader.RawBook
keeps all those checks). The row reader stays the only reader where fastexcel is not
installed (xlwings Lite / Pyodide), and for sheets under io.reader.ARROW_MIN_BYTES of XML.
SHOPBOOK_ARROW_READ=0 turns this off. A command may have begun the read's first half (the XML
looked at, fastexcel's parse) on a thread as it started (io/prefetch): the read takes it when it
is of this very file and header row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .. import values as V
from ..schema.base import Kind
from .cache import shared_objects, shared_pylist
from . import prefetch, refuse_pandas_to_pyarrow
from .lists import literal_lists
from .sheet_xml import head_xml, merged_ranges, scans_with_escapes

refuse_pandas_to_pyarrow()

try:
    import fastexcel
    import numpy as np
    import pyarrow as pa

    from . import arrow_ops as ops  # (Arrow's functions without pyarrow.compute's import)
except ImportError:  # Pyodide, or a bare install: calamine's row reader does all the reading
    fastexcel = None

_DAY_MS = 86_400_000
_CENTS_LIMIT = 10**13  # |amount| in yuan below which x*100 rounds to its fen exactly (< 2**51 fen)


class Fallback(Exception):
    """What the Arrow read cannot prove the same as the row reader's: the row reader reads the sheet."""


def enabled() -> bool:
    from .reader import arrow_read_on

    return fastexcel is not None and arrow_read_on()


def _low_date(date1904: bool) -> dt.datetime:
    """The first moment calamine gives as a date or datetime (before it: a time of day, or a day
    shopbook calls impossible and says so with the value as calamine gave it)."""
    return dt.datetime(1904, 1, 2) if date1904 else V.FIRST_DATETIME


def cells(arr) -> list:
    """Column `arr` as calamine's row reader gives its cells: "" for a blank, str, float (int where
    calamine has one), bool. Fallback for any other type: a date in a column that is no date column
    would be written out as calamine typed it (a date or a datetime), which the milliseconds
    fastexcel keeps cannot always tell."""
    t = arr.type
    if pa.types.is_null(t):
        return [""] * len(arr)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return ops.fill_null(arr, "").to_pylist() if arr.null_count else arr.to_pylist()
    if pa.types.is_floating(t) or pa.types.is_integer(t) or pa.types.is_boolean(t):
        vals = arr.to_pylist()
        return ["" if v is None else v for v in vals] if arr.null_count else vals
    raise Fallback(f"column type {t}")


def row_cells(columns: list, k: int) -> list:
    """Data row k across all columns, for the totals-row test, which asks of a cell only whether
    it is text (and which) or blank: a date may stay a datetime here."""
    return ["" if (v := c[k].as_py()) is None else v for c in columns]


def _millis(arr, date1904: bool):
    """The column's milliseconds since 1970 (0 at blanks); Fallback when one is before the first
    real day: calamine gives a time of day there, and shopbook an error showing that value."""
    ms = ops.cast(ops.cast(arr, pa.timestamp("ms")), pa.int64())
    low = (_low_date(date1904) - dt.datetime(1970, 1, 1)) // dt.timedelta(milliseconds=1)
    vals = (ops.fill_null(ms, low) if arr.null_count else ms).to_numpy()
    if len(vals) and vals.min() < low:
        raise Fallback("a date before the first real day")
    return vals


def typed(col, arr, date1904: bool) -> list | None:
    """Column `arr` parsed as parse_column would parse its cells, for the kinds and types where
    that is proven here; None for everything else (then parse_column parses cells(arr))."""
    kind, t = col.kind, arr.type
    if col.col.one_of:
        return None
    if pa.types.is_null(t):
        return [None] * len(arr)
    if pa.types.is_string(t):
        return _text(kind, col, arr)
    if kind is Kind.MONEY and pa.types.is_float64(t):
        return _money(arr)
    if kind is Kind.INT and pa.types.is_float64(t):
        return _whole(arr)
    if kind in (Kind.DATE, Kind.DATETIME) and pa.types.is_timestamp(t) and t.tz is None:
        ms = _millis(arr, date1904)
        # parse_date of a date or a datetime from 1900-03-01 on is its day; parse_datetime gives a
        # datetime as it is and a date (a whole-day serial) as its midnight. numpy makes the
        # objects ten times faster than pyarrow's to_pylist
        # (each distinct day made once: a ship date repeats over a year's order lines)
        objs = shared_objects((ms // _DAY_MS).astype("datetime64[D]") if kind is Kind.DATE
                              else ms.astype("datetime64[ms]"))
        if arr.null_count:
            for k in np.flatnonzero(ops.is_null(arr).to_numpy(zero_copy_only=False)).tolist():
                objs[k] = None
        return objs
    return None


def _text(kind, col, arr) -> list | None:
    """parse_column's comprehensions for text, codes and choices, in Arrow: utf8_trim_whitespace
    strips exactly what str.strip() strips (Arrow's white space is Python's, code point by code
    point: tests/test_arrow_read.py checks them all)."""
    if kind is Kind.CHOICE:  # table[v] if v in table, None for a blank, else the per-cell parser
        table = col.choice._value2member_map_
        enc = ops.dictionary_encode(arr)
        mapped = []
        for u in enc.dictionary.to_pylist():
            if u in table:
                mapped.append(table[u])
            elif u.strip() == "":
                mapped.append(None)
            else:
                return None
        mapped.append(None)  # a blank cell
        idx = ops.fill_null(enc.indices, len(mapped) - 1) if enc.indices.null_count else enc.indices
        return list(map(mapped.__getitem__, idx.to_pylist()))
    if kind not in (Kind.TEXT, Kind.CODE):
        return None
    s = ops.utf8_trim_whitespace(arr)
    filled = ops.fill_null(ops.equal(s, ""), True)  # blank: a cell "" once stripped, or none at all
    if kind is Kind.CODE:  # text that cannot have been a number Excel turned into 1.23E+17, or a formula
        odd = ops.or_(ops.invert(ops.string_is_ascii(s)), ops.match_substring_regex(s, "^['=`]|[Ee]"))
        if ops.any_true(ops.and_(odd, ops.invert(filled))).as_py():
            return None
    return shared_pylist(ops.if_else(filled, pa.scalar(None, pa.string()), s))  # a SKU: one str for its 300 rows


def _spread(arr, values: list) -> list:
    """`values` (one per non-blank cell) placed at their rows, None at the blanks."""
    if not arr.null_count:
        return values
    out = [None] * len(arr)
    for k, v in zip(np.flatnonzero(~ops.is_null(arr).to_numpy(zero_copy_only=False)).tolist(), values):
        out[k] = v
    return out


def _money(arr) -> list | None:
    """Decimal(repr(x)).quantize(FEN) for every amount when each is a whole number of fen, as
    parse_column's money comprehension; None when one is not (or is -0.0: Decimal keeps its
    sign) so that the per-cell parser says which. x == round(x*100)/100 holds exactly when
    repr(x) has at most two decimals (x*100 is within half a fen of it below 2**51 fen)."""
    x = ops.drop_null(arr).to_numpy(zero_copy_only=False) if arr.null_count else arr.to_numpy(zero_copy_only=False)
    if len(x) == 0:
        return [None] * len(arr)
    if not (np.abs(x).max() < _CENTS_LIMIT) or np.signbit(x[x == 0]).any():
        return None
    cents = np.rint(x * 100)
    if not (cents / 100 == x).all():
        return None
    uniq, inverse = np.unique(cents.astype(np.int64), return_inverse=True)
    decs = [Decimal(c).scaleb(-2) for c in uniq.tolist()]
    return _spread(arr, list(map(decs.__getitem__, inverse.tolist())))


def _whole(arr) -> list | None:
    """int(x) for every number when each is whole and within EXACT_FLOAT_LIMIT (parse_column's INT)."""
    x = ops.drop_null(arr).to_numpy(zero_copy_only=False) if arr.null_count else arr.to_numpy(zero_copy_only=False)
    if len(x) and not (np.abs(x).max() < V.EXACT_FLOAT_LIMIT and (np.trunc(x) == x).all()):
        return None
    return _spread(arr, x.astype(np.int64).tolist())


def _parse(raw, name: str, first: int):
    """(Arrow columns, the cells that did not fit their column) of the sheet's rows from `first`
    (0-based) by fastexcel, or None where it cannot (anything it says, a panic too)."""
    try:
        return prefetch.load(raw.fastexcel(), name, first).to_arrow_with_errors()  # a cell fastexcel would call null ("NA") is one
    except BaseException as e:
        if not isinstance(e, Exception) and type(e).__name__ != "PanicException":
            raise
        return None


def read_sheet(raw, book: str, name: str, part: str, model):
    """Sheet `name` of the open io.reader.RawBook `raw`, as io.reader.read_sheet_rows reads it;
    None where the row reader must read it (see the module's note). The checks of io/limits run
    on the sheet's XML as they do for the row reader; the header is found in the first rows,
    which calamine reads from a copy of the package holding only them."""
    from . import limits
    from .background import beside, give_back
    from .reader import _is_blank, find_header, parse_begins, parse_table, read_sheet as read_with

    ahead = prefetch.take(raw, part)  # begun as the command started, on this very file
    if ahead is not None:
        rows, merges, size = ahead.rows, ahead.merges, ahead.size
    else:
        data = limits.read_member(raw.z, part, raw.path)
        if limits.far_reach(data):  # decided before fastexcel parses: it would hold the whole area
            return None
        head = head_xml(data)
        if head is None:  # no row past the header's: the row reader is as quick
            return None
        size = len(data)
    try:
        if ahead is None:
            rows = prefetch.head_rows(raw.z, raw.parts, raw.names, name, part, head)
        header_row, found, _ = find_header(rows, model)
        # fastexcel numbers columns from the sheet's first used one: column A must be used
        if not found or not any(r and not _is_blank(r[0]) for r in rows):
            return None
    except BaseException as e:  # anything calamine says, a panic too: the row reader decides
        if not isinstance(e, Exception) and type(e).__name__ != "PanicException":
            raise
        return None
    reach = max(found.values())
    got = prefetch.MISSED
    if ahead is None:
        del head  # (only the rows were needed of it)
    else:
        raw.merges[name], raw.lists[name] = merges, ahead.lists
        parse_begins(size)
        got = ahead.parse_from(header_row + 1)
        if got is prefetch.MISSED:  # the header is not where the thread guessed, or the file changed
            data = limits.read_member(raw.z, part, raw.path)
        else:
            errors, odd, may_hold, raw.formulas[name], escaped = ahead.scans.result()
    if got is prefetch.MISSED:
        raw.merges[name] = merged_ranges(data)
        raw.lists[name] = literal_lists(data)  # (a search from its end: microseconds)
        # the scans of the XML (error cells, odd values, escaped characters) on the other core while
        # fastexcel parses, which lets go of the GIL; each scan holds the GIL throughout, so the parse
        # is given a head start (a scan first would keep it from starting)
        later = beside(scans_with_escapes, data, head_start=prefetch.PARSE_HEAD_START)
        parse_begins(size)
        del data  # held by the scans only, and let go as they end: not beside fastexcel's own cells
        try:
            got = _parse(raw, name, header_row + 1)
        finally:
            errors, odd, may_hold, raw.formulas[name], escaped = later.result()
    if got is None or escaped:
        return None
    batch, wrong = got
    # the cells fastexcel could not put in their column's type: only formula errors may be among
    # them (a blank to it, as to calamine; the scan of the XML reports each), never a value
    if wrong is not None and any(tuple(e.position) not in errors for e in wrong.errors):
        return None
    if odd or may_hold or raw._shared_may_hold():
        return None
    del got  # (calamine's cells are not needed once the columns are here)
    n = batch.num_rows
    if n == 0 or batch.num_columns <= reach:
        return None
    columns, width, date1904 = batch.columns, batch.num_columns, raw.date1904
    del batch  # (the columns alone hold the data now)
    try:
        # the columns let go before the records are made (done): a year's orders, 23 MiB off the peak
        sd = read_with(book, name, model, rows, lambda sd: parse_table(
            sd, errors, n, width, lambda i: cells(columns[i]), lambda k: row_cells(columns, k),
            lambda col, i: typed(col, columns[i], date1904), done=lambda: (columns.clear(), give_back())))
    except Fallback:
        return None
    raw.warnings[name] = []
    return sd
