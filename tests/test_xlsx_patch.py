"""Cell edits made in the XML: nothing else in the file changes, and other readers agree."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from shopbook.io.reader import read_workbook
from shopbook.io.sheet_edit import SheetEdit, edit_workbook
from shopbook.io.xlsx_patch import SheetPatch, patch_workbook
from shopbook.schema import STOCK, Movement, MovementType, Product
from shopbook.workbook_builder import write_workbook


def person_workbook(path):
    """A workbook a person made: styles, a formula with its cached value, a table, a chart."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "商品"
    ws.append(["商家编码", "名称", "成本价", "售价", "备注"])
    ws.append(["A1", "衬衫", 10, 30, "=D2-C2"])
    ws.append(["A2", "裤子", 20, 50, "=D3-C3"])
    ws["B2"].font = openpyxl.styles.Font(bold=True, color="FF0000")
    ws["C2"].number_format = "#,##0.00"
    from openpyxl.worksheet.table import Table
    ws.add_table(Table(displayName="tbl_p", ref="A1:E3"))
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=3, min_row=1, max_row=3), titles_from_data=True)
    ws.add_chart(chart, "H2")
    wb.save(path)
    return path


def test_set_and_append_keep_everything_else(tmp_path):
    src = person_workbook(tmp_path / "p.xlsx")
    out = tmp_path / "out.xlsx"
    patch_workbook(src, out, [SheetPatch("商品", {(2, 2): "=不是公式", (4, 1): "A3", (4, 2): "帽子", (4, 3): Decimal("12.50"),
                                                  (4, 6): dt.date(2026, 11, 22), (1, 6): "日期"})],
                   header_rows={"商品": 1}, new_headers={"商品": {6: "日期"}})
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        changed = {n for n in a.namelist() if a.read(n) != b.read(n)}
        assert any(n.startswith("xl/charts/") for n in b.namelist())  # the chart is still there
    assert changed <= {"xl/worksheets/sheet1.xml", "xl/tables/table1.xml", "xl/styles.xml"}
    wb = openpyxl.load_workbook(out)
    ws = wb["商品"]
    assert ws["B2"].value == "=不是公式" and ws["B2"].data_type == "s"  # text, never a formula
    assert ws["B2"].font.bold and ws["B2"].font.color.rgb == "00FF0000"  # the person's style stays
    assert ws["E2"].value == "=D2-C2"  # formulas untouched
    assert ws["C4"].value == 12.5 and ws["C4"].number_format == "General"
    assert ws["F4"].value == dt.datetime(2026, 11, 22) and ws["F4"].is_date
    assert ws.tables["tbl_p"].ref == "A1:F4"
    assert [c.name for c in ws.tables["tbl_p"].tableColumns][-1] == "日期"


def test_appended_rows_take_the_style_above(tmp_path):
    path = tmp_path / "stock.xlsx"
    write_workbook(path, STOCK, "zh", {Movement: [Movement(date=dt.date(2026, 1, 2), sku="A", type="入库", qty=3)]},
                   keep_backup=False)
    edit_workbook(path, [SheetEdit(Movement, append=[
        Movement(date=dt.date(2026, 1, 3), sku="A", type=MovementType.OUT, qty=1, ref="=1+1")])])
    rows = read_workbook(path, STOCK).rows(Movement)
    assert [(m.date, m.type, m.qty, m.ref) for m in rows] == [
        (dt.date(2026, 1, 2), MovementType.IN, 3, None), (dt.date(2026, 1, 3), MovementType.OUT, 1, "=1+1")]
    ws = openpyxl.load_workbook(path)["出入库"]
    assert ws["A3"].number_format == "yyyy-mm-dd"
    assert ws.tables["tbl_Movement"].ref == "A1:F3"
    assert list((tmp_path / ".shopbook-backup").glob("stock.*.xlsx"))  # the previous version is kept


def test_rows_appended_past_the_last_take_its_style_after_rows_made_within(tmp_path):
    """A sheet whose rows hold no value (only styled cells): the rows appended between them are
    made before the last row is seen, those past it take its style (new_row keeps each column's
    style once: it must be taken again once the last row gives one)."""
    src = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"].number_format = "0.00"
    ws["A3"].number_format = "0.000"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    patch_workbook(src, out, [SheetPatch("S", {}, [{1: "row2"}, {1: "row3"}, {1: "row4"}], header_row=1)])
    ws = openpyxl.load_workbook(out)["S"]
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == ["row2", "row3", "row4"]
    assert ws["A2"].number_format == "General"  # made within the rows: nothing above it to take
    assert ws["A3"].number_format == "0.000"  # the row's own cell keeps its style
    assert ws["A4"].number_format == "0.000"  # past the last row: that row's style


def test_a_big_workbook_s_sheets_unzipped_beside_the_plan_write_the_same_file(tmp_path, monkeypatch):
    """edit_workbook unzips the sheets it edits on another thread while it plans the cells
    (sheet_edit._sheets_ahead): the file written is byte for byte the one written without that."""
    from demo_shop import demo_copy
    from shopbook.io import sheet_edit
    from shopbook.schema import ORDERS, OrderLine

    demo_copy(tmp_path / "demo")
    src = tmp_path / "demo" / "orders.xlsx"
    assert src.stat().st_size >= sheet_edit.AHEAD_BYTES
    wd = read_workbook(src, ORDERS)
    rows = [r.row for r in wd.sheets[OrderLine].records[:50]]
    ahead = []
    real = sheet_edit._sheet_xml
    monkeypatch.setattr(sheet_edit, "_sheet_xml", lambda *a: ahead.append(a) or real(*a))
    written = {}
    for way, threshold in (("beside", sheet_edit.AHEAD_BYTES), ("after", float("inf"))):
        monkeypatch.setattr(sheet_edit, "AHEAD_BYTES", threshold)
        path = tmp_path / f"{way}.xlsx"
        shutil.copy(src, path)
        edit_workbook(path, [SheetEdit(OrderLine, set_cells={r: {"batch": f"B{r}", "seller_note": "=1+1"} for r in rows},
                                       layout=wd.sheets[OrderLine]), SheetEdit(OrderLine, append=[
                                           wd.sheets[OrderLine].records[0].model_copy(update={"order_no": "NEW-1"})],
                                           layout=wd.sheets[OrderLine])])
        written[way] = path.read_bytes()
    assert len(ahead) == 1  # unzipped beside the plan once, and not when the file is under the threshold
    assert written["beside"] == written["after"]
    got = read_workbook(tmp_path / "beside.xlsx", ORDERS).rows(OrderLine)
    assert [ln.batch for ln in got if ln.row in rows] == [f"B{r}" for r in rows] and got[-1].order_no == "NEW-1"


def test_template_row_is_filled_not_duplicated(tmp_path):
    path = tmp_path / "stock.xlsx"
    write_workbook(path, STOCK, "zh", keep_backup=False)  # a table with one empty, formatted row
    edit_workbook(path, [SheetEdit(Product, append=[Product(sku="X1", name="n", cost=1, price=2)])])
    ws = openpyxl.load_workbook(path)["商品"]
    assert ws["A2"].value == "X1" and ws.max_row == 2
    assert ws["H2"].number_format == "#,##0.00"


@pytest.mark.libreoffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_patched_file(tmp_path):
    src = person_workbook(tmp_path / "p.xlsx")
    out = tmp_path / "patched.xlsx"
    from shopbook.io.xlsx_patch import NewSheet

    patch_workbook(src, out, [SheetPatch("商品", {(4, 1): "A3", (4, 3): 7, (4, 4): 9, (4, 5): "@x",
                                                  (4, 6): dt.date(2026, 11, 22)})], header_rows={"商品": 1},
                   new_sheets=[NewSheet("汇总", [["项目", "金额"], ["合计", Decimal("1234.50")]], formats={1: "0.00"})])
    conv = tmp_path / "conv"
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                        "xlsx", "--outdir", str(conv), str(out)], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0 and (conv / "patched.xlsx").exists(), r.stderr
    ws = openpyxl.load_workbook(conv / "patched.xlsx", data_only=True)["商品"]
    assert [c.value for c in ws[4]][:6] == ["A3", None, 7, 9, "@x", dt.datetime(2026, 11, 22)]
    assert ws["E2"].value == 20  # LibreOffice recalculated the person's formula
    summary = openpyxl.load_workbook(conv / "patched.xlsx")["汇总"]
    assert [[c.value for c in r] for r in summary.iter_rows()] == [["项目", "金额"], ["合计", 1234.5]]


def test_own_sheet_added_then_replaced(tmp_path):
    from shopbook.io.xlsx_patch import NewSheet

    path = tmp_path / "stock.xlsx"
    write_workbook(path, STOCK, "zh", keep_backup=False)
    sheet = NewSheet("库存汇总", [["商家编码", "数量", "金额", "日期"], ["A", 3, Decimal("12.50"), dt.date(2026, 1, 2)]],
                     widths=[14, 8, 12, 12], formats={2: "#,##0.00"})
    edit_workbook(path, own_sheets=[sheet])
    sheet.rows.append(["B", 4, Decimal("1.00"), None])
    edit_workbook(path, own_sheets=[sheet])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames.count("库存汇总") == 1 and wb.sheetnames[:2] == ["商品", "出入库"]
    ws = wb["库存汇总"]
    assert [[c.value for c in r] for r in ws.iter_rows()] == [
        ["商家编码", "数量", "金额", "日期"], ["A", 3, 12.5, dt.datetime(2026, 1, 2)], ["B", 4, 1, None]]
    assert ws["A1"].font.bold and ws["C2"].number_format == "#,##0.00" and ws.freeze_panes == "A2"
    assert read_workbook(path, STOCK).all_issues() == []  # the shop's own sheets read as before


def test_append_goes_below_every_filled_row_even_unreadable_ones(tmp_path):
    path = tmp_path / "stock.xlsx"
    write_workbook(path, STOCK, "zh", {Movement: [Movement(date=dt.date(2026, 1, 2), sku="A", type="入库", qty=3)]},
                   keep_backup=False)
    wb = openpyxl.load_workbook(path)
    wb["出入库"].append(["昨天", "B", "入库", "三"])  # a person's row that does not read as a record
    wb.save(path)
    wd = read_workbook(path, STOCK)
    assert len(wd.rows(Movement)) == 1 and wd.sheets[Movement].issues
    edit_workbook(path, [SheetEdit(Movement, append=[Movement(date=dt.date(2026, 1, 3), sku="C", type="出库", qty=1)],
                                   layout=wd.sheets[Movement])])
    ws = openpyxl.load_workbook(path)["出入库"]
    assert [ws.cell(row=r, column=2).value for r in (2, 3, 4)] == ["A", "B", "C"]
    assert ws["A3"].value == "昨天" and ws["D3"].value == "三"


@pytest.mark.parametrize("row_tag", [b'<row r="%d">', b'<row spans="1:3" r="%d">', b"<row>"])
def test_rows_found_however_the_writer_wrote_them(tmp_path, row_tag):
    """Rows are found by their `r` when it comes first (the fast path), else by walking
    every row (r later in the tag, or no r at all): the same result either way."""
    src = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    for i in range(1, 6):
        ws.append([f"n{i}", i, None])
    wb.save(src)
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    for i in range(1, 6):
        sheet = sheet.replace(b'<row r="%d">' % i, row_tag % i if b"%d" in row_tag else row_tag)
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(src, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    patch_workbook(src, tmp_path / "b.xlsx", [SheetPatch("订单", {(2, 3): "已审核", (5, 3): "已挂起", (4, 2): 40})])
    got = [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "b.xlsx")["订单"].iter_rows()]
    assert got == [["n1", 1, None], ["n2", 2, "已审核"], ["n3", 3, None], ["n4", 40, None], ["n5", 5, "已挂起"]]


@pytest.mark.parametrize("cell_tag", [b'<c r="%s"', b"<c"])
def test_cells_set_in_place_leave_the_rest_of_the_row_byte_for_byte(tmp_path, cell_tag):
    """A cell is replaced or inserted at its place in the row (before the first cell to its
    right); the row's other cells are not rewritten. Cells without `r` take the slow path."""
    src = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(["a", "b", "c", "d", "e", "f"])
    ws.append(["x", 1.5, None, "=B2*2", None, "y"])
    ws["F2"].font = openpyxl.styles.Font(italic=True)
    wb.save(src)
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    if cell_tag == b"<c":  # a writer that leaves r out when cells follow one another
        sheet = sheet.replace(b'<c r="A2"', b"<c").replace(b'<c r="B2"', b"<c")
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(src, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    patch_workbook(src, tmp_path / "b.xlsx", [SheetPatch("订单", {(2, 3): "=HYPERLINK(1)", (2, 5): 7, (2, 7): "末",
                                                                  (2, 6): "z"})])
    with zipfile.ZipFile(tmp_path / "b.xlsx") as z:
        new = z.read("xl/worksheets/sheet1.xml")
    formula_cell = re.search(rb'<c r="D2".*?</c>', sheet).group(0)
    assert formula_cell in new  # untouched, byte for byte
    got = openpyxl.load_workbook(tmp_path / "b.xlsx")["订单"]
    assert [c.value for c in got[2]] == ["x", 1.5, "=HYPERLINK(1)", "=B2*2", 7, "z", "末"]
    assert got["C2"].data_type == "s"  # outside text stays text
    assert got["F2"].font.italic  # the replaced cell keeps its style
    assert re.search(rb'<row r="2"[^>]*>.*?</row>', new).group(0).count(b"<c ") == 7


def _rewritten_sheet(src, change) -> None:
    """The workbook at `src` with its first sheet's XML passed through `change`."""
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(src, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


@pytest.mark.parametrize("elsewhere", ["", "a row with a cell without r"])
@pytest.mark.parametrize("tag", [b'<c r="', b'<c\tr="'])
def test_a_cell_is_found_wherever_the_writer_put_it_in_its_row(tmp_path, elsewhere, tag):
    """Cells are searched for from whichever end of the row is nearer their column, yet found
    out of column order too (a writer may put them so), and a tag with a tab before r is taken
    apart cell by cell: no cell is ever written twice. With every other row plain, the sheet is
    looked at once; with a row whose cell has no r, row by row: the same result."""
    src = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(["a", "b", "c", "d", "e", "f"])
    ws.append(["x", "old b", None, "d2", None, "old f"])
    for i in range(3, 8):
        ws.append([f"n{i}", i])
    wb.save(src)

    def change(sheet: bytes) -> bytes:
        row = re.search(rb'<row r="2".*?</row>', sheet).group(0)
        cells = dict(re.findall(rb'(<c r="([A-Z])2".*?</c>)', row)[k][::-1] for k in range(4))
        mixed = row[:row.index(b"<c ")] + cells[b"F"] + cells[b"D"] + cells[b"A"] + cells[b"B"] + b"</row>"
        mixed = mixed.replace(b'<c r="D2"', tag + b'D2"')
        sheet = sheet.replace(row, mixed)
        if elsewhere:
            sheet = sheet.replace(b'<c r="A5"', b"<c")
        return sheet

    _rewritten_sheet(src, change)
    patch_workbook(src, tmp_path / "b.xlsx", [SheetPatch("订单", {(2, 2): "new b", (2, 6): "new f", (2, 4): "new d",
                                                                  (2, 7): "g", (3, 3): 30, (6, 2): 60})])
    with zipfile.ZipFile(tmp_path / "b.xlsx") as z:
        row = re.search(rb'<row r="2".*?</row>', z.read("xl/worksheets/sheet1.xml"), re.S).group(0)
    for ref in (b"A2", b"B2", b"D2", b"F2", b"G2"):
        assert len(re.findall(rb'<c\sr="%s"' % ref, row)) == 1, ref
    got = {c.coordinate: c.value for r in openpyxl.load_workbook(tmp_path / "b.xlsx")["订单"].iter_rows() for c in r
           if c.value is not None}
    assert {k: got[k] for k in ("A2", "B2", "D2", "F2", "G2", "C3", "B6", "A5")} == {
        "A2": "x", "B2": "new b", "D2": "new d", "F2": "new f", "G2": "g", "C3": 30, "B6": 60, "A5": "n5"}


def test_a_rewritten_workbook_is_plain_deflate_any_zip_reader_takes(tmp_path):
    """shopbook deflates with zlib-ng when it is installed: every part must still inflate with
    the standard library's own zlib (what Excel, WPS and LibreOffice read) and match its CRC."""
    import struct
    import zlib

    import shopbook.io as sio

    src = person_workbook(tmp_path / "p.xlsx")
    path = tmp_path / "out.xlsx"
    patch_workbook(src, path, [SheetPatch("商品", {(4, 1): "A3", (4, 2): "帽子 " * 2000})], header_rows={"商品": 1})
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    assert sio.FAST_DEFLATE == (zipfile.zlib.__name__ != "zlib")
    for info in infos:
        # the member's data, straight from the file: after its local header, name and extra field
        name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26: info.header_offset + 30])
        start = info.header_offset + 30 + name_len + extra_len
        data = raw[start: start + info.compress_size]
        plain = zlib.decompress(data, -15) if info.compress_type == zipfile.ZIP_DEFLATED else data
        assert len(plain) == info.file_size and zlib.crc32(plain) == info.CRC, info.filename


def test_text_is_escaped_as_xml_sax_escapes_it():
    from xml.sax.saxutils import escape

    from shopbook.io.xlsx_patch import _escape

    for text in ("", "plain", "a & b", "<b>", "x > y", '"quoted"', "&amp;", "&lt;&gt;", "店铺 <促销> & “赠品”", "'\"&<>"):
        assert _escape(text) == escape(text)
        assert _escape(text, quote=True) == escape(text, {'"': "&quot;"})


def test_appended_prices_are_written_as_each_is_spelled(tmp_path):
    """Equal prices spelled apart (1.0 and 1.00, 0 and -0) are written apart: the XML made for one
    is never taken for the other (new_row keeps a Decimal's by its digits and exponent)."""
    src = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "S"
    wb.active["A1"] = "price"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    prices = [Decimal("1.0"), Decimal("1.00"), Decimal("1.0"), Decimal("0"), Decimal("-0"), Decimal("12.50"),
              Decimal("1E+2"), Decimal("100"), Decimal("1.00")]
    patch_workbook(src, out, [SheetPatch("S", {}, [{1: v} for v in prices], header_row=1)])
    with zipfile.ZipFile(out) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    written = re.findall(r'<c r="A(\d+)"[^>]*><v>([^<]*)</v>', xml)
    assert written == [(str(r), format(v, "f")) for r, v in enumerate(prices, start=2)]
    assert [w for _, w in written] == ["1.0", "1.00", "1.0", "0", "-0", "12.50", "100", "100", "1.00"]
