"""Rows whose cells are set alike share one dict of them (the review's 已审核 通过, the pick list's
batch): typed once, planned once, sorted once by the patch. Sharing must never let one row's edit
reach another row: a later edit of the same rows, or rows appended among others. Real workbooks
written and read back."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from shopbook.io import reader
from shopbook.io.sheet_edit import SheetEdit, _plan, _with_cells_set, edit_workbook
from shopbook.io.xlsx_patch import SheetPatch, patch_workbook
from shopbook.schema import ORDERS, OrderLine, OrderStatus

DEMO = Path(__file__).resolve().parent.parent / "xlsx"


@pytest.fixture
def orders(tmp_path):
    if not (DEMO / "orders.xlsx").exists():
        pytest.skip("no demo shop")
    path = tmp_path / "orders.xlsx"
    shutil.copyfile(DEMO / "orders.xlsx", path)
    return path


def _lines(path: Path) -> list:
    return reader._read_workbook(path, ORDERS, (OrderLine,)).rows(OrderLine)


def test_a_later_edit_of_rows_that_share_their_cells_reaches_only_its_own_rows(orders):
    wd = reader._read_workbook(orders, ORDERS, (OrderLine,))
    a, b, c = (ln.row for ln in wd.rows(OrderLine)[:3])
    shared = {"status": OrderStatus.HELD, "review": "挂起：测试"}
    got = _with_cells_set(wd, [SheetEdit(OrderLine, set_cells={a: shared, b: shared, c: shared}),
                               SheetEdit(OrderLine, set_cells={b: {"batch": "B-1"}})], "zh").rows(OrderLine)
    by_row = {ln.row: ln for ln in got}
    assert [by_row[r].status for r in (a, b, c)] == [OrderStatus.HELD] * 3
    assert [by_row[r].batch for r in (a, b, c)] == [wd.rows(OrderLine)[0].batch, "B-1", wd.rows(OrderLine)[2].batch]
    assert shared == {"status": OrderStatus.HELD, "review": "挂起：测试"}  # the caller's dict as it was


def test_rows_set_alike_are_planned_as_one_and_written_as_each(orders, tmp_path):
    """_plan gives rows set alike one dict; the patch writes the same bytes as from cells one by one,
    and the workbook reads back with each row's cells."""
    rows = [ln.row for ln in _lines(orders)[:40]]
    alike = {"status": OrderStatus.APPROVED, "review": "通过"}
    cells = {r: alike if k % 3 else {"status": OrderStatus.HELD, "review": f"挂起：第 {k} 行"}
             for k, r in enumerate(rows)}
    [patch], header_rows, new_headers = _plan(orders, [SheetEdit(OrderLine, set_cells=cells)], "zh")
    planned = patch.by_row()
    assert len({id(planned[r]) for k, r in enumerate(rows) if k % 3}) == 1
    one_by_one = SheetPatch(patch.sheet, {(r, c): v for r, cs in planned.items() for c, v in cs.items()},
                            header_row=patch.header_row)
    outs = []
    for n, p in enumerate((patch, one_by_one)):
        out = tmp_path / f"out{n}.xlsx"
        patch_workbook(orders, out, [p], header_rows, new_headers)
        with zipfile.ZipFile(out) as z:
            outs.append({i.filename: z.read(i) for i in z.infolist()})
    assert outs[0] == outs[1]
    edit_workbook(orders, [SheetEdit(OrderLine, set_cells=cells)])
    back = {ln.row: ln for ln in _lines(orders)}
    for k, r in enumerate(rows):
        assert back[r].status is (OrderStatus.APPROVED if k % 3 else OrderStatus.HELD)
        assert back[r].review == ("通过" if k % 3 else f"挂起：第 {k} 行")


def test_steps_merged_keep_rows_set_alike_alike_and_the_steps_cells_as_they_were(orders, tmp_path):
    """A job's steps (the review's cells, then the pick list's batch) are written as one edit: rows
    set alike in every step share their merged cells, a row set apart keeps its own, no step's
    dict is changed, and the workbook reads back with each row's cells."""
    from shopbook.io.sheet_edit import _merged

    rows = [ln.row for ln in _lines(orders)[:12]]
    ok, held = {"status": OrderStatus.APPROVED, "review": "通过"}, {"status": OrderStatus.HELD, "review": "挂起：x"}
    batch, other = {"batch": "B-1"}, {"batch": "B-1", "gifts": "赠品"}
    review = {r: held if k == 0 else ok for k, r in enumerate(rows)}
    pick = {r: other if k == 1 else batch for k, r in enumerate(rows) if k}
    [m] = _merged([SheetEdit(OrderLine, set_cells=review), SheetEdit(OrderLine, set_cells=pick)])
    got = m.set_cells
    assert got[rows[0]] == held and got[rows[1]] == {**ok, **other}
    assert all(got[r] == {**ok, **batch} for r in rows[2:]) and len({id(got[r]) for r in rows[2:]}) == 1
    assert ok == {"status": OrderStatus.APPROVED, "review": "通过"} and batch == {"batch": "B-1"}
    assert got[rows[0]] is not held  # (the merged edit's own)
    edit_workbook(orders, [m])
    back = {ln.row: ln for ln in _lines(orders)}
    assert [(back[r].status, back[r].batch, back[r].gifts) for r in rows[:3]] == [
        (OrderStatus.HELD, None, None), (OrderStatus.APPROVED, "B-1", "赠品"), (OrderStatus.APPROVED, "B-1", None)]


def test_rows_appended_among_others_leave_the_callers_rows_as_they_were(tmp_path):
    """The walk that puts appended rows among others (rows not plain) adds them to its own copy."""
    from shopbook.io.xlsx_patch import _patch_sheet, _Styles

    xml = (b'<worksheet><sheetData><row><c t="inlineStr"><is><t>h</t></is></c></row>'
           b'<row><c t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>')
    styles = _Styles(b'<styleSheet><cellXfs count="1"><xf/></cellXfs></styleSheet>')
    shared = {2: "x"}
    by_row = {2: shared}
    pieces, _, _ = _patch_sheet(xml, by_row, styles, [{1: "new"}], header_row=1)
    text = b"".join(bytes(p) for p in pieces)
    assert b">new<" in text and b">x<" in text
    assert by_row == {2: {2: "x"}} and shared == {2: "x"}
