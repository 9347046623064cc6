"""An order imported with a code that is none of our SKUs (the SKU map lacked it) and then
shipped on the platform: no 出库 for the code (it broke stock.xlsx, and the real SKUs never went
out), the order held with the code named, a warning saying what to do; once the map has the
code, the same export ships it and its parts go out once. Real 拼多多 exports, real workbooks."""

from __future__ import annotations

import hashlib

from platform_fixtures import pdd_row, qianniu_shipped, write_pdd
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders
from shopbook.schema import ORDERS, STOCK, MovementType, OrderStatus, Platform, SkuMap
from shopbook.validate import validate_path
from shopbook.workbook_builder import write_workbook
from test_order_life import moves_of
from test_orders import build_shop, lines_of

NO = "261122-000000000000055"


def _shipped(tmp_path, name: str):
    return write_pdd(tmp_path / name, [pdd_row(NO, "已发货，待收货", "SET-TEE-2", qty=2, total="180.00",
                                               tracking="YT0000000055", courier="圆通快递",
                                               shipped="2026-11-23 09:00:00")])


def _stock_digest(shop) -> str:
    return hashlib.sha256(shop.path(STOCK).read_bytes()).hexdigest()


def test_held_until_the_map_has_the_code_then_its_parts_go_out_once(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(NO, "待发货", "SET-TEE-2", qty=2, total="180.00")])])
    line, = lines_of(shop)
    assert (line.sku, line.status) == ("SET-TEE-2", OrderStatus.NEW)
    stock_before = _stock_digest(shop)

    res = import_orders(shop, [_shipped(tmp_path, "b")])
    line, = lines_of(shop)
    assert line.status is OrderStatus.HELD and "SET-TEE-2" in line.platform_status
    assert line.tracking_no == "YT0000000055" and line.courier == "圆通快递"  # what the platform said is kept
    assert res.movements == [] and moves_of(shop) == [] and _stock_digest(shop) == stock_before
    warn, = [i for i in res.issues if "SET-TEE-2" in i.message_zh and "已发货" in i.message_zh]
    assert warn.severity == "warning" and "商品映射" in warn.message_zh and "SKU map" in warn.message_en
    assert not [i for i in validate_path(shop.folder).issues if i.is_error and i.book == "stock.xlsx"]

    # the same export again: nothing changes
    orders_before = hashlib.sha256(shop.path(ORDERS).read_bytes()).hexdigest()
    again = import_orders(shop, [_shipped(tmp_path, "c")])
    assert again.changes == [] and again.movements == []
    assert hashlib.sha256(shop.path(ORDERS).read_bytes()).hexdigest() == orders_before

    # the map gets the code (a set of two SKUs); the export imported again ships it, parts out once
    wd = read_workbook(shop.path(ORDERS), ORDERS)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        **{m: wd.rows(m) for m in wd.sheets},
        SkuMap: [SkuMap(platform=Platform.PINDUODUO, code="SET-TEE-2", sku="SH-BK-M", qty=1),
                 SkuMap(platform=Platform.PINDUODUO, code="SET-TEE-2", sku="SH-WH-L", qty=1)]}, keep_backup=False)
    res = import_orders(shop, [_shipped(tmp_path, "d")])
    line, = lines_of(shop)
    assert line.status is OrderStatus.SHIPPED
    assert sorted(moves_of(shop)) == [(NO, "SH-BK-M", 2, MovementType.OUT), (NO, "SH-WH-L", 2, MovementType.OUT)]
    assert import_orders(shop, [_shipped(tmp_path, "e")]).movements == []  # once
    assert not [i for i in validate_path(shop.folder).issues if i.is_error and i.book == "stock.xlsx"]


def test_a_waybill_tools_file_holds_it_the_same_way(tmp_path):
    from test_marks_language import person_sets

    shop = build_shop(tmp_path)
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(NO, "待发货", "NOT-OURS")])])
    person_sets(shop, NO, "已审核")  # approved by a person (a waybill tool's file ships approved orders only)
    res = import_orders(shop, [qianniu_shipped(tmp_path / "q", [(NO, "中通", "73100099000001")])])
    line, = lines_of(shop)
    assert line.status is OrderStatus.HELD and moves_of(shop) == [] and res.movements == []
    assert any("NOT-OURS" in i.message_en for i in res.issues)
    # the map gets the code: the same file ships it (its hold was the shipment's own), once
    wd = read_workbook(shop.path(ORDERS), ORDERS)
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {
        **{m: wd.rows(m) for m in wd.sheets},
        SkuMap: [SkuMap(platform=Platform.PINDUODUO, code="NOT-OURS", sku="SH-BK-M", qty=1)]}, keep_backup=False)
    res = import_orders(shop, [qianniu_shipped(tmp_path / "q2", [(NO, "中通", "73100099000001")])])
    assert not [i for i in res.issues if i.is_error] and lines_of(shop)[0].status is OrderStatus.SHIPPED
    assert moves_of(shop) == [(NO, "SH-BK-M", 1, MovementType.OUT)]
