"""An export's foot line (导出时间：…, 以上数据仅供参考, a person's 总计 | 2 at the left of a 拼多多 file, whose first
column is 商品): no order. Before, its words (or its count) were taken for an order number of the unknown status '',
said as an order left out, and the import ended 1 (something to handle) on a clean export. A real order row whose
订单状态 is blank is said as blank, not as an unknown status ''."""

from __future__ import annotations

import pytest

from cli_run import flat, shopbook
from platform_fixtures import PDD_CURRENT, douyin_bytes, douyin_row, pdd_bytes, pdd_row
from shopbook.orders.workflow import import_orders
from test_orders import TODAY, build_shop, lines_of


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def _douyin(tmp_path, foot: str):
    f = tmp_path / "1763694000_订单导出.csv"
    f.write_bytes(douyin_bytes([douyin_row("6900000000000000001", "6900000000000000011", "SH-WH-M"),
                                douyin_row("6900000000000000002", "6900000000000000021", "SH-BK-M")])
                  + foot.encode("utf-8"))
    return f


@pytest.mark.parametrize("foot", ["导出时间：2026-11-22 10:00:00\r\n", "以上数据仅供参考\r\n",
                                  "\r\n数据来源：抖店后台,导出人：小王\r\n"])
def test_douyin_foot_lines_are_no_orders(shop, tmp_path, foot):
    res = import_orders(shop, [_douyin(tmp_path, foot)], today=TODAY)
    assert [(i.row, i.message_en) for i in res.issues] == [] and res.left_out == []
    assert [ln.order_no for ln in lines_of(shop)] == ["6900000000000000001", "6900000000000000002"]


def test_pinduoduo_totals_typed_at_its_left(shop, tmp_path):
    f = tmp_path / "orders_export_20261121.csv"
    f.write_bytes(pdd_bytes(PDD_CURRENT, [pdd_row("261121-000000000001", "待发货", "SH-WH-M"),
                                          pdd_row("261121-000000000002", "待发货", "SH-BK-M")])
                  + "总计,2,,198.00\n".encode())
    res = import_orders(shop, [f], today=TODAY)
    assert [(i.row, i.message_en) for i in res.issues] == [] and res.left_out == []
    assert len(lines_of(shop)) == 2


def test_a_real_order_row_with_its_status_cleared_is_said_blank(shop, tmp_path):
    row = pdd_row("261121-000000000003", "", "SH-WH-M")
    f = tmp_path / "orders_export_20261121.csv"
    f.write_bytes(pdd_bytes(PDD_CURRENT, [pdd_row("261121-000000000001", "待发货", "SH-WH-M"), row]))
    res = import_orders(shop, [f], today=TODAY)
    [i] = res.issues
    assert (i.book, i.row, i.column) == ("orders_export_20261121.csv", 3, "订单状态") and res.left_out == [i]
    assert "订单状态是空的" in i.message_zh and "status is blank" in i.message_en and "''" not in i.message_en
    assert [ln.order_no for ln in lines_of(shop)] == ["261121-000000000001"]


def test_the_import_of_a_clean_export_with_a_foot_line_ends_done(shop, tmp_path):
    r = shopbook("orders", "import", shop.folder, _douyin(tmp_path, "导出时间：2026-11-22 10:00:00\r\n"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "unknown" not in flat(r.stdout + r.stderr).lower() and "不认识" not in flat(r.stdout + r.stderr)
