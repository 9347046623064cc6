"""QA (warehouse): a scanner app's CSV headed as such apps head it, 订单号 / 运单号 / 快递 (Order No., Tracking No. in
an English shop), not word for word 订单编号 / 快递单号 / 快递公司: its header row was read as a parcel, "✗ 订单号：找不到
订单或快递单号 订单号" and exit 1 on every good file; headed 订单编号 with 运单号, the 运单号 column was no column,
each parcel's scanned number lost, "没有快递单号". These headers are now read as the columns they name."""

from __future__ import annotations

import pytest

from cli_run import flat, shopbook
from shopbook.orders.scan import parse_scans
from test_orders import lines_of
from test_ship_scan_csv_rescanned import A, B, BK_M, WH_M, two_orders


@pytest.mark.parametrize("head", ["订单号,快递公司,运单号,条码", "订单编号,快递,运单号,条形码", "Order No.,Courier,Tracking No.,Barcode",
                                  "order number,carrier,waybill no,SKU"])
def test_a_scan_csv_headed_otherwise_ships(tmp_path, head):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.csv"
    code = {"SKU": ("SH-WH-M", "SH-BK-M")}.get(head.split(",")[-1], (WH_M, BK_M))
    scan.write_text(f"{head}\n{A},中通,73100000000001,{code[0]}\n{B},中通,73100000000002,{code[1]}\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓发货：2，出库：2" in flat(r.stdout) and "✗" not in r.stdout, r.stdout
    assert {ln.order_no: (ln.status.value, ln.tracking_no) for ln in lines_of(shop)} == {
        A: ("已发货", "73100000000001"), B: ("已发货", "73100000000002")}


def test_the_text_form_headed_otherwise_skips_its_header():
    got = parse_scans(f"订单号,快递,运单号\n{A},中通,7310\n{WH_M}\n")
    assert [(p.ref, p.courier, p.tracking_no, p.codes) for p in got] == [(A, "中通", "7310", [WH_M])]
