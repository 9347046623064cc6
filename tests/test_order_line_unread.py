"""An order one of whose item lines does not read (a quantity of 1件, a code Excel turned into
1.23E+17, a sub-order of a status no one knows): its other lines came in as the whole order,
待审核, to be picked and shipped short, and a later export never adds the line to an order there.
Now the order is refused whole, at its row, naming the line's; new or already there, it is not
moved on by its other lines alone (抖店: the live sub-order unread, the order would read cancelled)."""

from __future__ import annotations

import pytest

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop, lines_of

DY = "6960000000000000001"


@pytest.fixture
def shop(tmp_path):
    return build_shop(tmp_path)


def test_an_order_with_a_line_that_does_not_read_is_not_imported_short(shop, tmp_path):
    tb = "3515131474100001"
    head = order_row(tb, "tb_a", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号", "2026-11-21 09:15:02",
                     goods="198.00")
    head["宝贝总数量"] = ""  # (older exports leave it out: nothing to count the lines against)
    files = list(write_pair(tmp_path / "tb", [head], [detail_row(tb, "白衬衫", "99.00", "1", "SH-WH-M"),
                                                      detail_row(tb, "黑衬衫", "99.00", "x", "SH-BK-M")]))
    files.append(write_douyin(tmp_path / "dy", [douyin_row(DY, DY + "1", "SH-WH-M"),
                                                douyin_row(DY, DY + "2", "SH-BK-M", qty="1件")]))
    files.append(write_pdd(tmp_path / "pdd", [pdd_row("231121-000000000000301", "待发货", "SH-WH-M"),
                                              pdd_row("231121-000000000000301", "待发货", "SH-BK-M", qty="两")]))
    res = import_orders(shop, files)
    assert lines_of(shop) == []
    refused = {i.value: i for i in res.refused if "有商品行没有读懂" in i.message_zh}
    assert set(refused) == {tb, DY, "231121-000000000000301"}
    assert "ExportOrderDetailList20261121.csv 第 3 行" in refused[tb].message_zh
    assert refused[DY].cell == "第 2 行 / row 2" and "row 3" in refused[DY].message_en


def test_a_later_export_with_the_live_sub_order_unread_does_not_cancel_the_order(shop, tmp_path):
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(DY, DY + "1", "SH-WH-M"),
                                                       douyin_row(DY, DY + "2", "SH-BK-M")])])
    later = write_douyin(tmp_path / "b", [douyin_row(DY, DY + "1", "SH-WH-M", status="已关闭", after="退款成功"),
                                          douyin_row(DY, DY + "2", "SH-BK-M", status="风控审核中")],
                         stamp=1763780400)
    res = import_orders(shop, [later])
    assert {ln.status for ln in lines_of(shop)} == {OrderStatus.NEW} and res.changes == []
    assert any("有商品行没有读懂" in i.message_zh for i in res.refused)
