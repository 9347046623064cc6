"""QA (seeds): the warehouse checks its packing materials every morning (包装盒、快递单、胶带、塑封袋、赠品、卡片).
A 耗材 row at 0 on hand — no waybills left — was low only when its 日均用量 and 预警天数 were both typed:
a sheet kept with the counts alone (the other two are optional) said nothing, `stock supplies` had no !
and the warehouse's self-check was empty while no parcel could ship. Now none left is low, whatever
else the row holds, and the self-check says it as urgent."""

from __future__ import annotations

import json
from decimal import Decimal

from cli_run import shopbook
from shopbook.schema import Supply


def test_a_supply_with_none_left_is_low(stock_shop):
    folder, lang = stock_shop({Supply: [Supply(name="面单", on_hand=0), Supply(name="纸箱", on_hand=40),
                                        Supply(name="胶带", on_hand=0, daily_use=Decimal(2), alert_days=1)]})
    r = shopbook("stock", "supplies", folder)
    said = {ln.split()[1]: ln.split()[0] for ln in r.stdout.splitlines() if ln.strip()}
    assert said["面单"] == "!" and said["胶带"] == "!" and "纸箱" not in [k for k, v in said.items() if v == "!"], r.stdout
    s = shopbook("selfcheck", folder, "--json")
    items = [i for i in json.loads(s.stdout) if i["role"] == "warehouse" and "supplies" in i["action"]]
    assert sorted(i["record"] for i in items) == ["胶带", "面单"], items
    assert all(i["urgent"] and i["what"] == ("耗材用完了：库存 0" if lang == "zh" else "none left: 0 on hand")
               for i in items), items
    assert s.returncode == 1  # (an urgent item)
