"""QA (the scan check): a shop that renamed its 售后 sheet (售后登记), found by its headers, was told the 问题件 a failed
parcel opened are "（orders.xlsx 的“售后”表）": a sheet the workbook has not. `ship` (and `orders import`, the cases
a refund export opens) names the sheet as it is, as the after-sales desk does."""

from __future__ import annotations

import openpyxl
from cli_run import flat, shopbook
from test_ship_scan_csv_rescanned import BK_M, A, two_orders


def test_a_failed_parcel_s_case_is_said_on_the_sheet_as_named(tmp_path):
    shop = two_orders(tmp_path)
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    wb["售后"].title = "售后登记"
    wb.save(shop.folder / "orders.xlsx")
    scan = tmp_path / "scan.csv"
    scan.write_text(f"订单编号,快递公司,快递单号,条码\n{A},中通,73100000000001,{BK_M}\n", encoding="utf-8")
    r = shopbook("ship", shop.folder, scan)
    out = flat(r.stdout)
    assert r.returncode == 1 and flat("个售后问题件（orders.xlsx 的“售后登记”表）") in out, r.stdout + r.stderr
    assert "“售后”表" not in out
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx", read_only=True)
    assert "售后" not in wb.sheetnames and wb["售后登记"].max_row == 2  # the case went onto it


def test_a_refund_export_s_case_is_said_on_the_sheet_as_named(tmp_path):
    from test_aftersales import TODAY, build_shop, cases_of, refund_row, shipped_order, write_refunds

    from shopbook.orders.workflow import import_orders

    shop = build_shop(tmp_path)
    no = "3900000000000000401"
    shipped_order(shop, tmp_path, no)
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    wb["售后"].title = "售后登记"
    wb.save(shop.folder / "orders.xlsx")
    refunds = write_refunds(tmp_path / "r", [refund_row("R901", no, "SH-WH-M", "99.00", "买家已经申请退款，等待卖家同意",
                                                        reason="尺码不合适", needs_return="是", goods="买家已收到货")])
    res = import_orders(shop, [refunds], today=TODAY)
    assert [c.case_no for c in cases_of(shop)] == [c.case_no for c in res.cases_opened] == ["SH20261122-1"]
    said = "\n".join(f"{zh}|{en}" for _, zh, en in res.said(30))
    assert "开了 1 个售后单（orders.xlsx 的“售后登记”表）" in said and "(the '售后登记' sheet of orders.xlsx)" in said, said
    assert "“售后”表" not in said
