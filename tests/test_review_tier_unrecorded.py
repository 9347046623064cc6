"""An agent's 等级 dated (等级起始日期 2025-11-16) with no month settled before it: the tier an order placed before
the change was at is on no record. `ledger` says so at the order's 单价 (test_ledger_tier_unrecorded); the monthly
review counted the same line at the agent's tier now (27.50 where it may have been 32.50) in its sales, with a ✓
and not a word. Now the review says it as `ledger` does, located, in the shop's language: on screen (no ✓), on its
商品销售 sheet, and in its e-mail.

Product A lists 50.00: 金牌 0.55 → 27.50."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import openpyxl
import pytest

from cli_run import flat, shopbook
from shopbook.report.monthly import build_review, monthly_email
from shopbook.schema import Agent, OrderLine
from shopbook.shop import open_shop
from test_agents_settlement import make_shop
from test_agents_tier_mid_month import TIERS, _dated, ordered

d = dt.date
COL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.name for c in OrderLine.columns()].index("unit_price")]


def _shop(tmp_path, lang):
    shop = make_shop(tmp_path, settings=[("shop", "language", f'"{lang}"')], tiers=TIERS,
                     agents=[Agent(agent_id="DL1", name="甲", tier="银牌")],
                     lines=[ordered("DL1-002", d(2025, 11, 10), d(2025, 11, 11)),  # before the change: tier unknown
                            ordered("DL1-003", d(2025, 11, 20), d(2025, 11, 21))])  # after it: 金牌, known
    _dated(shop, "金牌", d(2025, 11, 16))
    return open_shop(shop.folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_review_says_an_agent_line_at_a_tier_on_no_record(tmp_path, lang):
    shop = _shop(tmp_path, lang)
    rev = build_review(shop, "monthly", "2025-11")
    (w,) = rev.tier_unknown  # the first line said, the second (after the change) not
    assert (w.severity, w.sheet, w.row, w.field, w.cell) == ("warning", "订单", 2, "unit_price", f"{COL}2")
    assert "DL1-002" in w.message_zh and "考核表的销售额" in w.message_zh and "27.50" in w.message_zh
    assert "the review's sales" in w.message_en and "no record" in w.message_en
    r = shopbook("report", "monthly", shop.folder, "--period", "2025-11")
    out = flat(r.stdout + r.stderr)
    assert f"{COL}2" in out and "DL1-002" in out and "✓" not in out, out
    assert ("下单时的代理价" in out) if lang == "zh" else ("agentpriceitwasorderedat" in out and "下单" not in out), out
    path = shop.reports / ("月报-2025-11.xlsx" if lang == "zh" else "monthly-2025-11.xlsx")
    ws = openpyxl.load_workbook(path)["商品销售" if lang == "zh" else "Sales by SKU"]
    said = [str(c.value) for row in ws.iter_rows() for c in row if c.value and "DL1-002" in str(c.value)]
    assert len(said) == 1 and ("填上它下单时的代理价" in said[0] if lang == "zh" else "Type the agent" in said[0]), said
    text = email.message_from_bytes(monthly_email(shop, "2025-11").path.read_bytes(),
                                    policy=policy.default).get_body(("plain",)).get_content()
    assert "DL1-002" in text and f"{COL}2" in text, text
