"""QA: the weekly review's 客户与推广 sheet began with the header 项目 | 数值 over nothing (customers are
counted by month only), then the ads table: the boss read an empty customers section with no word of
why. Now the week's sheet says where new and returning buyers, the repeat rate and VIPs are; the
monthly review's sheet lists them as before."""

from __future__ import annotations

import openpyxl

from shopbook.report.monthly import make_review
from shopbook.shop import open_shop


def test_the_weekly_review_says_where_its_customers_are(demo_copy):
    shop = open_shop(demo_copy)
    _, path, _ = make_review(shop, "weekly", "2026-W46")
    ws = openpyxl.load_workbook(path)["客户与推广"]
    assert [ws["A1"].value, ws["B1"].value] == ["项目", "数值"]
    assert ws["A2"].value == "新客、老客、复购率和 VIP 按月统计：见月报（shopbook report monthly）或 shopbook customers。"
    _, path, _ = make_review(shop, "monthly", "2026-10")
    ws = openpyxl.load_workbook(path)["客户与推广"]
    assert ws["A2"].value == "2026-10 买家数" and ws["B2"].value == 1470
