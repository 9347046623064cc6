"""QA: a packer whose parcel failed the scan (the wrong shirt), who put it right and scanned it again
further down the same file, got the order shipped — and still "✗ 少了 SH-WH-M … 多了 SH-BK-M", exit 1 and
an after-sales 问题件 opened for customer service about an order that went out right. Now the later pass
stands: the failure is gone, no case is opened for it. A parcel that fails after it passed is still said."""

from __future__ import annotations

import openpyxl

from cli_run import flat, shopbook
from test_ship_scan_csv_rescanned import A, B, two_orders


def test_a_parcel_put_right_and_scanned_again_passes(tmp_path):
    shop = two_orders(tmp_path)  # 王芳's SH-WH-M and 赵敏's SH-BK-M, approved
    scan = tmp_path / "scan.txt"
    scan.write_bytes(f"{A},中通,73100000000001\r\n0690000000031\r\n{A},中通,73100000000001\r\n0690000000017\r\n"
                     f"{B},中通,73100000000002\r\n0690000000031\r\n{B},中通,73100000000002\r\n0690000000017\r\n"
                     .encode("utf-8"))
    r = shopbook("ship", shop.folder, scan)
    said = flat(r.stdout)
    assert flat("发货：2，出库：2 件；1 个包裹没有通过") in said, r.stdout + r.stderr
    assert flat(f"✗ {A}") not in said, r.stdout  # put right, passed
    assert flat(f"✗ {B}：颜色/尺码不对") in said, r.stdout  # wrong after its pass: still for a person to see
    assert flat("开了 1 个售后问题件") in said and r.returncode == 1, r.stdout
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    head = [c.value for c in wb["订单"][1]]
    assert {r[0]: r[head.index("状态")] for r in wb["订单"].iter_rows(min_row=2, values_only=True)} == {
        A: "已发货", B: "已发货"}
    cases = [r for r in wb["售后"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert len(cases) == 1 and B in cases[0] and A not in cases[0], cases
