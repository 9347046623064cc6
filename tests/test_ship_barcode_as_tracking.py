"""QA: a packer scanning the goods' barcode where the waybill's tracking no. goes (the parcel line
`订单编号,中通,0690000000017`) had the parcel shipped with 0690000000017 written as its 快递单号: a tracking
no. no courier knows, uploaded to the platform as the shipment. Now the parcel fails the check at that
field, saying what was scanned and what to scan; the rest of a real scanner's file (BOM, CRLF, a blank
last line, the same parcel scanned twice) ships as before."""

from __future__ import annotations

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop

A, B = "3515131473290001", "3515131473290002"


def test_a_barcode_scanned_for_the_tracking_no_is_refused(tmp_path):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                       sku=sku, qty=1, status="已审核") for no, sku in ((A, "SH-WH-M"), (B, "SH-BK-M"))]
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    scan = tmp_path / "scan.txt"
    scan.write_bytes(("\ufeff" + f"{A},中通,73100000000001\r\n0690000000017\r\n"
                      f"{B},中通,0690000000031\r\n0690000000031\r\n"
                      f"{A},中通,73100000000001\r\n0690000000017\r\n\r\n").encode("utf-8"))
    r = shopbook("ship", shop.folder, scan)
    said = flat(r.stdout)
    assert r.returncode == 1, r.stdout + r.stderr
    assert flat(f"✗ {B}：快递单号 0690000000031 是商品 SH-BK-M 的条码，不是面单上的单号：请扫面单上的快递单号") in said, r.stdout
    assert flat("发货：1，出库：1") in said and flat(f"– {A}：已发过") in said, r.stdout
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    got = {row[0]: (row[head.index("状态")], row[head.index("快递单号")]) for row in ws.iter_rows(min_row=2, values_only=True)}
    assert got == {A: ("已发货", "73100000000001"), B: ("已审核", None)}, got


def test_the_order_no_scanned_for_the_tracking_no_is_refused(tmp_path):
    """'A,中通,A' (the packing note's order barcode scanned twice) shipped A with its order no. as 快递单号."""
    shop = build_shop(tmp_path)
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        OrderLine(order_no=A, receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                  sku="SH-WH-M", qty=1, status="已审核")]}, keep_backup=False)
    scan = tmp_path / "scan.txt"
    scan.write_text(f"{A},中通,{A}\n0690000000017\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1 and flat(f"✗ {A}：快递单号 {A} 是订单编号，不是面单上的单号") in flat(r.stdout), r.stdout
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    assert [(r[head.index("状态")], r[head.index("快递单号")]) for r in ws.iter_rows(min_row=2, values_only=True)] == [
        ("已审核", None)]
