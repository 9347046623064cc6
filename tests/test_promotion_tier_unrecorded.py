"""`report promotion` counts an agent's line with a blank 单价 at the agent's price (test_agent_price_counted). One
ordered before the agent's 等级起始日期, no month settled before it, is priced at the tier now, the tier it was
ordered at on no record: `ledger` says so at its 单价; the promotion's review counted it so under a ✓ without a word.
Now the review says it, located at the 单价 cell, on screen (no ✓) and in --json's warnings."""

from __future__ import annotations

import datetime as dt
import json

from cli_run import flat, shopbook
from shopbook.schema import KPI, DailyKpi, OrderLine, Promotion
from shopbook.workbook_builder import write_workbook
from test_agent_price_counted import D
from test_daily_tier_unrecorded import dated_shop

COL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.name for c in OrderLine.columns()].index("unit_price")]


def test_the_promotion_review_says_an_agent_line_at_a_tier_on_no_record(tmp_path):
    promo = Promotion(name="国庆满减", kind="满减", start=dt.date(2026, 10, 9), end=dt.date(2026, 10, 9), enabled=True)
    folder = dated_shop(tmp_path, promotions=[promo])  # DL1's order of 10-09, 单价 blank, its tier 金牌 from 10-15
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 10, d), visitors=500, orders=1, sales=D(s), ad_spend=D(100))
        for d, s in ((8, "718.40"), (9, "500.50"))]}, keep_backup=False)
    r = shopbook("report", "promotion", str(folder), "国庆满减")
    out = flat(r.stdout + r.stderr)
    assert f"{COL}3" in out and "DL1-0001" in out and "促销评估的销售额" in out and "✓" not in out, r.stdout + r.stderr
    r = shopbook("report", "promotion", str(folder), "国庆满减", "--json")
    said = [w["en"] for w in json.loads(r.stdout)["warnings"] if "DL1-0001" in w["en"]]
    assert len(said) == 1 and "the promotion review's sales" in said[0] and f"{COL}3" in said[0], said
