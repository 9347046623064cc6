"""QA: `purchase suppliers --date` a past day (and the self-check of that day) counted the goods that
came since and left out every PO 已到货 now: CG20261020-01 (甲厂, A × 20, expected 10-30, received 11-01)
was a day late on 10-31 with 20 to come, and 10-31's list said "逾期未到：0". As of the day, a line
received since was still owed then; a PO ordered after the day is not in it (CG20261110-01)."""

from __future__ import annotations

from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def test_a_past_day_lists_the_pos_late_that_day(shop):  # noqa: F811
    late = W.overdue_purchase_orders(shop, d("10-31"))
    assert [(o.po_no, o.days_late, o.outstanding) for o in late] == [("CG20261020-01", 1, 20)]
    r = CliRunner().invoke(app, ["purchase", "suppliers", str(shop.folder), "--date", "2026-10-31"])
    assert "逾期未到：1" in r.output and "CG20261020-01" in r.output and "未到 20" in r.output, r.output
    # today as before: C's PO (expected 11-16) owes 14, A's came in full
    assert [(o.po_no, o.outstanding) for o in W.overdue_purchase_orders(shop, TODAY)] == [("CG20261110-01", 14)]
