"""QA: a 售后 row with two cells that do not read (类型 退货, 数量 1件), its return scanned at `aftersales receive`:
the parcel not received was said twice, once at each cell, each time with the whole row's story (scanned, not
received, scan again). Now each cell's problem is said once at its cell, and the scan not received once, at
the row's first bad cell, naming both cells to correct; the other returns scanned are received."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from shopbook.aftersales.workflow import aftersales
from shopbook.shop import open_shop

TODAY = dt.date(2026, 11, 25)

from test_aftersales_receive_same_parcel_two_codes import _shop


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_bad_cells_of_a_scanned_row_say_the_scan_once(tmp_path, lang):
    folder = tmp_path / "shop"
    _shop(folder, lang)  # (two shipped orders, each with a return waiting: TH-1, TH-2)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb["售后" if lang == "zh" else "After-sales"]
    head = [c.value for c in ws[1]]
    ws.cell(2, head.index("类型" if lang == "zh" else "type") + 1).value = "退货"
    ws.cell(2, head.index("数量" if lang == "zh" else "qty") + 1).value = "1件"
    wb.save(folder / "orders.xlsx")
    res = aftersales(open_shop(folder), TODAY, received=["YT1", "YT2"])
    assert res.received == ["YT2"]
    said = [i for i in res.issues if i.row == 2 or "YT1" in i.message_zh + i.message_en]
    assert len({i.cell for i in said}) == len(said) == 2, [(i.cell, i.message_zh) for i in said]
    scan = [i for i in said if "YT1" in i.message_zh]
    assert len(scan) == 1 and len([i for i in said if "YT1" in i.message_en]) == 1
    (one,) = scan
    other = next(i.cell for i in said if i is not one)
    assert "再扫一次 YT1" in one.message_zh and other in one.message_zh
    assert "scan YT1 again" in one.message_en and other in one.message_en
