"""生意参谋 shows large figures in 万 (访客数 1.2万, 支付金额 3.52万), and a download can carry them so. A day's
1.2万 visitors was refused with '请写出整个数 12000，不带“万”': a person told to type a rounded figure into 日报
as the day's exact one, and one written to the unit (1.2345万: 12345) refused all the same. Now a figure whose
places reach its unit (a visitor, a fen) comes in whole and exact, and a rounded one is refused as rounded, with
what to do: the exact figure from 生意参谋, or a download not in 万; the other days come in as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_kpi_import import DAYS, daily_rows, sycm_xlsx

from shopbook.kpi.import_sycm import import_kpi
from shopbook.shop import init_shop, open_shop

NAME = "【生意参谋平台】店铺整体_日_2026-11-18_2026-11-20.xlsx"


def test_a_figure_in_wan_written_to_its_unit_comes_in_whole_and_exact(tmp_path):
    init_shop(tmp_path / "shop")
    shop = open_shop(tmp_path / "shop")
    days = [list(r) for r in DAYS]
    days[0][1], days[0][6] = "0.7001万", "3.500010万"  # 7,001 visitors, ¥35,000.10
    res = import_kpi(shop, [sycm_xlsx(tmp_path / NAME, days=days)])
    assert res.ok and not res.issues, res.said(10)
    r = daily_rows(shop)[dt.date(2026, 11, 18)]
    assert r.visitors == 7001 and r.sales == D("35000.10") and r.aov == D("210.84"), r


def test_a_rounded_figure_in_wan_is_refused_as_rounded_in_the_shops_language(tmp_path):
    for lang in ("zh", "en"):
        init_shop(tmp_path / lang, lang)
        shop = open_shop(tmp_path / lang)
        days = [list(r) for r in DAYS]
        days[0][1], days[0][6] = "1.2万", "3.5万"
        res = import_kpi(shop, [sycm_xlsx(tmp_path / lang / NAME, days=days)])
        assert not res.ok and res.added == [dt.date(2026, 11, 19), dt.date(2026, 11, 20)], res.said(10)
        said = [x[1 if lang == "zh" else 2] for x in res.said(10)]
        if lang == "zh":
            assert any("第 6 行：访客数“1.2万”是生意参谋四舍五入到 1,000 的数（约 12,000），不是确切的数，这一格没有导入。"
                       "请在生意参谋查到这一天确切的访客数填进日报，或重新下载不以“万”为单位的报表。" in x for x in said), said
            assert any("支付金额“3.5万”是生意参谋四舍五入到 1,000 的数（约 35,000）" in x for x in said), said
        else:
            assert any("row 6: 访客数 '1.2万' is 生意参谋's figure rounded to the nearest 1,000 (about 12,000), not the "
                       "exact one, so the cell was not imported. Type that day's exact figure into the Daily sheet from "
                       "生意参谋, or download the report again with figures not in '万'." in x for x in said), said
        assert not any("12000" in x for x in said), said  # never told to type the rounded figure
        assert dt.date(2026, 11, 18) not in daily_rows(shop)
