"""The shop's thresholds exactly met, each against DOMAIN.md's rule (in-process: the pure rules the commands
call, no files; each case a few records). Today 2026-12-05.

- 库存报警 "at or below" the safety stock: 5 of safety 5 alerted, 6 not.
- 主推款 keeps 30 on hand: 30 is enough, 29 is alerted and filled to 30.
- 30 days without a sale (30天无销量): a last sale 30 days ago is not slow, 31 days ago is.
- 耗材 low below its 预警天数: 70 boxes at 10 a day (7.0 days) is not low against 7, 69 (6.9) is.
- 返利 at the highest threshold reached: sales exactly 3,000.00 earn 3,000's rate, 2,999.99 the one below.
- 运费 first weight up to 首重, every started kg beyond: 1 kg = 8.00, 1.01 kg = 11.00, 2 kg = 11.00.
- money rounded half up (四舍五入), never half to even: an agent price of 10.25 × 0.5 = 5.125 is 5.13,
  客单价 0.125 is 0.13.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from shopbook.agents.prices import PriceBook
from shopbook.agents.settlement import rebate_for
from shopbook.kpi.metrics import aov_of
from shopbook.orders.shipping_fee import fee_for
from shopbook.schema import Movement, Product, Rebate, ShippingRate, Supply, Tier
from shopbook.stock.report import alerts, slow_movers, supplies_check

TODAY = dt.date(2026, 12, 5)


def _p(sku, **kw):
    return Product(sku=sku, name="T恤", cost=D(10), price=D(99), status="在售", **kw)


def test_stock_thresholds_exactly_met():
    def alerted(p):
        return [(a.sku, a.reorder_qty) for a in alerts([p], [], [], [], TODAY)]

    assert [a for a, _ in alerted(_p("A", safety_stock=5, opening_qty=5))] == ["A"]  # (its 补货: see the report)
    assert alerted(_p("A", safety_stock=5, opening_qty=6)) == []
    assert alerted(_p("M", main=True, opening_qty=30)) == []
    assert alerted(_p("M", main=True, opening_qty=29)) == [("M", 1)]
    shirt = _p("A", opening_qty=5)
    for days_ago, slow in ((30, []), (31, [31])):
        moves = [Movement(date=dt.date(2026, 10, 1), sku="A", type="入库", qty=5),
                 Movement(date=TODAY - dt.timedelta(days=days_ago), sku="A", type="出库", qty=1)]
        assert [s.days_since_sale for s in slow_movers([shirt], moves, TODAY)[0]] == slow
    low = {c.name: (c.days_left, c.low) for c in supplies_check(
        [Supply(name="纸箱", on_hand=70, daily_use=D(10), alert_days=7),
         Supply(name="胶带", on_hand=69, daily_use=D(10), alert_days=7)])}
    assert low == {"纸箱": (D("7.0"), False), "胶带": (D("6.9"), True)}


def test_money_thresholds_exactly_met_and_rounded_half_up():
    table = [Rebate(threshold=D(1000), rate=D("0.02")), Rebate(threshold=D(3000), rate=D("0.03"))]
    assert rebate_for(D("3000.00"), table) == (D("0.03"), D(3000))
    assert rebate_for(D("2999.99"), table) == (D("0.02"), D(1000))
    assert rebate_for(D("999.99"), table) == (D(0), None)
    rate = ShippingRate(courier="中通", province="其他", first_kg=D(1), first_price=D(8), extra_per_kg=D(3))
    assert [fee_for(rate, D(w)) for w in ("1", "1.01", "2", "2.5")] == [D(8), D(11), D(11), D(14)]
    book = PriceBook([Product(sku="C", name="袜子", cost=D(1), price=D("10.25"), status="在售")],
                     [Tier(tier="一级", discount=D("0.5"))], [])
    assert book.price("C", "一级") == D("5.13")  # 5.125: half up, where half-even gives 5.12
    assert aov_of(D("0.125"), 1) == D("0.13") and aov_of(D(100), 3) == D("33.33")
