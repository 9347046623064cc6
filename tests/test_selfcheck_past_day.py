"""QA: `shopbook selfcheck SHOP --date <a past day>` listed today's held orders, cases and stock with that
day's deadlines, as that day's self-check, unsaid (the daily report of a past day now has none: its
note points at `shopbook selfcheck`). It now says under the list what it is, in the shop's language;
today's list unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop


@pytest.mark.parametrize("lang, said", [
    ("zh", "是过去的日期：订单、售后、库存和流水都按现在的状态列出，看不出那天的；只有天数和期限按 {day} 算）"),
    ("en", "is a past day: orders, cases, stock and the ledger are listed as they stand now, not as on that day; "
           "only days and deadlines are counted to {day})")])
def test_a_past_days_self_check_says_it_lists_things_as_they_stand_now(tmp_path, lang, said, wide_console):
    shop = tmp_path / "shop"
    init_shop(shop, lang=lang)
    day = dt.date.today() - dt.timedelta(days=3)
    r = CliRunner().invoke(app, ["selfcheck", str(shop), "--date", str(day)])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1].endswith(said.format(day=day)), r.stdout
    r = CliRunner().invoke(app, ["selfcheck", str(shop)])
    assert "过去的日期" not in r.stdout and "past day" not in r.stdout, r.stdout
