"""Review of this session's 拼多多 / 抖店 import changes: (1) a 抖店 line without 子订单编号 in the morning's export saved
by Excel (its 商品ID cut, 3.60123E+18) or chosen without 商品ID, and in the evening's download, was two lines, the
shirt shipped twice, or the one the evening closed still to ship: such a line is matched by its first code; (2) a bare
退款失败 or the shop's time run out (商家逾期未处理，系统自动同意退款) was read as an after-sale ended unpaid and the order
released to ship; (3) a 拼多多 morning word no reader knows (拼团中) passed over for the evening's 待发货 still said
"not imported", the import exiting 1 with a row left out of an order it brought in."""

from __future__ import annotations

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from test_douyin_goods_id_cut import _excel_saved
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

NO = "6928123456789012345"


def test_a_line_without_its_sub_order_is_one_line_across_exports(tmp_path):
    shop = build_shop(tmp_path)
    am = _excel_saved(tmp_path / "am" / "1763694000_订单导出.csv", [douyin_row(NO, "-", "SH-WH-M", goods_id="3.60123E+18")])
    pm = write_douyin(tmp_path / "pm", [douyin_row(NO, "-", "SH-WH-M")], stamp=1763730000)
    import_orders(shop, [am, pm], today=TODAY)
    assert [(ln.sku, ln.qty) for ln in lines_of(shop) if ln.order_no == NO] == [("SH-WH-M", 1)]


def test_a_line_the_evening_closes_is_not_to_ship(tmp_path):
    shop = build_shop(tmp_path)
    am = write_douyin(tmp_path / "am", [douyin_row(NO, "-", "SH-WH-M", goods_id="-")], stamp=1763694000)
    pm = write_douyin(tmp_path / "pm", [douyin_row(NO, "-", "SH-WH-M", status="已关闭", cancel="买家不想要了")],
                      stamp=1763730000)
    import_orders(shop, [am, pm], today=TODAY)
    assert not [ln for ln in lines_of(shop) if ln.order_no == NO and ln.status is OrderStatus.NEW]


def test_a_refund_still_going_ahead_holds_the_order(tmp_path):
    shop = build_shop(tmp_path)
    x = write_douyin(tmp_path / "x", [douyin_row(NO, "6928123456789012346", "SH-WH-M", after="退款失败"),
                                      douyin_row("6928123456789012355", "6928123456789012356", "SH-WH-M",
                                                 after="商家逾期未处理，系统自动同意退款")], stamp=1763694000)
    import_orders(shop, [x], today=TODAY)
    assert {ln.status for ln in lines_of(shop) if ln.order_no.startswith("69281234567890123")} == {OrderStatus.HELD}


def test_an_older_word_passed_over_leaves_no_row_out(tmp_path):
    shop = build_shop(tmp_path)
    pdd = "261121-123456789012301"
    am = write_pdd(tmp_path / "am", [pdd_row(pdd, "拼团中", "SH-WH-M")], name="orders_export2026-11-21-10-00-00.csv")
    pm = write_pdd(tmp_path / "pm", [pdd_row(pdd, "待发货", "SH-WH-M")], name="orders_export2026-11-21-18-00-00.csv")
    s = import_orders(shop, [am, pm], today=TODAY)
    assert [ln.status for ln in lines_of(shop) if ln.order_no == pdd] == [OrderStatus.NEW]
    assert s.left_out == [] and not [i for i in s.issues if "拼团中" in i.message_zh], s.issues
