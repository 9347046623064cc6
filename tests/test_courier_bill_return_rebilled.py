"""Review of the return-billed-twice fix: (1) a buyer's return the courier billed again at another amount (8.00 in
place of 6.00, the 6.00 credited; or a 2.00 top-up of its postage) was 重复计费, the shop told to dispute the postage it
owes; (2) a refused parcel's outbound line a 调账 corrects, on the bill's first day, was dropped from the bill's days
(every parcel's number that came back counted as a trip back), so a parcel of ours shipped that day and missing from
the bill went unsaid; (3) the courier's credit of a refused parcel's way back (退回件 5.00, -5.00) cancelled its trip
out, the way back left to be taken off the bill. A line of a return is a line of the trip unless it repeats the first
line's amount; a trip back's lines alone are no day of ours shipping; a credit of a way back settles that line."""

from __future__ import annotations

from decimal import Decimal

from test_courier_bill_return_billed_twice import shop  # noqa: F401 (the module's shop: two parcels, case SH001)

from shopbook.money.said import courier_differs
from shopbook.money.workflow import reconcile_courier_file

HEAD = "运单号,揽收日期,目的地,计费重量,运费,业务类型,备注\n"


def _bill(tmp_path, body: str):
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes((HEAD + body).encode("gb18030"))
    return bill


OURS = "".join(f"7310000000{i:04},2026-11-10,浙江,1,5.00,普通件,\n" for i in (1, 2))


def test_a_return_billed_again_at_another_amount_is_the_return_s_line(shop, tmp_path):  # noqa: F811
    rebilled = OURS + ("73200000000099,2026-11-16,浙江,1,6.00,普通件,\n73200000000099,2026-11-20,浙江,2,8.00,普通件,\n"
                       "73200000000099,2026-11-25,浙江,,-6.00,调账,\n")
    chk, _ = reconcile_courier_file(shop, _bill(tmp_path, rebilled))
    assert [(b.line, b.fee, c) for b, c in chk.returns] == [(5, Decimal("8.00"), "SH001")]
    assert chk.billed_twice == [] and [(c.line, b.line) for c, b in chk.credits] == [(6, 4)]
    topped = OURS + "73200000000099,2026-11-16,浙江,1,6.00,普通件,\n73200000000099,2026-11-20,浙江,,2.00,续重补收,\n"
    chk, _ = reconcile_courier_file(shop, _bill(tmp_path, topped))
    assert [(b.line, b.fee) for b, _ in chk.returns] == [(4, Decimal("6.00")), (5, Decimal("2.00"))]
    assert chk.billed_twice == []


def test_a_parcel_missing_from_the_bill_on_a_refused_parcel_s_day_is_said(shop, tmp_path):  # noqa: F811
    # 0001 shipped 11-10 (its line corrected by a 调账, then refused and billed back), 0002 shipped 11-10 and not
    # billed, a parcel not ours collected on 11-20: the bill's days are 11-10 to 11-20, not 11-20 alone
    body = ("73100000000001,2026-11-10,浙江,1,6.00,普通件,\n73100000000001,2026-11-18,浙江,1,5.00,退回件,拒收退回\n"
            "73100000000001,2026-11-25,浙江,,-1.00,调账,\n73100000009999,2026-11-20,浙江,1,5.00,普通件,\n")
    chk, issues = reconcile_courier_file(shop, _bill(tmp_path, body))
    assert chk.shipped_not_billed == [("O02", "73100000000002")] and courier_differs(chk, issues)


def test_a_credit_of_a_refused_parcel_s_way_back_settles_that_line(shop, tmp_path):  # noqa: F811
    body = OURS + "73100000000002,2026-11-18,浙江,1,5.00,退回件,拒收退回\n73100000000002,2026-11-25,浙江,,-5.00,调账,\n"
    chk, issues = reconcile_courier_file(shop, _bill(tmp_path, body))
    assert chk.returned == [] and [(c.line, b.line) for c, b in chk.credits] == [(5, 4)]
    assert not courier_differs(chk, issues)
