"""The new orders' addresses parsed by a second Python while the command imports, reads and types.

The review parses the address of every new order (cpca's table loaded, then its matcher walked:
10,000 orders, 0.13 s) after the reads, on the main thread, while the other core has nothing to
do. `orders review` and `orders morning`, when the parse of orders.xlsx is begun as they start
(io/prefetch), start a second Python just then (begin, from shopbook.start), which waits. Once
the parse is done, the prefetch thread hands it the order number and address of each 待审核 row,
straight from the Arrow columns' buffers (on_parse: Arrow's kernels, no Python objects, next to
nothing of the GIL the command is importing with); it loads cpca and parses them on the free
core. The review takes what it found (take) and parses only what it lacks.

A fresh Python, not a fork: a copy forked from the command shares its pages, and each page the
command then writes is copied (its imports and reads were 0.03 s slower beside one). What it is
sent is a guess made from the raw cells (the header's exact names, the 待审核 rows, each order's
first row): a text guessed wrong is parsed for nothing, a text missed is parsed by the review,
and what comes back is what parse_addresses would have found (the same code, the same cpca).
Where there is no second process to be had, nothing is begun.
"""

from __future__ import annotations

import os
import sys
import threading

from .address import parsed_of, split_postcode

# schema.OrderLine's columns (zh, en) and OrderStatus.NEW, as the header and the status cells hold
# them (pydantic's models may not be imported yet when the thread asks: tests hold these equal)
ORDER_NO = ("订单编号", "order_no")
STATUS = ("状态", "status")
ADDRESS = ("收货地址", "address")
NEW = ("待审核", "new")

_RUN = ("import sys; sys.path.insert(0, sys.argv[1]); from shopbook.orders.address_ahead import serve; serve()")
_SEP = "\0"  # between the texts sent and the fields sent back: no cell holds it (XML forbids it)

_proc = None  # the second Python (subprocess.Popen), begun and not yet taken
_sent = False
_new = None  # NEW as an Arrow array (made by begin: pyarrow's conversion of Python values may import)
_lock = threading.Lock()  # the thread's send against the review's take


def begin() -> None:
    """The second Python started (start.py, once the parse of orders.xlsx is begun for a command
    that reviews: pyarrow is imported). It waits for on_parse's texts, and ends unasked when this
    process does."""
    global _proc, _new, _sent
    _sent = False
    if not sys.executable or getattr(sys, "frozen", False) or os.environ.get("SHOPBOOK_APART", "") == "0":
        return
    import subprocess

    try:
        import pyarrow as pa  # (imported already by prefetch.begin)
    except ImportError:
        return
    _new = pa.array(NEW, pa.large_string())
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        _proc = subprocess.Popen([sys.executable, "-I", "-c", _RUN, root], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True)
    except (OSError, ValueError):  # no process to be had: the review parses
        _proc = None
        return
    try:  # what it finds held whole by the pipe (a megabyte for 10,000 orders): it ends once it has
        # written it, and the review reads it at once, not 64 KiB at a time as it writes
        import fcntl

        fcntl.fcntl(_proc.stdout.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):  # (not Linux, or a smaller limit: 64 KiB at a time)
        pass


def on_parse(header: list, columns: list) -> None:
    """The prefetch thread, its parse done: the order number and address of each 待审核 row sent to
    the second Python. `header` is the header row's cells (column A first), `columns` the Arrow
    columns of the rows below it. Arrow's kernels pick the rows (imported already: the thread
    imports nothing); the texts go as their buffers, joined."""
    global _sent
    import pyarrow as pa

    from ..io import arrow_ops as ops

    names = [str(v).strip().lower() if v is not None else "" for v in header]

    def index(col: tuple[str, str]) -> int | None:
        return next((k for k, n in enumerate(names) if n in col), None)

    k_no, k_status, k_address = index(ORDER_NO), index(STATUS), index(ADDRESS)
    if None in (k_no, k_status, k_address) or max(k_no, k_status, k_address) >= len(columns):
        return
    text = pa.large_string()
    status = ops.utf8_lower(ops.utf8_trim_whitespace(ops.cast(columns[k_status], text)))
    new = ops.is_in(status, _new)
    picked = [ops.filter(ops.cast(columns[k], text), new) for k in (k_no, k_address)]
    with _lock:
        if _proc is None or _sent:
            return
        _sent = True
        try:
            for col in picked:
                _send_texts(_proc.stdin, col)
            _proc.stdin.close()
        except (OSError, ValueError):  # it ended: take() finds nothing to take
            pass


def _send_texts(out, col) -> None:
    """A large_string column as its length, its offsets and its UTF-8 bytes (nulls: empty)."""
    n, at = len(col), col.offset
    offsets, data = col.buffers()[1:3]
    out.write(n.to_bytes(8, "little"))
    if not n:
        out.write(bytes(16))  # (one offset, no bytes)
        return
    offsets = memoryview(offsets)[8 * at: 8 * (at + n + 1)]
    first, last = (int.from_bytes(offsets[k: k + 8], sys.byteorder) for k in (0, 8 * n))  # (Arrow's: native)
    out.write(offsets)
    out.write((last - first).to_bytes(8, "little"))
    out.write(memoryview(data)[first:last] if data is not None else b"")


def _read_texts(data: memoryview, at: int) -> tuple[list[str], int]:
    """_send_texts's column back, and where the next begins."""
    from array import array

    n = int.from_bytes(data[at: at + 8], "little")
    offsets = array("q")
    offsets.frombytes(data[at + 8: at + 16 + 8 * n])  # (native order, as Arrow keeps them: the same machine)
    at += 16 + 8 * n
    size = int.from_bytes(data[at: at + 8], "little")
    text = bytes(data[at + 8: at + 8 + size])
    base = offsets[0]
    return [text[offsets[i] - base: offsets[i + 1] - base].decode("utf-8", "replace") for i in range(n)], \
        at + 8 + size


def first_addresses(order_nos: list[str], addresses: list[str]) -> list[str]:
    """The address (without its postcode) of each order's first row, once each, in order."""
    seen, texts = set(), {}
    for no, address in zip(order_nos, addresses):
        if no not in seen:
            seen.add(no)
            text = split_postcode(address)[0]
            if text:
                texts[text] = None
    return list(texts)


def serve() -> None:
    """The second Python: reads on_parse's columns from stdin, writes each text's parse to stdout,
    as text, province, city, district, detail, joined by _SEP."""
    data = memoryview(sys.stdin.buffer.read())
    if not data:  # the command ended, or sent nothing
        return
    order_nos, at = _read_texts(data, 0)
    addresses, _ = _read_texts(data, at)
    got = parsed_of(first_addresses(order_nos, addresses))
    sys.stdout.buffer.write(_SEP.join(f for t, v in got.items() for f in (t, *v)).encode("utf-8"))


def take() -> dict[str, tuple[str, str, str, str]]:
    """What the second Python parsed (waiting for it), once; {} where nothing was sent to it
    (no parse ahead, the header not found) or it failed."""
    global _proc, _sent
    with _lock:
        proc, _proc = _proc, None
        sent, _sent = _sent, False
    if proc is None:
        return {}
    from ..io.background import child_output, end_child

    out = child_output(proc.pid, proc.stdout.fileno()) if sent else end_child(proc.pid)
    proc.returncode = 0  # (reaped: Popen must not wait for it again)
    for f in (proc.stdin, proc.stdout):
        try:
            f.close()
        except OSError:
            pass
    fields = out.decode("utf-8").split(_SEP) if out else []
    if len(fields) % 5:  # cut short (it died): none of it
        return {}
    each = iter(fields)
    return {text: (province, city, district, detail) for text, province, city, district, detail
            in zip(each, each, each, each, each)}
