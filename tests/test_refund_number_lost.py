"""A refund export opened in Excel and saved again: its 退款编号 (18 digits) became 1.73845E+17, the same text for
every refund. Refunds are told apart by that number, so the two refunds of one order read as one: the order was
held as partly refunded (one line) when both lines were, and one refund was lost (its after-sales case, its
amount). Each such number is said at its cell; the order is not changed by its other refunds alone."""

from __future__ import annotations

from cli_run import flat, shopbook, type_in
from platform_fixtures import refund_row, write_refunds
from taobao_fixtures import write_pair
from test_order_life import status_of, tb_detail, tb_order
from test_orders import TODAY, build_shop, lines_of

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, AfterSalesCase, OrderStatus

NO = "3700000000000001301"
LOST = "1.73845E+17"


def _shop(tmp_path):
    shop = build_shop(tmp_path)
    head = tb_order(NO)
    head["宝贝总数量"] = "2"
    import_orders(shop, list(write_pair(tmp_path / "d", [head], [tb_detail(NO, "SH-BK-M"), tb_detail(NO, "SH-WH-M")])),
                  today=TODAY)
    type_in(shop.path(ORDERS), "订单", {(ln.row, "状态"): "已审核" for ln in lines_of(shop)})
    return shop


def cases_of(shop) -> list[AfterSalesCase]:
    return read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)


def test_two_refunds_whose_numbers_excel_made_alike_are_said_not_read_as_one(tmp_path):
    shop = _shop(tmp_path)
    export = write_refunds(tmp_path / "r", [refund_row(LOST, NO, "SH-BK-M", "99.00", "退款成功", whole="部分退款"),
                                            refund_row(LOST, NO, "SH-WH-M", "99.00", "退款成功", whole="部分退款")],
                           name="ExportRefundList20261122120000.csv")
    r = shopbook("orders", "import", shop.folder, export)
    out = flat(r.stdout)
    # (one error for the column Excel cut, at its first row, naming both: imports11)
    assert f"ExportRefundList20261122120000.csv›第2行退款编号='{LOST}'" in out and "（第2、3行）" in out, r.stdout
    assert "科学计数法" in out and "每一行：这笔退款没有导入，它的订单也没有改动" in out, r.stdout
    assert status_of(shop)[NO] is OrderStatus.APPROVED
    assert cases_of(shop) == []


def test_a_refund_beside_one_whose_number_was_lost_changes_nothing_yet(tmp_path):
    shop = _shop(tmp_path)
    export = write_refunds(tmp_path / "r", [refund_row("173845123456789011", NO, "SH-BK-M", "99.00", "退款成功",
                                                       whole="部分退款"),
                                            refund_row(LOST, NO, "SH-WH-M", "99.00", "退款成功", whole="部分退款")],
                           name="ExportRefundList20261122120000.csv")
    res = import_orders(shop, [export], today=TODAY)
    said = [(i.row, i.column) for i in res.issues if i.is_error]
    assert (3, "退款编号") in said and len(said) == 2  # the number, and the order left as it is for it
    assert "The refund was not imported, nor its order changed." in next(
        i.message_en for i in res.issues if i.column == "退款编号")
    assert status_of(shop)[NO] is OrderStatus.APPROVED and res.changes == []
    assert cases_of(shop) == []
