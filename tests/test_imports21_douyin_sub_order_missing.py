"""抖店 lists each sub-order on a line of its own. A later export that lacked one of an order's sub-orders (cut at its
row limit, or downloaded filtered by status) and said the one it listed had shipped marked the whole order shipped
and posted 出库 for every row: the other item, still waiting on the platform and on the shelf, counted out and never
picked. It is now held as part shipped (the parcel that went named), no stock posted, as the platform's 部分发货
is, until an export says the rest went: then every row posts once. A SKU a person changed on the sheet (the same
units) is no sub-order missing."""

from __future__ import annotations

import openpyxl
import pytest

from cli_run import typed_in_openpyxl
from platform_fixtures import douyin_row, write_douyin
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import import_orders, review
from shopbook.schema import ORDERS, STOCK, Movement, MovementType, OrderLine, OrderStatus
from test_imports19_typed_review_kept import _shop  # (two shirts, 10 each)
from test_imports20_typed_over_hold_kept import TODAY

NO = "4912345678901230001"
SENT = dict(status="已发货", tracking="SF1234567890", courier="顺丰速运", shipped="2026/11/22 10:00:00")


def _lines(shop) -> list[OrderLine]:
    return [ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine) if ln.order_no == NO]


def _outs(shop) -> list[tuple[str, int]]:
    return sorted((m.sku, m.qty) for m in read_workbook(shop.path(STOCK), STOCK, (Movement,)).rows(Movement)
                  if m.type is MovementType.OUT and m.ref == NO)


def _approved(tmp_path, lang: str):
    shop = _shop(tmp_path, lang)
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(NO, NO + "1", "SH-WH-M"),
                                                       douyin_row(NO, NO + "2", "SH-BK-M")])], today=TODAY)
    review(shop)
    assert {ln.status for ln in _lines(shop)} == {OrderStatus.APPROVED}
    return shop


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_export_lacking_a_sub_order_holds_the_order_part_shipped(tmp_path, lang):
    shop = _approved(tmp_path, lang)
    import_orders(shop, [write_douyin(tmp_path / "b", [douyin_row(NO, NO + "1", "SH-WH-M", **SENT)],
                                      stamp=1763794000)], today=TODAY)
    rows = _lines(shop)
    assert {ln.status for ln in rows} == {OrderStatus.HELD}, [(ln.status, ln.platform_status) for ln in rows]
    assert all(("部分发货" if lang == "zh" else "partly shipped") in ln.platform_status and "SF1234567890" in
               ln.platform_status and "SH-BK-M" not in ln.platform_status for ln in rows)
    assert _outs(shop) == []  # SH-BK-M is on the shelf still

    both = [douyin_row(NO, NO + "1", "SH-WH-M", **SENT),
            douyin_row(NO, NO + "2", "SH-BK-M", **{**SENT, "tracking": "SF1234567891"})]
    import_orders(shop, [write_douyin(tmp_path / "c", both, stamp=1763894000)], today=TODAY)
    assert {ln.status for ln in _lines(shop)} == {OrderStatus.SHIPPED}
    assert _outs(shop) == [("SH-BK-M", 1), ("SH-WH-M", 1)]  # every row once


def test_a_sku_a_person_changed_on_the_sheet_is_no_sub_order_missing(tmp_path):
    shop = _approved(tmp_path, "zh")
    sheet = openpyxl.load_workbook(shop.folder / "orders.xlsx").sheetnames[0]
    typed_in_openpyxl(shop.folder / "orders.xlsx", sheet, {(3, "商家编码"): "SH-WH-M"})  # the buyer wanted white
    both = [douyin_row(NO, NO + "1", "SH-WH-M", **SENT), douyin_row(NO, NO + "2", "SH-BK-M", **SENT)]
    import_orders(shop, [write_douyin(tmp_path / "b", both, stamp=1763794000)], today=TODAY)
    assert {ln.status for ln in _lines(shop)} == {OrderStatus.SHIPPED}
    assert _outs(shop) == [("SH-WH-M", 2)]
