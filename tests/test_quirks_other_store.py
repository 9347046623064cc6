"""A lone 淘宝 export of another store (the owner's second store, downloaded into this shop's folder): its
店铺名称 is the only word any platform's export says about its store. Imported alone it came in as this shop's,
picked from this stock. Now the store earlier imports of this folder brought in is kept, and a lone export
naming another is refused before anything is written, in the shop's language; the shop's own name in its
settings always passes (a store renamed on Taobao is said there)."""

from __future__ import annotations

import json
import shutil

import pytest
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop, lines_of

from shopbook.issues import DataStop
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS


def _pair(tmp_path, no: str, store: str, stamp: str):
    order = order_row(no, "tb", "王芳", "13812345678", "江苏省 南京市 鼓楼区 中山北路 12 号(210000)",
                      "2026-11-21 09:00:00", goods="99.00")
    order["店铺名称"] = store
    return list(write_pair(tmp_path / stamp, [order], [detail_row(no, "白衬衫", "99.00", "1", "SH-WH-M")], stamp=stamp))


def test_a_lone_export_of_another_store_is_refused_and_the_shops_own_name_passes(tmp_path, monkeypatch):
    shop = build_shop(tmp_path)
    assert shop.config.shop.name != "演示服装店二店"
    import_orders(shop, _pair(tmp_path, "3515000000000000501", "演示服装店", "202611210900"), today=TODAY)
    # kept in shopbook's record of the exports imported, not in the cache (removable at any time)
    assert json.loads((shop.folder / ".shopbook-imported.json").read_bytes())["stores"] == {"taobao": ["演示服装店"]}
    shutil.rmtree(shop.folder / ".shopbook-cache", ignore_errors=True)
    theirs = _pair(tmp_path, "3515000000000000502", "演示服装店二店", "202611211000")
    raw = theirs[0].read_bytes()
    assert "演示服装店二店".encode("gb18030") in raw and b'"=""3515000000000000502"""' in raw  # the export's own bytes
    before = shop.path(ORDERS).read_bytes()
    with pytest.raises(DataStop) as e:  # the shop's own matter: in its language alone
        import_orders(shop, theirs, today=TODAY)
    assert "店铺“演示服装店二店”的（ExportOrderList202611211000.csv" in e.value.zh, e.value.zh
    assert "以前导入的是 “演示服装店” 的订单" in e.value.zh and "什么也没有导入" in e.value.zh
    assert "[shop] 的 name 改成“演示服装店二店”" in e.value.zh
    assert "store '演示服装店二店'" in e.value.en and "nothing was imported" in e.value.en
    assert e.value.say("en") == e.value.en and e.value.say("zh") == e.value.zh
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in e.value.en.replace("演示服装店二店", "").replace(
        "演示服装店", "").replace("店铺名称", "").replace(shop.config.shop.name, ""))
    assert shop.path(ORDERS).read_bytes() == before
    # the same store's evening export still comes in
    import_orders(shop, _pair(tmp_path, "3515000000000000503", "演示服装店", "202611211800"), today=TODAY)
    assert {r.order_no for r in lines_of(shop)} == {"3515000000000000501", "3515000000000000503"}
    # the store renamed on Taobao: the person names it in the settings, and it comes in (and is kept)
    monkeypatch.setattr(shop.config.shop, "name", "演示服装店二店")
    import_orders(shop, theirs, today=TODAY)
    assert "3515000000000000502" in {r.order_no for r in lines_of(shop)}


def test_a_heading_row_above_the_orders_does_not_hide_the_store(tmp_path):
    """A heading on a row of its own above the orders (【以下为预售】, as test_export_note_rows has them) names no
    store: the store was read from the first row alone, so such an export of another store came in unsaid."""
    shop = build_shop(tmp_path)
    import_orders(shop, _pair(tmp_path, "3515000000000000601", "演示服装店", "202611210900"), today=TODAY)
    order = order_row("3515000000000000602", "tb", "王芳", "13812345678", "江苏省 南京市 鼓楼区 中山北路 12 号(210000)",
                      "2026-11-21 09:00:00", goods="99.00")
    order["店铺名称"] = "演示服装店二店"
    theirs = list(write_pair(tmp_path / "b", [{"订单编号": "【以下为预售】"}, order],
                             [detail_row("3515000000000000602", "白衬衫", "99.00", "1", "SH-WH-M")], stamp="202611211000"))
    assert "【以下为预售】".encode("gb18030") in theirs[0].read_bytes()
    with pytest.raises(DataStop) as e:
        import_orders(shop, theirs, today=TODAY)
    assert "店铺“演示服装店二店”的" in e.value.zh
    assert {r.order_no for r in lines_of(shop)} == {"3515000000000000601"}
