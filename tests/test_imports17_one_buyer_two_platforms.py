"""One buyer who ordered on two platforms (王芳, one phone, one address: two 淘宝 orders and one 抖店 order). The review
wrote 建议合并发货 naming the 抖店 order beside the 淘宝 ones, and the pick list packed all three as one box under one
waybill row (TB1,TB2,DY in its 订单编号): the 抖店 order went out under a 淘宝 waybill, which 抖店 is never told of
(each platform ships its order under a waybill of its own tools and is given its tracking number). Now each platform's
orders of one buyer are one box, another platform's a box of its own; an order typed by hand still joins a platform's.
Real exports (淘宝's GBK pair, 抖店's BOM CSV), the real `orders import`, `orders review` and `picklist`."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D

import openpyxl
from platform_fixtures import douyin_row, write_douyin
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop, lines_of
from test_review_merge_written_otherwise import BK_M
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import ship
from shopbook.schema import ORDERS, OrderLine, OrderSource, OrderStatus
from shopbook.shop import open_shop
from shopbook.workbook_builder import write_workbook

TB1, TB2 = "3515000000000001701", "3515000000000001702"
DY, DY2 = "6937000000000001703", "6937000000000001704"


def _shop(tmp_path, build: bool = True, dy: tuple[str, ...] = (DY,)):
    shop = build_shop(tmp_path) if build else open_shop(tmp_path / "shop")
    rows = [order_row(no, "tb_wangfang", "王芳", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                      "2026-11-21 12:00:00", goods="99.00") for no in (TB1, TB2)]  # (due after DY)
    lines = [detail_row(no, "衬衫", "99.00", "1", "SH-BK-M") for no in (TB1, TB2)]
    tb = write_pair(tmp_path / "tb", rows, lines, stamp="202611210930")
    dy = write_douyin(tmp_path / "dy", [douyin_row(no, no + "1", "SH-BK-M", receiver="王芳", phone="13812345678",
                                                   province="浙江省", city="杭州市", district="西湖区", street="-",
                                                   detail="文三路100号") for no in dy])
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), *map(str, tb), str(dy)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    assert r.exit_code == 0, r.output
    return shop


def test_one_buyers_orders_on_two_platforms_are_a_box_each_platform(tmp_path):
    shop = _shop(tmp_path)
    review = {ln.order_no: ln.review for ln in lines_of(shop)}
    assert review[TB1] == f"提示：同一收货人和地址还有订单 {TB2}，建议合并发货"
    assert review[TB2] == f"提示：同一收货人和地址还有订单 {TB1}，建议合并发货"
    assert "合并" not in review[DY] and TB1 not in review[DY]

    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0, r.output
    (notes,) = (shop.folder / "reports").glob("拣货单-*.xlsx")
    rows = [[c for c in row if c is not None] for row in openpyxl.load_workbook(notes)["发货单"].iter_rows(values_only=True)]
    assert [r for r in rows if r and r[0] == "合并发货"] == [["合并发货", f"与订单 {TB2} 装进一个包裹，贴一张面单"],
                                                          ["合并发货", f"与订单 {TB1} 装进一个包裹，贴一张面单"]]
    (waybill,) = (shop.folder / "reports").glob("面单-*.csv")
    ids = sorted(w[0].removeprefix("=").strip('"') for w in list(csv.reader(waybill.read_text(encoding="utf-8-sig").splitlines()))[1:])
    assert ids == sorted([f"{TB1},{TB2}", DY])  # (a long number as ="…", to stay text in Excel)


def test_a_waybill_scanned_for_two_platforms_orders_fails_the_second(tmp_path):
    """The packer boxed the 抖店 order in with the 淘宝 ones and scanned one waybill for all: the 淘宝 orders ship
    under it (合并发货), the 抖店 one is refused at its row, said why, in the shop's language."""
    shop = _shop(tmp_path)
    scans = tmp_path / "scan.txt"
    scans.write_text("".join(f"{no},中通,73100000000001\n{BK_M}\n" for no in (TB1, TB2, DY)), encoding="utf-8")
    res = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert [(c.order_no, c.ok) for c in res.checks] == [(TB1, True), (TB2, True), (DY, False)]
    zh, en = res.checks[2].problems[0]
    assert f"已是淘宝订单 {TB1} 的面单，这个是抖店订单" in zh and f"Taobao order {TB1}, and this is a Douyin order" in en
    status = {ln.order_no: ln.status for ln in lines_of(shop)}
    assert status[TB1] is status[TB2] is OrderStatus.SHIPPED and status[DY] is not OrderStatus.SHIPPED


def test_an_order_typed_by_hand_for_the_buyer_joins_one_platforms_box_in_note_and_pick_list(tmp_path):
    """An order typed by hand to the same buyer (no platform: any courier's waybill does) goes in one box with one
    platform's orders, the same one in the review's note and on the packing notes."""
    shop = build_shop(tmp_path)
    book = read_workbook(shop.path(ORDERS), ORDERS)
    typed = [OrderLine(order_no="H1", paid_at=dt.datetime(2026, 11, 21, 8, 0), receiver="王芳", phone="13812345678",
                       address="浙江省杭州市西湖区文三路100号", sku="SH-BK-M", qty=1, unit_price=D("99.00"),
                       status=OrderStatus.NEW, source=OrderSource.MANUAL)]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {**{m: book.rows(m) for m in book.sheets}, OrderLine: typed},
                   keep_backup=False)
    shop = _shop(tmp_path, build=False, dy=(DY, DY2))
    review = {ln.order_no: ln.review for ln in lines_of(shop)}
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0, r.output
    (waybill,) = (shop.folder / "reports").glob("面单-*.csv")
    ids = sorted(w[0].removeprefix("=").strip('"') for w in
                 list(csv.reader(waybill.read_text(encoding="utf-8-sig").splitlines()))[1:])
    box = next(i for i in ids if "H1" in i).split(",")
    assert len(ids) == 2 and len(box) == 3 and len({n[:2] for n in box if n != "H1"}) == 1  # one platform's and H1
    for no in box:  # each order of the box is named by the note of every other, and no order outside it
        assert set(box) - {no} == {n for n in (TB1, TB2, DY, DY2, "H1") if n in review[no] and n != no}
