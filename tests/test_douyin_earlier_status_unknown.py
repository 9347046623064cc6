"""抖店's morning export saying a sub-order in words no reader knows (待确认: a 货到付款 order not confirmed yet) and
the evening's saying it 备货中, the day's exports imported together: the order was refused, “有商品行没有读懂…改正那一
行”, though the evening's word on it is the one that stands; it came in only with the next day's export alone. The
older export's unknown word is passed over now; a later export's still holds the order back, as said."""

from __future__ import annotations

from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders

NO, SUB, OTHER, OTHER_SUB = "6928123456789012345", "6928123456789012346", "6928123456789012355", "6928123456789012356"


def test_an_older_exports_unknown_word_does_not_refuse_what_the_later_one_says(tmp_path):
    shop = build_shop(tmp_path)
    morning = write_douyin(tmp_path / "am", [douyin_row(NO, SUB, "SH-WH-M", status="待确认"),
                                             douyin_row(OTHER, OTHER_SUB, "SH-WH-L")], stamp=1763694000)
    evening = write_douyin(tmp_path / "pm", [douyin_row(NO, SUB, "SH-WH-M", status="备货中"),
                                             douyin_row(OTHER, OTHER_SUB, "SH-WH-L", status="交易关闭")],
                           stamp=1763730000)
    s = import_orders(shop, [evening, morning], today=TODAY)  # (given newest first: applied oldest first)
    assert [(r.order_no, r.sku) for r in lines_of(shop)] == [(NO, "SH-WH-M")]
    errors = [i for i in s.issues if i.severity == "error"]
    assert [i.value for i in errors] == [OTHER], errors  # the later export's unknown word still holds its order
    assert errors[0].book == morning.name and evening.name in errors[0].message_zh, errors


def test_an_older_excel_saved_export_does_not_refuse_what_the_download_says(tmp_path):
    """The morning's export opened in Excel and saved (商品ID 3.60123E+18, no 商家编码), the evening's as downloaded."""
    shop = build_shop(tmp_path)
    morning = write_douyin(tmp_path / "am", [douyin_row(NO, SUB, "-", goods_id="3.60123E+18")], stamp=1763694000)
    evening = write_douyin(tmp_path / "pm", [douyin_row(NO, SUB, "SH-WH-M")], stamp=1763730000)
    s = import_orders(shop, [morning, evening], today=TODAY)
    assert [(r.order_no, r.sku) for r in lines_of(shop)] == [(NO, "SH-WH-M")]
    assert [i.value for i in s.issues if i.severity == "error"] == ["3.60123E+18"], s.issues  # said at its cell
