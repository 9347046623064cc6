"""An order sent in two parcels: the second parcel's scan read "已发过", as a parcel scanned twice does, and its
number was written down nowhere; an order whose 快递单号 cell held both parcels (73…8/73…9) had it written over
with the one scanned, the other parcel's number lost (then "找不到订单或快递单号" when it was scanned). Now each
scan says what it is, in the shop's language: the same parcel again, parcel 2 of 2 of the order, or another
parcel whose number is not the order's (for a person to write down); the cell holding both stays."""

from __future__ import annotations

from cli_run import type_in
from test_orders import lines_of
from test_ship_scan_csv_rescanned import BK_M, WH_M, A, B, two_orders

from shopbook.orders.workflow import ship
from shopbook.schema import ORDERS

T1, T2, T3 = "73100000000001", "73100000000008", "73100000000009"


def test_a_second_parcel_is_said_as_one_not_as_a_scan_twice(tmp_path):
    shop = two_orders(tmp_path)  # A: SH-WH-M, B: SH-BK-M, approved
    type_in(shop.path(ORDERS), "订单", {(3, "快递单号"): f"{T2}/{T3}"})  # B's two waybills, printed
    scan = tmp_path / "scan.txt"
    scan.write_text(f"{A},中通,{T1}\n{WH_M}\n{A},中通,{T1}\n{WH_M}\n{A},中通,73100000000005\n"
                    f"{T2},中通,{T2}\n{BK_M}\n{T3},中通,{T3}\n", encoding="utf-8")
    res = ship(shop, scan)
    assert res.shipped == [A, B] and len(res.movements) == 2
    said = [(m, zh) for m, zh, _ in res.said(30, scan)]
    assert said[1:] == [
        ("!", (f"{A}：又扫到这个订单的一个包裹 中通 73100000000005，没有记上：订单已按快递单号 {T1} 发货。是它的第 2 个包裹："
               f"在订单表把快递单号写成 {T1}/73100000000005；是换了面单：改成 73100000000005（平台上也改）")),
        ("–", f"{A}：已发过（快递单号 {T1} 的包裹又扫了一次），没有再出库"),
        ("–", f"{B}：订单的第 2 个包裹（共 2 个，快递单号 {T3}），订单已发货，没有再出库")], said
    assert res.said(30, scan)[-1][2] == (f"{B}: parcel 2 of 2 of the order (tracking no. {T3}), which has shipped; "
                                         "nothing posted again")
    assert {ln.order_no: (ln.courier, ln.tracking_no) for ln in lines_of(shop)} == {
        A: ("中通", T1), B: ("中通", f"{T2}/{T3}")}  # both kept, the courier scanned where none was typed
    scan.write_text(f"{T3},中通,{T3}\n", encoding="utf-8")  # the next day: still B's second parcel
    assert ship(shop, scan).said(30, scan)[1][1] == f"{B}：订单的第 2 个包裹（共 2 个，快递单号 {T3}），订单已发货，没有再出库"
