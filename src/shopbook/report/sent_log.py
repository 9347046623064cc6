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


def when(log: Path, *fields: str) -> str | None:
    """When `fields` were last noted in `log`, or None."""
    if not log.is_file():
        return None
    want = _fields(fields)
    for line in reversed(log.read_text(encoding="utf-8").splitlines()):
        parts = line.split("\t")
        if len(parts) == len(want) + 1 and parts[:-1] == want:
            return parts[-1]
    return None
