"""The tests' type_in (tests/cli_run.py), which sets a person's cells in the sheet's XML: the same
values as openpyxl's edit gives, every other cell as it was, a cell that was not there put in its
place, and a workbook it cannot read so plainly typed into with openpyxl instead."""

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


def test_a_cell_that_was_not_there_goes_in_its_place_and_a_row_that_was_not_goes_to_openpyxl(tmp_path):
    book = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["甲", "乙", "丙"])
    ws["A2"], ws["C2"] = "a", "c"  # (B2 not written at all)
    wb.save(book)
    assert cli_run._typed_in_xml(book, "表", {(2, "乙"): "b", (2, "丙"): 3})
    assert _values(book, "表") == [("甲", "乙", "丙"), ("a", "b", 3)]
    assert not cli_run._typed_in_xml(book, "表", {(4, "甲"): "x"})  # no row 4: nothing written here
    assert _values(book, "表") == [("甲", "乙", "丙"), ("a", "b", 3)]
    cli_run.type_in(book, "表", {(4, "甲"): "x"})  # (openpyxl's, then)
    assert _values(book, "表") == [("甲", "乙", "丙"), ("a", "b", 3), (None, None, None), ("x", None, None)]
