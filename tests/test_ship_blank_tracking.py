"""A scanner's CSV (订单编号, 快递公司, 快递单号, 条码) whose 快递单号 cell was left blank. The parcel shipped with no
tracking number, writing a blank over the number the order already held (typed when its waybill was printed);
and where the packer had scanned the waybill into the code column, it read "条码 7310… 不属于任何商品". Now a
blank 快递单号 or 快递公司 takes the order's own, never blanks them; a parcel with none anywhere does not
ship, saying to scan the waybill into its column, and a code that is no product's is asked about as the
waybill it likely is. A real orders.xlsx and scan CSV, the scan check in-process."""

from __future__ import annotations

import datetime as dt

from test_orders import build_shop, lines_of

from shopbook.orders.workflow import ship
from shopbook.schema import ORDERS, OrderLine
from shopbook.shop import open_shop
from shopbook.workbook_builder import write_workbook

WH_M = "0690000000017"  # build_shop's barcode of SH-WH-M


def test_a_blank_tracking_no_keeps_the_orders_own_or_stops_the_parcel(tmp_path):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, receiver=f"买家{no}", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                       sku="SH-WH-M", qty=1, status="已审核", courier=courier, tracking_no=tracking)
             for no, courier, tracking in (("T1", "圆通", "YT7000000001"), ("T2", None, None), ("T3", None, None),
                                           ("T4", "韵达", None))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    scan = tmp_path / "scan.csv"
    scan.write_bytes(("订单编号,快递公司,快递单号,条码\r\n"
                      f"T1,,,{WH_M}\r\nT4,,43100000000004,{WH_M}\r\nT2,中通,,{WH_M}\r\n"
                      f"T3,中通,,73100000000003\r\nT3,中通,,{WH_M}\r\n").encode("gbk"))
    res = ship(open_shop(shop.folder), scan, today=dt.date(2026, 11, 22))
    assert [(c.order_no, c.ok, [zh for zh, _ in c.problems]) for c in res.checks] == [
        ("T1", True, []), ("T4", True, []),
        ("T2", False, ["没有快递单号：请把面单上的快递单号扫进“快递单号”一栏，再运行 ship"]),
        ("T3", False, ["没有快递单号：请把面单上的快递单号扫进“快递单号”一栏，再运行 ship",
                       "73100000000003 不是商品的条码，是面单上的快递单号吗？是的话请把它扫进“快递单号”一栏"])]
    assert {ln.order_no: (ln.status.value, ln.courier, ln.tracking_no) for ln in lines_of(shop)} == {
        "T1": ("已发货", "圆通", "YT7000000001"), "T4": ("已发货", "韵达", "43100000000004"),
        "T2": ("已审核", None, None), "T3": ("已审核", None, None)}
