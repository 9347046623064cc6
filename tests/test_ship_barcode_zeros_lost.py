"""A barcode that starts with two zeros (0048030983009: the demo shop has eight) typed by hand into the scan
file in Excel is 48030983009: both zeros gone. One zero lost was found (614141000012 is 0614141000012); two
were "条码 48030983009 不属于任何商品" and the parcel failed, with a 问题件 opened, for the very product's
barcode. Every leading zero Excel drops is now one the check puts back, in the scan and on a PO receipt."""

from __future__ import annotations

import openpyxl

from cli_run import type_in
from test_orders import lines_of
from test_ship_scan_csv_rescanned import A, two_orders

from shopbook import values as V
from shopbook.orders.workflow import ship
from shopbook.schema import STOCK


def _row_of(path, sku: str) -> int:
    ws = openpyxl.load_workbook(path, read_only=True)["商品"]
    return next(n for n, r in enumerate(ws.iter_rows(values_only=True), start=1) if r[0] == sku)


def test_a_barcode_with_both_leading_zeros_lost_is_the_products(tmp_path):
    shop = two_orders(tmp_path)  # A: SH-WH-M, approved
    type_in(shop.path(STOCK), "商品", {(_row_of(shop.path(STOCK), "SH-WH-M"), "条码"): "0048030983009"})
    scan = tmp_path / "scan.csv"
    scan.write_text(f"订单编号,快递公司,快递单号,条码\n{A},中通,73100000000001,48030983009\n", encoding="utf-8")
    res = ship(shop, scan)
    assert [(c.ok, c.problems) for c in res.checks] == [(True, [])]
    assert res.shipped == [A] and [(m.sku, abs(m.qty)) for m in res.movements] == [("SH-WH-M", 1)]
    assert {ln.order_no: ln.status.value for ln in lines_of(shop)}[A] == "已发货"


def test_each_form_of_a_zero_led_barcode():
    assert V.barcode_forms("0048030983009") == ("0048030983009", "048030983009", "48030983009")
    assert V.barcode_forms("0614141000012") == ("0614141000012", "614141000012")
    assert V.barcode_forms("6901234567892") == ("6901234567892",)
    assert V.barcode_forms("614141000012") == ("614141000012", "0614141000012")
