"""Messages that say what to type or do: a count written with its unit (期初库存 = 20件) is told the
number to enter, and `stock supplies` on an empty 耗材 sheet says there is none, not a blank screen."""

from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop
from shopbook.validate import validate_path


@pytest.mark.parametrize("typed, zh, en", [
    ("20件", "应为整数：“20件”。请只填数字 20，不带单位。", "Should be a whole number: '20件'. Enter 20 alone, without a unit."),
    ("2.5", "应为整数：“2.5”。请填不带小数和单位的数字，例如 20。",
     "Should be a whole number: '2.5'. Enter a number with no decimals or unit, e.g. 20.")])
def test_a_count_that_does_not_read_says_what_to_type(tmp_path, typed, zh, en):
    shop = tmp_path / "shop"
    init_shop(shop)
    wb = openpyxl.load_workbook(shop / "stock.xlsx")
    for col, v in enumerate(["P1", "T1", "衬衫", None, None, None, None, 30, 99, 2, typed], 1):
        wb["商品"].cell(2, col, v)
    wb.save(shop / "stock.xlsx")
    assert [(i.book, i.sheet, i.cell, i.value, i.message_zh, i.message_en) for i in validate_path(shop).issues] == [
        ("stock.xlsx", "商品", "K2", typed, zh, en)]


@pytest.mark.parametrize("lang, said", [("zh", "– 耗材表里没有耗材："), ("en", "– no supplies on the Supplies sheet:")])
def test_stock_supplies_with_none_says_so(tmp_path, lang, said):
    shop = tmp_path / "shop"
    init_shop(shop, lang=lang)
    r = CliRunner().invoke(app, ["stock", "supplies", str(shop)])
    assert r.exit_code == 0 and r.output.strip().startswith(said), r.output
    r = CliRunner().invoke(app, ["stock", "supplies", str(shop), "--json"])
    assert r.exit_code == 0 and r.stdout.strip() == "[]"  # --json: the empty list, as before
