"""QA: `stock alerts --json` printed the alerts and nothing of what `stock alerts` says with ! under their count:
a 出入库 row dated next year (2027 typed for 2026) left out of the stock, SKUs reordered with no lead time at all
(their quantity leaves out the wait for the goods). A script reading it ordered those quantities unwarned. The
list stays as it was (stdout, a bare list, as the stock commands' --json and the scripts reading it have it);
those lines now go to stderr, as `stock waitlist --json` says its unread rows."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import CJK, flat, shopbook

from shopbook.schema import Movement, Product


def test_alerts_json_says_on_stderr_what_the_quantities_leave_out(stock_shop):
    today = dt.date.today()
    folder, lang = stock_shop({
        Product: [Product(sku="A", name="衬衫", cost=Decimal(20), price=Decimal(60), opening_qty=5, safety_stock=2)],
        Movement: [Movement(date=today - dt.timedelta(days=40), sku="A", type="入库", qty=5),  # (the books' first days)
                   Movement(date=today - dt.timedelta(days=2), sku="A", type="出库", qty=9, ref="T1"),
                   Movement(date=today.replace(year=today.year + 1), sku="A", type="入库", qty=50, ref="P1")],
    })
    r = shopbook("stock", "alerts", folder, "--json")
    [alert] = json.loads(r.stdout)  # (the list as before)
    assert alert["sku"] == "A" and alert["available"] == 1 and alert["reorder_qty"] == 6, alert  # 9/14×7 → 5, +2 −1
    said = flat(r.stderr)
    if lang == "zh":
        assert flat("! 出入库有 1 行日期在今天之后，到那天才算进库存") in said, r.stderr
        assert flat("! 1 个 SKU 没有补货周期，也没有供应商的交货周期，补货量只够卖 7 天") in said, r.stderr
    else:
        assert flat("! 1 stock movement dated after today not counted until that day") in said, r.stderr
        assert flat("! 1 SKU with no lead_days and no supplier's lead time: the reorder quantity covers only 7 days")\
            in said, r.stderr
        assert not CJK.search(r.stderr), r.stderr
    assert flat(r.stderr) in flat(shopbook("stock", "alerts", folder).stdout)  # the same words as on screen
