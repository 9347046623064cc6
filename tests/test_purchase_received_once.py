"""Tidy: `purchase suggest` worked out what each PO line received twice, walking every movement
each time (on order for the alerts, then the 已收数量 check). Now once, with the same results: on
order counts the receipts up to --date, the check all of them (a receipt dated after --date still
bears out a 已收数量)."""

from __future__ import annotations

from shopbook.purchasing import workflow as W
from shopbook.stock import levels

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def test_received_on_po_is_walked_once(shop, monkeypatch):  # noqa: F811
    calls = []
    real = levels.received_on_po

    def counted(*a, **k):
        calls.append(a[1:2])
        return real(*a, **k)

    import shopbook.purchasing.suggest as S
    import shopbook.validate.rules as R
    for mod in (levels, W, R, S):
        if hasattr(mod, "received_on_po"):
            monkeypatch.setattr(mod, "received_on_po", counted)
    plan = W.purchase_plan(shop, TODAY)
    assert len(calls) == 1
    assert {x.sku: x.qty for o in plan.orders for x in o.lines} == {"A": 20, "B": 10, "G": 12, "E": 1}


def test_a_past_date_counts_later_receipts_only_in_the_received_check(shop):  # noqa: F811
    """As of 11-15, C's 10 received on 11-16 are still on order (24, C not ordered again)."""
    plan = W.purchase_plan(shop, d("11-15"))
    assert "C" not in {x.sku for o in plan.orders for x in o.lines}
    assert not any("已收数量" in i.message_zh for i in plan.warnings)
