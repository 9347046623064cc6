"""QA (returns): a 退货退款 whose parcel came back (received, 退货 posted) and whose refund the platform then
closed unpaid (退款关闭, the seller refused it): the import said nothing, the desk said 在平台上同意退款 ¥99.00 of a
refund the platform had closed, and the customers' spend counted it refunded. Now the import warns at the
case, the desk says to settle it with the buyer (send the goods back, or refund again), and no refund is
counted."""

from __future__ import annotations

from platform_fixtures import REFUND_HEADERS, REFUND_MORE, refund_row, write_refunds
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

from shopbook.aftersales.cases import refunds_done
from shopbook.aftersales.workflow import aftersales
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, AfterSalesCase, CaseStatus

NO = "3700000000000000555"


def test_a_return_back_whose_refund_the_platform_closed(tmp_path):
    shop = build_shop(tmp_path)

    def order_list(stamp: str, status: str, **more):
        return list(write_pair(tmp_path / stamp, [tb_order(NO, status=status, **more)],
                               [tb_detail(NO, "SH-BK-M", status=status)], stamp=stamp))

    def refunds(stamp: str, status: str):
        row = refund_row("RF55", NO, "SH-BK-M", "99.00", status, needs_return="是", goods="买家已退货")
        row["退货物流单号"] = "YT9000000001"
        return write_refunds(tmp_path / stamp, [row], name=f"ExportRefundList{stamp}.csv",
                             headers=REFUND_HEADERS + REFUND_MORE)

    import_orders(shop, order_list("202611210900", "买家已付款，等待卖家发货"), today=TODAY)
    import_orders(shop, order_list("202611211000", "卖家已发货，等待买家确认", courier="中通", tracking="7300000001"),
                  today=TODAY)
    import_orders(shop, [refunds("202611221000", "买家已经退货，等待卖家确认收货")], today=TODAY)
    assert aftersales(shop, TODAY, received=["YT9000000001"]).received == ["YT9000000001"]
    res = import_orders(shop, [refunds("202611231000", "退款关闭")], today=TODAY)
    [said] = [i.message_zh for i in res.issues]
    assert "退货已收到入库" in said and "退款关闭" in said and "把货寄回给买家" in said, said
    cases = read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)
    assert [c.status for c in cases] == [CaseStatus.RETURNED]  # the goods are here: a person's to settle
    [view] = aftersales(shop, TODAY).open
    assert view.step.startswith("与买家核对：把货寄回给买家") and "同意退款" not in view.step, view.step
    lines = lines_of(shop)
    assert refunds_done(cases, lines, lines) == []  # nothing was refunded
