"""Money typed oddly (QA): RMB 50 and 1e3 were read as amounts, and 1.234,50 (a decimal comma)
was called "more than two decimals", 12,34 read as 1234. Each is now a located error saying
what to type; ¥, ￥, 元, spaces and thousands commas read as before. Through validate, on a
real stock.xlsx, run as the console runs it."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from shopbook import values as V
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from cli_run import CJK, shopbook, type_in



# row of 商品 → the price typed, as text, and what validate says of it (None: read as this amount)
TYPED = {
    2: ("RMB 50", "金额“RMB 50”里有“RMB”：只填数字，例如 50 或 ¥50。"),
    3: ("1e3", "金额“1e3”是科学计数法：请写出整个数，例如 1000。"),
    4: ("1.234,50", "金额“1.234,50”像是用逗号作小数点：请用小数点，写成 1234.50（逗号只用来分千位，如 1,234.50）。"),
    5: ("12,34", "金额“12,34”像是用逗号作小数点：请用小数点，写成 12.34（逗号只用来分千位，如 1,234.50）。"),
    6: ("$50", "“$50”不是人民币金额：金额以元计。请填数字，例如 1234.50（可带 ¥ 或 元）。"),
    7: ("¥50", D("50")),
    8: ("￥1,234.50", D("1234.50")),
    9: ("1,234", D("1234")),
    10: ("50元", D("50")),
    11: ("１２３４．５", D("1234.5")),
}


def typed_into_products(folder: Path, header: str, typed: dict) -> Path:
    """A Chinese shop whose 商品 sheet has `typed` ({row: (text, …)}) typed into column `header`."""
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku=f"P{r}", name="衬衫", cost=D(20), price=D(60)) for r in typed]}, keep_backup=False)
    type_in(folder / "stock.xlsx", "商品", {(r, header): text for r, (text, _) in typed.items()})
    return folder


@pytest.fixture
def shop(tmp_path) -> Path:
    return typed_into_products(tmp_path / "shop", "售价", TYPED)


def test_money_typed_oddly_is_located_and_says_what_to_type(shop):
    r = shopbook("validate", shop, "--json")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    found = {i["row"]: i for i in json.loads(r.stdout) if i["sheet"] == "商品"}
    said = {row: msg for row, (_, msg) in TYPED.items() if isinstance(msg, str)}
    assert {row: found[row]["message_zh"] for row in said} == said
    for row in said:  # located: the workbook, the 售价 cell of that row, the value as typed
        i = found[row]
        assert (i["book"], i["column"], i["severity"], i["value"]) == ("stock.xlsx", "售价", "error", TYPED[row][0])
        assert re.fullmatch(rf"[A-Z]+{row}", i["cell"])
    assert set(found) == set(said)  # ¥, ￥, 元, thousands commas and full-width digits read
    records = read_workbook(shop / "stock.xlsx", STOCK).rows(Product)
    assert {p.row: p.price for p in records} == {row: v for row, (_, v) in TYPED.items() if isinstance(v, D)}


def test_the_console_says_it_in_the_shops_language_alone(shop):
    r = shopbook("validate", shop)
    out = "".join(r.stdout.split())
    assert r.returncode == 1 and "写成1234.50" in out and "例如50或¥50" in out and "例如1000" in out, r.stdout
    assert "decimal comma" not in r.stdout and "scientific" not in r.stdout and "holds" not in r.stdout
    toml = shop / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    r = shopbook("validate", shop)
    out = " ".join(r.stdout.split())
    assert r.returncode == 1 and "looks like it has a decimal comma" in out and "enter 1234.50" in out, r.stdout
    assert "such as 50 or ¥50" in out and "scientific notation" in out
    said = [ln for ln in r.stdout.splitlines() if ln.startswith("    ")]
    assert said and not [ln for ln in said if CJK.search(ln.replace("售价", "").replace("商品", ""))], said


@pytest.mark.parametrize("typed, hint", [
    ("1.5E+3", "1500"), ("-2e1", "-20"), ("１ｅ３", "1000"), ("¥1e3", "1000"), ("CNY 1,234.5", "1234.5"),
    ("50rmb", "50"), ("(1.234,50)", "-1234.50"), ("1,23元", "1.23"), ("12，34", "12.34"), ("1.234.567,89", "1234567.89"),
])
def test_each_slip_names_the_amount_to_type(typed, hint):
    with pytest.raises(V.BadValue) as e:
        V.parse_money(typed)
    assert f"{hint}。" in e.value.zh or f"{hint} " in e.value.zh or f"{hint}（" in e.value.zh, e.value.zh
    assert f" {hint}" in e.value.en, e.value.en


@pytest.mark.parametrize("typed", ["1_000", "1e30", "1e5000", "1e-5000", "nan", "Infinity"])
def test_what_is_no_amount_at_all_is_still_refused(typed):
    with pytest.raises(V.BadValue) as e:
        V.parse_money(typed)
    assert len(e.value.en) < 200  # never the number written out in its thousands of digits


@pytest.mark.parametrize("typed, amount", [
    ("1234.50", "1234.50"), ("-3", "-3.00"), ("¥ 50", "50.00"), ("1 234.50", "1234.50"), ("(12.50)", "-12.50"),
    ("1，234.50", "1234.50"), ("12,345", "12345.00"), (".5", "0.50"),
])
def test_what_was_read_before_still_reads(typed, amount):
    assert V.parse_money(typed) == D(amount)
