"""A Taobao 退款 export older than the order list that closed its order (交易关闭: the refund paid), imported
with it or after it: the after-sales case it opens is a refund done, as a 退款成功 row's is, never one
处理中 telling the desk to agree on the platform a refund the platform has paid. On real exports and a
real `shopbook orders import` / `shopbook aftersales`."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import shopbook
from platform_fixtures import refund_row, write_refunds
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, AfterSalesCase, CaseStatus, CaseType, OrderStatus
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import build_shop, lines_of

NO = "3700000000000000888"
ASKED = "买家已经申请退款，等待卖家同意"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def order_list(tmp_path, stamp: str, status: str = "买家已付款，等待卖家发货", refund: str = "", **more):
    d = tb_detail(NO, "SH-BK-M", status=status)
    if refund:
        d["退款状态"] = refund
    return write_pair(tmp_path / stamp, [tb_order(NO, status=status, **more)], [d], stamp=stamp)


def closed(tmp_path, stamp: str = "202611221800", **more):
    """The order list saying the platform closed the order on its refund (退款成功)."""
    return order_list(tmp_path, stamp, status="交易关闭", refund="退款成功", close="买家申请退款", **more)


def refund_at(tmp_path, status: str = ASKED, needs_return: str = "否", goods: str = "买家未收到货"):
    return write_refunds(tmp_path / "r", [refund_row("RF88", NO, "SH-BK-M", "99.00", status, needs_return=needs_return,
                                                     goods=goods)], name="ExportRefundList202611220900.csv")


def import_(shop, *files):
    r = shopbook("orders", "import", shop.folder, *map(str, files))
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def cases(shop) -> list[tuple]:
    return [(c.refund_no, c.type, c.status)
            for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)]


def open_on_the_desk(shop) -> str:
    r = shopbook("aftersales", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@pytest.mark.parametrize("together", [False, True])
def test_an_older_refund_export_of_an_order_the_platform_closed_opens_a_refund_done(shop, tmp_path, together):
    """QA: the case opened 处理中, the desk saying 在平台上同意退款 ¥99.00，然后改为已完成 of a refund paid."""
    import_(shop, *order_list(tmp_path, "202611211000"))
    if together:
        import_(shop, refund_at(tmp_path), *closed(tmp_path))
    else:
        import_(shop, *closed(tmp_path))
        import_(shop, refund_at(tmp_path))
    assert {ln.status for ln in lines_of(shop) if ln.order_no == NO} == {OrderStatus.CANCELLED}
    assert cases(shop) == [("RF88", CaseType.REFUND_ONLY, CaseStatus.DONE)]
    desk = open_on_the_desk(shop)
    assert "未完成售后：0" in desk and "同意退款" not in desk


def test_the_same_refund_export_saying_it_is_paid_opens_the_same_case(shop, tmp_path):
    import_(shop, *order_list(tmp_path, "202611211000"))
    import_(shop, *closed(tmp_path))
    import_(shop, refund_at(tmp_path, status="退款成功"))
    assert cases(shop) == [("RF88", CaseType.REFUND_ONLY, CaseStatus.DONE)]


def test_a_shipped_order_closed_on_the_platform_its_refund_only_is_done_its_return_still_awaited(shop, tmp_path):
    """Shipped, then 交易关闭 (its refund paid): an older export's 仅退款 of it is done; its 退货退款 is still 等退货,
    the goods to be received into stock, as a 退款成功 row's is."""
    import_(shop, *order_list(tmp_path, "202611211000"))
    sent = {"courier": "中通快递", "tracking": "75123456789012", "shipped": "2026-11-21 17:00:00"}
    import_(shop, *order_list(tmp_path, "202611211800", status="卖家已发货，等待买家确认", **sent))
    import_(shop, *closed(tmp_path, "202611231800", **sent))
    assert {ln.status for ln in lines_of(shop) if ln.order_no == NO} == {OrderStatus.SHIPPED}
    import_(shop, refund_at(tmp_path, goods="买家已收到货"))
    assert cases(shop) == [("RF88", CaseType.REFUND_ONLY, CaseStatus.DONE)]


def test_a_return_of_a_shipped_order_closed_on_the_platform_is_still_awaited(shop, tmp_path):
    import_(shop, *order_list(tmp_path, "202611211000"))
    sent = {"courier": "中通快递", "tracking": "75123456789012", "shipped": "2026-11-21 17:00:00"}
    import_(shop, *order_list(tmp_path, "202611211800", status="卖家已发货，等待买家确认", **sent))
    import_(shop, *closed(tmp_path, "202611231800", **sent))
    import_(shop, refund_at(tmp_path, status="买家已经申请退款，等待卖家同意", needs_return="是", goods="买家已收到货"))
    assert cases(shop) == [("RF88", CaseType.RETURN, CaseStatus.WAITING_RETURN)]


def test_an_order_a_person_cancelled_leaves_its_refund_to_agree(shop, tmp_path):
    """已取消 typed in 状态 by a person is not the platform's close: the refund may still be to agree there."""
    import_(shop, *order_list(tmp_path, "202611211000"))
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    ws = wb["订单"]
    col = [c.value for c in ws[1]].index("状态") + 1
    ws.cell(2, col).value = "已取消"
    wb.save(shop.path(ORDERS))
    import_(shop, refund_at(tmp_path))
    assert cases(shop) == [("RF88", CaseType.REFUND_ONLY, CaseStatus.OPEN)]
    assert "同意退款 ¥99.00" in open_on_the_desk(shop)
