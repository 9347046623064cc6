"""An order brought in from an export that lacked some of it: 抖店's cut at its row limit between two sub-orders
of one order, or downloaded filtered (待发货 only) while a sub-order was in after-sale. A later export's lines
add no rows to an order there, so the order was reviewed, picked and shipped short, and only the rows' stock
went out, without a word. Now the later export holds it (once) naming what the sheet lacks, said at its row;
shipped on the platform short, a warning says the stock went out for the rows only."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from test_order_life import moves_of
from test_orders import TODAY, build_shop, lines_of

NO, A, B = "6930000000000000971", "6930000000000000972", "6930000000000000973"
SENT = {"tracking": "YT0971", "courier": "圆通速递", "shipped": "2026/11/22 10:00:00"}


def test_an_order_whose_first_export_lacked_a_sub_order_is_held_not_shipped_short(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(NO, A, "SH-BK-M")])], today=TODAY)
    whole = write_douyin(tmp_path / "b", [douyin_row(NO, A, "SH-BK-M"), douyin_row(NO, B, "SH-WH-M", qty=2)],
                         stamp=1763780400)
    res = import_orders(shop, [whole], today=TODAY)
    [said] = res.issues
    assert "SH-WH-M 2 件，订单表里没有" in said.message_zh and (said.book, said.row) == (whole.name, 2)
    [row] = lines_of(shop)
    assert row.status is OrderStatus.HELD and row.platform_status == "订单表缺商品：SH-WH-M 2 件"
    assert import_orders(shop, [whole], today=TODAY).changes == []  # held once
    shipped = write_douyin(tmp_path / "c", [douyin_row(NO, A, "SH-BK-M", "已发货", **SENT),
                                            douyin_row(NO, B, "SH-WH-M", "已发货", qty=2, **SENT)], stamp=1763866800)
    res = import_orders(shop, [shipped], today=TODAY)
    assert any("出库只按订单表的行记了" in i.message_zh for i in res.issues), res.issues
    assert [(m[1], m[2]) for m in moves_of(shop)] == [("SH-BK-M", 1)]
