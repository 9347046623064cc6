"""A scan file whose numbers its tool wrote as Excel's text formula, ="3515…" (as waybill and order tools write a
long number into a CSV, and Taobao's own exports do), or with a character that shows as nothing after them (a
number pasted from a web page): every parcel failed "找不到订单或快递单号 ="3515…"", and a goods code so written
"不属于任何商品", a 问题件 opened for it. Each field is read as the code it holds, as the order import reads
them: the parcels ship, with the tracking number as the waybill has it. Real CSV and text scan files."""

from __future__ import annotations

import datetime as dt

from test_orders import lines_of
from test_ship_scan_csv_rescanned import BK_M, WH_M, A, B, two_orders

from shopbook.orders.workflow import ship
from shopbook.shop import open_shop


def test_numbers_written_as_excel_text_or_with_unseen_characters_ship(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.csv"
    scan.write_bytes((f'订单编号,快递公司,快递单号,条码\r\n="{A}",中通,="73100000000001",="{WH_M}"\r\n'
                      f'{B}\u200b,中通,73100000000002\u200b,{BK_M}\u200b\r\n').encode("utf-8-sig"))
    res = ship(open_shop(shop.folder), scan, today=dt.date(2026, 11, 22))
    assert [(c.order_no, c.ok, c.problems) for c in res.checks] == [(A, True, []), (B, True, [])]
    assert {ln.order_no: (ln.status.value, ln.tracking_no) for ln in lines_of(shop)} == {
        A: ("已发货", "73100000000001"), B: ("已发货", "73100000000002")}


def test_the_text_form_so_written_ships_too(tmp_path):
    shop = two_orders(tmp_path)
    scan = tmp_path / "scan.txt"
    scan.write_text(f'="{A}",中通,="73100000000001"\n="{WH_M}"\n', encoding="utf-8")
    res = ship(open_shop(shop.folder), scan, today=dt.date(2026, 11, 22))
    assert [(c.order_no, c.ok, c.tracking_no) for c in res.checks] == [(A, True, "73100000000001")]
