"""A promotion none of whose days can be reviewed yet: it has not begun (双12 looked at on 12-05), or
the orders end before it began (黑五's orders not imported yet). Before, each was reviewed as ¥0.00 ←
¥0.00, 0 ← 0 orders, with a ✓; now it stops saying why and what to do, nothing written."""

import datetime as dt

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
