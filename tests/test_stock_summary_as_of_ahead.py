"""QA: `stock summary --as-of` a day still to come (2027-12-01 typed for 2026-12-01) printed today's
figures titled with that day, and counted the movements typed ahead (2027 for 2026) as on the shelf.
A past day's summary is what --as-of is for (README); a day ahead is refused, as `purchase suggest
--date` refuses one, in the shop's language, and stock.xlsx is left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.issues import DataStop
from shopbook.schema import STOCK
from shopbook.stock import workflow as W

from test_stock import TODAY, shop  # noqa: F401 - the fixture


def test_a_day_ahead_is_refused_and_nothing_written(shop):  # noqa: F811
    before = shop.path(STOCK).read_bytes()
    with pytest.raises(DataStop) as e:
        W.stock_summary(shop, as_of=dt.date(2027, 11, 22), today=TODAY)
    assert "--as-of 2027-11-22 在未来（今天是 2026-11-22）" in e.value.zh
    assert "--as-of 2027-11-22 is in the future (today is 2026-11-22)" in e.value.en
    assert shop.path(STOCK).read_bytes() == before
    assert W.stock_summary(shop, as_of=TODAY, today=TODAY)  # today itself still is a day to look at


def test_the_cli_refuses_it_in_the_shops_words(shop):  # noqa: F811
    ahead = dt.date.today() + dt.timedelta(days=365)
    said = CliRunner().invoke(app, ["stock", str(shop.folder), "--as-of", f"{ahead}"])
    assert said.exit_code == 2, said.output
    text = "".join(said.output.split())
    assert f"--as-of{ahead}在未来" in text and "future" not in text and "Traceback" not in text
