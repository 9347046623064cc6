"""A cell that did not read was judged again by the rules at the value it was read as: 等级's 最低零售折扣 typed
“9折以上” (no discount) beside a 折扣 of 85折 was its error, 不是折扣, and a second at the same cell, “最低零售折扣低于
代理折扣 (334 个 SKU …)”, judged at shopbook's default 7 折, which the person never typed (their 9 折 is above 85折).
Now the cell is its one error: what to type; a floor typed below the discount is still said."""

from __future__ import annotations

import openpyxl
from demo_shop import demo_copy

from shopbook.validate import validate_path


def _tiers_typed(folder, cells: dict[str, object]):
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    for ref, v in cells.items():
        wb["等级"][ref] = v
    wb.save(folder / "agents.xlsx")


def test_an_unread_floor_is_one_error_at_its_cell(tmp_path):
    folder = demo_copy(tmp_path / "shop")
    _tiers_typed(folder, {"B2": "85折", "C2": "9折以上"})
    said = [(x.cell, x.severity, x.message_zh) for x in validate_path(folder / "agents.xlsx").issues if x.sheet == "等级"]
    assert len(said) == 1 and said[0][:2] == ("C2", "error") and "9折以上" in said[0][2], said


def test_a_floor_typed_below_the_discount_is_still_said(tmp_path):
    folder = demo_copy(tmp_path / "shop")
    _tiers_typed(folder, {"B2": "85折", "C2": "8折"})
    said = [(x.cell, x.message_zh) for x in validate_path(folder / "agents.xlsx").issues if x.sheet == "等级"]
    assert [c for c, _ in said] == ["C2"] and "最低零售折扣低于代理折扣" in said[0][1], said
