"""The demo shop for tests that only start from it: generated once per test run (each language),
then copied for each test. Generating it writes a year of orders with openpyxl (about 10 s); a
copy takes a tenth of a second. Tests of the generator itself (test_demo's English demo,
test_validate's regeneration) still call generate_demo themselves.

Under pytest-xdist the workers share one generation: the first to need a language generates it
into the run's base temp folder (under an exclusive lock) and the others wait for it and copy it,
instead of each worker generating its own. Never read or run anything in the generated folder
itself (the parsed-sheet cache would write beside it): only `demo_copy` it."""

from __future__ import annotations

import atexit
import contextlib
import functools
import shutil
import tempfile
from pathlib import Path

_base: Path | None = None  # the run's base temp folder, set by conftest's session fixture


def set_base(path: Path) -> None:
    global _base
    _base = Path(path)


@contextlib.contextmanager
def _locked(path: Path):
    try:
        import fcntl
    except ImportError:  # (Windows) no lock: each process generates its own below
        yield False
        return
    with open(path, "a+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


@functools.lru_cache(maxsize=None)
def _generated(lang: str) -> Path:
    from shopbook.demo import generate_demo

    if _base is not None:
        where = _base / f"shopbook-demo-{lang}"
        where.mkdir(parents=True, exist_ok=True)
        with _locked(_base / f"shopbook-demo-{lang}.lock") as shared:
            if shared:
                done = where / "done"  # written once the whole shop is there
                if not done.exists():
                    shutil.rmtree(where / "shop", ignore_errors=True)  # a worker stopped half-way
                    generate_demo(where / "shop", lang)
                    done.write_text("ok")
                return where / "shop"
    base = Path(tempfile.mkdtemp(prefix=f"shopbook-demo-{lang}-"))
    atexit.register(shutil.rmtree, base, True)
    generate_demo(base / "shop", lang)
    return base / "shop"


def demo_copy(dest: Path, lang: str = "zh") -> Path:
    """`dest` holding what generate_demo(dest, lang) makes (a fresh copy each call)."""
    shutil.copytree(_generated(lang), dest, dirs_exist_ok=True)
    return Path(dest)
