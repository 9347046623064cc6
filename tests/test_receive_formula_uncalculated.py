"""QA: a delivery count a program wrote (a supplier's system, a script), its 数量 a formula no Excel or WPS ever
calculated (=2*10: two cartons of ten), was read as blank: the line said 未到 30 with nothing about why, the 20 tees
on the shelf never posted. Now such a cell is said at its line as a formula with no value, what to do with it; a
totals row of such a formula (=SUM(…), no code) stays a totals row."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest
from cli_run import flat, shopbook

from shopbook.io.reader import read_workbook
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku="T100-BK-M", name="Tee", cost=Decimal(25), price=Decimal(79), status="在售",
                    supplier="杭州织造", supplier_code="HZ-88-BK-M"),
                  P(sku="X400-GY-M", name="Hoodie", cost=Decimal(40), price=Decimal(129), status="在售",
                    supplier="杭州织造", supplier_code="HZ-X4M")],
        Supplier: [Supplier(supplier="杭州织造", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG-001", supplier="杭州织造", sku=s, qty=30, unit_cost=Decimal(25),
                                    order_date=dt.date(2026, 11, 25), status="已下单") for s in ("T100-BK-M", "X400-GY-M")],
    })


def test_a_quantity_formula_never_calculated_is_said_not_taken_as_nothing(shop, tmp_path):
    folder, _ = shop
    wb = openpyxl.Workbook()  # (openpyxl writes a formula with no value, as such programs do)
    ws = wb.active
    ws.append(["货号", "数量"])
    ws.append(["HZ-88-BK-M", "=2*10"])
    ws.append(["HZ-X4M", 5])
    ws.append([None, "=SUM(B2:B3)"])  # its totals row, no label
    wb.save(tmp_path / "count.xlsx")
    r = shopbook("purchase", "receive", folder, tmp_path / "count.xlsx", "--po", "CG-001", "--date", "2026-12-01",
                 "--json")
    out = json.loads(r.stdout)
    assert [(m.sku, m.qty) for m in read_workbook(folder / "stock.xlsx", STOCK).rows(Movement)] == [("X400-GY-M", 5)]
    line = {x["sku"]: x for x in out["lines"]}["T100-BK-M"]
    assert line["result"] == "unread" and line["quantity_unread_lines"] == [2], line  # (before: "missing", 未到)
    [problem] = out["problems"]  # the totals row is none
    assert problem["line"] == 2
    assert flat("“=2*10”是公式，没有算出的结果") in flat(problem["zh"]), problem
    assert flat("'=2*10' is a formula with no calculated value") in flat(problem["en"]), problem
