"""The seeds delist a 宝贝 — a listing, the style — after 30 days without a sale (对于过季的和30天无销量的宝贝可以
下架). One size of a style that sells every week was listed by `stock slow` and the self-check as "consider
delisting"; it is now said to be a size of a style that sells (clear it, the listing stays), and a style
with no sale at all is still "delist or clear"."""

from __future__ import annotations

import datetime as dt

from test_stock_checks import item, new_shop

from shopbook.report.selfcheck import read_selfcheck
from shopbook.schema import Movement, MovementType
from shopbook.stock import workflow as W

TODAY = dt.date(2026, 12, 5)


def test_a_slow_size_of_a_selling_style_is_not_a_listing_to_delist(tmp_path):
    long_ago, lately = dt.date(2026, 10, 1), dt.date(2026, 12, 1)
    sold = [Movement(date=long_ago, sku=k, type=MovementType.OUT, qty=1) for k in ("A-S", "A-M", "B-M")]
    sold.append(Movement(date=lately, sku="A-M", type=MovementType.OUT, qty=1))
    s = new_shop(tmp_path, [item("A-S", 10, style="A", size="S"), item("A-M", 10, style="A", size="M"),
                            item("B-M", 10, style="B", size="M")], sold)
    slow = {x.sku: x for x in W.slow_movers(s, TODAY)[0]}
    assert set(slow) == {"A-S", "B-M"}
    assert slow["A-S"].style_sold == lately and slow["A-S"].advice()[0] == (
        "同款 A 还在卖（2026-12-01）：这个 SKU 清仓或不再补货，不用下架整款")
    assert slow["B-M"].style_sold is None and slow["B-M"].advice() == ("考虑下架或清仓", "delist or clear")
    said = {i.record: i.what for i in read_selfcheck(s, TODAY) if i.role == "operations"}
    assert "不用下架整款" in said["SKU A-S T恤"] and said["SKU B-M T恤"].endswith("考虑下架或清仓")
