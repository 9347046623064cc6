"""Rows of an order export or order sheet that do not read as they stand: said where they are, and
their order held back whole, or read as what they plainly are (a totals row, one of our SKUs)."""

from __future__ import annotations

import pytest

from platform_fixtures import douyin_row, write_douyin
from shopbook.orders.workflow import import_orders
from test_orders import TODAY, build_shop, lines_of

NO, S1, S2 = "6930000000000000981", "6930000000000000991", "6930000000000000992"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_douyin_sub_order_number_in_scientific_notation_holds_its_order_back(shop, tmp_path):
    """Excel turned a 子订单编号 into 4.9E+18: said at that cell, and the order not brought in (before, its
    line came in all the same while the error asked for a re-paste; with the export again as it was
    downloaded, the line came in a second time)."""
    pasted = write_douyin(tmp_path / "a", [douyin_row(NO, "4.9E+18", "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")])
    s = import_orders(shop, [pasted], today=TODAY)
    assert lines_of(shop) == []
    said = [i for i in s.issues if i.is_error]
    assert said[0].column == "子订单编号" and said[0].cell.startswith("第 2 行") and "科学计数法" in said[0].message_zh
    assert any(NO in i.message_zh and "没有导入" in i.message_zh and "第 2 行" in i.message_zh for i in said)
    # the same pasted file with the export as downloaded, later, in one import: still held back, never doubled
    whole = write_douyin(tmp_path / "b", [douyin_row(NO, S1, "SH-WH-M"), douyin_row(NO, S2, "SH-BK-M")],
                         stamp=1763780400)
    import_orders(shop, [pasted, whole], today=TODAY)
    assert lines_of(shop) == []
    import_orders(shop, [whole], today=TODAY)  # the export as downloaded, alone: the order whole, once
    assert sorted((ln.sku, ln.qty) for ln in lines_of(shop)) == [("SH-BK-M", 1), ("SH-WH-M", 1)]
