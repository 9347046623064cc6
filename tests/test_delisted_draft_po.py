"""QA: a draft PO (草稿, not sent yet) with a line for a product delisted (下架) since it was drafted was
flagged nowhere: `purchase suggest` and `stock alerts` left the delisted product out, its units stood
on order, and the draft, sent as it was, bought goods the shop no longer sells. Now purchase suggest
warns at the line's cell and stock alerts lists the product with 0 to reorder, saying which draft still
orders how many and what to do. A line already sent (已下单) is not said: the goods come all the same."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import CJK, flat, shopbook
from shopbook.schema import Product, PurchaseLine, Supplier


def test_a_draft_line_for_a_delisted_product_is_said(stock_shop):
    P = Product
    folder, lang = stock_shop({
        Product: [P(sku="NEW", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=12, safety_stock=2,
                    supplier="甲厂"),
                  P(sku="OLD", name="Old", cost=Decimal(20), price=Decimal(60), opening_qty=1, status="下架",
                    supplier="甲厂"),
                  P(sku="SENT", name="Sent", cost=Decimal(20), price=Decimal(60), opening_qty=1, status="下架",
                    supplier="甲厂")],
        Supplier: [Supplier(supplier="甲厂", lead_days=5)],
        PurchaseLine: [PurchaseLine(po_no="CG20261120-01", supplier="甲厂", sku="OLD", qty=10,
                                    order_date=dt.date(2026, 11, 20), status="草稿"),
                       PurchaseLine(po_no="CG20261120-01", supplier="甲厂", sku="NEW", qty=10,
                                    order_date=dt.date(2026, 11, 20), status="草稿"),
                       PurchaseLine(po_no="CG1", supplier="甲厂", sku="SENT", qty=5,
                                    order_date=dt.date(2026, 11, 20), status="已下单")],
    })
    alerts = {a["sku"]: a for a in json.loads(shopbook("stock", "alerts", folder, "--json").stdout)}
    assert set(alerts) == {"OLD"}, alerts
    old = alerts["OLD"]
    assert old["reorder_qty"] == 0 and old["on_order"] == 10
    assert [r["zh"] for r in old["reasons"]] == ["已下架，草稿采购单 CG20261120-01 还订着 10 件：不再进货的话，发出前删掉这一行"]
    assert [r["en"] for r in old["reasons"]] == ["delisted, and draft PO CG20261120-01 still orders 10: if no more is "
                                                 "to be bought, delete the line before sending it"]

    r = shopbook("purchase", "suggest", folder)
    said = flat(r.stdout + r.stderr)
    sheet = "采购" if lang == "zh" else "Purchases"
    assert flat(f"stock.xlsx › {sheet} › C2") in said, said
    if lang == "zh":
        assert flat("草稿采购单 CG20261120-01 还订着 OLD 10 件，这个商品已下架：不再进货的话，发出前删掉这一行；"
                    "要继续卖，把“商品”表里它的状态改回在售") in said, said
    else:
        assert flat("draft PO CG20261120-01 still orders 10 of OLD, which is delisted: if no more is to be bought, "
                    "delete the line before sending it; to sell it again, set its status back to active on the "
                    "Products sheet") in said, said
        assert not CJK.search(said.replace("甲厂", "")), said
    assert "SENT" not in said  # a line sent: the goods come all the same
