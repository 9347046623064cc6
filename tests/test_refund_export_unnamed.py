"""A Taobao 退款 export whose file name has no export time, given with a newer order list: placed by its file's
modified time (a download is written after the export is made, so it is made no later): older than the list,
the list's newer 退款关闭 stands. Its refunds' own times only say how early it can be, never that it is older."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from platform_fixtures import refund_row, write_refunds
from shopbook.orders.platform_export import BEIJING
from shopbook.orders.workflow import import_orders, reordered_said
from shopbook.schema import OrderStatus
from test_orders import build_shop
from test_refund_export_older import ASKED, NO, order_list, row


@pytest.mark.parametrize("modified, released", [
    (dt.datetime(2026, 11, 22, 9, 0), True),  # downloaded 09:00, the order list made at 18:00: older
    (None, False),  # modified now, after the list: applied after it, as before
    (dt.datetime(2026, 11, 22, 7, 0), False),  # modified before its own 08:00 refund: a clock not to trust
])
def test_a_refund_export_without_a_time_in_its_name_is_placed_by_its_modified_time(tmp_path, modified, released):
    shop = build_shop(tmp_path)
    import_orders(shop, order_list(tmp_path, "202611211000", refund=""))
    refunds = write_refunds(tmp_path / "r", [refund_row("RF88", NO, "SH-BK-M", "99.00", ASKED)], name="退款导出.csv")
    if modified is not None:
        at = modified.replace(tzinfo=BEIJING).timestamp()  # (the platforms' clock, whatever this machine's zone)
        os.utime(refunds, (at, at))
    res = import_orders(shop, [refunds, *order_list(tmp_path, "202611221800")])
    if released:
        assert row(shop).status is OrderStatus.NEW and row(shop).platform_status == "退款关闭"
        (said,) = [reordered_said(r)[1] for r in res.reordered]
        assert "退款导出.csv（2026-11-22 09:00） → ExportOrderList202611221800.csv（2026-11-22 18:00）" in said
        assert "退款报表按文件的修改时间" in said
    else:
        assert row(shop).status is OrderStatus.HELD and not res.reordered
