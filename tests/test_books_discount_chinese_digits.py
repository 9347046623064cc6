"""A discount typed as a shop says it, in Chinese digits (八五折 on 等级's 折扣, 九折 on its 最低零售折扣), was an error,
不是折扣：“八五折”, where 85折 reads: the tier's row was not used. It now reads as 85折 does (0.85; 七折 0.7, 打八折
0.8, 七点五折 0.75), and a word that is no discount (八十五折) is still said at its cell."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from demo_shop import demo_copy

from shopbook.io.reader import read_workbook
from shopbook.schema import AGENTS, Tier
from shopbook.validate import validate_path


def _tiers_typed(folder, cells: dict[str, str]):
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    for ref, v in cells.items():
        wb["等级"][ref] = v
    wb.save(folder / "agents.xlsx")


def test_a_discount_in_chinese_digits_reads_as_in_arabic(tmp_path):
    folder = demo_copy(tmp_path / "shop")
    _tiers_typed(folder, {"B2": "八五折", "C2": "九折", "B3": "打六五折", "C3": "七点五折"})
    res = validate_path(folder / "agents.xlsx")
    assert [(x.cell, x.message_zh) for x in res.issues if x.sheet == "等级"] == []
    tiers = {t.tier: (t.discount, t.floor) for t in read_workbook(folder / "agents.xlsx", AGENTS).rows(Tier)}
    assert tiers == {"金牌": (Decimal("0.85"), Decimal("0.9")), "银牌": (Decimal("0.65"), Decimal("0.75"))}


def test_a_word_that_is_no_discount_is_still_said_at_its_cell(tmp_path):
    folder = demo_copy(tmp_path / "shop")
    _tiers_typed(folder, {"B2": "八十五折"})
    (x,) = [x for x in validate_path(folder / "agents.xlsx").issues if x.sheet == "等级"]
    assert x.cell == "B2" and x.severity == "error" and "不是折扣：“八十五折”" in x.message_zh


def test_a_discount_with_words_around_it_is_said_as_a_discount(tmp_path):
    # (9折以上, 8折起: before, 不是百分比：“9折以上”。请填 2.5% 或 0.025, a percentage no tier's discount is typed as)
    folder = demo_copy(tmp_path / "shop")
    _tiers_typed(folder, {"C2": "9折以上", "C3": "8折起"})
    said = {x.cell: x for x in validate_path(folder / "agents.xlsx").issues if x.sheet == "等级"}
    assert sorted(said) == ["C2", "C3"]
    assert said["C2"].message_zh.startswith("不是折扣：“9折以上”。请只填一个折扣") and "2.5%" not in said["C2"].message_zh
    assert said["C3"].message_en.startswith("Not a discount: '8折起'. Enter one discount alone")
