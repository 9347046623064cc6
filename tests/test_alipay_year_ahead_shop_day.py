"""(review of 03b83519) A row typed a year ahead (2027-11-06 for November 2026's 直通车 line) is said 'the year most likely
mistyped' only while its day has not come: that 'today' was the PC's own date (date.today()), a day behind the shop's on
a PC set to UTC until 08:00 in China. It is the shop's day (io.files.shop_clock), as the rest of shopbook says it."""

from __future__ import annotations

import datetime as dt
import time
from types import SimpleNamespace

import pytest

from shopbook.money import workflow
from shopbook.money.workflow import reconcile_alipay_file
from test_alipay_row_dated_a_month_ahead import _typed
from test_money import classic_statement, november_lines, shop, write_statement  # noqa: F401


@pytest.fixture
def pc_on_utc(monkeypatch):
    """This PC's clock set to UTC (restored after)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_row_a_year_ahead_is_weighed_against_the_shops_day_not_the_pcs(shop, tmp_path, monkeypatch, pc_on_utc):
    shop = _typed(shop, dt.datetime(2027, 11, 6))
    path = write_statement(tmp_path, classic_statement(november_lines()))

    def said_at(utc: dt.datetime):
        monkeypatch.setattr(workflow, "time", SimpleNamespace(time=lambda: utc.replace(tzinfo=dt.timezone.utc).timestamp()),
                            raising=False)  # (a workflow that read no clock of its own: as the PC says)
        (said,) = [i for i in reconcile_alipay_file(shop, path).statement_issues if i.value == "A5"]
        return said

    # 2027-11-05 16:30 UTC, the PC's 11-05: the shop's 2027-11-06 00:30, the row's day come
    said = said_at(dt.datetime(2027, 11, 5, 16, 30))
    assert "多半是年份写错了" not in said.message_zh and "most likely the year" not in said.message_en
    assert "若那一行是 2027 自己的一笔（比如每年都扣的费用）" in said.message_zh
    assert "if that row is 2027's own (a charge of every year)" in said.message_en
    # 2027-11-05 15:30 UTC: the shop's 11-05 23:30, the row's day not come yet
    said = said_at(dt.datetime(2027, 11, 5, 15, 30))
    assert "多半是年份写错了（2026 写成了 2027）" in said.message_zh
    assert "most likely the year was mistyped (2027 for 2026)" in said.message_en
