"""QA of an English shop's words: the group message's brackets and the daily report's arrows in
ASCII, and every count singular or plural as it should be (`1 anomalies`, `1 orders`, `1 stock
alerts` before)."""

import datetime as dt
from decimal import Decimal as D

from typer.testing import CliRunner

from demo_shop import demo_copy
from shopbook import cli
from shopbook.cli import app
from shopbook.kpi.metrics import Day, day_report
from shopbook.report.bots import daily_summary
from shopbook.report.daily import DailySummary, kpi_rows
from shopbook.report.workflow import run_daily
from shopbook.shop import open_shop

DAY = dt.date(2026, 11, 21)


def test_the_group_message_and_arrows_of_an_english_shop_are_ascii():
    # 30 orders: the default target, met exactly (a shop open since August: past its first two months)
    days = [Day(dt.date(2026, 8, 1), 1000, 30, 30, D("3000.00"), 30), Day(DAY, 1000, 30, 30, D("3000.00"), 30)]
    rows, _ = kpi_rows(day_report(days, DAY, []), "en")
    orders = next(r for r in rows if r.metric == "orders")
    assert orders.vs_target == "="
    s = DailySummary("Shop", DAY, "en", kpi=rows, alerts=[("SKU-1", "Shirt", "low", 1, 5)])
    msg = daily_summary(s)
    assert ("Orders", "30 (target 30= (default))") in msg.figures, msg.figures  # no 目标 row: the default, marked
    assert not any(ch in v for _, v in msg.figures for ch in "（）＝")
    assert "1 stock alert" in msg.todo
    zh = daily_summary(DailySummary("店", DAY, "zh", kpi=kpi_rows(day_report(days, DAY, []), "zh")[0]))
    assert ("支付订单数", "30（目标 30＝（默认））") in zh.figures, zh.figures  # a Chinese shop's as before


def test_one_anomaly_and_one_order_in_an_english_shop(tmp_path, monkeypatch):
    folder = demo_copy(tmp_path / "shop", "en")
    run = run_daily(open_shop(folder), dt.date(2026, 11, 17), send=False, steps_only=("kpi",))  # (one that day)
    assert run.steps[0].detail == "1 anomaly", run.steps[0].detail
    monkeypatch.setattr(cli.out, "width", 200)
    r = CliRunner().invoke(app, ["customers", str(folder)])
    assert r.exit_code == 0 and " 1 order  ¥" in r.stdout and " 1 orders" not in r.stdout, r.stdout
    assert " 2 orders  ¥" in r.stdout
