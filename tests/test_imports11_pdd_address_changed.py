"""拼多多's older export (收货人 手机 省 市 区 街道) has no column saying the buyer changed the address: a later export
with a new address was taken as the same order, nothing said, and the parcel went to the old address. Now an
address that differs from the sheet's holds the order naming the platform's, once; the same file again changes
nothing, and the sheet's address corrected to it is the end of it."""

from __future__ import annotations

from cli_run import type_in
from platform_fixtures import pdd_row, write_pdd
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderStatus

NO = "261121-123456789012399"
WHO = {"receiver": "王芳", "phone": "13812345678", "province": "江苏省", "city": "南京市", "district": "鼓楼区"}


def _export(tmp_path, stamp: str, street: str):
    return write_pdd(tmp_path / stamp, [pdd_row(NO, "待发货", "SH-WH-M", street=street, **WHO)], old=True,
                     name=f"orders_export{stamp}.csv")


def test_a_new_address_in_a_later_older_layout_export_holds_the_order(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [_export(tmp_path, "2026-11-21-10-00-00", "中山北路12号")], today=TODAY)
    later = _export(tmp_path, "2026-11-22-10-00-00", "汉中路88号")
    s = import_orders(shop, [later], today=TODAY)
    rows = [r for r in lines_of(shop) if r.order_no == NO]
    assert [c.after for c in s.changes] == [OrderStatus.HELD]
    assert rows[0].status is OrderStatus.HELD and rows[0].address == "江苏省 南京市 鼓楼区 中山北路12号"
    assert "平台上是：江苏省 南京市 鼓楼区 汉中路88号" in rows[0].review, rows[0].review
    assert not import_orders(shop, [later], today=TODAY).changes
    type_in(shop.path(ORDERS), "订单", {(rows[0].row, "收货地址"): "江苏省南京市鼓楼区汉中路88号",
                                        (rows[0].row, "状态"): "已审核"})  # a person put it right
    assert not import_orders(shop, [later], today=TODAY).changes
