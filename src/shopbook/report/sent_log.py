"""What went out, by what it said: a report's e-mail (outbox/reports-sent.log) and each group
bot's message (outbox/bots/pushed.log) are noted with a digest of their text, so that `daily` run
again with nothing changed sends nobody the same words twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _fields(fields: tuple[str, ...]) -> list[str]:
    return [str(f).replace("\t", " ").replace("\n", " ") for f in fields]


def note(log: Path, *fields: str) -> None:
    """`fields` and the time, one line of `log` (made with its folder)."""
    from ..io.files import open_log

    with open_log(log) as f:
        f.write("\t".join(_fields(fields) + [f"{dt.datetime.now():%Y-%m-%d %H:%M}"]) + "\n")
        f.flush()
        os.fsync(f.fileno())


def text(log: Path) -> str:
    """`log`'s lines as they can be read: two colleagues' runs appending over a network share, or a crash
    mid-line, leave a character cut in two or a run of NULs (Windows' crash); such a line matches nothing,
    where it stopped every e-mail and push from then on as 'a file could not be read', naming none."""
    return log.read_bytes().decode("utf-8", "replace").replace("\x00", "\n")


def when(log: Path, *fields: str) -> str | None:
    """When `fields` were last noted in `log`, or None."""
    if not log.is_file():
        return None
    want = _fields(fields)
    for line in reversed(text(log).splitlines()):
        parts = line.split("\t")
        if len(parts) == len(want) + 1 and parts[:-1] == want:
            return parts[-1]
    return None
