"""The tests' stand-ins for a person and for Excel, which set cells in the sheet's XML (tests/xml_cells):
type_in (tests/cli_run.py) gives the same values as openpyxl's edit, every other cell as it was, a
cell or row that was not there put in its place, and a value it does not write typed in with openpyxl
instead; FakeBook.save (tests/xlfake.py) gives the same values as its whole save with openpyxl."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl

import cli_run

DEMO = Path(__file__).resolve().parents[1] / "xlsx"
TYPED = {(2, "售价"): "48.9O", (3, "售价"): Decimal("9.90"), (4, "安全库存"): 7, (5, "名称"): "A&B <毛衣>", (6, "名称"): None}


def _values(path: Path, sheet: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_typed_in_the_xml_as_openpyxl_types_it(tmp_path):
    for name in ("xml", "openpyxl"):
        shutil.copy(DEMO / "stock.xlsx", tmp_path / f"{name}.xlsx")
    assert cli_run._typed_in_xml(tmp_path / "xml.xlsx", "商品", TYPED)
    cli_run.typed_in_openpyxl(tmp_path / "openpyxl.xlsx", "商品", TYPED)
    got, want = _values(tmp_path / "xml.xlsx", "商品"), _values(tmp_path / "openpyxl.xlsx", "商品")
    assert got == want
    assert got != _values(DEMO / "stock.xlsx", "商品")  # (something was typed)
    assert _values(tmp_path / "xml.xlsx", "供应商") == _values(DEMO / "stock.xlsx", "供应商")  # the other sheets kept


def test_a_cell_or_row_that_was_not_there_goes_in_its_place_and_a_date_goes_to_openpyxl(tmp_path):
    import datetime as dt

    book = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["甲", "乙", "丙"])
    ws["A2"], ws["C2"] = "a", "c"  # (B2 not written at all)
    wb.save(book)
    assert cli_run._typed_in_xml(book, "表", {(2, "乙"): "b", (2, "丙"): 3})
    assert _values(book, "表") == [("甲", "乙", "丙"), ("a", "b", 3)]
    assert cli_run._typed_in_xml(book, "表", {(4, "甲"): "x", (4, "丙"): True})  # no row 4 yet
    assert _values(book, "表") == [("甲", "乙", "丙"), ("a", "b", 3), (None, None, None), ("x", None, True)]
    day = dt.datetime(2026, 11, 30)
    assert not cli_run._typed_in_xml(book, "表", {(5, "甲"): day})  # a date needs a date style: nothing written
    assert len(_values(book, "表")) == 4
    cli_run.type_in(book, "表", {(5, "甲"): day})  # (openpyxl's, then)
    assert _values(book, "表")[4] == (day, None, None)


def _all_values(path: Path) -> dict[str, list[tuple]]:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        got = {n: [tuple(r) for r in wb.get_sheet_by_name(n).to_python()] for n in wb.sheet_names}
    finally:
        wb.close()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:  # (openpyxl's reading too: it tells a datetime at midnight from a date, and an error from text)
        return {n: (got[n], [tuple(r) for r in book[n].iter_rows(values_only=True)]) for n in book.sheetnames}
    finally:
        book.close()


def _parts(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_excel_s_save_sets_what_changed_as_the_whole_save_does(tmp_path):
    import datetime as dt

    from xlfake import FakeBook

    from shopbook.io.reader import read_workbook
    from shopbook.schema import STOCK
    from shopbook.workbook_builder import write_workbook

    demo = read_workbook(DEMO / "stock.xlsx", STOCK)  # its first rows, in the workbook shopbook makes (a year: 20 s)
    write_workbook(tmp_path / "cells.xlsx", STOCK, "zh", {m: demo.rows(m)[:20] for m in STOCK.sheets})
    shutil.copy(tmp_path / "cells.xlsx", tmp_path / "whole.xlsx")
    before = _parts(tmp_path / "cells.xlsx")
    books = [FakeBook(tmp_path / "cells.xlsx"), FakeBook(tmp_path / "whole.xlsx")]
    for book in books:
        ws = book.sheets["出入库"]
        last = ws.used_range.last_cell.row
        ws.range((last + 2, 1)).value = [[dt.datetime(2026, 11, 18), "DJ-1", "调整", 3, "=1+1", "#N/A", True, 2.5]]
        ws.range((2, 2)).value = "A&B <毛衣>"  # text in place of text
        ws.range((3, 4)).value = None  # a cell cleared
        ws.range((4, 1)).value = dt.datetime(2026, 1, 2, 10, 30)
    books[0].save()
    books[1]._save_whole()
    assert _all_values(tmp_path / "cells.xlsx") == _all_values(tmp_path / "whole.xlsx")
    after = _parts(tmp_path / "cells.xlsx")
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet2.xml"]  # only the sheet that changed
    books[0].sheets["出入库"].range((2, 2)).value = "again"
    books[0].save()  # (saved by this book last: its cells again)
    assert _parts(tmp_path / "cells.xlsx")["xl/worksheets/sheet1.xml"] == before["xl/worksheets/sheet1.xml"]
    assert _all_values(tmp_path / "cells.xlsx")["出入库"][0][1][1] == "again"


def test_excel_s_save_of_a_file_changed_meanwhile_or_holding_formulas_is_the_whole_save(tmp_path):
    from xlfake import FakeBook

    path = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "表"
    wb.active.append(["甲", 2, "=B1*2"])
    wb.save(path)
    book = FakeBook(path)
    book.save()  # a book holding a formula: the whole save, which keeps it, as Excel's Save does
    assert _values(path, "表") == [("甲", 2, "=B1*2")]
    assert "<f>" in _parts(path)["xl/worksheets/sheet1.xml"].decode()
    cli_run.typed_in_openpyxl(path, "表", {(1, "甲"): "乙"})  # someone else's write meanwhile
    book.sheets["表"].range((1, 2)).value = 5
    book.save()  # the whole book over it, as Excel's Save (its A1 too, which this book did not change)
    assert _values(path, "表")[0][:2] == ("甲", 5)
