"""QA (the buyer, the week after 双12): the reorder averages the last 14 days' sales, and a 大促 in them (a hoodie
selling 2 a day sold 62 on 双12) was taken as every day's: `stock alerts` and `purchase suggest` ordered 76 at
what the event sold, and said nothing of it. Both now say, under their count, the 大促 rows of the 促销 sheet in
those days and that the quantities may order too much; not a 大促 outside them, nor another kind of promotion,
nor where nothing is to be ordered."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook.schema import ORDERS, Movement, Product, Promotion, Supplier
from shopbook.workbook_builder import write_workbook

TODAY = dt.date.today()


def _d(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def _shop(stock_shop, opening=100):
    moves = [Movement(date=_d(n), sku="A", type="出库", qty=2) for n in range(14)]
    moves.append(Movement(date=_d(5), sku="A", type="出库", qty=60))
    folder, lang = stock_shop({
        Product: [Product(sku="A", name="卫衣", cost=Decimal(40), price=Decimal(129), opening_qty=opening, lead_days=7,
                          supplier="甲厂")],
        Movement: moves, Supplier: [Supplier(supplier="甲厂", lead_days=7)]})
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {Promotion: [
        Promotion(name="双12", kind="大促", start=_d(5), end=_d(5)),
        Promotion(name="年货节", kind="大促", start=_d(-20), end=_d(-15)),  # ahead: not in the days of sales
        Promotion(name="满199减20", kind="满减", threshold=Decimal(199), start=_d(8))]}, keep_backup=False)
    return folder, lang


def test_a_big_event_in_the_days_of_sales_is_said_under_the_reorder(stock_shop):
    folder, lang = _shop(stock_shop)
    day = f"{_d(5):%m-%d}"
    zh = (f"! 近 14 天的销量里有大促“双12”（{day}）：补货量按的日均销量含活动那几天多卖的，平常卖不了这么快，可能订多了；"
          "下单前按平常的销量核对一下")
    en = (f"! the last 14 days' sales hold big event '双12' ({day}): the daily sales the reorder quantities are worked "
          "from count what it sold more as every day's, faster than ordinary days sell, and may order too much; check "
          "them against ordinary days' sales before ordering")
    for cmd in (("stock", "alerts"), ("purchase", "suggest")):
        r = shopbook(*cmd, folder)
        out = r.stdout.replace("\n", " ")
        assert (zh if lang == "zh" else en) in out, out
        assert "年货节" not in out and "满199减20" not in out, out
        if lang == "en":
            assert not CJK.search(out.replace("卫衣", "").replace("双12", "").replace("甲厂", "")), out
    j = json.loads(shopbook("purchase", "suggest", folder, "--json").stdout)
    assert j["events_in_sales"] == [{"name": "双12", "start": _d(5).isoformat(), "end": _d(5).isoformat()}], j
    r = shopbook("stock", "alerts", folder, "--json")  # the list as it was, the note on stderr
    assert [a["reorder_qty"] for a in json.loads(r.stdout)] == [76] and "双12" in r.stderr, r.stderr


def test_not_said_where_nothing_is_to_order(stock_shop):
    folder, _ = _shop(stock_shop, opening=1000)
    for cmd in (("stock", "alerts"), ("purchase", "suggest")):
        r = shopbook(*cmd, folder)
        assert "双12" not in r.stdout + r.stderr, r.stdout + r.stderr
