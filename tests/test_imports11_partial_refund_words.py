"""One refund of one line of a waiting 淘宝 order, said by the 退款 export (部分退款：SH-BK-M 退款成功：…) and by the next
order list (its item line 退款成功): each export's words differed from the other's, so each import rewrote the hold and
listed a change, and once a person had decided what ships and approved the order, the other export held it again
(it then waited unpicked). Now the same refunded lines in other words are the same hold: a release stands."""

from __future__ import annotations

from cli_run import type_in
from platform_fixtures import refund_row, write_refunds
from taobao_fixtures import PAID, detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderStatus

NO = "3515000000000000521"
NANJING = "江苏省 南京市 鼓楼区 中山北路 12 号(210000)"  # (王芳's address)


def two_shirts(tmp_path, stamp: str, no: str = NO, refund: str = "", status: str = PAID, new_address: str = ""):
    """淘宝's export pair (written at `stamp`) of order `no`, two shirts to 王芳 in 南京, the second line's 退款状态
    `refund`; `status` other than paid: shipped with the platform's own tool; `new_address`: the buyer's change."""
    order = order_row(no, "tb", "王芳", "13812345678", NANJING, "2026-11-21 09:00:00", goods="198.00", status=status,
                      new_address=new_address)
    order["宝贝总数量"] = "2"
    if status != PAID:  # shipped with the platform's own tool
        order["物流单号 "], order["物流公司"] = "75123456789012", "中通快递"
    lines = [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M", status=status),
             detail_row(no, "黑衬衫", "99.00", "1", "SH-BK-M", status=status)]
    if refund:
        lines[1]["退款状态"] = refund
    return list(write_pair(tmp_path / stamp, [order], lines, stamp=stamp))


def test_a_release_stands_against_the_other_exports_words_of_one_refund(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, two_shirts(tmp_path, "202611211000"), today=TODAY)
    refunds = write_refunds(tmp_path / "r", [refund_row("RF52101", NO, "SH-BK-M", "99.00", "退款成功", whole="部分退款")],
                            name="ExportRefundList202611221200.csv")
    assert [c.after for c in import_orders(shop, [refunds], today=TODAY).changes] == [OrderStatus.HELD]
    later = two_shirts(tmp_path, "202611221300", refund="退款成功")
    assert not import_orders(shop, later, today=TODAY).changes  # the same refund in the order list's words
    rows = [r for r in lines_of(shop) if r.order_no == NO]
    type_in(shop.path(ORDERS), "订单",
            {(r.row, "状态"): "已审核" for r in rows})  # a person decided what ships
    for files in ([refunds], later):
        assert not import_orders(shop, files, today=TODAY).changes
    assert {r.status for r in lines_of(shop) if r.order_no == NO} == {OrderStatus.APPROVED}


def test_a_refund_asked_after_shipping_keeps_the_refund_exports_words(tmp_path):
    """The 退款 export's words on a shipped order (reason, amount, goods to come back) stand against the item list's
    bare 退款中 of that refund: before, each rewrote the other and the refund was listed as newly asked each import."""
    shop = build_shop(tmp_path)
    import_orders(shop, two_shirts(tmp_path, "202611211000"), today=TODAY)
    shipped = two_shirts(tmp_path, "202611221300", refund="退款中", status="卖家已发货，等待买家确认")
    refunds = write_refunds(tmp_path / "r", [refund_row("RF52102", NO, "SH-BK-M", "99.00", "买家已经申请退款，等待卖家同意",
                                                        whole="部分退款", needs_return="是")],
                            name="ExportRefundList202611221400.csv")  # newer than the order list: applied after it
    import_orders(shop, [*shipped, refunds], today=TODAY)
    rows = [r for r in lines_of(shop) if r.order_no == NO]
    assert {r.status for r in rows} == {OrderStatus.SHIPPED}
    assert {r.platform_status for r in rows} == {"退款中（已发货，等退货）：买家已经申请退款，等待卖家同意：不想要了，¥99.00，需退货"}
    assert not import_orders(shop, shipped, today=TODAY).changes  # the order list again: its bare 退款中 adds nothing
    assert {r.platform_status for r in lines_of(shop) if r.order_no == NO} == {rows[0].platform_status}
