"""A workbook saved in Excel as "Strict Open XML Spreadsheet": the same parts as an ordinary .xlsx
in other namespaces (http://purl.oclc.org/ooxml/...). shopbook reads it, writes into it in its
own namespaces, and never rewrites it through openpyxl (which reads no sheet of it: a save would
keep none of what the shop typed)."""

from __future__ import annotations

import zipfile

import python_calamine as pc
from test_orders import build_shop, exports

from shopbook.io.xlsx_patch import NewSheet, patch_workbook
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS
from shopbook.validate.write import validate_and_write

_AS_STRICT = ((b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
               b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
              (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
               b"http://purl.oclc.org/ooxml/officeDocument/relationships"))


def save_as_strict(path, cells: dict[bytes, bytes]) -> None:
    """The workbook as Excel's Strict save writes it; `cells`: a cell's XML replaced by other XML."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name.endswith((".xml", ".rels")):
                for old, new in _AS_STRICT:
                    data = data.replace(old, new)
                for old, new in cells.items():
                    data = data.replace(old, new)
            z.writestr(name, data)


def sheets_of(path) -> dict[str, list[list]]:
    wb = pc.CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names}


def test_a_strict_workbook_is_read_reviewed_and_validated_keeping_every_sheet(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, list(exports(tmp_path)))
    book = shop.path(ORDERS)
    # the shipping fee of the first line pasted from a formula whose reference was deleted: #REF!
    save_as_strict(book, {b'<c r="N2" s="6"><v>0.0</v></c>': b'<c r="N2" s="6" t="e"><v>#REF!</v></c>'})
    before = sheets_of(book)

    result, written = validate_and_write(shop.folder, lang="zh")
    ref = [i for i in result.issues if i.book == book.name and i.cell == "N2"]
    assert ref and "#REF!" in ref[0].message_zh  # the error value found at its cell, not read as a blank
    # the issue list beside it, the workbook itself as it was: every sheet, every cell
    assert book not in written and (shop.folder / "reports" / f"校验结果-{book.stem}.xlsx") in written
    assert sheets_of(book) == before

    # review writes its results into the strict file (before: "Sheet '订单' not found")
    save_as_strict(book, {b'<c r="N2" s="6" t="e"><v>#REF!</v></c>': b'<c r="N2" s="6"><v>0</v></c>'})
    review(shop)
    # a sheet shopbook adds (a month's P&L, the after-sales list) is in the workbook's namespaces too
    patch_workbook(book, tmp_path / "out.xlsx", [], new_sheets=[NewSheet("汇总", [["日期", "件数"], ["2026-11-21", 3]])])
    book = tmp_path / "out.xlsx"
    after = sheets_of(book)
    assert after.pop("汇总") == [["日期", "件数"], ["2026-11-21", 3.0]]
    head = after["订单"][0]
    status = head.index("状态")
    assert [r[status] for r in after["订单"][1:]].count("已审核") == 2
    assert {n: s for n, s in after.items() if n != "订单"} == {n: s for n, s in before.items() if n != "订单"}
    with zipfile.ZipFile(book) as z:  # still a strict workbook, nothing of the other namespaces added
        assert all(b"schemas.openxmlformats.org/spreadsheetml" not in z.read(n) for n in z.namelist())
