"""QA: the warehouse counted the shelves while the morning's picked parcels stood packed on the bench
(拣货批次 set, not shipped yet: no 出库 posted). The count missed the 2 tees in them, `stocktake post`
booked them as a 盘亏 with a ✓ and not a word, and once the parcels shipped the book was 2 below the
shelf (only `ship` said it, after the fact, as stock below zero). Now the posting names the SKUs some of
whose units stand in picked parcels not shipped, with the orders and what to do: count them in (the
count's total with them), then post again; a shortfall that is exactly those units is said as most
likely no loss at all. A batch picked after the count's day, or a parcel already shipped, is no part of it."""

from __future__ import annotations

import datetime as dt

import pytest
from count_shops import count_shop

from shopbook.schema import ORDERS, Movement, OrderLine, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock import workflow as W
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 12, 4)


def _line(no, sku, qty, batch, status="已审核", gifts=None):
    return OrderLine(order_no=no, receiver="王芳", phone="13800000000", address="浙江省杭州市西湖区文三路1号",
                     sku=sku, qty=qty, status=status, batch=batch, gifts=gifts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_taken_while_picked_parcels_stand_packed_is_said(tmp_path, lang):
    folder = count_shop(tmp_path, lang, ("TS", "JK", "PT", "GIFT"), movements=[
        Movement(date=DAY - dt.timedelta(days=1), sku="PT", type="出库", qty=1, ref="O4")], counts=[
        StocktakeCount(date=DAY, sku="TS", counted=8, counter="Ann"),   # 2 in parcels: no loss
        StocktakeCount(date=DAY, sku="JK", counted=6, counter="Ann"),   # 2 in parcels, 2 lost
        StocktakeCount(date=DAY, sku="PT", counted=9, counter="Ann"),   # shipped: the book has it
        StocktakeCount(date=DAY, sku="GIFT", counted=9, counter="Ann")])  # the gift in O1's parcel
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        _line("O1", "TS", 1, "20261204-1", gifts="GIFT×1"), _line("O1", "JK", 1, "20261204-1", gifts="GIFT×1"),
        _line("O2", "TS", 1, "20261204-1"),
        _line("O3", "JK", 4, "20261205-1"),  # picked the day after the count: on the shelf when counted
        _line("O4", "PT", 1, "20261203-1", status="已发货"),
        _line("O5", "PT", 1, None),  # approved, not picked: on the shelf
        _line("O6", "JK", 1, "20261204-1", status="已挂起")]}, keep_backup=False)  # held after the pick: not pulled yet
    plan = W.stocktake_post(open_shop(folder), DAY, today=DAY + dt.timedelta(days=1), dry_run=True)
    said = {sku: [w for w in plan.warnings if w[1].startswith(sku + " ")] for sku in ("TS", "JK", "PT", "GIFT")}
    assert said["PT"] == []
    [(zh, en)] = said["TS"]
    assert zh.startswith("TS 实盘 8，账面 10：差的 2 件正好在已拣货、还没发货的包裹里（O1、O2）")
    assert "请把“盘点”表里 TS 的实盘数量改为共 10" in zh and "再过账" in zh
    assert en.startswith("TS counted 8, the book 10: the 2 short are exactly the units in parcels picked and not "
                         "shipped yet (O1, O2)")
    assert "change TS's counts on the Stocktake sheet to 10 in all" in en
    [(zh, en)] = said["JK"]
    assert zh.startswith("JK 有 2 件在已拣货、还没发货的包裹里（O1、O6）")
    assert en.startswith("JK has 2 units in parcels picked and not shipped yet (O1, O6)")
    [(zh, en)] = said["GIFT"]  # the gift packed with O1
    assert zh.startswith("GIFT 实盘 9，账面 10：差的 1 件正好在已拣货、还没发货的包裹里（O1）")


def test_the_count_sheet_says_the_parcels_on_the_bench(tmp_path):
    """Printing the count sheet said nothing of the parcels picked and not shipped: now it says to count their
    goods in too, or ship first (the warning at the posting comes after the count is made), naming their pick
    batch (before: how many parcels, not where they stand)."""
    from shopbook.stock.workflow import count_sheet_said

    folder = count_shop(tmp_path, "en", ("TS", "JK"))
    write_workbook(folder / "orders.xlsx", ORDERS, "en", {OrderLine: [
        _line("O1", "TS", 2, "20261204-1"), _line("O1", "JK", 1, "20261204-1"), _line("O2", "TS", 1, None)]},
        keep_backup=False)
    said = count_sheet_said(W.stocktake_sheet(open_shop(folder), DAY), DAY)
    assert ("!", ("有 1 个已拣货、还没发货的包裹（共 3 件，拣货批次 20261204-1）：账上还有这些货，盘点时把包裹里的也数进去，"
                  "或者先发货再盘点"),
            ("1 parcel picked and not shipped yet (3 units, pick batch 20261204-1): the book still holds their goods: "
             "count the goods in them too, or ship them before counting")) in said
