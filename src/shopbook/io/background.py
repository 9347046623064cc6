"""Work run on another thread beside the main one: reading a workbook file waits on
python-calamine, which lets go of the GIL, so the other core can parse a statement or
scan for error cells meanwhile. Where Python has no threads (xlwings Lite runs in
Pyodide, in the browser) the same work runs in turn, with the same results."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import threading

T = TypeVar("T")
R = TypeVar("R")

CAN_THREAD = sys.platform not in ("emscripten", "wasi")


def beside(fn: Callable[..., T], *args, head_start: "float | threading.Event" = 0) -> Future:
    """`fn(*args)` started beside the caller; `.result()` waits for it (and raises what it raised).
    `head_start`: seconds the thread waits first, or an event it waits for, for the caller to get
    into a call that lets go of the GIL (a parse in Rust) before `fn` holds it."""
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


def _after(start, fn, *args):
    if isinstance(start, (int, float)):
        import time

        time.sleep(start)
    else:
        start.wait(60)  # (set by its owner at the latest as its own work ends: 60 s only guards a slip)
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
    pool = ThreadPoolExecutor(workers, thread_name_prefix="shopbook")
    try:
        done = list(pool.map(fn, items))
    except KeyboardInterrupt:  # Ctrl-C: the items not begun are not begun, and the person is not kept
        pool.shutdown(wait=False, cancel_futures=True)  # waiting for those begun (validate: a big read's seconds)
        raise
    except BaseException:
        pool.shutdown()  # (as the pool's `with` did)
        raise
    pool.shutdown()
    return done


# A second process, where one can be forked: Linux only (macOS's system libraries are not safe
# to use in a forked child, Windows and Pyodide cannot fork). SHOPBOOK_APART=0 turns it off.
CAN_FORK = sys.platform.startswith("linux") and hasattr(os, "fork")


def can_fork() -> bool:
    return CAN_FORK and os.environ.get("SHOPBOOK_APART", "") != "0"


def _fork() -> int:
    """os.fork(), without Python 3.12+'s warning of a fork beside threads: the child uses none of theirs."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return os.fork()


class Apart:
    """`fn(*args)` run in a forked child process, on the other core with a GIL of its own (the
    reader's typing and a cache entry's encoding hold the GIL, so a thread cannot share them).
    `fn` returns plain JSON data; `.result()` gives it, or raises the ShopbookError the child
    stopped on. A child that dies or fails otherwise costs nothing but time: `fn` then runs here,
    raising whatever it raises. The child never prints, and leaves through os._exit (the
    parent's buffers and exit handlers are the parent's). `after()`, if given, runs in the child
    once its result is sent, before it leaves (nothing it does delays the parent beyond a fork).
    Use as a context manager: a child not asked for its result (the parent stopped first,
    Ctrl-C) is killed and reaped."""

    def __init__(self, fn: Callable[..., object], *args, after: Callable[[], None] | None = None):
        self.fn, self.args, self.pid, self.fd = fn, args, None, None
        if not can_fork():
            return
        try:
            r, w = os.pipe()
        except OSError:  # no descriptors to be had: done here when asked
            return
        try:
            pid = _fork()
        except OSError:  # no process to be had (memory, a process limit): done here when asked
            os.close(r)
            os.close(w)
            return
        if pid == 0:  # the child
            try:
                os.close(r)
                if _child(w, fn, args) and after is not None:
                    after()
            finally:
                os._exit(0)
        os.close(w)
        self.pid, self.fd = pid, r

    def result(self):
        if self.pid is None:
            return self.fn(*self.args)
        pid, self.pid = self.pid, None
        return _outcome(pid, self.fd, self.fn, self.args)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.pid is not None:
            pid, self.pid = self.pid, None
            end_child(pid)
            os.close(self.fd)


def _outcome(pid: int, fd: int, fn, args):
    """What the child `pid` sends on `fd` (_child's), once it ends: its result, its stop raised
    here, or `fn(*args)` done here when it failed or died."""
    import json

    from ..issues import ShopbookError

    try:
        data = child_output(pid, fd)
    finally:
        os.close(fd)
    try:
        kind, *rest = json.loads(data)
    except ValueError:  # it died (killed, out of memory): do it here
        kind, rest = "failed", []
    if kind == "ok":
        return rest[0]
    if kind == "stop":
        raise ShopbookError(*rest)
    return fn(*args)  # what failed there fails here, as it would have without the child


class Standby:
    """A copy of this process forked now, while the process is small, that does `fn(*args)` once
    `send(*args)` gives it the arguments (JSON data); `prepare()` runs in it meanwhile (its
    imports). A copy forked late, from a job holding a year's records, shares their pages, and
    every object the job touches after it has its page copied: the steps that follow were slower
    by about what the copy saved. Results and failures as Apart's: where no copy can be had, or it
    fails or dies, `fn` runs here when the result is asked for. The copy holds none of this
    process's files (no lock, no workbook) but its two pipes, and ends, unasked, when this process
    closes it or ends. Use as a context manager, as Apart. With `prepare_when_told`, `prepare()`
    waits for prepare_now(): its imports are CPU the process's busiest part (a year's reads on
    both cores) had better keep (`daily` 3.61 → 3.42 s with matplotlib's import out of its reads);
    work sent first is done without it."""

    def __init__(self, fn: Callable[..., object], prepare: Callable[[], None] | None = None,
                 prepare_when_told: bool = False):
        self.fn, self.args, self.pid, self.fd, self._ask = fn, None, None, None, None
        self._tell = prepare is not None and prepare_when_told
        if not can_fork():
            return
        fds = []
        try:
            fds += os.pipe()
            fds += os.pipe()
            pid = _fork()
        except OSError:  # no descriptors or no process to be had: done here when asked
            for fd in fds:
                os.close(fd)
            return
        ask_r, ask_w, got_r, got_w = fds
        if pid == 0:  # the copy
            try:
                from .at_exit import _close_inherited

                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                _close_inherited(but={ask_r, got_w})
                first = b""
                if prepare is not None:
                    # told: b"p" (prepare now), nothing (closed unasked) or the work's first byte ("[")
                    told = os.read(ask_r, 1) if prepare_when_told else b"p"
                    if told == b"p":
                        try:
                            prepare()
                        except Exception:  # noqa: BLE001 - only a head start: fn loads what it needs
                            pass
                    else:
                        first = told
                asked = first + _read_all(ask_r)
                if asked:  # (nothing: closed unasked, or the process ended)
                    import json

                    _child(got_w, fn, json.loads(asked))
            finally:
                os._exit(0)
        os.close(ask_r)
        os.close(got_w)
        self.pid, self.fd, self._ask = pid, got_r, ask_w

    def prepare_now(self) -> None:
        """The copy runs prepare() now (with prepare_when_told; once; nothing where there is no copy)."""
        if not self._tell or self._ask is None:
            return
        self._tell = False
        try:
            os.write(self._ask, b"p")
        except OSError:  # the copy is gone: done here when asked
            self.close()

    def send(self, *args) -> None:
        self.args = args
        if self._ask is None:
            return
        import json

        data, fd, self._ask = json.dumps(args, ensure_ascii=False).encode("utf-8"), self._ask, None
        try:
            while data:
                data = data[os.write(fd, data):]
        except OSError:  # the copy is gone: done here when asked
            self.close()
        finally:
            os.close(fd)

    def result(self):
        if self.args is None:
            raise RuntimeError("Standby.result() before send()")
        if self.pid is None:
            return self.fn(*self.args)
        pid, self.pid = self.pid, None
        return _outcome(pid, self.fd, self.fn, self.args)

    def close(self) -> None:
        """The copy ended, asked or not."""
        if self._ask is not None:
            os.close(self._ask)
            self._ask = None
        if self.pid is not None:
            pid, self.pid = self.pid, None
            end_child(pid)
            os.close(self.fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def child_output(pid: int, fd: int) -> bytes:
    """What the child process `pid` (a second Python, or a fork) writes on `fd` up to its end,
    b"" when it is stuck (_read_from); it is then reaped. Ctrl-C meanwhile ends it too."""
    try:
        return _read_from(pid, fd)
    except BaseException:
        _kill(pid)
        raise
    finally:
        _reap(pid)


def end_child(pid: int) -> bytes:
    """The child process `pid` ended unasked (not asked for its result, or the parent stopped
    first) and reaped; b"" (it said nothing)."""
    _kill(pid)
    _reap(pid)
    return b""


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


STALLED = 30.0  # seconds a second process may wait using no CPU before it is taken as stuck


def _read_from(pid: int, fd: int) -> bytes:
    """What the child writes, up to its end; b"" when it is stuck. A child forked beside other
    threads could in principle wait forever on a lock one of them held at the fork: one that has
    used no CPU for STALLED seconds is killed, and the work is done here (a scheduled job must
    not hang)."""
    import select
    import time

    chunks, cpu, since = [], None, time.monotonic()
    poll = select.poll()  # (select.select refuses a descriptor of 1024 or more)
    poll.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    while True:
        if poll.poll(500):
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            since = time.monotonic()
            continue
        now = _cpu_of(pid)
        if now is None or now != cpu:  # (where its CPU time cannot be known, it is never taken as stuck)
            cpu, since = now, time.monotonic()
        elif time.monotonic() - since > STALLED:
            _kill(pid)
            return b""


def _cpu_of(pid: int) -> int | None:
    """The child's user + system CPU time in clock ticks (Linux /proc), None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # reaped already (a parent started with SIGCHLD ignored)
        pass


def _kill(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:  # already gone
        pass


def _child(w: int, fn, args) -> bool:
    """Whether `fn` gave a result (sent to the parent, as all else)."""
    import json

    from ..issues import ShopbookError

    ok = False
    try:
        data = json.dumps(["ok", fn(*args)], ensure_ascii=False)
        ok = True
    except ShopbookError as e:  # (a kind of stop of its own is raised by the parent, doing it again)
        data = json.dumps(["stop", e.zh, e.en, e.path or None] if type(e) is ShopbookError else ["failed"],
                          ensure_ascii=False)
    except BaseException:  # noqa: BLE001 - the parent does it again and raises it there
        data = '["failed"]'
    data = data.encode("utf-8")
    with os.fdopen(w, "wb") as f:
        f.write(data)
    return ok
