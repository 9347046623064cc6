"""Paid, then partly refunded (1 of its 3 units, ¥99.00 of ¥297.00: held for a person to decide what still
ships), then shipped on the platform before anyone did. Its 出库 went out for the rows' 3 units and the note
said only 出库已记账: the units refunded, perhaps never sent, were counted sold without a word. Now a warning
at the export's row says what was posted and how to put it right."""

from __future__ import annotations

from platform_fixtures import refund_row, write_refunds
from shopbook.orders.workflow import import_orders
from taobao_fixtures import detail_row, write_pair
from test_order_life import tb_order
from test_orders import TODAY, build_shop, lines_of

NO, SENT = "3700000000000000671", "卖家已发货，等待买家确认"


def test_an_order_held_for_a_partial_refund_shipped_on_the_platform_is_said(tmp_path):
    shop = build_shop(tmp_path)
    order = tb_order(NO) | {"宝贝总数量": "3", "买家实际支付金额": "297.00"}
    import_orders(shop, list(write_pair(tmp_path / "a", [order], [detail_row(NO, "衬衫", "99.00", "3", "SH-BK-M")])),
                  today=TODAY)
    refund = refund_row("R671", NO, "SH-BK-M", "99.00", "退款成功", whole="部分退款") | {"买家实际支付金额": "297.00"}
    import_orders(shop, [write_refunds(tmp_path / "r", [refund])], today=TODAY)
    shipped = write_pair(tmp_path / "b", [order | {"订单状态": SENT, "物流公司": "中通快递", "物流单号 ": "ZT671"}],
                         [detail_row(NO, "衬衫", "99.00", "3", "SH-BK-M", status=SENT)], stamp="20261123")
    res = import_orders(shop, list(shipped), today=TODAY)
    [said] = [i for i in res.issues if "部分退款挂起着" in i.message_zh]
    assert "出库按订单表的行记了（SH-BK-M 3 件）" in said.message_zh and (said.book, said.row) == (shipped[0].name, 2)
    assert "stock went out for its rows (SH-BK-M ×3)" in said.message_en
    assert {ln.status.value for ln in lines_of(shop)} == {"已发货"}
