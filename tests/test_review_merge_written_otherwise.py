"""One buyer's orders, the platform's and those typed for them by hand, their address written each its own way
(浙江省 杭州市 西湖区 文三路100号, 杭州市西湖区文三路100号 with the province left out, 浙江杭州西湖区文三路100号):
the review suggested no 合并发货, three parcels went to one door, and had the packer put two in one box
under one waybill, the scan check failed the second as a waybill on "another receiver's" parcel. Addresses
of one receiver are compared as the place they name: the merge is suggested, the shared waybill passes, and
another receiver, or the same street in another city, is still apart. A real orders.xlsx, a real `shopbook
orders review`, the scan check in-process."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import ship
from shopbook.schema import ORDERS, OrderLine, OrderStatus
from shopbook.shop import open_shop
from shopbook.workbook_builder import write_workbook

ORDERS_TYPED = {  # order → receiver, address as written
    "M1": ("王芳", "浙江省 杭州市 西湖区 文三路100号(310000)"),
    "M2": ("王芳", "杭州市西湖区文三路100号"),
    "M3": ("王芳", "浙江杭州西湖区文三路１００号"),
    "M4": ("王芳", "浙江省 宁波市 海曙区 文三路100号"),  # the same street and number in another city
    "M5": ("李雷", "浙江省 杭州市 西湖区 文三路100号"),  # another receiver at the door
}
BK_M = "0690000000031"  # build_shop's barcode of SH-BK-M


def reviewed(tmp_path, orders: dict[str, tuple[str, str]]):
    """build_shop with `orders` (order → receiver, address) typed in as new orders of one SH-BK-M each, and
    `shopbook orders review` run on it: the shop, and what the review printed."""
    shop = build_shop(tmp_path)
    book = read_workbook(shop.path(ORDERS), ORDERS)
    typed = [OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 21, 9, i), receiver=who, phone="13812345678",
                       address=address, sku="SH-BK-M", qty=1, unit_price=D("99.00"), status=OrderStatus.NEW)
             for i, (no, (who, address)) in enumerate(orders.items())]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {**{m: book.rows(m) for m in book.sheets}, OrderLine: typed},
                   keep_backup=False)
    r = CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    assert r.exit_code == 0, r.output
    return shop, r.output


def test_one_buyers_orders_written_otherwise_are_one_parcel(tmp_path):
    shop, _ = reviewed(tmp_path, ORDERS_TYPED)
    review = {ln.order_no: ln.review for ln in lines_of(shop)}
    assert review == {"M1": "提示：同一收货人和地址还有订单 M2, M3，建议合并发货",
                      "M2": "提示：同一收货人和地址还有订单 M1, M3，建议合并发货",
                      "M3": "提示：同一收货人和地址还有订单 M1, M2，建议合并发货", "M4": "通过", "M5": "通过"}
    scans = tmp_path / "scan.txt"  # M1 and M2 in one box under one waybill; M5 wrongly under it too
    scans.write_text("".join(f"{no},中通,73100000000001\n{BK_M}\n" for no in ("M1", "M2", "M5")), encoding="utf-8")
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert [(c.order_no, c.ok) for c in res.checks] == [("M1", True), ("M2", True), ("M5", False)]
    assert "已是订单 M1（收货人 王芳）的面单" in res.checks[2].problems[0][0]
