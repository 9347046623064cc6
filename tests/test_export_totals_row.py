"""A 合计 line at the foot of a platform's export (as a person or a tool adds it) is no order: it is
passed over without a word, as the workbooks' readers pass over a totals row, and the orders above
it import."""

from __future__ import annotations

import pytest

from platform_fixtures import pdd_row, write_pdd
from shopbook.orders.workflow import import_orders
from taobao_fixtures import ORDER_HEADERS, export_bytes, write_pair
from test_order_life import status_of, tb_detail, tb_order
from test_orders import TODAY, build_shop

A, B = "3515200000000931", "3515200000000932"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


@pytest.mark.parametrize("label", ["合计", "合计：2笔", "共 2 条记录", "Total: 2", "本月合计 2 单", "合计：¥1,234.00",
                                   "本月合计：￥1,234,567.00"])
def test_a_totals_line_under_a_taobao_export_is_no_order(shop, tmp_path, label):
    """(QA: a foot line with its count, 合计：2笔 or 共 2 条记录, or its sum, 合计：¥1,234.00, was an order of
    unknown status.)"""
    orders, details = write_pair(tmp_path / "d1", [tb_order(A), tb_order(B)],
                                 [tb_detail(A, "SH-BK-M"), tb_detail(B, "SH-WH-M")])
    totals = {h: "" for h in ORDER_HEADERS} | {"订单编号": label, "买家应付货款": "198.00", "总金额": "198.00",
                                                "买家实际支付金额": "198.00", "宝贝总数量": "2"}
    orders.write_bytes(export_bytes(ORDER_HEADERS, [tb_order(A), tb_order(B), totals]))
    assert orders.read_bytes().decode("gb18030").splitlines()[-1].startswith(f'"{label}"')
    res = import_orders(shop, [orders, details], today=TODAY)
    assert res.issues == [] and res.skipped == []
    assert set(status_of(shop)) == {A, B}


def test_a_totals_line_under_a_pinduoduo_export_is_no_order(shop, tmp_path):
    no = "261203-000000000001"
    path = write_pdd(tmp_path / "p", [pdd_row(no, "待发货", "SH-BK-M"), pdd_row("合 计", "", "", qty="", total="99.00")])
    res = import_orders(shop, [path], today=TODAY)
    assert res.issues == [] and res.skipped == []
    assert set(status_of(shop)) == {no}
