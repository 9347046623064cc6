"""QA (the warehouse's week): a jacket that sold all 10 it came with in 20 days, was out of stock for 35 and came in
again 5 days ago was listed by `stock slow` (and the self-check) as "40 days without a sale: delist or clear": the
days it had nothing on the shelf were counted as days nobody bought it. The days without a sale now count from the
day a sold-out SKU came back on the shelf; one restocked 35 days ago that has not sold since is slow, as before."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import Movement, Product

TODAY = dt.date.today()


def move(days_ago: int, sku: str, kind: str, qty: int) -> Movement:
    return Movement(date=TODAY - dt.timedelta(days=days_ago), sku=sku, type=kind, qty=qty)


def test_days_out_of_stock_are_not_days_without_a_sale(stock_shop):
    folder, lang = stock_shop({
        Product: [Product(sku=s, name="夹克", cost=D(100), price=D(299), opening_qty=q)
                  for s, q in (("J1", 0), ("J2", 0), ("J3", 0), ("J4", 6), ("J5", 6))],
        Movement: [
            # sold out 40 days ago, back 5 days ago: not slow (before: 40 days, delist)
            move(60, "J1", "入库", 10), move(50, "J1", "出库", 6), move(40, "J1", "出库", 4), move(5, "J1", "入库", 10),
            # sold out 40 days ago, back 35 days ago, no sale since: slow, its last sale 40 days ago
            move(60, "J2", "入库", 10), move(40, "J2", "出库", 10), move(35, "J2", "入库", 10),
            # never ran out: slow as ever
            move(60, "J3", "入库", 10), move(40, "J3", "出库", 4),
            # opening stock sold out and a return put one back 3 days ago: not slow; J5 down to 1, never out: slow
            move(45, "J4", "出库", 6), move(3, "J4", "退货", 1),
            move(45, "J5", "出库", 5)]})
    r = CliRunner().invoke(app, ["stock", "slow", str(folder), "--json"])
    assert r.exit_code == 0, r.output
    got = {s["sku"]: (s["on_hand"], s["days_since_sale"]) for s in json.loads(r.stdout)["slow"]}
    assert got == {"J2": (10, 40), "J3": (6, 40), "J5": (1, 45)}, got
