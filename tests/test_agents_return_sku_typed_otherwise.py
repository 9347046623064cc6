"""Agents: a return whose SKU was typed otherwise than its order's (ts01 for TS01, a stray space or full-width
letter). Nothing is credited for it (stock does not count it as that SKU either: validate's error), but the
warning said 'that order never shipped this SKU' of an order that shipped it: the person looked at the order, not
at the return's SKU. Now it says the SKU differs from the order's only in letter case, width or spaces, at the
return's SKU cell, and what to make it, in the shop's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.agents.workflow import settle_month
from test_agents_settlement import line, make_shop, ret

D = Decimal
d = dt.date


def test_a_return_with_its_sku_typed_in_lower_case_is_said_as_that(tmp_path):
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 3, None, shipped=d(2026, 11, 5))],
                     moves=[ret(d(2026, 11, 20), "a", 1, "DL1-001")])
    (s,) = (res := settle_month(shop, "2026-11")).statements
    assert s.returned == D("0.00") and s.goods == D("82.50")  # (nothing credited, as before)
    (w,) = [i for i in res.issues if "DL1-001" in i.message_en]
    assert w.severity == "warning" and w.sheet == "出入库" and w.cell == "B2"
    assert "never shipped" not in w.message_en and "没有发出" not in w.message_zh
    assert "the return's SKU 'a' differs from the order's 'A' only in letter case, width or spaces" in w.message_en
    assert "make it 'A' in stock.xlsx, then settle again" in w.message_en
    assert "退货的商家编码“a”与这一单的“A”只差大小写、全角半角或空格" in w.message_zh and "改成“A”" in w.message_zh
