"""QA: `purchase suggest --date` a day in the future, with --write, drafted POs numbered and dated that
day (CG20261220-01, 下单日期 12-20); today's run did not count them as on order (ordered after today)
and drafted the same goods again; and its quantities took the days still to come as days of no sales.
Now a future --date stops before anything is read or written (exit 2), saying why and to drop --date,
as a past day's --write does and as `purchase receive` and `stocktake post` refuse a future day.
"""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.issues import ShopbookError
from shopbook.purchasing import workflow as W
from shopbook.schema import STOCK

from test_purchasing import TODAY, shop  # noqa: F401 - the fixture


def test_a_future_day_drafts_no_po_and_says_why(shop):  # noqa: F811
    ahead = dt.date.today() + dt.timedelta(days=16)
    before = shop.path(STOCK).read_bytes()
    reports = sorted(p.name for p in shop.reports.rglob("*")) if shop.reports.exists() else []
    for extra in (["--write"], []):
        r = CliRunner().invoke(app, ["purchase", "suggest", str(shop.folder), "--date", ahead.isoformat(), *extra])
        assert r.exit_code == 2, r.output
        said = " ".join(r.output.split())
        assert f"--date {ahead} 在未来" in said and "没有写入" in said and "去掉 --date" in said, said
    assert shop.path(STOCK).read_bytes() == before
    assert (sorted(p.name for p in shop.reports.rglob("*")) if shop.reports.exists() else []) == reports
    with pytest.raises(ShopbookError) as e:
        W.purchase_suggest(shop, today=TODAY, as_of=TODAY + dt.timedelta(days=1), write_drafts=True)
    assert "is in the future (today is 2026-11-22)" in e.value.en and "would be ordered again" in e.value.en
    assert W.purchase_suggest(shop, today=TODAY, as_of=TODAY).plan.orders  # today's, given as --date, as before
