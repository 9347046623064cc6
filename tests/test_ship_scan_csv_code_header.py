"""QA: a scanner's CSV (BOM, CRLF, a blank last line) headed 订单编号,快递公司,快递单号,条形码 — the word the
商品 sheet itself knows for 条码 — was not taken as a header: read as parcel lines, its header row failed as
"找不到订单或快递单号 订单编号", both parcels failed as missing their goods, nothing shipped and two after-sales
cases were opened for customer service. Now the code column is read under the 商品 sheet's names for a
barcode or SKU (条形码, 商品编码 …), as under 条码."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop

A, B = "3515131473290001", "3515131473290002"


@pytest.mark.parametrize("code", ["条形码", "商品编码"])
def test_a_scanner_csv_headed_with_another_word_for_the_code_ships(tmp_path, code):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, receiver=who, phone="13812345678", address=addr, sku=sku, qty=1, status="已审核")
             for no, who, addr, sku in ((A, "王芳", "浙江省 杭州市 西湖区 文三路100号", "SH-WH-M"),
                                        (B, "赵敏", "浙江省 宁波市 海曙区 中山路5号", "SH-BK-M"))]
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines}, keep_backup=False)
    a, b = ("0690000000017", "0690000000031") if code == "条形码" else ("SH-WH-M", "SH-BK-M")
    scan = tmp_path / "scan.csv"
    scan.write_bytes(("\ufeff" + f"订单编号,快递公司,快递单号,{code}\r\n{A},中通,73100000000001,{a}\r\n"
                      f"{B},中通,73100000000002,{b}\r\n\r\n").encode("utf-8"))
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0 and flat("✓ 发货：2，出库：2") in flat(r.stdout), r.stdout + r.stderr
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    got = {r[0]: (r[head.index("状态")], r[head.index("快递单号")]) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got == {A: ("已发货", "73100000000001"), B: ("已发货", "73100000000002")}
