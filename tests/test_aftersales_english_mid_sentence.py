"""QA (English shop): the after-sales desk composes its own words before a case's error, and the error went on with
its capital: "Case TH-C: no resend made: Order 3515… is not on the Orders sheet", "correct it first: Order …". Now
a message of shopbook's own going on after a colon starts lower-case (issues.going_on); a name or a code keeps its
capitals (SKU, Taobao, SH-WH-M)."""

from __future__ import annotations

import datetime as dt

from shopbook.aftersales.workflow import aftersales
from shopbook.issues import going_on
from test_aftersales import shipped_order, type_case
from test_orders import TODAY, build_shop

GONE = "3515000000000000999"


def test_a_case_error_after_the_desks_words_goes_on_in_lower_case(tmp_path):
    shop = build_shop(tmp_path)
    shipped_order(shop, tmp_path, "3900000000000000605")
    type_case(shop, case_no="TH-C", opened_on=TODAY, order_no=GONE, sku="SH-WH-M", qty=1, type="补发",
              status="处理中", due=TODAY + dt.timedelta(days=2))
    type_case(shop, case_no="TH-D", opened_on=TODAY, order_no=GONE, sku="SH-WH-M", qty=1, type="退货退款",
              status="等退货", due=TODAY + dt.timedelta(days=7), amount=-5)
    res = aftersales(shop, today=TODAY)
    said = {i.message_en for i in res.issues}
    assert (f"Case TH-C: no resend made: order {GONE} is not on the Orders sheet: no receiver to resend to. Correct "
            "the order number.") in said, said
    assert ("Case TH-D left as it is (not marked received, nothing posted, resent or proposed for the ledger): enter "
            "the refund amount as a positive number (what the buyer gets back), e.g. 5.00.") in said, said
    shop.config.shop.language = "en"
    step = {v.case.case_no: v.step for v in aftersales(shop, today=TODAY).open}
    assert step["TH-C"].startswith(f"correct it first: order {GONE} is not on the Orders sheet"), step


def test_names_and_codes_keep_their_capitals():
    assert [going_on(t) for t in ("SKU 'X1' is not in the Products sheet.", "Taobao says it shipped.",
                                  "SH-WH-M × 2 back.", "A-01-1 is full.", "A return typed twice.", "The quantity …")] == \
        ["SKU 'X1' is not in the Products sheet.", "Taobao says it shipped.", "SH-WH-M × 2 back.", "A-01-1 is full.",
         "a return typed twice.", "the quantity …"]
