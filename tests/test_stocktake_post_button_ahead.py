"""QA (button ↔ CLI): the 盘点过账 button posts the latest count up to today. A 盘点 sheet whose counts are all
dated after today (2027 typed for 2026) left it nothing to post, and its box, as `stocktake post --date TODAY`,
said to give "--date" one of the dates it has, the very date the command refuses as in the future. Now both say
that date is after today and cannot be posted (the year or day mistyped), and offer --date only a date it takes."""

from __future__ import annotations

import datetime as dt

import pytest
from count_shops import count_shop
from xlfake import FakeBook

from shopbook import xl
from shopbook.issues import DataStop
from shopbook.schema import STOCK, StocktakeCount
from shopbook.shop import open_shop
from shopbook.stock.workflow import stocktake_post


def test_a_count_dated_after_today_is_said_as_a_slip_by_the_button_and_the_command(tmp_path):
    today = dt.date.today()
    ahead = today.replace(year=today.year + 1) if (today.month, today.day) != (2, 29) else today + dt.timedelta(366)
    folder = count_shop(tmp_path, "zh", ("A", "B"), counts=[StocktakeCount(date=ahead, sku="A", counted=9)])
    book = FakeBook(folder / STOCK.filename)
    xl.stocktake_post(book)
    box = book.app.alerts[-1]
    assert box["mode"] == "critical", box
    assert f"{ahead} 在今天（{today}）之后，不能过账" in box["prompt"], box["prompt"]
    assert "--date" not in box["prompt"], box["prompt"]  # (no date the command would take to offer)
    with pytest.raises(DataStop) as stop:  # `stocktake post --date TODAY`: the same words
        stocktake_post(open_shop(folder), today, dry_run=True, today=today)
    assert stop.value.zh in box["prompt"], (stop.value.zh, box["prompt"])
    # the command asked for another day: the same, in English too
    with pytest.raises(DataStop) as stop:
        stocktake_post(open_shop(folder), today - dt.timedelta(1), dry_run=True, today=today)
    assert "--date" not in stop.value.zh and f"{ahead} 在今天" in stop.value.zh, stop.value.zh
    assert f"{ahead} is after today ({today}) and cannot be posted" in stop.value.en, stop.value.en
