"""customers takes each buyer's refunds off their spend from the 售后 sheet; where its rows do not read (its 类型
header typed 类型2), carol's ¥800.00 sent back counted as spent, she a repeat buyer: different figures, ✓, unsaid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from test_customers import line

from shopbook.customers import shop_customers
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def test_an_after_sales_sheet_that_does_not_read_is_said_beside_the_figures(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    rows = [line("C1", 3, "carol", "300.00", status="已签收"),
            line("C2", 10, "carol", "800.00", qty=2, sku="S2", status="已签收").model_copy(update={"unit_price": D("400.00")})]
    case = AfterSalesCase(case_no="SH-1", opened_on=dt.date(2026, 11, 20), order_no="C2", type="退货退款",
                          amount=D("800.00"), status="已完成")
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: rows, AfterSalesCase: [case]}, keep_backup=False)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    head = next(c for c in wb["售后"][1] if c.value == "类型")
    head.value = "类型2"
    wb.save(folder / "orders.xlsx")
    rep, _ = shop_customers(open_shop(folder), "2026-11")
    notes = rep.notes(True)
    said = [n for n in notes if "售后" in n]
    assert len(said) == 1 and f"{head.column_letter}1" in said[0] and "退款没有从消费里减去" in said[0], notes
    assert any("After-sales" in n and "refunds are not taken off" in n for n in rep.notes(False)), rep.notes(False)
    assert rep.to_json()["after_sales_unread"] == 1
