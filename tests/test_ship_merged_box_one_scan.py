"""QA (scan check, 合并发货): one buyer's orders the pick list packs in one box (their packing notes say 与订单 … 装进一个
包裹，贴一张面单, one waybill row "T1,T2") were packed as told and scanned as the one parcel they are: the box's
waybill, one order's packing note, and every order's goods. `ship` failed it "多了 SH-BK-M" (the other order's
goods), shipped neither order and opened a 问题件 for a parcel packed right. Now such a box ships each of its orders
under its waybill, each its own goods posted out; a box packed wrong (an item missing) fails as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from cli_run import shopbook
from test_orders import build_shop

from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook

HZ, BJ = "浙江省 杭州市 西湖区 文三路100号", "北京市 朝阳区 建国路1号"
WH_M, WH_L, BK_M = "0690000000017", "0690000000024", "0690000000031"  # (test_orders' barcodes)


def _line(no, sku, platform=None, address=HZ, receiver="王芳"):
    return OrderLine(order_no=no, receiver=receiver, phone="13812345678", address=address, sku=sku, qty=1,
                     unit_price=Decimal("99.00"), status="待审核", platform=platform,
                     paid_at=dt.datetime(2026, 12, 1, 9))


def _state(shop) -> dict:
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    return {r[0]: (r[head.index("状态")], r[head.index("快递单号")]) for r in ws.iter_rows(min_row=2, values_only=True)}


def test_a_box_of_one_buyers_orders_scanned_as_one_parcel_ships_each(tmp_path):
    shop = build_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        _line("T1", "SH-WH-M", "淘宝"), _line("T2", "SH-BK-M", "淘宝", address="杭州市西湖区文三路100号"),  # one box
        _line("M1", "SH-WH-L"), _line("D1", "SH-BK-M", "抖店"),  # the 抖店 order's box takes the one typed by hand
        _line("T3", "SH-WH-M", "淘宝", BJ, "李雷"), _line("T4", "SH-BK-M", "淘宝", BJ, "李雷")]}, keep_backup=False)
    assert shopbook("orders", "review", shop.folder).returncode == 0
    assert shopbook("picklist", shop.folder).returncode == 0
    scan = tmp_path / "scan.txt"
    scan.write_text(f"T1,中通,73100000000001\n{WH_M}\n{BK_M}\n"  # the box, under T1's note: both orders' goods
                    f"D1,中通,73100000000002\n{WH_L}\n{BK_M}\n"
                    f"T3,中通,73100000000003\n{WH_M}\n{WH_L}\n", encoding="utf-8")  # T4's SH-BK-M packed as SH-WH-L
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1 and "发货：4" in r.stdout, r.stdout
    assert "T1" not in r.stdout.split("发货：4")[1] and "D1" not in r.stdout, r.stdout
    assert "✗ T3：多了 SH-WH-L：应 0 件，扫到 1 件" in r.stdout, r.stdout  # (a box packed wrong: as before)
    assert _state(shop) == {"T1": ("已发货", "73100000000001"), "T2": ("已发货", "73100000000001"),
                            "M1": ("已发货", "73100000000002"), "D1": ("已发货", "73100000000002"),
                            "T3": ("已审核", None), "T4": ("已审核", None)}
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    out = [(r[1], r[3]) for r in wb["出入库"].iter_rows(min_row=2, values_only=True) if r[2] == "出库"]
    assert sorted(out) == [("SH-BK-M", 1), ("SH-BK-M", 1), ("SH-WH-L", 1), ("SH-WH-M", 1)], out
