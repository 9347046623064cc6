"""QA (seeds): "客服对网店上所有产品，每星期盘点一次。详细记录库存、卖出等" — the shop counts its stock every
week. shopbook has the 盘点 sheet and its posting, but nothing ever said a count was due: a shop whose
last count was a month old heard nothing of it in the daily self-check. Now the warehouse's list says
when the goods on sale were last counted once that is more than a week ago (or that they never were),
with the command and button that print the count sheet."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import shopbook
from shopbook.schema import Product, StocktakeCount


def _product(sku, status="在售"):
    return Product(sku=sku, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=5, status=status)


def _due(folder):
    r = shopbook("selfcheck", folder, "--json")
    assert r.returncode in (0, 1), r.stdout + r.stderr
    return [i for i in json.loads(r.stdout) if "stocktake" in i["action"]]


@pytest.mark.parametrize("ago", [None, 3, 7, 8, 30])
def test_a_count_more_than_a_week_old_is_due(stock_shop, ago):
    today = dt.date.today()
    counts = [] if ago is None else [StocktakeCount(date=today - dt.timedelta(days=ago), sku="A", counted=5),
                                     StocktakeCount(date=today + dt.timedelta(days=2), sku="A", counted=5)]  # a slip
    folder, lang = stock_shop({Product: [_product("A")], StocktakeCount: counts})
    due = _due(folder)
    if ago in (3, 7):
        assert due == [], due
        return
    (item,) = due
    assert item["role"] == "warehouse" and not item["urgent"], item
    if ago is None:
        assert item["what"] == ("还没有盘点过：每星期盘点一次" if lang == "zh" else "no stocktake yet: count the stock every week")
    else:
        day = today - dt.timedelta(days=ago)
        assert item["what"] == (f"上次盘点是 {day}（{ago} 天前）：每星期盘点一次" if lang == "zh" else
                                f"last stocktake {day} ({ago} days ago): count the stock every week"), item
    assert item["action"].startswith("shopbook stocktake sheet"), item


def test_nothing_on_sale_nothing_to_count(stock_shop):
    folder, _ = stock_shop({Product: [_product("A", "下架")]})
    assert _due(folder) == []
