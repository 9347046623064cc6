"""A waybill tool's export (菜鸟's 订单编号,快递公司,运单号; an English shop's order_no,courier,tracking_no) whose
tracking number Excel cut (7.31E+13) was said at "第 5 行 快递单号", a column the file does not have, and in an
English shop at "row 4 快递单号"; an order number cut in a file headed 订单号 at 订单编号. A value that does not
read is now said in the column the file heads it with, in either language."""

from __future__ import annotations

import openpyxl

from test_ship_scan_csv_rescanned import A, B, two_orders

from shopbook.orders.workflow import import_orders


def _where(res):
    return [(i.row, i.column, i.value) for i in res.issues if i.is_error]


def test_a_cut_tracking_no_is_said_in_the_files_own_column(tmp_path):
    shop = two_orders(tmp_path)  # A and B approved
    f = tmp_path / "菜鸟发货.csv"
    f.write_bytes(f"订单编号,快递公司,运单号,面单状态\r\n{A},中通快递,7.31E+13,使用中\r\n{B},中通,73100000000002,使用中\r\n"
                  .encode("gbk"))
    res = import_orders(shop, [f])
    assert _where(res) == [(2, "运单号", "7.31E+13")]


def test_an_english_shops_export_is_said_in_its_own_column(tmp_path):
    shop = two_orders(tmp_path)
    f = tmp_path / "waybills.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["order_no", "courier", "tracking_no"])
    wb.active.append([A, "ZTO", 1.23e14])  # Excel's 1.23E+14 saved back as a number
    wb.active.append([B, "ZTO", 73100000000002])
    wb.save(f)
    res = import_orders(shop, [f])
    assert _where(res) == [(2, "tracking_no", "123000000000000")]
