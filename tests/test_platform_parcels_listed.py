"""An order's parcels as a platform's export lists them in one cell, "A,B" (a Taobao order list's 物流单号, a
拼多多 export's 快递单号), are the same parcels as shopbook's "A/B": a waybill tool's file or a later export
naming them again changes nothing and says nothing. A waybill file listing the two parcels the order list had
shipped said '又一个包裹：B/A'; a 已收货 export said '快递单号按平台改为 中通快递 A/B（原 中通快递 A/B）'."""

from __future__ import annotations

from cli_run import flat, shopbook, type_in
from platform_fixtures import kuaidizhushou_shipped, pdd_row, write_pdd
from taobao_fixtures import write_pair
from test_order_life import moves_of, tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderStatus

SHIPPED = "卖家已发货，等待买家确认"


def test_a_waybill_file_naming_the_parcels_an_order_list_shipped_is_no_other_parcel(tmp_path):
    shop = build_shop(tmp_path)
    no = "3700000000000001101"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])), today=TODAY)
    later = write_pair(tmp_path / "d2", [tb_order(no, status=SHIPPED, courier="中通快递",
                                                  tracking="No:73100000000011,No:73100000000012",
                                                  shipped="2026-11-22 17:00:00")],
                       [tb_detail(no, "SH-BK-M", status=SHIPPED)], stamp="20261122")
    assert shopbook("orders", "import", shop.folder, *later).returncode == 0
    waybills = kuaidizhushou_shipped(tmp_path / "w", [(no, "中通快递", "73100000000012"),
                                                      (no, "中通快递", "73100000000011")])
    r = shopbook("orders", "import", shop.folder, waybills)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "又一个包裹" not in r.stdout and "状态变化" not in r.stdout, r.stdout
    (line,) = lines_of(shop)
    assert (line.status, line.courier, line.tracking_no) == (OrderStatus.SHIPPED, "中通快递",
                                                             "73100000000011,73100000000012")
    assert [m[:3] for m in moves_of(shop)] == [(no, "SH-BK-M", 1)]  # posted out once


def test_a_delivered_export_listing_the_parcels_with_a_comma_changes_no_tracking_no(tmp_path):
    shop = build_shop(tmp_path)
    no = "261121-482910375600009"
    import_orders(shop, [write_pdd(tmp_path / "p1", [pdd_row(no, "待发货", "SH-BK-M")])], today=TODAY)
    type_in(shop.path(ORDERS), "订单", {(ln.row, "状态"): "已审核" for ln in lines_of(shop)})
    waybills = kuaidizhushou_shipped(tmp_path / "w", [(no, "中通快递", "73100000000071"),
                                                      (no, "中通快递", "73100000000072")])
    assert shopbook("orders", "import", shop.folder, waybills).returncode == 0
    delivered = write_pdd(tmp_path / "p2", [pdd_row(no, "已收货", "SH-BK-M", tracking="73100000000071,73100000000072",
                                                    courier="中通快递", shipped="2026-11-22 10:00:00")],
                          name="orders_export_20261124.csv")
    r = shopbook("orders", "import", shop.folder, delivered)
    assert r.returncode == 0, r.stdout + r.stderr
    out = flat(r.stdout)
    assert "已发货→已签收已签收" in out and "快递单号按平台" not in out, r.stdout
    (line,) = lines_of(shop)
    assert (line.status, line.tracking_no) == (OrderStatus.DELIVERED, "73100000000071/73100000000072")
