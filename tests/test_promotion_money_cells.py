"""QA: the promotion review's workbook (促销-….xlsx) wrote its figures in General cells: the gift
cost the screen said as ¥50.00 read 50, sales of ¥1,179.00 read 1179 and ¥393.00 of AOV 393, and its
headers (促销期 2026-11-11–2026-11-13) were cut at the cell beside them. Now money is to the fen
(#,##0.00), counts whole (#,##0), ROI to two places, each row in its own format, on the written file."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_promotion import shop  # noqa: F401 (the fixture, asked for by name below)

from shopbook.report.promotion import promotion_report


def test_the_promotion_review_shows_money_to_the_fen(shop):  # noqa: F811
    _, path = promotion_report(shop, "双11满就送", today=dt.date(2026, 11, 20))
    ws = openpyxl.load_workbook(path)["促销评估"]
    cells = {r[0].value: r for r in ws.iter_rows(min_row=2) if r[0].value}
    for label, fmt in (("销售额", "#,##0.00"), ("客单价", "#,##0.00"), ("赠品成本", "#,##0.00"),
                       ("推广花费", "#,##0.00"), ("订单数", "#,##0"), ("件数", "#,##0"),
                       ("ROI（销售额÷推广花费）", "0.00")):
        during = cells[label][1]
        assert during.value is not None and during.number_format == fmt, (label, during.value, during.number_format)
    assert cells["赠品成本"][1].value == 50 and cells["销售额"][1].value == 1179
    assert cells["销售额"][3].number_format == "0.0%"
    head = ws["B1"].value
    assert head == "促销期 2026-11-11–2026-11-13" and ws.column_dimensions["B"].width >= len(head) + 4, \
        ws.column_dimensions["B"].width
