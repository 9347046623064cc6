"""A scan check's CSV headed by a title line (验货记录 2026-12-06, as a scanner app or a person heads its export) above
订单编号,快递公司,快递单号,条码: the title was read as one parcel and the header as another, the good file failing
(✗, exit 1) with parcels that are no orders. The header is the first line naming the order column, within the first
few lines, and a title above it is no parcel; a first line of a parcel is still a parcel."""

from __future__ import annotations

from cli_run import flat, shopbook
from test_orders import lines_of
from test_ship_scan_csv_rescanned import BK_M, WH_M, A, B, two_orders


def test_a_title_above_the_header_is_no_parcel(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.csv"
    scan.write_bytes((f"验货记录 2026-12-06\r\n\r\n订单编号,快递公司,快递单号,条码\r\n{A},中通,73100000000001,{WH_M}\r\n"
                      f"{B},中通,73100000000002,{BK_M}\r\n").encode("gbk"))
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓发货：2，出库：2" in flat(r.stdout) and "✗" not in r.stdout
    assert {ln.order_no: ln.status.value for ln in lines_of(shop)} == {A: "已发货", B: "已发货"}


def test_a_title_above_the_text_form_s_header_and_a_first_parcel_line_without_one(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_text(f"今天的验货\n订单编号,快递公司,快递单号\n{A},中通,73100000000001\n{WH_M}\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0 and "✓发货：1，出库：1" in flat(r.stdout), r.stdout + r.stderr
    scan.write_text(f"{B},中通,73100000000002\n{BK_M}\n", encoding="utf-8")  # no header: the first line a parcel
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0 and "✓发货：1，出库：1" in flat(r.stdout), r.stdout + r.stderr
