"""Two exports of one platform imported in one run (yesterday's left in inbox/ beside today's, or both
dragged in at once): an order in both is as the later one says it, in everything: its address, and
where what is said of it is located (the later file and its row, not the older one that said it waited).
Real 抖店 and 拼多多 CSV bytes, a real `shopbook orders import`."""

from __future__ import annotations

import json

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus

DY, DY_SUB = "6930000000000000001", "6930000000000000011"


def _import(shop, *files, json_out: bool = False):
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), *map(str, files), *(["--json"] * json_out)])
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.output) if json_out else r.output


def test_a_douyin_order_whose_address_the_later_export_changed_comes_in_with_the_new_one(tmp_path):
    """Day 1 the order waits at 科技园路1号; day 2's export says the buyer changed it (是否修改过地址 是).
    Both in one import (given newest first): the order came in with day 1's address, the change
    never said, its parcel to go to the old address."""
    shop = build_shop(tmp_path)
    changed = douyin_row(DY, DY_SUB, "SH-WH-M", qty=2, detail="滨海大道2号")
    changed["是否修改过地址"] = "是"
    day1 = write_douyin(tmp_path / "d1", [douyin_row(DY, DY_SUB, "SH-WH-M", qty=2)], stamp=1795230000)
    day2 = write_douyin(tmp_path / "d2", [changed], stamp=1795316400)
    _import(shop, day2, day1)
    line, = lines_of(shop)
    assert (line.order_no, line.qty, line.status) == (DY, 2, OrderStatus.NEW)
    assert line.address == "广东省 深圳市 南山区 粤海街道 滨海大道2号"
    assert line.changes and "地址" in line.changes  # its 修改记录 says the buyer changed it


def test_an_unmapped_code_shipped_in_the_later_export_is_said_at_that_exports_row(tmp_path):
    """The order came in yesterday with a code the SKU map lacks; today's import has the morning's
    export (still 待发货, row 2) and the evening's (已发货, row 3): the warning to add the code and import
    "this file" again named the morning's file and row, which says nothing of a shipment."""
    shop = build_shop(tmp_path)
    no = "231121-012345678900001"
    import_orders(shop, [write_pdd(tmp_path / "a", [pdd_row(no, "待发货", "PDD-XX-1")],
                                   name="orders_export2026-11-21-10-00-00.csv")])
    morning = write_pdd(tmp_path / "b", [pdd_row(no, "待发货", "PDD-XX-1")], name="orders_export2026-11-22-09-00-00.csv")
    evening = write_pdd(tmp_path / "c", [pdd_row("231121-012345678900002", "待发货", "SH-WH-M"),
                                         pdd_row(no, "已发货，待收货", "PDD-XX-1", tracking="YT1234567890",
                                                 courier="圆通快递", shipped="2026-11-22 16:00:00")],
                        name="orders_export2026-11-22-18-00-00.csv")
    out = _import(shop, morning, evening, json_out=True)
    held = next(i for i in out["issues"] if "PDD-XX-1" in i["message_zh"] and "已发货" in i["message_zh"])
    assert (held["book"], held["row"]) == (evening.name, 3)
    change, = [c for c in out["changes"] if c["order_no"] == no]
    assert change["to"] == OrderStatus.HELD.value and change["file"] == evening.name
    line = next(ln for ln in lines_of(shop) if ln.order_no == no)
    assert (line.status, line.tracking_no) == (OrderStatus.HELD, "YT1234567890")


def test_a_douyin_sub_order_shipped_in_the_later_export_is_said_there(tmp_path):
    """The same for 抖店: the order shipped per the later export, its code unmapped: said at the later
    export's row of it."""
    shop = build_shop(tmp_path)
    import_orders(shop, [write_douyin(tmp_path / "a", [douyin_row(DY, DY_SUB, "DY-XX-1")], stamp=1795143600)])
    morning = write_douyin(tmp_path / "b", [douyin_row(DY, DY_SUB, "DY-XX-1")], stamp=1795230000)
    evening = write_douyin(tmp_path / "c", [douyin_row("6930000000000000002", "6930000000000000021", "SH-WH-M"),
                                            douyin_row(DY, DY_SUB, "DY-XX-1", status="已发货", tracking="ZT7312345678",
                                                       courier="中通快递", shipped="2026/11/22 16:00:00")],
                           stamp=1795262400)
    out = _import(shop, evening, morning, json_out=True)
    held = next(i for i in out["issues"] if "DY-XX-1" in i["message_zh"] and "已发货" in i["message_zh"])
    assert (held["book"], held["row"]) == (evening.name, 3)
