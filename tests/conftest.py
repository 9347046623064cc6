"""The suite runs with records read from a workbook read-only (schema.base.ReadFields): a
change made in place to one would also change the parsed-sheet cache's copy.

The damaged files of tests/corpus/ are dated a day back when a clone has just made them: a
workbook cut short and written within the last seconds is taken as one another program is
still saving (io.files.being_saved), which a fresh clone's files would be."""

import os
import time
from pathlib import Path

import pytest



def _temp_folders_in_memory() -> None:
    """The tests' temp folders (tmp_path, the demo shop's copies, the `shopbook …` runs' own) on /dev/shm where it
    is a tmpfs with room, unless TMPDIR says where: every write of shopbook is atomic and synced (fsync of the file
    and its folder, 10 ms a write on this machine's disk, under 2 ms in memory), and the suite makes tens of
    thousands of writes (its tests 25 % quicker so, measured on eight files of them). Run here by the first process
    (pytest, before its workers start and its base temp folder is chosen): the workers and every process they start
    take it from the environment. pyproject's tmp_path_retention_policy = "failed" removes each passed test's folder
    as it ends, so the suite holds little memory at once."""
    import shutil
    import tempfile

    shm = Path("/dev/shm")
    if os.environ.get("TMPDIR") or os.environ.get("PYTEST_XDIST_WORKER") or not shm.is_dir() \
            or not os.access(shm, os.W_OK):
        return
    try:
        if shutil.disk_usage(shm).free < 4 << 30:  # (a container's 64 MiB /dev/shm: not there)
            return
    except OSError:
        return
    os.environ["TMPDIR"] = str(shm)
    tempfile.tempdir = None  # (asked again, from TMPDIR)


_temp_folders_in_memory()
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


def _workbooks_built_once() -> None:
    """A workbook write_workbook makes from the schema and a few records (shop.init_shop's blank
    ones, which hundreds of tests start from, and the small shops the tests' fixtures write again
    for each test: 0.05–0.1 s a workbook) built once a process for each content, its bytes written
    again for each later call by the same atomic write. write_workbook is deterministic (fixed
    times and zip dates: test_templates holds its output to the committed templates), so each call
    gets the bytes it would have made. A content is its workbook, language and records (their
    repr: each field's value and type). Put in place as this module is imported, before the test
    modules import write_workbook by name. More than MANY records (the demo's year) are built each
    time: holding their key and bytes would cost more than it saves."""
    import tempfile

    from shopbook import workbook_builder

    real = workbook_builder.write_workbook
    built: dict[tuple, bytes] = {}

    def write_workbook(path, spec, lang="zh", data=None, keep_backup=True):
        data = None if data is None else {model: list(rows) for model, rows in data.items()}
        if data is not None and sum(map(len, data.values())) > MANY:
            return real(path, spec, lang, data, keep_backup)
        key = (spec.key, spec.filename, spec.sheets, lang,
               None if data is None else tuple((m, tuple(map(repr, rows))) for m, rows in data.items()))
        if key not in built:
            with tempfile.TemporaryDirectory() as tmp:
                built[key] = real(Path(tmp) / spec.filename, spec, lang, data, False).read_bytes()
        made = built[key]
        return workbook_builder.write_atomic(Path(path), lambda p: p.write_bytes(made), keep_backup=keep_backup)

    workbook_builder.write_workbook = write_workbook


MANY = 2000
_workbooks_built_once()


def _charts_loaded_once() -> None:
    """matplotlib (pyplot and the CJK font's module) imported once a test worker, as tests/forkserver.py's server
    has it for the `shopbook …` runs: the daily job draws its e-mail's charts in a copy of itself forked as it
    starts (report.daily.ChartDrawer), which imported pyplot again for each in-process job (0.9 CPU-seconds a
    daily run: a fifth of the CPU of the daily job's test files). The copy still forks, loads what it lacks and
    draws; the tests of what a command imports start new Pythons (test_startup)."""
    import shopbook.report.charts  # noqa: F401 (first: it sets the backend before pyplot exists)

    import matplotlib.pyplot  # noqa: F401, I001


_charts_loaded_once()


@pytest.fixture
def demo_copy(tmp_path) -> Path:
    """A copy of the committed demo shop (xlsx/), without its parsed-sheet cache, at tmp_path/shop."""
    import shutil

    demo = Path(__file__).resolve().parent.parent / "xlsx"
    if not (demo / "orders.xlsx").exists():
        pytest.skip("no demo shop")
    return Path(shutil.copytree(demo, tmp_path / "shop", ignore=shutil.ignore_patterns(".shopbook-cache")))


@pytest.fixture
def demo_begun_early(tmp_path, monkeypatch):
    """A copy of the demo shop (xlsx/) whose sheets, small as they are, a command begins reading as
    it starts (io/prefetch: its thread's parse, and what is begun after it)."""
    import shutil
    import threading

    from shopbook.io import prefetch, reader

    demo = Path(__file__).resolve().parent.parent / "xlsx"
    if not (demo / "orders.xlsx").exists():
        pytest.skip("no demo shop")
    monkeypatch.setattr(prefetch, "WORTH_BYTES", 0)
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)
    folder = tmp_path / "shop"
    shutil.copytree(demo, folder, ignore=shutil.ignore_patterns(".shopbook-cache"))
    prefetch._ahead.clear()  # (what another test began and left: an in-process command that stopped early)
    prefetch._kept.clear()
    yield folder
    # the threads this test began ended first: one still unpacking would keep its XML in _kept after
    # the clear, for a later test that asserts nothing is kept
    for t in threading.enumerate():
        if t.name == "shopbook-prefetch":
            t.join(60)
    prefetch._ahead.clear()
    prefetch._kept.clear()



@pytest.fixture(params=["zh", "en"])
def stock_shop(tmp_path, request):
    """A new shop in each language whose stock.xlsx holds the sheets a test gives: `stock_shop(sheets)`
    makes it (in tmp_path/shop) and returns (folder, lang)."""
    from shopbook.schema import STOCK
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    def make(sheets: dict) -> tuple[Path, str]:
        folder = tmp_path / "shop"
        init_shop(folder, request.param)
        write_workbook(folder / "stock.xlsx", STOCK, request.param, sheets, keep_backup=False)
        return folder, request.param

    return make

@pytest.fixture(autouse=True)
def _command_built_once(monkeypatch):
    """Every in-process `shopbook …` (typer's CliRunner.invoke) on the click command built from the app once a worker
    (tests/cli_run.command_built_once, before for three modules only): invoke builds it anew on every call, each
    command's options read from its signature, 0.05–0.1 CPU-seconds a call and some 1,800 calls a suite run (a
    profile of a twelfth of the suite: 17 of its 248 seconds). The same command each time; each runs as before."""
    import typer.testing
    from cli_run import _built

    monkeypatch.setattr(typer.testing, "_get_command", _built)


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    """The command line's console wide enough for one line a message, a path whole, in every test (rich
    wraps at the terminal's width: 80 in a test worker, where a message then broke inside a word or
    not, by the length of the worker's temp path). Tests ask for it by name where they depend on it."""
    from shopbook import cli

    monkeypatch.setattr(cli.out, "width", 400)
    monkeypatch.setattr(cli.err, "width", 400)


@pytest.fixture(autouse=True)
def _command_line_mode_ends_with_its_test(monkeypatch):
    """A test that runs `shopbook` in this process (start.main) puts the worker in the command line's
    mode, where a job's parsed-sheet cache entries are kept for the process's end (cache.after_result)
    and not written as the job ends: every later test in that worker then missed the entries its jobs
    should have left (test_morning_speed failed in CI behind test_cli3_edges on one xdist worker);
    its --no-cache would turn the cache off for them."""
    from shopbook.io import cache

    monkeypatch.setattr(cache, "_at_exit", cache._at_exit)  # put back as it was when the test ends
    monkeypatch.setattr(cache, "disabled", cache.disabled)  # (--no-cache, which start.main reads first)


@pytest.fixture(scope="module")
def lite_main(tmp_path_factory):
    """xlwings Lite's main.py, generated from the ribbon and the cell functions and imported (as
    Lite runs it, under plain Python), once a module."""
    import importlib.util
    import sys

    from shopbook.addin.lite_files import write_lite

    folder = tmp_path_factory.mktemp("lite")
    write_lite(folder, "https://example.invalid/shopbook-0.1.0-py3-none-any.whl")
    spec = importlib.util.spec_from_file_location("lite_main", folder / "main.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    yield mod
    sys.modules.pop("lite_main", None)
