"""QA: a 满就送 promotion whose 赠品编码 is on no 商品 row (AC2644-NV-X typed for …-F) put "AC2644-NV-X ? 赠" on
the pick list under a ✓, wrote it into the order's 赠品 cell, and the scan check then expected a gift no
parcel can hold: the order never passed `ship`. Now the parcel is picked without it (its 赠品 cell 无), said
with what to correct, and ships on its goods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl

from cli_run import flat, shopbook
from shopbook.schema import ORDERS, OrderLine, Promotion
from shopbook.workbook_builder import write_workbook
from test_orders import build_shop

A = "3515131473290001"


def test_a_gift_on_no_products_row_is_not_picked_nor_expected(tmp_path):
    shop = build_shop(tmp_path)
    today = dt.date.today()
    write_workbook(shop.folder / "orders.xlsx", ORDERS, "zh", {
        OrderLine: [OrderLine(order_no=A, receiver="王芳", phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号",
                              sku="SH-BK-M", qty=3, unit_price=D("99"), status="已审核")],
        Promotion: [Promotion(name="满199送袜子", kind="满就送", threshold=D("199"), gift_sku="GIFT-X", gift_qty=1,
                              start=today - dt.timedelta(days=5), end=today + dt.timedelta(days=5), enabled=True)]},
        keep_backup=False)
    r = shopbook("picklist", shop.folder)
    assert flat(f"! 赠品 GIFT-X 不在“商品”表：1 个订单没有送（赠品一栏写的是实际送的）：{A}") in flat(r.stdout), r.stdout
    xlsx = next((shop.folder / "reports").glob("拣货单-*.xlsx"))
    cells = {v for ws in openpyxl.load_workbook(xlsx) for row in ws.iter_rows(values_only=True) for v in row}
    assert "GIFT-X" not in cells and "?" not in cells
    scan = tmp_path / "scan.txt"
    scan.write_text(f"{A},中通,73100000000001\n0690000000031\n0690000000031\n0690000000031\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    assert r.returncode == 0 and flat("✓ 发货：1，出库：3 件") in flat(r.stdout), r.stdout + r.stderr
