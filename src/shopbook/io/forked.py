"""A workbook written by a forked copy of the process while the job goes on to its next write.

A re-import rewrites stock.xlsx and then orders.xlsx; each rewrite is Python that holds the GIL,
so a thread would not help, a second process does (the re-import of a month into a year's shop:
0.1–0.3 s less). Only the temp file is written there, and synced; the copy then ends without any
clean-up of its own (os._exit). Staging, the journal, the backups and the replace stay with the
job (io.journal), whose commit waits for the copy first and stops on what it raised, as if the
write had been made in place. Linux only: fork is safe there with the threads shopbook runs
(a progress bar's, the lock's heartbeat); elsewhere, and where fork fails, writes are made in turn.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from ..issues import ShopbookError

CAN_FORK = sys.platform.startswith("linux") and hasattr(os, "fork")

# what the copy says when it fails, as its exit code
_SHOPBOOK, _OS, _OTHER = 2, 3, 4


class Forked:
    """A write being made by a forked copy: `wait()` raises what it raised; `stop()` ends it."""

    def __init__(self, pid: int, fd: int, path: Path):
        self.pid, self.fd, self.path, self.done = pid, fd, Path(path), False

    @classmethod
    def start(cls, write: Callable[[Path], None], tmp: Path, path: Path) -> Forked | None:
        """`write(tmp)` in a forked copy; None when there is no copy to be had (the caller
        writes in place)."""
        if not CAN_FORK:
            return None
        r, w = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # out of memory or processes: written in place
            os.close(r)
            os.close(w)
            return None
        if pid == 0:  # the copy
            code, said = 0, {}
            try:
                os.close(r)
                try:
                    write(tmp)
                    with open(tmp, "rb+") as f:
                        os.fsync(f.fileno())
                except ShopbookError as e:
                    code, said = _SHOPBOOK, {"zh": e.zh, "en": e.en, "path": e.path}
                except OSError as e:
                    code, said = _OS, {"errno": e.errno, "strerror": e.strerror, "filename": str(e.filename or "")}
                except BaseException as e:  # noqa: BLE001 - handed to the job, which says it
                    code, said = _OTHER, {"what": f"{type(e).__name__}: {e}"[:500]}
                if said:
                    os.write(w, json.dumps(said).encode())
            finally:
                os._exit(code)  # no atexit, no flush of what the parent has buffered
        os.close(w)
        return cls(pid, r, path)

    def wait(self) -> None:
        if self.done:
            return
        with os.fdopen(self.fd, "rb") as f:
            said = f.read()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        code = os.waitstatus_to_exitcode(status)
        if code == 0:
            return
        try:
            info = json.loads(said) if said else {}
        except ValueError:
            info = {}
        if code == _SHOPBOOK and info:
            raise ShopbookError(info["zh"], info["en"], info["path"] or None)
        if code == _OS and info:
            raise OSError(info["errno"], info["strerror"], info["filename"] or None)
        what = info.get("what") or (f"signal {-code}" if code < 0 else f"exit code {code}")
        raise ShopbookError(f"写入 {self.path.name} 的进程意外结束（{what}）：没有改动任何文件。请再运行一次。",
                            f"The process writing {self.path.name} ended unexpectedly ({what}): no file was "
                            "changed. Run it again.", self.path)

    def stop(self) -> None:
        """The job failed elsewhere: the copy is ended and reaped (its temp file is the job's)."""
        if self.done:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.done = True
