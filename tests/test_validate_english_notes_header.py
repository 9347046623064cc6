"""An English sheet's notes headed Notes or Remarks, as English sheets head them, for the note column.
Before, it was no column and nothing was said: an adjustment whose reason was typed there was warned as
"an adjustment of -2 with no reason: write why in its note", at no cell, and the reasons were read as none."""

from __future__ import annotations

import pytest
from blank_books import append_by_header, blank

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK
from shopbook.schema.stock import Movement
from shopbook.validate import validate_path


@pytest.mark.parametrize("header", ["Notes", "Remarks"])
def test_an_adjustments_reason_under_notes(tmp_path, header):
    path, wb = blank(tmp_path, "stock.xlsx", "en")
    append_by_header(wb["Products"], [{"sku": "A001", "style": "S1", "name": "Tee", "colour": "white", "size": "M",
                                       "cost": 35, "price": 99, "opening_qty": 10, "status": "active"}])
    ws = wb["Movements"]
    append_by_header(ws, [{"date": "2026-11-20", "sku": "A001", "type": "adjust", "qty": -2,
                           "note": "damaged in storage"}])
    for cell in ws[1]:
        if cell.value == "note":
            cell.value = header
    wb.save(path)

    v = validate_path(path)
    assert not v.issues, [i.message_en for i in v.issues]
    (m,) = read_workbook(path, STOCK, (Movement,)).rows(Movement)
    assert m.note == "damaged in storage"
