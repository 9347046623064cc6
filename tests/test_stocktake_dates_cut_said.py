"""QA (the stock keeper posting a count typed under the wrong day): `stocktake post --date D` where the
盘点 sheet has no counts dated D names the dates it has, newest first; a sheet of a weekly count kept all year
listed the first five and then "…", how many more not said. Now the list says how many more, in each language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook.schema import Product, StocktakeCount

TODAY = dt.date.today()


def test_the_dates_the_sheet_has_say_how_many_more(stock_shop):
    weeks = [TODAY - dt.timedelta(days=7 * k) for k in range(1, 8)]  # seven weekly counts, none today
    folder, lang = stock_shop({
        Product: [Product(sku="TS-1", name="T恤", cost=Decimal(20), price=Decimal(49), opening_qty=10)],
        StocktakeCount: [StocktakeCount(date=w, sku="TS-1", counted=10, counter="Wang") for w in weeks]})
    r = shopbook("stocktake", "post", folder, "--date", TODAY)
    assert r.returncode == 2, r.stdout + r.stderr
    out = " ".join((r.stdout + r.stderr).split())
    if lang == "zh":
        assert f"有的日期：{weeks[0]}、" in out and f"{weeks[4]} 等，还有 2 个）" in out, out
    else:
        assert f"it has counts dated {weeks[0]}, " in out and f"{weeks[4]} and 2 more)" in out, out
        assert not CJK.search(out), out
