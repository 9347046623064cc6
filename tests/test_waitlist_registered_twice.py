"""QA (客服's week): a customer who asks again a week later for the same sold-out size is typed on the
缺货登记 a second time. When the goods came in, `stock waitlist` listed them twice (called twice), the
self-check twice, and `stock alerts` counted two customers waiting and ordered two units for one person;
once the row shown first was marked 已通知, the other came back the next day, to call them again. Now
they wait once, from their first registration; their call line names both rows to mark; and a row
marked 已通知 serves the same customer's earlier rows for that SKU (they were told after both were typed)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook.schema import Movement, Product, WaitlistEntry

TODAY = dt.date.today()


def _shop(stock_shop, arrived=0, notified=(None, None)):
    return stock_shop({
        Product: [Product(sku="SH05-BG-S", style="SH05", colour="米色", size="S", name="衬衫", cost=Decimal(20),
                          price=Decimal(60), safety_stock=0),
                  Product(sku="SH05-BG-M", style="SH05", colour="米色", size="M", name="衬衫", cost=Decimal(20),
                          price=Decimal(60), opening_qty=5)],
        Movement: [Movement(date=TODAY, sku="SH05-BG-S", type="入库", qty=arrived)] if arrived else [],
        WaitlistEntry: [WaitlistEntry(date=TODAY - dt.timedelta(days=9), customer="tb_wait0", contact="13800000000",
                                      sku="SH05-BG-S", notified=notified[0]),
                        WaitlistEntry(date=TODAY - dt.timedelta(days=8), customer="乙", sku="SH05-BG-S"),
                        # a week later, typed by a colleague: style + size, the ID in capitals with a space after it
                        WaitlistEntry(date=TODAY - dt.timedelta(days=2), customer="TB_wait0 ", style="sh05", size="s",
                                      notified=notified[1])],
    })


def test_waiting_twice_is_one_customer_waiting(stock_shop):
    folder, _ = _shop(stock_shop)
    s = {x["sku"]: x for x in json.loads(shopbook("stock", "alerts", folder, "--json").stdout)}["SH05-BG-S"]
    assert s["waiting"] == 2 and s["reorder_qty"] == 2, s  # tb_wait0 and 乙, a unit each (before: 3 and 3)
    said = shopbook("stock", "alerts", folder).stdout
    assert ("等待 2" if "缺货" in said else "waiting 2") in said, said


def test_called_once_with_both_rows_to_mark(stock_shop):
    folder, lang = _shop(stock_shop, arrived=3)
    r = shopbook("stock", "waitlist", folder, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    calls = json.loads(r.stdout)
    assert [(c["customer"], c["since"], c["rows"]) for c in calls] == [
        ("tb_wait0", (TODAY - dt.timedelta(days=9)).isoformat(), [2, 4]),
        ("乙", (TODAY - dt.timedelta(days=8)).isoformat(), [3])], calls
    said = shopbook("stock", "waitlist", folder).stdout
    assert said.count("tb_wait0") == 1, said
    assert ("第 2、4 行都要填“是”" if lang == "zh" else "registered twice, rows 2, 4: mark each") in said, said
    assert lang == "zh" or not CJK.search(said.replace("乙", "").replace("衬衫", "")), said
    check = shopbook("selfcheck", folder).stdout
    assert check.count("tb_wait0") == 1, check


def test_the_later_row_marked_serves_the_earlier(stock_shop):
    folder, _ = _shop(stock_shop, arrived=3, notified=(None, True))
    calls = json.loads(shopbook("stock", "waitlist", folder, "--json").stdout)
    assert [c["customer"] for c in calls] == ["乙"], calls


def test_the_earlier_row_marked_leaves_the_later_to_call(stock_shop):
    """Told before they asked again (the row typed after the 已通知 one): that request still waits."""
    folder, _ = _shop(stock_shop, arrived=3, notified=(True, None))
    calls = json.loads(shopbook("stock", "waitlist", folder, "--json").stdout)
    assert [(c["customer"], c["rows"]) for c in calls] == [("乙", [3]), ("TB_wait0", [4])], calls
