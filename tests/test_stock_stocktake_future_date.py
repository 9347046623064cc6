"""QA (stocktake): `shopbook stocktake post --date <a day ahead>` said only "盘点日期 … 在未来。" (The stocktake date … is
in the future.), not what was done or what to do. Now it says nothing was posted, to check --date and give the day
of the count, and to correct the 盘点 sheet's dates where they are ahead too; in the shop's language, whole."""

from __future__ import annotations

import datetime as dt

import pytest
from cli_run import CJK
from test_orders import build_shop

from shopbook.issues import DataStop
from shopbook.stock.workflow import stocktake_post

TODAY = dt.date(2026, 11, 30)


def test_a_count_date_ahead_says_what_to_do(tmp_path):
    shop = build_shop(tmp_path)
    before = {p.name: p.read_bytes() for p in shop.folder.glob("*.xlsx")}
    with pytest.raises(DataStop) as stop:
        stocktake_post(shop, dt.date(2026, 12, 30), today=TODAY)
    assert stop.value.say("zh") == (
        "盘点日期 2026-12-30 在未来（今天是 2026-11-30）：没有过账，什么都没有写。请核对 --date，给盘点那天的日期（今天或以前）；"
        "“盘点”表里的日期也写成了未来的，先改正那些日期，再过账。")
    en = stop.value.say("en")
    assert en == ("The stocktake date 2026-12-30 is in the future (today is 2026-11-30): nothing was posted or written. "
                  "Check --date and give the day of the count (today or earlier); if the dates on the Stocktake sheet "
                  "are in the future too, correct them first, then post.") and not CJK.search(en)
    assert {p.name: p.read_bytes() for p in shop.folder.glob("*.xlsx")} == before
