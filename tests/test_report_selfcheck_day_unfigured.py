"""QA (the morning's 自查, 运营): a shop that keeps its 日报 had no row for yesterday (生意参谋's download not
imported): `shopbook selfcheck` said 运营（0）, nothing to do, though yesterday's traffic and targets were not
checked at all. Now the operations role is told the day has no Daily figures and how to bring them in, in the
shop's language; a day with its row, or a shop that never kept a 日报, is told nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report.selfcheck import read_selfcheck
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def shop_of(tmp_path, lang: str, days=(1, 2, 3)):
    folder = tmp_path / "shop"
    init_shop(folder)
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, d), visitors=1000, buyers=30, orders=30, sales=D("3000.00")) for d in days]},
        keep_backup=False)
    return open_shop(folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yesterday_without_daily_figures_is_an_operations_item(tmp_path, lang):
    shop = shop_of(tmp_path, lang)
    r = CliRunner().invoke(app, ["selfcheck", str(shop.folder), "--date", "2026-11-05"])  # (11-04: no row)
    said = " ".join(r.output.split())
    if lang == "zh":
        assert ("运营（1） kpi.xlsx › 日报：2026-11-04 没有日报数据：流量和目标都没有检查。下载生意参谋的数据导入，"
                "或在“日报”表填上这一天 → shopbook kpi import 店铺 文件") in said, said
    else:
        assert ("Operations (1) kpi.xlsx › Daily: 2026-11-04 has no Daily figures: its traffic and targets were not "
                "checked. Import the 生意参谋 download, or fill in the day on the Daily sheet → shopbook kpi import "
                "SHOP FILE") in said, said


def test_a_day_with_its_row_or_a_shop_without_a_daily_sheet_is_told_nothing(tmp_path):
    shop = shop_of(tmp_path, "zh")
    assert not [i for i in read_selfcheck(shop, dt.date(2026, 11, 4)) if i.role == "operations"]  # (11-03's row)
    shop = shop_of(tmp_path / "new", "zh", days=())
    assert not [i for i in read_selfcheck(shop, dt.date(2026, 11, 4)) if i.role == "operations"]
