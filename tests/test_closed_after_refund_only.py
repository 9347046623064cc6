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


def test_a_pdd_refund_paid_after_a_return_asked_still_waits_for_the_return(tmp_path):
    """拼多多 said 退货退款，待商家处理 (需退货), then 退款成功 with nothing of the goods: the change said 如有退货… and
    平台状态 是否退货见平台, the return the first export asked for forgotten. Now 等退货, as it said."""
    from platform_fixtures import pdd_row, write_pdd

    shop = build_shop(tmp_path)
    no, parcel = "261121-000000001", {"tracking": "YT1", "courier": "圆通快递", "shipped": "2026-11-22 10:00:00"}
    for k, (status, after, more) in enumerate([("待发货", "无售后或售后取消", {}), ("已发货，待收货", "无售后或售后取消", parcel),
                                              ("已发货，待收货", "退货退款，待商家处理", parcel), ("已收货", "退款成功", parcel)]):
        res = import_orders(shop, [write_pdd(tmp_path / str(k), [pdd_row(no, status, "SH-WH-M", after=after, **more)],
                                             name=f"orders_export2026-11-2{k}-10-00-00.csv")])
    [change] = res.changes
    assert change.note_zh.endswith("退货到了再扫描或录入退货入库"), change.note_zh
    assert [ln.platform_status for ln in lines_of(shop)] == ["部分退款（已发货，等退货）：SH-WH-M 退款成功"]


def test_a_douyin_refund_only_after_shipping_opens_a_refund_only(tmp_path):
    """抖店's 售后状态 仅退款-待商家处理 on a shipped sub-order: the change said 如有退货… and the case opened as a
    退货退款 asking whether goods come back (是否退货（见平台…）), of words that say none do. Now 仅退款, as said."""
    from platform_fixtures import douyin_row, write_douyin

    from shopbook.schema import CaseType

    shop = build_shop(tmp_path)
    no, parcel = "6900000000000000002", {"tracking": "YT2", "courier": "圆通快递", "shipped": "2026/11/22 10:00:00"}
    for k, (status, after) in enumerate([("待发货", "-"), ("已发货", "-"), ("已发货", "仅退款-待商家处理")]):
        more = parcel if status == "已发货" else {}
        res = import_orders(shop, [write_douyin(tmp_path / str(k), [douyin_row(no, no + "1", "SH-WH-M", status=status,
                                                                               after=after, **more)],
                                                stamp=1763694000 + k * 86400)])
    [change] = res.changes
    assert change.note_zh.endswith("仅退款，不退货，库存不变"), change.note_zh
    [case] = res.cases_opened
    assert (case.type, case.needs) == (CaseType.REFUND_ONLY, None), case
