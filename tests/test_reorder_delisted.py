"""QA: a 下架 (delisted) product was given a reorder quantity by SB_REORDER_QTY while `stock
alerts` and `purchase suggest` never reorder it: a discontinued style with sales in the window
(OLD: 10 sold in the 14 days to 11-22, 2 on hand) showed 5 to reorder, a discontinued 主推 one
(OLD-MAIN, 0 on hand) 30. Now the reorder rule itself says 0 for a delisted product, so the cell agrees with the CLI."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from shopbook import functions as F
from shopbook.schema import Movement, Product
from shopbook.shop import open_shop

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def shop(stock_shop):
    P = Product
    return open_shop(stock_shop({
        Product: [P(sku="NEW", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=2, safety_stock=2,
                    status="在售"),
                  P(sku="OLD", name="旧款", cost=Decimal(20), price=Decimal(60), opening_qty=12, safety_stock=2,
                    status="下架"),
                  P(sku="OLD-MAIN", name="旧主推", cost=Decimal(20), price=Decimal(60), main=True, status="下架")],
        Movement: [Movement(date=dt.date(2026, 10, 1), sku="NEW", type="入库", qty=10),  # (the books' first days)
                   *(Movement(date=dt.date(2026, 11, 15), sku=s, type="出库", qty=10, ref=f"T{s}") for s in ("NEW", "OLD"))],
    })[0])


def test_a_delisted_product_is_not_reordered_by_the_cell_function_as_by_stock_alerts(shop):
    from cli_run import shopbook

    r = shopbook("stock", "alerts", shop.folder, "--json")
    alerts = {a["sku"]: a["reorder_qty"] for a in json.loads(r.stdout)}
    assert set(alerts) == {"NEW"}  # the delisted ones: no alert, nothing to order
    cells = F.reorder_qty([["NEW"], ["OLD"], ["OLD-MAIN"]], shop.folder, today=dt.date.today())
    assert cells == [[alerts["NEW"]], [0], [0]]
    assert F.reorder_qty([["NEW"], ["OLD"]], shop.folder, today=TODAY) == [[5], [0]]  # 10/14 × 7 + 2 − 2
