"""QA: the packer's line typed as a person types it, 打包员：张三 (full-width colon) or 打包员 李四 (a space), was
no packer line: the first was "扫描文件第 1 行看不懂" and 张三's parcels counted for nobody's piece pay; the
second was taken for a code of the parcel above it ("条码 打包员 李四 不属于任何商品"), which failed and had an
after-sales case opened. Now both name the packer, as 打包员,张三 does."""

from __future__ import annotations

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop

A, B = "3515131473290001", "3515131473290002"


def test_a_packer_line_with_a_colon_or_a_space_names_the_packer(tmp_path):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, receiver=who, phone="13812345678", address=addr, sku=sku, qty=1, status="已审核")
             for no, who, addr, sku in ((A, "王芳", "浙江省 杭州市 西湖区 文三路100号", "SH-WH-M"),
                                        (B, "赵敏", "浙江省 宁波市 海曙区 中山路5号", "SH-BK-M"))]
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    scan = tmp_path / "scan.txt"
    scan.write_bytes(f"打包员：张三\r\n{A},中通,73100000000001\r\n0690000000017\r\n打包员 李四\r\n"
                     f"{B},中通,73100000000002\r\n0690000000031\r\n".encode("utf-8"))
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0 and flat("✓ 发货：2，出库：2") in flat(r.stdout), r.stdout + r.stderr
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    got = {r[0]: (r[head.index("状态")], r[head.index("打包员")]) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got == {A: ("已发货", "张三"), B: ("已发货", "李四")}
