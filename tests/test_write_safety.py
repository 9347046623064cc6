"""What a person made survives shopbook's writes, on real .xlsx files written and re-read:
a column they filled without a header is never written over by a column shopbook adds,
and `validate --write` never puts a workbook through an openpyxl save that would lose
something (sheet extensions, threaded comments, formulas' cached results), nor
rewrites a workbook it has nothing to write into."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from typer.testing import CliRunner

from shopbook import xl
from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.io.sheet_edit import SheetEdit, edit_workbook
from shopbook.schema import ORDERS, STOCK, OrderLine, OrderStatus, Product
from shopbook.validate import validate_path
from shopbook.validate.write import AUTHOR
from shopbook.workbook_builder import write_workbook
from test_write import formula_free_corpus
from xlfake import FakeBook

CORPUS = Path(__file__).resolve().parent / "corpus"


# --- a column shopbook adds goes right of every used column -----------------------------

def orders_with_headerless_notes(tmp_path):
    """A shop whose 订单 sheet lacks the 审单结果 header (a person cleared it) and has notes
    typed, with no header above them, in the column right of the last header."""
    from test_orders import build_shop, exports
    from shopbook.orders.workflow import import_orders

    shop = build_shop(tmp_path)
    import_orders(shop, list(exports(tmp_path)))
    path = shop.path(ORDERS)
    wb = openpyxl.load_workbook(path)
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    ws.cell(row=1, column=head.index("审单结果") + 1).value = None
    notes_col = max(j for j, v in enumerate(head, start=1) if v) + 1
    status = head.index("状态") + 1
    notes = {r: f"客户要求周五后发 {r}" for r in range(2, ws.max_row + 1) if ws.cell(r, status).value == "待审核"}
    assert len(notes) >= 3
    for r, text in notes.items():
        ws.cell(row=r, column=notes_col, value=text)
    wb.save(path)
    return shop, notes_col, notes


def column_of(path, header):
    ws = openpyxl.load_workbook(path)["订单"]
    return next(c.column for c in ws[1] if c.value == header)


def assert_notes_kept(path, notes_col, notes):
    ws = openpyxl.load_workbook(path)["订单"]
    assert {r: ws.cell(r, notes_col).value for r in notes} == notes
    assert ws.cell(1, notes_col).value is None
    assert column_of(path, "审单结果") == notes_col + 1  # the new column goes right of the notes


def test_review_adds_its_column_right_of_a_headerless_column(tmp_path):
    shop, notes_col, notes = orders_with_headerless_notes(tmp_path)
    r = CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    assert r.exit_code == 0, r.output
    assert_notes_kept(shop.path(ORDERS), notes_col, notes)
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    reviewed = [ln for ln in lines if ln.row in notes]
    assert reviewed and all(ln.review and ln.status is not OrderStatus.NEW for ln in reviewed)


def test_the_reader_records_the_width_any_cell_uses(tmp_path):
    shop, notes_col, _ = orders_with_headerless_notes(tmp_path)
    sd = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).sheets[OrderLine]
    assert sd.width == notes_col


def test_an_edit_without_a_prior_read_also_goes_right_of_a_headerless_column(tmp_path):
    shop, notes_col, notes = orders_with_headerless_notes(tmp_path)
    edit_workbook(shop.path(ORDERS), [SheetEdit(OrderLine, set_cells={r: {"review": "通过"} for r in notes})])
    assert_notes_kept(shop.path(ORDERS), notes_col, notes)


def test_the_review_button_in_the_open_book_also_goes_right_of_it(tmp_path):
    shop, notes_col, notes = orders_with_headerless_notes(tmp_path)
    book = FakeBook(shop.path(ORDERS))
    xl.review(book)
    live = book.sheet_rows("订单")
    assert {r: live[r - 1][notes_col - 1] for r in notes} == notes
    assert live[0][notes_col] == "审单结果" and live[0][notes_col - 1] is None
    assert all(live[r - 1][notes_col] for r in notes)


# --- validate --write and what openpyxl would lose ------------------------------------

def rewrite_part(path: Path, part: str, change) -> None:
    """Edit one XML part of the zip, as Excel would have written it (no openpyxl save)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        names = z.namelist()
        for info in z.infolist():
            data = z.read(info.filename)
            out.writestr(info, change(data) if info.filename == part else data)
        if part not in names:
            out.writestr(part, change(b""))
    tmp.replace(path)


def sheet_part(path: Path, title: str) -> str:
    from shopbook.io.reader import sheet_parts

    with zipfile.ZipFile(path) as z:
        return sheet_parts(z)[title]


@pytest.fixture
def stock(tmp_path) -> Path:
    return formula_free_corpus(tmp_path)


X14 = ('xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
       'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"')
DROPDOWN = (f'<ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" {X14}><x14:dataValidations count="1">'
            '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>颜色!$A$1:$A$5</xm:f></x14:formula1>'
            '<xm:sqref>D2:D100</xm:sqref></x14:dataValidation></x14:dataValidations></ext>')
SPARKLINES = (f'<ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" {X14}><x14:sparklineGroups>'
              '<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:sparklines>'
              '<x14:sparkline><xm:f>商品!H2:I2</xm:f><xm:sqref>Q2</xm:sqref></x14:sparkline></x14:sparklines>'
              '</x14:sparklineGroup></x14:sparklineGroups></ext>')


def add_extensions(path: Path, *exts: str) -> None:
    def change(xml: bytes) -> bytes:
        return xml.replace(b"</worksheet>", ("<extLst>" + "".join(exts) + "</extLst></worksheet>").encode())

    rewrite_part(path, sheet_part(path, "商品"), change)


def add_threaded_comment(path: Path) -> None:
    """A modern (threaded) comment on 商品!B2 by a person, with the parts Excel writes for it."""
    tc = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
    rel_tc = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
    rel_person = "http://schemas.microsoft.com/office/2017/10/relationships/person"
    pid = "{6C2D9C71-1B1D-4C5B-9E39-3C2A4C0B1A11}"
    rewrite_part(path, "xl/persons/person.xml", lambda _: (
        f'<personList xmlns="{tc}"><person displayName="老板" id="{pid}" userId="boss" providerId="None"/>'
        '</personList>').encode())
    rewrite_part(path, "xl/threadedComments/threadedComment1.xml", lambda _: (
        f'<ThreadedComments xmlns="{tc}"><threadedComment ref="B2" dT="2026-11-20T10:00:00.00" personId="{pid}" '
        'id="{0A1B2C3D-0000-4000-8000-000000000001}"><text>这个款下周补货</text></threadedComment>'
        '</ThreadedComments>').encode())
    part = sheet_part(path, "商品")
    rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    rewrite_part(path, rels, lambda xml: xml.replace(b"</Relationships>", (
        f'<Relationship Id="rIdTc1" Type="{rel_tc}" Target="../threadedComments/threadedComment1.xml"/>'
        '</Relationships>').encode()))
    rewrite_part(path, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace(b"</Relationships>", (
        f'<Relationship Id="rIdP1" Type="{rel_person}" Target="persons/person.xml"/></Relationships>').encode()))
    rewrite_part(path, "[Content_Types].xml", lambda xml: xml.replace(b"</Types>", (
        '<Override PartName="/xl/threadedComments/threadedComment1.xml" '
        'ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
        '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
        '</Types>').encode()))


def set_formula(path: Path, ref: str, formula: str, cached: str) -> None:
    """A formula cell with the result Excel cached beside it, in place of the cell at `ref`."""
    new = f'<c r="{ref}"><f>{formula}</f><v>{cached}</v></c>'.encode()

    def change(xml: bytes) -> bytes:
        out, n = re.subn(rb'<c r="%s"(?:[^>]*/>|[^>]*>.*?</c>)' % ref.encode(), new, xml, count=1, flags=re.S)
        assert n == 1
        return out

    rewrite_part(path, sheet_part(path, "商品"), change)


def write_cli(path: Path):
    return CliRunner().invoke(app, ["validate", str(path), "--write"])


def backups(path: Path) -> list[Path]:
    return sorted((path.parent / ".shopbook-backup").glob(f"{path.stem}.*{path.suffix}"))


def assert_untouched_and_reported(path: Path, before: bytes, cells: list[str]) -> None:
    assert path.read_bytes() == before and backups(path) == []
    report = path.parent / "reports" / f"校验结果-{path.stem}.xlsx"
    rows = list(openpyxl.load_workbook(report).active.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == cells


@pytest.mark.parametrize("exts", [(DROPDOWN,), (SPARKLINES,), (DROPDOWN, SPARKLINES)],
                         ids=["dropdown-from-another-sheet", "sparklines", "both"])
def test_sheet_extensions_are_never_put_through_openpyxl(stock, exts):
    add_extensions(stock, *exts)
    before = stock.read_bytes()
    assert write_cli(stock).exit_code == 1
    with zipfile.ZipFile(stock) as z:
        xml = z.read(sheet_part(stock, "商品"))
    assert all(e.encode() in xml for e in exts)
    assert_untouched_and_reported(stock, before, ["H3", "I4"])


def test_threaded_comments_are_never_put_through_openpyxl(stock):
    add_threaded_comment(stock)
    before = stock.read_bytes()
    assert write_cli(stock).exit_code == 1
    with zipfile.ZipFile(stock) as z:
        assert "这个款下周补货" in z.read("xl/threadedComments/threadedComment1.xml").decode()
        assert "xl/persons/person.xml" in z.namelist()
    assert_untouched_and_reported(stock, before, ["H3", "I4"])


def test_a_formula_keeps_its_cached_result_and_later_runs_still_read_it(stock):
    """成本价 (required) computed by =11*2: after --write it must still read as 22, not blank."""
    set_formula(stock, "H2", "11*2", "22")
    assert read_workbook(stock, STOCK, (Product,)).rows(Product)[0].cost == 22
    before = stock.read_bytes()
    assert write_cli(stock).exit_code == 1
    assert [i.cell for i in validate_path(stock).issues] == ["H3", "I4"]  # no "H2 is required"
    assert read_workbook(stock, STOCK, (Product,)).rows(Product)[0].cost == 22
    assert_untouched_and_reported(stock, before, ["H3", "I4"])


def test_the_corpus_formula_workbook_is_not_rewritten_either(tmp_path):
    dest = tmp_path / "shop"
    shutil.copytree(CORPUS / "person_made", dest)
    path = dest / "stock.xlsx"
    before = path.read_bytes()
    assert write_cli(path).exit_code == 1
    assert_untouched_and_reported(path, before, ["H3", "I4"])


def test_a_clean_workbook_is_not_rewritten(tmp_path):
    path = tmp_path / "stock.xlsx"
    from decimal import Decimal

    write_workbook(path, STOCK, "zh", {Product: [Product(sku="A-1", style="A", name="衬衫", cost=Decimal("30"),
                                                         price=Decimal("99"))]}, keep_backup=False)
    assert validate_path(path).issues == []
    before = path.read_bytes()
    r = write_cli(path)
    assert r.exit_code == 0 and "✎" not in r.output
    assert path.read_bytes() == before and backups(path) == []
    assert not (tmp_path / "reports").exists()


def test_once_fixed_shopbook_clears_its_marks_once_then_leaves_the_workbook_alone(stock):
    assert write_cli(stock).exit_code == 1
    wb = openpyxl.load_workbook(stock)
    assert "校验结果" in wb.sheetnames and wb["商品"]["H3"].comment.author == AUTHOR
    wb["商品"]["H3"], wb["商品"]["I4"] = 30, 60  # the person fixes the cost and the price
    wb.save(stock)
    assert validate_path(stock).issues == []
    assert write_cli(stock).exit_code == 0  # clears the old sheet and comment
    wb = openpyxl.load_workbook(stock)
    assert "校验结果" not in wb.sheetnames and wb["商品"]["H3"].comment is None
    assert wb["商品"]["I4"].comment.author == "老板"  # the person's comment stays
    n, before = len(backups(stock)), stock.read_bytes()
    assert write_cli(stock).exit_code == 0  # nothing of shopbook's left: nothing to write
    assert stock.read_bytes() == before and len(backups(stock)) == n


def test_a_workbook_whose_only_issues_are_elsewhere_is_not_rewritten(stock):
    """A shop folder: the issues of one workbook do not make shopbook rewrite the others."""
    other = stock.parent / "orders.xlsx"
    write_workbook(other, ORDERS, "zh", keep_backup=False)
    before = other.read_bytes()
    CliRunner().invoke(app, ["validate", str(stock.parent), "--write"])
    assert other.read_bytes() == before and backups(other) == []


def test_a_person_comment_on_a_clean_workbook_is_kept_as_is(stock):
    wb = openpyxl.load_workbook(stock)
    wb["商品"]["H3"] = 30
    wb["商品"]["I4"] = 60
    wb["商品"]["B2"].comment = Comment("记得补货", "小王")
    wb.save(stock)
    before = stock.read_bytes()
    assert write_cli(stock).exit_code == 0
    assert stock.read_bytes() == before  # another author's comments are not shopbook's to clear


def test_a_persons_own_sheet_called_issues_is_kept(tmp_path):
    """A sheet a person named 校验结果 is theirs: --write leaves it and writes its own beside it,
    and replaces only its own the next time."""
    from decimal import Decimal

    from shopbook.schema import STOCK, Product
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="A", name="衬衫", cost=Decimal(30), price=Decimal(60)),
        Product(sku="A", name="重复", cost=Decimal(1), price=Decimal(2))]}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    mine = wb.create_sheet("校验结果")
    mine.append(["客服小李的核对清单", "周一"])
    wb.save(folder / "stock.xlsx")
    for _ in range(2):
        CliRunner().invoke(app, ["validate", str(folder / "stock.xlsx"), "--write"])
        wb = openpyxl.load_workbook(folder / "stock.xlsx")
        assert [c.value for c in wb["校验结果"][1]][:2] == ["客服小李的核对清单", "周一"]
        assert wb.sheetnames.count("校验结果-shopbook") == 1 and wb["校验结果-shopbook"]["C2"].value == "A3"


def test_rewrites_by_shopbook_never_push_out_the_version_a_person_saved(tmp_path):
    """QA: 23 rewrites left 20 backups, all of shopbook's own versions: the version the person
    had saved before them was gone. The newest version a person saved stays, however many
    rewrites of shopbook's follow it; older ones rotate out as before."""
    from decimal import Decimal

    from shopbook.io.files import BACKUPS_KEPT
    from shopbook.io.xlsx_patch import NewSheet

    path = tmp_path / "stock.xlsx"
    write_workbook(path, STOCK, "zh", {Product: [Product(sku="A", name="T恤", cost=Decimal(1), price=Decimal(2))]},
                   keep_backup=False)

    def person_saves(name: str) -> bytes:
        wb = openpyxl.load_workbook(path)
        wb["商品"]["B2"] = name
        wb.save(path)
        return path.read_bytes()

    def shopbook_writes(n: int) -> None:
        for i in range(n):
            edit_workbook(path, own_sheets=[NewSheet("库存汇总", [["n"], [i]])])

    first = person_saves("衬衫")
    shopbook_writes(BACKUPS_KEPT + 3)
    kept = [p.read_bytes() for p in backups(path)]
    assert first in kept and len(kept) == BACKUPS_KEPT + 1
    second = person_saves("外套")
    shopbook_writes(BACKUPS_KEPT + 3)
    kept = [p.read_bytes() for p in backups(path)]
    assert second in kept and first not in kept and len(kept) == BACKUPS_KEPT + 1
    person_saves("裤子")  # a newer version of theirs among the newest twenty: the older one rotates out
    shopbook_writes(2)
    assert len(backups(path)) == BACKUPS_KEPT
