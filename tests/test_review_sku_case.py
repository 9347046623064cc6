"""An order typed by hand with the SKU in lower case (sh-wh-m for SH-WH-M, an input method's habit) was held
"商家编码 sh-wh-m 不存在：请在 stock.xlsx 的“商品”表加上 sh-wh-m": followed, a second product of one shirt, its
stock counted apart. Now the hold names the SKU it plainly is and says to type that in the order."""

from __future__ import annotations

from test_orders import build_shop, lines_of
from test_pick_stock import _orders_typed

from shopbook.orders.workflow import review
from shopbook.schema import OrderLine, OrderStatus


def test_an_sku_typed_in_lower_case_is_held_naming_ours(tmp_path):
    shop = build_shop(tmp_path)
    _orders_typed(shop, [OrderLine(order_no=no, receiver=f"王{no}", phone="13800000000", address="浙江省 杭州市 西湖区 文三路1号",
                                   sku=sku, qty=1, status=OrderStatus.NEW) for no, sku in (("M1", "sh-wh-m"),
                                                                                          ("M2", "NOPE-1"))])
    review(shop)
    said = {ln.order_no: ln.review for ln in lines_of(shop)}
    assert said["M1"] == "自动挂起：商家编码 sh-wh-m 不存在：是 SH-WH-M 吗（只差大小写、全半角或空格）？请在订单表改成 SH-WH-M，再审单", said
    assert said["M2"].startswith("自动挂起：商家编码 NOPE-1 不存在：请在 stock.xlsx 的“商品”表加上 NOPE-1"), said  # none like it
