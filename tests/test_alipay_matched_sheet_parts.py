"""QA: an order's one Alipay payment (310.00) booked as two rows of its parts (goods 290.00, 运费 20.00) is matched,
but the report's 已匹配 sheet wrote the line's whole 310.00 on each of its two rows: the 金额 column summed to 620.00,
more than was paid, and a person adding it up to check the month found 310.00 that never came in. Each row now shows
its own part (290.00, 20.00), the column sums to the payment."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl

from shopbook.money.workflow import reconcile_alipay_file
from test_alipay_payment_in_rows import _shop


def test_the_matched_sheet_shows_each_rows_part_of_a_split_payment(tmp_path):
    shop, statement, postage_row = _shop(tmp_path)
    res = reconcile_alipay_file(shop, statement)
    assert res.result.amount_differs == [] and len(res.result.matched) == 2
    wb = openpyxl.load_workbook(res.report, read_only=True)
    rows = list(wb["已匹配"].iter_rows(values_only=True))
    head, body = rows[0], rows[1:]
    amount, row = head.index("金额"), head.index("流水账行")
    got = sorted((r[row], D(str(r[amount]))) for r in body)
    assert got == [(7, D("290.00")), (postage_row, D("20.00"))], got
    assert sum((a for _, a in got), D(0)) == D("310.00")  # what was paid, not 620.00
