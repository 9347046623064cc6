"""`reconcile courier --json`: every parcel listed says where a person finds it, as the text output does: a bill's
line its file, sheet and line (before: heavy, fee_differs, billed_twice … gave the line alone, the file and sheet
only on billed_not_shipped); a parcel we shipped that the bill lacks, its order's workbook, sheet and row (before:
its numbers alone)."""

from __future__ import annotations

import json

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from test_courier_bill_totals import courier_shop


def test_each_parcel_in_json_carries_its_file_sheet_and_row(tmp_path, wide_console):
    shop = courier_shop(tmp_path / "shop", 4)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "11月明细"
    ws.append(["运单编号", "揽收日期", "目的地", "计费重量", "运费"])
    ws.append(["73100000000001", "2026-11-10", "浙江", 1, "5.00"])
    ws.append(["73100000000002", "2026-11-10", "浙江", 3, "7.00"])  # heavy (one 0.4 kg shirt)
    ws.append(["73100000000003", "2026-11-10", "浙江", 1, "6.50"])  # 5.00 by the rates
    ws.append(["73100000000003", "2026-11-10", "浙江", 1, "6.50"])  # billed twice
    bill = tmp_path / "中通11月账单.xlsx"
    wb.save(bill)
    r = CliRunner().invoke(app, ["reconcile", "courier", str(shop.folder), str(bill), "--json"])
    got = json.loads(r.stdout)
    assert r.exit_code == 1
    where = {"book": "中通11月账单.xlsx", "sheet": "11月明细"}
    assert got["heavy"] == [{"tracking_no": "73100000000002", **where, "line": 3, "billed_kg": "3",
                             "estimated_kg": "0.5"}]
    assert got["fee_differs"] == [{"tracking_no": "73100000000003", **where, "line": 4, "billed": "6.50",
                                   "by_rates": "5.00"}]
    assert got["billed_twice"] == [{"tracking_no": "73100000000003", **where, "line": 5, "fee": "6.50"}]
    # O04 shipped on 11-10, not on the bill: its row of 订单 (row 1 the header, O01 on row 2)
    assert got["shipped_not_billed"] == [{"order_no": "O04", "tracking_no": "73100000000004", "book": "orders.xlsx",
                                          "sheet": "订单", "row": 5}]


def test_a_parcel_on_the_orders_second_row_is_said_at_that_row(tmp_path):
    """From the review: order O01 sent in two parcels, row 2 …0001 (billed) and row 3 …0009 (not billed): the parcel
    the bill lacks is at row 3, where its number is (before: row 2, the order's first, which holds the other)."""
    import datetime as dt
    from decimal import Decimal as D

    from shopbook.money.workflow import reconcile_courier_file
    from shopbook.schema import ORDERS, STOCK, OrderLine, Product, ShippingRate
    from shopbook.shop import init_shop, open_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku=s, name=s, cost=D(30), price=D(99), weight_kg=D("0.4")) for s in "AB"]}, keep_backup=False)
    lines = [OrderLine(order_no="O01", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku=s, qty=1,
                       unit_price=D("99.00"), shipping_fee=D(0), status="已发货", tracking_no=t,
                       shipped_on=dt.date(2026, 11, 10), courier="中通")
             for s, t in (("A", "73100000000001"), ("B", "73100000000009"))]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, ShippingRate: [ShippingRate(
        courier="中通", province="浙江", first_kg=D(1), first_price=D(5), extra_per_kg=D(1))]}, keep_backup=False)
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5.00\n".encode("gb18030"))
    chk, _ = reconcile_courier_file(open_shop(folder), bill)
    assert chk.to_json()["shipped_not_billed"] == [{"order_no": "O01", "tracking_no": "73100000000009",
                                                    "book": "orders.xlsx", "sheet": "订单", "row": 3}]
