"""Agents: a return typed with a date before its order shipped (10-20 for 11-20, the month slipped). The return was
credited in October, a month the goods had not been sent in: November's statement showed b/f −27.50, its rebate on
the goods as if none came back (2.53 for 1.98), and ✓, nothing said. Now it is a warning at the return's 日期 naming
the order's ship date and the month it is credited in, in the month it ships and the month it is dated, the summary
line no ✓; a return dated after its order shipped is said nowhere, as before.

A real .xlsx shop (test_agents_settlement.make_shop): A lists 50.00, 金牌 0.55 → 27.50."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import shopbook
from shopbook.agents.workflow import settle_month
from test_agents_settlement import line, make_shop, ret

D = Decimal
d = dt.date


def _shop(tmp_path, day: dt.date, lang: str = "zh"):
    return make_shop(tmp_path, lines=[line("DL1-001", "A", 3, None, shipped=d(2026, 11, 5))],
                     moves=[ret(day, "A", 1, "DL1-001")], settings=[("shop", "language", f'"{lang}"')])


def test_a_return_dated_before_its_order_shipped_is_said_at_its_date(tmp_path):
    shop = _shop(tmp_path, d(2026, 10, 20))
    res = settle_month(shop, "2026-11")
    (s,) = res.statements
    assert s.brought_forward == D("-27.50") and s.goods == D("82.50")  # credited as typed, as before
    (issue,) = [i for i in res.to_json()["issues"] if i["sheet"] == "出入库"]
    assert (issue["book"], issue["cell"], issue["severity"]) == ("stock.xlsx", "A2", "warning"), issue
    assert "2026-10-20" in issue["message_zh"] and "早于这一单的发货日期 2026-11-05" in issue["message_zh"]
    assert "冲抵在 2026-10" in issue["message_zh"]
    assert "before that order shipped on 2026-11-05" in issue["message_en"] and "in 2026-10" in issue["message_en"]


def test_the_command_line_says_it_in_the_shops_language_and_no_tick(tmp_path):
    shop = _shop(tmp_path, d(2026, 10, 20), lang="en")
    r = shopbook("agents", "settle", shop.folder, "--month", "2026-11")
    out = r.stdout + r.stderr
    assert "is dated 2026-10-20, before that order shipped on 2026-11-05" in " ".join(out.split()), out
    assert "早于" not in out
    assert "✓ " + str(shop.reports) not in out, out  # the summary's line is no ✓


def test_a_return_after_its_order_shipped_is_said_nowhere(tmp_path):
    res = settle_month(_shop(tmp_path, d(2026, 11, 20)), "2026-11")
    (s,) = res.statements
    assert s.returned == D("27.50") and not res.to_json()["issues"]
