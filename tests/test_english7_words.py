"""QA of one language per shop (english7): an English shop's words say what the Chinese ones say, the
unit of an amount too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D


def test_an_english_agents_settlement_says_its_amounts_in_yuan_as_the_chinese_says_yuan(tmp_path):
    # '按每单 6.00 元' beside 'charged 6.00 each', and a payment dated ahead '这笔 110.00 元' beside a bare '110.00'
    from test_agents_settlement import line, make_shop

    from shopbook.agents.workflow import settle_month
    from shopbook.schema import Payment

    ahead = dt.date.today() + dt.timedelta(days=366)
    shop = make_shop(tmp_path, lines=[line("DL1-001", "A", 2, "27.50", shipped=dt.date(2026, 11, 3))],
                     payments=[Payment(date=ahead, agent_id="DL1", amount=D(110))],
                     settings=[("shop", "language", '"en"'), ("agents", "shipping_per_order", "6.00")])
    res = settle_month(shop, "2026-11")
    en = " ".join(e for _, _, e in res.said())
    assert "1 agent order with a blank shipping fee: charged 6.00 yuan an order (" in en, en
    (i,) = res.statements[0].issues
    assert "agent DL1's 110.00 yuan is on no statement up to today" in i.message_en, i.message_en
    assert "按每单 6.00 元" in " ".join(z for _, z, _ in res.said())
