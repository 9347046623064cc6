"""QA: re-running the daily report for an older day (daily --date a week ago) put a self-check in it
made of today's orders and cases judged as of that day's next morning (an order held now listed as
'held for more than a day' in last week's report, a batch picked now but named for that day read as
late), and its orders to ship, held orders, waiting list and supplies are today's, unsaid; the group
message the same. Now a past day's report says which lists are today's, has no self-check, and says
where today's is (DailySummary.past_note), in the e-mail, the workbook and the group message."""

from __future__ import annotations

import datetime as dt
import email
from decimal import Decimal as D
from email import policy

import openpyxl
import pytest

from shopbook.report.bots import daily_summary
from shopbook.report.workflow import run_daily
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

WORDS = {"zh": ("过去的日期：", "所以也没有自查", "shopbook selfcheck 店铺 · 按钮 自查", "自查", "held"),
         "en": ("A past day: ", "so there is no self-check either", "shopbook selfcheck SHOP · button Self-check",
                "Self-check", "held")}


def _shop(tmp_path, lang: str):
    folder = tmp_path / "shop"
    init_shop(folder, lang=lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="S", name="衬衫", cost=D(20), price=D(60), opening_qty=5, safety_stock=2)]}, keep_backup=False)
    paid = dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(9))
    write_workbook(folder / "orders.xlsx", ORDERS, lang, {OrderLine: [  # held now, paid three days ago
        OrderLine(order_no="T1", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S", qty=1,
                  unit_price=D(60), status="已挂起" if lang == "zh" else "held", paid_at=paid)]}, keep_backup=False)
    return open_shop(folder)


def _text(path) -> str:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_past_days_report_says_its_lists_are_todays_and_has_no_self_check(tmp_path, lang):
    past, no_check, where, sheet, _ = WORDS[lang]
    shop = _shop(tmp_path, lang)
    today = dt.date.today()
    run = run_daily(shop, today - dt.timedelta(days=7), send=False, steps_only=("stock", "kpi", "report", "email"))
    assert run.summary.selfcheck is None
    text = _text(run.email)
    note = next(line for line in text.splitlines() if line.startswith(past))
    assert no_check in note and where in note and str(today) in note, note
    assert f"\n{sheet}{'：' if lang == 'zh' else ':'}\n" not in text, text  # no self-check section
    wb = openpyxl.load_workbook(run.report)
    assert sheet not in wb.sheetnames, wb.sheetnames
    assert any(c.value == note for row in wb.worksheets[0].iter_rows() for c in row)
    assert daily_summary(run.summary).todo[0] == note  # the group reads it before the counts

    run = run_daily(shop, today - dt.timedelta(days=1), send=False, steps_only=("stock", "kpi", "report", "email"))
    assert run.summary.selfcheck, run.summary.selfcheck  # yesterday's: the morning's self-check, no note
    assert past not in _text(run.email) and sheet in openpyxl.load_workbook(run.report).sheetnames
