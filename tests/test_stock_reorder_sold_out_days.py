"""QA (the stock keeper's reorder): the reorder's daily sales were the last 14 days' sales ÷ 14, the days a SKU had
nothing on the shelf counted as days it sold nothing. A dress that sold its 40 in 4 days and was out for the
next 10 was reordered at 40 ÷ 14 a day: 40 for 14 days of lead and cover, where it sells 10 a day. The days it
had none (none on hand all day, none sold) are now left out of its rate (never fewer than 7 days, as a new
SKU's), and the alert says so; a SKU whose book went below zero (a stock-in never entered) is averaged as before.

Days counted back from today (0), the window days 13..0.
DRESS: 40 in on day 13, 10 sold each of days 13..10, none since. Out days 9..0: 10 days. Days with goods: 4, taken as 7: 40 ÷ 7 × (7 lead + 7 cover) = 80 → 80 − 0.
  Before: 40 ÷ 14 × 14 = 40.
SHIRT: 18 in on day 13, 3 sold each of days 13..8, out days 7..1 (7 days), 6 in today.
  18 ÷ 7 × 14 = 36 − 6 available = 30 (before 18 − 6 = 12); it lasts about 2 days, a delivery 7: alerted.
TEE: sold 1 on four days with no stock-in ever (book −4): as before, 4 ÷ 14 × 14 = 4, + 4 short = 8.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook import functions as F
from shopbook.schema import Movement, Product

TODAY = dt.date.today()  # (the command line's day: its words are checked)


def _d(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_days_sold_out_are_left_out_of_the_sales_rate(stock_shop):
    P, M = Product, Movement
    moves = [M(date=_d(13), sku="DRESS", type="入库", qty=40)]
    moves += [M(date=_d(n), sku="DRESS", type="出库", qty=10) for n in (13, 12, 11, 10)]
    moves += [M(date=_d(13), sku="SHIRT", type="入库", qty=18)]
    moves += [M(date=_d(n), sku="SHIRT", type="出库", qty=3) for n in (13, 12, 11, 10, 9, 8)]
    moves += [M(date=_d(0), sku="SHIRT", type="入库", qty=6)]
    moves += [M(date=_d(n), sku="TEE", type="出库", qty=1) for n in (13, 9, 5, 1)]
    folder, lang = stock_shop({
        P: [P(sku="DRESS", name="连衣裙", cost=Decimal(50), price=Decimal(129), lead_days=7, safety_stock=0),
            P(sku="SHIRT", name="衬衫", cost=Decimal(30), price=Decimal(89), lead_days=7, safety_stock=0),
            P(sku="TEE", name="T恤", cost=Decimal(20), price=Decimal(59), lead_days=7, safety_stock=0)],
        M: moves})
    import shopbook.stock.workflow as W
    from shopbook.shop import open_shop

    got = {a.sku: (a.available, a.reorder_qty) for a in W.stock_alerts(open_shop(folder), today=TODAY)}
    assert got == {"DRESS": (0, 80), "SHIRT": (6, 30), "TEE": (-4, 8)}, got
    assert F.reorder_qty("DRESS", folder, today=TODAY) == 80  # SB_REORDER_QTY as `stock alerts`
    assert F.reorder_qty("SHIRT", folder, today=TODAY) == 30

    r = shopbook("stock", "alerts", folder)
    out = r.stdout.replace("\n", " ")
    assert r.returncode == 0, r.stdout + r.stderr
    if lang == "zh":
        assert "DRESS" in out and "补货   80  缺货；近 14 天里缺货的 10 天不算进日均销量（40 件 ÷ 7 天，有货不到 7 天按 7 天算）" \
            in out, out
        assert "补货   30  按近 14 天的销量约 2 天卖完，到货要 7 天；近 14 天里缺货的 7 天不算进日均销量（18 件 ÷ 7 天）" \
            in out, out
    else:
        assert "reorder   80  out of stock; its 10 days out of stock in the last 14 left out of its daily sales" \
            " (40 units ÷ 7 days; fewer days with goods count as 7)" in out, out
        assert "reorder   30  lasts about 2 days at the last 14 days' sales; a delivery takes 7 days; its 7 days out of " \
            "stock in the last 14 left out of its daily sales (18 units ÷ 7 days)" in out, out
        assert not CJK.search(out.replace("连衣裙", "").replace("衬衫", "").replace("T恤", "")), out
    tee = next(ln for ln in r.stdout.splitlines() if "TEE" in ln)
    assert "reorder    8  out of stock" in tee or "补货    8  缺货" in tee, tee
    assert "14" not in tee, tee  # (its book below zero: averaged as before, nothing said)
    j = {a["sku"]: a for a in json.loads(shopbook("stock", "alerts", folder, "--json").stdout)}
    assert {k: a["reorder_qty"] for k, a in j.items()} == {"DRESS": 80, "SHIRT": 30, "TEE": 8}
    # said beside the reasons, not among them (the daily report's 摘要 shows those in a column of its width)
    assert [r["zh"] for r in j["DRESS"]["reasons"]] == ["缺货"] and j["TEE"]["basis"] is None, j
    assert j["SHIRT"]["basis"] == {"zh": "近 14 天里缺货的 7 天不算进日均销量（18 件 ÷ 7 天）",
                                   "en": "its 7 days out of stock in the last 14 left out of its daily sales "
                                         "(18 units ÷ 7 days)"}, j
