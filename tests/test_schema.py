"""The schema declares every column of ../shared/WORKBOOKS.md, the staff-facing contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shopbook.schema import WORKBOOKS, Product
from shopbook.values import BadValue

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "WORKBOOKS.md"


def contract_columns() -> dict[str, list[tuple[str, str, bool]]]:
    """Sheet (Chinese name) → [(zh header, en header, required)] as the contract lists them."""
    text = CONTRACT.read_text(encoding="utf-8")
    out: dict[str, list] = {}
    for m in re.finditer(r"\*\*(\S+) / [^*]+\*\*(.*?)(?=\n\*\*|\n## |\Z)", text, re.S):
        sheet, body = m.group(1), m.group(2)
        cols = re.findall(r"^\| (\S+?)(\*?) \| (\w+) \|", body, re.M)
        if not cols:  # the "日期* date · 商家编码* sku · …" form
            plain = re.sub(r"\s\([^)]*\)", "", body.split("\n\n")[0])  # drop "(入库 in, …)" word lists
            cols = re.findall(r"(?:^|·|—)\s*([^\s·*—]+?)(\*?) (\w+)", plain, re.M)
        out[sheet] = [(zh, en, star == "*") for zh, star, en in cols if zh not in ("中文",)]
    return out


@pytest.mark.skipif(not CONTRACT.exists(), reason="shared/WORKBOOKS.md is not beside the repo")
def test_every_contract_column_is_declared():
    declared = {m.zh: m for w in WORKBOOKS for m in w.sheets}
    contract = contract_columns()
    assert set(contract) == set(declared)
    assert all(len(cols) >= 2 for cols in contract.values()), contract
    for sheet, cols in contract.items():
        model = declared[sheet]
        by_zh = {c.col.zh: c for c in model.columns()}
        for zh, en, required in cols:
            assert zh in by_zh, f"{sheet}: column {zh} is not declared"
            assert by_zh[zh].col.en == en, f"{sheet}.{zh}: English header {by_zh[zh].col.en} != {en}"
            assert by_zh[zh].required == required, f"{sheet}.{zh}: required should be {required}"


def test_headers_are_unique_within_each_sheet():
    for w in WORKBOOKS:
        for m in w.sheets:
            keys = [c.col.zh for c in m.columns()] + [c.col.en.lower() for c in m.columns()]
            assert len(keys) == len(set(keys)), m.zh


def test_model_built_in_python_parses_like_a_cell():
    p = Product(sku=6901234567890, name="T恤", cost="¥1,234.50", price="１２３４．５元", main="是", status="active")
    assert p.sku == "6901234567890" and str(p.cost) == "1234.50" and str(p.price) == "1234.50"
    assert p.main is True and p.status.value == "在售"
    with pytest.raises(ValueError):
        Product(sku="1.23E+17", name="x", cost=1, price=2)
    with pytest.raises(ValueError):
        Product(sku="A", name="x", cost="abc", price=2)
