"""An 抖店 order of two sub-orders, one shipped on the platform and the other refunded before it went (both rows
部分发货): it was held as 部分退款 alone, its review saying "its goods still go out", the parcel that went out
unsaid, and a person picked and shipped the sent item again. Held now as part shipped, naming the parcel that
went and the item refunded; the export that says the rest is settled moves it on as before."""

from __future__ import annotations

import pytest

from platform_fixtures import douyin_row, write_douyin
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from test_orders import TODAY, build_shop, lines_of

NO = "6900000000000000401"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def _rows(second_sku: str = "SH-BK-M"):
    return [douyin_row(NO, NO + "1", "SH-WH-M"), douyin_row(NO, NO + "2", second_sku)]


def _partly(rows):
    rows[0].update({"订单状态": "部分发货", "快递单号": "773100000001", "快递公司": "申通快递",
                    "发货时间": "2026-11-22 10:00:00"})
    rows[1].update({"订单状态": "部分发货", "售后状态": "退款成功"})
    return rows


@pytest.mark.parametrize("second", ["SH-BK-M", "SH-WH-M"])
def test_part_shipped_and_part_refunded_is_held_naming_both(shop, tmp_path, second):
    rows = _rows(second)
    import_orders(shop, [write_douyin(tmp_path / "a", rows)], today=TODAY)
    res = import_orders(shop, [write_douyin(tmp_path / "b", _partly(rows), stamp=1763780400)], today=TODAY)
    lines = lines_of(shop)
    assert {ln.status for ln in lines} == {OrderStatus.HELD}
    said = lines[0].platform_status
    assert said.startswith("部分发货") and "773100000001" in said and "已发" in said, said
    assert "部分退款" in said and f"白衬衫 {second}（退款成功）" in said, said
    assert "货还要发" not in (lines[0].review or "") and "不要删行" in lines[0].review, lines[0].review
    [c] = res.changes
    assert "773100000001" in c.note_en and "partly shipped" in c.note_en and "partly refunded" in c.note_en
    # the same export again changes nothing
    again = import_orders(shop, [write_douyin(tmp_path / "c", rows, stamp=1763780500)], today=TODAY)
    assert again.changes == [] and [ln.platform_status for ln in lines_of(shop)] == [said] * len(lines)


def test_then_the_rest_settled_it_ships(shop, tmp_path):
    rows = _rows()
    import_orders(shop, [write_douyin(tmp_path / "a", rows)], today=TODAY)
    import_orders(shop, [write_douyin(tmp_path / "b", _partly(rows), stamp=1763780400)], today=TODAY)
    rows[0]["订单状态"], rows[1]["订单状态"] = "已发货", "已关闭"
    import_orders(shop, [write_douyin(tmp_path / "c", rows, stamp=1763790400)], today=TODAY)
    assert {(ln.sku, ln.status, ln.tracking_no) for ln in lines_of(shop)} == {
        ("SH-WH-M", OrderStatus.SHIPPED, "773100000001"), ("SH-BK-M", OrderStatus.SHIPPED, "773100000001")}
