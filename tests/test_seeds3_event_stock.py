"""The seeds decide an event's stock a week before it at the latest (在后期筹备活动…重新估算实际需要的库存数量，
以备工厂下单生产，活动前一个星期内必须有决定). `purchase suggest` a week before 双12 worked from ordinary days'
sales and said nothing of the event on the 促销 sheet: "✓ nothing to order". It now says, under its
suggestion, each 大促 starting within 7 days and that its extra sales are not in the quantities."""

from __future__ import annotations

import datetime as dt

from test_stock_checks import item, new_shop

from shopbook.purchasing.workflow import purchase_suggest
from shopbook.schema import ORDERS, Promotion
from shopbook.workbook_builder import write_workbook

TODAY = dt.date(2026, 12, 5)


def test_a_big_event_a_week_ahead_is_said_under_the_suggestion(tmp_path):
    s = new_shop(tmp_path, [item("A", 50)])
    big = "大促"
    write_workbook(s.path(ORDERS), ORDERS, "zh", {Promotion: [
        Promotion(name="双12", kind=big, start=dt.date(2026, 12, 12), end=dt.date(2026, 12, 12), enabled=True),
        Promotion(name="年货节", kind=big, start=dt.date(2026, 12, 13), enabled=True),  # 8 days: not yet
        Promotion(name="黑五", kind=big, start=dt.date(2026, 11, 27), end=dt.date(2026, 12, 6), enabled=True),  # on
        Promotion(name="停了的", kind=big, start=dt.date(2026, 12, 8), enabled=False),
        Promotion(name="满199送袜子", kind="满就送", start=dt.date(2026, 12, 8), enabled=True)]}, keep_backup=False)
    res = purchase_suggest(s, today=TODAY)
    said = res.said()
    assert said[0][0] == "✓" and len(said) == 2
    mark, zh, en = said[1]
    assert mark == "!" and zh.startswith("大促“双12”2026-12-12 开始（还有 7 天）：采购建议按近 14 天的平常销量算")
    assert "活动前一个星期内定下来" in zh and "big event '双12' starts 2026-12-12 (in 7 days)" in en
    assert res.to_json()["events_ahead"] == [{"name": "双12", "start": "2026-12-12", "days": 7}]
