"""QA: a scanner's CSV (BOM, CRLF, a blank last line) headed 订单编号,快递公司,快递单号,条形码 — the word the
商品 sheet itself knows for 条码 — was not taken as a header: read as parcel lines, its header row failed as
"找不到订单或快递单号 订单编号", both parcels failed as missing their goods, nothing shipped and two after-sales
cases were opened for customer service. Now the code column is read under the 商品 sheet's names for a
barcode or SKU (条形码, 商品编码 …), as under 条码."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import flat, shopbook
from test_ship_scan_csv_rescanned import A, B, two_orders


@pytest.mark.parametrize("code", ["条形码", "商品编码"])
def test_a_scanner_csv_headed_with_another_word_for_the_code_ships(tmp_path, code):
    shop = two_orders(tmp_path)  # 王芳's SH-WH-M and 赵敏's SH-BK-M, approved
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
