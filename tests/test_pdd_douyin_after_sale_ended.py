"""拼多多 and 抖店 say an after-sale that ended unpaid in more words than 关闭/驳回/拒绝: it failed (买家逾期未处理，退款失败,
售后失败), was withdrawn (买家撤销) or ran out of time (买家逾期，超过有效期), as the platforms name their after-sale
states. Those were taken for one still open: an order waiting to ship held as “平台退款中：…退款失败” at every
import for good, never shipped. Now they end it: the order held for it comes back to 待审核, one never held comes in."""

from __future__ import annotations

import pytest
from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

PDD_A, PDD_B, PDD_C = "261121-123456789012301", "261121-123456789012302", "261121-123456789012303"
DY, DY_SUB = "6928123456789012345", "6928123456789012346"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("after")
    shop = build_shop(tmp)
    asked = "买家申请退款，待商家处理"
    first = [write_pdd(tmp / "p1", [pdd_row(PDD_A, "待发货", "SH-WH-M", after=asked),
                                    pdd_row(PDD_C, "待发货", "SH-WH-M", after=asked)],
                       name="orders_export2026-11-21-10-00-00.csv"),
             write_douyin(tmp / "d1", [douyin_row(DY, DY_SUB, "SH-WH-L", after="售后中")], stamp=1763694000)]
    import_orders(shop, first, today=TODAY)
    later = [write_pdd(tmp / "p2", [pdd_row(PDD_A, "待发货", "SH-WH-M", after="买家逾期未处理，退款失败"),
                                    pdd_row(PDD_B, "待发货", "SH-WH-M", after="买家撤销"),
                                    pdd_row(PDD_C, "待发货", "SH-WH-M", after="买家逾期，超过有效期")],
                       name="orders_export2026-11-22-10-00-00.csv"),
             write_douyin(tmp / "d2", [douyin_row(DY, DY_SUB, "SH-WH-L", after="售后失败")], stamp=1763780400)]
    summary = import_orders(shop, later, today=TODAY)
    return shop, summary


def test_an_after_sale_that_failed_or_ran_out_brings_the_held_order_back(shop):
    shop, summary = shop
    rows = {r.order_no: r for r in lines_of(shop)}
    for no in (PDD_A, PDD_C, DY):
        assert rows[no].status is OrderStatus.NEW, (no, rows[no].status, rows[no].review)
        assert "退款中" not in (rows[no].review or ""), rows[no].review
    assert {c.order_no: c.after for c in summary.changes} == {PDD_A: OrderStatus.NEW, PDD_C: OrderStatus.NEW,
                                                               DY: OrderStatus.NEW}


def test_an_after_sale_the_buyer_withdrew_does_not_hold_a_new_order(shop):
    shop, _ = shop
    row = next(r for r in lines_of(shop) if r.order_no == PDD_B)
    assert row.status is OrderStatus.NEW and not row.review, (row.status, row.review)
