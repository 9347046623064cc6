"""QA: a PO line sent to the supplier (已下单) with its 下单日期 mistyped ahead (12-16 for 12-06) was left out of what
is on order until that day: stock alerts told the shop to reorder the SKU (3 more), the 20 ordered never shown, the
goods bought twice, and nothing said anywhere (validate neither). It is counted on order now, said at its cell; a
draft dated ahead (the order planned for then) and alerts of a day gone are as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.schema import STOCK, Product, PurchaseLine, Supplier
from shopbook.shop import init_shop, open_shop
from shopbook.stock.workflow import alerts_notes, stock_alerts
from shopbook.workbook_builder import write_workbook


def test_a_po_sent_with_its_date_typed_ahead_is_on_order(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    today = dt.date.today()
    ahead = today + dt.timedelta(days=10)
    write_workbook(folder / "stock.xlsx", STOCK, "en", {
        Product: [Product(sku="P1", name="Shirt", cost=D(20), price=D(100), opening_qty=2, safety_stock=5, lead_days=7),
                  Product(sku="P2", name="Coat", cost=D(20), price=D(100), opening_qty=2, safety_stock=5, lead_days=7)],
        Supplier: [Supplier(supplier="Mill")],
        PurchaseLine: [PurchaseLine(po_no="PO1", supplier="Mill", sku="P1", qty=20, order_date=ahead, status="ordered"),
                       PurchaseLine(po_no="PO2", supplier="Mill", sku="P2", qty=20, order_date=ahead, status="draft")]},
        keep_backup=False)
    shop = open_shop(folder)
    got = {a.sku: (a.reorder_qty, a.on_order) for a in stock_alerts(shop)}
    assert got == {"P1": (0, 20), "P2": (3, 0)}
    [(mark, zh, en)] = alerts_notes(stock_alerts(shop))
    assert mark == "!" and f"stock.xlsx › Purchases › F2 {ahead}" in en and "F3" not in en
    assert "counted on order all the same" in en and "仍按在途计" in zh
    gone = {a.sku: (a.reorder_qty, a.on_order) for a in stock_alerts(shop, today, past=True)}
    assert gone == {"P1": (3, 0), "P2": (3, 0)}


def test_purchase_suggest_says_the_po_it_counts(tmp_path):
    """From the review: purchase suggest counted the PO dated ahead on order too, unsaid ('✓ nothing to order'): it is
    said there as stock alerts says it."""
    from shopbook.purchasing.workflow import purchase_plan

    folder = tmp_path / "shop"
    init_shop(folder, "en")
    ahead = dt.date.today() + dt.timedelta(days=10)
    write_workbook(folder / "stock.xlsx", STOCK, "en", {
        Product: [Product(sku="P1", name="Shirt", cost=D(20), price=D(100), opening_qty=2, safety_stock=5, lead_days=7,
                          supplier="Mill")],
        Supplier: [Supplier(supplier="Mill")],
        PurchaseLine: [PurchaseLine(po_no="PO1", supplier="Mill", sku="P1", qty=20, order_date=ahead, status="ordered")]},
        keep_backup=False)
    plan = purchase_plan(open_shop(folder))
    said = [w for w in plan.warnings if "dated after today" in w.message_en]
    assert len(said) == 1 and said[0].cell == "F2" and "counted on order all the same" in said[0].message_en


def test_the_waitlist_the_summary_and_sb_on_order_count_it_as_the_alerts_do(tmp_path):
    """From the review: a 过季 scarf sold out, a customer waiting, its PO sent with the date typed ahead: stock alerts
    said 'the 5 on order serve them', while `stock waitlist` told the shop to tell the customer it would never come,
    and the summary and SB_ON_ORDER said 0 on order. Each counts it as the alerts do."""
    from shopbook import functions
    from shopbook.schema import WaitlistEntry
    from shopbook.stock.workflow import stock_summary, waitlist

    folder = tmp_path / "shop"
    init_shop(folder, "en")
    today = dt.date.today()
    write_workbook(folder / "stock.xlsx", STOCK, "en", {
        Product: [Product(sku="W", name="Scarf", cost=D(10), price=D(50), opening_qty=0, status="过季", supplier="Mill")],
        Supplier: [Supplier(supplier="Mill")],
        WaitlistEntry: [WaitlistEntry(date=today, customer="buyer1", sku="W")],
        PurchaseLine: [PurchaseLine(po_no="PO2", supplier="Mill", sku="W", qty=5, order_date=today + dt.timedelta(days=10),
                                    status="ordered")]},
        keep_backup=False)
    shop = open_shop(folder)
    assert [a.on_order for a in stock_alerts(shop)] == [5]
    assert not [i for i in waitlist(shop).warnings if "will not come" in i.message_en]
    assert [r.on_order for r in stock_summary(shop)] == [5]
    assert functions.on_order("W", folder) == 5
    # a day gone: not ordered then
    assert [r.on_order for r in stock_summary(shop, today - dt.timedelta(days=1))] == [0]
