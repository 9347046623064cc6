"""QA (promotion review after 双11): a day of the days before with no figures at all (11-10's orders never
imported, no 日报 row for it) read '销售额：¥540.00 ← ¥360.00（+50.0%）' with nothing said: three days of the
promotion against two of trade. The monthly review says such a day; now the promotion review does too, for
each window, in the shop's language, on the screen (no ✓) and in the workbook's notes. A day of no orders
with its 日报 row (the shop open, nobody bought) is a day of figures: not said."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report.promotion import promotion_report
from shopbook.schema import KPI, ORDERS, STOCK, DailyKpi, OrderLine, Product, Promotion
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

GAP, NONE_SOLD = dt.date(2026, 11, 10), dt.date(2026, 11, 9)


def shop_of(tmp_path, lang: str):
    folder = tmp_path / "shop"
    init_shop(folder)
    if lang == "en":
        toml = folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('language = "zh"', 'language = "en"'), encoding="utf-8")
    days = [dt.date(2026, 11, 1) + dt.timedelta(days=k) for k in range(13)]
    lines = [OrderLine(order_no=f"T{d:%d}{k}", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a",
                       sku="S", qty=1, unit_price=D(60), status="已发货", gifts="无",
                       paid_at=dt.datetime.combine(d, dt.time(9 + k)))
             for d in days if d not in (GAP, NONE_SOLD) for k in range(3)]
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: lines, Promotion: [
        Promotion(name="双11", kind="满减", threshold=D(100), start=dt.date(2026, 11, 11), end=dt.date(2026, 11, 13),
                  enabled=True)]}, keep_backup=False)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [Product(sku="S", name="衬衫", cost=D(20), price=D(60))]},
                   keep_backup=False)
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [  # 11-09: open, nobody bought
        DailyKpi(date=NONE_SOLD, visitors=150, buyers=0, orders=0, sales=D(0))]}, keep_backup=False)
    return open_shop(folder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_day_of_no_figures_before_the_promotion_is_said(tmp_path, lang):
    shop = shop_of(tmp_path, lang)
    r = CliRunner().invoke(app, ["report", "promotion", str(shop.folder), "双11"])
    assert r.exit_code == 0, r.output
    said = " ".join(r.output.split())
    if lang == "zh":
        note = ("之前的 3 天里有 1 天没有数据（日报里没有这一天的数据，也没有订单）：2026-11-10。之前的数少了这一天，变化不准："
                "补上这一天的订单（shopbook orders import）或日报（shopbook kpi import），再评估。")
    else:
        note = ("1 day of the 3 days before it has no figures (no Daily figures and no orders): 2026-11-10. The figures "
                "before it lack it, so the change is not true: import that day's orders (shopbook orders import) or "
                "Daily figures (shopbook kpi import), then review again.")
    assert f"! {note}" in said and "✓" not in said, said
    assert "2026-11-09" not in said, said  # (its 日报 row: a day of none sold, known)
    [path] = shop.reports.glob("*.xlsx")
    notes = [r[0] for r in openpyxl.load_workbook(path).worksheets[0].values if r[0] and r[0].startswith(("注：", "Note: "))]
    assert notes == [("注：" if lang == "zh" else "Note: ") + note], notes


def test_a_promotion_of_whole_days_says_nothing_missing(tmp_path):
    shop = shop_of(tmp_path, "zh")
    write_workbook(shop.path(KPI), KPI, "zh", {DailyKpi: [DailyKpi(date=d, visitors=150, buyers=0, orders=0, sales=D(0))
                                                          for d in (NONE_SOLD, GAP)]}, keep_backup=False)
    rev, _ = promotion_report(shop, "双11", today=dt.date(2026, 11, 20))
    assert rev.missing == [] and rev.warnings() == [], rev.warnings()
