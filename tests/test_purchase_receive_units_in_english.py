"""A supplier's delivery note in English, its Unit column saying cartons and dozens (Carton, CTNS, dozen, Doz.),
as 箱 and 打 are read: the quantity counts packs, not pieces. Before: 2 under Unit "Carton" posted 2 shirts where 2
cartons came, the line said short and the rest chased. The shop is test_purchasing's (甲厂's draft
CG20261122-01: A×20, B×10)."""

from __future__ import annotations

import openpyxl

from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def test_cartons_and_dozens_on_an_english_note_are_not_pieces(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    wb = openpyxl.Workbook()
    for row in (["SKU", "Description", "Qty", "Unit"], ["A", "shirt M", 2, "Carton"], ["B", "shirt L", 1, "Doz."]):
        wb.active.append(row)
    wb.save(note := tmp_path / "delivery note.xlsx")
    r = W.purchase_receive(shop, note, "CG20261122-01", d("11-25"))
    assert not r.movements
    assert {x.sku: x.result for x in r.lines} == {"A": "unread", "B": "unread"}
    said = {n: en for n, _, en in r.problems}
    assert "'Carton': 2 counts packs" in said[2] and "(1 Doz. = 12)" in said[3], said
