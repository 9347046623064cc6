"""One refund of one line of a waiting 淘宝 order, said by the 退款 export (部分退款：SH-BK-M 退款成功：…) and by the next
order list (its item line 退款成功): each export's words differed from the other's, so each import rewrote the hold and
listed a change, and once a person had decided what ships and approved the order, the other export held it again
(it then waited unpicked). Now the same refunded lines in other words are the same hold: a release stands."""

from __future__ import annotations

from cli_run import type_in
from platform_fixtures import refund_row, write_refunds
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, OrderStatus

NO = "3515000000000000521"


def _pair(tmp_path, stamp: str, refund: str = ""):
    order = order_row(NO, "tb", "王芳", "13812345678", "江苏省 南京市 鼓楼区 中山北路 12 号(210000)",
                      "2026-11-21 09:00:00", goods="198.00")
    order["宝贝总数量"] = "2"
    lines = [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M"), detail_row(NO, "黑衬衫", "99.00", "1", "SH-BK-M")]
    if refund:
        lines[1]["退款状态"] = refund
    return list(write_pair(tmp_path / stamp, [order], lines, stamp=stamp))


def test_a_release_stands_against_the_other_exports_words_of_one_refund(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, _pair(tmp_path, "202611211000"), today=TODAY)
    refunds = write_refunds(tmp_path / "r", [refund_row("RF52101", NO, "SH-BK-M", "99.00", "退款成功", whole="部分退款")],
                            name="ExportRefundList202611221200.csv")
    assert [c.after for c in import_orders(shop, [refunds], today=TODAY).changes] == [OrderStatus.HELD]
    later = _pair(tmp_path, "202611221300", refund="退款成功")
    assert not import_orders(shop, later, today=TODAY).changes  # the same refund in the order list's words
    rows = [r for r in lines_of(shop) if r.order_no == NO]
    type_in(shop.path(ORDERS), "订单",
            {(r.row, "状态"): "已审核" for r in rows})  # a person decided what ships
    for files in ([refunds], later):
        assert not import_orders(shop, files, today=TODAY).changes
    assert {r.status for r in lines_of(shop) if r.order_no == NO} == {OrderStatus.APPROVED}
