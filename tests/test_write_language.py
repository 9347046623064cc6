"""What `validate --write` and the 校验 button put into a person's workbook — the comments on the
cells and the Issues sheet — is in the shop's language alone; in both only for a workbook outside
a shop folder, where no shop says which (as the console prints it). A required column missing is
named as the sheet's headers are written, the reader's own word beside it only when they differ."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from decimal import Decimal

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop
from shopbook import xl
from shopbook.validate import validate_path
from shopbook.workbook_builder import build_workbook, write_workbook
from xlfake import FakeBook

D = Decimal
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
TITLES = {"zh": "校验结果", "en": "Issues", None: "校验结果"}
HEADS = {"zh": ["严重程度", "工作表", "单元格", "列", "值", "说明"],
         "en": ["Severity", "Sheet", "Cell", "Column", "Value", "Message"],
         None: ["严重程度 Severity", "工作表 Sheet", "单元格 Cell", "列 Column", "值 Value", "说明", "Message"]}


def stock_with_issues(tmp_path, lang: str | None):
    """stock.xlsx holding a price below cost (a warning) and the same SKU twice (an error): in a
    shop of `lang`, or (None) a Chinese workbook alone in a folder that is no shop."""
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang or "zh")
    write_workbook(folder / "stock.xlsx", STOCK, lang or "zh", {Product: [
        Product(sku="TS-1", name="T-shirt", cost=D(30), price=D(20)),
        Product(sku="TS-1", name="Shirt", cost=D(1), price=D(2))]}, keep_backup=False)
    if lang is None:
        (tmp_path / "loose").mkdir()
        return shutil.copy(folder / "stock.xlsx", tmp_path / "loose" / "stock.xlsx")
    return folder / "stock.xlsx"


def said(issue, lang: str | None) -> list[str]:
    return {"zh": [issue.message_zh], "en": [issue.message_en]}.get(lang, [issue.message_zh, issue.message_en])


@pytest.mark.parametrize("lang", ["zh", "en", None], ids=["zh", "en", "no-shop"])
def test_validate_write_puts_the_shops_language_alone_into_the_workbook(tmp_path, lang):
    path = stock_with_issues(tmp_path, lang)
    issues = validate_path(path).issues
    assert len(issues) == 2 and all(i.cell for i in issues)
    r = CliRunner().invoke(app, ["validate", str(path), "--write"])
    assert r.exit_code == 1, r.output
    wb = openpyxl.load_workbook(path)
    assert [t for t in wb.sheetnames if t in ("校验结果", "Issues")] == [TITLES[lang]]
    rows = [list(row) for row in wb[TITLES[lang]].iter_rows(values_only=True)]
    assert rows[0] == HEADS[lang]  # no column for the other language's message in a shop
    assert [row[5:] for row in rows[1:]] == [said(i, lang) for i in issues]
    expected = defaultdict(list)
    for i in issues:
        expected[(i.sheet, i.cell)].append("[shopbook] " + "\n".join(said(i, lang)))
    comments = {(ws.title, c.coordinate): c.comment.text for ws in wb.worksheets for row in ws.iter_rows()
                for c in row if c.comment is not None}
    assert comments == {k: "\n".join(v) for k, v in expected.items()}
    if lang == "en":  # nothing Chinese an English shop would read
        assert not [v for row in rows for v in row if isinstance(v, str) and CJK.search(v)]
        assert not [t for t in comments.values() if CJK.search(t)]
    if lang == "zh":
        assert not [t for t in comments.values() if re.search(r"[A-Za-z]{4,}", t.replace("shopbook", ""))]


def test_an_earlier_writes_bilingual_sheet_is_replaced(tmp_path):
    """The sheet an earlier shopbook wrote (each message in both languages) is still shopbook's:
    the next --write replaces it rather than leaving it beside its own."""
    path = stock_with_issues(tmp_path, "en")
    wb = openpyxl.load_workbook(path)
    old = wb.create_sheet("Issues")
    old.append(["Severity", "Sheet", "Cell", "Column", "Value", "Message", "说明"])
    old.append(["error", "Products", "A3", "sku", "TS-1", "old", "旧"])
    wb.save(path)
    assert CliRunner().invoke(app, ["validate", str(path), "--write"]).exit_code == 1
    wb = openpyxl.load_workbook(path)
    assert [t for t in wb.sheetnames if t.startswith("Issues")] == ["Issues"]
    assert next(wb["Issues"].iter_rows(values_only=True)) == tuple(HEADS["en"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_button_writes_the_shops_language_alone(tmp_path, lang):
    path = stock_with_issues(tmp_path, lang)
    book = FakeBook(path)
    xl.validate(book)
    issues = validate_path(path).issues
    rows = book.sheet_rows(TITLES[lang])
    assert rows[0] == HEADS[lang] and [row[-1] for row in rows[1:]] == [said(i, lang)[0] for i in issues]
    notes = [t for s in book.sheets for t in s.store.notes.values()]
    assert sorted(notes) == sorted(f"[shopbook] {said(i, lang)[0]}" for i in issues)
    if lang == "en":
        assert not [t for t in notes if CJK.search(t)]


@pytest.mark.parametrize("lang, sheet, header, zh, en", [
    ("en", "Movements", "qty", "缺少必填列“qty”（数量）。", "The required column 'qty' is missing."),
    ("zh", "出入库", "数量", "缺少必填列“数量”。", "The required column '数量' (qty) is missing.")])
def test_a_missing_required_column_is_named_in_the_sheets_language(tmp_path, lang, sheet, header, zh, en):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    wb = build_workbook(STOCK, lang)
    next(c for c in wb[sheet][1] if c.value == header).value = "x y z"  # the column's header gone
    wb.save(folder / "stock.xlsx")
    [e] = validate_path(folder).errors
    assert (e.sheet, e.column) == (sheet, header)
    assert e.message_zh.startswith(zh) and e.message_en.startswith(en)
    r = CliRunner().invoke(app, ["validate", str(folder)])  # each shop reads its sheet's header alone
    assert r.exit_code == 1 and (zh if lang == "zh" else en) in r.output
    assert ("qty" if lang == "zh" else "数量") not in r.output


def test_the_english_how_to_sheet_names_each_column_in_english_alone(tmp_path):
    from shopbook.schema import WORKBOOKS

    for spec in WORKBOOKS:
        ws = build_workbook(spec, "en")["How to use"]
        cols = [c.value for c in ws["B"][4:] if c.value]
        assert cols and not [c for c in cols if CJK.search(c)], (spec.filename, cols)
    ws = build_workbook(STOCK, "zh")["说明"]  # (the Chinese one names the English headers the reader takes too)
    assert "商家编码 (sku)" in [c.value for c in ws["B"]]
