"""QA: `stock summary --as-of` a past day took away the orders approved and not shipped *now*:
an order approved today made a day three weeks back read 3 fewer available, and one shipped since
(approved that day, so reserving then) none. The orders say only where they stand now, so a past
day's summary gives on-hand from the movements up to it and leaves reserved and available blank,
saying why (sheet, screen, JSON).

Hand-worked (the test_stock shop): A opening 10, +20 on 11-01, −14 on 11-10; O1 approved A×3.
  as of 11-11 (past): on hand 16, reserved/available not shown (before: 3 and 13)
  as of today 11-22:  on hand 10, reserved 3, available 7
"""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import STOCK
from shopbook.stock import workflow as W

from test_stock import TODAY, d, shop  # noqa: F401 - the fixture


def test_a_past_day_leaves_reserved_and_available_blank(shop):  # noqa: F811
    rows = {r.sku: r for r in W.stock_summary(shop, as_of=d("11-11"), today=TODAY)}
    assert (rows["A"].on_hand, rows["A"].reserved, rows["A"].available) == (16, None, None)
    ws = openpyxl.load_workbook(shop.path(STOCK))["库存汇总"]
    a = next(r for r in ws.iter_rows(values_only=True) if r[0] == "A")
    assert a[5:8] == (16, None, None)
    title = [r[0] for r in ws.iter_rows(values_only=True)][-1]
    assert title.startswith("库存汇总 2026-11-11") and "已占用、可用不显示" in title


def test_today_still_takes_the_approved_orders_off(shop):  # noqa: F811
    res = W.stock_summary(shop, as_of=TODAY, today=TODAY)
    rows = {r.sku: r for r in res}
    assert (rows["A"].on_hand, rows["A"].reserved, rows["A"].available) == (10, 3, 7)
    assert not res.past and "不显示" not in res.words()[0]


def test_the_cli_says_so(shop):  # noqa: F811
    runner = CliRunner()
    said = runner.invoke(app, ["stock", "summary", str(shop.folder), "--as-of", "2026-11-11"])
    assert said.exit_code == 0, said.output
    assert "已占用、可用不显示" in "".join(said.output.split())
    got = runner.invoke(app, ["stock", "summary", str(shop.folder), "--as-of", "2026-11-11", "--json"])
    a = next(r for r in json.loads(got.output) if r["sku"] == "A")
    assert (a["on_hand"], a["reserved"], a["available"]) == (16, None, None)
    assert dt.date.today() > d("11-11")  # (the CLI's today is the clock's)
