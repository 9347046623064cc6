"""Templates come from the schema: structure, drift, and LibreOffice as a second reader."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from shopbook.io.reader import read_workbook
from shopbook.schema import WORKBOOKS, Product
from shopbook.templates import docs_markdown, write_templates
from shopbook.workbook_builder import table_name

ROOT = Path(__file__).resolve().parents[1]


def zip_contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_committed_templates_match_the_schema(tmp_path, lang):
    fresh = write_templates(tmp_path, lang)
    committed = ROOT / "templates" / ("" if lang == "zh" else "en")
    for p in fresh:
        rel = p.relative_to(tmp_path)
        assert zip_contents(p) == zip_contents(committed / rel), (
            f"templates/{rel} drifted from the schema: run `make templates`")


def test_generated_docs_are_committed():
    assert (ROOT / "docs" / "workbooks.md").read_text(encoding="utf-8") == docs_markdown()


@pytest.mark.parametrize("spec", WORKBOOKS, ids=lambda w: w.key)
def test_template_structure(tmp_path, spec):
    (path,) = [p for p in write_templates(tmp_path, "zh") if p.name == spec.filename]
    assert (tmp_path / "reports" / "picklist.xlsx").exists()
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [m.zh for m in spec.sheets] + ["说明"]
    for model in spec.sheets:
        ws = wb[model.zh]
        cols = model.columns()
        assert [c.value for c in ws[1]] == [c.col.zh for c in cols]
        assert ws.freeze_panes == "A2"
        assert table_name(model) in ws.tables
        assert ws.print_title_rows == "$1:$1"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        for j, col in enumerate(cols, start=1):
            fmt = ws.cell(row=2, column=j).number_format
            expected = {"money": "#,##0.00", "percent": "0.00%", "date": "yyyy-mm-dd", "code": "@"}
            if col.kind.value in expected:
                assert fmt == expected[col.kind.value], (model.zh, col.name)
        choice_cols = [j for j, c in enumerate(cols, start=1) if c.choice is not None or c.col.list_from]
        validated = {str(r).split(":")[0].rstrip("0123456789") for dv in ws.data_validations.dataValidation
                     for r in dv.sqref.ranges}
        from openpyxl.utils import get_column_letter
        assert {get_column_letter(j) for j in choice_cols} <= validated
    howto = wb["说明"]
    text = " ".join(str(c.value) for row in howto.iter_rows() for c in row if c.value)
    for model in spec.sheets:
        for col in model.columns():
            assert col.col.zh in text


def test_dropdowns_draw_accounts_and_categories_from_their_sheets(tmp_path):
    write_templates(tmp_path, "zh")
    ws = openpyxl.load_workbook(tmp_path / "ledger.xlsx")["流水"]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "'账户'!$A$2:$A$5000" in formulas
    assert "'类别'!$A$2:$A$5000" in formulas
    assert '"收入,支出"' in formulas


def test_english_template_reads_back_with_the_same_schema(tmp_path):
    write_templates(tmp_path, "en")
    spec = next(w for w in WORKBOOKS if w.key == "stock")
    wd = read_workbook(tmp_path / "stock.xlsx", spec)
    assert wd.all_issues() == []
    assert wd.sheets[Product].headers["sku"] == "sku"
    assert openpyxl.load_workbook(tmp_path / "stock.xlsx").sheetnames[-1] == "How to use"


@pytest.mark.libreoffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_every_template(tmp_path):
    src = [p for p in write_templates(tmp_path / "in", "zh") if p.parent.name == "in"]
    out = tmp_path / "out"
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "xlsx", "--outdir", str(out), *map(str, src)],
                       capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr
    for p in src:
        converted = out / p.name
        assert converted.exists(), f"LibreOffice could not open {p.name}: {r.stdout} {r.stderr}"
        spec = next(w for w in WORKBOOKS if w.filename == p.name)
        wd = read_workbook(converted, spec)
        assert [i for i in wd.all_issues() if i.is_error] == []
        wb = openpyxl.load_workbook(converted)
        assert wb.sheetnames[: len(spec.sheets)] == [m.zh for m in spec.sheets]
    ws = openpyxl.load_workbook(out / "ledger.xlsx")["流水"]
    assert ws.cell(row=1, column=1).value == "日期"
    assert any(dv.formula1 == '"收入,支出"' for dv in ws.data_validations.dataValidation)


def test_the_english_how_to_use_notes_are_english(tmp_path):
    """The Notes column of an English shop's How to use sheets: no Chinese of shopbook's own (they said
    '收支 gives the direction', 'the orders' 客服 and 打包员 columns' …). Left: 生意参谋, the name of the
    platform's tool, and the provinces a choice lists (the values typed)."""
    import re

    from shopbook.shop import init_shop

    init_shop(tmp_path / "shop", lang="en")
    found = []
    for f in sorted((tmp_path / "shop").glob("*.xlsx")):
        ws = openpyxl.load_workbook(f)["How to use"]
        for row in ws.iter_rows(min_row=5):
            note = row[4].value
            if isinstance(note, str) and re.search(r"[\u4e00-\u9fff]", note.replace("生意参谋", "")):
                found.append((f.name, row[4].coordinate, note))
    assert not found, found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_orders_template_says_an_unlisted_review_rule_still_runs(tmp_path, lang):
    """The review runs every rule the 审单规则 sheet does not turn off (a rule left out is on):
    the template's how-to sheet says so, in the shop's language, beside that sheet's name."""
    from shopbook.orders.review import rules_from_sheet

    assert all(rules_from_sheet([], [])[0].on(key) for key in ("remote", "stock", "merge"))
    path = next(p for p in write_templates(tmp_path, lang) if p.name == "orders.xlsx")
    wb = openpyxl.load_workbook(path)
    howto = wb["说明" if lang == "zh" else "How to use"]
    row = next(r for r in howto.iter_rows(values_only=True) if r[0] == ("审单规则" if lang == "zh" else "Review rules"))
    note = row[4] or ""
    if lang == "zh":
        assert "没有列出的规则照常启用" in note and "否" in note
    else:
        assert "not listed here runs as if enabled" in note and "'no'" in note


def test_docs_required_column_says_unique_without_a_stray_comma():
    """docs/workbooks.md's 条码 row (unique, not required) read ', unique' in its required column."""
    lines = docs_markdown().splitlines()
    assert "| 条码 | barcode | unique | code (text) |" in "\n".join(lines)
    assert "| 商家编码 | sku | yes, unique | code (text) |" in "\n".join(lines)
    assert not [ln for ln in lines if "| , " in ln]
