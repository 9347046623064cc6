"""QA: a supplier sent 10 of the 30 tees ordered and could send no more, so the shop set that 采购 line to 已取消
(the PO's other lines still to come). The next delivery's receipt proposed the payment without those 10 tees:
应付 ¥770.00 where ¥1,020.00 was owed (10 × ¥25 received, 20 × ¥38.50 now), and --pay booked it short. Now goods
received on a line cancelled since are owed as any others."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from cli_run import shopbook, typed_in_openpyxl

from shopbook.io.reader import read_workbook
from shopbook.schema import LEDGER, STOCK, Entry, Product, PurchaseLine, Supplier


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku="T100-BK-M", name="Tee", cost=Decimal(25), price=Decimal(79), status="在售",
                    supplier="杭州织造", supplier_code="HZ-88-BK-M"),
                  P(sku="X400-GY-M", name="Hoodie", cost=Decimal(40), price=Decimal(129), status="在售",
                    supplier="杭州织造", supplier_code="HZ-X4M")],
        Supplier: [Supplier(supplier="杭州织造", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG-001", supplier="杭州织造", sku="T100-BK-M", qty=30, unit_cost=Decimal(25),
                                    order_date=dt.date(2026, 11, 25), status="已下单"),
                       PurchaseLine(po_no="CG-001", supplier="杭州织造", sku="X400-GY-M", qty=20,
                                    unit_cost=Decimal("38.5"), order_date=dt.date(2026, 11, 25), status="已下单")],
    })


def test_goods_received_on_a_line_cancelled_since_are_still_paid_for(shop, tmp_path):
    folder, lang = shop
    (tmp_path / "d1.csv").write_text("货号,数量\nHZ-88-BK-M,10\n", encoding="utf-8")
    (tmp_path / "d2.csv").write_text("货号,数量\nHZ-X4M,20\n", encoding="utf-8")
    first = json.loads(shopbook("purchase", "receive", folder, tmp_path / "d1.csv", "--po", "CG-001", "--date",
                                "2026-12-01", "--json").stdout)
    assert first["owed"] == "250.00"
    sheet, (status, cancelled) = (("采购", ("状态", "已取消")) if lang == "zh" else
                                  ("Purchases", ("status", "cancelled")))
    row = next(ln.row for ln in read_workbook(folder / "stock.xlsx", STOCK).rows(PurchaseLine) if ln.sku == "T100-BK-M")
    typed_in_openpyxl(folder / "stock.xlsx", sheet, {(row, status): cancelled})  # the supplier sends no more of it
    r = shopbook("purchase", "receive", folder, tmp_path / "d2.csv", "--po", "CG-001", "--date", "2026-12-03",
                 "--pay", "--json")
    out = json.loads(r.stdout)
    assert out["owed"] == "1020.00", out  # 10 × 25 + 20 × 38.50
    assert out["payment"]["amount"] == "1020.00"
    assert [e.amount for e in read_workbook(folder / "ledger.xlsx", LEDGER).rows(Entry)] == [Decimal("1020.00")]
