"""QA: a product to order with no supplier and no 补货周期 got a reorder quantity covering only cover_days
(7) of sales plus its safety stock, none of the wait for a delivery, said nowhere: `purchase suggest`
showed "A 衬衫 6 × ¥20.00（需要 6）" as if 6 were the whole need. Now a warning at its 补货周期 cell says so,
with the days it covers and what to fill in (a product with its own 补货周期 is not named)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from shopbook.schema import Movement, Product, Supplier

from cli_run import CJK, flat, shopbook


def test_no_supplier_and_no_lead_time_is_said_at_the_products_cell(stock_shop):
    today = dt.date.today()
    folder, lang = stock_shop({
        Product: [Product(sku="A", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=10, safety_stock=2),
                  Product(sku="B", name="裤子", cost=Decimal(30), price=Decimal(90), opening_qty=10, safety_stock=2,
                          lead_days=5)],
        Supplier: [Supplier(supplier="甲厂", contact="陈")],
        Movement: [Movement(date=today - dt.timedelta(days=2), sku=s, type="出库", qty=9, ref=f"T{s}") for s in "AB"],
    })
    r = shopbook("purchase", "suggest", folder, "--json")
    said = [w for w in json.loads(r.stdout)["warnings"] if "cover_days" in w["message_en"]]
    assert len(said) == 1, r.stdout
    w = said[0]
    assert w["row"] == 2 and w["column"] in ("补货周期(天)", "lead_days")
    assert w["message_zh"].startswith("A 没有供应商，也没有填补货周期(天)：补货量只够卖 7 天（shopbook.toml 的 cover_days）")
    assert w["message_en"].startswith("A has no supplier and no lead_days: the reorder quantity covers only 7 days")
    assert "B" not in w["message_en"].split(":")[0]
    text = shopbook("purchase", "suggest", folder)
    assert flat("补货量只够卖 7 天" if lang == "zh" else "covers only 7 days of sales") in flat(text.stdout + text.stderr)
    if lang == "en":
        assert not CJK.search(w["message_en"])


def test_stock_alerts_say_it_too(stock_shop):
    """`stock alerts` showed A's 补货 6 with nothing saying it leaves out the wait for a delivery."""
    today = dt.date.today()
    folder, lang = stock_shop({
        Product: [Product(sku="A", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=10, safety_stock=2),
                  Product(sku="B", name="裤子", cost=Decimal(30), price=Decimal(90), opening_qty=10, safety_stock=2,
                          lead_days=5)],
        Movement: [Movement(date=today - dt.timedelta(days=2), sku=s, type="出库", qty=9, ref=f"T{s}") for s in "AB"],
    })
    said = flat(shopbook("stock", "alerts", folder).stdout)
    if lang == "zh":
        assert flat("! 1 个 SKU 没有补货周期，也没有供应商的交货周期，补货量只够卖 7 天（shopbook.toml 的 cover_days）再加安全库存，没有算等货"
                    "的天数，可能撑不到货到：A。") in said, said
    else:
        assert flat("! 1 SKU with no lead_days and no supplier's lead time: the reorder quantity covers only 7 days "
                    "of sales (cover_days in shopbook.toml) plus the safety stock, none of the wait for the goods, and may run "
                    "out before they come: A.") in said, said
