"""A command's biggest read begun as it starts (io/prefetch, shopbook.start): the read takes it
only when it is of the very file it opens, gives what a read of its own gives (tests/
test_arrow_read.py compares the two on every case there), imports nothing on its thread, and never
keeps the command from its quick exit. Real workbooks, written and read back."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytest.importorskip("fastexcel")

from shopbook import start  # noqa: E402
from shopbook.io import prefetch, reader  # noqa: E402
from shopbook.schema import ORDERS, OrderLine  # noqa: E402



@pytest.fixture
def shop(demo_begun_early, monkeypatch):
    from shopbook.io import cache

    monkeypatch.setattr(cache, "disabled", cache.disabled)  # (put back after: `--no-cache` in a command line sets it)
    return demo_begun_early


def _records(path: Path) -> list:
    return [r.__dict__ for r in reader._read_workbook(path, ORDERS, (OrderLine,)).rows(OrderLine)]


def _taken(monkeypatch) -> list:
    took: list = []
    real = prefetch.take

    def spy(raw, part):
        a = real(raw, part)
        took.append(a is not None and a.parse_from(a.first) is not prefetch.MISSED)
        return a

    monkeypatch.setattr(prefetch, "take", spy)
    return took


def test_a_begun_read_is_taken_and_gives_the_same_records(shop, monkeypatch):
    plain = _records(shop / "orders.xlsx")
    took = _taken(monkeypatch)
    prefetch.begin_in(shop)  # the shop folder: its orders.xlsx
    assert _records(shop / "orders.xlsx") == plain
    assert took == [True]  # the thread's parse was the one used
    assert not prefetch._ahead


def test_a_workbook_changed_after_it_was_begun_is_read_as_it_is_now(shop, monkeypatch):
    """Begun on one version, read after another program saved a new one: the new one is read."""
    import python_calamine
    from cli_run import type_in

    book = shop / "orders.xlsx"
    prefetch.begin(book)
    prefetch._ahead[str(book.resolve())].done.wait(30)
    with python_calamine.CalamineWorkbook.from_path(str(book)) as wb:
        head = wb.get_sheet_by_name("订单").to_python(nrows=1)[0]
    time.sleep(0.01)
    type_in(book, "订单", {(2, next(h for h in head if "买家" in str(h))): "改过的买家"})
    took = _taken(monkeypatch)
    got = _records(book)
    assert took == [False]
    assert "改过的买家" in {v for r in got for v in r.values()}
    prefetch.begin(book)  # and begun again on this version: taken, the same records
    took.clear()
    assert _records(book) == got and took == [True]


def test_the_package_is_checked_once_where_the_thread_checked_this_very_version(shop, monkeypatch):
    """The thread runs the read's checks of the package (check_workbook: its testzip unpacks every
    part) before its parse; the read of that version does not run them again. A version saved
    since (the same bytes, a new time) is checked by the read as ever."""
    import os

    calls: list = []
    real = prefetch.check_workbook

    def counting(path):
        calls.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(prefetch, "check_workbook", counting)
    monkeypatch.setattr(reader, "check_workbook", counting)
    book = shop / "orders.xlsx"
    plain = _records(book)
    assert calls == ["orders.xlsx"]  # nothing begun: the read's own
    calls.clear()
    prefetch.begin(book)
    assert _records(book) == plain
    assert calls == ["orders.xlsx"]  # the thread's, once
    calls.clear()
    prefetch.begin(book)
    prefetch._ahead[str(book.resolve())].done.wait(30)
    st = book.stat()
    os.utime(book, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    assert _records(book) == plain
    assert calls == ["orders.xlsx", "orders.xlsx"]  # the thread's, and the read's own of the new version


def test_begun_in_a_process_and_read_in_a_forked_child_the_child_reads_for_itself(shop):
    """A child forked with the entry but without the thread (validate's second process) never
    waits on it."""
    if not hasattr(__import__("os"), "fork"):
        pytest.skip("no fork here")
    code = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        from shopbook.io import prefetch, reader
        from shopbook.schema import ORDERS, OrderLine
        prefetch.WORTH_BYTES = 0
        reader.ARROW_MIN_BYTES = 0
        real = prefetch._work
        prefetch._work = lambda a: None  # the thread does nothing: its events are never set
        book = Path({str(shop / "orders.xlsx")!r})
        prefetch.begin(book)
        pid = os.fork()
        if pid == 0:
            n = len(reader._read_workbook(book, ORDERS, (OrderLine,)).rows(OrderLine))
            os._exit(0 if n > 0 else 3)
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status))
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=50)
    assert r.returncode == 0, r.stderr


def test_the_thread_imports_nothing(shop):
    """Every module its work calls is imported before it starts (an import on two threads at once
    can meet a package half-initialized; a fork while the thread held an import lock would leave
    the child stuck on it). An audit hook records each import and the thread that made it."""
    code = textwrap.dedent(f"""
        import sys, threading
        seen = []
        sys.addaudithook(lambda ev, args: ev == "import" and seen.append((threading.current_thread().name, args[0])))
        from shopbook import start
        from shopbook.io import prefetch
        prefetch.WORTH_BYTES = 0
        start.begin_for(["--no-cache", "daily", {str(shop)!r}, "--date", "2026-11-21"])
        (a,) = prefetch._ahead.values()
        assert a.done.wait(60)
        assert a.rows is not None and a.parsed not in (None, prefetch.MISSED), "nothing was parsed"
        a.scans.result()
        on_thread = [x for x in seen if x[0] != "MainThread"]
        print(len(seen), on_thread)
        sys.exit(1 if on_thread else 0)
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("args, begun", [
    (["daily", "{shop}", "--date", "2026-11-21"], "orders.xlsx"),
    (["--no-cache", "orders", "import", "{shop}", "a.csv"], "orders.xlsx"),
    (["orders", "morning", "{shop}"], "orders.xlsx"),
    (["validate", "{shop}/orders.xlsx"], "orders.xlsx"),
    (["validate", "{shop}/stock.xlsx"], "stock.xlsx"),  # the workbook named
    (["daily", "--date", "2026-11-21", "{shop}"], None),  # an option first: nothing (the command begins it)
    (["daily", "--help"], None),
    (["ledger", "{shop}"], None),  # a command that does not read orders.xlsx whole
    (["orders", "follow-up", "{shop}"], None),
    (["daily", "{shop}/nowhere"], None),
    (["daily", "a\0b"], None),  # a name no file can have: nothing, and no error
    ([], None),
])
def test_the_command_line_is_looked_at_before_it_is_parsed(shop, args, begun):
    start.begin_for([a.replace("{shop}", str(shop)) for a in args])
    assert [Path(k).name for k in prefetch._ahead] == ([begun] if begun else [])


@pytest.mark.parametrize("off", ["--no-cache", "SHOPBOOK_NO_CACHE", None])
def test_an_entry_the_read_will_not_use_does_not_keep_the_parse_from_beginning(shop, monkeypatch, off):
    """An entry written since orders.xlsx was means the cache will likely serve the read: nothing is
    begun. With the cache off (the option, read from the command line before it is parsed, or the
    variable), it will not serve: the parse is begun as on a shop without one."""
    from shopbook.io import cache

    monkeypatch.setattr(cache, "disabled", off == "SHOPBOOK_NO_CACHE")  # (as the variable sets it at import)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    entry = cache.entry_path(shop / "orders.xlsx", ORDERS.key, None)
    entry.parent.mkdir()
    entry.write_bytes(b"an entry written after the workbook")
    args = ["orders", "morning", str(shop)]
    start.begin_for(["--no-cache", *args] if off == "--no-cache" else args)
    assert bool(prefetch._ahead) is (off is not None)
    assert cache.disabled is (off is not None)


def test_a_begun_parse_nobody_took_does_not_keep_the_command_from_its_quick_exit(shop):
    """The parse only reads: the command ends without waiting for it (cli._nothing_left_open, in a
    process of its own: pytest's own threads and capture files would say no)."""
    code = textwrap.dedent(f"""
        import sys, threading
        from shopbook import cli
        from shopbook.io import prefetch
        prefetch.WORTH_BYTES = 0
        release = threading.Event()
        real_load = prefetch.load
        prefetch.load = lambda *a: (release.wait(30), real_load(*a))[1]
        prefetch.begin_in({str(shop)!r})
        (a,) = prefetch._ahead.values()
        assert a.ready.wait(30) and a.rows is not None
        assert any(t.name == "shopbook-prefetch" and t.is_alive() for t in threading.enumerate())
        print(cli._nothing_left_open())
        release.set()
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "True", r.stdout + r.stderr


def test_nothing_is_begun_where_an_open_file_cannot_be_replaced(shop, monkeypatch):
    """On Windows a file Python holds open cannot be renamed over: a read begun before the shop's
    lock would make another person's job fail to write it. There the command reads after the lock."""
    monkeypatch.setattr(prefetch, "RENAME_OVER_OPEN", False)
    prefetch.begin_in(shop)
    start.begin_for(["daily", str(shop)])
    assert not prefetch._ahead


def test_the_early_look_names_what_the_commands_and_the_schema_say():
    """start.READS_ORDERS and prefetch.ORDERS_FILE are written out (typer and pydantic's models are
    not imported yet where they are used): they must stay the commands that call cli._read_early and
    the schema's file name."""
    import inspect

    from shopbook import cli

    def words(cmd) -> tuple[str, ...]:
        name = cmd.name or cmd.callback.__name__.replace("_", "-")
        return (name,)

    calling = set()
    for c in cli.app.registered_commands:
        if "_read_early(" in inspect.getsource(c.callback):
            calling.add(words(c))
    for g in cli.app.registered_groups:
        for c in g.typer_instance.registered_commands:
            if "_read_early(" in inspect.getsource(c.callback):
                calling.add((g.name, *words(c)))
    assert calling == start.READS_ORDERS
    assert prefetch.ORDERS_FILE == ORDERS.filename


def _edited(book: Path, monkeypatch, keep: bool) -> tuple[dict[str, bytes], list[str]]:
    """orders.xlsx read (begun early with `keep`, as a command that rewrites it begins it) and a
    review's two cells set in each of its lines: the parts written, and the parts the write unpacked
    from it."""
    import zipfile

    from shopbook.io import sheet_edit
    from shopbook.io.sheet_edit import SheetEdit, edit_workbook

    monkeypatch.setattr(sheet_edit, "AHEAD_BYTES", 0)  # (the demo's workbook is small: read beside the plan)
    prefetch.begin(book, keep=keep)
    wd = reader._read_workbook(book, ORDERS, (OrderLine,))
    cells = {ln.row: {"status": "已审核", "review": "通过"} for ln in wd.rows(OrderLine)}
    unpacked: list[str] = []
    real = zipfile.ZipFile.read

    def read(z, name, pwd=None):
        if Path(str(z.filename)) == book:
            unpacked.append(getattr(name, "filename", name))
        return real(z, name, pwd)

    monkeypatch.setattr(zipfile.ZipFile, "read", read)
    edit_workbook(book, [SheetEdit(OrderLine, set_cells=cells, layout=wd.sheets[OrderLine])])
    monkeypatch.setattr(zipfile.ZipFile, "read", real)
    with zipfile.ZipFile(book) as z:
        return {n: z.read(n) for n in z.namelist()}, unpacked


def test_a_command_that_rewrites_the_workbook_patches_the_xml_the_thread_unpacked(shop, tmp_path, monkeypatch):
    """begin(keep=True), as the commands that rewrite orders.xlsx begin it: its patch takes the sheet's
    XML the thread unpacked (kept_xml) and does not unpack it again, and writes the very bytes a patch
    that unpacks it writes."""
    import shutil

    other = tmp_path / "other"
    shutil.copytree(shop, other)
    plain, unpacked_plain = _edited(other / "orders.xlsx", monkeypatch, keep=False)
    kept, unpacked_kept = _edited(shop / "orders.xlsx", monkeypatch, keep=True)
    part = "xl/worksheets/sheet1.xml"
    assert unpacked_plain.count(part) == 1 and part not in unpacked_kept
    assert kept.keys() == plain.keys()
    assert {n: b for n, b in kept.items() if n != "docProps/core.xml"} == {
        n: b for n, b in plain.items() if n != "docProps/core.xml"}
    assert b"\xe9\x80\x9a\xe8\xbf\x87" in kept[part]  # 通过: the cells were set
    assert not prefetch._kept


def test_the_kept_xml_is_given_once_and_only_for_the_version_it_was_unpacked_from(shop, monkeypatch):
    import os
    import zipfile

    from shopbook.io import limits

    book = shop / "orders.xlsx"
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(book) as z:
        xml = z.read(part)

    def begun(keep: bool = True) -> None:
        prefetch.begin(book, keep=keep)
        prefetch._ahead[str(book.resolve())].done.wait(30)

    begun()
    assert prefetch.kept_xml(book, "xl/worksheets/sheet2.xml") is None  # another part: none, and it goes
    assert prefetch.kept_xml(book, part) is None
    prefetch._ahead.clear()
    begun()
    assert prefetch.kept_xml(book, part) == xml
    assert prefetch.kept_xml(book, part) is None  # once
    prefetch._ahead.clear()
    begun()
    st = book.stat()
    os.utime(book, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # saved again since
    assert prefetch.kept_xml(book, part) is None
    prefetch._ahead.clear()
    begun(keep=False)  # a command that only reads (validate) keeps nothing
    assert not prefetch._kept
    prefetch._ahead.clear()
    monkeypatch.setattr(limits, "STREAM_BYTES", len(xml))  # a sheet patched as a stream is never held whole
    begun()
    assert not prefetch._kept


@pytest.mark.parametrize("args, kept", [(["orders", "morning"], True), (["daily"], True), (["picklist"], True),
                                        (["validate"], False)])
def test_the_commands_that_rewrite_orders_keep_the_xml_and_validate_does_not(shop, args, kept):
    start.begin_for([*args, str(shop)])
    prefetch._ahead[str((shop / "orders.xlsx").resolve())].done.wait(30)
    assert bool(prefetch._kept) is kept
