"""QA: re-running the daily report for an older day counted today's approved orders in that day's
stock alerts and reorder quantities (orders.xlsx keeps where each order stands now, not which held
stock that day). Now a past day's alerts leave the orders out and say so, as `purchase suggest --date`
does (stock.report.PAST_ALERTS_NOTE)."""

from __future__ import annotations

import datetime as dt
import email
from decimal import Decimal as D
from email import policy

from shopbook.stock.report import PAST_ALERTS_NOTE as PAST_NOTE
from shopbook.report.workflow import run_daily
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def _shop(tmp_path, lang: str = "zh"):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="S", name="衬衫", cost=D(20), price=D(60), opening_qty=5, safety_stock=2)]}, keep_backup=False)
    today = dt.datetime.combine(dt.date.today(), dt.time(9))
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [  # approved this morning: 4 of the 5 held
        OrderLine(order_no="T1", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S", qty=4,
                  unit_price=D(60), status="已审核" if lang == "zh" else "approved", paid_at=today)]},
        keep_backup=False)
    return open_shop(folder)


def test_a_past_days_report_does_not_count_todays_orders_in_its_stock_alerts(tmp_path):
    shop = _shop(tmp_path)
    week_ago = dt.date.today() - dt.timedelta(days=7)
    run = run_daily(shop, week_ago, send=False, steps_only=("stock", "report", "email"))
    step = {s.name: s for s in run.steps}["stock"]
    assert run.summary.alerts == [], run.summary.alerts  # 5 on hand that day, safety 2: no alert
    assert step.ok is True and PAST_NOTE[0] in step.detail, step.detail
    text = email.message_from_bytes(run.email.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert PAST_NOTE[0] in text, text
    # yesterday's report (the morning job's) counts them: 5 − 4 = 1 available ≤ 2
    run = run_daily(shop, dt.date.today() - dt.timedelta(days=1), send=False, steps_only=("stock",))
    assert [(a[0], a[3]) for a in run.summary.alerts] == [("S", 1)], run.summary.alerts
    assert PAST_NOTE[0] not in {s.name: s for s in run.steps}["stock"].detail
