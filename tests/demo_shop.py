"""The demo shop for tests that only start from it: generated once per test process (each
language), then copied for each test. Generating it writes a year of orders with openpyxl (about
7 s); a copy takes a tenth of a second. Tests of the generator itself (test_demo, test_validate)
still generate it."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path


@functools.lru_cache(maxsize=None)
def _generated(lang: str) -> Path:
    from shopbook.demo import generate_demo

    base = Path(tempfile.mkdtemp(prefix=f"shopbook-demo-{lang}-"))
    atexit.register(shutil.rmtree, base, True)
    generate_demo(base / "shop", lang)
    return base / "shop"


def demo_copy(dest: Path, lang: str = "zh") -> Path:
    """`dest` holding what generate_demo(dest, lang) makes (a fresh copy each call)."""
    shutil.copytree(_generated(lang), dest, dirs_exist_ok=True)
    return Path(dest)
