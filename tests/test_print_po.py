"""The purchase order sent to a supplier, printed: a PO of many lines ran on to a second page that said
neither its PO number nor whose it was (the supplier's clerk files the pages apart). Each page's footer now
gives the file's name (采购单-CG20261205-01-杭州四季青服饰.xlsx: the PO and its supplier) and page x of y,
its header row on every page as before. The workbook written and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.purchasing.po_documents import write_po
from shopbook.purchasing.suggest import Suggestion, SupplierOrder


@pytest.mark.parametrize("lang, pages", [("zh", "第 &P 页，共 &N 页"), ("en", "Page &P of &N")])
def test_every_page_of_a_po_says_whose_it_is(tmp_path, lang, pages):
    lines = [Suggestion(f"TS2601-NV-{k:02d}", "纯棉圆领T恤", f"H330-{k:02d}", 10, 10, D("20.00"), 0) for k in range(80)]
    order = SupplierOrder("杭州四季青服饰", "CG20261205-01", lines, dt.date(2026, 12, 5), dt.date(2026, 12, 25), 20)
    ws = openpyxl.load_workbook(write_po(tmp_path, order, [], "演示服装店", lang)).active
    assert (ws.oddFooter.left.text, ws.oddFooter.right.text) == ("&F", pages)
    assert ws.print_title_rows == "$6:$6" and str(ws.page_setup.paperSize) == "9"
    assert (str(ws.page_setup.fitToWidth), str(ws.page_setup.fitToHeight)) == ("1", "0")
