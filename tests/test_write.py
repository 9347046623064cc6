"""`validate --write` and safe writing: shopbook's own sheet and comments, nothing else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.files import write_atomic
from shopbook.validate import validate_path
from shopbook.validate.write import AUTHOR, write_issues

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def book(tmp_path) -> Path:
    return formula_free_corpus(tmp_path)


def formula_free_corpus(tmp_path) -> Path:
    """The corpus workbook a person worked on (one bad 成本价, H3), its one formula (P2)
    replaced by a typed value: a workbook with formulas never goes through openpyxl (see
    test_write_safety)."""
    dest = tmp_path / "shop"
    shutil.copytree(CORPUS / "person_made", dest)
    path = dest / "stock.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["商品"]["P2"] = 69
    wb.save(path)
    return path


def snapshot(path: Path, skip=("校验结果", "Issues")) -> dict:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        if ws.title in skip:
            continue
        cells = {c.coordinate: (c.value, c.number_format, c.font.b, c.font.color.rgb if c.font.color else None,
                                c.fill.fgColor.rgb) for row in ws.iter_rows() for c in row if c.value is not None}
        out[ws.title] = {"cells": cells, "tables": dict(ws.tables.items()),
                         "validations": sorted((dv.type, dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation),
                         "freeze": ws.freeze_panes}
    return out


def test_write_adds_issues_sheet_and_comments_only(book):
    before = snapshot(book)
    result = validate_path(book)
    assert [(i.cell, i.column) for i in result.issues] == [("H3", "成本价"), ("I4", "售价")]  # I4 warns: below cost
    r = CliRunner().invoke(app, ["validate", str(book), "--write"])
    assert r.exit_code == 1
    assert snapshot(book) == before  # every value, format, font, fill, table and validation
    wb = openpyxl.load_workbook(book)
    ws = wb["校验结果"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], r[3]) for r in rows] == [("商品", "H3", "成本价"), ("商品", "I4", "售价")]
    assert ws["C2"].hyperlink.location == "'商品'!H3" or ws["C2"].hyperlink.target.endswith("'商品'!H3")
    sheet = wb["商品"]
    assert sheet["H3"].comment.author == AUTHOR and "金额" in sheet["H3"].comment.text
    assert sheet["I4"].comment.author == "老板" and sheet["I4"].comment.text == "老板：促销价，先别改"
    assert sheet["P2"].value == 69
    assert list((book.parent / ".shopbook-backup").glob("stock.*.xlsx"))


def test_write_twice_replaces_and_clears_stale_comments(book):
    write_issues(book, validate_path(book).issues)
    wb = openpyxl.load_workbook(book)
    wb["商品"]["H3"] = 30  # the person fixes the cost
    wb.save(book)
    write_issues(book, validate_path(book).issues)
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames.count("校验结果") == 1
    assert wb["商品"]["H3"].comment is None
    assert [r[2] for r in wb["校验结果"].iter_rows(min_row=2, values_only=True)] == ["I4"]


@pytest.mark.parametrize("lock", ["~$stock.xlsx", ".~lock.stock.xlsx#"])
def test_a_workbook_open_elsewhere_is_not_touched(book, lock):
    (book.parent / lock).write_bytes(b"\x05Alice" + b" " * 50 if lock.startswith("~") else b",Alice,host,2026,\n")
    before = book.read_bytes()
    r = CliRunner().invoke(app, ["validate", str(book), "--write"])
    assert r.exit_code == 2 and "Alice" in r.output and "nothing was written" in r.output
    assert book.read_bytes() == before


def excel_owner_file(name: str, ansi: str) -> bytes:
    """An Excel owner file (~$name.xlsx, 165 bytes) as Excel writes it on a PC whose ANSI code
    page is `ansi`: the length in characters, the name in `ansi` padded with spaces to byte 55,
    the length again as 2 bytes, the name in UTF-16LE, then UTF-16 spaces."""
    a = name.encode(ansi)
    head = bytes([len(name)]) + a + b" " * (54 - len(a)) + len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    return head + (b"\x20\x00" * 60)[:165 - len(head)]


@pytest.mark.parametrize("name, ansi", [("张三", "gbk"), ("José Müller", "cp1252"), ("alice", "ascii")],
                         ids=["gbk", "cp1252", "ascii"])
def test_excel_lock_names_who_holds_it_in_any_language(book, name, ansi):
    """The owner's name is read from the file's UTF-16 copy: a Chinese Windows user's name is not
    shown as the mojibake its GBK bytes make in latin-1 (张三 was 'ÕÅ')."""
    (book.parent / "~$stock.xlsx").write_bytes(excel_owner_file(name, ansi))
    r = CliRunner().invoke(app, ["validate", str(book), "--write"])
    assert r.exit_code == 2 and f"（{name}）" in r.output and f"({name})" in r.output


@pytest.mark.parametrize("raw, name", [
    ("张三".encode("gbk").join([b"\x02", b" " * 50]), "张三"),  # the ANSI copy alone: its length says GBK
    ("José".encode("cp1252").join([b"\x04", b" " * 50]), "José"),
    (b"\x05alice" + b" " * 50, "alice"),
    (excel_owner_file("张三", "gbk")[:56], "张三"),  # the UTF-16 copy cut off: the ANSI one
], ids=["gbk", "cp1252", "ascii", "utf16-cut"])
def test_excel_lock_owner_without_its_utf16_copy(tmp_path, raw, name):
    from shopbook.io.files import lock_owner

    (tmp_path / "~$orders.xlsx").write_bytes(raw)
    assert lock_owner(tmp_path / "orders.xlsx") == name


def assert_listed_beside(book: Path) -> None:
    """The issues go to reports/校验结果-stock.xlsx, each cell listed, and the workbook is not touched."""
    before = book.read_bytes()
    out = write_issues(book, validate_path(book).issues)
    assert book.read_bytes() == before
    assert out == book.parent / "reports" / "校验结果-stock.xlsx"
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == ["H3", "I4"]


def test_workbook_with_a_chart_gets_a_separate_issues_file(book):
    wb = openpyxl.load_workbook(book)
    ws = wb["商品"]
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=8, min_row=1, max_row=4))
    ws.add_chart(chart, "R2")
    wb.save(book)
    assert_listed_beside(book)


def test_workbook_with_a_sheet_too_big_to_rewrite_gets_a_separate_issues_file(book, monkeypatch):
    """A sheet openpyxl would take tens of seconds to load and save (a year's orders): the list
    goes beside it, as for a chart, and the workbook is not touched."""
    from shopbook.validate import write

    monkeypatch.setattr(write, "BIG_SHEET_XML", 1 << 10)  # the corpus sheet stands in for a 100k-line one
    assert_listed_beside(book)
    monkeypatch.setattr(write, "BIG_SHEET_XML", 1 << 30)
    assert write_issues(book, validate_path(book).issues) == book  # a workbook of its usual size: into it


def test_a_workbook_grown_too_big_loses_the_sheet_and_comments_an_earlier_write_left(book, monkeypatch):
    """Written into while small, grown past the size since: shopbook's sheet and comments are
    removed once (they would go on listing what may have been fixed), the list goes beside it,
    and the next run leaves the workbook alone."""
    from shopbook.validate import write
    from shopbook.validate.write import validate_and_write

    validate_and_write(book)
    assert "校验结果" in openpyxl.load_workbook(book).sheetnames
    monkeypatch.setattr(write, "BIG_SHEET_XML", 1 << 10)
    _, written = validate_and_write(book)
    assert written == [book, book.parent / "reports" / "校验结果-stock.xlsx"]
    wb = openpyxl.load_workbook(book)
    assert "校验结果" not in wb.sheetnames
    assert not any(c.comment is not None and c.comment.author == AUTHOR
                   for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    after = book.read_bytes()
    _, written = validate_and_write(book)
    assert written == [book.parent / "reports" / "校验结果-stock.xlsx"] and book.read_bytes() == after


def test_atomic_write_leaves_the_original_when_writing_fails(tmp_path):
    target = tmp_path / "x.bin"
    target.write_bytes(b"original")

    def broken(p: Path) -> None:
        p.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken)
    assert target.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.bin"]


@pytest.mark.libreoffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_written_workbook(book, tmp_path):
    write_issues(book, validate_path(book).issues)
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
                        "--outdir", str(tmp_path / "out"), str(book)], capture_output=True, text=True, timeout=180)
    out = tmp_path / "out" / "stock.xlsx"
    assert r.returncode == 0 and out.exists(), r.stderr
    wb = openpyxl.load_workbook(out)
    assert "校验结果" in wb.sheetnames and wb["商品"]["H3"].comment is not None


def test_a_big_workbook_with_formulas_is_never_rewritten_to_clear_an_earlier_sheet(book, monkeypatch):
    """Its sheet and comments stay rather than its formulas' cached results being lost."""
    from shopbook.validate import write
    from shopbook.validate.write import validate_and_write

    validate_and_write(book)
    wb = openpyxl.load_workbook(book)
    wb["商品"]["P2"] = "=1+1"
    wb.save(book)
    before = book.read_bytes()
    monkeypatch.setattr(write, "BIG_SHEET_XML", 1 << 10)
    assert write.clear_when_too_big(book) is None
    _, written = validate_and_write(book)
    assert written == [book.parent / "reports" / "校验结果-stock.xlsx"] and book.read_bytes() == before


def test_a_report_open_in_excel_is_not_replaced_and_said(book):
    """reports/校验结果-stock.xlsx open in Excel (its owner file ~$… beside it): Windows would refuse
    to replace it, elsewhere its reader would go on reading the old list unaware. This run's list
    goes beside it, and the run says which is which."""
    from shopbook.io.files import left_open_words

    wb = openpyxl.load_workbook(book)
    chart = BarChart()
    chart.add_data(Reference(wb["商品"], min_col=8, min_row=1, max_row=4))
    wb["商品"].add_chart(chart, "R2")
    wb.save(book)
    first = write_issues(book, validate_path(book).issues)
    earlier = first.read_bytes()
    (first.parent / f"~${first.name}").write_bytes(b"\x04Anna" + b" " * 50 + b"\x04\x00" + "Anna".encode("utf-16-le"))
    out = write_issues(book, validate_path(book).issues)
    assert out == first.with_name("校验结果-stock (2).xlsx") and first.read_bytes() == earlier
    assert [r[2] for r in openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True)] == ["H3", "I4"]
    zh, en = left_open_words(out)
    assert "校验结果-stock.xlsx 正被打开着（Anna）" in zh and "校验结果-stock (2).xlsx" in zh
    assert "标记文件 ~$校验结果-stock.xlsx（隐藏文件，" in zh and "delete it" in en
    assert "is open (Anna)" in en
    (first.parent / f"~${first.name}").unlink()  # closed: the next run writes it again
    assert write_issues(book, validate_path(book).issues) == first and left_open_words(first) is None
