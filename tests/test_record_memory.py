"""Records take less memory, and are the same records (issue 20, peak RSS of `daily`).

Each record's __dict__ shares its key table with its class (io.reader.record_prototype), and the
Arrow read and the parsed-sheet cache make each distinct SKU, status text or ship date once
(io.cache.shared_pylist / shared_objects). Real .xlsx files of more rows than the look at a
column's first values (bad cells, a required blank, blank rows, a totals row, a formula error,
money typed as text, dates with blanks) are read by the row reader, the Arrow read and back
from a cache entry, each with these and with the plain ways (a plain dict per record, one
object per cell) patched back in: the same records, with their types, key order, issues and
notes."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("fastexcel")
pytest.importorskip("pyarrow")

from shopbook.io import arrow_read, cache, reader  # noqa: E402
from shopbook.schema import ORDERS, OrderLine  # noqa: E402
from test_arrow_read import dump  # noqa: E402

N = 5000  # more than twice the first values a column is judged on (cache._SAMPLE)
SKUS = [f"SKU{k:03d}" for k in range(40)]


def orders_book(path: Path, odd: bool) -> Path:
    """orders.xlsx of N lines: 40 SKUs, 30 ship days (and blanks), two lines an order. `odd`:
    money typed as text and a quantity in words too (the row reader's cells, not Arrow's). Made
    once a process with openpyxl (2 s) and written out again for each test that asks."""
    path.write_bytes(_orders_book(odd))
    return path


@functools.lru_cache(maxsize=None)
def _orders_book(odd: bool) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return _make_orders_book(Path(tmp) / "orders.xlsx", odd).read_bytes()


def _make_orders_book(path: Path, odd: bool) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append([c.col.zh for c in OrderLine.columns()])
    names = [c.name for c in OrderLine.columns()]
    day0 = dt.datetime(2026, 1, 1, 9, 30)
    for k in range(N):
        row = dict(order_no=f"T{k // 2:06d}", paid_at=day0 + dt.timedelta(minutes=7 * k), receiver=f"张{k % 97}",
                   phone=f"138{k:08d}", address=f"广东省广州市天河区{k % 13}号", sku=SKUS[k % 40], qty=k % 5 + 1,
                   unit_price=12.5 + k % 7, status="已发货" if k % 3 else "待审核",
                   shipped_on=None if k % 4 == 0 else dt.date(2026, 1, 1) + dt.timedelta(days=k % 30),
                   courier="顺丰" if k % 2 else None, buyer_message=" 请尽快 " if k % 50 == 0 else None)
        ws.append([row.get(n) for n in names])
    ws.append([None] * len(names))  # a blank row
    ws.append(["T999998", None, None, None, None, None, None, "13800000000", "某地", "SKU001", 1])  # receiver blank
    if odd:
        ws.cell(8, names.index("unit_price") + 1, "¥12.50")
        ws.cell(9, names.index("qty") + 1, "两")
        ws.cell(10, names.index("shipped_on") + 1, "2026/1/3")
    ws.append(["合计"] + [None] * (names.index("qty") - 1) + [sum(k % 5 + 1 for k in range(N)) + 1])
    for row in ws.iter_rows(min_row=2, min_col=names.index("shipped_on") + 1, max_col=names.index("shipped_on") + 1):
        row[0].number_format = "yyyy-mm-dd"
    wb.save(path)
    # a formula whose cached value is an error, as Excel saves it: unit_price of the 6th line
    ref = f"{openpyxl.utils.get_column_letter(names.index('unit_price') + 1)}7"
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml, n = re.subn(rf'<c r="{ref}"[^>]*>.*?</c>', f'<c r="{ref}" t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml, count=1)
    assert n == 1
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _plain(monkeypatch):
    """The ways before: a plain dict per record, a new object per cell."""
    monkeypatch.setattr(reader, "record_prototype", lambda model, keys: dict.fromkeys(keys))  # a plain dict
    monkeypatch.setattr(cache, "shared_pylist", lambda arr: arr.to_pylist())
    monkeypatch.setattr(cache, "shared_objects", lambda a: a.astype(object).tolist())
    monkeypatch.setattr(arrow_read, "shared_pylist", lambda arr: arr.to_pylist())
    monkeypatch.setattr(arrow_read, "shared_objects", lambda a: a.astype(object).tolist())


def _reads(path: Path, monkeypatch) -> dict:
    """{way: WorkbookData}: the row reader, the Arrow read (None where it left the sheet to the
    row reader), and each read back from a cache entry."""
    took = []
    real = arrow_read.read_sheet

    def spy(*args):
        sd = real(*args)
        took.append(sd is not None)
        return sd

    monkeypatch.setattr(arrow_read, "read_sheet", spy)
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)
    out = {}
    for way, flag in (("rows", "0"), ("arrow", "1")):
        monkeypatch.setenv("SHOPBOOK_ARROW_READ", flag)
        took.clear()
        wd = reader._read_workbook(path, ORDERS)
        out[way] = wd if way == "rows" or any(took) else None
        size = path.stat().st_size
        entry = cache._encode(wd, {"size": size, "mtime_ns": 0, "sha256": "x"})
        assert entry is not None
        out[way + "+cache"] = cache._decode(entry, path, ORDERS, None, size, "x")
    return out


@pytest.mark.parametrize("odd", [False, True], ids=["arrow-cells", "odd-cells"])
def test_the_same_records_as_the_plain_ways(tmp_path, monkeypatch, odd):
    path = orders_book(tmp_path / "orders.xlsx", odd)
    new = _reads(path, monkeypatch)
    assert (new["arrow"] is None) is odd  # the odd cells send 订单 to the row reader; the others do not
    with monkeypatch.context() as m:
        _plain(m)
        old = _reads(path, m)
    want = dump(old["rows"])
    sd = old["rows"].sheets[OrderLine]
    assert len(sd.records) > N - 10 and sd.notes and any("DIV/0" in i.value for i in sd.issues)
    assert any("required" in i.message_en for i in sd.issues)
    for way, wd in {**new, **old}.items():
        if wd is not None:
            assert dump(wd) == want, way


def test_records_are_smaller(tmp_path, monkeypatch):
    """Each record's dict is split (smaller than the plain dict of the same items); each SKU and
    ship day is one object in the Arrow read and in the cache's records. Checked in a fresh
    Python, as a command runs: CPython shares a class's key table with the first order of keys
    set on it, so in a process that already made order lines with other columns (this suite)
    the dicts are plain ones, equal and no smaller."""
    if os.environ.get("SHOPBOOK_TEST_FRESH") != "1":
        r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            f"{__file__}::test_records_are_smaller"], capture_output=True, text=True,
                           env={**os.environ, "SHOPBOOK_TEST_FRESH": "1"}, cwd=Path(__file__).parent, timeout=300)
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
        return
    path = orders_book(tmp_path / "orders.xlsx", False)
    reads = _reads(path, monkeypatch)
    for way, wd in reads.items():
        recs = wd.sheets[OrderLine].records
        assert all(sys.getsizeof(r.__dict__) < sys.getsizeof(dict(r.__dict__)) for r in recs), way
        assert sys.getsizeof(recs[0].__dict__) * 2 < sys.getsizeof(dict(recs[0].__dict__)), way
        if way != "rows":  # calamine's cells: one str per cell, as before
            for f in ("sku", "shipped_on"):
                values = [getattr(r, f) for r in recs]
                assert len({id(v) for v in values if v is not None}) == len(set(values) - {None}), (way, f)


def test_a_record_dict_keeps_its_order_and_stays_equal():
    """record_dicts(model, keys)(values) == dict(zip(keys, values)), in its order, and a change
    of one of its fields (as model_copy or the importer makes) keeps it equal to the plain one."""
    keys = list(OrderLine.model_fields)  # (row among them)
    make = reader.record_dicts(OrderLine, keys)
    values = list(range(len(keys)))
    d = make(values)
    assert d == dict(zip(keys, values)) and list(d) == keys
    d2 = d.copy()
    d2.update({"status": "x", "sku": "y"})
    plain = dict(zip(keys, values)) | {"status": "x", "sku": "y"}
    assert d2 == plain and list(d2) == list(plain)
    assert make(values) is not d  # a new dict each time


def test_memory_is_given_back_after_a_big_read(tmp_path, monkeypatch):
    """What a big read freed (fastexcel's parse, the columns) is handed back to the system at
    once (glibc's malloc_trim, asked through io.background.give_back), and so is what a cache
    entry's encoding and decoding freed; a small workbook's read asks nothing."""
    from shopbook.io import background

    calls = []
    monkeypatch.setattr(background, "_trim", lambda pad: calls.append(pad) or 1)
    monkeypatch.setenv("SHOPBOOK_ARROW_READ", "1")
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)
    path = orders_book(tmp_path / "orders.xlsx", False)
    wd = reader._read_workbook(path, ORDERS)
    assert calls == [0, 0]  # as the Arrow columns go (before the records are made), and after the read
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "disabled", False)
    calls.clear()
    cache.store(path, ORDERS, None, wd, path.stat())
    assert cache.entry_path(path, ORDERS.key, None).exists() and calls == [0]
    calls.clear()
    back, _ = cache.load(path, ORDERS, None, path.stat())
    assert back is not None and dump(back) == dump(wd) and calls == [0]
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 1 << 40)  # the row reader's read of a small sheet
    calls.clear()
    reader._read_workbook(path, ORDERS)
    assert calls == []


def test_a_big_read_holds_the_xml_and_the_columns_no_longer_than_it_needs(tmp_path, monkeypatch):
    """The sheet's XML (70 MB for a year's orders) is held by the scans beside fastexcel's parse
    only, not by the read throughout it; the Arrow columns go once the records' values are
    parsed, before the records are made. Each was on the peak of `daily` (issue 20, item 6)."""
    import inspect

    monkeypatch.setenv("SHOPBOOK_ARROW_READ", "1")
    monkeypatch.setattr(reader, "ARROW_MIN_BYTES", 0)
    seen = {}
    real_parse, real_table = arrow_read._parse, reader.parse_table

    def parse(*args):
        seen["parse"] = sorted({"data", "head"} & set(inspect.currentframe().f_back.f_locals))
        return real_parse(*args)

    def table(*args, done=None, **kwargs):
        caller = inspect.currentframe().f_back.f_back.f_back  # read_sheet, through reader.read_sheet's parse
        assert caller.f_code.co_filename.endswith("arrow_read.py") and "batch" not in caller.f_locals

        def let_go():
            done()
            seen["columns"] = len(caller.f_locals["columns"])
        return real_table(*args, done=let_go, **kwargs)

    monkeypatch.setattr(arrow_read, "_parse", parse)
    monkeypatch.setattr(reader, "parse_table", table)
    wd = reader._read_workbook(orders_book(tmp_path / "orders.xlsx", False), ORDERS)
    assert seen == {"parse": [], "columns": 0}
    assert len(wd.sheets[OrderLine].records) == N


def test_what_a_pause_made_goes_to_the_oldest_generation_unfrozen():
    """After io.reader.gc_paused the collector is on again, nothing is frozen, and what was made
    meanwhile is in the oldest generation: the next young collections do not scan a big read's
    records again, a full collection still can (and frees their cycles when they go)."""
    import gc

    was = gc.isenabled()
    gc.enable()
    try:
        with reader.gc_paused():
            made = [[k] for k in range(20_000)]  # (lists: tracked by the collector, as records are)
            cycle = [made[0]]
            cycle.append(cycle)
        assert gc.isenabled() and gc.get_freeze_count() == 0
        oldest = {id(x) for x in gc.get_objects(generation=2)}
        assert id(made[0]) in oldest and id(made[-1]) in oldest and id(cycle) in oldest
        import weakref

        class Probe:
            pass
        with reader.gc_paused():
            p = Probe()
            p.me = p
            gone = weakref.ref(p)
            del p
        assert gone() is not None  # a cycle made in the pause: not freed by reference counts
        gc.collect()
        assert gone() is None  # the full collection frees it
    finally:
        if not was:
            gc.disable()


def test_a_callers_own_frozen_objects_stay_frozen():
    """A program that froze its objects (a pre-forking server keeping them out of the collector)
    and then calls shopbook finds them frozen still."""
    import gc

    mine = [["the caller's"]]  # a frozen object is in no generation gc.get_objects lists
    gc.freeze()
    try:
        assert gc.get_freeze_count() > 0 and not any(o is mine for o in gc.get_objects())
        with reader.gc_paused():
            made = [[k] for k in range(1000)]
        # asked of the caller's object, not of the count: another thread (xdist's) may free a
        # frozen object meanwhile, and the count once fell by 2 under a shuffled order
        assert not any(o is mine for o in gc.get_objects()) and gc.get_freeze_count() > 0 and made
    finally:
        gc.unfreeze()
    assert any(o is mine for o in gc.get_objects())
