"""The parsed-sheet cache (io/cache): whatever is done to a workbook or to its cache entry
(edited, touched, same size and time with other content, corrupt, from another version,
raced by other processes, deleted), a read gives what a cold read of the file gives."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from cache_snapshot import snapshot  # (test_cache.snapshot, as the other tests import it)
from cli_run import type_in
from typer.testing import CliRunner

from shopbook.io import cache, files
from shopbook.io.lock import shop_lock
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.schema import LEDGER, ORDERS, STOCK, WORKBOOKS, Entry, OrderLine, Product

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.setattr(cache, "disabled", False)
    monkeypatch.setattr(cache, "_by_folder", {})
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # the demo's small workbooks too
    for k in cache.stats:
        monkeypatch.setitem(cache.stats, k, 0)


@pytest.fixture
def shop(tmp_path) -> Path:
    folder = tmp_path / "shop"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns(".shopbook-*"))
    return folder


def cold(path: Path, spec, models=None) -> list:
    was = cache.disabled
    cache.disabled = True
    try:
        return snapshot(read_workbook(path, spec, models))
    finally:
        cache.disabled = was


def entry(path: Path, spec, models=None) -> Path:
    return cache.entry_path(path, spec.key, models)


def test_a_hit_gives_what_a_cold_read_gives_and_the_entry_is_arrow(shop):
    for spec in WORKBOOKS:
        path = shop / spec.filename
        want = cold(path, spec)
        assert not entry(path, spec).exists()
        assert snapshot(read_workbook(path, spec)) == want  # a miss: read, then kept
        assert entry(path, spec).read_bytes()[:6] == b"ARROW1"  # Arrow IPC, never a pickle
        hits = cache.stats["hits"]
        assert snapshot(read_workbook(path, spec)) == want
        assert cache.stats["hits"] == hits + 1
    # records come back as records: typed values, usable as the reader's are
    p = read_workbook(shop / "stock.xlsx", STOCK).rows(Product)[0]
    assert type(p).__name__ == "Product" and p.model_dump()["sku"] == p.sku


def test_a_subset_is_served_from_the_full_entry(shop):
    path = shop / "orders.xlsx"
    read_workbook(path, ORDERS)
    hits = cache.stats["hits"]
    assert snapshot(read_workbook(path, ORDERS, (OrderLine,))) == cold(path, ORDERS, (OrderLine,))
    assert cache.stats["hits"] == hits + 1


def test_an_edited_workbook_is_read_again(shop):
    path = shop / "stock.xlsx"
    sd = read_workbook(path, STOCK).sheets[Product]
    type_in(path, sd.sheet, {(sd.header_row + 1, sd.headers["name"]): "改过的名字"})  # (openpyxl's save: seconds)
    got = read_workbook(path, STOCK)
    assert snapshot(got) == cold(path, STOCK)
    assert "改过的名字" in {p.name for p in got.rows(Product)}
    hits = cache.stats["hits"]
    read_workbook(path, STOCK)  # and the new version is kept
    assert cache.stats["hits"] == hits + 1


@pytest.fixture(scope="module")
def orders_cold(tmp_path_factory) -> tuple[bytes, list]:
    """The demo's orders.xlsx and a cold read of it, once for the tests below that read it with its
    bytes unchanged (touched, its entry replaced, its cache folder deleted): a cold read of each of
    their copies gave this very snapshot (a read names no folder), half a CPU-second each."""
    path = Path(shutil.copy(DEMO / "orders.xlsx", tmp_path_factory.mktemp("cold") / "orders.xlsx"))
    return path.read_bytes(), cold(path, ORDERS)


def test_a_touched_workbook_is_a_hit_its_hash_proves_it(shop, orders_cold):
    path = shop / "orders.xlsx"
    read_workbook(path, ORDERS)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    hits = cache.stats["hits"]
    book, want = orders_cold
    assert path.read_bytes() == book and snapshot(read_workbook(path, ORDERS)) == want
    assert cache.stats["hits"] == hits + 1


def test_a_touched_workbook_served_by_the_cache_drops_the_parse_begun_for_it(shop, monkeypatch):
    """A sync client touched orders.xlsx: a parse was begun as the command started (io/prefetch:
    its entry is older than the file), the cache serves the read all the same, and the parse is
    dropped before it begins: no second second of work, no year's columns held to the end."""
    pytest.importorskip("fastexcel")
    from shopbook.io import prefetch

    path = shop / "orders.xlsx"
    read_workbook(path, ORDERS)
    later = time.time_ns() + 5_000_000_000  # touched after its entry was written
    os.utime(path, ns=(later, later))
    monkeypatch.setattr(prefetch, "WORTH_BYTES", 0)
    monkeypatch.setattr(prefetch, "_ahead", {})  # its begin alone (another test's command run in-process may leave one)
    go, loads = threading.Event(), []
    real_rows, real_load = prefetch.head_rows, prefetch.load
    on_thread = lambda: threading.current_thread().name == "shopbook-prefetch"  # noqa: E731
    monkeypatch.setattr(prefetch, "head_rows", lambda *a: (on_thread() and go.wait(30), real_rows(*a))[1])
    monkeypatch.setattr(prefetch, "load", lambda *a: (loads.append(threading.current_thread().name), real_load(*a))[1])
    prefetch.begin(path)
    (a,) = prefetch._ahead.values()
    hits = cache.stats["hits"]
    try:
        assert snapshot(read_workbook(path, ORDERS)) == cold(path, ORDERS)
    finally:
        go.set()
    assert cache.stats["hits"] == hits + 1
    assert not prefetch._ahead and a.dropped
    assert a.done.wait(30) and "shopbook-prefetch" not in loads  # its parse was never begun (the cold read's is)


def _stored(src: Path, dst: Path, change: tuple[bytes, bytes] | None = None) -> None:
    """`src` rewritten with every part stored (not deflated), optionally one byte string
    replaced by another of the same length: the same size, other content."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if change and change[0] in data:
                data = data.replace(change[0], change[1])
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 1, 0, 0, 0))
            zout.writestr(zi, data, zipfile.ZIP_STORED)


def test_same_size_and_time_but_other_content_is_a_miss(shop, tmp_path):
    path = shop / "stock.xlsx"
    first = cold(path, STOCK)
    code = next(p.barcode for p in read_workbook(path, STOCK).rows(Product) if p.barcode)
    other = code[:-1] + "01"[code[-1] == "0"]  # one digit changed: the same length
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _stored(path, a)
    _stored(path, b, (f">{code}<".encode(), f">{other}<".encode()))
    assert a.stat().st_size == b.stat().st_size and a.read_bytes() != b.read_bytes()
    shutil.copyfile(a, path)
    assert snapshot(read_workbook(path, STOCK)) == first  # kept for content a
    st = path.stat()
    shutil.copyfile(b, path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    hits = cache.stats["hits"]
    got = read_workbook(path, STOCK)
    assert cache.stats["hits"] == hits  # the quick check passed; the hash said no
    assert other in {p.barcode for p in got.rows(Product)} and code not in {p.barcode for p in got.rows(Product)}
    assert snapshot(got) == cold(path, STOCK)


def _corruptions(data: bytes) -> dict[str, bytes]:
    mid = len(data) // 2
    return {"truncated": data[: len(data) // 3],
            "a byte flipped": data[:mid] + bytes([data[mid] ^ 0x55]) + data[mid + 1:],
            "garbage": os.urandom(len(data)),
            "empty": b"",
            "not arrow": b"\x80\x04\x95" + b"pickle-looking bytes" * 10}


def test_a_corrupt_entry_is_ignored_and_rebuilt(shop):
    path = shop / "ledger.xlsx"
    want = cold(path, LEDGER)
    read_workbook(path, LEDGER)
    good = entry(path, LEDGER).read_bytes()
    for what, data in _corruptions(good).items():
        entry(path, LEDGER).write_bytes(data)
        hits = cache.stats["hits"]
        assert snapshot(read_workbook(path, LEDGER)) == want, what
        assert cache.stats["hits"] == hits, what
        assert entry(path, LEDGER).read_bytes()[:6] == b"ARROW1", what  # written anew
        assert snapshot(read_workbook(path, LEDGER)) == want and cache.stats["hits"] == hits + 1, what


def test_an_entry_from_another_workbook_or_version_is_a_miss(shop, monkeypatch, orders_cold):
    orders, stock = shop / "orders.xlsx", shop / "stock.xlsx"
    read_workbook(stock, STOCK)
    read_workbook(orders, ORDERS)
    shutil.copyfile(entry(stock, STOCK), entry(orders, ORDERS))  # another file's entry under this name
    hits = cache.stats["hits"]
    book, want = orders_cold
    assert orders.read_bytes() == book and snapshot(read_workbook(orders, ORDERS)) == want
    assert cache.stats["hits"] == hits
    monkeypatch.setattr(cache, "_code", "another-shopbook")  # another shopbook or schema version
    assert snapshot(read_workbook(orders, ORDERS)) == want
    assert cache.stats["hits"] == hits
    meta = json.loads(__import__("pyarrow").ipc.open_file(entry(orders, ORDERS)).schema.metadata[b"shopbook"])
    assert meta["code"] == "another-shopbook"  # rebuilt by this version


def test_a_deleted_cache_folder_is_rebuilt(shop, orders_cold):
    path = shop / "orders.xlsx"
    read_workbook(path, ORDERS)
    shutil.rmtree(shop / cache.CACHE_DIR)
    book, want = orders_cold
    assert path.read_bytes() == book and snapshot(read_workbook(path, ORDERS)) == want
    assert entry(path, ORDERS).exists()
    cache.clear(shop)
    assert not (shop / cache.CACHE_DIR).exists()
    assert snapshot(read_workbook(path, ORDERS)) == want


def test_a_workbook_that_fails_the_checks_is_never_served(shop):
    """A hit needs the content hash of a read that passed every check: a damaged file in
    place of a cached one stops as it would without a cache, and nothing is kept for it."""
    path = shop / "orders.xlsx"
    read_workbook(path, ORDERS)
    kept = entry(path, ORDERS).read_bytes()
    data = bytearray(path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = b"\0" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(ShopbookError):
        read_workbook(path, ORDERS)
    assert entry(path, ORDERS).read_bytes() == kept  # nothing written for the damaged file


def test_a_hit_still_takes_the_fingerprint_the_lost_update_check_uses(shop):
    path = shop / "orders.xlsx"
    read_workbook(path, ORDERS)
    files.forget_reads()
    with shop_lock(shop, "test"):
        hits = cache.stats["hits"]
        read_workbook(path, ORDERS)
        assert cache.stats["hits"] == hits + 1
        fp = files._seen[os.path.realpath(path)]
        assert fp.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        _stored(path, shop / "other.xlsx")  # someone saves it meanwhile
        shutil.copyfile(shop / "other.xlsx", path)
        with pytest.raises(files.WorkbookChanged):
            files.verify_unchanged(path)
    files.forget_reads()


RACER = r"""
import hashlib, json, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from cache_snapshot import snapshot
from shopbook.io import cache
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS
cache.disabled, cache.MIN_BYTES = False, 0
out = []
for _ in range(3):
    out.append(hashlib.sha256(repr(snapshot(read_workbook(Path({path!r}), ORDERS))).encode()).hexdigest())
print(json.dumps([out, cache.stats]))
"""


def test_no_cache_option_and_the_config_switch(shop, monkeypatch):
    from shopbook.cli import app

    r = CliRunner().invoke(app, ["--no-cache", "validate", str(shop)])
    assert r.exit_code in (0, 1), r.output
    assert not (shop / cache.CACHE_DIR).exists()
    monkeypatch.setattr(cache, "disabled", False)
    toml = shop / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[cache]\nenabled = false\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["validate", str(shop)])
    assert r.exit_code in (0, 1), r.output
    assert not (shop / cache.CACHE_DIR).exists()
    toml.write_text(toml.read_text(encoding="utf-8").replace("enabled = false", "enabled = true"), encoding="utf-8")
    monkeypatch.setattr(cache, "_by_folder", {})
    r = CliRunner().invoke(app, ["validate", str(shop)])
    assert r.exit_code in (0, 1), r.output
    assert sorted(p.name for p in (shop / cache.CACHE_DIR).iterdir()) == sorted(
        [f"{w.filename}.{w.key}.all.arrow" for w in WORKBOOKS] + ["validate.run.json"])  # + the verdict (io.memo)


def set_first_sheets_a2(path: Path, text: str) -> None:
    """The first sheet's A2 (an inline string, as shopbook writes it) set to `text` and the workbook
    written again, part by part: what openpyxl's load and save did, without building a year of orders."""
    import re

    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'(<c r="A2"[^>]*><is><t>)[^<]*(</t>)', lambda m: m.group(1) + text.encode() + m.group(2),
                                  data, count=1)
                assert n == 1
            z.writestr(info, data)


def _kept_by_year(shop: Path, beside: bool) -> Path:
    """The demo's ledger.xlsx with last year's rows on a sheet of their own: 2025流水 beside 流水 (the
    sheet "archived" in January, `beside`), or a sheet a year with no 流水 (2025流水 and 2026流水)."""
    path = shop / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    own = wb["流水"]
    old = wb.copy_worksheet(own)
    y = min(c.value.year for c in own["A"][1:] if hasattr(c.value, "year")) - 1
    old.title = f"{y}流水"
    for r in range(2, old.max_row + 1):  # its rows a year back; a mistake on each sheet
        if hasattr(d := old.cell(r, 1).value, "year"):
            old.cell(r, 1).value = d.replace(year=y)
    old.cell(3, 4).value = own.cell(4, 4).value = "abc"
    if not beside:
        own.title = f"{y + 1}流水"
    wb.save(path)
    return path


def snapshot_sd(sd) -> list:
    return snapshot(type("W", (), {"sheets": {Entry: sd}, "issues": []}))[0]
