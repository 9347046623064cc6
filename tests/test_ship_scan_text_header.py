"""A scan file in the text form (a parcel line, then one code a line) headed as its parcel lines are
(订单编号,快递公司,快递单号 / order_no,courier,tracking_no, as README shows the form): its header was read as a
parcel, "✗ 订单编号: 找不到订单或快递单号 订单编号" and exit 1 on every good file. The header is skipped."""

from __future__ import annotations

import pytest

from cli_run import flat, shopbook
from test_orders import lines_of
from test_ship_scan_csv_rescanned import A, B, BK_M, WH_M, two_orders


@pytest.mark.parametrize("head", ["订单编号,快递公司,快递单号", "order_no\tcourier\ttracking_no", "订单编号，快递公司，快递单号"])
def test_a_text_scan_file_with_a_header_line_ships(tmp_path, head):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_bytes(f"{head}\r\n{A},中通,73100000000001\r\n{WH_M}\r\n\r\n{B},中通,73100000000002\r\n{BK_M}\r\n"
                     .encode("gb18030"))
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓发货：2，出库：2" in flat(r.stdout) and "✗" not in r.stdout
    assert {ln.status.value for ln in lines_of(shop)} == {"已发货"}
