"""Rows appended a column at a time (io/xlsx_patch ColumnRows) give the same file whether Arrow's
string kernels put them together (a big append, where a read has loaded pyarrow) or Python does
it row by row (a small one, or xlwings Lite without pyarrow); and the cells read back as the
values given, for the values equal keys would confuse: True and 1, 0.0 and -0.0, Decimal 1.0 and
1.00, text with markup, control characters and a literal _x000B_."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import python_calamine as pc

from shopbook.io.xlsx_patch import ColumnRows, SheetPatch, patch_workbook

N = 600  # over the 256 rows the Arrow way starts at


def _columns() -> dict[int, list]:
    cols = {
        1: [f"单{i:05d}" for i in range(N)],  # every value its own
        2: ["已审核" if i % 3 else "待审核" for i in range(N)],  # a few, repeated
        3: [None if i % 5 == 0 else "a<b & c>d" for i in range(N)],  # gaps; markup
        4: [True if i % 2 else 1 for i in range(N)],  # equal, of two classes
        5: [0.0 if i % 2 else -0.0 for i in range(N)],  # equal, written apart
        6: [Decimal("1.0") if i % 2 else Decimal("1.00") for i in range(N)],
        7: [dt.datetime(2026, 11, 30, 8, 0) if i % 2 else dt.datetime(2026, 11, 30, 8, 0, 1) for i in range(N)],
        8: [dt.date(2026, 11, 1 + i % 30) for i in range(N)],
        9: [12.5 if i % 4 else None for i in range(N)],
        10: ["" if i % 7 == 0 else f"x\x0b{i}_x000B_" for i in range(N)],  # blank text; not XML; Excel's escape
        11: [None] * N,  # no row fills it
    }
    return cols


def _write(tmp: Path, name: str, arrow: bool, monkeypatch) -> Path:
    import pyarrow.compute  # noqa: F401  (loaded, as a big read loads it: the Arrow way is taken)

    src = tmp / "src.xlsx"
    if not src.exists():
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "订单"
        ws.append([f"列{c}" for c in range(1, 12)])
        ws.append(["老单", "已发货", "保留", 1, 2.0, 3, dt.datetime(2026, 1, 1), dt.date(2026, 1, 1), 4.5, "旧", None])
        wb.save(src)
    out = tmp / name
    with monkeypatch.context() as m:
        if not arrow:
            m.setitem(sys.modules, "pyarrow.compute", None)  # as where there is no pyarrow
        patch_workbook(src, out, [SheetPatch("订单", {}, ColumnRows(_columns(), N))], {"订单": 1})
    return out


def test_arrow_and_row_by_row_write_the_same_bytes(tmp_path, monkeypatch):
    a = _write(tmp_path, "arrow.xlsx", True, monkeypatch)
    b = _write(tmp_path, "python.xlsx", False, monkeypatch)
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        assert za.namelist() == zb.namelist()
        for name in za.namelist():
            assert za.read(name) == zb.read(name), name
        sheet = za.read("xl/worksheets/sheet1.xml")
    assert sheet.count(b"<row ") == N + 2
    assert b'<c r="K3"' not in sheet and b'<c r="K602"' not in sheet  # the column no row fills has no cells
    assert b"&lt;b &amp; c&gt;d" in sheet and b"\x0b" not in sheet


def test_appended_cells_read_back_as_given(tmp_path, monkeypatch):
    path = _write(tmp_path, "arrow.xlsx", True, monkeypatch)
    ws = openpyxl.load_workbook(path)["订单"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == N
    first, second = rows[0], rows[1]
    assert first[0] == "单00000" and rows[-1][0] == f"单{N - 1:05d}"
    assert (first[1], second[1]) == ("待审核", "已审核")
    assert first[2] is None and second[2] == "a<b & c>d"
    assert (first[3], second[3]) == (1, True)  # a number, then TRUE: each as given
    assert first[5] == 1 and second[5] == 1
    assert (first[6], second[6]) == (dt.datetime(2026, 11, 30, 8, 0, 1), dt.datetime(2026, 11, 30, 8, 0))
    assert isinstance(first[7], dt.datetime) and first[7].date() == dt.date(2026, 11, 1)
    assert first[8] is None and second[8] == 12.5
    assert first[9] is None
    text = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("订单").to_python()[3][9]
    assert text == "x1_x000B_"  # the control character dropped, the literal kept (as Excel and calamine read it)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b'<c r="E3"' in sheet and b"<v>-0.0</v>" in sheet and b"<v>0.0</v>" in sheet
    assert b"<v>1.00</v>" in sheet and b"<v>1.0</v>" in sheet


def test_a_small_append_is_put_together_without_pyarrow(tmp_path, monkeypatch):
    """A shop that never loads pyarrow (small sheets) appends without importing it."""
    src = tmp_path / "src.xlsx"
    shutil.copy(_write(tmp_path, "arrow.xlsx", True, monkeypatch), src)
    with monkeypatch.context() as m:
        m.delitem(sys.modules, "pyarrow.compute")
        patch_workbook(src, tmp_path / "small.xlsx", [SheetPatch("订单", {}, ColumnRows({1: ["一", "二"]}, 2))],
                       {"订单": 1})
        assert "pyarrow.compute" not in sys.modules
    ws = openpyxl.load_workbook(tmp_path / "small.xlsx")["订单"]
    assert [r[0] for r in ws.iter_rows(min_row=N + 3, values_only=True)] == ["一", "二"]


def test_a_none_given_in_a_row_writes_the_same_on_either_path(tmp_path, monkeypatch):
    """Rows given as dicts with a None in them: the empty cell "" writes, whether the rows go
    below the last one as a block or among the rows by the walk."""
    import shopbook.io.xlsx_patch as xp

    _write(tmp_path, "seed.xlsx", True, monkeypatch)  # (makes src.xlsx)
    rows = [{1: "甲", 2: None, 3: 1.5}, {1: None, 3: None}, {2: "乙"}]

    def parts(name: str, walk: bool) -> list:
        with monkeypatch.context() as m:
            if walk:
                m.setattr(xp, "_last_row_plain", lambda *a, **k: None)
            patch_workbook(tmp_path / "src.xlsx", tmp_path / name, [SheetPatch("订单", {}, rows)], {"订单": 1})
        with zipfile.ZipFile(tmp_path / name) as z:
            return [(n, z.read(n)) for n in z.namelist()]

    block, walked = parts("block.xlsx", False), parts("walked.xlsx", True)
    assert block == walked
    sheet = dict(block)["xl/worksheets/sheet1.xml"]
    assert b'<c r="B3"/>' in sheet or b'<c r="B3" s=' in sheet  # the None given: an empty cell
