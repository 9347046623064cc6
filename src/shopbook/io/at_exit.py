"""How a command-line run ends: its parsed-sheet cache entries written by a process the person
does not wait for, and its memory left for the system to free.

A run of `shopbook` ends with os._exit once its output is flushed (cli.main). The cache entries
its jobs kept (io.cache.after_result) are then encoded and written by a forked process in a
session of its own (write_cache): a year's orders take ~0.4 s, which no one waits for. Records
dropped just before the end would be freed one by one first, ~0.1 s for a year's orders: on the
command line they are kept here instead, and the system takes the memory back at once.
Elsewhere (a library call, an Excel button: a process that goes on) nothing of this happens.
"""

from __future__ import annotations

import os
from pathlib import Path

_kept: list = []  # what this process leaves for the system to free at its end

WRITING = ".writing"  # in the cache folder: held (flock, shared) by a writer that runs after its command


def write_cache(detach: bool = False) -> None:
    """The parsed-sheet cache's entries kept for the command's end (cache.after_result), written
    now. `detach`: by a forked process in a session of its own, with no terminal, no output and
    none of this one's descriptors, that this one does not wait for; it holds WRITING in each
    cache folder while it writes (wait_for_writers). Where no process can be forked (Windows,
    macOS, SHOPBOOK_APART=0) or none would outlive this one (_outlives_its_parent), here, before
    the exit."""
    from . import cache

    todo = cache.take_kept()
    if not todo:
        return
    if not (detach and writes_apart()):
        cache.write_entries(todo)
        return
    held = _hold_writing({Path(args[0]).parent / cache.CACHE_DIR for args in todo})
    try:
        pid = os.fork()
    except OSError:  # no process to be had: written here
        pid = None
    if pid == 0:
        try:
            import signal

            os.setsid()  # not stopped with the terminal's session
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            _close_inherited(but=set(held))  # a pipe someone reads to its end is not held open by it
            signal.alarm(WRITER_LIMIT)  # never left behind for good, whatever holds it up

            def let_go() -> None:  # the next command waits for the entries, not for the books read after them
                for fd in held:
                    os.close(fd)

            cache.write_entries(todo, apart=let_go)
        finally:
            os._exit(0)
    for fd in held:
        os.close(fd)  # (the child holds the locks on its copies)
    if pid is None:
        cache.write_entries(todo)
    # this process ends next (only the command line keeps entries for its end): freeing the records
    # here (a year's orders: 0.1 s, each page copied from the writer's) would only delay that
    _kept.append(todo)


WRITER_LIMIT = 300  # seconds a writer forked after a command may take (a year's orders: 0.4 s)


def writes_apart() -> bool:
    """Whether the entries kept for the end will be written by a process of its own that the
    person does not wait for (write_cache(detach=True)), not before the prompt comes back."""
    from .background import can_fork

    return can_fork() and _outlives_its_parent()


def _outlives_its_parent() -> bool:
    """Whether a process forked now may go on after this one ends, and be reaped. Not when this
    is process 1 (a container started without an init: its end kills every process in it), nor
    when its parent is (a systemd service's main process: the unit's end kills what is left; a
    scheduler in a container as process 1 may never reap an orphan). There the entries are
    written before the exit, as elsewhere."""
    return os.getpid() != 1 and os.getppid() != 1


def _close_inherited(but: set[int]) -> None:
    """Every descriptor above 2 closed but those in `but` (the writer opens what it writes itself)."""
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd > 2 and fd not in but:
            try:
                os.close(fd)
            except OSError:  # (the listing's own, closed already)
                pass


def _hold_writing(folders) -> list[int]:
    """A shared flock on WRITING in each folder, for the writer forked next to inherit."""
    held = []
    for folder in folders:
        try:
            from .files import make_dirs, share_made

            make_dirs(folder)
            made = not os.path.lexists(folder / WRITING)
            fd = _open_lock(folder / WRITING, os.O_CREAT)
        except OSError:
            continue
        if made:  # shared as the shop's lock is: under a cron job's umask 077 it was the job's
            # alone, a colleague's command could not open it, and did not wait for this writer
            share_made(folder / WRITING)
        if _lock_shared(fd):
            held.append(fd)
        else:  # a share without locks: nothing to wait on there
            os.close(fd)
    return held


def _lock_shared(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:
        return False
    import time

    for _ in range(20):  # a waiter holds it exclusively for an instant as it finds it free
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            time.sleep(0.005)
        except OSError:
            return False
    return False


def _open_lock(path: Path, flags: int = 0) -> int:
    """WRITING open read-only (a colleague's file locks too), as a regular file only."""
    from .files import open_regular

    return open_regular(path, flags)


def wait_for_writers(folder: Path, timeout: float = 120) -> bool:
    """Wait until no writer forked after a command (write_cache) still writes into the shop
    folder's cache; False if one still does after `timeout` seconds."""
    import time

    try:
        import fcntl

        from .cache import CACHE_DIR

        fd = _open_lock(Path(folder) / CACHE_DIR / WRITING)
    except (ImportError, OSError):
        return True
    try:
        end = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() > end:
                    return False
                time.sleep(0.02)
            except OSError:  # (NFS: an exclusive lock needs a descriptor open for writing) cannot tell
                return True
    finally:
        os.close(fd)
