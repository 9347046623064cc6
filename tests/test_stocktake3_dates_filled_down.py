"""QA: the counter typed the count's date on the first row of 盘点 and dragged it down with Excel's fill
handle, which adds a day a row (12-01, 12-02 … 12-12). `stocktake post --date 2026-12-01` posted the first
row alone with a ✓, listed the rest as uncounted ("go and count them") and asked for a posting of each
other day, the later ones "in the future". Now a run of rows dated a day apart row by row stops the posting,
nothing written, naming the rows, what most likely happened and the date to give them. A count taken over
two days (a day's step once) posts as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cli_run import CJK, flat, shopbook
from shopbook.issues import DataStop
from shopbook.schema import STOCK, Product, StocktakeCount
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import stocktake_post
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 12, 1)
SKUS = ["A", "B", "C", "D"]


def _shop(tmp_path, lang, dates):
    folder = tmp_path / lang
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {
        Product: [Product(sku=s, name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=10, status="在售")
                  for s in SKUS],
        StocktakeCount: [StocktakeCount(date=d, sku=s, counted=9, counter="Ann") for s, d in zip(SKUS, dates)]},
        keep_backup=False)
    return folder


def test_count_dates_dragged_down_a_day_a_row_stop_the_posting(tmp_path):
    folder = _shop(tmp_path, "en", [DAY + dt.timedelta(days=i) for i in range(4)])
    before = (folder / "stock.xlsx").read_bytes()
    r = shopbook("stocktake", "post", folder, "--date", DAY)  # the exit code and the words of an English shop
    assert r.returncode == 2 and "✓" not in r.stdout + r.stderr
    said = flat(r.stdout + r.stderr)
    assert flat("The Stocktake sheet's rows 2–5 are dated a day apart, row by row (2026-12-01 to 2026-12-04)") in said
    assert flat("shopbook stocktake post SHOP --date 2026-12-01") in said and not CJK.search(said)
    assert (folder / "stock.xlsx").read_bytes() == before
    folder = _shop(tmp_path, "zh", [DAY + dt.timedelta(days=i) for i in range(4)])
    with pytest.raises(DataStop) as stop:
        stocktake_post(open_shop(folder), DAY, today=dt.date(2026, 12, 5))
    assert stop.value.zh.startswith("“盘点”表第 2–5 行的日期一行比一行晚一天（2026-12-01 到 2026-12-04）")
    assert "请把这些行的日期都改成盘点那天（多半是第 2 行的 2026-12-01" in stop.value.zh


def test_a_count_over_two_days_still_posts(tmp_path):
    folder = _shop(tmp_path, "zh", [DAY, DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=1)])
    plan = stocktake_post(open_shop(folder), DAY, dry_run=True, today=dt.date(2026, 12, 5))
    assert [x.sku for x in plan.lines] == ["A", "B"]


def test_one_sku_checked_a_row_a_day_still_posts(tmp_path):
    folder = tmp_path / "daily"
    init_shop(folder, "zh")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="A", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=10, status="在售")],
        StocktakeCount: [StocktakeCount(date=DAY + dt.timedelta(days=i), sku="A", counted=10) for i in range(3)]},
        keep_backup=False)
    assert stocktake_post(open_shop(folder), DAY, dry_run=True, today=dt.date(2026, 12, 5)).lines
