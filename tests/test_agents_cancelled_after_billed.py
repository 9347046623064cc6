"""Agents: an order cancelled after it was billed (on last month's statement, as settled and sent) moves
the next month's 上期结余; the statement, the e-mail's text and finance's warning name the order (or its
SKU line) and the amount taken back, where before they said "货款 4,612.93 → 4,505.13" and no order.

Real .xlsx shops (test_agents_settlement.make_shop), settled by the calls the CLI makes; the months are
2025's, whose records are made after their end (settled_months keeps only such)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from shopbook.agents.workflow import settle_month
from shopbook.schema import ORDERS, OrderLine
from shopbook.shop import open_shop
from test_agents_settlement import line, make_shop

d = dt.date


def _set_status(shop, order_no: str, sku: str, status: str) -> None:
    """The 状态 cell of one order line, as a person types it in orders.xlsx."""
    cols = [c.name for c in OrderLine.columns()]
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb.worksheets[0]
    for r in ws.iter_rows(min_row=2):
        if r[cols.index("order_no")].value == order_no and r[cols.index("sku")].value == sku:
            r[cols.index("status")].value = status
    wb.save(shop.path(ORDERS))


def _statement_text(path) -> str:
    return "\n".join(str(c) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for c in r if c)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_order_cancelled_after_its_month_was_settled_is_named_with_the_amount_taken_back(tmp_path, lang):
    """October bills DL1-001 (A 27.50, 运费 8.00) and DL1-002 (A 27.50 and B 22.00, 运费 6.00); both are on
    the October statement sent. Then DL1-001 is cancelled whole and DL1-002's B line alone. November's
    上期结余 is 57.50 less: its statement and warning now name DL1-001 (35.50 taken back: its goods and its
    运费) and DL1-002's B (22.00), in the shop's language alone."""
    shop = make_shop(tmp_path, settings=[("shop", "language", f'"{lang}"')],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2025, 10, 5), fee="8"),
                            line("DL1-002", "A", 1, "27.50", shipped=d(2025, 10, 20), fee="6"),
                            line("DL1-002", "B", 1, "22.00", shipped=d(2025, 10, 20), fee="6"),
                            line("DL1-003", "A", 1, "27.50", shipped=d(2025, 11, 4), fee="6")])
    october = settle_month(shop, "2025-10")
    assert october.statements[0].balance == 91  # 27.50 + 8 + 27.50 + 22 + 6
    _set_status(shop, "DL1-001", "A", "已取消")
    _set_status(shop, "DL1-002", "B", "已取消")
    nov = settle_month(open_shop(shop.folder), "2025-11")
    (s,) = nov.statements
    assert s.brought_forward == 33.50  # 91.00 − 35.50 − 22.00
    zh, en = s.bf_note
    if lang == "zh":
        assert "订单 DL1-001 现在是“已取消”，扣回 35.50" in zh and "订单 DL1-002 的 B 现在是“已取消”，扣回 22.00" in zh, zh
    else:
        assert "order DL1-001 is now 'cancelled': 35.50 taken back" in en, en
        assert "order DL1-002's B is now 'cancelled': 22.00 taken back" in en, en
    (said,) = [i for i in s.issues if "DL1-001" in i.message_en]  # finance's warning names them too
    assert "35.50" in said.message_zh and "DL1-002 的 B" in said.message_zh and "22.00 taken back" in said.message_en
    text = _statement_text(nov.files[0])  # what the agent reads, in the shop's language
    assert ("订单 DL1-001 现在是“已取消”，扣回 35.50" if lang == "zh" else "order DL1-001 is now 'cancelled': 35.50") in text
    assert ("taken back" in text) == (lang == "en") and ("扣回" in text) == (lang == "zh")


def test_an_order_deleted_from_the_orders_sheet_after_billing_is_named_too(tmp_path):
    """A billed order's row deleted from orders.xlsx: named as no longer on the Orders sheet, with its amount."""
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2025, 10, 5), fee="8"),
                                      line("DL1-003", "A", 1, "27.50", shipped=d(2025, 11, 4), fee="6")])
    settle_month(shop, "2025-10")
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    wb.worksheets[0].delete_rows(2)
    wb.save(shop.path(ORDERS))
    (s,) = settle_month(open_shop(shop.folder), "2025-11").statements
    assert s.brought_forward == 0
    assert "订单 DL1-001 已不在订单表里，扣回 35.50" in s.bf_note[0], s.bf_note
