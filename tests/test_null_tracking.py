"""A tracking number written as null / NULL / - / 无 (a platform's or a waybill tool's way of saying none)
is never taken as one. A waybill tool's file listing approved orders not printed yet ("null" in 快递单号)
used to ship them, posting their stock out; a platform's shipped order got "null" as its 快递单号."""

from __future__ import annotations

import pytest

from cli_run import shopbook, type_in
from platform_fixtures import douyin_row, kuaidizhushou_shipped, pdd_row, write_douyin, write_pdd
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderStatus
from taobao_fixtures import write_pair
from test_order_life import moves_of, tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

NONE = ("null", "NULL", "-", "无")


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def by_no(shop):
    return {ln.order_no: ln for ln in lines_of(shop)}


def test_a_waybill_tools_row_without_a_number_ships_nothing(shop, tmp_path):
    nos = [f"370000000000000010{i}" for i in range(len(NONE))]
    import_orders(shop, list(write_pair(tmp_path / "d", [tb_order(n) for n in nos],
                                        [tb_detail(n, "SH-BK-M") for n in nos])), today=TODAY)
    type_in(shop.path(ORDERS), "订单", {(ln.row, "状态"): "已审核" for ln in lines_of(shop)})
    shipped = kuaidizhushou_shipped(tmp_path / "w", [(n, "中通快递", t) for n, t in zip(nos, NONE)])
    r = shopbook("orders", "import", shop.folder, shipped)
    assert r.returncode == 0, r.stdout + r.stderr
    assert {n: (ln.status, ln.tracking_no) for n, ln in by_no(shop).items()} == \
        {n: (OrderStatus.APPROVED, None) for n in nos}
    assert moves_of(shop) == []


def test_platforms_shipped_orders_keep_no_null_number(shop, tmp_path):
    tb, pdd, dy, sub = "3700000000000000201", "261121-482910375600001", "6930000000000000101", "6930000000000000102"
    import_orders(shop, [*write_pair(tmp_path / "t1", [tb_order(tb)], [tb_detail(tb, "SH-BK-M")]),
                         write_pdd(tmp_path / "p1", [pdd_row(pdd, "待发货", "SH-BK-M")]),
                         write_douyin(tmp_path / "y1", [douyin_row(dy, sub, "SH-BK-M")])], today=TODAY)
    shipped = "卖家已发货，等待买家确认"
    r = shopbook("orders", "import", shop.folder,
                 *write_pair(tmp_path / "t2", [tb_order(tb, status=shipped, courier="中通快递", tracking="null",
                                                        shipped="2026-11-22 17:00:00")],
                             [tb_detail(tb, "SH-BK-M", status=shipped)], stamp="20261122"),
                 write_pdd(tmp_path / "p2", [pdd_row(pdd, "已发货，待收货", "SH-BK-M", tracking="NULL", courier="null",
                                                     shipped="2026-11-22 10:00:00")], name="orders_export_20261122.csv"),
                 write_douyin(tmp_path / "y2", [douyin_row(dy, sub, "SH-BK-M", status="已发货", tracking="无",
                                                           courier="null", shipped="2026/11/22 10:00:00")],
                              stamp=1763780400))
    assert r.returncode == 0, r.stdout + r.stderr
    got = {n: (ln.status, ln.courier, ln.tracking_no) for n, ln in by_no(shop).items()}
    assert got == {tb: (OrderStatus.SHIPPED, "中通快递", None), pdd: (OrderStatus.SHIPPED, None, None),
                   dy: (OrderStatus.SHIPPED, None, None)}
    assert "平台/面单工具已发货：出库已记账" in r.stdout  # no empty brackets where no parcel is named
    assert "null" not in r.stdout
