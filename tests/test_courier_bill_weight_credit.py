"""重量调账: a parcel billed heavy (the 衬衫's 0.4 kg parcel at 2.3 kg, 7.00) and the courier's credit on it that
brings its fee to the one its goods' weight gives (-2.00: 5.00, the first kg's). Before, the parcel was still
'heavy: take the billed weight up with the courier' and the credit 'cancelled no line of the bill: money the
courier gives back', a ✗ report for what the courier had settled; now the credit corrects the line and the
parcel is no longer heavy. A credit short of it leaves the parcel heavy."""

from __future__ import annotations

from decimal import Decimal

from test_courier_bill_corrections import bill, shop  # noqa: F401 - the fixture, for pytest to find

from shopbook.money.said import courier_said
from shopbook.money.workflow import reconcile_courier_file

D = Decimal


def test_a_heavy_parcels_fee_put_right_by_a_credit_is_settled(shop, tmp_path):  # noqa: F811
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 5), (2, 2.3, 7), (3, 0.5, 5), (2, 2.3, -2, "重量调账")])
    chk, issues = reconcile_courier_file(shop, b)
    assert issues == [] and chk.heavy == [] and chk.fee_differs == [] and chk.billed_total == D("15.00")
    [(c, fixed)] = chk.credits
    assert (c.line, fixed.line) == (6, 4)
    said = courier_said(chk, issues)
    zh, en = "\n".join(z for _, z, _ in said), "\n".join(e for _, _, e in said)
    assert "更正第 4 行：¥7.00 → ¥5.00" in zh and "超重" not in zh and "没有对应的行" not in zh
    assert "corrects line 4: ¥7.00 → ¥5.00" in en and "heavy" not in en
    assert said[-1][0] == "✓"  # the report: nothing left to take up


def test_a_credit_short_of_the_weight_leaves_the_parcel_heavy(shop, tmp_path):  # noqa: F811
    b = bill(tmp_path / "中通11月账单.xlsx", [(1, 0.45, 5), (2, 2.3, 7), (3, 0.5, 5), (2, 2.3, -1, "调账")])
    chk, _ = reconcile_courier_file(shop, b)
    assert [x.line for x, _ in chk.heavy] == [4] and chk.credits[0][1] is None
