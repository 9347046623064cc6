"""QA: a formula a person added in a column of their own on the 库存汇总 sheet (=H2*2 beside each
SKU, filled down in Excel) came back from the next `stock summary` as the value it last showed, or
blank where no spreadsheet program had worked it out: the sheet is rewritten whole and was read
back as values. Now each such cell is written again as a formula beside the same SKU, its row
references moved with the SKU's row; the workbook is marked to be calculated when opened, and
a calculation chain naming the old sheet's cells is dropped (Excel rebuilds it).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile

import openpyxl

from shopbook.io.sheet_xml import sheet_parts
from shopbook.schema import STOCK
from shopbook.stock import workflow as W

from test_stock import TODAY, d, shop  # noqa: F401 - the fixture


def _sheet(shop):  # noqa: F811
    return openpyxl.load_workbook(shop.path(STOCK))["库存汇总"]


def _as_excel_fills_down(path, sheet: str, col: str, first: int, last: int) -> None:
    """Rewrite the formulas of column `col`, rows first..last, as Excel saves a fill-down: the text on
    the first cell (a shared formula) and none on the others; and add a calculation chain naming them."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        part = sheet_parts(z)[sheet]
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == part:
                for r in range(first, last + 1):
                    data, k = re.subn(rb'(<c r="%s%d"[^>]*>)<f>([^<]*)</f>(<v>[^<]*</v>|<v/>)?' % (col.encode(), r),
                                  (lambda m, r=r: m.group(1) + (b'<f t="shared" ref="%s%d:%s%d" si="0">%s</f><v>9</v>'
                                   % (col.encode(), first, col.encode(), last, m.group(2)) if r == first
                                   else b'<f t="shared" si="0"/><v>9</v>')), data)
                    assert k == 1, r
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>'
                                    b"</Relationships>")
            out.writestr(info, data)
        out.writestr("xl/calcChain.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     + "".join(f'<c r="{col}{r}" i="1"/>' for r in range(first, last + 1)) + "</calcChain>")
    shutil.move(tmp, path)


def test_a_persons_formula_column_stays_formulas_beside_its_sku(shop):  # noqa: F811
    W.stock_summary(shop, today=TODAY)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["库存汇总"]
    at = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value in "ABCDEF"}
    ws.cell(1, 15, "两周量")
    for sku, r in at.items():
        ws.cell(r, 15, f"=H{r}*2")
    ws.cell(at["C"], 14, "问过供应商")
    # a new SKU on top of the 商品 sheet: every SKU moves down a row; and a receipt of F
    products = wb["商品"]
    head = {c.value: c.column for c in products[1]}
    products.insert_rows(2)
    for h, v in {"商家编码": "A0", "名称": "新款", "库位": "A-00", "成本价": 10, "售价": 20}.items():
        products.cell(2, head[h], v)
    wb["出入库"].append([d("11-22"), "F", "入库", 2])
    wb.save(shop.path(STOCK))
    _as_excel_fills_down(shop.path(STOCK), "库存汇总", "O", min(at.values()), max(at.values()))

    res = W.stock_summary(shop, today=TODAY)
    assert res.written and not res.unplaced
    ws = _sheet(shop)
    now = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert ws.cell(1, 15).value == "两周量"
    for sku in "ABCDEF":
        r = now[sku]
        assert r == at[sku] + 1 and ws.cell(r, 15).value == f"=H{r}*2", (sku, ws.cell(r, 15).value)
    assert ws.cell(now["C"], 14).value == "问过供应商" and ws.cell(now["A0"], 15).value is None
    with zipfile.ZipFile(shop.path(STOCK)) as z:
        assert "xl/calcChain.xml" not in z.namelist()  # it named the old sheet's formula cells
        assert b'fullCalcOnLoad="1"' in z.read("xl/workbook.xml")  # written without values: worked out on opening
    # nothing new: left alone, not rewritten because a formula reads back without a value
    assert not W.stock_summary(shop, today=TODAY).written


def test_a_formula_typed_in_the_open_book_stays_one(shop, tmp_path):  # noqa: F811
    from shopbook.xl import lite
    from xlfake import FakeBook

    from test_lite import one_book

    book = FakeBook(one_book(shop.folder, tmp_path / "店铺.xlsx"))
    lite.run("stock_summary", book)
    sheet = book.sheets["库存汇总"]
    at = {r[0]: n for n, r in enumerate(book.sheet_rows("库存汇总"), 1)}
    sheet.range((1, 15)).value = "两周量"
    # typed in Excel: a formula, showing its value (as the book holds one: Range.Value the value, .Formula the formula)
    sheet.store.formulas[at["A"], 15], sheet.store.values[at["A"], 15] = f"=H{at['A']}*2", 14
    move = book.sheets["出入库"]
    move.range((len(book.sheet_rows("出入库")) + 1, 1)).value = [[dt.datetime(2026, 11, 23), "F", "入库", 2]]
    lite.run("stock_summary", book)
    sheet = book.sheets["库存汇总"]
    assert sheet.range((at["F"], 6)).value == 5  # rewritten
    assert sheet.store.values[at["A"], 15] == ("FORMULA", f"=H{at['A']}*2")  # set as a formula, not as text


def test_text_typed_with_an_equals_sign_in_the_open_book_stays_text(shop, tmp_path):  # noqa: F811
    """A note typed '=先别补 (text: Range.Formula gives that text back as it gives a formula) is carried over
    as the text it is, never set as a formula Excel would run."""
    from shopbook.xl import lite
    from xlfake import FakeBook

    from test_lite import one_book

    book = FakeBook(one_book(shop.folder, tmp_path / "店铺.xlsx"))
    lite.run("stock_summary", book)
    sheet = book.sheets["库存汇总"]
    at = {r[0]: n for n, r in enumerate(book.sheet_rows("库存汇总"), 1)}
    sheet.range((1, 15)).value = "备忘"
    sheet.store.values[at["A"], 15] = "=先别补"  # text, as Excel holds a cell typed with its apostrophe
    lite.run("stock_summary", book)
    assert book.sheets["库存汇总"].store.values[at["A"], 15] == "=先别补"


def test_a_fill_a_person_gave_stays_with_its_sku(shop):  # noqa: F811
    """A row a person filled yellow (a SKU to watch), a red note, a coloured line under the table: each
    came back plain from the next rewrite. Now each cell's style goes with its SKU and column (the
    figures' number formats with it), the header and the rows under the table where they were."""
    from openpyxl.styles import Font, PatternFill

    W.stock_summary(shop, today=TODAY)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["库存汇总"]
    at = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    yellow, red = PatternFill("solid", fgColor="FFFF00"), Font(color="FF0000")
    for c in range(1, 15):
        ws.cell(at["C"], c).fill = yellow
    ws.cell(at["E"], 14, "问供应商").font = red
    ws.cell(ws.max_row + 2, 1, "月底清点").fill = yellow
    products = wb["商品"]
    head = {c.value: c.column for c in products[1]}
    products.insert_rows(2)  # every SKU moves down a row
    for h, v in {"商家编码": "A0", "名称": "新款", "成本价": 10, "售价": 20}.items():
        products.cell(2, head[h], v)
    wb.save(shop.path(STOCK))

    assert W.stock_summary(shop, today=TODAY).written
    ws = _sheet(shop)
    now = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert now["C"] == at["C"] + 1
    assert {ws.cell(now["C"], c).fill.fgColor.rgb for c in range(1, 15)} == {"00FFFF00"}
    assert ws.cell(now["C"], 10).number_format == "#,##0.00"  # its figure's format with the fill
    assert ws.cell(now["B"], 1).fill.fgColor.rgb == "00000000" and ws.cell(now["A0"], 1).fill.fgColor.rgb == "00000000"
    assert ws.cell(now["E"], 14).value == "问供应商" and ws.cell(now["E"], 14).font.color.rgb == "00FF0000"
    assert ws.cell(now["月底清点"], 1).fill.fgColor.rgb == "00FFFF00" and ws.cell(1, 1).font.b


def test_a_total_typed_beside_the_title_takes_in_a_new_sku(shop):  # noqa: F811
    """=SUM(J2:J7) typed beside the title row (the table's 库存金额 total) and a line under it: with a SKU
    added the table ends a row lower; the total ends there too (as Excel grows a range a row is inserted
    into), the line under it moves with it; before: values, or blank."""
    W.stock_summary(shop, today=TODAY)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["库存汇总"]
    title = next(r for r in range(2, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("库存汇总"))
    ws.cell(title, 10, f"=SUM(J2:J{title - 1})")
    ws.cell(title + 1, 10, f"=J{title}/2")
    products = wb["商品"]
    head = {c.value: c.column for c in products[1]}
    products.insert_rows(2)
    for h, v in {"商家编码": "A0", "名称": "新款", "成本价": 10, "售价": 20, "期初库存": 1}.items():
        products.cell(2, head[h], v)
    wb.save(shop.path(STOCK))

    assert W.stock_summary(shop, today=TODAY).written
    ws = _sheet(shop)
    now = next(r for r in range(2, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("库存汇总"))
    assert now == title + 1
    assert ws.cell(now, 10).value == f"=SUM(J2:J{now - 1})" and ws.cell(now + 1, 10).value == f"=J{now}/2"


def test_a_formula_follows_the_figure_it_reads_when_a_person_inserted_a_column(shop):  # noqa: F811
    """A column inserted after 库位 (货架) moved 可用 from H to I in the person's sheet, and their own
    column reads it: =I2*2. The rewrite puts 可用 back in H and their columns after 备注; the formula
    was carried as =I2*2, now 成本价. Now its references follow the columns the rewrite moved: =H2*2."""
    W.stock_summary(shop, today=TODAY)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["库存汇总"]
    ws.insert_cols(6)
    ws.cell(1, 6, "货架")
    ws.cell(1, 16, "两倍可用")
    at = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value in set("ABCDEF")}
    for sku, r in at.items():
        assert ws.cell(1, 9).value == "可用"
        ws.cell(r, 16, f"=I{r}*2")
    ws.cell(at["A"], 6, "3号架")
    wb["出入库"].append([d("11-22"), "F", "入库", 2])
    wb.save(shop.path(STOCK))

    assert W.stock_summary(shop, today=TODAY).written
    ws = _sheet(shop)
    assert [ws.cell(1, c).value for c in (8, 14, 15, 16)] == ["可用", "备注", "货架", "两倍可用"]
    now = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert ws.cell(now["A"], 15).value == "3号架"
    assert [ws.cell(now[s], 16).value for s in "ABF"] == [f"=H{now[s]}*2" for s in "ABF"]


def test_a_fill_a_person_gave_stays_with_its_sku_when_the_button_rewrites_the_open_book(shop):  # noqa: F811
    """The 库存汇总 button writes into stock.xlsx open in Excel, where the sheet was deleted and added again
    with values only: a SKU's yellow row, a red note, a coloured line under the table came back plain, which
    the file's rewrite keeps. Now each cell's format is copied from the cell it came from (Range.Copy), the
    SKU's row moved with the SKU, and the sheet stays where it was among the others."""
    from openpyxl.styles import Font, PatternFill

    from shopbook import xl
    from xlfake import FakeBook

    W.stock_summary(shop, today=TODAY)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["库存汇总"]
    at = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    yellow, red = PatternFill("solid", fgColor="FFFF00"), Font(color="FF0000")
    for c in range(1, 15):
        ws.cell(at["C"], c).fill = yellow
    ws.cell(at["E"], 14, "问供应商").font = red
    foot = ws.max_row + 2
    ws.cell(foot, 1, "月底清点").fill = yellow
    products = wb["商品"]
    head = {c.value: c.column for c in products[1]}
    products.insert_rows(2)  # every SKU moves down a row
    for h, v in {"商家编码": "A0", "名称": "新款", "成本价": 10, "售价": 20}.items():
        products.cell(2, head[h], v)
    wb.save(shop.path(STOCK))
    order = wb.sheetnames

    book = FakeBook(shop.path(STOCK))
    xl.stock_summary(book=book)
    assert book.app.alerts[-1]["mode"] != "critical", book.app.alerts
    assert [s.name for s in book.sheets] == order  # in its place, not moved to the end
    sheet = book.sheets["库存汇总"]
    now = {r[0]: n for n, r in enumerate(book.sheet_rows("库存汇总"), 1) if r and r[0]}
    assert now["C"] == at["C"] + 1 and now["月底清点"] == foot + 1
    formats = sheet.store.formats
    assert {formats.get((now["C"], c), (None,))[0] for c in range(1, 15)} == {"00FFFF00"}, formats
    assert (now["B"], 1) not in formats and (now["A0"], 1) not in formats  # (the row C left)
    assert sheet.store.values[now["E"], 14] == "问供应商" and formats[now["E"], 14][1] == "00FF0000"
    assert formats[now["月底清点"], 1][0] == "00FFFF00" and formats[1, 1][2]  # the header still bold
    assert sheet.store.values[now["A0"], 1] == "A0" and sheet.store.values[now["C"], 1] == "C"
