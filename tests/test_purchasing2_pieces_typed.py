"""QA (purchasing before 双12): a factory's delivery note types its quantities with their unit, 20件, 12 PCS.
Each such line was refused ("请只填数字 20，不带单位"), the note to be typed again line by line, though 件 says
exactly what a header 实收数量(件) says, which was read. Now a quantity in single pieces is those pieces; one in
cartons (2箱) is still said at its line: how many pieces a carton holds is nowhere."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_purchasing2_style_colour_size_note import shop  # noqa: F401 (义乌针织厂's PO CG1: A23 red M and L, 20 each)

from shopbook.purchasing import workflow as W


def test_a_quantity_typed_in_pieces_is_those_pieces(shop, tmp_path):  # noqa: F811
    shop, _ = shop
    note = tmp_path / "n.csv"
    note.write_bytes("商家编码,实收数量\r\nA23-R-M,20件\r\nA23-R-L,12 PCS\r\nA23-R-L,2箱\r\n".encode("gbk"))
    r = W.purchase_receive(shop, note, "CG1", dt.date(2026, 12, 3))
    assert sorted((m.sku, m.qty) for m in r.movements) == [("A23-R-L", 12), ("A23-R-M", 20)]
    assert [n for n, *_ in r.problems] == [4]  # 2 cartons: still said


def test_a_style_note_with_pieces_and_its_totals_row(shop, tmp_path):  # noqa: F811
    shop, _ = shop
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["义乌针织厂 送货单"])
    ws.merge_cells("A1:D1")
    for row in (["款号", "颜色", "尺码", "数量"], ["A23", "红色", "M", "20件"], ["A23", "红色", "L", "１５件"],
                ["合计", None, None, "35件"]):
        ws.append(row)
    wb.save(tmp_path / "送货单.xlsx")
    r = W.purchase_receive(shop, tmp_path / "送货单.xlsx", "CG1", dt.date(2026, 12, 3))
    assert sorted((m.sku, m.qty) for m in r.movements) == [("A23-R-L", 15), ("A23-R-M", 20)]
    assert not r.problems and not r.wrong
