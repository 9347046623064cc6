"""Work run on another thread beside the main one: reading a workbook file waits on
python-calamine, which lets go of the GIL, so the other core can parse a statement or
scan for error cells meanwhile. Where Python has no threads (xlwings Lite runs in
Pyodide, in the browser) the same work runs in turn, with the same results."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

CAN_THREAD = sys.platform not in ("emscripten", "wasi")


def beside(fn: Callable[..., T], *args, head_start: float = 0) -> Future:
    """`fn(*args)` started beside the caller; `.result()` waits for it (and raises what it raised).
    `head_start`: seconds the thread waits first, for the caller to get into a call that lets go
    of the GIL (a parse in Rust) before `fn` holds it."""
    if CAN_THREAD:
        pool = ThreadPoolExecutor(1, thread_name_prefix="shopbook")
        future = pool.submit(_after, head_start, fn, *args) if head_start else pool.submit(fn, *args)
        pool.shutdown(wait=False)  # the thread ends when its one task is done
        return future
    future: Future = Future()
    try:
        future.set_result(fn(*args))
    except BaseException as e:  # noqa: BLE001 - handed to whoever asks for the result, as a thread would
        future.set_exception(e)
    return future


def _after(seconds: float, fn, *args):
    import time

    time.sleep(seconds)
    return fn(*args)


_trim = None  # glibc's malloc_trim, once looked up (False: there is none here)


def give_back() -> None:
    """Memory a big read or cache entry has freed, given back to the system now. glibc keeps the
    pages freed in each thread's arena (fastexcel's parse, the reader's columns: 80–100 MiB after
    a year's orders and stock) and pyarrow's pool keeps its own; the next big allocations (a
    workbook rewritten, a cache entry) do not reuse them, so each would add to the peak. 2 ms.
    On Linux; elsewhere pyarrow's pool only."""
    global _trim
    if _trim is None:
        _trim = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _trim = ctypes.CDLL(None).malloc_trim
            except (OSError, AttributeError):  # another C library (musl): nothing to ask
                pass
    if _trim:
        _trim(0)
    pa = sys.modules.get("pyarrow")
    if pa is not None and hasattr(pa, "default_memory_pool"):
        pa.default_memory_pool().release_unused()


def map_beside(fn: Callable[[T], R], items: Iterable[T], workers: int = 2) -> list[R]:
    """`[fn(x) for x in items]`, on `workers` threads where there are threads."""
    if not CAN_THREAD:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(workers, thread_name_prefix="shopbook") as pool:
        return list(pool.map(fn, items))
