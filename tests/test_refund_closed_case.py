"""A Taobao refund export lists the refunds that ended unpaid too (退款关闭, 卖家拒绝退款). Each opened a 仅退款 case
处理中 with the amount asked, and the after-sales desk's next step for it said "在平台上同意退款 ¥99.00" — agree a
refund the platform had closed; one opened while the refund was asked stayed so after it closed. Now a refund
first seen closed opens no case, and a case the import opened for a refund that has since closed is closed,
said at its row."""

from __future__ import annotations

import pytest

from platform_fixtures import refund_row, write_refunds
from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, AfterSalesCase, CaseStatus, OrderStatus
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

NO = "3515130000000077"


@pytest.fixture
def shop(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, list(write_pair(tmp_path / "a", [tb_order(NO)], [tb_detail(NO, "SH-BK-M")])), today=TODAY)
    review(shop)
    return shop


def cases_of(shop) -> list[AfterSalesCase]:
    return read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)


@pytest.mark.parametrize("status", ["退款关闭", "卖家拒绝退款"])
def test_a_refund_first_seen_ended_unpaid_opens_no_case(shop, tmp_path, status):
    res = import_orders(shop, [write_refunds(tmp_path / "r", [refund_row("R77", NO, "SH-BK-M", "99.00", status)])],
                        today=TODAY)
    assert res.cases_opened == [] and cases_of(shop) == []
    assert {ln.status for ln in lines_of(shop)} == {OrderStatus.APPROVED}
    assert not any("同意退款" in v.step for v in aftersales(shop, TODAY).open)


def test_a_case_opened_for_a_refund_that_closed_later_is_closed(shop, tmp_path):
    import_orders(shop, [write_refunds(tmp_path / "r1", [refund_row("R78", NO, "SH-BK-M", "99.00",
                                                                    "买家已经申请退款，等待卖家同意")])], today=TODAY)
    case, = cases_of(shop)
    assert case.status is CaseStatus.OPEN
    res = import_orders(shop, [write_refunds(tmp_path / "r2", [refund_row("R78", NO, "SH-BK-M", "99.00", "退款关闭")],
                                             name="ExportRefundList20261123.csv")], today=TODAY)
    case, = cases_of(shop)
    assert case.status is CaseStatus.CLOSED, case
    said = [i for i in res.issues if case.case_no in i.message_zh]
    assert said and "退款关闭" in said[0].message_zh and said[0].row == case.row, [i.message_zh for i in res.issues]
    assert aftersales(shop, TODAY).open == []
    again = import_orders(shop, [write_refunds(tmp_path / "r2", [refund_row("R78", NO, "SH-BK-M", "99.00", "退款关闭")],
                                               name="ExportRefundList20261123.csv")], today=TODAY)
    assert not [i for i in again.issues if case.case_no in i.message_zh]  # said once


def test_an_exchange_in_the_refund_export_opens_an_exchange_and_its_close_is_no_refund_ended(shop, tmp_path):
    """Tmall's refund export carries exchanges too (售后类型 换货), which end 退款关闭 when done: no money moves.
    One opened a 退货退款 case (no replacement to ship), and its 退款关闭 would have closed it as a refund ended
    unpaid, its parcel never received."""
    from platform_fixtures import REFUND_HEADERS, REFUND_MORE, qianniu_shipped
    from shopbook.schema import CaseType

    import_orders(shop, [qianniu_shipped(tmp_path / "s", [(NO, "中通快递", "73100000000077")])], today=TODAY)
    row = refund_row("R79", NO, "SH-BK-M", "0.00", "卖家已经同意退款，等待买家退货", reason="尺码不合适",
                     needs_return="是", goods="买家已收到货")
    row["售后类型"] = "换货"
    headers = REFUND_HEADERS + REFUND_MORE
    import_orders(shop, [write_refunds(tmp_path / "r1", [row], headers=headers)], today=TODAY)
    case, = cases_of(shop)
    assert (case.type, case.status) == (CaseType.EXCHANGE, CaseStatus.WAITING_RETURN), case
    done = dict(row, 退款状态="退款关闭")
    res = import_orders(shop, [write_refunds(tmp_path / "r2", [done], headers=headers,
                                             name="ExportRefundList20261123.csv")], today=TODAY)
    case, = cases_of(shop)
    assert case.status is CaseStatus.WAITING_RETURN, case
    assert not [i for i in res.issues if case.case_no in i.message_zh]


def test_an_exchange_first_seen_done_opens_no_case(shop, tmp_path):
    """An exchange the export first shows done (退款关闭) went through on the platform already: a case waiting for
    its parcel would have a replacement made when one came."""
    from platform_fixtures import REFUND_HEADERS, REFUND_MORE

    row = refund_row("R80", NO, "SH-BK-M", "0.00", "退款关闭", reason="尺码不合适", needs_return="是")
    row["售后类型"] = "换货"
    res = import_orders(shop, [write_refunds(tmp_path / "r", [row], headers=REFUND_HEADERS + REFUND_MORE)],
                        today=TODAY)
    assert res.cases_opened == [] and cases_of(shop) == []
