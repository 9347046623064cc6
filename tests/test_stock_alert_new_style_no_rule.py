"""QA (the buyer's week): a style just added to 商品, none in yet, no 安全库存 typed, was alerted "缺货 补货 0": read
as nothing to order, and `purchase suggest` ordered none of it. With no sales and no safety stock the rule has
nothing to work from: the alert now says so and what to fill in. One with a safety stock, or sales, is as before."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import Movement, Product


def test_an_out_of_stock_sku_never_sold_without_a_safety_stock_says_what_to_fill_in(stock_shop):
    today = dt.date.today()
    p = lambda sku, **kw: Product(sku=sku, name="新款", cost=Decimal(30), price=Decimal(99), lead_days=7, **kw)
    folder, lang = stock_shop({
        Product: [p("NEW1"), p("NEW2", safety_stock=3), p("OLD1")],
        Movement: [Movement(date=today - dt.timedelta(days=20), sku="OLD1", type="入库", qty=7),
                   Movement(date=today - dt.timedelta(days=3), sku="OLD1", type="出库", qty=7)]})
    r = CliRunner().invoke(app, ["stock", "alerts", str(folder), "--json"])
    got = {a["sku"]: (a["reorder_qty"], [x[lang] for x in a["reasons"]]) for a in json.loads(r.stdout)}
    said = ("没有销量，也没有填安全库存，补货量算不出：请在“商品”表填上它的安全库存" if lang == "zh" else
            "no sales and no safety_stock to work a reorder quantity from: fill in its safety_stock on the Products sheet")
    out = "缺货" if lang == "zh" else "out of stock"
    assert got["NEW1"] == (0, [out, said]), got
    assert got["NEW2"] == (3, [out]), got  # its safety stock is to order
    assert got["OLD1"][0] > 0 and got["OLD1"][1] == [out], got  # its sales are
    r = CliRunner().invoke(app, ["stock", "alerts", str(folder)])
    assert said in r.output.replace("\n", "").replace("  ", " ") or said[:20] in r.output, r.output
