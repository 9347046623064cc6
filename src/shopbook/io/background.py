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


def beside(fn: Callable[..., T], *args) -> Future:
    """`fn(*args)` started beside the caller; `.result()` waits for it (and raises what it raised)."""
    if CAN_THREAD:
        pool = ThreadPoolExecutor(1, thread_name_prefix="shopbook")
        future = pool.submit(fn, *args)
        pool.shutdown(wait=False)  # the thread ends when its one task is done
        return future
    future: Future = Future()
    try:
        future.set_result(fn(*args))
    except BaseException as e:  # noqa: BLE001 - handed to whoever asks for the result, as a thread would
        future.set_exception(e)
    return future


def map_beside(fn: Callable[[T], R], items: Iterable[T], workers: int = 2) -> list[R]:
    """`[fn(x) for x in items]`, on `workers` threads where there are threads."""
    if not CAN_THREAD:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(workers, thread_name_prefix="shopbook") as pool:
        return list(pool.map(fn, items))
