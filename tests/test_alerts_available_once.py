"""QA: an alert's reasons said its available figure again beside the one every list gives it: the daily
report's "挂起订单要 16 件，可用 0（可用 0，补货 16）", `stock alerts`' "可用 1 补货 4 可用 1 ≤ 安全库存 5". Now the
reasons say why (不高于安全库存 5, 挂起订单要 16 件, 按近 14 天的销量约 4 天卖完…) and the figure is said once."""

from __future__ import annotations

import datetime as dt

from cli_run import flat, shopbook
from test_stock import order
from test_stock_checks import item, new_shop


def test_available_is_said_once_an_alert(tmp_path):
    today = dt.date.today()
    from shopbook.schema import Movement

    lines = [order("H1", "B", 16, "已挂起", "挂起：库存不足：B 需要 16，可用 0")]
    # (the books begun 40 days ago: 14 days of sales averaged over 14, not over the days since the books began)
    shop = new_shop(tmp_path, [item("A", 1, safety_stock=5), item("B", 0), item("C", 20, lead_days=10)], lines=lines,
                    movements=[Movement(date=today - dt.timedelta(days=40), sku="C", type="入库", qty=10),
                               Movement(date=today - dt.timedelta(days=1), sku="C", type="出库", qty=28)])
    r = shopbook("stock", "alerts", shop.folder)
    out = r.stdout + r.stderr
    rows = {ln.split()[0]: ln for ln in out.splitlines() if ln.startswith("  ")}
    assert set(rows) == {"A", "B", "C"}, out
    for sku, ln in rows.items():
        assert ln.count("可用") == 1, ln
    assert flat(rows["A"]).endswith(flat("可用 1 补货 4 不高于安全库存 5"))
    assert flat("缺货；挂起订单要 16 件") in flat(rows["B"])
    assert flat("按近 14 天的销量约 1 天卖完，到货要 10 天") in flat(rows["C"])
