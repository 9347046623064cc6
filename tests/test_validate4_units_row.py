"""A second header row of units under the header (成本价 over (元), 期初库存 over 件), as staff add
one to say what a column holds (qa-validate4): it is part of the header, not a product of eight
cells that do not read."""

from __future__ import annotations

from pathlib import Path

from blank_books import blank

from shopbook.validate import validate_path


def _book(tmp_path: Path, name: str, sheet: str, units: dict, rows: list[list]) -> Path:
    path, wb = blank(tmp_path, name)
    ws = wb[sheet]
    ws.insert_rows(2)
    for col, unit in units.items():
        ws[f"{col}2"] = unit
    for i, r in enumerate(rows, start=3):
        for j, v in enumerate(r, start=1):
            ws.cell(i, j, v)
    ws.freeze_panes = "A3"
    wb.save(path)
    return path


def test_a_row_of_units_under_the_header_is_no_data_row(tmp_path):
    path = _book(tmp_path, "stock.xlsx", "商品",
                 {"H": "(元)", "I": "（元）", "J": "件", "K": "件", "L": "(天)", "M": "kg", "F": "(文本)"},
                 [["A001", "S1", "T恤", "白", "M", None, "A-01", 35, 99, 5, 10, 7, 0.2, "是", "在售"],
                  ["A002", "S1", "T恤", "白", "L", None, "A-02", "(35.00)", 99, 5, 10, 7, 0.2, "否", "在售"]])
    issues = validate_path(path).issues
    # the units are no product: only the negative cost of the row below them is said, at its own cell
    assert [(i.sheet, i.cell) for i in issues] == [("商品", "H4")], [i.message_zh for i in issues]


def test_a_unit_word_under_a_text_column_is_data(tmp_path):
    """A supply named 箱 with its 库存 left blank is a row to fill in, not a row of units."""
    path = _book(tmp_path, "stock.xlsx", "耗材", {"A": "箱"}, [["胶带", 40, 4, 7]])
    issues = validate_path(path).issues
    assert [(i.sheet, i.cell, i.field) for i in issues] == [("耗材", "B2", "on_hand")], [i.message_zh for i in issues]
