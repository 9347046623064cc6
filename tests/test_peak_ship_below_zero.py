"""双12: the shelf counted in the afternoon while the morning's picked parcels held the goods books those goods as
lost; the parcels then ship. QA (session 47): `ship` said ✓ and posted the 出库, the book's stock went below zero
and nothing said so until someone ran `stock`. Now `ship` says which SKUs the book has below zero once it posted,
and that the goods went (scanned): it is the book that is wrong."""

from __future__ import annotations

import datetime as dt

from test_orders import TODAY, D, build_shop, scan_text
from test_pick_stock import _orders_typed

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import make_picklist, ship
from shopbook.schema import STOCK, Movement, OrderLine, OrderStatus
from shopbook.workbook_builder import write_workbook

NO = "3600000000000000301"


def test_a_parcel_shipping_the_book_below_zero_is_said(tmp_path):
    shop = build_shop(tmp_path)  # SH-WH-L: 1 on hand
    _orders_typed(shop, [OrderLine(order_no=NO, paid_at=dt.datetime(2026, 11, 21, 9), receiver="王芳", phone="13800000000",
                                   address="浙江省 杭州市 西湖区 文三路1号", sku="SH-WH-L", qty=1, unit_price=D(99),
                                   status=OrderStatus.APPROVED)])
    assert [p.order_no for p in make_picklist(shop, today=TODAY).parcels] == [NO]
    wb = read_workbook(shop.path(STOCK), STOCK)  # the count after the pick: the shelf empty, 1 booked as lost
    write_workbook(shop.path(STOCK), STOCK, "zh", {**{m: wb.rows(m) for m in wb.sheets}, Movement: [
        Movement(date=TODAY, sku="SH-WH-L", type="调整", qty=-1, ref="盘点20261122")]}, keep_backup=False)
    scans = tmp_path / "scans.txt"
    scans.write_text(scan_text(((NO, "中通", "7310000301"), ("0690000000024",))), encoding="utf-8")
    res = ship(shop, scans, today=TODAY)
    assert res.shipped == [NO] and res.below_zero == {"SH-WH-L": -1}
    said = res.said(30, scans)
    assert said[0][0] == "✓"  # the parcel went, checked
    assert said[1][0] == "!" and said[1][1].startswith("发货后账面库存为负数：SH-WH-L -1。货已扫描发出")
    assert said[1][2].startswith("stock below zero on the book after shipping: SH-WH-L -1.")
    assert res.to_json()["below_zero"] == [{"sku": "SH-WH-L", "on_hand": -1}]
    again = ship(shop, scans, today=TODAY)  # the same scans again: nothing posted, nothing said of the stock
    assert again.movements == [] and again.below_zero == {}
