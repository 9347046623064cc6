"""QA: the 采购建议 button left out what `purchase suggest` warns below its plan. A product whose
供应商 is not on the 供应商 sheet was drafted with no minimum, no pack and no lead time, and an
open PO line's typed 已收数量 its stock-ins do not bear out left that SKU's on-order figure wrong:
the CLI says both, located; the button's box said only "✓ … draft POs written" (or "✓ nothing to
order"), as a quiet box. Now the box lists the same warnings, located, after the plan (the first
BOX_LINES, then how many more and where), and is a problem box."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import shopbook
from shopbook import xl
from shopbook.schema import STOCK, Movement, Product, PurchaseLine, Supplier
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook
from xlfake import FakeBook


def test_the_suggest_button_says_the_warnings_the_cli_prints(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    P = Product
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [P(sku="A", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=0, safety_stock=5,
                    status="在售", supplier="丁厂"),  # not on the 供应商 sheet
                  P(sku="B", name="裤子", cost=Decimal(30), price=Decimal(90), opening_qty=10, status="在售",
                    supplier="甲厂")],
        Movement: [Movement(date=dt.date(2026, 11, 29), sku="B", type="入库", qty=12, note="CG1 到货")],  # no 单号
        Supplier: [Supplier(supplier="甲厂", lead_days=10)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="甲厂", sku="B", qty=20, unit_cost=Decimal(28),
                                    order_date=dt.date(2026, 11, 20), status="部分到货", received=12)],
    }, keep_backup=False)
    cli = json.loads(shopbook("purchase", "suggest", folder, "--json").stdout)["warnings"]
    assert len(cli) == 2
    book = FakeBook(folder / "stock.xlsx")
    xl.purchase_suggest(book)
    box = book.app.alerts[-1]
    lines = box["prompt"].splitlines()
    for w in cli:
        said = [ln for ln in lines if ln.startswith(f"! stock.xlsx › {w['sheet']} › {w['cell']}：")]
        assert len(said) == 1 and w["message_zh"] in said[0], (w, lines)
    assert box["mode"] != "info", box
