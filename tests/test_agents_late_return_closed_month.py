"""QA: an agent's return dated in a month already settled (goods back 11-28, typed in after November's statement
went out), its rebate on them taken back: `agents settle 2026-12` ended in a traceback (TypeError: argument of type
'datetime.date' is not iterable), the return's ship date taking the place of the statements sent. Now December is
settled, its 上期结余 the changed November, said at November's record and to the agent: returns 0 → 275, rebate 55
→ 0, the order named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.agents.workflow import settle_month
from shopbook.schema import STOCK, Movement, Product, Rebate
from shopbook.workbook_builder import write_workbook
from test_agents_settlement import line, make_shop, ret

D = Decimal


def test_a_return_typed_late_into_a_settled_month(tmp_path):
    shop = make_shop(tmp_path, lines=[line("A1", "A", 40, None, shipped=dt.date(2026, 11, 3)),
                                      line("A2", "A", 2, None, shipped=dt.date(2026, 12, 2))],
                     rebates=[Rebate(threshold=D(1000), rate=D("0.05"))])
    nov = settle_month(shop, "2026-11")
    assert nov.statements[0].rebate == D("55.00") and nov.statements[0].balance == D("1045.00")
    write_workbook(shop.path(STOCK), STOCK, "zh", {
        Product: [Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=100)],
        Movement: [ret(dt.date(2026, 11, 28), "A", 10, "A1")]}, keep_backup=False)
    dec = settle_month(shop, "2026-12")
    (st,) = dec.statements
    assert st.brought_forward == D("825.00")
    assert "2026-11：退货 0.00 → 275.00，返利 55.00 → 0.00（订单 A1 有退货 275.00 是后来补录的，扣回 275.00）" in st.bf_note[0]
    assert "order A1 had a return of 275.00 recorded since: 275.00 taken back" in st.bf_note[1]
    assert any("1,045.00" in i.message_en and "order A1" in i.message_en for i in st.issues)
