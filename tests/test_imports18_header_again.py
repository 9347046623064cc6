"""Two downloads joined into one file (copy /b a.csv+b.csv, or the second pasted under the first in Excel): the
second's header line is in the middle of the rows. It is no order: before, it was read as one numbered 订单号 of
the unknown status “订单状态”, said as an order left out ("the order was neither imported nor changed")."""

from __future__ import annotations

import openpyxl
import pytest

from platform_fixtures import PDD_CURRENT, douyin_bytes, douyin_row, pdd_bytes, pdd_row
from shopbook.orders.workflow import import_orders
from taobao_fixtures import DETAIL_HEADERS, ORDER_HEADERS, detail_row, export_bytes, order_row
from test_orders import TODAY, build_shop, lines_of

ADDRESS = "浙江省 杭州市 西湖区 文三路 1 号"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def _clean(res):
    assert [(i.row, i.message_en) for i in res.issues] == [] and res.left_out == []


def test_pinduoduo_two_exports_joined(shop, tmp_path):
    a, b = "261121-000000000001", "261121-000000000002"
    f = tmp_path / "orders_export_20261121.csv"
    f.write_bytes(pdd_bytes(PDD_CURRENT, [pdd_row(a, "待发货", "SH-WH-M")])
                  + pdd_bytes(PDD_CURRENT, [pdd_row(b, "待发货", "SH-BK-M", qty=2, total="198.00")]))
    res = import_orders(shop, [f], today=TODAY)
    _clean(res)
    assert [(ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop)] == [(a, "SH-WH-M", 1), (b, "SH-BK-M", 2)]


def test_douyin_two_exports_joined_byte_for_byte(shop, tmp_path):
    """copy /b keeps the second file's BOM in front of its header line."""
    a, b = "6900000000000000001", "6900000000000000002"
    f = tmp_path / "1763694000_orders.csv"
    f.write_bytes(douyin_bytes([douyin_row(a, a + "1", "SH-WH-M")])
                  + douyin_bytes([douyin_row(b, b + "1", "SH-BK-M")]))
    assert f.read_bytes().count(b"\xef\xbb\xbf") == 2
    res = import_orders(shop, [f], today=TODAY)
    _clean(res)
    assert [(ln.order_no, ln.sku) for ln in lines_of(shop)] == [(a, "SH-WH-M"), (b, "SH-BK-M")]


def test_taobao_pair_joined_and_a_line_after_it_still_located(shop, tmp_path):
    a, b = "3600000000000000011", "3600000000000000012"
    folder = tmp_path / "tb"
    folder.mkdir()
    orders = folder / "ExportOrderList20261121.csv"
    orders.write_bytes(
        export_bytes(ORDER_HEADERS, [order_row(a, "tb1", "张三", "13900000001", ADDRESS, "2026-11-21 09:00:00",
                                               goods="99.00")])
        + export_bytes(ORDER_HEADERS, [order_row(b, "tb2", "李四", "13900000002", ADDRESS, "2026-11-21 09:05:00",
                                                 goods="99.00")]))
    details = folder / "ExportOrderDetailList20261121.csv"
    details.write_bytes(export_bytes(DETAIL_HEADERS, [detail_row(a, "白衬衫", "99.00", "1", "SH-WH-M")], True)
                        + export_bytes(DETAIL_HEADERS, [detail_row(b, "黑衬衫", "99.00", "x", "SH-BK-M")], True))
    res = import_orders(shop, [orders, details], today=TODAY)
    # the joined header is passed over; the bad quantity under it is still said on the file's own line 4, and its
    # order, on line 4 of its own file, held back for it
    assert [(i.book, i.row, i.column) for i in res.issues] == [("ExportOrderDetailList20261121.csv", 4, "购买数量"),
                                                               ("ExportOrderList20261121.csv", 4, "")]
    assert res.left_out == []
    assert [ln.order_no for ln in lines_of(shop)] == [a]


def test_workbook_with_the_header_pasted_again(shop, tmp_path):
    a, b = "261121-000000000003", "261121-000000000004"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(PDD_CURRENT)
    ws.append([pdd_row(a, "待发货", "SH-WH-M").get(h, "") for h in PDD_CURRENT])
    ws.append([])
    ws.append(PDD_CURRENT)
    ws.append([pdd_row(b, "待发货", "SH-BK-M").get(h, "") for h in PDD_CURRENT])
    f = tmp_path / "拼多多订单.xlsx"
    wb.save(f)
    res = import_orders(shop, [f], today=TODAY)
    _clean(res)
    assert [ln.order_no for ln in lines_of(shop)] == [a, b]
