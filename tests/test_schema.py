"""The schema declares every column of ../shared/WORKBOOKS.md, the staff-facing contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shopbook.schema import WORKBOOKS, Product

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
    beyond = {"商品映射"}  # issue 17's SKU map: a sheet the (read-only) contract does not list yet
    beyond |= {"供应商", "采购"}  # issue 21's purchasing sheets: not in the contract yet either
    beyond |= {"售后", "绩效"}  # issue 19's after-sales cases and staff pay: not in the contract yet either
    assert set(contract) == set(declared) - beyond
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


# --- values from a list -------------------------------------------------------------------

def _list_columns():
    from shopbook.schema.base import Kind

    return [(m, c) for w in WORKBOOKS for m in w.sheets for c in m.columns() if c.kind is Kind.CHOICE or c.col.one_of]


def test_every_list_named_by_a_column_exists_and_is_not_empty():
    from shopbook.schema import lists

    named = {c.col.one_of for _, c in _list_columns() if c.col.one_of}
    assert named == {"review_rules", "pnl_groups", "provinces"}
    for name in named:
        assert lists.words(name) and lists.accepted(name)


def _good(c):
    """A value the column takes, by its kind."""
    import datetime as dt

    from shopbook.schema import lists
    from shopbook.schema.base import Kind

    if c.choice:
        return next(iter(c.choice)).value
    if c.col.one_of:
        return lists.shown_words(c.col.one_of, "zh")[0]
    return {Kind.DATE: dt.date(2026, 11, 3), Kind.DATETIME: dt.datetime(2026, 11, 3, 9), Kind.BOOL: "是",
            Kind.MONEY: 10, Kind.DECIMAL: 1, Kind.INT: 1, Kind.PERCENT: "5%"}.get(c.kind, "A1")


@pytest.mark.parametrize("model,col", _list_columns(), ids=lambda x: getattr(x, "zh", None) or x.col.zh)
def test_a_typo_in_any_list_column_is_a_located_error_with_did_you_mean(model, col):
    """Each enumeration and each fixed-list column, read as a cell: one letter of a good value
    changed (在售 → 在卖-like) is an error on that cell naming the value it should be."""
    from shopbook.io.reader import read_sheet_rows

    cols = [c for c in model.columns() if c.required or c is col]
    good = _good(col)
    typo = good[:-1] + ("X" if good[-1] != "X" else "Y")
    rows = [[c.col.zh for c in cols], [_good(c) for c in cols], [typo if c is col else _good(c) for c in cols]]
    sd = read_sheet_rows("x.xlsx", model.zh, model, rows, {})
    if col.required:  # the row is no record, but its other values (its key) are kept
        assert [r.row for r in sd.records] == [2] and [r.row for r in sd.unreadable] == [3]
    else:  # the record stands, without the value
        assert [(r.row, getattr(r, col.name)) for r in sd.records][1] == (3, None)
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[cols.index(col)]
    assert [(i.cell, i.value) for i in sd.issues] == [(f"{letter}3", typo)]
    # each message names the value in its own language (an enumeration's English word in English)
    en = next((m.en for m in col.choice if m.value == good), good) if col.choice else good
    assert f"“{good}”" in sd.issues[0].message_zh and f"'{en}'" in sd.issues[0].message_en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fixed_list_columns_get_a_dropdown_that_warns(tmp_path, lang):
    """Declared once: the template offers the list; a long form (浙江省) typed past it only warns."""
    import openpyxl

    from shopbook.schema import LEDGER, ORDERS, Category, ReviewRule, ShippingRate
    from shopbook.workbook_builder import write_workbook

    found = {}
    for spec, model, name in ((ORDERS, ShippingRate, "province"), (ORDERS, ReviewRule, "rule"),
                              (LEDGER, Category, "group")):
        write_workbook(tmp_path / spec.filename, spec, lang, keep_backup=False)
        ws = openpyxl.load_workbook(tmp_path / spec.filename)[model.title(lang)]
        letter = "ABCDEFGHIJ"[[c.name for c in model.columns()].index(name)]
        found[name] = [(dv.formula1, dv.errorStyle) for dv in ws.data_validations.dataValidation
                       if str(dv.sqref).startswith(f"{letter}2:")]
    assert found["province"][0][1] == "warning" and "广东,广西" in found["province"][0][0]
    assert found["rule"] == [('"手机号格式,地址解析,偏远地区,商品编码,库存不足,留言备注,合并发货"' if lang == "zh" else
                              '"phone format,address,remote area,sku,stock,message,merge"', "warning")]
    assert ("快递运费" if lang == "zh" else "shipping") in found["group"][0][0]
