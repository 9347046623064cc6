"""QA: a count row typed with the wrong date (OLD-1 counted on 11-28, typed 12-28, in the future)
was named by `stocktake post --date 2026-11-28` as another day's count not posted yet, telling the
person to run `stocktake post 店铺 --date 2026-12-28`, which refuses a date in the future. Now such
a row is said as a date in the future that cannot be posted, most likely a typo of the date (the
date posted named as what it probably is), to correct and post."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import CJK, shopbook
from shopbook.schema import STOCK, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_dated_in_the_future_is_said_as_a_typo(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    day, ahead = dt.date(2026, 11, 28), dt.date.today() + dt.timedelta(days=24)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=8, status="在售")
                  for s in ("A", "OLD")],
        StocktakeCount: [StocktakeCount(date=day, sku="A", counted=7, counter="Ann"),
                         StocktakeCount(date=ahead, sku="OLD", counted=5, counter="Bob")],
    }, keep_backup=False)
    plan = json.loads(shopbook("stocktake", "post", folder, "--date", day, "--dry-run", "--json").stdout)
    said = [w for w in plan["warnings"] if str(ahead) in w["en"]]
    assert len(said) == 1, plan["warnings"]
    assert said[0]["zh"] == (f"“盘点”表里有日期为 {ahead} 的盘点（OLD），这个日期在未来，不能过账：是不是日期打错了（应是 {day}？）："
                             "请改正日期，再过账")
    assert said[0]["en"] == (f"The Stocktake sheet has counts dated {ahead} (OLD), a date in the future, which cannot "
                             f"be posted: a typo of the date ({day}?): correct it, then post")
    assert "--date " + str(ahead) not in json.dumps(plan["warnings"], ensure_ascii=False)  # no command that is refused
    assert not CJK.search(said[0]["en"])
