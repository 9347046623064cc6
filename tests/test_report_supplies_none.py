"""QA: a shop with nothing on its 耗材 sheet (a new shop, or stock.xlsx unread) got a daily report whose
摘要 sheet ended with the heading 耗材（可用天数） over nothing, where the e-mail leaves the section out:
the boss read an empty list without a word of why. Now the workbook leaves it out as the e-mail does;
a shop with supplies still has them there."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_daily import demo_like_shop

from shopbook.report.workflow import run_daily


def texts(path) -> list[str]:
    ws = openpyxl.load_workbook(path)["摘要"]
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_no_supplies_heading_over_nothing(tmp_path, demo_copy):
    shop = demo_like_shop(tmp_path / "new")  # (no 耗材 rows)
    run_daily(shop, dt.date(2026, 11, 21), send=False)
    said = texts(shop.reports / "日报-2026-11-21.xlsx")
    assert said and not any(t.startswith("耗材") for t in said), said
    from shopbook.shop import open_shop

    demo = open_shop(demo_copy)  # the demo shop's supplies are still listed
    run_daily(demo, dt.date(2026, 11, 21), send=False)
    said = texts(demo.reports / "日报-2026-11-21.xlsx")
    i = next(k for k, t in enumerate(said) if t.startswith("耗材（可用天数"))  # (its ! explained where one is low)
    assert said[i + 1] == "面单", said[i:i + 3]
