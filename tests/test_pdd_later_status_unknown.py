"""拼多多's morning and evening exports imported together, the evening's saying the order in words no reader knows
(拼团失败): the evening's row was said “这个订单没有导入，也没有改动” while the order came in from the morning's
待发货, to be picked and shipped, the evening's word on it passed over. Now the order is held back, as said (as 抖店's
reader holds back an order a line of which does not read), and said at the morning's row too."""

from __future__ import annotations

from platform_fixtures import pdd_row, write_pdd
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders

NO, OTHER = "261121-123456789012301", "261121-123456789012302"


def test_an_order_the_evening_export_says_in_unknown_words_is_not_brought_in_by_the_mornings(tmp_path):
    shop = build_shop(tmp_path)
    morning = write_pdd(tmp_path / "am", [pdd_row(NO, "待发货", "SH-WH-M"), pdd_row(OTHER, "待发货", "SH-WH-L")],
                        name="orders_export2026-11-21-10-00-00.csv")
    evening = write_pdd(tmp_path / "pm", [pdd_row(NO, "拼团失败", "SH-WH-M"), pdd_row(OTHER, "待发货", "SH-WH-L")],
                        name="orders_export2026-11-21-18-00-00.csv")
    s = import_orders(shop, [morning, evening], today=TODAY)
    assert [r.order_no for r in lines_of(shop)] == [OTHER]
    said = [i for i in s.issues if "拼团失败" in i.message_zh]
    assert said and "没有导入" in said[0].message_zh and said[0].cell.startswith("第 2 行"), said
    held = [i for i in s.issues if NO in i.message_zh and i.book == morning.name]
    assert held and "没有导入" in held[0].message_zh and "not imported" in held[0].message_en, s.issues


def test_an_earlier_export_in_unknown_words_does_not_hold_what_the_later_one_says(tmp_path):
    shop = build_shop(tmp_path)
    morning = write_pdd(tmp_path / "am", [pdd_row(NO, "拼团中", "SH-WH-M")], name="orders_export2026-11-21-10-00-00.csv")
    evening = write_pdd(tmp_path / "pm", [pdd_row(NO, "待发货", "SH-WH-M")], name="orders_export2026-11-21-18-00-00.csv")
    s = import_orders(shop, [evening, morning], today=TODAY)  # (given newest first: applied oldest first)
    assert [r.order_no for r in lines_of(shop)] == [NO]
    assert not [i for i in s.issues if i.severity == "error"], s.issues
