"""QA: a PO the shop typed on the 采购 sheet by hand, with its 下单日期 and no 预计到货 (the column only `purchase
suggest --write` fills), was never overdue: ordered 2026-11-01 from a supplier of 10 days, 30 tees still to come
on 2026-12-05, `purchase suppliers` said 逾期未到：0 (exit 0) and the warehouse self-check said nothing. Now such a
line is expected on its 下单日期 plus the lead time (the product's own 补货周期, else the supplier's 交货周期, as its
reorder quantity counts it), said as worked out that way."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from cli_run import flat, shopbook

from shopbook.schema import STOCK, Product, PurchaseLine, Supplier
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku="T100-BK-L", name="Tee", cost=Decimal(25), price=Decimal(79), status="在售", supplier="杭州织造"),
                  P(sku="X400-GY-M", name="Hoodie", cost=Decimal(40), price=Decimal(129), status="在售",
                    supplier="杭州织造", lead_days=20)],
        Supplier: [Supplier(supplier="杭州织造", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG-001", supplier="杭州织造", sku="T100-BK-L", qty=30, unit_cost=Decimal(25),
                                    order_date=dt.date(2026, 11, 1), status="已下单"),
                       PurchaseLine(po_no="CG-002", supplier="杭州织造", sku="X400-GY-M", qty=20, unit_cost=Decimal(40),
                                    order_date=dt.date(2026, 11, 20), status="已下单")],
    })


def test_a_po_typed_without_an_expected_date_is_overdue_by_its_lead_time(shop):
    folder, lang = shop
    r = shopbook("purchase", "suppliers", folder, "--date", "2026-12-05", "--json")
    assert r.returncode == 1, r.stdout
    # CG-001: 11-01 + the supplier's 10 days; CG-002: 11-20 + X400's own 20 days = 12-10, not yet
    assert json.loads(r.stdout)["overdue"] == [{"po_no": "CG-001", "supplier": "杭州织造", "expected_date": "2026-11-11",
                                                "expected_from": "lead_time", "days_late": 24, "outstanding": 30,
                                                "draft": False}]
    said = flat(shopbook("purchase", "suppliers", folder, "--date", "2026-12-05").stdout)
    assert flat("CG-001 杭州织造  预计 2026-11-11（下单日期 + 交货周期）  晚 24 天  未到 30" if lang == "zh" else
                "CG-001 杭州织造  expected 2026-11-11 (order date + lead time)  24 days late  outstanding 30") in said, said


def test_the_self_check_says_where_an_untyped_expected_date_comes_from(shop):
    """The warehouse's self-check said '过了预计到货 2026-11-11' as if someone had typed that date."""
    folder, lang = shop
    r = shopbook("selfcheck", folder, "--date", "2026-12-05")
    said = flat(r.stdout)
    assert flat("采购单过了预计到货 2026-11-11（下单日期 + 交货周期） 24 天" if lang == "zh" else
                "24 days past its expected date 2026-11-11 (order date + lead time)") in said, r.stdout


def test_a_product_of_no_supplier_is_expected_by_its_pos_supplier(tmp_path):
    """A product with no 供应商 and no 补货周期 of its own, ordered on a PO of a 10-day supplier: its line was
    expected never, so it was never overdue."""
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="S1", name="Sock", cost=Decimal(3), price=Decimal(9), status="在售")],
        Supplier: [Supplier(supplier="义乌袜业", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG-9", supplier="义乌袜业", sku="S1", qty=100, unit_cost=Decimal(3),
                                    order_date=dt.date(2026, 11, 1), status="已下单")],
    }, keep_backup=False)
    r = shopbook("purchase", "suppliers", folder, "--date", "2026-12-05", "--json")
    overdue = json.loads(r.stdout)["overdue"]
    assert [(o["po_no"], o["expected_date"], o["expected_from"]) for o in overdue] == [("CG-9", "2026-11-11", "lead_time")]
