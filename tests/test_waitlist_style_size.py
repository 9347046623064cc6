"""QA (seeds): customer service notes a customer waiting for a sold-out item by ID, style no. and size
(ID、需要通知的款号、码数) and calls them when it comes in. A 缺货登记 row typed so, with no colour, was an
error in `validate` and a warning in `stock waitlist` ("no full style + colour + size: will not be
called"): the customer was never called, and the units they wait for never reordered, though the style
has that size in one colour only. Now style + size names that SKU; a style whose size comes in several
colours is a warning at the blank 颜色 cell, naming them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import shopbook
from shopbook.schema import Product, WaitlistEntry


def _product(sku, colour, size, qty):
    return Product(sku=sku, style=sku[:4], colour=colour, size=size, name="Tee", cost=Decimal(20),
                   price=Decimal(60), opening_qty=qty, status="在售")


def test_style_and_size_call_the_customer(stock_shop):
    day = dt.date.today() - dt.timedelta(days=3)
    folder, lang = stock_shop({
        Product: [_product("TS01-BK-M", "黑色", "M", 5), _product("TS01-BK-L", "黑色", "L", 0),
                  _product("TS02-WH-M", "白色", "M", 4), _product("TS02-BK-M", "黑色", "M", 3)],
        WaitlistEntry: [WaitlistEntry(date=day, customer="甲", style="TS01", size="M"),
                        WaitlistEntry(date=day, customer="乙", style="ts01", size="l"),
                        WaitlistEntry(date=day, customer="丁", style="TS02", size="M")],
    })
    v = shopbook("validate", folder, "--json")
    assert v.returncode == 0, v.stdout + v.stderr  # style + size is a whole entry
    said = [(i["severity"], i["row"], i["column"]) for i in json.loads(v.stdout) if i["sheet"] in ("缺货登记", "Waitlist")]
    assert said == [("warning", 4, "颜色" if lang == "zh" else "colour")], v.stdout  # 丁's colour: validate says it too
    r = shopbook("stock", "waitlist", folder, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert [(c["customer"], c["sku"]) for c in json.loads(r.stdout)] == [("甲", "TS01-BK-M")]
    # 丁's style has M in two colours: said at the 颜色 cell, with them
    said = r.stderr.replace("\n", " ")
    assert ("颜色" if lang == "zh" else "colour") in said and "白色" in said and "黑色" in said, said
    assert "丁" in said and "甲" not in said and "乙" not in said, said
    # 乙 waits for TS01-BK-L, sold out: the alert counts the customer and orders the unit
    a = shopbook("stock", "alerts", folder, "--json")
    alert = {x["sku"]: x for x in json.loads(a.stdout)}["TS01-BK-L"]
    assert alert["waiting"] == 1 and alert["reorder_qty"] >= 1, alert
