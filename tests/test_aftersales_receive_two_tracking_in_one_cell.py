"""QA: the desk typed a return's two boxes in one 退货单号 cell (YT1 / YT2). The first box scanned as YT2 was
"no case for YT2 … type the return on the After-sales sheet with this tracking no." (a second case of the same
goods, refunded twice). It is now said at that cell, as one of its numbers: which of the case's goods the box
holds is not known, nothing received, and how to type the boxes; the other returns scanned are received."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_aftersales_receive_same_parcel_two_codes import TODAY, _shop

from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, MovementType
from shopbook.shop import open_shop


def test_a_code_that_is_one_of_two_typed_in_a_cell_is_said_there(tmp_path):
    folder = _shop(tmp_path / "shop")
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["售后"]
    ws.cell(2, [c.value for c in ws[1]].index("退货单号") + 1).value = "YT1 / yt9"
    wb.save(folder / "orders.xlsx")
    res = aftersales(open_shop(folder), TODAY, received=["YT9", "YT2"])
    assert res.received == ["YT2"] and res.unknown == []
    (i,) = [i for i in res.issues if i.is_error]
    assert i.cell.startswith("J") and i.row == 2
    assert "扫到的 YT9 是售后单 TH-1 的退货单号之一（这一格写了 2 个）" in i.message_zh and "这次没有收货" in i.message_zh
    assert "YT9, scanned, is one of the 2 return tracking numbers typed in case TH-1's cell" in i.message_en
    back = [m.ref for m in read_workbook(folder / "stock.xlsx", STOCK, (Movement,)).rows(Movement)
            if m.type is MovementType.RETURN]
    assert back == ["TH-2"]
