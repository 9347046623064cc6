"""QA: `stocktake post`'s below-zero check took the book with every 出入库 row, those dated after today
too (2027 typed for 2026): A, 8 on the book, counted 3, with a 出库 of 5 dated next month, was warned
"A 调整后库存为 -2（负数）" though such a row counts nowhere until its day (the summary, the alerts: 3).
Now the check is the book as of today."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import shopbook
from shopbook.schema import STOCK, Movement, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook


def test_a_row_dated_after_today_makes_no_stock_below_zero(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    today = dt.date.today()
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=8, status="在售")],
        Movement: [Movement(date=today + dt.timedelta(days=30), sku="A", type="出库", qty=5)],
        StocktakeCount: [StocktakeCount(date=today, sku="A", counted=3, counter="Ann")],
    }, keep_backup=False)
    plan = json.loads(shopbook("stocktake", "post", folder, "--date", today, "--dry-run", "--json").stdout)
    assert plan["lines"][0]["diff"] == -5
    assert not [w for w in plan["warnings"] if "负数" in w["zh"] or "below zero" in w["en"]], plan["warnings"]


def test_a_book_below_zero_today_is_still_said(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    today = dt.date.today()
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=8, status="在售")],
        Movement: [Movement(date=today, sku="A", type="出库", qty=5)],  # typed after the count: −2 now
        StocktakeCount: [StocktakeCount(date=today - dt.timedelta(days=1), sku="A", counted=3, counter="Ann")],
    }, keep_backup=False)
    plan = json.loads(shopbook("stocktake", "post", folder, "--date", today - dt.timedelta(days=1), "--dry-run",
                               "--json").stdout)
    assert [w["zh"] for w in plan["warnings"] if "负数" in w["zh"]] == ["A 调整后库存为 -2（负数），请核对"]


def test_a_row_dated_after_today_is_said_as_a_date_typo_not_as_moved_after(tmp_path):
    """The same row was also said "A 在盘点日之后有出入库，请确认盘点时这些货是否已经在或不在货架上", goods to look for;
    now it is said as what it most likely is, a typo of the date, at its cell, as `stock` says it."""
    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    today = dt.date.today()
    ahead = today + dt.timedelta(days=30)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=8, status="在售")],
        Movement: [Movement(date=ahead, sku="A", type="出库", qty=5)],
        StocktakeCount: [StocktakeCount(date=today, sku="A", counted=3, counter="Ann")],
    }, keep_backup=False)
    plan = json.loads(shopbook("stocktake", "post", folder, "--date", today, "--dry-run", "--json").stdout)
    assert [w["zh"] for w in plan["warnings"]] == [
        f"出入库有 1 行日期在今天之后，到那天才算进库存（是不是年份或月份打错了？）：stock.xlsx › 出入库 › A2 {ahead}"]
    assert not plan["lines"][0]["moved_after"]
