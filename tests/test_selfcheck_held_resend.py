"""The daily self-check says a held resend once: at its case, whose next step names the hold."""

from __future__ import annotations

import datetime as dt

from shopbook.aftersales.workflow import aftersales
from shopbook.report.selfcheck import read_selfcheck
from test_aftersales import set_order_cell, shipped_order, shop, type_case  # noqa: F401 (the fixture)
from test_orders import TODAY


def test_a_held_resend_is_one_item_at_its_case_urgent_after_a_day(shop, tmp_path):  # noqa: F811
    """QA: a lost parcel's resend held (…-R1 已挂起, 审单结果 挂起：地址无法解析) was two items for customer
    service: the case's '丢件：补发单 …-R1 已挂起：地址无法解析…' and '挂起超过一天：地址无法解析' at order
    …-R1, one piece of work twice. Now the case says it, urgent (!) as the held order was."""
    no = "3900000000000000461"
    shipped_order(shop, tmp_path, no)
    type_case(shop, case_no="LOST-1", opened_on=TODAY, order_no=no, type="丢件", reason="快递丢件", status="处理中",
              due=TODAY + dt.timedelta(days=30), staff="小美")
    aftersales(shop, TODAY)
    set_order_cell(shop, f"{no}-R1", "状态", "已挂起")
    set_order_cell(shop, f"{no}-R1", "审单结果", "挂起：地址无法解析出省和市，请核对")
    items = [i for i in read_selfcheck(shop, TODAY + dt.timedelta(days=2), []) if i.role == "cs"]
    about = [i for i in items if f"{no}-R1" in i.what or f"{no}-R1" in i.record or "LOST-1" in i.record]
    assert len(about) == 1, [(i.what, i.record) for i in about]
    assert "LOST-1" in about[0].record and "已挂起" in about[0].what and about[0].urgent
    # held less than a day: said at the case, not urgent yet
    [same_day] = [i for i in read_selfcheck(shop, TODAY, []) if "LOST-1" in i.record]
    assert not same_day.urgent
