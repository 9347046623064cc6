"""抖店's export with its fields chosen without 子订单编号 (`-` or no column): the morning's and the evening's export
of the same orders imported together took the evening's lines for more goods of the order, its lines doubled (a
shirt ordered once picked twice, or the order held as partly shipped when the evening said it all went). The
evening's line of the same goods is the morning's line, as its word on it; goods it adds are added."""

from __future__ import annotations

import pytest
from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

NO, OTHER = "6928123456789012345", "6928123456789012399"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dy")
    shop = build_shop(tmp)
    morning = write_douyin(tmp / "am", [douyin_row(NO, "-", "SH-WH-M"), douyin_row(NO, "-", "SH-WH-L", qty=2),
                                        douyin_row(OTHER, "-", "SH-WH-M")], stamp=1763694000)
    evening = write_douyin(tmp / "pm", [douyin_row(NO, "-", "SH-WH-M"), douyin_row(NO, "-", "SH-WH-L", qty=2),
                                        douyin_row(OTHER, "-", "SH-WH-M", status="已关闭", cancel="买家不想要了"),
                                        douyin_row(OTHER, "-", "SH-WH-L")], stamp=1763730000)
    import_orders(shop, [morning, evening], today=TODAY)
    return shop


def test_the_evening_export_does_not_double_the_mornings_lines(shop):
    rows = [(r.sku, r.qty, r.status) for r in lines_of(shop) if r.order_no == NO]
    assert rows == [("SH-WH-M", 1, OrderStatus.NEW), ("SH-WH-L", 2, OrderStatus.NEW)]


def test_a_line_the_evening_closes_is_that_line_and_one_it_adds_is_added(shop):
    rows = [(r.sku, r.qty) for r in lines_of(shop) if r.order_no == OTHER]
    assert rows == [("SH-WH-L", 1)], rows
