"""QA: the packer's line typed as a person types it, 打包员：张三 (full-width colon) or 打包员 李四 (a space), was
no packer line: the first was "扫描文件第 1 行看不懂" and 张三's parcels counted for nobody's piece pay; the
second was taken for a code of the parcel above it ("条码 打包员 李四 不属于任何商品"), which failed and had an
after-sales case opened. Now both name the packer, as 打包员,张三 does."""

from __future__ import annotations

import openpyxl

from cli_run import flat, shopbook
from test_ship_scan_csv_rescanned import A, B, two_orders


def test_a_packer_line_with_a_colon_or_a_space_names_the_packer(tmp_path):
    shop = two_orders(tmp_path)  # 王芳's SH-WH-M and 赵敏's SH-BK-M, approved
    scan = tmp_path / "scan.txt"
    scan.write_bytes(f"打包员：张三\r\n{A},中通,73100000000001\r\n0690000000017\r\n打包员 李四\r\n"
                     f"{B},中通,73100000000002\r\n0690000000031\r\n".encode("utf-8"))
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0 and flat("✓ 发货：2，出库：2") in flat(r.stdout), r.stdout + r.stderr
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    got = {r[0]: (r[head.index("状态")], r[head.index("打包员")]) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got == {A: ("已发货", "张三"), B: ("已发货", "李四")}
