"""QA: a courier's bill of a month that runs from the 26th to the 25th (韵达's 10-26 to 11-25, as many 网点 settle),
against our parcels of October and November. Its note said 同月在这之外（2026-10-03 至 2026-11-28）发出的 3 个包裹: a span
around the bill's own days, read as parcels inside them unchecked, and told the person to get the full month's bill
(it is one). Now the note says each side on its own: those shipped before the bill's days are the previous bill's,
those after it the next's, with their days, and asks for no whole month of a bill that is a month already."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from test_courier_bill_half_month import courier_shop

from shopbook.money.workflow import reconcile_courier_file
from shopbook.shop import open_shop

DAYS = {1: (10, 20), 2: (10, 26), 3: (11, 10), 4: (11, 25), 5: (11, 28), 6: (10, 3), 7: (12, 2)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bill_of_the_26th_to_the_25th_says_each_side_of_its_days(tmp_path, lang):
    folder, bill = courier_shop(tmp_path, DAYS, lang)
    bill.write_bytes(("\r\n".join(["快递单号,发件日期,目的地,重量(kg),总运费",
                                   "431200000000002,2026-10-26,浙江,0.5,4.50",
                                   "431200000000003,2026-11-10,浙江,0.5,4.50",
                                   "431200000000004,2026-11-25,浙江,0.5,4.50", "合计,,,,13.50"]) + "\r\n").encode("gbk"))
    chk, issues = reconcile_courier_file(open_shop(folder), bill)
    assert chk.shipped_not_billed == [] and chk.billed_total == D("13.50")
    (note,) = [i for i in issues if i.severity == "note"]
    assert note.book == bill.name
    zh, en = note.message_zh, note.message_en
    assert "2026-10-03 至 2026-11-28" not in zh and "2026-10-03 to 2026-11-28" not in en  # (around the bill's days)
    assert "账单的日期是 2026-10-26 至 2026-11-25" in zh
    assert "在这之前（2026-10-03 至 2026-10-20）发出的 2 个包裹属于上一期账单" in zh, zh
    assert "在这之后（2026-11-28）发出的 1 个包裹属于下一期账单" in zh, zh  # (12-02's is no month of this bill)
    assert "2 parcels of ours shipped before them (2026-10-03 to 2026-10-20) are the previous bill's" in en, en
    assert "1 parcel shipped after them (2026-11-28) is the next bill's" in en, en
    assert "整个月" not in zh and "whole month" not in en  # the bill is a month: no full month's bill to ask for
