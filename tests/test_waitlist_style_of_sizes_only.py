"""Review: a waiting-list row noted by 款号 alone for a style of sizes and no colours (SH01-38, SH01-39, 颜色 blank) was
told the style "comes in 2 colours (SH01-38, SH01-39)", its SKU codes listed as colours and the warning put at the
颜色 cell, where no colour can match. Colours are told apart by their words alone; such a style is asked its size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.schema import Product, WaitlistEntry
from shopbook.stock.report import waiting


def _p(sku, style, colour, size):
    return Product(sku=sku, style=style, name="衬衫", colour=colour, size=size, cost=Decimal(1), price=Decimal(2),
                   opening_qty=0, status="在售")


def test_a_style_of_sizes_alone_is_asked_its_size():
    products = [_p("SH01-38", "SH01", None, "38"), _p("SH01-39", "SH01", None, "39")]
    waits, issues = waiting(products, [WaitlistEntry(date=dt.date(2026, 12, 1), customer="甲", style="SH01")])
    assert waits == [] and [(i.field, i.message_zh) for i in issues] == [
        ("size", "款号 SH01 有 2 个尺码（38、39）：请填尺码，否则 甲 不会收到到货通知。")]
    assert issues[0].message_en == "Style SH01 comes in 2 sizes (38, 39): give the size, or 甲 will not be called."
