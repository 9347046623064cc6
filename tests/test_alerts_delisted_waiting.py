"""QA: a 下架 (delisted) product is never reordered, and `stock alerts` left it out altogether: an
order held for it (已挂起, 3 wanted, 1 on the shelf) and the 缺货登记 customers waiting for it were
listed nowhere, waiting for goods that never come (no alert, no reorder line, nothing in the daily
report). Now such a product is alerted with 0 to reorder and why: delisted, what waits for it, and
what to do (cancel or change the orders, tell the customers, or set it back to 在售); a delisted one
nobody waits for stays out, as before.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from shopbook.schema import ORDERS, OrderLine, Product, WaitlistEntry
from shopbook.workbook_builder import write_workbook

from cli_run import CJK, shopbook


@pytest.fixture
def shop(stock_shop):
    P = Product
    folder, lang = stock_shop({
        Product: [P(sku="NEW", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=12, safety_stock=2),
                  P(sku="OLD", name="旧款", cost=Decimal(20), price=Decimal(60), opening_qty=1, status="下架"),
                  P(sku="GONE", name="停产", cost=Decimal(20), price=Decimal(60), status="下架")],
        WaitlistEntry: [WaitlistEntry(date=dt.date(2026, 11, 20), customer="甲", contact="13811112222", sku="OLD")],
    })
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        OrderLine(order_no="H1", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="OLD", qty=3,
                  status="已挂起")]}, keep_backup=False)
    return folder, lang


def test_a_delisted_product_others_wait_for_is_alerted_with_nothing_to_reorder(shop):
    folder, lang = shop
    r = shopbook("stock", "alerts", folder, "--json")
    alerts = {a["sku"]: a for a in json.loads(r.stdout)}
    assert set(alerts) == {"OLD"}, alerts  # GONE: delisted, nobody waiting; NEW: 12 on hand
    old = alerts["OLD"]
    assert old["reorder_qty"] == 0 and old["waiting"] == 2 and old["available"] == 1
    zh, en = old["reasons"][0]["zh"], old["reasons"][0]["en"]
    assert zh.startswith("已下架，不补货：挂起订单要 3 件，缺货登记 1 人在等：") and "改回在售" in zh, zh
    assert en.startswith("delisted, not reordered: held orders need 3, 1 customer waiting: "), en
    said = shopbook("stock", "alerts", folder).stdout
    assert ("已下架，不补货" if lang == "zh" else "delisted, not reordered") in said, said
    assert lang == "zh" or not CJK.search(said.replace("旧款", "")), said
    plan = json.loads(shopbook("purchase", "suggest", folder, "--json").stdout)
    assert not [x for x in plan["lines"] if x["sku"] == "OLD"]  # never ordered


def test_one_whose_goods_are_on_order_says_they_serve_the_waiting(stock_shop):
    """Ordered before it was delisted (an open PO of 5): the 3 − 1 held units and the one customer are
    served by what comes; the alert says so, not to cancel."""
    from shopbook.schema import PurchaseLine, Supplier

    folder, lang = stock_shop({
        Product: [Product(sku="OLD", name="旧款", cost=Decimal(20), price=Decimal(60), opening_qty=1, status="下架",
                          supplier="甲厂")],
        Supplier: [Supplier(supplier="甲厂", lead_days=5)],
        PurchaseLine: [PurchaseLine(po_no="CG1", supplier="甲厂", sku="OLD", qty=5, order_date=dt.date(2026, 11, 20),
                                    status="已下单")],
        WaitlistEntry: [WaitlistEntry(date=dt.date(2026, 11, 20), customer="甲", contact="13811112222", sku="OLD")],
    })
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [
        OrderLine(order_no="H1", receiver="r", phone="13800000000", address="浙江省 杭州市 西湖区 x", sku="OLD", qty=3,
                  status="已挂起")]}, keep_backup=False)
    [old] = json.loads(shopbook("stock", "alerts", folder, "--json").stdout)
    assert old["on_order"] == 5 and old["reorder_qty"] == 0
    assert old["reasons"][0]["zh"].endswith("1 人在等：在途的 5 件到了先给它们"), old
    assert old["reasons"][0]["en"].endswith("waiting: the 5 on order serve them when they come"), old
