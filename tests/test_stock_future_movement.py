"""QA: a movement dated after today (2027 typed for 2026) was counted in `stock`'s 库存 (A: 8 on hand
and 5 received next year: 13) but not in `stock alerts` (available 8, below its safety stock of 10):
the two disagreed, and neither said why. Now today's summary leaves it out until its day, as the
alerts, the stocktake and the reports do, and both say so at its cell (what validate warns of)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cli_run import CJK, flat, shopbook
from shopbook.schema import STOCK, Movement, Product
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_movement_dated_after_today_counts_in_neither_until_its_day(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang)
    ahead = dt.date.today() + dt.timedelta(days=365)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=8, safety_stock=10,
                          status="在售")],
        Movement: [Movement(date=ahead, sku="A", type="入库", qty=5)],
    }, keep_backup=False)

    rows = json.loads(shopbook("stock", "summary", folder, "--json").stdout)
    assert [(r["sku"], r["on_hand"], r["available"]) for r in rows] == [("A", 8, 8)]
    alerts = json.loads(shopbook("stock", "alerts", folder, "--json").stdout)
    assert [(a["sku"], a["available"]) for a in alerts] == [("A", 8)]  # the two agree

    sheet = "出入库" if lang == "zh" else "Movements"
    for args in (["stock"], ["stock", "alerts"]):
        said = flat(shopbook(*args, folder).stdout)
        if lang == "zh":
            assert flat(f"出入库有 1 行日期在今天之后，到那天才算进库存（是不是年份或月份打错了？）：stock.xlsx › {sheet} › A2 {ahead}") \
                in said, said
        else:
            assert flat(f"1 stock movement dated after today not counted until that day (is the year or month "
                        f"mistyped?): stock.xlsx › {sheet} › A2 {ahead}") in said, said
            assert not CJK.search(said)
    # the day it was typed for is still to come: no stock of that day to show (test_stock_summary_as_of_ahead)
    later = shopbook("stock", "summary", folder, "--as-of", ahead)
    assert later.returncode == 2 and (f"--as-of{ahead}在未来" if lang == "zh" else f"--as-of{ahead}isinthefuture") \
        in flat(later.stdout + later.stderr), later


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nobody_is_called_for_goods_dated_after_today(tmp_path, lang):
    """A (none on hand) with 甲 waiting and 5 received next year: `stock waitlist` listed 甲 to call,
    'available 5', while `stock alerts` said A was out of stock with 1 waiting. Now nobody is called
    until the goods' day, and the row is said at its cell."""
    from shopbook.schema import WaitlistEntry

    folder = tmp_path / "shop"
    init_shop(folder, lang)
    ahead = dt.date.today() + dt.timedelta(days=365)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=0, status="在售")],
        Movement: [Movement(date=ahead, sku="A", type="入库", qty=5)],
        WaitlistEntry: [WaitlistEntry(date=dt.date(2026, 11, 20), customer="甲", contact="13811112222", sku="A")],
    }, keep_backup=False)
    r = shopbook("stock", "waitlist", folder, "--json")
    assert json.loads(r.stdout) == []
    said = flat(r.stderr)
    sheet = "出入库" if lang == "zh" else "Movements"
    assert flat(f"stock.xlsx › {sheet} › A2") in said, said
    assert flat(f"日期 {ahead} 在今天（{dt.date.today()}）之后，到那天才算进库存" if lang == "zh" else
                f"The date {ahead} is after today ({dt.date.today()}), not counted in the stock until that day") in said


def test_the_cell_functions_leave_it_out_as_the_commands(tmp_path):
    """=SB_STOCK(A2), =SB_AVAILABLE(A2) and =SB_REORDER_QTY(A2) counted the 5 received next year (5, 5, 0)
    where `stock`, `stock alerts` say 0 on hand and 1 to reorder for the customer waiting."""
    from shopbook import functions as F
    from shopbook.schema import WaitlistEntry

    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    ahead = dt.date.today() + dt.timedelta(days=365)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=0, status="在售")],
        Movement: [Movement(date=ahead, sku="A", type="入库", qty=5)],
        WaitlistEntry: [WaitlistEntry(date=dt.date(2026, 11, 20), customer="甲", contact="13811112222", sku="A")],
    }, keep_backup=False)
    [alert] = json.loads(shopbook("stock", "alerts", folder, "--json").stdout)
    assert (alert["available"], alert["reorder_qty"]) == (0, 1)
    assert (F.stock([["A"]], shop=folder), F.available([["A"]], shop=folder), F.reorder_qty([["A"]], shop=folder)) \
        == ([[0]], [[0]], [[1]])
    # its day asked for: refused, as `stock --as-of` refuses a day still to come (before: 5, the typo counted)
    refused = F.stock([["A"]], ahead, shop=folder)  # (one error for the argument, as a date that does not read)
    assert refused.code == "#VALUE!" and f"as_of {ahead} is in the future" in refused.reason
    # a column of days: each day still to come refused on its own row, today's and the past answered
    got = F.stock([["A"], ["A"], ["A"]], [[dt.date.today()], [ahead], [dt.date(2026, 1, 1)]], shop=folder)
    assert (got[0], got[2]) == ([0], [0]) and got[1][0].code == "#VALUE!"
