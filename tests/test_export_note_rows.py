"""A note (说明：…, 备注：…) or a heading (【以下为预售】) on a row of its own in an export, where the
order number goes (a person's line at the foot of a download kept in a shared folder, a tool's
export time): passed over as a 合计 row is, never "unknown order status ''" for an order that is none."""

from __future__ import annotations

import pytest

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.orders.workflow import import_orders
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop, lines_of


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_note_and_heading_rows_of_the_three_platforms_exports_are_no_orders(shop, tmp_path):
    tb = "3515131473500001"
    orders = [order_row(tb, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号", "2026-11-21 09:15:02",
                        goods="198.00"),
              {"订单编号": "备注：以上为11月21日订单"}, {"订单编号": "【以下为预售】"}]
    files = list(write_pair(tmp_path / "tb", orders, [detail_row(tb, "白衬衫", "99.00", "2", "SH-WH-M")]))
    files.append(write_douyin(tmp_path / "dy", [douyin_row("6940000000000000001", "69400000000000000011", "SH-WH-M"),
                                                {"主订单编号": "说明：导出时间 2026-11-21 18:00"}]))
    files.append(write_pdd(tmp_path / "pdd", [pdd_row("231121-000000000000009", "待发货", "SH-BK-M"),
                                              {"商品": "仅供参考", "订单号": "注：以上订单已核对"}]))
    assert "备注：以上为11月21日订单".encode("gb18030") in files[0].read_bytes()
    res = import_orders(shop, files)
    assert res.issues == [], [i.message_zh for i in res.issues]
    assert {ln.order_no for ln in lines_of(shop)} == {tb, "6940000000000000001", "231121-000000000000009"}
