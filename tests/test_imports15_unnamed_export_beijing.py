"""An export without a time in its name (renamed, 订单导出.csv) is dated by its file's modified time. The platforms
write Beijing time into their downloads' names, and that modified time was read in the machine's zone: on a UTC
server an export made at 12:00 Beijing (04:00 UTC) was taken for older than one named 10:30, and its word that a
refund closed was kept back, the order left held. Now a modified time is read in Beijing time (UTC+8), as the
names are, wherever it stands for an export's time (orders/platform_export._span_or_mtime)."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from platform_fixtures import pdd_row, write_pdd
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.platform_export import name_time
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

BEIJING = dt.timezone(dt.timedelta(hours=8))  # the platforms' clock
NO, NO2 = "261203-100000000000001", "261203-100000000000002"


@pytest.fixture
def utc_server(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()  # (TZ as it was, then the C library told so)
    time.tzset()


def test_an_unnamed_export_modified_after_a_named_one_in_beijing_time_is_newer(tmp_path, utc_server):
    shop = build_shop(tmp_path)
    held = import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(no, "待发货", "SH-WH-M", after="退款中") for no in (NO, NO2)],
                                          name="orders_export2026-12-03-10-30-00.csv")], today=TODAY)
    assert [c.after for c in held.changes] == [OrderStatus.HELD] * 2
    renamed = write_pdd(tmp_path / "b", [pdd_row(NO, "待发货", "SH-WH-M", after="售后关闭")], name="订单导出.csv")
    at = dt.datetime(2026, 12, 3, 12, 0, tzinfo=BEIJING).timestamp()  # 04:00 on this server's clock
    os.utime(renamed, (at, at))
    s = import_orders(shop, [renamed], today=TODAY)
    assert [ln.status for ln in lines_of(shop) if ln.order_no == NO] == [OrderStatus.NEW] and not s.kept_newer
    # a modified time before the export's own rows (paid 2026-11-21): a clock not to trust, never taken for older
    # (as a refund export's is placed, _refunds_in_time)
    copied = write_pdd(tmp_path / "c", [pdd_row(NO2, "待发货", "SH-WH-M", after="售后关闭")], name="订单导出.csv")
    at = dt.datetime(2026, 11, 1, 9, 0, tzinfo=BEIJING).timestamp()
    os.utime(copied, (at, at))
    s = import_orders(shop, [copied], today=TODAY)
    assert [ln.status for ln in lines_of(shop) if ln.order_no == NO2] == [OrderStatus.NEW] and not s.kept_newer
    # 抖店's names: epoch seconds, a Beijing time too
    assert name_time("1796270400_订单导出.csv") == dt.datetime(2026, 12, 3, 12, 0)
