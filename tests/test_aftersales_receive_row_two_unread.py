"""QA: a 售后 row with two cells that do not read (类型 退货, 数量 1件), its return scanned at `aftersales receive`:
the parcel not received was said twice, once at each cell, each time with the whole row's story (scanned, not
received, scan again). Now each cell's problem is said once at its cell, and the scan not received once, at
the row's first bad cell, naming both cells to correct; the other returns scanned are received."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest

from shopbook.aftersales.workflow import aftersales
from shopbook.schema import ORDERS, STOCK, AfterSalesCase, Movement, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_bad_cells_of_a_scanned_row_say_the_scan_once(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="P1", name="衬衫", cost=D(30), price=D(99))],
        Movement: [Movement(date=dt.date(2026, 11, 1), sku="P1", type="入库", qty=50)]})
    lines = [OrderLine(order_no=f"3900000000000000{k}", source="淘宝", paid_at=dt.datetime(2026, 11, 18, 10),
                       receiver="赵六", phone="13800000000", address="浙江省 杭州市 西湖区 文三路 1 号", sku="P1", qty=1,
                       unit_price=D(99), status="已发货", courier="中通", tracking_no=f"7500000000000{k}",
                       shipped_on=dt.date(2026, 11, 19)) for k in (1, 2)]
    cases = [AfterSalesCase(case_no=f"TH-{k}", opened_on=dt.date(2026, 11, 22), order_no=f"3900000000000000{k}",
                            type="退货退款", sku="P1", qty=1, return_tracking=f"YT{k}", status="等退货") for k in (1, 2)]
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: lines, AfterSalesCase: cases})
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
