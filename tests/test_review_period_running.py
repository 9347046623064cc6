"""QA: the review of the month (or week) under way — `report monthly --period <this month>`, allowed —
counted today's orders so far as a day: its 考核 sheet ended with today's row, 1 order ▼ against the
target of 30, and the totals, the SKU sales and the e-mail took it in, while the review's own count of
the days that should have figures stops at yesterday. Nothing said the period was not over. Now a
running period is reviewed to yesterday, and the workbook's A2, the screen and the e-mail say so."""

from __future__ import annotations

import datetime as dt
import email
from decimal import Decimal as D
from email import policy

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report.monthly import monthly_email
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook


def order(no: str, day: dt.date, qty: int, price: str) -> OrderLine:
    return OrderLine(order_no=no, platform="淘宝", buyer=f"b{no}", receiver="张三", phone="13800000000",
                     address="浙江省 杭州市 西湖区 文三路 1 号", sku="S", qty=qty, unit_price=D(price), status="已签收",
                     paid_at=dt.datetime.combine(day, dt.time(0, 1)))


def test_the_month_under_way_is_reviewed_to_yesterday(tmp_path):
    today = dt.date.today()
    if today.day == 1:
        pytest.skip("the month began today: it has no day over to review")
    yesterday = today - dt.timedelta(days=1)
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="S", name="衬衫", cost=D(20), price=D(100), opening_qty=50)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [
        order("Y1", yesterday, 2, "100.00"), order("T1", today, 1, "50.00")]}, keep_backup=False)
    month = f"{today:%Y-%m}"
    r = CliRunner().invoke(app, ["report", "monthly", str(folder), "--period", month])
    said = " ".join(r.output.split())
    assert f"{month}：订单 1，销售额 ¥200.00" in said, said
    assert f"{month} 还没有过完：只算到昨天（{yesterday}）为止" in said, said
    wb = openpyxl.load_workbook(folder / "reports" / f"月报-{month}.xlsx")
    ws = wb["考核"]
    # (after "店铺从 {yesterday} 才有数据…": the shop's first order was yesterday, its totals of that day)
    assert f"{month} 还没有过完" in ws["A2"].value, ws["A2"].value
    dates = [c.value.date() for c in ws["A"][3:] if isinstance(c.value, dt.datetime)]
    assert today not in dates and dates[-1] == yesterday, dates
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
    assert total[2] == 1 and total[5] == 200, total
    units = {r[0]: r[3] for r in wb["商品销售"].iter_rows(min_row=2, values_only=True)}
    assert units["S"] == 2, units
    d = monthly_email(open_shop(folder), month)
    msg = email.message_from_bytes(d.path.read_bytes(), policy=policy.default)
    text = next(p.get_content() for p in msg.walk() if p.get_content_type() == "text/plain")
    assert f"只算到昨天（{yesterday}）为止" in text and "支付订单数：1\r\n" in text and "销售额：¥200.00" in text, text


def test_the_p_and_l_of_the_month_under_way_says_it_is_to_today_and_counts_rent_typed_ahead(tmp_path):
    """The review of the month under way counts its days to yesterday and says so, but its P&L sheet took
    every 流水 row of the month, rent typed ahead for the month's last day too, and said nothing: `ledger
    --month` titles the same figures 'to today, with 1 entry dated after it'. The sheet says it now."""
    from shopbook.report.monthly import make_review
    from shopbook.schema import LEDGER, Account, Category, Entry

    today = dt.date.today()
    last = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if today.day == 1 or today == last:
        pytest.skip("no day over yet, or no day ahead in the month")
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="S", name="衬衫", cost=D(20), price=D(100), opening_qty=50)]}, keep_backup=False)
    write_workbook(folder / "orders.xlsx", ORDERS, "zh", {OrderLine: [order("Y1", today - dt.timedelta(days=1), 2, "100.00")]},
                   keep_backup=False)
    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", {
        Entry: [Entry(date=today.replace(day=1), direction="收入", category="销售收入", amount=D("200.00"), account="支付宝"),
                Entry(date=last, direction="支出", category="房租水电", amount=D("4200.00"), account="支付宝")],
        Account: [Account(account="支付宝", opening_date=today.replace(day=1), opening_balance=D("5000.00"))],
        Category: [Category(category="销售收入", direction="收入", group="销售"),
                   Category(category="房租水电", direction="支出", group="其他")]}, keep_backup=False)
    shop = open_shop(folder)
    rev, path, _ = make_review(shop, "monthly", f"{today:%Y-%m}")
    cells = [r[0] for r in openpyxl.load_workbook(path)["利润表"].iter_rows(values_only=True)]
    assert f"本月还没有结束：到 {today} 为止；含 1 笔日期在这之后的流水" in cells, cells
    # the e-mail's and the group message's 净额 beside it say so too (they said the net bare), in either language
    from shopbook.report.bots import monthly_summary
    from shopbook.report.monthly import key_figures

    assert ("净额", f"¥-4,000.00（本月还没有结束：到 {today} 为止；含 1 笔日期在这之后的流水）") in monthly_summary(
        shop, rev).figures
    assert ("Net", f"¥-4,000.00 (the month is not over: to {today}; with 1 entry dated after it)") in key_figures(rev, False)
