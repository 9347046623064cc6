"""QA: an approved order whose 商家编码 is on no 商品 row (changed by hand after the review; a bundle's platform
code, TAO-SET-1, typed into it) was picked under a ✓: the pick list and packing note listed "TAO-SET-1 ?", a
line nobody can find on a shelf, and the order was marked picked. Now it is left out, approved still, and said
with what to do; the batch line is ! and `picklist` exits 1."""

from __future__ import annotations

import json

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine, SkuMap
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop

A, B = "3515131473290001", "3515131473290002"


def test_an_approved_order_with_a_sku_not_on_the_products_sheet_is_not_picked(tmp_path):
    shop = build_shop(tmp_path)
    lines = [OrderLine(order_no=no, receiver=who, phone="13812345678", address=addr, sku=sku, qty=1, status="已审核")
             for no, who, addr, sku in ((A, "王芳", "浙江省 杭州市 西湖区 文三路100号", "SH-WH-M"),
                                        (B, "赵敏", "浙江省 宁波市 海曙区 中山路5号", "TAO-SET-1"))]
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, SkuMap: [
        SkuMap(code="TAO-SET-1", sku="SH-WH-M", qty=1), SkuMap(code="TAO-SET-1", sku="SH-BK-M", qty=1)]},
        keep_backup=False)
    r = shopbook("picklist", shop.folder)
    said = flat(r.stdout)
    assert r.returncode == 1, r.stdout + r.stderr
    assert flat(f"! 订单 {B} 的商家编码 TAO-SET-1 不在“商品”表，没有拣货（仍是已审核）") in said, r.stdout
    assert flat("! 批次") in said and flat("1 个订单，1 件；1 个已审核订单的商家编码不在商品表，没有拣货") in said, r.stdout
    xlsx = next((shop.folder / "reports").glob("拣货单-*.xlsx"))
    cells = {v for ws in openpyxl.load_workbook(xlsx) for row in ws.iter_rows(values_only=True) for v in row}
    assert "TAO-SET-1" not in cells and "?" not in cells and B not in cells
    ws = openpyxl.load_workbook(shop.folder / "orders.xlsx")["订单"]
    head = [c.value for c in ws[1]]
    got = {r[0]: (r[head.index("状态")], bool(r[head.index("拣货批次")])) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got == {A: ("已审核", True), B: ("已审核", False)}
    again = json.loads(shopbook("picklist", shop.folder, "--json").stdout)
    assert again["unknown_skus"] == [{"order_no": B, "skus": ["TAO-SET-1"]}]
