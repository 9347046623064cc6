"""QA (purchasing before 双12): on 12-05 the buyer ran `purchase suggest` for 双12 (12-12). Its factory takes 20 days:
the PO was shown "预计到货 2026-12-25" and, below it, the reminder that the event's extra sales are not in the
quantities, but nothing said these goods come after the event the buyer was ordering for. Now a PO expected on or
after the event's start is said to miss it, with what to do; one expected before it is not."""

from __future__ import annotations

import datetime as dt

from test_stock_checks import item, new_shop

from shopbook.purchasing.workflow import purchase_suggest
from shopbook.schema import ORDERS, STOCK, Product, Promotion, Supplier
from shopbook.workbook_builder import write_workbook


def test_a_po_expected_after_the_event_is_said_to_miss_it(tmp_path):
    products = [item("A", 0, supplier="慢厂", safety_stock=5), item("B", 0, supplier="快厂", safety_stock=5)]
    s = new_shop(tmp_path, products)
    write_workbook(s.path(STOCK), STOCK, "zh", {
        Product: products, Supplier: [Supplier(supplier="慢厂", lead_days=20), Supplier(supplier="快厂", lead_days=3)]},
        keep_backup=False)
    write_workbook(s.path(ORDERS), ORDERS, "zh", {Promotion: [
        Promotion(name="双12", kind="大促", start=dt.date(2026, 12, 12), end=dt.date(2026, 12, 12), enabled=True)]},
        keep_backup=False)
    res = purchase_suggest(s, today=dt.date(2026, 12, 5))
    late = [(z, e) for m, z, e in res.said() if "赶不上" in z]
    zh = ("慢厂 的采购单预计 2026-12-25 到货，不早于大促“双12”开始（2026-12-12）：这批货赶不上活动；活动要卖的，"
          "请和供应商确认能否提前交货，或找现货")
    en = ("慢厂's PO is expected 2026-12-25, not before big event '双12' starts (2026-12-12): these goods come too "
          "late for it; for what the event will sell, ask the supplier to deliver sooner, or find stock elsewhere")
    assert late == [(zh, en)], res.said()
    assert sorted((o.supplier, o.expected_date) for o in res.plan.orders) == [  # 快厂's makes it: not said
        ("快厂", dt.date(2026, 12, 8)), ("慢厂", dt.date(2026, 12, 25))]
