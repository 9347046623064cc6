"""QA: a PO line marked 部分到货 with 已收数量 12 typed by hand, its 12 units entered on the 出入库
sheet as 入库 with a blank 单号 (the PO number put in 备注), stayed 20 on order: what is on order
counts only the stock-ins carrying the PO number, so stock summary's 在途, SB_ON_ORDER and
`purchase suppliers` said 20 (30 outstanding on the PO), the 12 units were on hand and on order at
once, and the reorder was cut by 12 more than it should be. Nothing said so: validate reported 0
warnings. Now validate and `purchase suggest` warn at the 已收数量 cell, saying what is counted on
order and that the stock-in's 单号 wants the PO number."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from openpyxl.utils import get_column_letter

from cli_run import CJK, shopbook
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.fixture
def shop(stock_shop):
    P = Product
    return stock_shop({
        Product: [P(sku="TS", name="T恤", cost=Decimal(20), price=Decimal(50), opening_qty=10, safety_stock=5,
                    status="在售", supplier="甲厂"),
                  P(sku="JK", name="夹克", cost=Decimal(80), price=Decimal(199), opening_qty=10, status="在售",
                    supplier="甲厂")],
        Movement: [Movement(date=dt.date(2026, 11, 29), sku="TS", type="入库", qty=12, note="到货 CG1"),  # no 单号
                   Movement(date=dt.date(2026, 11, 29), sku="JK", type="入库", qty=3, ref="CG1")],
        Supplier: [Supplier(supplier="甲厂", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="甲厂", sku="TS", qty=20, unit_cost=Decimal(18),
                                    order_date=dt.date(2026, 11, 20), status="部分到货", received=12),
                       PurchaseLine(po_no="CG1", supplier="甲厂", sku="JK", qty=5, unit_cost=Decimal(70),
                                    order_date=dt.date(2026, 11, 20), status="部分到货", received=3)],
    })


def test_a_received_typed_that_the_stock_ins_do_not_bear_out_is_warned(shop):
    folder, lang = shop
    col = get_column_letter([c.name for c in PurchaseLine.columns()].index("received") + 1)
    r = shopbook("validate", folder, "--json")
    said = [i for i in json.loads(r.stdout) if i["sheet"] in ("采购", "Purchases")]
    assert [i["cell"] for i in said] == [f"{col}2"], said  # TS only: JK's 3 came in with the PO number
    w = said[0]
    assert w["severity"] == "warning"
    assert w["message_zh"].startswith("已收数量 12，但“出入库”表里单号为 CG1 的 TS 入库共 0 件：在途按 20 件算")
    assert w["message_en"].startswith("received 12, but the stock-ins of TS with ref CG1 on the Movements sheet add "
                                      "up to 0: 20 is counted on order")
    assert not CJK.search(w["message_en"])
    r = shopbook("purchase", "suggest", folder, "--json")
    assert [(i["cell"], i["sheet"]) for i in json.loads(r.stdout)["warnings"]] == [(f"{col}2", w["sheet"])]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_stock_in_whose_ref_is_the_po_number_in_lower_case_is_warned(tmp_path, lang):
    """QA: 10 units received by hand, typed 入库 with 单号 cg20261120-01 (the PO is CG20261120-01),
    stayed on order (stock summary 在途 10) and `purchase suppliers` chased the supplier for 10
    outstanding units already on the shelf; validate said nothing. Now the 单号 is a warning naming
    the PO number as the 采购 sheet writes it."""
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="TS", name="Tee", cost=Decimal(20), price=Decimal(50), opening_qty=0, status="在售",
                          supplier="甲厂")],
        Movement: [Movement(date=dt.date(2026, 11, 30), sku="TS", type="入库", qty=10, ref="cg20261120-01")],
        PurchaseLine: [PurchaseLine(po_no="CG20261120-01", supplier="甲厂", sku="TS", qty=10,
                                    order_date=dt.date(2026, 11, 20), status="已下单")],
    }, keep_backup=False)
    said = [i for i in json.loads(shopbook("validate", folder, "--json").stdout) if i["sheet"] in ("出入库", "Movements")]
    assert [(i["cell"], i["severity"]) for i in said] == [("E2", "warning")], said
    assert said[0]["message_zh"] == ("单号“cg20261120-01”是采购单 CG20261120-01 吧：这 10 件已算作这张采购单的到货；请写成和"
                                     "“采购”表一样的 CG20261120-01，按单号查找、筛选时才找得到。")
    assert said[0]["message_en"] == ("The ref 'cg20261120-01' is PO CG20261120-01, surely: these 10 are counted as received "
                                     "on it; write it CG20261120-01 as the Purchases sheet does, so that looking or "
                                     "filtering by the number finds them.")
    # (the 10 are on the shelf, not on order: the alerts, the reorder and the summary count none coming)
    from shopbook.io.reader import read_workbook
    from shopbook.stock.levels import on_order

    wb = read_workbook(folder / "stock.xlsx", STOCK, (Movement, PurchaseLine))
    assert on_order(wb.rows(PurchaseLine), wb.rows(Movement))["TS"] == 0
