"""A return typed after its month was settled moves the agent's 上期结余; the note said so only where the order was
billed on that month's statement and had no return on it. A return of goods billed a month before (October's order,
back in November, typed after November went out) was said as 'order A1 was recorded since', and a second return of an
order (5 back on the statement sent, 3 more typed since) as 'order A1 was changed': the agent and the shop looked for
an edit. Each is now said as the return it is, with the order, the month and the amount; the balance as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopbook.agents.workflow import _statement_sent, settle_month
from shopbook.schema import STOCK, Movement, Product, Rebate
from shopbook.workbook_builder import write_workbook
from test_agents_settlement import line, make_shop, ret

D = Decimal


def _stock(shop, *moves):
    write_workbook(shop.path(STOCK), STOCK, "zh", {
        Product: [Product(sku="A", name="T恤", cost=D(10), price=D(50), opening_qty=100)],
        Movement: list(moves)}, keep_backup=False)


def test_a_return_of_goods_billed_the_month_before_typed_late(tmp_path):
    shop = make_shop(tmp_path, lines=[line("A1", "A", 40, None, shipped=dt.date(2026, 10, 3)),
                                      line("A2", "A", 2, None, shipped=dt.date(2026, 11, 2)),
                                      line("A3", "A", 2, None, shipped=dt.date(2026, 12, 2))],
                     rebates=[Rebate(threshold=D(1000), rate=D("0.05"))])
    settle_month(shop, "2026-10")
    assert settle_month(shop, "2026-11").statements[0].balance == D("1100.00")
    _stock(shop, ret(dt.date(2026, 11, 20), "A", 10, "A1"))  # (October's goods, back in November, typed late)
    (st,) = settle_month(shop, "2026-12").statements
    assert st.brought_forward == D("880.00")  # 1,100.00 less the 275.00 returned, October's 55.00 rebate taken back
    zh, en = st.bf_note
    assert "订单 A1 是 2026-10 发货计费的，有退货 275.00 是后来补录的，扣回 275.00" in zh
    assert "order A1, shipped and billed in 2026-10, had a return of 275.00 recorded since: 275.00 taken back" in en
    assert "补录的，扣回" in zh and "was recorded since" not in en
    (said,) = [i for i in st.issues if "brought forward" in i.message_en]
    assert "order A1, shipped and billed in 2026-10" in said.message_en and "2026-10 发货计费" in said.message_zh


def test_a_second_return_of_an_order_typed_late(tmp_path):
    shop = make_shop(tmp_path, lines=[line("A1", "A", 40, None, shipped=dt.date(2026, 11, 3)),
                                      line("A2", "A", 2, None, shipped=dt.date(2026, 12, 2))],
                     rebates=[Rebate(threshold=D(1000), rate=D("0.05"))])
    first = ret(dt.date(2026, 11, 10), "A", 5, "A1")
    _stock(shop, first)
    (nov,) = settle_month(shop, "2026-11").statements
    assert (nov.returned, nov.balance) == (D("137.50"), D("962.50"))
    (sent,) = shop.reports.rglob("*对账单-2026-11.xlsx")
    got = _statement_sent(sent)
    assert got == {"A1": D("962.50")} and got.returns == {"A1": D("137.50")}  # (its return read apart too)
    _stock(shop, first, ret(dt.date(2026, 11, 28), "A", 3, "A1"))
    (st,) = settle_month(shop, "2026-12").statements
    assert st.brought_forward == D("880.00")
    zh, en = st.bf_note
    assert "退货 137.50 → 220.00（订单 A1 又有退货 82.50 是后来补录的，共退 220.00，扣回 82.50）" in zh
    assert "order A1 had another return of 82.50 recorded since, 220.00 returned in all: 82.50 taken back" in en
    assert "改过" not in zh and "was changed" not in en
