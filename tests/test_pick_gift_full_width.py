"""A gift typed into an order's 赠品 cell with the input method in full width (GIFT－1×2, a 收藏有礼 gift or a
make-good): the pick list said "赠品 GIFT－1 不在“商品”表" and told the person to correct the 促销 sheet, and
the order was picked and packed without the gift its cell promised. The code is read as a SKU is, full width
aside: picked, on the packing note and expected by the scan check; the cell keeps what was typed. A gift code
really on no 商品 row is said with both places it may have come from. A real orders.xlsx, the pick list and
the scan check run in-process."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_orders import build_shop, lines_of

from shopbook.io.reader import read_workbook
from shopbook.orders.workflow import make_picklist, ship
from shopbook.schema import ORDERS, OrderLine, OrderStatus
from shopbook.shop import open_shop
from shopbook.workbook_builder import write_workbook

WH_M, GIFT = "0690000000017", "0690000000048"  # build_shop's barcodes of SH-WH-M and GIFT-1


def test_a_gift_typed_in_full_width_is_picked_and_checked(tmp_path):
    shop = build_shop(tmp_path)
    book = read_workbook(shop.path(ORDERS), ORDERS)
    typed = [OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 21, 9, i), receiver=f"买家{i}", phone="13812345678",
                       address="浙江省 杭州市 西湖区 文三路100号", sku="SH-WH-M", qty=1, unit_price=D("99.00"),
                       status=OrderStatus.APPROVED, review="通过", gifts=gift)
             for i, (no, gift) in enumerate((("G1", "GIFT－1×2"), ("G2", "ＧＩＦＴ－１"), ("G3", "NOPE-G")))]
    write_workbook(shop.path(ORDERS), ORDERS, "zh", {**{m: book.rows(m) for m in book.sheets}, OrderLine: typed},
                   keep_backup=False)
    res = make_picklist(open_shop(shop.folder), "B1", today=dt.date(2026, 11, 22))
    assert {p.order_no: [(g.sku, g.qty) for g in p.gifts] for p in res.parcels} == {
        "G1": [("GIFT-1", 2)], "G2": [("GIFT-1", 1)], "G3": []}
    assert dict(res.unknown_gifts) == {"NOPE-G": ["G3"]}
    said = "\n".join(zh for _, zh, _ in res.said())
    assert "请改正“促销”表或订单“赠品”一栏里的赠品编码，或在“商品”表加上它" in said, said
    assert {ln.order_no: ln.gifts for ln in lines_of(shop)} == {"G1": "GIFT－1×2", "G2": "ＧＩＦＴ－１", "G3": "无"}
    scans = tmp_path / "scan.txt"
    scans.write_text(f"G1,中通,73100000000001\n{WH_M}\n{GIFT}\n{GIFT}\nG2,中通,73100000000002\n{WH_M}\n{GIFT}\n",
                     encoding="utf-8")
    checked = ship(open_shop(shop.folder), scans, today=dt.date(2026, 11, 22))
    assert [(c.order_no, c.ok, c.problems) for c in checked.checks] == [("G1", True, []), ("G2", True, [])]
