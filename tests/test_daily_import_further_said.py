"""What `orders import` says with ! beside its warnings, `daily` dropped too: an export of its header alone in
inbox/ (downloaded before the platform wrote its orders) was '✓ import inbox: imported 0 orders' and moved to done/,
and stock a later export's 出库 took below zero on the book was said nowhere. Both are now said under the step
(!, not ✓) and among the problems (the e-mail, the bot), in the shop's language."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal as D

import pytest

from platform_fixtures import pdd_row, write_pdd
from shopbook.orders.workflow import import_orders
from shopbook.report.workflow import run_daily
from shopbook.schema import STOCK, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

DAY = dt.date(2026, 11, 22)
NO = "261121-000000000001"


def _shop(tmp_path, lang):
    folder = tmp_path / "shop"
    init_shop(folder, lang, "演示服装店" if lang == "zh" else "Blue Shirt Co")
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="SH-WH-M", name="白衬衫", cost=D(30), price=D("99.00"), opening_qty=0, barcode="6900000000011")]},
        keep_backup=False)
    return open_shop(folder)


def _inbox(shop, rows):
    f = write_pdd(shop.folder / "inbox", rows, name="orders_export_20261122.csv")
    os.utime(f, (f.stat().st_mtime - 60,) * 2)  # (downloaded a minute ago: not watched for growing)
    run = run_daily(shop, DAY, send=False, steps_only=("inbox",))
    (step,) = run.steps
    return step, run.summary.problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_export_of_its_header_alone_is_said_by_daily(tmp_path, lang):
    step, problems = _inbox(_shop(tmp_path, lang), [])
    words = "只有表头，没有一行" if lang == "zh" else "its header and not one row"
    assert step.mark == "!" and words in step.detail, step.detail
    assert [p for p in problems if words in p and "orders_export_20261122.csv" in p], problems


def test_stock_a_later_export_took_below_zero_is_said_by_daily(tmp_path):
    shop = _shop(tmp_path, "en")
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(NO, "待发货", "SH-WH-M")])], today=DAY)
    step, problems = _inbox(shop, [pdd_row(NO, "已发货，待签收", "SH-WH-M", tracking="73100000000001", courier="中通快递",
                                           shipped="2026-11-22 09:00:00")])
    assert step.mark == "!" and "stock below zero on the book after the stock-out: SH-WH-M -1" in step.detail, step.detail
    assert [p for p in problems if "stock below zero" in p], problems


def test_a_refund_export_of_its_header_alone_is_a_day_without_refunds_not_said(tmp_path):
    """(review) The day's 退款报表 with no row (no refund that day: most days) beside the orders made `daily` ! with
    'ExportRefundList….csv：只有表头，没有一行。平台上若有这段时间的订单，请重新导出', in the e-mail and the bot too."""
    from platform_fixtures import write_refunds

    shop = _shop(tmp_path, "zh")
    inbox = shop.folder / "inbox"
    orders = write_pdd(inbox, [pdd_row(NO, "待发货", "SH-WH-M")], name="orders_export_20261122.csv")
    refunds = write_refunds(inbox, [])
    for p in (orders, refunds):
        os.utime(p, (p.stat().st_mtime - 60,) * 2)
    res = import_orders(shop, [orders, refunds], today=DAY)
    assert res.empty_files == [] and not [x for x in res.said(10) if "只有表头" in x[1]], res.said(10)
    empty = write_pdd(tmp_path / "e", [], name="orders_export_20261123.csv")  # an order export of its header alone
    assert import_orders(shop, [empty], today=DAY).empty_files == ["orders_export_20261123.csv"]
