"""A later export naming another parcel than the one scanned: the platform's tracking number
comes with its own courier (never 中通 beside a 圆通 number: each parcel is checked against its
courier's bill), and the change says what it was and what it is now."""

from __future__ import annotations

import pytest

from cli_run import flat, shopbook
from shopbook.orders.workflow import import_orders, ship
from shopbook.schema import OrderStatus
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order, two_picked
from test_orders import TODAY, build_shop, scan_text
from test_refund_held_until_closed import cells_of

NO, OTHER = "3515200000000941", "3515200000000942"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def parcel_of(shop, no: str) -> tuple:
    row = cells_of(shop, no)
    return row["状态"], row["快递公司"], row["快递单号"]


def test_the_platforms_tracking_number_comes_with_its_courier_and_is_said(shop, tmp_path):
    scans = two_picked(shop, tmp_path, NO, OTHER)
    scans.write_text(scan_text(((NO, "中通", "73100099000941"), ("0690000000031",))), encoding="utf-8")
    assert ship(shop, scans, today=TODAY).shipped == [NO]
    assert parcel_of(shop, NO) == ("已发货", "中通", "73100099000941")
    later = write_pair(tmp_path / "d2", [tb_order(NO, "卖家已发货，等待买家确认", courier="圆通速递",
                                                  tracking="YT8888888888801")],
                       [tb_detail(NO, "SH-BK-M", "卖家已发货，等待买家确认")], stamp="20261122")
    r = shopbook("orders", "import", shop.folder, *later)
    assert r.returncode == 0, r.stderr
    assert parcel_of(shop, NO) == ("已发货", "圆通速递", "YT8888888888801")
    assert "快递单号按平台改为圆通速递YT8888888888801（原中通73100099000941）" in flat(r.stdout)
    # the same export again: nothing more to change
    res = import_orders(shop, list(later), today=TODAY)
    assert res.changes == [] and parcel_of(shop, NO)[1:] == ("圆通速递", "YT8888888888801")
    assert OrderStatus.SHIPPED.value == parcel_of(shop, NO)[0]
