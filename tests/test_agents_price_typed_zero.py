"""QA: an agent's order line with 0 typed in its 单价 (a price not known yet; a blank is priced at the agent price)
was billed 0.00 on the statement with ✓ and nothing said: the goods went to the agent for nothing. It is billed as
typed (a sample sent free is a real 0) and said at its cell, with the agent price clearing it would bill; a blank
单价 is priced as before, unsaid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.agents.workflow import settle_month
from test_agents_settlement import line, make_shop

D = Decimal


def test_a_zero_price_on_an_agent_line_is_said(tmp_path):
    shop = make_shop(tmp_path, lines=[line("A1", "A", 2, None, shipped=dt.date(2026, 11, 3)),
                                      line("A2", "B", 1, "0", shipped=dt.date(2026, 11, 4))])
    s = settle_month(shop, "2026-11")
    (st,) = s.statements
    assert st.goods == D("55.00")
    [said] = [i for i in st.issues if i.field == "unit_price"]
    assert said.severity == "warning" and said.cell == "L3"
    assert "A2 (B × 1) has a unit price of 0" in said.message_en and "agent price, 22.00" in said.message_en
    assert "清空它就按代理价 22.00 计" in said.message_zh
    assert s.said()[-1][0] == "!"  # the summary: no ✓


def test_a_gift_at_0_left_blank_or_typed_0_is_not_said(tmp_path):
    """From the review: a ¥0 gift (售价 0) on an agent's order, its 单价 blank (priced 0 from the price sheet) or 0 as
    its agent price is (written back by a settle before): nothing to correct, the ✓ kept."""
    from shopbook.schema import Product

    shop = make_shop(tmp_path, products=[Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=100),
                                         Product(sku="G", name="赠品袋", cost=D(0), price=D(0), opening_qty=100)],
                     lines=[line("A1", "A", 2, None, shipped=dt.date(2026, 11, 3)),
                            line("A1", "G", 1, None, shipped=dt.date(2026, 11, 3)),
                            line("A2", "G", 1, "0", shipped=dt.date(2026, 11, 4))])
    s = settle_month(shop, "2026-11")
    (st,) = s.statements
    assert not [i for i in st.issues if i.field == "unit_price"], [i.message_en for i in st.issues]
    assert s.said()[-1][0] == "✓"
