"""QA (the warehouse's week): a hoodie sold one a day for two weeks until it sold out 20 days ago: alerted 缺货,
reorder 1 × (10 days' lead + 7 cover) + 3 safety = 20. Then a buyer sent one back: on the shelf 1, and the
return in the last 14 days taken for its sales, none; alerted 补货 2, and `purchase suggest` ordered 2. The one
returned unit is no sign that nobody buys it: its rate is still that of the days up to its last sale, so the
reorder is 20 less the 1 returned: 19."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import Movement, Product

TODAY = dt.date.today()


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def _shop(stock_shop, returned: bool):
    moves = [Movement(date=ago(40), sku=s, type="入库", qty=14) for s in ("HD1", "HD2")]
    moves += [Movement(date=ago(20 + k), sku="HD1", type="出库", qty=1) for k in range(14)]
    moves += [Movement(date=ago(20 + k), sku="HD2", type="出库", qty=1) for k in range(12)]  # 2 left: never out
    if returned:
        moves += [Movement(date=ago(3), sku=s, type="退货", qty=1, note="买家退回") for s in ("HD1", "HD2")]
    return stock_shop({Product: [Product(sku=s, name="卫衣", cost=Decimal(60), price=Decimal(159), safety_stock=3,
                                         lead_days=10) for s in ("HD1", "HD2")], Movement: moves})


def test_a_return_of_a_sold_out_seller_keeps_its_reorder(stock_shop):
    folder, _ = _shop(stock_shop, returned=True)
    r = CliRunner().invoke(app, ["stock", "alerts", str(folder), "--json"])
    got = {a["sku"]: (a["available"], a["reorder_qty"]) for a in json.loads(r.stdout)}
    # HD1: 1 back on the shelf, 20 due less it; HD2 never sold out: 3 on hand, no sale in 14 days, rate 0 as ever
    assert got == {"HD1": (1, 19), "HD2": (3, 0)}, r.output


def test_without_the_return_as_before(tmp_path, stock_shop):
    folder, _ = _shop(stock_shop, returned=False)
    r = CliRunner().invoke(app, ["stock", "alerts", str(folder), "--json"])
    got = {a["sku"]: (a["available"], a["reorder_qty"]) for a in json.loads(r.stdout)}
    assert got == {"HD1": (0, 20), "HD2": (2, 1)}, r.output


def test_a_return_on_the_shelf_a_week_unsold_is_not_sold_out(stock_shop):
    """Sold out 20 days ago, one back 10 days ago and unsold since: the unit on the shelf has had its week and
    nobody bought it; no sale in the 14 days is a rate of 0, no reorder (reviewer's find: it was reordered 19 as
    a seller sold out)."""
    moves = [Movement(date=ago(40), sku="HD1", type="入库", qty=14)]
    moves += [Movement(date=ago(20 + k), sku="HD1", type="出库", qty=1) for k in range(14)]
    moves += [Movement(date=ago(10), sku="HD1", type="退货", qty=1, note="买家退回")]
    folder, _ = stock_shop({Product: [Product(sku="HD1", name="卫衣", cost=Decimal(60), price=Decimal(159),
                                              safety_stock=3, lead_days=10)], Movement: moves})
    r = CliRunner().invoke(app, ["stock", "alerts", str(folder), "--json"])
    got = {a["sku"]: (a["available"], a["reorder_qty"]) for a in json.loads(r.stdout)}
    assert got == {"HD1": (1, 2)}, r.output
