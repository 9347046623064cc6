"""A resend is called off (the parcel found, the buyer changed their mind) by one rule, the
after-sales desk's (aftersales.cases.resends_named), which both the order review and the desk use."""

from __future__ import annotations

import datetime as dt

from shopbook.aftersales.workflow import aftersales
from shopbook.orders.workflow import review
from shopbook.schema import OrderStatus
from test_aftersales import set_case_cell, shipped_order, shop, type_case  # noqa: F401 (the fixture)
from test_orders import TODAY, lines_of


def test_a_resend_a_done_case_names_still_goes_for_the_review_and_the_desk_alike(shop, tmp_path):  # noqa: F811
    """QA: a lost parcel's case typed twice (LOST-1 closed as the repeat, LOST-1B 已完成, both naming the
    resend -R1). The review approved -R1 as LOST-1B's resend, while aftersales warned 'LOST-1 已关闭，它的
    补发单 …-R1 还没发出：不再补发的话，请…改为已关闭': two rules, one telling a person to pull a parcel the
    other sends. A case 已完成 sends its resend still, as an open one does: both now say so."""
    no = "3900000000000000421"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="LOST-1", opened_on=TODAY, order_no=no, type="丢件", reason="物流三天没更新",
              status="处理中", due=TODAY + dt.timedelta(days=3), staff="小美")
    aftersales(shop, TODAY)
    type_case(shop, case_no="LOST-1B", opened_on=TODAY, order_no=no, type="丢件", reason="物流三天没更新",
              resend_order=f"{no}-R1", status="已完成", due=TODAY + dt.timedelta(days=3), staff="小美")
    set_case_cell(shop, "LOST-1", "状态", "已关闭")
    res = aftersales(shop, TODAY)
    assert not [i for i in res.issues if i.field == "resend_order"], [i.message_zh for i in res.issues]
    review(shop)
    assert {ln.order_no: ln.status for ln in lines_of(shop)}[f"{no}-R1"] is OrderStatus.APPROVED
    # closed alone, it is called off for both: the review holds it, the desk says so
    set_case_cell(shop, "LOST-1B", "状态", "已关闭")
    res = aftersales(shop, TODAY)
    assert [i.message_zh[:22] for i in res.issues if i.field == "resend_order"] == [
        f"售后单 LOST-1B 已关闭，它的补发单 {no}"[:22]]
