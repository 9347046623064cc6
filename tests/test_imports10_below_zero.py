"""An export in which the platform shipped orders whose 出库 take a SKU's book stock below zero was imported
under a ✓ and not a word (ship says it: "发货后账面库存为负数"). Now the import says it too, for the SKUs it
posted only: SH-WH-L (期初 1, a 入库 of 1 typed on 出入库) shipped 4 → -2 said; SH-BK-M (期初 10) shipped 1 → 9,
not said."""

from __future__ import annotations

import openpyxl
from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop

from shopbook.orders.workflow import import_orders

A, B = "6930000000000000991", "6930000000000000992"


def test_import_says_stock_below_zero_of_what_it_posted(tmp_path):
    shop = build_shop(tmp_path)
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    ws = wb["出入库"]
    head = [c.value for c in ws[1]]
    row = {"日期": "2026-11-20", "商家编码": "SH-WH-L", "类型": "入库", "数量": 1, "单号": "CG-1"}
    ws.append([row.get(str(h).rstrip("*") if h else h) for h in head])
    wb.save(shop.folder / "stock.xlsx")
    import_orders(shop, [write_douyin(tmp_path / "y1", [douyin_row(A, A + "1", "SH-WH-L", qty=4),
                                                        douyin_row(B, B + "1", "SH-BK-M")])], today=TODAY)
    went = {"status": "已发货", "courier": "顺丰速运", "shipped": "2026/11/22 09:00:00"}
    res = import_orders(shop, [write_douyin(tmp_path / "y2", [
        douyin_row(A, A + "1", "SH-WH-L", qty=4, tracking="SF1", **went),
        douyin_row(B, B + "1", "SH-BK-M", tracking="SF2", **went)], stamp=1763780400)], today=TODAY)
    assert {m.sku for m in res.movements} == {"SH-WH-L", "SH-BK-M", "GIFT-1"}  # (GIFT-1: the 满199 gift, 50 on hand)
    assert res.below_zero == {"SH-WH-L": -2}
    said = res.said(30)
    assert ("!", "出库后账面库存为负数：SH-WH-L -2。平台已经发了货，是账不对：请核对出入库（漏记的入库、退货）和盘点") in [
        (m, zh) for m, zh, _ in said], said
    assert any(en.startswith("stock below zero on the book after the stock-out: SH-WH-L -2.") for _, _, en in said)
    assert res.to_json()["below_zero"] == [{"sku": "SH-WH-L", "on_hand": -2}]
