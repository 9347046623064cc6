"""What went out, by what it said: a report's e-mail (outbox/reports-sent.log) and each group
bot's message (outbox/bots/pushed.log) are noted with a digest of their text, so that `daily` run
again with nothing changed sends nobody the same words twice. A message that went is noted before
it is moved to sent/ (to_sent): one Windows would not move is moved by the next --retry, never sent again."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from pathlib import Path


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# the time a waiting e-mail (.eml) or group message (.json) is named by: the shop's, with its offset, as a person reads
# every other time of the shop (backups, doctor), whichever zone the PC that made it keeps (20261206-091000-123456+0800)
# (an offset only as a zone has one, 00–14 hours and 00/15/30/45 minutes: an older name without one goes on with its
# subject, whose own digits — a shop named 2046小店 — were taken for an offset of -20:46)
_STAMPED = re.compile(r"(\d{8}-\d{6}-\d{6})([+-](?:0\d|1[0-4])(?:00|15|30|45))?-")


def stamp() -> str:
    """Now, as an outbox file's name begins: in the shop's time (files.shop_clock), its offset with it. Named in the
    PC's own time before, a till set to UTC named its messages 8 hours before the office's on the same shared
    folder, and `--retry` sent (and kept as the newest of a report) them in that wrong order."""
    from ..io.files import shop_clock

    return shop_clock(time.time()).strftime("%Y%m%d-%H%M%S-%f%z")


def made_at(p: Path) -> float:
    """When outbox file `p` was made (seconds since the epoch), whatever zone named it: the time in its name with
    its offset; for a name without one (an older shopbook's, in the zone of the PC that made it, which it does not
    say), the file's modification time, the moment it was written on any PC."""
    m = _STAMPED.match(p.name)
    if m and m.group(2):
        try:
            return dt.datetime.strptime(m.group(1) + m.group(2), "%Y%m%d-%H%M%S-%f%z").timestamp()
        except ValueError:
            pass
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def oldest_first(paths) -> list[Path]:
    """Outbox files in the order they were made (made_at), the name deciding a tie."""
    return sorted(paths, key=lambda p: (made_at(p), p.name))


def _fields(fields: tuple[str, ...]) -> list[str]:
    return [str(f).replace("\t", " ").replace("\n", " ") for f in fields]


def note(log: Path, *fields: str) -> None:
    """`fields` and the time, one line of `log` (made with its folder). The time in the shop's (files.shop_clock), as
    a person reads it (the same message went out at …) beside every other time of the shop, and as every PC of a
    shared folder reads it back: in the PC's own, a cron server in UTC noted 01:05 for the office's 09:05, and a PC
    of another zone took a message its --retry had pushed for one not pushed since it was kept, and pushed it again."""
    from ..io.files import open_log, shop_clock

    with open_log(log) as f:
        f.write("\t".join(_fields(fields) + [f"{shop_clock(time.time()):%Y-%m-%d %H:%M}"]) + "\n")
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


def to_sent(folder: Path, p: Path) -> Path:
    """A message that went out (noted first) moved to `folder`/sent/; where it is: left where it was when
    Windows refuses the move (open in a program, being scanned or synced), for the next --retry to move."""
    from ..io.files import make_dirs

    dest = folder / "sent" / p.name
    make_dirs(dest.parent)
    try:
        os.replace(p, dest)
    except PermissionError:  # (the job goes on: the message went, and its log says so)
        return p
    return dest


def noted_since(log: Path, kept: Path, *fields: str) -> str | None:
    """When `fields` were last noted in `log`, where that was at or after `kept` (a waiting copy) was written:
    that copy went out, and only its move was left. None otherwise (the same words that went before it was
    kept, pushed again on purpose: it is for --retry to send)."""
    from ..io.files import shop_clock

    at = when(log, *fields)
    if at is None:
        return None
    try:
        written = shop_clock(kept.stat().st_mtime).strftime("%Y-%m-%d %H:%M")  # (as note says its times)
    except OSError:
        return None
    return at if at >= written else None
