"""A promotion none of whose days can be reviewed yet: it has not begun (双12 looked at on 12-05), or
the orders end before it began (黑五's orders not imported yet). Before, each was reviewed as ¥0.00 ←
¥0.00, 0 ← 0 orders, with a ✓; now it stops saying why and what to do, nothing written."""

import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest
from test_promotion import shop  # noqa: F401
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.issues import DataStop
from shopbook.report.promotion import promotion_report
from shopbook.schema import ORDERS


def add_promotion(shop, name, start, end):  # noqa: F811
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    wb["促销"].append([name, "满减", 200, None, None, dt.datetime.combine(start, dt.time()),
                      dt.datetime.combine(end, dt.time()), "是"])
    wb.save(shop.path(ORDERS))


def test_a_promotion_that_has_not_begun_is_not_reviewed_as_days_of_nothing(shop):  # noqa: F811
    today = dt.date.today()
    add_promotion(shop, "双12", today + dt.timedelta(days=5), today + dt.timedelta(days=7))
    r = CliRunner().invoke(app, ["report", "promotion", str(shop.folder), "双12"])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and f"促销“双12”{today + dt.timedelta(days=5)} 开始（今天是 {today}）" in said, said
    assert "✓" not in said and not list(shop.reports.glob("促销-双12-*"))
    with pytest.raises(DataStop) as e:  # its first day, not over yet
        promotion_report(shop, "双11满就送", today=dt.date(2026, 11, 11))
    assert "2026-11-12 起再评估" in e.value.zh and "Review it from 2026-11-12" in e.value.en


def test_a_promotion_after_the_last_orders_says_to_import_them(shop):  # noqa: F811
    add_promotion(shop, "黑五", dt.date(2026, 11, 27), dt.date(2026, 11, 30))
    with pytest.raises(DataStop) as e:
        promotion_report(shop, "黑五", today=dt.date(2026, 12, 5))
    assert e.value.zh.startswith("订单只到 2026-11-13，促销“黑五”2026-11-27 才开始") and "shopbook orders import" in e.value.zh
    assert not list(shop.reports.glob("促销-黑五-*"))
    rev, _ = promotion_report(shop, "双11满就送", today=dt.date(2026, 11, 12))  # a day of it over: reviewed
    assert rev.during.last == dt.date(2026, 11, 11) and rev.during.orders == 2


def test_a_promotion_at_the_shops_opening_says_the_days_before_are_of_no_shop(shop):  # noqa: F811
    """The shop's first order is on 11-08. A promotion from 11-10 to 11-13 set against 11-06 … 11-09, two of
    them before the shop had any figure: before, '销售额：¥1,279.00 ← ¥300.00（+326.3%）' with a ✓, a rise
    from days of no shop. Now the note says how many of the days before come before the shop's first
    day, and no change is worked out; a promotion from the first day says there is nothing to compare."""
    add_promotion(shop, "早鸟", dt.date(2026, 11, 10), dt.date(2026, 11, 13))
    rev, path = promotion_report(shop, "早鸟", today=dt.date(2026, 11, 20))
    assert rev.began == dt.date(2026, 11, 8) and rev.change("sales") is None and rev.before.sales == D("300.00")
    assert rev.warnings()[0][0] == "店铺从 2026-11-08 才有数据（第一笔订单或日报）：之前的 4 天里有 2 天在这之前，之前的数只有 2 天的；没有算变化。"
    notes = [r[0] for r in openpyxl.load_workbook(path)["促销评估"].values if r[0] and str(r[0]).startswith("注：店铺从")]
    assert len(notes) == 1
    add_promotion(shop, "开业", dt.date(2026, 11, 8), dt.date(2026, 11, 9))
    r = CliRunner().invoke(app, ["report", "promotion", str(shop.folder), "开业"])
    said = " ".join(r.output.split())
    assert "店铺从 2026-11-08 才有数据（第一笔订单或日报）：之前的 2 天都在这之前，没有可比的数。" in said and "%" not in said, said
    rev, _ = promotion_report(shop, "双11满就送", today=dt.date(2026, 11, 20))  # its days before all the shop's
    assert rev.began is None and rev.change("orders") == D(1) / D(3)


def test_the_days_before_the_shop_began_are_said_in_english_in_an_english_shop(shop):  # noqa: F811
    add_promotion(shop, "Early bird", dt.date(2026, 11, 10), dt.date(2026, 11, 12))  # 11-07 … 11-09: one day of figures
    rev, _ = promotion_report(shop, "Early bird", today=dt.date(2026, 11, 20))
    assert rev.warnings()[0][1] == ("The shop's figures begin on 2026-11-08 (its first order or Daily row): 1 of the 3 "
                                    "days before comes earlier, so the days before hold only 2 days' figures; no change "
                                    "is worked out.")
    add_promotion(shop, "Early bird 2", dt.date(2026, 11, 9), dt.date(2026, 11, 10))  # 11-07, 11-08: one day
    rev, _ = promotion_report(shop, "Early bird 2", today=dt.date(2026, 11, 20))
    assert "hold only 1 day's figures" in rev.warnings()[0][1]
