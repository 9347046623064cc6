"""Run records: what a whole job found, kept for the very inputs it found it in.

`validate` and `daily` are pure functions of the shop's files (the workbooks, shopbook.toml,
inbox/), shopbook's own code and the day. When none of those changed since the last run, the
answer is the one that run gave: the record says so at once instead of reading and checking
300,000 records again (`shopbook validate` twice in a row, the owner pressing 日报 after the
8:00 job). Like the parsed-sheet cache (io.cache) the records live in `.shopbook-cache/`, are
plain JSON (data, never code), written by temp file and rename, used only on an exact match
of every input's SHA-256, never a source of truth and removable at any time; `--no-cache`,
SHOPBOOK_NO_CACHE=1 and `[cache] enabled = false` turn them off with the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from .. import __version__
from . import cache, files

FORMAT = 1
_code: str | None = None


def code_version() -> str:
    """Every file of the shopbook package (a change to any rule makes every record a miss)."""
    global _code
    if _code is None:
        root = Path(__file__).resolve().parents[1]
        h = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
        for f in sorted(root.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
                h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
        _code = h.hexdigest()
    return _code


def _base(more: dict) -> dict:
    return {"format": FORMAT, "code": code_version(), **more}


def file_state(path: Path) -> list | None | bool:
    """[size, sha256] of a regular file, None when it is absent, False when it is anything
    else (a folder, a FIFO, unreadable): then no record is used, the job reports it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    try:
        return [st.st_size, files.hash_of(Path(path), st)]
    except OSError:
        return False


def inputs(folder: Path, names, **more) -> dict | None:
    """The key of a run: the code, each named file of the folder, and `more` (the day, the
    options). None when a file is not one a record can stand for."""
    key = _base(more)
    for name in names:
        state = file_state(Path(folder) / name)
        if state is False:
            return None
        key[f"file:{name}"] = state
    return key


def as_left(folder: Path, names, **more) -> dict | None:
    """The key of the files as the job running under the shop lock read or wrote them (the
    lost-update check's fingerprints), not as they are now: a person's save just after the
    job's last write must not be recorded as seen. None when a file changed since, or was
    never read."""
    key = _base(more)
    for name in names:
        path = Path(folder) / name
        fp = files._seen.get(os.path.realpath(path), False)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            if fp is not None:  # absent now, but the job saw one (or never looked)
                return None
            key[f"file:{name}"] = None
            continue
        except OSError:
            return None
        if not fp or (fp.size, fp.mtime_ns) != (st.st_size, st.st_mtime_ns):
            return None
        key[f"file:{name}"] = [fp.size, fp.sha256]
    return key


def worth(paths) -> bool:
    """Whether a record would save anything: some workbook as big as the cache's smallest
    (a small shop validates in less time than the record takes to check; and its folder
    gets no .shopbook-cache/ for nothing)."""
    for p in paths:
        try:
            if os.stat(p).st_size >= cache.MIN_BYTES:
                return True
        except OSError:
            pass
    return False


def enabled(folder: Path) -> bool:
    return cache.enabled(Path(folder) / "shopbook.toml")


def _path(folder: Path, job: str) -> Path:
    return Path(folder) / cache.CACHE_DIR / f"{job}.run.json"


def load(folder: Path, job: str, key: dict | None) -> dict | None:
    """The recorded result of `job` for exactly `key`, or None."""
    if key is None or not enabled(folder):
        return None
    try:
        # only a regular file (files.open_regular): a FIFO where the record goes blocked the open for ever
        with os.fdopen(files.open_regular(_path(folder, job)), "rb") as f:
            rec = json.loads(f.read(8 << 20))
        return rec["result"] if rec.get("key") == key else None
    except Exception:  # noqa: BLE001 - absent, damaged, another version's: a miss, never an error
        return None


def still(folder: Path, key: dict) -> bool:
    """Whether the files of `key` are still as it says (nothing changed while the job ran)."""
    for k, v in key.items():
        if k.startswith("file:") and file_state(Path(folder) / k[5:]) != v:
            return False
    return True


def store(folder: Path, job: str, key: dict | None, result: dict) -> None:
    """Record `result` for `key`. Best effort: a record that cannot be written is no record."""
    if key is None or not enabled(folder):
        return
    try:
        cache.put(_path(folder, job), json.dumps({"key": key, "result": result}, ensure_ascii=False).encode())
    except Exception:  # noqa: BLE001 - a read-only share, a full disk
        return


def forget(folder: Path, job: str) -> None:
    try:
        _path(folder, job).unlink()
    except OSError:
        pass
