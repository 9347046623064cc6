"""A small shop a test file's fixture writes for each test (init_shop and a few writes: 0.05–0.15 s,
more on a loaded machine), built once a process for each key and copied for each later call (2 ms).
What a build makes depends on nothing but the code (write_workbook's fixed times and zip dates, the
.shopbook-backup records of shopbook's own writes hashing the same bytes), so a copy is the folder a
build would have made; its files get new times, as if just written. A folder already there is built
on, as before."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

_built: dict[object, Path] = {}


def built_once(folder: Path, key: object, build: Callable[[Path], object]) -> None:
    """`folder` as build(folder) makes it, copied from the first build of `key` in this process."""
    folder = Path(folder)
    if folder.exists():
        build(folder)
        return
    made = _built.get(key)
    if made is None or not made.is_dir():
        base = Path(tempfile.mkdtemp(prefix="shopbook-built-once-"))
        atexit.register(shutil.rmtree, base, True)
        build(base / "shop")
        made = _built[key] = base / "shop"
    shutil.copytree(made, folder, copy_function=shutil.copyfile)
