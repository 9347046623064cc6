"""A patched sheet is written in pieces, the same file whichever way its rows are found.

xlsx_patch used to slice the sheet's rows out of its XML, join the new XML whole and hand it
to writestr: three or four copies of a 70 MB sheet at once (issue 20's peak). Now the rows are
searched in place, kept stretches go out as views of the XML read, and the pieces are deflated
one after the other into the zip member. When that change was made, each case here was run
against the module as it was before and gave the very same file bytes (zip headers, deflate
streams, every part). What is kept: each case patches real workbooks with the rows found by
their number and again with every row walked, two paths through the code, and requires the
very same bytes, or the same stop in the same words; pieces of any size deflate as the whole;
memory is measured with tracemalloc, not time."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import tracemalloc
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from test_append_fast import rows_of, sheet_xml, with_sheet_xml, year_like

import shopbook.io.xlsx_patch as xp
from shopbook.io.xlsx_patch import NewSheet, SheetPatch

DEMO = Path(__file__).resolve().parents[1] / "xlsx"


def both(monkeypatch, src: Path, patches, tmp: Path, header_rows=None, new_sheets=None, streamed: list | None = None,
         windows: tuple = (3, 5000)):
    """The file written (bytes), or the error raised (type and words): with the rows found by
    their number (and a plain append kept as one slice), then with every row walked. Each time
    also patched as a stream (in `windows` of unpacked XML: a few bytes, cutting every tag and
    row, and a few kB), which must give the same bytes or the same stop: the same file whether it
    went that way or declined (`streamed` gets whether each stream went its way)."""
    got = []
    real = xp._patch_streamed

    def spied(*a, **k):
        made = real(*a, **k)
        if streamed is not None:
            streamed.append(made is not None)
        return made

    for walk in (False, True):
        ways = []
        for window in (None, *windows):
            with monkeypatch.context() as m:
                if walk:
                    m.setattr(xp, "_last_row_plain", lambda *a, **k: None)
                    m.setattr(xp, "_rows_by_number", lambda *a, **k: None)
                if window is None:
                    m.setattr(xp, "STREAM_BYTES", 1 << 40)
                else:
                    m.setattr(xp, "STREAM_BYTES", 0)
                    m.setattr(xp, "_WINDOW", window)
                    m.setattr(xp, "_CHUNK", 64 if window < 64 else window // 3)
                    m.setattr(xp, "_patch_streamed", spied)
                out = tmp / f"{'walked' if walk else 'found'}{window or ''}.xlsx"
                try:
                    xp.patch_workbook(src, out, [SheetPatch(p.sheet, dict(p.cells), [dict(r) for r in p.append],
                                                            p.header_row) for p in patches],
                                      header_rows if header_rows is not None else {p.sheet: p.header_row for p in patches},
                                      None, list(new_sheets or []))
                except Exception as e:
                    ways.append((type(e).__name__, str(e)))
                    continue
                ways.append(out.read_bytes())
        for way in ways[1:]:
            assert way == ways[0], ("streamed", walk)
        got.append(ways[0])
    return got


def assert_same_file(monkeypatch, src, patches, tmp, **kw) -> bytes:
    found, walked = both(monkeypatch, src, patches, tmp, **kw)
    assert isinstance(found, bytes), found
    if found != walked:  # name the first part that differs, for the reader of a failure
        with zipfile.ZipFile(tmp / "found.xlsx") as a, zipfile.ZipFile(tmp / "walked.xlsx") as b:
            for i in b.infolist():
                assert a.read(i.filename) == b.read(i.filename), i.filename
        assert found == walked, "the parts are equal, the zip bytes are not"
    return found


def edits(n: int) -> dict[tuple[int, int], object]:
    """Cells set on existing rows as the jobs set them: statuses on many rows, new columns past
    the last cell, a date over a styled date, money, a count, a blank, text needing escapes,
    an XML-forbidden character, a formula (=1/0 in I7) overwritten, a cell between others."""
    cells = {(r, 6): ["已发货", "已取消", "待审核"][r % 3] for r in range(2, n + 2, 3)}
    cells.update({(r, 10): f"SF{r:012d}" for r in range(5, n + 2, 7)})
    cells.update({(r, 11): dt.date(2026, 12, 1) + dt.timedelta(days=r % 5) for r in range(5, n + 2, 7)})
    cells.update({(4, 3): dt.date(2026, 12, 24), (3, 4): Decimal("12.30"), (8, 5): 7, (9, 4): None, (10, 8): "a<b&c>",
                  (11, 8): "bell\x07", (12, 2): True, (7, 9): "覆盖了公式", (13, 7): dt.datetime(2026, 12, 1, 9, 30),
                  (14, 4): 0.0, (15, 4): -0.0, (16, 4): 89.9, (17, 8): "改过的备注", (1, 12): "新列"})
    return cells


# -- the same bytes, each path -------------------------------------------------------------------

@pytest.mark.parametrize("what", ["cells", "append", "both"])
def test_year_like_orders_same_file(tmp_path, monkeypatch, what):
    src = year_like(tmp_path / "orders.xlsx", n=2000, totals=what == "both")
    patch = SheetPatch("订单", edits(2000) if what != "append" else {}, rows_of(1, 300) if what != "cells" else [])
    streamed = []
    assert_same_file(monkeypatch, src, [patch], tmp_path, streamed=streamed)
    # (the second way walks every row, which the stream leaves to the whole patch when rows are appended)
    assert streamed[:2] == [True, True]
    xml = sheet_xml(tmp_path / "found.xlsx", "订单")  # and the edits are in it
    assert ("改过的备注".encode() in xml) == (what != "append") and (b"T000300" in xml) == (what != "cells")


def test_the_same_sheet_patched_twice_in_one_write_and_a_sheet_added(tmp_path, monkeypatch):
    src = year_like(tmp_path / "orders.xlsx", n=500)
    patches = [SheetPatch("订单", {(2, 6): "已发货", (40, 6): "已取消"}, rows_of(1, 5)),
               SheetPatch("订单", {(3, 6): "已发货", (503, 2): "第二次"}, rows_of(9, 3))]
    assert_same_file(monkeypatch, src, patches, tmp_path,
                     new_sheets=[NewSheet("汇总", [["SKU", "数量"], ["A1", 3], ["B2", Decimal("1.50")]])])


# rows as other writers leave them: the in-place edit declines some (the row is rebuilt),
# searches others (cells out of order, a spans hint, self-closed cells, a prefix)
ODD = {
    "spans and styled empty cells": lambda x: re.sub(
        rb'<row r="(\d+)">', lambda m: b'<row r="%s" spans="1:9" ht="15"><c r="Z%s" s="1"/>' % (m.group(1), m.group(1))
        if int(m.group(1)) % 5 == 0 else m.group(0), x),
    "cells out of order": lambda x: re.sub(rb'(<c r="A(\d+)".*?</c>)(<c r="B\2".*?</c>)', rb"\3\1", x, flags=re.S),
    "a cell without r": lambda x: re.sub(rb'<c r="B(\d+)"', b"<c", x, count=40),
    "a bare cell": lambda x: x.replace(b'<c r="B6"', b'<c><v>1</v></c><c r="B6"', 1),
    "self-closed rows": lambda x: re.sub(rb'<row r="(2\d)">.*?</row>', rb'<row r="\1"/>', x, flags=re.S),
    "prefixed": lambda x: re.sub(rb"<(/?)(?!\?)(\w+)", lambda m: b"<" + m.group(1) + b"x:" + m.group(2),
                                 x.replace(b'xmlns="', b'xmlns:x="', 1)),
    "a used area past the rows": lambda x: re.sub(rb'(<dimension ref=")[^"]*"', rb'\1A1:AB2000"', x, count=1),
    "no used area": lambda x: re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", x, count=1),
    "a formula": lambda x: re.sub(rb'(<c r="F(1\d)")[^>]*?(/>|>.*?</c>)', rb'\1><f>1+1</f><v>2</v></c>', x, flags=re.S),
}


@pytest.mark.parametrize("odd", sorted(ODD))
def test_rows_other_writers_leave_same_file(tmp_path, monkeypatch, odd):
    base = year_like(tmp_path / "base.xlsx", n=300)
    src = with_sheet_xml(base, tmp_path / "orders.xlsx", "订单", ODD[odd])
    assert sheet_xml(src, "订单") != sheet_xml(base, "订单")  # (the change is made)
    streamed = []
    for k, patch in enumerate([SheetPatch("订单", edits(300)), SheetPatch("订单", edits(300), rows_of(1, 20))]):
        (tmp_path / str(k)).mkdir()
        assert_same_file(monkeypatch, src, [patch], tmp_path / str(k), streamed=streamed)
    # the stream's ways with the rows found (it may decline where they are walked): the cells
    # alone, then with rows appended
    cells, appended = streamed[:2], streamed[4:6]
    if odd == "prefixed":
        assert not any(streamed)
    elif odd == "a used area past the rows":  # appended below its last row, foreseen so, found wrong at the end
        assert cells == [True, True] and appended == [False, False]
    else:
        assert cells == [True, True] and appended == [True, True], streamed


def test_a_row_to_edit_the_sheet_lacks_is_left_to_the_whole_patch(tmp_path, monkeypatch):
    """A cell to set on a row the XML does not have (a person deleted its cells): the stream,
    which edits rows where they are, declines, and the whole patch puts the row in its place."""
    base = year_like(tmp_path / "base.xlsx", n=300)
    src = with_sheet_xml(base, tmp_path / "orders.xlsx", "订单",
                         lambda x: re.sub(rb'<row r="50".*?</row>', b"", x, count=1, flags=re.S))
    assert b'<row r="50"' not in sheet_xml(src, "订单")
    streamed = []
    found = assert_same_file(monkeypatch, src, [SheetPatch("订单", {(49, 6): "已发货", (50, 6): "已取消"})], tmp_path,
                             streamed=streamed)
    assert streamed and not any(streamed)
    assert b'<row r="50"' in sheet_xml(tmp_path / "found.xlsx", "订单") and found


def test_a_used_area_short_of_the_rows_is_patched_as_the_whole_patch_does(tmp_path, monkeypatch):
    """A <dimension> short of the rows (some writers leave it so): the stream foresees the used
    area from it, finds at the end that rows were appended below more rows than it says, and
    leaves the sheet to the whole patch. (The found and the walked rows grow it differently,
    which is why this is not among ODD.)"""
    base = year_like(tmp_path / "base.xlsx", n=300)
    src = with_sheet_xml(base, tmp_path / "orders.xlsx", "订单",
                         lambda x: re.sub(rb'(<dimension ref=")[^"]*"', rb'\1A1:C40"', x, count=1))
    for k, patch in enumerate([SheetPatch("订单", edits(300)), SheetPatch("订单", edits(300), rows_of(1, 20))]):
        streamed, files = [], []
        for stream in (False, True):
            monkeypatch.setattr(xp, "STREAM_BYTES", 0 if stream else 1 << 40)
            real = xp._patch_streamed
            with monkeypatch.context() as m:
                m.setattr(xp, "_patch_streamed", lambda *a: streamed.append(real(*a)) or streamed[-1])
                xp.patch_workbook(src, tmp_path / f"{k}{stream}.xlsx", [patch], {"订单": 1})
            files.append((tmp_path / f"{k}{stream}.xlsx").read_bytes())
        assert files[0] == files[1]
        assert [made is not None for made in streamed] == [k == 0]  # the cells alone: the area grows as foreseen
    assert b'<dimension ref="A1:L321"' in sheet_xml(tmp_path / "1True.xlsx", "订单")  # (below the 300 rows)


def test_the_demo_workbooks_every_sheet_same_file(tmp_path, monkeypatch):
    done = 0
    for book in sorted(DEMO.glob("*.xlsx")):
        src = tmp_path / book.name
        shutil.copy(book, src)
        with zipfile.ZipFile(src) as z:
            sheets = {name: z.getinfo(part).file_size for name, part in xp.sheet_parts(z).items()}
        for sheet, size in sheets.items():
            # windows of a few bytes over every sheet of up to 64 KiB, cutting every tag and entity of
            # the shapes the demo's sheets have; the bigger ones (a year's orders, its movements and
            # ledger: 4–5 s a patch in 3-byte windows) in windows of a prime number of bytes, which
            # still cut their rows and tags at every kind of place
            windows = (3, 5000) if size < 1 << 16 else (251, 5000) if size < 1 << 20 else (4093, 50000)
            for k, patch in enumerate([SheetPatch(sheet, {(2, 2): "改了", (3, 5): Decimal("9.90"), (4, 30): "远处"}),
                                       SheetPatch(sheet, {(2, 2): "改了"}, rows_of(7, 5))]):
                now, was = both(monkeypatch, src, [patch], tmp_path, windows=windows)
                assert now == was, (book.name, sheet, k)
                done += 1
    assert done > 10


@pytest.mark.parametrize("where", [0.3, 0.97])
def test_a_damaged_sheet_stops_in_the_same_words(tmp_path, monkeypatch, where):
    """A byte of the sheet's deflated data changed (a copy cut short by a sync client, a bad
    disk): the stream stops on it as the whole patch does, nothing half written."""
    src = year_like(tmp_path / "orders.xlsx", n=2000)
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(xp.sheet_parts(z)["订单"])
    data = bytearray(src.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + int(info.compress_size * where)] ^= 0x55
    src.write_bytes(bytes(data))
    found, walked = both(monkeypatch, src, [SheetPatch("订单", edits(2000), rows_of(1, 30))], tmp_path)
    assert found == walked and isinstance(found, tuple), found  # (both() held each stream's the same)


def test_a_shared_formula_stops_in_the_same_words(tmp_path, monkeypatch):
    def shared(x):  # D2 the source of a shared formula D2:D4
        return re.sub(rb'(<c r="D2"[^>]*?)(/>|>.*?</c>)', rb'\1><f t="shared" ref="D2:D4" si="0">1+1</f><v>2</v></c>',
                      x, count=1, flags=re.S)

    src = with_sheet_xml(year_like(tmp_path / "base.xlsx", n=50), tmp_path / "orders.xlsx", "订单", shared)
    found, walked = both(monkeypatch, src, [SheetPatch("订单", {(2, 4): Decimal("3")})], tmp_path)
    assert found == walked and "shared formula" in found[1]


# -- the writer: pieces deflated one after the other, the stream writestr makes --------------------

@pytest.mark.parametrize("deflate", ["zlib-ng", "zlib"])  # zlib: what xlwings Lite has
def test_pieces_of_any_size_deflate_as_the_whole(tmp_path, monkeypatch, deflate):
    """Deflate at the levels shopbook uses gives the same stream however its input is cut (zlib-ng's
    level 1 would not: its quick strategy ends blocks where input ends)."""
    if deflate == "zlib":
        monkeypatch.setattr(zipfile, "zlib", zlib)
        monkeypatch.setattr(zipfile, "crc32", zlib.crc32)
        monkeypatch.setattr(xp, "ZIP_LEVEL", 1)
    elif not xp.FAST_DEFLATE:
        pytest.skip("zlib-ng is not installed")
    xml = sheet_xml(year_like(tmp_path / "orders.xlsx", n=3000), "订单")
    mv = memoryview(xml)
    rng = random.Random(7)
    for trial in range(4):
        pieces, at = [], 0
        while at < len(xml):
            n = rng.choice([1, 3, 80, 4000, 70000, xp._PIECES_AT_ONCE + 5])
            pieces.append(mv[at:at + n] if rng.random() < 0.5 else xml[at:at + n])
            at += n
        with zipfile.ZipFile(tmp_path / "a.zip", "w") as a:
            a.writestr(zipfile.ZipInfo("s.xml"), xml, compress_type=zipfile.ZIP_DEFLATED, compresslevel=xp.ZIP_LEVEL)
        with zipfile.ZipFile(tmp_path / "b.zip", "w") as b:
            xp._write_pieces(b, zipfile.ZipInfo("s.xml"), pieces)
        assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes(), trial


# -- memory: the sheet's XML held about once -------------------------------------------------------

def _peak(src: Path, out: Path, patch: SheetPatch) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        xp.patch_workbook(src, out, [patch], {"订单": 1})
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("what", ["cells", "append"])
def test_a_big_sheet_is_rewritten_holding_its_xml_about_once(tmp_path, what):
    src = year_like(tmp_path / "orders.xlsx", n=6000, bad=False)
    size = len(sheet_xml(src, "订单"))
    assert size > 2_000_000
    patch = SheetPatch("订单", {(r, 6): "已发货" for r in range(2, 6002, 10)} if what == "cells" else {},
                       rows_of(1, 200) if what == "append" else [])
    now = _peak(src, tmp_path / "now.xlsx", patch)
    print(f"{what}: sheet XML {size / 2**20:.1f} MiB, peak {now / size:.2f}×")
    # the XML read (the zip read alone peaks at 1.13× here), the new cells and ¼ MiB of pieces
    # joined for the deflate: on the year's 68 MiB sheet the whole patch is 1.16× (RSS). The
    # code before this peaked at 5.13× (the rows sliced out, the XML joined whole, then deflated)
    assert now < 1.6 * size


@pytest.fixture(scope="module")
def big_orders(tmp_path_factory) -> Path:
    return year_like(tmp_path_factory.mktemp("big") / "orders.xlsx", n=20000, bad=False)


@pytest.mark.parametrize("threads", [True, False], ids=["deflated beside", "no threads (xlwings Lite)"])
@pytest.mark.parametrize("what", ["cells", "append"])
def test_a_big_sheet_patched_as_a_stream_never_holds_its_xml(tmp_path, monkeypatch, big_orders, what, threads):
    """A sheet of STREAM_BYTES or more is patched as it is unpacked: its XML is held a window at a
    time, and what is kept to write is deflated (a year's orders sheet: 71 MB of XML, 7 MB so)."""
    src = big_orders
    size = len(sheet_xml(src, "订单"))
    patch = SheetPatch("订单", {(r, 6): "已发货" for r in range(2, 20002, 10)} if what == "cells" else {},
                       rows_of(1, 200) if what == "append" else [])
    monkeypatch.setattr(xp, "STREAM_BYTES", size // 2)
    monkeypatch.setattr(xp, "CAN_THREAD", threads)
    monkeypatch.setattr(xp, "_WINDOW", 1 << 17)  # (a year's sheet: 4 MiB windows, 1 MiB chunks)
    monkeypatch.setattr(xp, "_CHUNK", 1 << 15)
    streamed = []
    real = xp._patch_streamed
    monkeypatch.setattr(xp, "_patch_streamed", lambda *a: streamed.append(real(*a)) or streamed[-1])
    now = _peak(src, tmp_path / "now.xlsx", patch)
    print(f"{what}: sheet XML {size / 2**20:.1f} MiB, peak {now / size:.2f}×")
    assert streamed and streamed[0] is not None
    # a window, the deflated part (a ninth of the XML), the deflate's own state (~0.35 MiB) and
    # the cells to write: 0.3–0.4× of this 7 MB sheet, where the whole patch holds the XML at least
    # once (the test above: up to 1.6×). On the year's 71 MB sheet that is ~13 MB against ~75 MB
    assert now < 0.5 * size
    monkeypatch.setattr(xp, "STREAM_BYTES", 1 << 40)  # and the file is the one the whole patch writes
    xp.patch_workbook(src, tmp_path / "whole.xlsx", [patch], {"订单": 1})
    assert (tmp_path / "now.xlsx").read_bytes() == (tmp_path / "whole.xlsx").read_bytes()


def test_rows_written_without_their_number_are_appended_below_not_over(tmp_path):
    """Some writers leave out r="N" on rows (each follows the one before, as Excel reads them):
    appended rows go below the last of them, never over the rows the sheet has."""
    import python_calamine as pc

    base = year_like(tmp_path / "base.xlsx", n=40, bad=False)
    src = with_sheet_xml(base, tmp_path / "orders.xlsx", "订单",
                         lambda x: re.sub(rb'(<row)\s+r="\d+"', rb"\1", re.sub(rb'(<c)\s+r="[A-Z]+\d+"', rb"\1", x)))
    assert b'<row r="' not in sheet_xml(src, "订单")

    def rows(path):
        wb = pc.CalamineWorkbook.from_path(str(path))
        try:
            return wb.get_sheet_by_name("订单").to_python()
        finally:
            wb.close()

    before = rows(src)
    xp.patch_workbook(src, tmp_path / "out.xlsx", [SheetPatch("订单", {}, rows_of(1, 3))], {"订单": 1})
    after = rows(tmp_path / "out.xlsx")
    assert after[:len(before)] == before  # every row the sheet had, as it was
    assert [r[0] for r in after[len(before):]] == ["T000001", "T000002", "T000003"]
