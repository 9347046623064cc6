"""抖店 says a buyer changed the address in 是否修改过地址 (是), the new address in 省 市 区 街道 详细地址:
a later export holds the order with it named (as 淘宝's 修改后的收货地址 does). Where a person has typed
the new address in already, written without the export's spaces or postcode (广东省深圳市南山区…), the
order is not held again: it was held, pulled off the pick list and waited for a person for an address
it already had. Real 抖店 CSV bytes (UTF-8 with BOM, `-` for blanks), a real `shopbook orders import`."""

from __future__ import annotations

from cli_run import type_in
from platform_fixtures import douyin_row, write_douyin
from test_orders import TODAY, build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.orders.workflow import import_orders, make_picklist, review
from shopbook.schema import ORDERS, OrderStatus

NO, SUB = "6930000000000000301", "6930000000000000311"


def _changed(tmp_path, name: str, stamp: int):
    row = douyin_row(NO, SUB, "SH-WH-M", detail="滨海大道2号")
    row["是否修改过地址"] = "是"
    return write_douyin(tmp_path / name, [row], stamp=stamp)


def _picked(tmp_path):
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "d1", [douyin_row(NO, SUB, "SH-WH-M")], stamp=1795230000)])
    review(shop)
    assert make_picklist(shop, today=TODAY).parcels
    return shop


def test_a_douyin_address_changed_later_holds_the_order_naming_it(tmp_path):
    shop = _picked(tmp_path)
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(_changed(tmp_path, "d2", 1795316400))])
    assert r.exit_code == 1 and "把这个包裹拿出来" in r.output  # picked: to be pulled
    line, = lines_of(shop)
    assert line.status is OrderStatus.HELD and "滨海大道2号" in line.platform_status
    assert line.address == "广东省 深圳市 南山区 粤海街道 科技园路1号"  # the cell stays the person's


def test_the_new_address_typed_in_by_a_person_is_not_held_again(tmp_path):
    shop = _picked(tmp_path)
    type_in(shop.path(ORDERS), "订单", {(2, "收货地址"): "广东省深圳市南山区粤海街道滨海大道2号(518000)"})
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(_changed(tmp_path, "d2", 1795316400))])
    assert r.exit_code == 0, r.output
    line, = lines_of(shop)
    assert (line.status, line.platform_status) == (OrderStatus.APPROVED, None)
    assert line.address == "广东省深圳市南山区粤海街道滨海大道2号(518000)"
    assert make_picklist(shop, today=TODAY).pull == []
