"""QA: a month whose 日报 has 推广花费 on some days only. The review's ads table added up the month's
sales (¥12,000.00) and spend (¥200.00) and showed an ROI of 30.00 beside them (the sales of the two days
with spend ÷ the spend), and its e-mail said 30.00 with no word why: no one could get it from the rows
shown. Now the table, the e-mail and the group message say what the ROI is of."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import openpyxl
from test_reports import month_shop

from shopbook.report.monthly import build_review, key_figures, make_review
from shopbook.schema import DailyKpi

DAYS = [DailyKpi(date=dt.date(2026, 2, d), visitors=1000, buyers=30, orders=30, sales=D("3000.00"), units=30,
                 ad_spend=D("100.00") if d in (1, 2) else None) for d in range(1, 5)]  # (the shop's first 4 days)


def test_the_roi_of_some_days_says_which_on_the_sheet_and_in_the_email(tmp_path):
    shop = month_shop(tmp_path, days=DAYS)
    rev, path, _ = make_review(shop, "monthly", "2026-02")
    rows = list(openpyxl.load_workbook(path)["客户与推广"].values)
    k = next(i for i, r in enumerate(rows) if r[0] == "合计")
    assert rows[k][1:] == (12000, None, None, 200, 30)
    said = "ROI 只算有推广花费的 2 天：销售额 ¥6,000.00 ÷ 推广花费 ¥200.00；另有 2 天日报和流水账都没有推广花费，它们的销售额不算。"
    assert rows[k + 1][0] == said, rows[k + 1]
    # the e-mail's and the group message's figures (key_figures: one list for both)
    assert dict(key_figures(rev, zh=True))["ROI（销售额÷推广花费）"] == f"30.00（{said}）"
    en = dict(key_figures(rev, zh=False))
    assert en["ROI (sales ÷ ad spend)"] == ("30.00 (ROI counts only the 2 days with ad spend: sales ¥6,000.00 ÷ ad spend "
                                             "¥200.00; 2 other days have no ad spend in the Daily sheet or the ledger, "
                                             "and their sales are left out.)"), en


def test_an_roi_of_every_day_says_nothing_more(tmp_path):
    shop = month_shop(tmp_path, days=[r.model_copy(update={"ad_spend": D("100.00")}) for r in DAYS])
    figures = dict(key_figures(build_review(shop, "monthly", "2026-02"), zh=True))
    assert figures["ROI（销售额÷推广花费）"] == "30.00", figures


def test_a_day_without_figures_has_no_sales_and_its_spend_is_no_part_of_the_roi(tmp_path):
    """QA: 02-03, a day with no 日报 row and no order (one of the review's missing days), had ¥100.00 of
    直通车 in the ledger: the ads table said its sales were 0.00 at an ROI of 0.00, and the month's ROI set
    its ¥100.00 against no sales (6,000.00 ÷ 300.00 = 20.00 where the days with figures make 30.00)."""
    from shopbook.schema import LEDGER, Account, Category, Entry
    from shopbook.workbook_builder import write_workbook

    shop = month_shop(tmp_path, days=[DAYS[0], DAYS[1]])
    write_workbook(shop.path(LEDGER), LEDGER, "zh", {
        Account: [Account(account="支付宝", opening_date=dt.date(2026, 1, 1), opening_balance=D("5000.00"))],
        Category: [Category(category="直通车", direction="支出", group="推广")],
        Entry: [Entry(date=dt.date(2026, 2, 3), direction="支出", category="直通车", amount=D("100.00"),
                      account="支付宝")]}, keep_backup=False)
    rev = build_review(shop, "monthly", "2026-02")
    day = next(d for d in rev.ads.days if d.date == dt.date(2026, 2, 3))
    assert (day.sales, day.spend, day.roi) == (None, D("100.00"), None)
    assert (rev.ads.spend, rev.ads.roi) == (D("300.00"), D("30.00"))  # (the spend is spent: in the total)
    said = dict(key_figures(rev, zh=True))["ROI（销售额÷推广花费）"]
    assert said == ("30.00（ROI 只算有推广花费、也有销售数据的 2 天：销售额 ¥6,000.00 ÷ 推广花费 ¥200.00；另有 1 天没有销售数据"
                    "（日报里没有，也没有订单），这一天的推广花费 ¥100.00 不算。）"), said
