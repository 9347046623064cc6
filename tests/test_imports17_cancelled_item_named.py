"""A new 抖店 order of two items, one of them closed on the platform before it was imported (退款成功, 买家不想要了):
the import said '– 6937…：这件商品的状态是“买家不想要了”' ('this line's status is …'), naming neither which of the order's
items was left out nor that it was cancelled (买家不想要了 is the buyer's reason, not a status). Now the line names the
item by its code and title and says it was cancelled on the platform, the reason after it, in either language. A real
抖店 BOM CSV through the real `orders import`."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders

DY = "6937000000000002001"


def test_the_item_left_out_of_a_new_order_is_named(tmp_path):
    shop = build_shop(tmp_path)
    path = write_douyin(tmp_path / "dy", [douyin_row(DY, DY + "1", "SH-BK-M"),
                                          douyin_row(DY, DY + "2", "SH-WH-M", status="已关闭", after="退款成功",
                                                     cancel="买家不想要了")])
    s = import_orders(shop, [path], today=TODAY)
    assert [(ln.order_no, ln.sku) for ln in lines_of(shop) if ln.order_no == DY] == [(DY, "SH-BK-M")]
    said = s.said(10)
    zh = [z for _, z, _ in said if DY in z and "没有导入" in z]
    en = [e for _, _, e in said if DY in e and "not imported" in e]
    assert zh == [f"  – {DY}：商品 SH-WH-M（白衬衫）没有导入：平台上这件已取消（买家不想要了）"]
    assert en == [f"  – {DY}: item SH-WH-M (白衬衫) not imported: cancelled on the platform (买家不想要了)"]
