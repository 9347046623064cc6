"""An owner's second store downloads its 淘宝 exports under the same names (ExportOrderList<time>.csv) into the same
folder: imported with the first store's, its orders came in as this shop's and were picked from this stock, and
nothing said so. Now exports naming two stores (店铺名称) stop the import before anything is written, naming each
store and its files; a store's morning and evening exports still import together."""

from __future__ import annotations

import pytest
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

from shopbook.issues import ShopbookError
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS


def _pair(tmp_path, no: str, store: str, stamp: str):
    order = order_row(no, "tb", "王芳", "13812345678", "江苏省 南京市 鼓楼区 中山北路 12 号(210000)",
                      "2026-11-21 09:00:00", goods="99.00")
    order["店铺名称"] = store
    return list(write_pair(tmp_path / stamp, [order], [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M")], stamp=stamp))


def test_exports_of_two_stores_are_said_and_nothing_comes_in(tmp_path):
    shop = build_shop(tmp_path)
    ours = _pair(tmp_path, "3515000000000000401", "演示服装店", "202611210900")
    theirs = _pair(tmp_path, "3515000000000000402", "演示服装店二店", "202611210905")
    before = shop.path(ORDERS).read_bytes()
    with pytest.raises(ShopbookError) as e:
        import_orders(shop, ours + theirs, today=TODAY)
    assert "“演示服装店”（ExportOrderList202611210900.csv）" in e.value.zh, e.value.zh
    assert "“演示服装店二店”（ExportOrderList202611210905.csv）" in e.value.zh and "什么也没有导入" in e.value.zh
    assert "'演示服装店二店' (ExportOrderList202611210905.csv)" in e.value.en and "nothing was imported" in e.value.en
    assert shop.path(ORDERS).read_bytes() == before
    later = _pair(tmp_path, "3515000000000000403", "演示服装店", "202611211800")  # the same store's evening export
    assert len(import_orders(shop, ours + later, today=TODAY).imported) == 2
    assert {r.order_no for r in lines_of(shop)} == {"3515000000000000401", "3515000000000000403"}
