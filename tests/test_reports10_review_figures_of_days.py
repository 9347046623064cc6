"""The monthly review's e-mail and group message of a month one of whose days 日报 lacks (filled from its
orders): '支付买家数：1,119' beside '支付订单数：1,186', as the month's buyers, the day's 63 not in them and
nothing saying so. Now the visitors and buyers say how many days they are of."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_daily import demo_like_shop
from test_pick_stock import _orders_typed

from shopbook.report import workflow
from shopbook.report.monthly import build_review, key_figures
from shopbook.schema import OrderLine


def test_the_reviews_buyers_say_the_days_they_are_of(tmp_path, monkeypatch):
    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 30))
    shop = demo_like_shop(tmp_path)  # (日报 11-14 … 11-21)
    _orders_typed(shop, [OrderLine(order_no=f"X{k}", receiver="张三", phone="13800000000",
                                   address="浙江省 杭州市 西湖区 a", sku="S", qty=1, unit_price=D(60), status="已发货",
                                   paid_at=dt.datetime(2026, 11, 22, 9 + k)) for k in range(3)])
    rev = build_review(shop, "weekly", "2026-W47")  # 11-16 … 11-22: 11-22 from its 3 orders alone
    said = dict(key_figures(rev, True))
    assert said["支付订单数"] == "226", said  # (11-16 … 11-21: 38, 40, 44, 40, 41, 20; 11-22: 3)
    assert said["支付买家数"] == f"{rev.total.buyers:,}（6 天的；另 1 天日报里没有这个数）", said
    assert said["访客数"] == "12,000（6 天的；另 1 天日报里没有这个数）", said
    en = dict(key_figures(rev, False))
    assert en["Buyers"].endswith(" (of 6 days; 1 more has no Daily figure for it)"), en
    rev = build_review(shop, "weekly", "2026-W46")  # (11-14 … 11-15 of it: every day has them)
    assert "（" not in dict(key_figures(rev, True))["支付买家数"]
