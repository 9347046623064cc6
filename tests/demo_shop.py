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
import os
import shutil
import tempfile
import time
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
    from shopbook import demo

    generate_demo = getattr(demo.generate_demo, "real", demo.generate_demo)  # (never copying_generate_demo's)
    if _base is not None:
        where = _base / f"shopbook-demo-{lang}"
        where.mkdir(parents=True, exist_ok=True)
        with _locked(_base / f"shopbook-demo-{lang}.lock") as shared:
            if shared:
                done = where / "done"  # written once the whole shop is there
                if not done.exists():
                    shutil.rmtree(where / "shop", ignore_errors=True)  # a worker stopped half-way
                    made = generate_demo(where / "shop", lang)
                    done.write_text("\n".join(p.name for p in made), encoding="utf-8")
                _made[lang] = done.read_text(encoding="utf-8").split("\n")
                return where / "shop"
    base = Path(tempfile.mkdtemp(prefix=f"shopbook-demo-{lang}-"))
    atexit.register(shutil.rmtree, base, True)
    _made[lang] = [p.name for p in generate_demo(base / "shop", lang)]
    return base / "shop"


_made: dict[str, list[str]] = {}  # the names of the files generate_demo returned, in its order


def demo_copy(dest: Path, lang: str = "zh") -> Path:
    """`dest` holding what generate_demo(dest, lang) makes (a fresh copy each call)."""
    shutil.copytree(_generated(lang), dest, dirs_exist_ok=True)
    return Path(dest)


def copying_generate_demo(real):
    """A stand-in for shopbook.demo.generate_demo (`real`) for a test that runs the `demo` command
    as a step on its way: the demo shop's language and day are copied from this run's generation
    (the same files: the demo is deterministic, test_demo holds it to the committed one) after
    the same refusal of a shop folder; any other call is the real one."""
    from shopbook.demo import DEMO_NAMES, DEMO_TODAY
    from shopbook.io.files import ensure_not_a_shop

    def generate_demo(folder=Path("xlsx"), lang: str = "zh", today=DEMO_TODAY):
        if today != DEMO_TODAY or lang not in ("zh", "en"):
            return real(folder, lang, today)
        folder = Path(folder)
        ensure_not_a_shop(folder, generated_for=DEMO_NAMES)
        demo_copy(folder, lang)
        return [folder / name for name in _made[lang]]

    generate_demo.real = real
    return generate_demo


@functools.lru_cache(maxsize=None)
def _november(lang: str) -> Path:
    from shopbook import demo

    generate_demo = getattr(demo.generate_demo, "real", demo.generate_demo)
    base = Path(tempfile.mkdtemp(prefix=f"shopbook-november-{lang}-"))
    atexit.register(shutil.rmtree, base, True)
    days, demo.DAYS = demo.DAYS, 25
    try:
        made = generate_demo(base / "shop", lang)
    finally:
        demo.DAYS = days
    day_ago = time.time() - 86400  # dated as the committed demo's copies are: not a file just saved
    for p in made:
        os.utime(p, (day_ago, day_ago))
    return base / "shop"


def november_copy(dest: Path, lang: str = "zh") -> Path:
    """`dest` holding the demo shop of its last 25 days (all of November so far: the same books, sheets,
    report day and kinds of rows as the demo's 120 days, a fifth the size, as test_concurrency's
    demo_template), for a test of what a command does with a whole shop that does not test its size;
    generated once a test process (2 CPU-seconds), a fresh copy each call. Its files are dated a day
    back, as a copy of the committed demo's are (a workbook written seconds ago is one that may still be
    being saved: a run record does not stand on it)."""
    shutil.copytree(_november(lang), dest, dirs_exist_ok=True)
    return Path(dest)
