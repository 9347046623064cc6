"""A 生意参谋 figure in 万 with more places than its unit holds (访客数 1.23456万 is 12,345.6 visitors; 支付金额
3.5200123万 is ¥35,200.123) was cut to 12345 and 35200.12 without a word: a day's figures 生意参谋 never had,
taken as exact. Now it is refused as the rounded ones are, located at its row and column, in the shop's
language, with what to do; the other days come in, and a figure whose extra places are 0 (0.700100万) is exact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from test_kpi_import import DAYS, daily_rows, sycm_xlsx

from shopbook.kpi.import_sycm import import_kpi
from shopbook.shop import init_shop, open_shop

NAME = "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_figure_in_wan_finer_than_its_unit_is_refused_located(tmp_path, lang):
    init_shop(tmp_path / lang, lang)
    shop = open_shop(tmp_path / lang)
    days = [list(r) for r in DAYS]
    days[0][1], days[1][6] = "1.23456万", "3.5200123万"
    res = import_kpi(shop, [sycm_xlsx(tmp_path / lang / NAME, days=days)])
    assert not res.ok and res.added == [dt.date(2026, 11, 20)], res.said(10)
    said = [x[1 if lang == "zh" else 2] for x in res.said(10)]
    if lang == "zh":
        assert any("第 6 行：访客数“1.23456万”是 12,345.6，不是整数" in x and "这一格没有导入" in x for x in said), said
        assert any("第 7 行：支付金额“3.5200123万”是 35,200.123，比一分钱还细" in x for x in said), said
    else:
        assert any("row 6: 访客数 '1.23456万' is 12,345.6, not a whole number" in x and "not imported" in x
                   for x in said), said
        assert any("row 7: 支付金额 '3.5200123万' is 35,200.123, finer than a fen (0.01)" in x for x in said), said
    rows = daily_rows(shop)
    assert dt.date(2026, 11, 18) not in rows and dt.date(2026, 11, 19) not in rows  # never 12345, never 35200.12


def test_places_past_the_unit_that_are_0_are_exact(tmp_path):
    init_shop(tmp_path / "shop")
    shop = open_shop(tmp_path / "shop")
    days = [list(r) for r in DAYS]
    days[0][1], days[0][6] = "0.700100万", "3.5000100万"
    res = import_kpi(shop, [sycm_xlsx(tmp_path / NAME, days=days)])
    assert res.ok and not res.issues, res.said(10)
    r = daily_rows(shop)[dt.date(2026, 11, 18)]
    assert r.visitors == 7001 and r.sales == D("35000.10"), r
