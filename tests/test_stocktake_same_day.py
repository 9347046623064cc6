"""QA: a count taken in the morning, before that day's parcels shipped, was posted as a gain of
what shipped: TS counted 25 at 9:00, 1 shipped at 15:00 (出库 dated the count's day), the book at
the day's end 24, so +1 was posted and the shelf's 24 read 25, without a word (a count is taken as
at its day's end). Now a count that is exactly the book before that day's movements is warned: it
was most likely counted before them, and then there is no difference to post. A count that
differs otherwise (a real loss), or that matches the day's end, is not."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from cli_run import CJK, shopbook
from count_shops import count_shop

from shopbook.schema import STOCK, Movement, Product, StocktakeCount
from shopbook.shop import init_shop
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_that_is_the_book_before_that_days_shipments_is_warned(tmp_path, lang):
    folder = count_shop(tmp_path, lang, ("TS", "JK", "PT"), 25, movements=[
        Movement(date=DAY, sku=s, type="出库", qty=1, ref=f"O{s}") for s in ("TS", "JK", "PT")], counts=[
        StocktakeCount(date=DAY, sku="TS", counted=25, counter="Ann"),  # before the parcel
        StocktakeCount(date=DAY, sku="JK", counted=24, counter="Ann"),  # after it
        StocktakeCount(date=DAY, sku="PT", counted=22, counter="Ann")])  # a real loss
    plan = json.loads(shopbook("stocktake", "post", folder, "--date", DAY, "--dry-run", "--json").stdout)
    assert {x["sku"]: x["diff"] for x in plan["lines"]} == {"TS": 1, "PT": -2}
    said = [w for w in plan["warnings"] if "TS" in w["en"]]
    assert [w["en"] for w in plan["warnings"] if "JK" in w["en"] or "PT" in w["en"]] == []
    assert len(said) == 1
    assert said[0]["zh"].startswith("TS 实盘 25 正好是盘点当天出入库（-1）之前的账面 25：如果是在这些出入库之前数的，其实没有差异")
    assert said[0]["en"].startswith("TS: counted 25, exactly the book of 25 before that day's movements (-1)")
    r = shopbook("stocktake", "post", folder, "--date", DAY, "--dry-run")
    assert ("盘点当天出入库" if lang == "zh" else "before that day's movements") in r.stdout
    assert lang == "zh" or not CJK.search(r.stdout.replace("Tee", ""))


def test_the_warning_says_how_to_take_back_a_morning_count_posted(tmp_path):
    """The warning said '+1 不应过账；请确认盘点的时间' also once +1 was posted, and not what to do then.
    Now it says to change the count to the day's closing book and post again; doing so takes it back."""
    import openpyxl

    from shopbook.shop import open_shop
    from shopbook.stock import workflow as W

    folder = tmp_path / "shop"
    init_shop(folder, "zh")
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {
        Product: [Product(sku="TS", name="Tee", cost=Decimal(20), price=Decimal(60), opening_qty=25, status="在售")],
        Movement: [Movement(date=DAY, sku="TS", type="出库", qty=1, ref="OTS")],
        StocktakeCount: [StocktakeCount(date=DAY, sku="TS", counted=25, counter="Ann")]}, keep_backup=False)
    shop = open_shop(folder)
    plan = W.stocktake_post(shop, DAY, today=DAY)
    [said] = [zh for zh, _ in plan.warnings if zh.startswith("TS 实盘 25")]
    assert said.endswith("请确认盘点的时间：是的话，把“盘点”表里 TS 的实盘数量改为共 24（当天结束时的账面），再过账（+1 已过账的话会冲回）")
    assert {r.sku: r.on_hand for r in W.stock_summary(shop, as_of=DAY, today=DAY)}["TS"] == 25  # +1 posted
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["盘点"]["C2"] = 24  # as the warning says
    wb.save(folder / "stock.xlsx")
    again = W.stocktake_post(shop, DAY, today=DAY)
    assert [m.qty for m in again.adjustments] == [-1]
    assert {r.sku: r.on_hand for r in W.stock_summary(shop, as_of=DAY, today=DAY)}["TS"] == 24
