"""A Chinese shop's orders over three days, on real files written and re-read: what the import
summary, the after-sales desk and the self-check say as the orders move on."""

from __future__ import annotations

import pytest

from platform_fixtures import qianniu_shipped, refund_row, write_refunds
from shopbook.orders.workflow import import_orders
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import TODAY, build_shop


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_a_refund_noted_on_a_shipped_order_is_not_counted_as_shipped_again(shop, tmp_path):
    """Day 1 an order comes in, day 2 it ships on the platform, day 3 the refund export says the
    buyer was refunded and sends it back: the order stays 已发货, and the summary's count says its
    status did not change (before, '已发货 1' beside '出库 0 行', as if a parcel had shipped)."""
    no = "3515130000000004"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(no)], [tb_detail(no, "SH-WH-M")])), today=TODAY)
    shipped = import_orders(shop, [qianniu_shipped(tmp_path / "d2", [(no, "中通快递", "73100000000041")])], today=TODAY)
    assert "（已发货 1）" in shipped.said(30)[1][1]
    refunds = write_refunds(tmp_path / "d3", [refund_row("R4", no, "SH-WH-M", "99.00", "退款成功", needs_return="是",
                                                          goods="买家已退货")])
    res = import_orders(shop, [refunds], today=TODAY)
    head = res.said(30)[1]
    assert head[1] == "状态变化：1 个订单，出库 0 行（状态不变 1）", head
    assert head[2] == "changed: 1 order, 0 stock lines out (status unchanged 1)", head


def test_the_import_says_which_after_sales_cases_the_refund_export_opened(shop, tmp_path):
    """A refund export opens a 售后 case per refund (a return to wait for, a refund only): the
    import's screen names them, as `ship` names the cases it opens (before, only --json had them,
    and customer service learnt of them from the self-check the next morning)."""
    from cli_run import flat, shopbook

    a, b = "3515130000000002", "3515130000000004"
    import_orders(shop, list(write_pair(tmp_path / "d1", [tb_order(a), tb_order(b)],
                                        [tb_detail(a, "SH-BK-M"), tb_detail(b, "SH-WH-M")])), today=TODAY)
    import_orders(shop, [qianniu_shipped(tmp_path / "d2", [(b, "中通快递", "73100000000041")])], today=TODAY)
    refunds = write_refunds(tmp_path / "d3", [
        refund_row("R2", a, "SH-BK-M", "99.00", "退款成功"),
        refund_row("R4", b, "SH-WH-M", "99.00", "退款成功", needs_return="是", goods="买家已退货")])
    run = shopbook("orders", "import", shop.folder, refunds)
    out = flat(run.stdout)
    from shopbook.schema import ORDERS, AfterSalesCase
    from shopbook.io.reader import read_workbook

    cases = [c.case_no for c in read_workbook(shop.path(ORDERS), ORDERS, (AfterSalesCase,)).rows(AfterSalesCase)]
    assert len(cases) == 2, run.stdout
    assert flat(f"! 开了 2 个售后单（orders.xlsx 的“售后”表）：{'、'.join(cases)}") in out, run.stdout
