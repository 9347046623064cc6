"""QA (aftersales helper): one 售后 row that does not read (状态 typed 处理中了 on a case of another order) stopped
every `orders import`, and so the daily job's import step, new orders and all (exit 2), where the desk and `ship`
pass such a row over. Now it stops only an import bringing a refund of that row's order (the refund would be
matched against a case that did not read); another import comes in, one with refunds saying the row was passed
over at its cell, the row's case number kept taken."""

from __future__ import annotations

import pytest

from cli_run import type_in
from platform_fixtures import refund_row, write_refunds
from shopbook.io.reader import read_workbook
from shopbook.issues import ShopbookError
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, AfterSalesCase
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

X, Y, Z = "3515130000000081", "3515130000000082", "3515130000000083"


def test_a_case_row_that_does_not_read_stops_only_a_refund_of_its_order(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, list(write_pair(tmp_path / "a", [tb_order(X), tb_order(Y)],
                                        [tb_detail(X, "SH-BK-M"), tb_detail(Y, "SH-BK-M")])), today=TODAY)
    review(shop)
    import_orders(shop, [write_refunds(tmp_path / "r1", [refund_row("R81", X, "SH-BK-M", "99.00",
                                                                    "买家已经申请退款，等待卖家同意")])], today=TODAY)
    case, = read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)
    type_in(shop.path(ORDERS), "售后", {(case.row, "状态"): "处理中了"})  # a person's typo on X's case

    # new orders come in (before: 无法导入订单, the 售后 cell named, nothing imported)
    res = import_orders(shop, list(write_pair(tmp_path / "b", [tb_order(Z)], [tb_detail(Z, "SH-BK-M")],
                                              stamp="20261122")), today=TODAY)
    assert {ln.order_no for ln in res.imported} == {Z} and Z in {ln.order_no for ln in lines_of(shop)}

    # a refund of another order comes in too, the row passed over said at its cell, its case number not reused
    res = import_orders(shop, [write_refunds(tmp_path / "r2", [refund_row("R82", Y, "SH-BK-M", "99.00",
                                                                          "买家已经申请退款，等待卖家同意")],
                                             name="ExportRefundList20261122.csv")], today=TODAY)
    opened, = res.cases_opened
    assert opened.order_no == Y and opened.case_no != case.case_no
    said = [i for i in res.issues if i.row == case.row and i.sheet == "售后"]
    assert said and "这一行售后单这次跳过" in said[0].message_zh, [i.message_zh for i in res.issues]

    # a refund of X's order stops, at the cell: its case did not read
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, [write_refunds(tmp_path / "r3", [refund_row("R81", X, "SH-BK-M", "99.00", "退款成功")],
                                           name="ExportRefundList20261123.csv")], today=TODAY)
    assert "处理中了" in e.value.zh, e.value.zh
    typed = read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,))
    assert any(i.value == "处理中了" for i in typed.errors_in(AfterSalesCase))  # the typo as the person left it
