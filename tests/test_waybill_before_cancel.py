"""A waybill tool's shipped file given with a newer order export that says the order was cancelled: the
parcel went before the cancellation, so the order is shipped (its stock out) and then closed after
shipping, as when the files are imported one by one; a waybill printed after the cancellation is refused."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from platform_fixtures import kuaidizhushou_shipped, pdd_row, write_pdd
from shopbook.orders.platform_export import BEIJING
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import OrderStatus
from test_orders import build_shop, lines_of


@pytest.mark.parametrize("export_at, shipped", [("2026-11-22-18-00-00", True), ("2026-11-22-16-00-00", False)])
def test_a_waybill_printed_before_a_newer_cancelled_export_ships_the_order(tmp_path, export_at, shipped):
    shop = build_shop(tmp_path)
    first = write_pdd(tmp_path / "a", [pdd_row("261121-001", "待发货", "SH-WH-M")],
                      name="orders_export2026-11-21-09-00-00.csv")
    import_orders(shop, [first])
    review(shop)
    # printed at 2026-11-22 17:00:00; the 已取消 export made at 18:00 (after it) or 16:00 (before it)
    waybill = kuaidizhushou_shipped(tmp_path / "w", [("261121-001", "中通快递", "ZT1234567890")])
    closed = write_pdd(tmp_path / "c", [pdd_row("261121-001", "已取消", "SH-WH-M")],
                       name=f"orders_export{export_at}.csv")
    res = import_orders(shop, [waybill, closed])
    (ln,) = lines_of(shop)
    if shipped:
        assert (ln.status, ln.tracking_no) == (OrderStatus.SHIPPED, "ZT1234567890")
        assert ln.platform_status == "交易关闭（已发货）：已取消"
        assert [(m.sku, m.qty) for m in res.movements] == [("SH-WH-M", 1)]
        assert not [i for i in res.issues if i.is_error]
    else:  # the platform cancelled it before the label was printed: the parcel is to be got back
        assert ln.status is OrderStatus.CANCELLED and not res.movements
        assert any("请追回这个包裹" in i.message_zh for i in res.issues)


def test_a_cancelled_export_named_by_its_day_alone_is_placed_by_its_latest_time(tmp_path):
    """orders_export20261122.csv says only its day: the latest time in it (its 订单成交时间 at 18:00, after
    the 17:00 print) shows it was made after the parcel went."""
    shop = build_shop(tmp_path)
    first = write_pdd(tmp_path / "a", [pdd_row("261121-001", "待发货", "SH-WH-M")],
                      name="orders_export2026-11-21-09-00-00.csv")
    import_orders(shop, [first])
    review(shop)
    waybill = kuaidizhushou_shipped(tmp_path / "w", [("261121-001", "中通快递", "ZT1234567890")])
    closed = write_pdd(tmp_path / "c", [pdd_row("261121-001", "已取消", "SH-WH-M"),
                                        pdd_row("261122-009", "待支付", "SH-WH-M", paid="2026-11-22 18:00:00")],
                       name="orders_export20261122.csv")
    res = import_orders(shop, [waybill, closed])
    (ln,) = lines_of(shop)
    assert ln.status is OrderStatus.SHIPPED and [(m.sku, m.qty) for m in res.movements] == [("SH-WH-M", 1)]


@pytest.mark.parametrize("modified, shipped", [(dt.datetime(2026, 11, 22, 17, 0), True), (None, False)])
def test_a_plain_shipped_file_without_times_is_placed_by_its_modified_time(tmp_path, modified, shipped):
    """A shipped file of order no., courier and tracking no. alone: its waybills were printed no later than the
    file was written (17:00, before the 18:00 已取消 export); written now, after it, it is applied after, as before."""
    shop = build_shop(tmp_path)
    first = write_pdd(tmp_path / "a", [pdd_row("261121-001", "待发货", "SH-WH-M")],
                      name="orders_export2026-11-21-09-00-00.csv")
    import_orders(shop, [first])
    review(shop)
    waybill = tmp_path / "w" / "发货.csv"
    waybill.parent.mkdir()
    waybill.write_bytes("订单号,快递公司,快递单号\r\n261121-001,中通快递,ZT1234567890\r\n".encode("gb18030"))
    if modified is not None:
        at = modified.replace(tzinfo=BEIJING).timestamp()  # (the platforms' clock, whatever this machine's zone)
        os.utime(waybill, (at, at))
    closed = write_pdd(tmp_path / "c", [pdd_row("261121-001", "已取消", "SH-WH-M")],
                       name="orders_export2026-11-22-18-00-00.csv")
    import_orders(shop, [waybill, closed])
    (ln,) = lines_of(shop)
    assert ln.status is (OrderStatus.SHIPPED if shipped else OrderStatus.CANCELLED)
