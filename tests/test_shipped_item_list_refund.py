"""A Taobao order already shipped whose item list (宝贝报表) then says 退款中 on its line (the buyer asked
for a refund after it went): the import said nothing and changed nothing, so nobody looked for the
refund or a return until the 退款 export came. Now it is noted beside the order, as 拼多多's and 抖店's
after-sales on a shipped order are, and released when the item list says the refund closed."""

from __future__ import annotations

from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import write_pair
from test_order_life import moves_of, tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

SHIPPED = "卖家已发货，等待买家确认"


def test_a_refund_asked_on_a_shipped_line_is_noted_then_closed(tmp_path):
    shop, no = build_shop(tmp_path), "3700000000000000777"
    went = {"status": SHIPPED, "courier": "中通快递", "tracking": "75123456789077", "shipped": "2026-11-22 10:00:00"}

    def day(name, refund):
        line = {**tb_detail(no, "SH-BK-M", status=SHIPPED), "退款状态": refund}
        return import_orders(shop, list(write_pair(tmp_path / name, [tb_order(no, **went)], [line], stamp=name)),
                             today=TODAY)

    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-BK-M")])), today=TODAY)
    day("20261122", "")
    res = day("20261123", "退款中")
    ln = next(ln for ln in lines_of(shop) if ln.order_no == no)
    assert ln.status is OrderStatus.SHIPPED and ln.platform_status.startswith("退款中（已发货")
    assert [c.order_no for c in res.changes] == [no]
    day("20261125", "退款关闭")
    ln = next(ln for ln in lines_of(shop) if ln.order_no == no)
    assert (ln.status, ln.platform_status) == (OrderStatus.SHIPPED, "退款关闭")
    assert [m for m in moves_of(shop) if m[0] == no] == [(no, "SH-BK-M", 1, "出库")]  # posted once
