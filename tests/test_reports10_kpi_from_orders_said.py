"""A day 日报 has no row for, its orders paid: the KPI step read '✓ 3 个异常' on screen, as a day of every
figure judged; only the e-mail said the traffic figures were missing. Now the step says what it judged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_daily import demo_like_shop
from test_pick_stock import _orders_typed

from shopbook.report import workflow
from shopbook.schema import OrderLine


def test_the_kpi_step_of_a_day_from_the_orders_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 23))
    shop = demo_like_shop(tmp_path)  # (日报 to 11-21)
    _orders_typed(shop, [OrderLine(order_no=f"X{k}", receiver="张三", phone="13800000000",
                                   address="浙江省 杭州市 西湖区 a", sku="S", qty=1, unit_price=D(60), status="已发货",
                                   paid_at=dt.datetime(2026, 11, 22, 9 + k)) for k in range(3)])
    run = workflow.run_daily(shop, dt.date(2026, 11, 22), send=False, steps_only=("kpi",))
    [kpi] = run.steps
    assert kpi.detail == "3 个异常（日报里没有这一天：只有订单表的订单数、件数和销售额，没有流量数据）", kpi.detail
    run = workflow.run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("kpi",))  # its row: as before
    assert run.steps[0].detail == "3 个异常", run.steps[0].detail
