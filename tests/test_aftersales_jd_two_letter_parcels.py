"""QA (returns): a JD return's number has two letters after JD (JDVA00123456789, as 京东快递 numbers are). It was
no courier's number shape, so a 退货单号 cell of two such parcels ("JDVA… / JDVA…", the buyer's return in two boxes)
was one number as a whole: either parcel scanned was "no case for" it. Each is the case's parcel now."""

from __future__ import annotations

import datetime as dt

from shopbook.aftersales import cases as C
from shopbook.orders.couriers import by_number
from shopbook.schema import AfterSalesCase


def test_a_cell_of_two_jd_parcels_is_two_parcels_of_the_case():
    assert by_number("JDVA00123456789") == "京东" and by_number("JDX000123456789") == "京东"
    case = AfterSalesCase(case_no="TH-1", opened_on=dt.date(2026, 11, 22), order_no="390000000000000001",
                          type="退货退款", sku="P1", qty=2, status="等退货",
                          return_tracking="JDVA00123456789 / JDVA00123456790")
    case.row = 2
    assert C.return_numbers_of(case) == ("JDVA00123456789", "JDVA00123456790")
    parts = []
    cells, hit, missed, *_ = C.match_returns(["jdva00123456790"], [case], parts=parts)
    assert hit == ["jdva00123456790"] and missed == [] and cells == {2: {"status": C.CaseStatus.RETURNED}}
    assert [(code, nos) for code, _, nos in parts] == [("jdva00123456790", ("JDVA00123456789", "JDVA00123456790"))]
