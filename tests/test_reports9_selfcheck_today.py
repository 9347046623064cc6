"""A case opened today and due today is not overdue today: in `daily --date <today>`'s 自查 (the e-mail,
the report's sheet, the group message) and in `selfcheck`, which lists no day ahead, as `aftersales`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report import workflow
from shopbook.report.workflow import run_daily
from shopbook.schema import ORDERS, AfterSalesCase, OrderLine
from shopbook.workbook_builder import write_workbook
from test_daily import demo_like_shop

DAY = dt.date(2026, 11, 21)


def test_todays_report_counts_a_case_due_today_as_not_yet_overdue(tmp_path, monkeypatch):
    """`daily --date <today>` made its self-check for tomorrow morning (the day after the report's): the
    仅退款 typed today, due today, was 超期 and urgent in the e-mail and the 自查 sheet the same evening."""
    monkeypatch.setattr(workflow, "_today", lambda: DAY)
    shop = demo_like_shop(tmp_path)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        OrderLine: [OrderLine(order_no="X1", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a",
                              sku="S", qty=1, unit_price=D(60), status="已发货", paid_at=dt.datetime(2026, 11, 20, 9))],
        AfterSalesCase: [AfterSalesCase(case_no="SH-1", opened_on=DAY, order_no="X1", type="仅退款", status="处理中",
                                        due=DAY)]}, keep_backup=False)
    run = run_daily(shop, DAY)
    [case] = [i for i in run.summary.selfcheck if "SH-1" in i.record]
    assert not case.what.startswith("超期") and not case.urgent, case


def test_selfcheck_of_a_day_ahead_is_refused(tmp_path):
    shop = demo_like_shop(tmp_path)
    ahead = dt.date.today() + dt.timedelta(days=1)
    r = CliRunner().invoke(app, ["selfcheck", str(shop.folder), "--date", ahead.isoformat()])
    assert r.exit_code == 2 and f"日期 {ahead} 在未来" in r.output and "请核对 --date" in r.output, r.output
