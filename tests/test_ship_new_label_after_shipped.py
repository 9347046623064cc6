"""A parcel that shipped already, scanned again the next day under a new waybill (the first label torn and
printed again): `ship` said only "已发过", the order kept the old tracking number and nobody was told the
buyer would be given a number that was not on the parcel. Now it says the number it kept and the one it did
not record, for a person to correct; the same parcel scanned again under its own number is as before."""

from __future__ import annotations

from shopbook.orders.workflow import ship
from test_ship_scan_csv_rescanned import BK_M, B, two_orders
from test_orders import lines_of


def test_a_shipped_parcel_scanned_under_a_new_waybill_is_said(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.csv"
    head = "订单编号,快递公司,快递单号,条码\r\n"
    scan.write_bytes(f"{head}{B},中通,73100000000002,{BK_M}\r\n".encode("gbk"))
    assert ship(shop, scan).shipped == [B]
    scan.write_bytes(f"{head}{B},韵达,43100000000002,{BK_M}\r\n".encode("gbk"))
    res = ship(shop, scan)
    assert [(mark, zh) for mark, zh, _ in res.said(30, scan)][1:] == [
        ("!", (f"{B}：又扫到这个订单的一个包裹 韵达 43100000000002，没有记上：订单已按快递单号 73100000000002 发货。"
               "是它的第 2 个包裹：在订单表把快递单号写成 73100000000002/43100000000002；是换了面单：改成 43100000000002"
               "（平台上也改）"))]
    assert not res.movements and {ln.order_no: ln.tracking_no for ln in lines_of(shop)}[B] == "73100000000002"
    assert res.to_json()["parcels"][0]["tracking_not_recorded"] == "73100000000002"
    scan.write_bytes(f"{head}{B},中通,73100000000002,{BK_M}\r\n".encode("gbk"))
    said = [(mark, zh) for mark, zh, _ in ship(shop, scan).said(30, scan)]
    assert ("–", f"{B}：已发过（快递单号 73100000000002 的包裹又扫了一次），没有再出库") in said  # under its own number
