"""A 退货退款 whose buyer has sent the parcel (the refund export names its 退货物流单号), then the platform
closes the refund unpaid (退款关闭) while the parcel is on its way: the import closed the case saying "no
return to wait for", and when the parcel came `aftersales receive` turned it away (closed, nothing posted):
goods in the warehouse and in no stock. The case stays waiting, said at its 状态; the parcel is received and
posted once, no refund counted, and the next step is to settle it with the buyer."""

from __future__ import annotations

from platform_fixtures import REFUND_HEADERS, REFUND_MORE, refund_row, write_refunds
from test_aftersales import cases_of, returns_of, shipped_order
from test_orders import TODAY, build_shop, lines_of

from shopbook.aftersales.cases import refunds_done
from shopbook.aftersales.workflow import aftersales
from shopbook.orders.workflow import import_orders
from shopbook.schema import CaseStatus

NO = "3900000000000000555"


def test_a_return_on_its_way_when_the_platform_closes_its_refund_is_still_received(tmp_path):
    shop = build_shop(tmp_path)
    shipped_order(shop, tmp_path, NO)

    def refunds(stamp: str, status: str):
        row = refund_row("RF55", NO, "SH-WH-M", "99.00", status, needs_return="是", goods="买家已退货")
        row["退货物流单号"] = "YT9000000055"
        return write_refunds(tmp_path / stamp, [row], name=f"ExportRefundList{stamp}.csv",
                             headers=REFUND_HEADERS + REFUND_MORE)

    import_orders(shop, [refunds("202611221000", "买家已经退货，等待卖家确认收货")], today=TODAY)
    res = import_orders(shop, [refunds("202611231000", "退款关闭")], today=TODAY)
    [case] = cases_of(shop)
    assert case.status is CaseStatus.WAITING_RETURN
    [said] = [i for i in res.issues if i.sheet == "售后"]
    assert (said.row, said.field) == (case.row, "status")
    assert "退款关闭" in said.message_zh and "YT9000000055" in said.message_zh and "仍等退货" in said.message_zh
    assert "still waits" in said.message_en and "aftersales receive SHOP YT9000000055" in said.message_en
    got = aftersales(shop, TODAY, received=["yt9000000055"])
    assert got.received == ["yt9000000055"] and returns_of(shop) == [(case.case_no, "SH-WH-M", 1)]
    [view] = got.open
    assert view.step.startswith("与买家核对：把货寄回给买家") and "同意退款" not in view.step, view.step
    assert refunds_done(cases_of(shop), lines_of(shop), lines_of(shop)) == []  # nothing refunded
    # scanned again: nothing posted twice
    assert aftersales(shop, TODAY, received=["YT9000000055"]).received == [] and len(returns_of(shop)) == 1
