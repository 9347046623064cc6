"""Workbooks as the other programs small shops use leave them: WPS Office, LibreOffice, a
Numbers or Google Sheets export. Real files, read and written by shopbook's own calls."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal

import pytest

from shopbook.io.files import OLE_MAGIC
from shopbook.io.xlsx_patch import NewSheet, SheetPatch, patch_workbook
from shopbook.issues import ShopbookError
from shopbook.shop import init_shop
from shopbook.validate.run import validate_path


def test_a_wps_et_where_the_workbook_should_be_is_to_be_saved_again_in_wps(tmp_path):
    """orders.et (WPS's own format) beside a missing orders.xlsx: the advice was to open it in Excel,
    which cannot open an .et. It now says WPS (and Excel still for orders.xls)."""
    folder = tmp_path / "shop"
    init_shop(folder)
    (folder / "orders.xlsx").unlink()
    (folder / "orders.et").write_bytes(OLE_MAGIC + bytes(504))
    (folder / "stock.xlsx").replace(folder / "stock.xls")
    said = {i.book: (i.message_zh, i.message_en) for i in validate_path(folder).issues}
    assert "请在 WPS 里打开 orders.et" in said["orders.xlsx"][0] and "Open orders.et in WPS" in said["orders.xlsx"][1]
    assert "请在 Excel 里打开 stock.xls" in said["stock.xlsx"][0] and "Open stock.xls in Excel" in said["stock.xlsx"][1]
    assert "宏" not in said["stock.xlsx"][0] and "宏" not in said["orders.xlsx"][0]


def test_a_macro_workbook_where_the_workbook_should_be_says_the_xlsx_keeps_no_macros(tmp_path):
    """ledger.xlsm beside a missing ledger.xlsx was told to be saved as .xlsx, nothing said of its macros,
    which that copy drops: it now says so, and to keep the .xlsm."""
    folder = tmp_path / "shop"
    init_shop(folder)
    (folder / "ledger.xlsx").replace(folder / "ledger.xlsm")
    said = {i.book: (i.message_zh, i.message_en) for i in validate_path(folder).issues}
    zh, en = said["ledger.xlsx"]
    assert "请在 Excel 里打开 ledger.xlsm" in zh and "另存的 .xlsx 里没有它的宏：ledger.xlsm 也留着。" in zh, zh
    assert "The .xlsx keeps none of its macros: keep ledger.xlsm too." in en, en


def test_a_formula_replaced_and_a_sheet_added_in_one_write_keep_the_new_sheet_linked(tmp_path):
    """An Excel-saved workbook keeps a calculation chain (xl/calcChain.xml) when it has formulas.
    A write that replaced a formula by a value (the chain is then dropped for Excel to rebuild)
    and added a sheet (the 售后 sheet a shop had deleted) took the workbook's relationships and
    content types from before the sheet was added: workbook.xml named a sheet that no
    relationship led to, and Excel (and openpyxl) called the file damaged."""
    import openpyxl

    path, out = tmp_path / "orders.xlsx", tmp_path / "out.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "订单"
    wb.active.append(["订单编号", "运费"])
    wb.active.append(["3515131473293579", "=2+3"])
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/calcChain.xml"] = (b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                 b'<c r="B2" i="1"/></calcChain>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Id="rId99" Target="calcChain.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/calcChain"/></Relationships>'))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.calcChain+xml"/></Types>'))
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)

    patch_workbook(path, out, [SheetPatch("订单", {(2, 2): 5})], new_sheets=[NewSheet("售后", [["售后单号"], ["AS-1"]])])
    back = openpyxl.load_workbook(out)
    assert back.sheetnames == ["订单", "售后"]
    assert back["订单"]["B2"].value == 5 and back["售后"]["A2"].value == "AS-1"
    with zipfile.ZipFile(out) as z:
        assert "xl/calcChain.xml" not in z.namelist() and b"calcChain" not in z.read("[Content_Types].xml")


_EMPTY = b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
_NO_FONTS = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1">'
             b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>')


@pytest.mark.parametrize("stylesheet", [None, _EMPTY, _NO_FONTS], ids=["none", "empty", "no-fonts"])
def test_a_workbook_a_program_wrote_with_the_least_stylesheet_is_written_into(tmp_path, stylesheet):
    """A workbook a script or an app wrote without a stylesheet (or an empty one, or one without
    fonts), as Excel and WPS open it: every write stopped ("The workbook has no styles part: cannot
    write", with nothing to do about it), wrote a styles.xml no program could read (the date
    format put after its end), or stopped on a traceback adding a sheet. Each is now written: a
    date shows as a date, the new sheet is there, the file opens."""
    import openpyxl

    path, out = tmp_path / "orders.xlsx", tmp_path / "out.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "订单"
    wb.active.append(["订单编号", "发货日期"])
    wb.active.append(["3515131473293579", None])
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    if stylesheet is None:
        del parts["xl/styles.xml"]
        for name, entry in (("xl/_rels/workbook.xml.rels", rb"<Relationship [^>]*styles[^>]*/>"),
                            ("[Content_Types].xml", rb"<Override [^>]*styles[^>]*/>")):
            parts[name] = re.sub(entry, b"", parts[name])
    else:
        parts["xl/styles.xml"] = stylesheet
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, re.sub(rb' s="\d+"', b"", data) if name.startswith("xl/worksheets/") else data)

    day = dt.date(2026, 12, 5)
    patch_workbook(path, out, [SheetPatch("订单", {(2, 2): day})],
                   new_sheets=[NewSheet("汇总", [["日期"], [day]], formats={0: "yyyy-mm-dd"})])
    back = openpyxl.load_workbook(out)
    assert back["订单"]["B2"].value.date() == day and back["汇总"]["A2"].value.date() == day
    assert back["订单"]["A2"].value == "3515131473293579"


def test_a_spreadsheet_of_another_program_named_xlsx_says_what_it_is_and_where_to_save_it(tmp_path):
    """An .ods (LibreOffice's and WPS's own format) or an .xlsb given the workbook's name: "a zip
    file but not an Excel workbook (no xl/workbook.xml)", and nothing to do about it. It now says
    what the file is and which program saves it as .xlsx."""
    folder = tmp_path / "shop"
    init_shop(folder)
    with zipfile.ZipFile(folder / "orders.xlsx", "w") as z:  # LibreOffice's save, as "Keep current format" was not
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                                  'office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>')
        z.writestr("META-INF/manifest.xml", "<manifest/>")
    with zipfile.ZipFile(folder / "stock.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    said = {i.book: (i.message_zh, i.message_en) for i in validate_path(folder).issues}
    assert "这是 ODS 表格（LibreOffice、WPS 的格式）" in said["orders.xlsx"][0]
    assert "请在 LibreOffice 或 WPS 中打开它，“另存为” Excel 工作簿 (.xlsx)" in said["orders.xlsx"][0]
    assert "Open it in LibreOffice or WPS and save it as an Excel Workbook (.xlsx)" in said["orders.xlsx"][1]
    assert "这是 Excel 二进制工作簿（.xlsb），只是扩展名为 .xlsx" in said["stock.xlsx"][0]
    assert "in Excel and save" in said["stock.xlsx"][1]
    # one given by its own name is what it says it is, not renamed; a WPS .et is saved in WPS
    (folder / "orders.xlsx").replace(tmp_path / "orders.ods")
    (tmp_path / "orders.et").write_bytes(OLE_MAGIC + bytes(504))
    for name, app in (("orders.ods", "LibreOffice 或 WPS"), ("orders.et", "WPS")):
        with pytest.raises(ShopbookError) as e:
            validate_path(tmp_path / name)
        assert "只是扩展名" not in e.value.zh and f"shopbook 只读 .xlsx。请在 {app} 中打开它" in e.value.zh


def test_a_whole_number_a_formula_left_with_binary_noise_reads_as_excel_shows_it(tmp_path):
    """安全库存 worked out by a formula (日均 0.7 × 10 天) holds 7.000000000000001, as Excel, WPS and
    Google Sheets save it; the cell shows 7. It was refused ("Should be a whole number:
    '7.000000000000001'"), a number the person never saw; it now reads as 7. 2.5 is still refused."""
    import openpyxl

    from shopbook.io.reader import read_workbook
    from shopbook.schema import STOCK, Product
    from shopbook.workbook_builder import write_workbook

    path = tmp_path / "stock.xlsx"
    made = [Product(sku=s, name="衬衫", cost=Decimal(30), price=Decimal(99), safety_stock=1) for s in ("A-1", "A-2")]
    write_workbook(path, STOCK, "zh", {Product: made}, keep_backup=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["商品"]
    col = next(c.column for c in ws[1] if c.value == "安全库存")
    ws.cell(2, col).value, ws.cell(3, col).value = 12345.5, 2.5
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    # the formula's result as Excel writes it (17 digits): 0.7 * 10 == 7.000000000000001
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"<v>12345.5</v>", b"<f>0.7*10</f><v>7.0000000000000009</v>")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)

    book = read_workbook(path, STOCK, (Product,))
    assert [p.safety_stock for p in book.rows(Product)] == [7, None]  # (the row of 2.5: its cell unread)
    assert [(i.cell, i.value) for i in book.errors_in(Product)] == [(f"{ws.cell(3, col).column_letter}3", "2.5")]


def test_an_issues_sheet_saved_again_in_libreoffice_is_still_replaced_by_the_next_write(tmp_path):
    """LibreOffice saves the Issues sheet (its links) with an empty drawing part, no shape in it. The
    next `validate --write` took that for shapes openpyxl would lose and put its list in reports/,
    leaving the old 校验结果 sheet and comments in orders.xlsx for good: an error fixed since was
    still listed there. An empty drawing is now no reason: the sheet is replaced (here: removed,
    the error being fixed)."""
    from test_orders import add_products, build_shop, exports, product

    from shopbook.orders.workflow import import_orders
    from shopbook.schema import ORDERS
    from shopbook.validate.write import validate_and_write

    shop = build_shop(tmp_path)
    import_orders(shop, list(exports(tmp_path)))  # an order line of NOPE-9, a SKU the shop lacks
    book = shop.path(ORDERS)
    validate_and_write(shop.folder, lang="zh")
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    issues_part = next(n for n in parts if n.startswith("xl/worksheets/sheet") and b"NOPE-9" in parts[n]
                       and b"J6" in parts[n])
    rels = issues_part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    # what LibreOffice's save leaves: <drawing r:id> on the sheet, an empty xdr:wsDr part
    parts["xl/drawings/drawing1.xml"] = (b'<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
                                         b'spreadsheetDrawing"></xdr:wsDr>')
    link = (b'<Relationship Id="rIdLo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'drawing" Target="../drawings/drawing1.xml"/>')
    parts[rels] = (parts[rels].replace(b"</Relationships>", link + b"</Relationships>") if rels in parts else
                   b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
                   b"</Relationships>" % link)
    parts[issues_part] = re.sub(rb"(<legacyDrawing|<tableParts|</worksheet>)", (
        b'<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdLo"/>\\1'),
        parts[issues_part], count=1)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'drawing+xml"/></Types>'))
    with zipfile.ZipFile(book, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)

    add_products(shop, product("NOPE-9", "NP", "红色", "S", "C-01-1", "0690000000062", 4))  # the error fixed
    result, written = validate_and_write(shop.folder, lang="zh")
    assert not [i for i in result.issues if i.book == book.name and i.severity == "error"]
    assert book in written
    import openpyxl

    back = openpyxl.load_workbook(book)
    assert "校验结果" not in back.sheetnames and back["订单"]["J6"].comment is None
    assert back["订单"]["J6"].value == "NOPE-9"
