"""QA (the buyer's week): 50 trousers received were typed 2026-12-20 for 12-05. `stock alerts` said the row is left
out until that day; `purchase suggest` said nothing, and drafted 10 more of them on the stock without the 50. It
now warns at that row, as the alerts do, that the quantities to order leave it out (--json: in its warnings)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import Movement, Product


def test_suggest_says_the_movements_dated_after_today_it_leaves_out(stock_shop):
    today = dt.date.today()
    folder, lang = stock_shop({
        Product: [Product(sku="PT1", name="裤子", cost=Decimal(50), price=Decimal(129), safety_stock=3, opening_qty=1,
                          lead_days=7)],
        Movement: [Movement(date=today + dt.timedelta(days=15), sku="PT1", type="入库", qty=50)]})
    runner = CliRunner()
    r = runner.invoke(app, ["purchase", "suggest", str(folder)])
    said = "".join(r.output.split())
    assert ("出入库有1行日期在今天之后，到那天才算进库存" in said and "；建议的补货量没有算它们" in said) if lang == "zh" else \
        ("1stockmovementdatedaftertodaynotcounteduntilthatday" in said
         and ";thequantitiestoorderleavethemout" in said), r.output
    assert "A2" in said, r.output  # at its cell
    r = runner.invoke(app, ["purchase", "suggest", str(folder), "--json"])
    warnings = json.loads(r.stdout)["warnings"]
    assert any(w["cell"] == "A2" for w in warnings), warnings
    # a past day (--date) leaves out what came after it by design: not said
    r = runner.invoke(app, ["purchase", "suggest", str(folder), "--date", str(today - dt.timedelta(days=1))])
    assert "建议的补货量没有算它们" not in r.output and "leave them out" not in r.output, r.output
