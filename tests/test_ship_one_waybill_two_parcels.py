"""QA: one waybill's tracking no. scanned on two parcels to different receivers (the packer scanned the
waybill of the parcel before) shipped both: orders A and B 已发货 under 73100000000001, B's parcel never
tracked. Now the second fails the check, naming the order the number is already on; orders to one receiver
and address share a waybill (合并发货) and ship together as before. A parcel scanned on a later run with a
shipped order's number fails too."""

from __future__ import annotations

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop

A, B, C, D = (f"351513147329000{i}" for i in range(1, 5))
HZ, NB = "浙江省 杭州市 西湖区 文三路100号", "浙江省 宁波市 海曙区 中山路5号"


def _state(shop) -> dict:
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    return {r[0]: (r[head.index("状态")], r[head.index("快递单号")]) for r in ws.iter_rows(min_row=2, values_only=True)}


def test_one_waybill_is_not_two_receivers_parcels(tmp_path):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, receiver=who, phone="13812345678", address=addr, sku=sku, qty=1, status="已审核")
             for no, who, addr, sku in ((A, "王芳", HZ, "SH-WH-M"), (B, "赵敏", NB, "SH-BK-M"),
                                        (C, "王芳", HZ, "SH-BK-M"), (D, "李雷", NB, "SH-WH-L"))]
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    scan = tmp_path / "scan.txt"
    scan.write_text(f"{A},中通,73100000000001\n0690000000017\n{B},中通,73100000000001\n0690000000031\n"
                    f"{C},中通,73100000000001\n0690000000031\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 1, r.stdout + r.stderr
    assert flat(f"✗ {B}：快递单号 73100000000001 已是订单 {A}（收货人 王芳）的面单") in flat(r.stdout), r.stdout
    assert flat("发货：2") in flat(r.stdout), r.stdout  # A, and C merged with it (same receiver and address)
    assert _state(shop) == {A: ("已发货", "73100000000001"), B: ("已审核", None), C: ("已发货", "73100000000001"),
                            D: ("已审核", None)}
    later = tmp_path / "later.txt"
    later.write_text(f"{D},中通,73100000000001\n0690000000024\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, later)
    assert r.returncode == 1 and flat(f"✗ {D}：快递单号 73100000000001 已是订单") in flat(r.stdout), r.stdout
    assert _state(shop)[D] == ("已审核", None)
