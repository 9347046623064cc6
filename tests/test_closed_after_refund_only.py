"""QA (returns): a shipped Taobao order refunded without return (the 退款 export: 是否需要退货 否), then closed in
the next 订单报表 (交易关闭): the import's change said 如有退货，到了再扫描或录入退货入库 of a refund the export
said takes no goods back, and wrote the export's words (the amount, the reason) out of 平台状态. Now a close the
refund export has already recorded is no change, and one it left asking (退款中) says 仅退款 as the export did."""

from __future__ import annotations

from platform_fixtures import refund_row, write_refunds
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import build_shop, lines_of

from shopbook.orders.workflow import import_orders

PAID, ASKING = "3700000000000000771", "3700000000000000772"


def order_list(tmp_path, stamp: str, status: str, refund: str = "", **more):
    details = [tb_detail(no, "SH-BK-M", status=status) for no in (PAID, ASKING)]
    for d in details:
        d["退款状态"] = refund
    return list(write_pair(tmp_path / stamp, [tb_order(no, status=status, **more) for no in (PAID, ASKING)],
                           details, stamp=stamp))


def test_a_close_after_a_refund_without_return_says_no_return(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, order_list(tmp_path, "202611210900", "买家已付款，等待卖家发货"))
    import_orders(shop, order_list(tmp_path, "202611211000", "卖家已发货，等待买家确认", courier="中通",
                                   tracking="7300000001"))
    refunds = write_refunds(tmp_path / "r", [
        refund_row("RF1", PAID, "SH-BK-M", "99.00", "退款成功", needs_return="否", goods="买家已收到货"),
        refund_row("RF2", ASKING, "SH-BK-M", "99.00", "买家已经申请退款，等待卖家同意", needs_return="否",
                   goods="买家已收到货")], name="ExportRefundList202611221000.csv")
    import_orders(shop, [refunds])
    paid_said = {ln.order_no: ln.platform_status for ln in lines_of(shop)}[PAID]
    res = import_orders(shop, order_list(tmp_path, "202611231000", "交易关闭", refund="退款成功", close="买家申请退款",
                                         courier="中通", tracking="7300000001"))
    notes = {c.order_no: (c.note_zh, c.note_en) for c in res.changes}
    assert PAID not in notes, notes  # the refund export closed it already, and said more
    assert {ln.order_no: ln.platform_status for ln in lines_of(shop)}[PAID] == paid_said == \
        "交易关闭（已发货）：退款成功：不想要了，¥99.00"
    zh, en = notes[ASKING]
    assert zh.endswith("仅退款，不退货，库存不变") and en.endswith("refund only, no goods come back: stock unchanged"), notes
