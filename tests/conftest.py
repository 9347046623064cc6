"""The suite runs with records read from a workbook read-only (schema.base.ReadFields): a
change made in place to one would also change the parsed-sheet cache's copy.

The damaged files of tests/corpus/ are dated a day back when a clone has just made them: a
workbook cut short and written within the last seconds is taken as one another program is
still saving (io.files.being_saved), which a fresh clone's files would be."""

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("SHOPBOOK_STRICT_RECORDS", "1")
# a read meeting a workbook being saved says so at once; the tests of the wait set their own
os.environ.setdefault("SHOPBOOK_SAVE_WAITS", "")

_day_ago = time.time() - 86400
for _p in (Path(__file__).parent / "corpus").iterdir():
    if _p.is_file() and _p.stat().st_mtime > _day_ago:
        os.utime(_p, (_day_ago, _day_ago))


@pytest.fixture(scope="session", autouse=True)
def _demo_shop_shared_by_the_workers(tmp_path_factory):
    """tests/demo_shop.py generates the demo once for the run: in the run's base temp folder,
    which the pytest-xdist workers' own base folders are in."""
    import demo_shop

    base = tmp_path_factory.getbasetemp()
    demo_shop.set_base(base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base)


@pytest.fixture(scope="session", autouse=True)
def _blank_workbooks_built_once():
    """A new shop's blank workbooks (shop.init_shop, which hundreds of tests start from: 0.25 s a shop)
    built from the schema once a process, their bytes written again for each new shop by the same
    atomic write. write_workbook is deterministic (test_templates holds its output to the committed
    templates); a workbook given data is built every time, as is anything a test builds itself."""
    import tempfile

    from shopbook import workbook_builder

    real = workbook_builder.write_workbook
    built: dict[tuple[str, str], bytes] = {}

    def write_workbook(path, spec, lang="zh", data=None, keep_backup=True):
        if data is not None:
            return real(path, spec, lang, data, keep_backup)
        if (spec.key, lang) not in built:
            with tempfile.TemporaryDirectory() as tmp:
                built[spec.key, lang] = real(Path(tmp) / spec.filename, spec, lang, None, False).read_bytes()
        blank = built[spec.key, lang]
        return workbook_builder.write_atomic(Path(path), lambda p: p.write_bytes(blank), keep_backup=keep_backup)

    workbook_builder.write_workbook = write_workbook
    yield
    workbook_builder.write_workbook = real


@pytest.fixture
def demo_begun_early(tmp_path, monkeypatch):
    """A copy of the demo shop (xlsx/) whose sheets, small as they are, a command begins reading as
    it starts (io/prefetch: its thread's parse, and what is begun after it)."""
    import shutil

    from shopbook.io import prefetch, reader

    demo = Path(__file__).resolve().parent.parent / "xlsx"
    if not (demo / "orders.xlsx").exists():
        pytest.skip("no demo shop")
    monkeypatch.setattr(prefetch, "WORTH_BYTES", 0)
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)
    folder = tmp_path / "shop"
    shutil.copytree(demo, folder, ignore=shutil.ignore_patterns(".shopbook-cache"))
    yield folder
    prefetch._ahead.clear()
